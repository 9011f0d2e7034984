//! Watching the content and theme folders, and rebuilding on change.
//!
//! notify's events are debounced (editors save in bursts: write temp file, rename over,
//! touch), then handed to one rebuild thread, which folds every change that arrived while it
//! was busy into its next rebuild.

use super::rebuild;
use super::state::Live;
use crate::build::BuildOptions;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a burst of file events may go quiet before we rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watching {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Files that editors and tools create beside real ones and that never affect the site.
pub fn ignored(p: &std::path::Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

pub fn start(
    opts: &BuildOptions,
    live: Arc<Live>,
    caches: Arc<crate::build::Caches>,
) -> notify::Result<Watching> {
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
        if let Ok(events) = res {
            // Our own rebuilds read every file; reads must not trigger another rebuild.
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .filter(|p| !ignored(p))
                .collect();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        }
    })?;
    debouncer.watch(&opts.content, RecursiveMode::Recursive)?;
    let themes = opts.themes_dir();
    if themes.is_dir() {
        debouncer.watch(&themes, RecursiveMode::Recursive)?;
    }
    let opts = opts.clone();
    std::thread::spawn(move || {
        while let Ok(mut changed) = rx.recv() {
            while let Ok(more) = rx.try_recv() {
                changed.extend(more);
            }
            changed.sort();
            changed.dedup();
            let t = Instant::now();
            let outcome = rebuild::rebuild(&opts, &caches);
            let before = live.current();
            let change = rebuild::change_kind(&changed, &before.files, outcome.files.as_ref());
            rebuild::report(&outcome.errors);
            let ok = outcome.files.is_some();
            live.publish(outcome, change);
            if ok {
                say!(
                    "rebuilt in {} ms ({} changed)",
                    t.elapsed().as_millis(),
                    describe(&changed)
                );
            }
        }
    });
    Ok(Watching {
        _debouncer: debouncer,
    })
}

fn describe(paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.display().to_string(),
        many => format!("{} files", many.len()),
    }
}
