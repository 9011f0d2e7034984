//! Theme edits: every page rendered again with the theme as it now is (the pages open in
//! browsers first), from the content already parsed, linked and rendered, and the search left
//! alone. On a 10,000-item hub a full rebuild spends most of its time indexing for search,
//! which a template cannot change.

use super::{Built, InPlace, Pending};
use crate::diagnostics::Diagnostics;
use crate::render::pages::Index;
use crate::render::pages::Job;
use crate::render::theme;
use crate::write::MemorySite;
use std::collections::HashSet;
use std::path::Path;

/// A theme edit's pages not yet rendered.
pub(crate) struct Rest {
    jobs: Vec<Job>,
    /// Pages rendered already, because a browser had them open (indices into `jobs`).
    rendered: HashSet<usize>,
    /// The last theme's assets that the new one does not have.
    removed: Vec<String>,
}

impl Built {
    /// Load the theme from `themes_dir`, render the pages `open` in browsers (site paths) with
    /// it, and leave the others for `rest`. `None` when the theme has problems: the full
    /// build reports them, and this `Built` is left as it was.
    pub fn retheme(&mut self, themes_dir: &Path, open: &HashSet<String>) -> Option<InPlace> {
        let diags = Diagnostics::new();
        let name = self.site.content.config.theme.clone();
        let new = theme::load(themes_dir, name.as_deref(), &diags)?;
        if !diags.is_empty() {
            return None;
        }
        let index = Index::new(&self.site, &self.bodies, &new.asset_paths, &self.placement);
        let jobs = index.jobs();
        let (first, todo) = super::open_first(&jobs, open, |n| index.path(&jobs[n]));
        let sink = MemorySite::default();
        crate::render::render_jobs(&index, &new, &todo, &sink, &|| {}, &diags);
        // The assets go with the first pages, which name them.
        for (path, bytes) in &new.assets {
            if crate::write::Sink::write(&sink, path, bytes).is_err() {
                return None;
            }
        }
        if !diags.is_empty() {
            return None;
        }
        let removed = self
            .theme
            .assets
            .iter()
            .map(|(path, _)| path)
            .filter(|p| !new.assets.iter().any(|(q, _)| q == *p))
            .cloned()
            .collect();
        drop(index);
        self.theme = new;
        self.pending = Some(Pending::Theme(Rest {
            jobs,
            rendered: first.into_iter().collect(),
            removed,
        }));
        Some(InPlace {
            files: sink.into_files(),
            pages: self.page_paths.len(),
            diagnostics: self.diagnostics.clone(),
            ..InPlace::default()
        })
    }

    /// Every page `retheme` did not render, into `done`, with the assets gone.
    pub(super) fn rest_of_theme(&mut self, rest: Rest, done: &mut InPlace) -> bool {
        let index = Index::new(
            &self.site,
            &self.bodies,
            &self.theme.asset_paths,
            &self.placement,
        );
        let todo: Vec<Job> = (rest.jobs.into_iter().enumerate())
            .filter(|(n, _)| !rest.rendered.contains(n))
            .map(|(_, job)| job)
            .collect();
        let Some(files) = super::render(&index, &self.theme, &todo) else {
            return false;
        };
        done.files.extend(files);
        done.removed = rest.removed;
        true
    }
}
