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
    let (before, after) = (assets(&mut old.keys()), assets(&mut new.keys()));
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
