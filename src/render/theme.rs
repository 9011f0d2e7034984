//! Themes: Tera templates plus static assets (CSS, JS).
//!
//! The default theme is compiled into the binary so `ithub` works from any folder; when
//! `themes/default/` exists beside the content folder it is read from disk instead, so theme
//! edits show up in `serve`. A theme named in `hub.yaml` overrides templates and assets one by
//! one and falls back to `default` for the rest.

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

/// The default theme's files, by path under `themes/default/` (listed by `build.rs` from the
/// folder itself).
pub(crate) const DEFAULT_FILES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

pub struct Theme {
    pub tera: Tera,
    /// Asset name (`style.css`) → fingerprinted site path (`assets/style.3f2a9c1d.css`).
    pub asset_paths: BTreeMap<String, String>,
    /// Fingerprinted site path → bytes.
    pub assets: Vec<(String, Vec<u8>)>,
}

/// Where a theme file came from, for error messages.
struct ThemeFile {
    origin: PathBuf,
    text: String,
}

pub fn load(themes_dir: &Path, name: Option<&str>, diags: &Diagnostics) -> Option<Theme> {
    let mut files: BTreeMap<String, ThemeFile> = BTreeMap::new();
    let default_dir = themes_dir.join("default");
    if default_dir.join("templates").is_dir() {
        read_dir_into(&default_dir, &mut files, diags);
    } else {
        for (rel, text) in DEFAULT_FILES {
            files.insert(
                rel.to_string(),
                ThemeFile {
                    origin: PathBuf::from("themes/default").join(rel),
                    text: text.to_string(),
                },
            );
        }
    }
    if let Some(n) = name.filter(|n| *n != "default") {
        let dir = themes_dir.join(n);
        if !dir.is_dir() {
            diags.push(
                Diagnostic::error(&dir, Pos::new(1, 1), format!("theme `{n}` not found")).help(
                    format!("create {} or remove `theme:` from hub.yaml", dir.display()),
                ),
            );
            return None;
        }
        read_dir_into(&dir, &mut files, diags);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let templates: Vec<(String, String)> = files
        .iter()
        .filter_map(|(rel, f)| {
            rel.strip_prefix("templates/")
                .map(|n| (n.to_string(), f.text.clone()))
        })
        .collect();
    if let Err(e) = tera.add_raw_templates(templates) {
        let (file, msg) = tera_error(&e, &files);
        diags.push(
            Diagnostic::error(&file, tera_pos(&msg), msg)
                .help("fix the template syntax; see https://keats.github.io/tera/docs/"),
        );
        return None;
    }
    let mut asset_paths = BTreeMap::new();
    let mut assets = Vec::new();
    // Every script's error is reported before the theme is given up.
    let mut scripts_ok = true;
    for (rel, f) in &files {
        let Some(name) = rel.strip_prefix("static/") else {
            continue;
        };
        let bytes = if name.ends_with(".js") {
            match super::script::shipped(&f.text) {
                Ok(js) => js.into_bytes(),
                Err(e) => {
                    let pos = crate::source::pos_of_offset(&f.text, e.offset);
                    diags.push(
                        Diagnostic::error(&f.origin, pos, format!("script error: {}", e.message))
                            .excerpt(&f.text, 1)
                            .help("fix the JavaScript here; the site ships every theme script minified, so each must parse"),
                    );
                    scripts_ok = false;
                    continue;
                }
            }
        } else {
            f.text.clone().into_bytes()
        };
        let path = fingerprinted(name, &bytes);
        asset_paths.insert(name.to_string(), path.clone());
        assets.push((path, bytes));
    }
    if !scripts_ok {
        return None;
    }
    Some(Theme {
        tera,
        asset_paths,
        assets,
    })
}

fn read_dir_into(dir: &Path, files: &mut BTreeMap<String, ThemeFile>, diags: &Diagnostics) {
    for rel in crate::load::walk(dir) {
        if !(rel.starts_with("templates/") || rel.starts_with("static/"))
            || rel.split('/').any(|p| p.starts_with('.'))
        {
            continue;
        }
        let origin = dir.join(&rel);
        match std::fs::read_to_string(&origin) {
            Ok(text) => {
                files.insert(rel, ThemeFile { origin, text });
            }
            Err(e) => diags.push(Diagnostic::error(
                &origin,
                Pos::new(1, 1),
                format!("cannot read theme file: {e}"),
            )),
        }
    }
}

/// The first template Tera names in its error chain, and the full message.
fn tera_error(e: &tera::Error, files: &BTreeMap<String, ThemeFile>) -> (PathBuf, String) {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    let file = files
        .iter()
        .find(|(rel, _)| {
            rel.strip_prefix("templates/")
                .is_some_and(|n| msg.contains(&format!("'{n}'")))
        })
        .map_or_else(|| PathBuf::from("themes"), |(_, f)| f.origin.clone());
    (file, msg.replace('\n', " "))
}

/// Where in its template a parse error is: tera's message points at it as `--> LINE:COLUMN`.
fn tera_pos(msg: &str) -> Pos {
    let at = msg.find("--> ").map(|i| &msg[i + 4..]).unwrap_or("");
    let num = |s: &str| -> Option<usize> {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let line = num(at);
    let column = at.split_once(':').and_then(|(_, c)| num(c));
    match (line, column) {
        (Some(l), Some(c)) => Pos::new(l, c),
        _ => Pos::new(1, 1),
    }
}

/// `style.css` → `assets/style.<8 hex of FNV-1a>.css`: the name changes when the bytes do, so
/// hosts can cache assets forever.
pub fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let h = crate::hash::fnv1a(bytes);
    let short = format!("{:08x}", (h >> 32) as u32 ^ h as u32);
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{}{stem}.{short}.{ext}", crate::routes::ASSETS),
        None => format!("{}{name}.{short}", crate::routes::ASSETS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_syntax_error_names_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("default/templates");
        std::fs::create_dir_all(&templates).unwrap();
        for (rel, text) in DEFAULT_FILES {
            let path = dir.path().join("default").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let base = templates.join("base.html");
        let text = std::fs::read_to_string(&base).unwrap();
        std::fs::write(&base, format!("{text}\n<p>\n  {{% if %}}\n")).unwrap();
        let line = text.lines().count() + 3;
        let diags = Diagnostics::new();
        assert!(load(dir.path(), None, &diags).is_none());
        let found = diags.into_sorted();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].file.ends_with("base.html"), "{:?}", found[0].file);
        // tera points where the missing condition should be: just before `%}`.
        assert_eq!((found[0].line, found[0].column), (line, 9));
    }

    #[test]
    fn a_script_that_does_not_parse_names_its_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in DEFAULT_FILES {
            let path = dir.path().join("default").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let bad = dir.path().join("default/static/menu.js");
        std::fs::write(&bad, "(function () {\n  const open = ;\n})();\n").unwrap();
        let worse = dir.path().join("default/static/filters.js");
        std::fs::write(&worse, "if (x {\n}\n").unwrap();
        let diags = Diagnostics::new();
        assert!(load(dir.path(), None, &diags).is_none());
        let found = diags.into_sorted();
        let at: Vec<_> = found
            .iter()
            .map(|d| (d.file.file_name().unwrap().to_owned(), d.line, d.column))
            .collect();
        assert_eq!(
            at,
            [("filters.js".into(), 1, 7), ("menu.js".into(), 2, 16)],
            "{found:?}"
        );
        assert!(found
            .iter()
            .all(|d| d.source_line.is_some() && d.help.is_some()));
    }

    #[test]
    fn fingerprint_follows_content() {
        let a = fingerprinted("style.css", b"body{}");
        assert!(a.starts_with("assets/style.") && a.ends_with(".css"));
        assert_eq!(a, fingerprinted("style.css", b"body{}"));
        assert_ne!(a, fingerprinted("style.css", b"body{ }"));
    }
}
