//! Theme edits: every page rendered again with the theme as it now is, from the content
//! already parsed, linked and rendered, and the search left alone. On a 10,000-item hub a full
//! rebuild spends most of its time indexing for search, which a template cannot change.

use super::{Built, InPlace};
use crate::diagnostics::Diagnostics;
use crate::render::pages::Index;
use crate::render::theme;
use crate::write::MemorySite;
use std::path::Path;

impl Built {
    /// Load the theme from `themes_dir` and render every page with it. `None` when the theme
    /// has problems: the full build reports them, and this `Built` is left as it was.
    pub fn retheme(&mut self, themes_dir: &Path) -> Option<InPlace> {
        let diags = Diagnostics::new();
        let name = self.site.content.config.theme.clone();
        let new = theme::load(themes_dir, name.as_deref(), &diags)?;
        if !diags.is_empty() {
            return None;
        }
        let index = Index::new(&self.site, &self.bodies, &new.asset_paths, &self.placement);
        let jobs = index.jobs();
        let sink = MemorySite::default();
        crate::render::render_jobs(&index, &new, &jobs, &sink, &|| {}, &diags);
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
        Some(InPlace {
            files: sink.into_files(),
            removed,
            pages: self.page_paths.len(),
            diagnostics: self.diagnostics.clone(),
            ..InPlace::default()
        })
    }
}
