//! Watching the content and theme folders, and rebuilding on change.
//!
//! notify's events are debounced (editors save in bursts: write temp file, rename over,
//! touch), then handed to one rebuild thread, which folds every change that arrived while it
//! was busy into its next rebuild.

use super::rebuild;
use super::session::{Changed, Session, Step};
use super::state::Live;
use crate::build::BuildOptions;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a burst of file events may go quiet before we rebuild. An editor's save (write a
/// temporary file, rename it over, touch) lands within a millisecond or two; every
/// millisecond here is added to every reload.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watching {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Files that editors and tools create beside real ones and that never affect the site.
pub fn ignored(p: &std::path::Path) -> bool {
    p.file_name()
        .is_some_and(|n| crate::editor_temp::is_editor_temp(&n.to_string_lossy()))
}

pub fn start(
    opts: &BuildOptions,
    live: Arc<Live>,
    mut session: Session,
) -> notify::Result<Watching> {
    let (tx, rx) = mpsc::channel::<Changed>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
        let changed = match res {
            Ok(events) => Changed {
                rescan: events.iter().any(|e| e.event.need_rescan()),
                // Our own rebuilds read every file; reads must not trigger another rebuild.
                paths: events
                    .into_iter()
                    .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                    .flat_map(|e| e.event.paths)
                    .filter(|p| !ignored(p))
                    .collect(),
            },
            // Events were lost: rebuild everything rather than miss a change.
            Err(_) => Changed {
                paths: Vec::new(),
                rescan: true,
            },
        };
        if changed.rescan || !changed.paths.is_empty() {
            let _ = tx.send(changed);
        }
    })?;
    debouncer.watch(&opts.content, RecursiveMode::Recursive)?;
    let themes = opts.themes_dir();
    if themes.is_dir() {
        debouncer.watch(&themes, RecursiveMode::Recursive)?;
    }
    std::thread::spawn(move || {
        while let Ok(mut changed) = rx.recv() {
            while let Ok(more) = rx.try_recv() {
                changed.paths.extend(more.paths);
                changed.rescan |= more.rescan;
            }
            changed.paths.sort();
            changed.paths.dedup();
            apply(&mut session, &live, &changed);
        }
    });
    Ok(Watching {
        _debouncer: debouncer,
    })
}

/// Apply one batch of changes and publish the result. An edit that moves case studies
/// through the lists publishes the pages open in browsers first, with the reload, then the
/// other pages, then search and the site-wide files; requests for what is not yet published
/// wait for it (`Snapshot::waits_for_pages`, `patch::follows_pages`).
fn apply(session: &mut Session, live: &Live, changed: &Changed) {
    let t = Instant::now();
    let outcome = match session.step_open_first(changed, &live.open_pages()) {
        Step::InPlace(mut done) => {
            let html = |files: &std::collections::BTreeMap<String, Vec<u8>>| {
                files.keys().filter(|k| k.ends_with(".html")).count()
            };
            let first = html(&done.files);
            let pending = session.pending();
            let change = rebuild::change_in_place(
                &changed.paths,
                &live.current().files,
                &done.files,
                &done.removed,
            );
            live.publish_pages(
                std::mem::take(&mut done.files),
                &done.removed,
                done.pages,
                std::mem::take(&mut done.diagnostics),
                change,
                pending,
            );
            let shown = t.elapsed();
            let rest = match session.rest(&mut done) {
                Ok(()) if pending => {
                    let n = html(&done.files);
                    live.publish_rest(std::mem::take(&mut done.files), &done.removed, done.pages);
                    n
                }
                Ok(()) => 0,
                Err(outcome) => return publish_full(live, changed, outcome, t),
            };
            let rendered = t.elapsed();
            match session.finish(&done) {
                Ok((files, removed)) => {
                    live.publish_data(files, &removed);
                    let more = if rest > 0 {
                        format!(", {rest} more in {} ms", (rendered - shown).as_millis())
                    } else {
                        String::new()
                    };
                    say!(
                        "updated {first} page{} in {} ms{more}, search and site-wide files in {} ms more ({} changed)",
                        if first == 1 { "" } else { "s" },
                        shown.as_millis(),
                        (t.elapsed() - rendered).as_millis(),
                        describe(&changed.paths)
                    );
                    return;
                }
                Err(outcome) => outcome,
            }
        }
        Step::Full(outcome) => outcome,
        Step::Unchanged => return,
    };
    publish_full(live, changed, outcome, t);
}

/// Publish a full rebuild's outcome and report it.
fn publish_full(live: &Live, changed: &Changed, outcome: super::state::Outcome, t: Instant) {
    let before = live.current();
    let change = rebuild::change_kind(&changed.paths, &before.files, outcome.files.as_ref());
    rebuild::report(&outcome.errors);
    let ok = outcome.files.is_some();
    live.publish(outcome, change);
    if ok {
        say!(
            "rebuilt in {} ms ({} changed)",
            t.elapsed().as_millis(),
            describe(&changed.paths)
        );
    }
}

fn describe(paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.display().to_string(),
        many => format!("{} files", many.len()),
    }
}
