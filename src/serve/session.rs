//! One `serve` session's building: the first build, then each batch of changed files applied
//! in place when it can be (`patch`) or by a full rebuild (reusing parse and body caches).

use super::state::Outcome;
use crate::build::{build_in_memory_with, BuildOptions, Caches};
use crate::patch::{Built, InPlace, Patch};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A batch of file events.
#[derive(Debug, Default, Clone)]
pub struct Changed {
    /// The changed files as the watcher names them; a file the hub ignores (an editor's swap
    /// file) changes nothing.
    pub paths: Vec<PathBuf>,
    /// The watcher lost track (overflow, error): anything may have changed.
    pub rescan: bool,
}

/// One `serve` session's builder. It keeps the last good build and the parse and body caches,
/// so each batch of changes costs only what it touched and gives what a fresh build would.
pub struct Session {
    opts: BuildOptions,
    caches: Caches,
    /// The last good build, while it still matches the content on disk.
    built: Option<Built>,
    content: PathBuf,
}

/// What one batch of changes did.
pub enum Step {
    /// Pages rewritten in place; publish them, then `finish` with this.
    InPlace(InPlace),
    /// A full rebuild's result (no files when it failed), to publish as it is.
    Full(Outcome),
    /// Only files the hub ignores changed.
    Unchanged,
}

impl Session {
    /// Start a session with a full build.
    pub fn start(opts: BuildOptions) -> (Session, Outcome) {
        let content = opts
            .content
            .canonicalize()
            .unwrap_or_else(|_| opts.content.clone());
        let mut s = Session {
            opts,
            caches: Caches::default(),
            built: None,
            content,
        };
        let first = s.full();
        (s, first)
    }

    /// Apply one batch of changes: in place when it can be (a theme change, or an edit whose
    /// pages can be rendered again alone), else by a full rebuild; `Step::Unchanged` when only
    /// files the hub ignores changed. An in-place step holds every page it changed.
    pub fn step(&mut self, changed: &Changed) -> Step {
        match self.step_open_first(changed, &HashSet::new()) {
            Step::InPlace(mut done) => match self.rest(&mut done) {
                Ok(()) => Step::InPlace(done),
                Err(outcome) => Step::Full(outcome),
            },
            other => other,
        }
    }

    /// `step`, except that an edit that moves case studies through the lists may hold just
    /// the pages `open` in a browser (site paths), to publish first; `rest` then adds the
    /// others (`pending`).
    pub fn step_open_first(&mut self, changed: &Changed, open: &HashSet<String>) -> Step {
        if self.pending() {
            // A step whose `rest` never ran: what is held is half one version, half the next.
            self.built = None;
        }
        if self.in_theme(changed) {
            let themes = self.opts.themes_dir();
            if let Some(done) = self.built.as_mut().and_then(|b| b.retheme(&themes, open)) {
                return Step::InPlace(done);
            }
            return Step::Full(self.full());
        }
        // Editors' swap and backup files come and go with every save; the hub ignores them.
        let rels = self.relative(changed).map(|rels| {
            rels.into_iter()
                .filter(|r| crate::load::classify(r) != crate::load::FileKind::Ignored)
                .collect::<Vec<_>>()
        });
        if rels.as_ref().is_some_and(Vec::is_empty) {
            return Step::Unchanged;
        }
        let hl = &self.caches.highlighter;
        if let (Some(built), Some(rels)) = (self.built.as_mut(), rels.as_ref()) {
            match built.patch_pages(rels, hl) {
                Patch::Pages(p) => return Step::InPlace(p),
                Patch::Broken => self.built = None,
                Patch::Rebuild => {
                    let built = self.built.take();
                    if let Some((b, p)) = built.and_then(|b| b.restructure(rels, hl, open)) {
                        self.built = Some(b);
                        return Step::InPlace(p);
                    }
                }
            }
        }
        Step::Full(self.full())
    }

    /// Whether the last in-place step left pages for `rest` (`Built::has_pending`).
    pub fn pending(&self) -> bool {
        self.built.as_ref().is_some_and(Built::has_pending)
    }

    /// The rest of an in-place step's pages (when `pending`), into `done`; a full rebuild's
    /// outcome if rendering them failed.
    pub fn rest(&mut self, done: &mut InPlace) -> Result<(), Outcome> {
        if !self.pending() {
            return Ok(());
        }
        if self.built.as_mut().is_some_and(|b| b.rest(done)) {
            return Ok(());
        }
        self.built = None;
        Err(self.full())
    }

    /// Finish a `Step::InPlace`: the site-wide files and the search index and export, or a
    /// full rebuild's outcome if that failed.
    pub fn finish(&mut self, done: &InPlace) -> Result<crate::patch::Finished, Outcome> {
        let updated = self
            .built
            .as_mut()
            .map(|b| b.finish(&done.search, &done.gone));
        match updated {
            Some(Ok(files)) => Ok(files),
            _ => {
                self.built = None;
                Err(self.full())
            }
        }
    }

    fn full(&mut self) -> Outcome {
        let (built, errors) = build_in_memory_with(&self.opts, Some(&self.caches));
        match built {
            Some(b) => {
                let index = Some(b.built.search.index().clone());
                self.built = Some(b.built);
                Outcome {
                    files: Some(b.files),
                    index,
                    errors,
                    pages: b.pages,
                }
            }
            None => {
                self.built = None;
                Outcome {
                    files: None,
                    index: None,
                    errors,
                    pages: 0,
                }
            }
        }
    }

    /// Content-relative paths of the changed files, or `None` if any lies outside the content
    /// folder (the theme) or the watcher lost track.
    fn relative(&self, changed: &Changed) -> Option<Vec<String>> {
        if changed.rescan || changed.paths.is_empty() {
            return None;
        }
        let mut out = Vec::new();
        for p in &changed.paths {
            let rel = self.strip(p)?;
            let rel = rel.to_str()?.replace('\\', "/");
            if !out.contains(&rel) {
                out.push(rel);
            }
        }
        Some(out)
    }

    /// Whether every changed file is in the themes folder.
    fn in_theme(&self, changed: &Changed) -> bool {
        let themes = self.opts.themes_dir();
        let full = themes.canonicalize().unwrap_or_else(|_| themes.clone());
        !changed.rescan
            && !changed.paths.is_empty()
            && changed.paths.iter().all(|p| {
                p.starts_with(&themes)
                    || p.starts_with(&full)
                    || p.parent()
                        .and_then(|d| d.canonicalize().ok())
                        .is_some_and(|d| d.starts_with(&full))
            })
    }

    fn strip(&self, p: &Path) -> Option<PathBuf> {
        if let Ok(r) = p.strip_prefix(&self.opts.content) {
            return Some(r.to_path_buf());
        }
        if let Ok(r) = p.strip_prefix(&self.content) {
            return Some(r.to_path_buf());
        }
        let full = p.canonicalize().ok()?;
        full.strip_prefix(&self.content).ok().map(Path::to_path_buf)
    }
}
