//! Lists the default theme's files for `render/theme.rs` to compile into the binary, so the
//! embedded theme is always exactly the folder: a file added to `themes/default/` needs no
//! second list kept equal by hand.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read when the script runs, not when it was compiled: a target folder shared by two
    // checkouts must list the files of the one being built.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for dir in ["templates", "static"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
        let entries = std::fs::read_dir(root.join(dir)).expect("themes/default is readable");
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_file() && !name.starts_with('.') {
                files.push(format!("{dir}/{name}"));
            }
        }
    }
    files.sort();
    let mut out = String::from("&[\n");
    for f in &files {
        let path = root.join(f);
        let _ = writeln!(
            out,
            "    ({f:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push(']');
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("theme_files.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
