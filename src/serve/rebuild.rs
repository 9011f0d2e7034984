//! Turning content on disk into a new site for `serve`.

use super::state::{Change, Outcome};
use crate::build::{build_in_memory_with, BuildOptions, Caches};
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Build into memory, reusing from `caches` every file and body an edit did not touch.
pub fn rebuild(opts: &BuildOptions, caches: &Caches) -> Outcome {
    let (built, errors) = build_in_memory_with(opts, Some(caches));
    match built {
        Some(b) => Outcome {
            files: Some(b.files),
            index: Some(b.index),
            errors,
            pages: b.pages,
        },
        None => Outcome {
            files: None,
            index: None,
            errors,
            pages: 0,
        },
    }
}

/// Print a rebuild's problems to the terminal, as `build` would.
pub fn report(errors: &[Diagnostic]) {
    for d in errors {
        esay!("{d}");
    }
    let n = errors
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if n > 0 {
        esay!("{n} error(s): still serving the last good version; fix them and save");
    }
}

/// What a rebuild means for open pages: if only stylesheets changed, swap them in place.
pub fn change_kind(
    changed: &[PathBuf],
    old: &BTreeMap<String, Vec<u8>>,
    new: Option<&BTreeMap<String, Vec<u8>>>,
) -> Change {
    let Some(new) = new else {
        return Change::Reload;
    };
    if changed.is_empty()
        || !changed
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"))
    {
        return Change::Reload;
    }
    let assets = |m: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, String> {
        m.keys()
            .filter(|k| k.starts_with("assets/") && k.ends_with(".css"))
            .filter_map(|k| {
                let file = k.strip_prefix("assets/")?;
                let (stem, _) = file.split_once('.')?;
                Some((format!("{stem}.css"), k.clone()))
            })
            .collect()
    };
    let (before, after) = (assets(old), assets(new));
    let moved: BTreeMap<String, String> = after
        .into_iter()
        .filter(|(k, v)| before.get(k) != Some(v))
        .collect();
    if moved.is_empty() {
        Change::Reload
    } else {
        Change::Css(moved)
    }
}
