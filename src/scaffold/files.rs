//! Reading, writing and choosing the files `ithub new` works on: never overwriting a file made
//! since we looked, and refusing to add to a file that is already broken.

use super::{Created, ScaffoldError};
use crate::diagnostics::did_you_mean;
use crate::source::{front_matter, typed, SourceFile};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// `dir/slug.md`, or `slug-2.md`, `slug-3.md`… if taken or reserved.
pub(super) fn unique_file(dir: &Path, slug: &str, reserved: &[&str]) -> PathBuf {
    (1..)
        .map(|n| {
            if n == 1 {
                slug.to_string()
            } else {
                format!("{slug}-{n}")
            }
        })
        .find(|s| !reserved.contains(&s.as_str()) && !dir.join(format!("{s}.md")).exists())
        .map(|s| dir.join(format!("{s}.md")))
        .unwrap_or_else(|| dir.join(format!("{slug}.md")))
}

pub(super) fn write_new(path: &Path, text: &str) -> Result<Created, ScaffoldError> {
    let fail =
        |e: std::io::Error| ScaffoldError::new(format!("cannot write {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    // `create_new`: never overwrite a file someone made since we looked.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(fail)?;
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(fail)?;
    Ok(Created {
        path: path.to_path_buf(),
        notes: Vec::new(),
    })
}

pub(super) fn read(path: &Path) -> Result<String, ScaffoldError> {
    std::fs::read_to_string(path)
        .map_err(|e| ScaffoldError::new(format!("cannot read {}: {e}", path.display())))
}

pub(super) fn overwrite(path: &Path, text: &str) -> Result<Created, ScaffoldError> {
    std::fs::write(path, text)
        .map_err(|e| ScaffoldError::new(format!("cannot write {}: {e}", path.display())))?;
    Ok(Created {
        path: path.to_path_buf(),
        notes: Vec::new(),
    })
}

/// Parse a file's front matter as `M`; a file that is already broken is not edited.
pub(super) fn parse<M: DeserializeOwned>(
    content: &Path,
    path: &Path,
    text: &str,
) -> Result<(M, usize), ScaffoldError> {
    let rel = path
        .strip_prefix(content)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let src = SourceFile::from_text(content, &rel, text.to_string());
    let broken = || {
        ScaffoldError::new(format!(
            "{} has problems, so nothing was added to it",
            path.display()
        ))
        .help("run `ithub check`, fix what it reports, then run `ithub new` again")
    };
    let split = front_matter::split(&src).map_err(|_| broken())?;
    let (m, _) = typed::parse::<M>(&src, &split).map_err(|_| broken())?;
    Ok((m, split.body_offset))
}

pub(super) fn subdirs(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| {
                let e = e.ok()?;
                e.file_type()
                    .ok()?
                    .is_dir()
                    .then(|| e.file_name().to_string_lossy().into_owned())
            })
            .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The value given for `flag`, checked against what exists; or the only one there is.
pub(super) fn choose(
    given: Option<&str>,
    options: &[String],
    what: &str,
    flag: &str,
    shape: &str,
) -> Result<String, ScaffoldError> {
    let list = || options.join(", ");
    match given {
        Some(g) if options.iter().any(|o| o == g) => Ok(g.to_string()),
        Some(g) => {
            let help = match did_you_mean(g, options.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None if options.is_empty() => {
                    format!("there is no {what} yet: create {shape} first")
                }
                None => format!("choose one of: {}", list()),
            };
            Err(ScaffoldError::new(format!("there is no {what} `{g}`")).help(help))
        }
        None if options.len() == 1 => Ok(options[0].clone()),
        None if options.is_empty() => Err(ScaffoldError::new(format!("the hub has no {what} yet"))
            .help(format!("create {shape} first"))),
        None => Err(ScaffoldError::new(format!("which {what}?"))
            .help(format!("add `{flag}` with one of: {}", list()))),
    }
}
