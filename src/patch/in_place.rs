//! Edits that leave every case study where it was: only the pages showing the edited ones
//! are rendered again.

use super::{heading_ids, Built, InPlace, Patch};
use crate::content::case_study::CaseStudyMeta;
use crate::content::kind::Kind;
use crate::content::{Doc, DocRef};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, FileKind, Parsed};
use crate::markdown::highlight::Highlighter;
use crate::markdown::Rendered;
use crate::render::bodies;
use crate::render::pages::Index;
use crate::render::search_docs as documents;

/// A case study's new version, checked and rendered, not yet put in.
struct Staged {
    index: usize,
    doc: Doc<CaseStudyMeta>,
    body: Rendered,
}

impl Built {
    /// Apply an edit of `changed` (content-relative paths) to the pages.
    pub fn patch_pages(&mut self, changed: &[String], hl: &Highlighter) -> Patch {
        let Some((staged, fresh)) = self.stage(changed, hl) else {
            return Patch::Rebuild;
        };
        let mut search = Vec::new();
        let mut shown = Vec::new();
        for s in staged {
            let rel = s.doc.src.rel.clone();
            self.memo.forget(&rel);
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
            for job in self.showing.pages_of(i) {
                if !jobs.contains(job) {
                    jobs.push(job.clone());
                }
            }
            search.push(documents::case_study(&self.site, &self.bodies, i));
        }
        let Some(files) = super::render(&index, &self.theme, &jobs) else {
            return Patch::Broken;
        };
        let edited = changed
            .iter()
            .map(|rel| self.content_dir.join(rel))
            .collect();
        self.diagnostics =
            super::findings_after(std::mem::take(&mut self.diagnostics), &edited, fresh);
        Patch::Pages(InPlace {
            files,
            search,
            pages: self.page_paths.len(),
            diagnostics: self.diagnostics.clone(),
            ..InPlace::default()
        })
    }

    /// Parse, check and render each changed file, with the warnings they now have; `None`
    /// unless all can go in place.
    fn stage(
        &self,
        changed: &[String],
        hl: &Highlighter,
    ) -> Option<(Vec<Staged>, Vec<Diagnostic>)> {
        if changed.is_empty() {
            return None;
        }
        let mut out: Vec<Staged> = Vec::new();
        let mut warnings = Vec::new();
        for rel in changed {
            if !matches!(load::classify(rel), FileKind::Flat(Kind::CaseStudy))
                || !self.site.urls.contains_key(rel)
            {
                return None;
            }
            let cs = &self.site.content.case_studies;
            let index = cs.iter().position(|d| &d.src.rel == rel)?;
            let diags = Diagnostics::new();
            let Parsed::CaseStudy(doc) = load::parse_one(
                &self.content_dir,
                rel,
                &FileKind::Flat(Kind::CaseStudy),
                &diags,
            ) else {
                return None;
            };
            if !same_place(&cs[index].meta, &doc.meta) || out.iter().any(|s| s.index == index) {
                return None;
            }
            crate::link::rules::validate(
                crate::content::Item::CaseStudy(&doc),
                &self.site.vocab,
                &self.site.content.config,
                &diags,
            );
            let body =
                bodies::render_one(&self.site, &self.bodies, hl, &DocRef::from(&doc), &diags)?;
            let old_ids = self.bodies.get(rel).map(|r| heading_ids(r));
            if diags.has_errors() || old_ids != Some(heading_ids(&body)) {
                return None;
            }
            warnings.extend(diags.into_sorted());
            out.push(Staged { index, doc, body });
        }
        Some((out, warnings))
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
