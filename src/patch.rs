//! An edit applied to a built site in place, for `serve`.
//!
//! A full build of 10,000 case studies takes seconds; an author saving one file should see it
//! in milliseconds. When every changed file is a published case study whose new version parses
//! and checks cleanly and keeps what places it in the site (date, board, zones, components,
//! topics, draft) and its heading ids (which other files may link to), the rest of the site is
//! as it was: only the pages showing that case study (`Index::showing`) and the site-wide
//! files are rendered again, and the search index and export are updated in place. Anything
//! else (a new, deleted or renamed file, a problem to report, `hub.yaml`, the theme) goes the
//! full way, which is also what reports problems. tests/serve_incremental.rs checks the result
//! against a fresh build, byte for byte, after every step of random edit sequences.

use crate::content::case_study::CaseStudyMeta;
use crate::content::{Doc, DocRef};
use crate::diagnostics::Diagnostics;
use crate::link::Site;
use crate::load::{self, FileKind, Parsed};
use crate::markdown::highlight::Highlighter;
use crate::markdown::Rendered;
use crate::render::bodies::{self, Bodies};
use crate::render::pages::{Index, Placement};
use crate::render::theme::Theme;
use crate::search::documents::{self, SearchDoc};
use crate::search::live::LiveSearch;
use crate::write::MemorySite;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Everything kept from the last good build, so that the next edit can be applied to it.
pub struct Built {
    pub site: Site,
    pub bodies: Bodies,
    pub theme: Theme,
    pub placement: Placement,
    pub search: LiveSearch,
    /// Site path of every HTML page (the sitemap's list).
    pub page_paths: Vec<String>,
    pub content_dir: PathBuf,
}

/// What an in-place edit produced.
pub enum Patch {
    /// Not an edit this can apply: build the whole site.
    Rebuild,
    /// Rewritten pages, and the search documents to update when `finish` writes the rest.
    Pages {
        files: BTreeMap<String, Vec<u8>>,
        search: Vec<SearchDoc>,
    },
    /// Something failed half-way: this `Built` no longer matches the content. Build afresh.
    Broken,
}

/// A case study's new version, checked and rendered, not yet put in.
struct Staged {
    index: usize,
    doc: Doc<CaseStudyMeta>,
    body: Rendered,
}

impl Built {
    /// Apply an edit of `changed` (content-relative paths) to the pages.
    pub fn patch_pages(&mut self, changed: &[String], hl: &Highlighter) -> Patch {
        let Some(staged) = self.stage(changed, hl) else {
            return Patch::Rebuild;
        };
        let mut search = Vec::new();
        let mut shown = Vec::new();
        for s in staged {
            let rel = s.doc.src.rel.clone();
            self.site.content.case_studies[s.index] = s.doc;
            self.bodies.set(&rel, s.body);
            shown.push(s.index);
        }
        let index = Index::new(
            &self.site,
            &self.bodies,
            &self.theme.asset_paths,
            &self.placement,
        );
        let mut jobs = Vec::new();
        for &i in &shown {
            for job in index.showing(i) {
                if !jobs.contains(&job) {
                    jobs.push(job);
                }
            }
            search.push(documents::case_study(&self.site, &self.bodies, i));
        }
        let sink = MemorySite::default();
        let diags = Diagnostics::new();
        crate::render::render_jobs(&index, &self.theme, &jobs, &sink, &|| {}, &diags);
        if !diags.is_empty() {
            return Patch::Broken;
        }
        Patch::Pages {
            files: sink.into_files(),
            search,
        }
    }

    /// The second half of an in-place edit: the site-wide files (filter data, inventory,
    /// sitemap, feed) and the search index and export, updated with `search`'s documents.
    /// After an error this `Built` must be dropped.
    pub fn finish(&mut self, search: &[SearchDoc]) -> Result<BTreeMap<String, Vec<u8>>, String> {
        let index = Index::new(
            &self.site,
            &self.bodies,
            &self.theme.asset_paths,
            &self.placement,
        );
        let sink = MemorySite::default();
        let diags = Diagnostics::new();
        crate::render::write_site_files(&index, &self.page_paths, &sink, &diags);
        if !diags.is_empty() {
            return Err("cannot write the site-wide files".into());
        }
        let mut files = sink.into_files();
        let export = self.search.update(search, &[]).map_err(|e| e.to_string())?;
        files.extend(export.files);
        Ok(files)
    }
}

/// Files an in-place edit writes after its pages (`Built::finish`): requests for them wait
/// until it has, so no one sees them and the pages from different versions.
pub fn follows_pages(path: &str) -> bool {
    path.starts_with(crate::search::export::DIR)
        || matches!(
            path,
            "case-studies/index.json" | "api/pages.json" | "sitemap.xml" | "atom.xml"
        )
}

impl Built {
    /// Parse, check and render each changed file; `None` unless all can go in place.
    fn stage(&self, changed: &[String], hl: &Highlighter) -> Option<Vec<Staged>> {
        if changed.is_empty() {
            return None;
        }
        let mut out: Vec<Staged> = Vec::new();
        for rel in changed {
            if !matches!(load::classify(rel), FileKind::CaseStudy)
                || !self.site.urls.contains_key(rel)
            {
                return None;
            }
            let cs = &self.site.content.case_studies;
            let index = cs.iter().position(|d| &d.src.rel == rel)?;
            let diags = Diagnostics::new();
            let Parsed::CaseStudy(doc) =
                load::parse_one(&self.content_dir, rel, &FileKind::CaseStudy, &diags)
            else {
                return None;
            };
            if !same_place(&cs[index].meta, &doc.meta) || out.iter().any(|s| s.index == index) {
                return None;
            }
            crate::link::check_case_study(&doc, &self.site.vocab, &diags);
            crate::check::personal_data::check_case_study(&doc, &diags);
            let body =
                bodies::render_one(&self.site, &self.bodies, hl, &DocRef::from(&doc), &diags)?;
            let old_ids = self.bodies.get(rel).map(|r| heading_ids(r));
            if !diags.is_empty() || old_ids != Some(heading_ids(&body)) {
                return None;
            }
            out.push(Staged { index, doc, body });
        }
        Some(out)
    }
}

/// Whether two versions of a case study sit in the same places: the same lists, in the same
/// order, with the same related case studies.
fn same_place(a: &CaseStudyMeta, b: &CaseStudyMeta) -> bool {
    (
        a.draft,
        a.published,
        &a.board,
        &a.zones,
        &a.components,
        &a.topics,
    ) == (
        b.draft,
        b.published,
        &b.board,
        &b.zones,
        &b.components,
        &b.topics,
    )
}

fn heading_ids(r: &Rendered) -> Vec<&str> {
    r.headings.iter().map(|h| h.id.as_str()).collect()
}
