//! Reporting a rebuild, and deciding what open pages must do about it.

use super::state::{Change, Files};
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;

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
    old: &Files,
    new: Option<&BTreeMap<String, Vec<u8>>>,
) -> Change {
    let Some(new) = new else {
        return Change::Reload;
    };
    change_of_paths(changed, &mut old.keys(), &mut new.keys())
}

/// `change_kind` for an in-place edit: the files after it are the old ones without `removed`,
/// with `written`.
pub fn change_in_place(
    changed: &[PathBuf],
    old: &Files,
    written: &BTreeMap<String, Vec<u8>>,
    removed: &[String],
) -> Change {
    let mut after = old
        .keys()
        .filter(|k| !removed.contains(k))
        .chain(written.keys());
    change_of_paths(changed, &mut old.keys(), &mut after)
}

fn change_of_paths(
    changed: &[PathBuf],
    old: &mut dyn Iterator<Item = &String>,
    new: &mut dyn Iterator<Item = &String>,
) -> Change {
    if changed.is_empty()
        || !changed
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"))
    {
        return Change::Reload;
    }
    let assets = |keys: &mut dyn Iterator<Item = &String>| -> BTreeMap<String, String> {
        keys.filter(|k| k.starts_with("assets/") && k.ends_with(".css"))
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
