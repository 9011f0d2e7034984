//! Comparing what `serve` shows after an edit with what a fresh full build makes and reports.

use ithub::build::{build_in_memory, BuildOptions};
use ithub::diagnostics::{Diagnostic, Severity};
use ithub::serve::session::{Changed, Session, Step};
use std::collections::BTreeMap;

/// The served site is byte for byte the full build's: the same files, the same bytes.
pub fn assert_same_files(
    served: &BTreeMap<String, Vec<u8>>,
    full: &BTreeMap<String, Vec<u8>>,
    after: &str,
) {
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>(),
        "file lists differ after {after}"
    );
    for (k, v) in served {
        assert!(v == &full[k], "{k} differs after {after}");
    }
}

/// What the server shows after one step, as `serve::watch::apply` publishes it.
pub struct Reported {
    /// Whether the session went in place (pages first, then the site-wide files).
    pub in_place: bool,
    /// Whether new files were published (`false`: still serving the last good site).
    pub published: bool,
    /// The problems shown: after an in-place edit, the ones it carries.
    pub errors: Vec<Diagnostic>,
}

/// Run one batch of changes through the session and publish it into `served`.
/// Serve what `Session::finish` gave: its files, and none of the export files it dropped.
pub fn serve_finished(
    served: &mut BTreeMap<String, Vec<u8>>,
    (files, removed): (BTreeMap<String, Vec<u8>>, Vec<String>),
) {
    for gone in &removed {
        served.remove(gone);
    }
    served.extend(files);
}

pub fn serve_step(
    session: &mut Session,
    changed: &Changed,
    served: &mut BTreeMap<String, Vec<u8>>,
) -> Reported {
    // `watch::apply` publishes an in-place step's pages before `finish`; if that then fails,
    // the pages are out all the same.
    let mut in_place = false;
    let outcome = match session.step(changed) {
        Step::InPlace(mut done) => {
            in_place = true;
            for gone in &done.removed {
                served.remove(gone);
            }
            served.extend(std::mem::take(&mut done.files));
            match session.finish(&done) {
                Ok(finished) => {
                    serve_finished(served, finished);
                    return Reported {
                        in_place,
                        published: true,
                        errors: done.diagnostics,
                    };
                }
                Err(outcome) => outcome,
            }
        }
        Step::Full(outcome) => outcome,
        Step::Unchanged => {
            return Reported {
                in_place,
                published: false,
                errors: Vec::new(),
            }
        }
    };
    let published = in_place || outcome.files.is_some();
    if let Some(files) = outcome.files {
        *served = files;
    }
    Reported {
        in_place,
        published,
        errors: outcome.errors,
    }
}

/// Problems as a user sees them: severity, file, line, column and message, in a fixed order.
pub fn shown(ds: &[Diagnostic]) -> Vec<String> {
    let mut v: Vec<String> = ds
        .iter()
        .map(|d| {
            let sev = if d.severity == Severity::Error {
                "error"
            } else {
                "warning"
            };
            format!(
                "{sev} {}:{}:{} {}",
                d.file.display(),
                d.line,
                d.column,
                d.message
            )
        })
        .collect();
    v.sort();
    v
}

/// After a step, serve reports what a fresh full build reports, and serves what it makes; when
/// the build fails, serve published nothing new. Returns whether the fresh build succeeded.
pub fn assert_matches_fresh_build(
    r: &Reported,
    served: &BTreeMap<String, Vec<u8>>,
    opts: &BuildOptions,
    after: &str,
) -> bool {
    let (full, full_diags) = build_in_memory(opts);
    assert_eq!(
        shown(&r.errors),
        shown(&full_diags),
        "serve (in place: {}) reports other problems than a full build after {after}",
        r.in_place
    );
    match full {
        Some(b) => {
            assert!(
                r.published,
                "the build succeeds, serve kept the old site after {after}"
            );
            assert_same_files(served, &b.files, after);
            true
        }
        None => {
            assert!(
                !r.published,
                "the build fails, serve published a site (in place: {}) after {after}",
                r.in_place
            );
            false
        }
    }
}
