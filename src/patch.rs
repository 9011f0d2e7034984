//! An edit applied to a built site in place, for `serve`.
//!
//! A full build of 10,000 case studies takes seconds; an author saving one file should see it
//! in milliseconds. Two ways in, both for edits to case studies only:
//! - *In place* (`patch_pages`): every changed file is a published case study whose new
//!   version parses and checks cleanly and keeps what places it in the site (date, board,
//!   zones, components, topics, draft) and its heading ids (which other files may link to).
//!   The rest of the site is as it was: only the pages showing that case study
//!   (`Index::showing`) and the site-wide files are rendered again.
//! - *Restructured* (`restructure`): case studies added, deleted, renamed, or moved in the
//!   lists. The hub is linked again and placed again (both cheap), then every page's
//!   `Index::shows` (which case studies it shows, and the numbers it gives about their lists)
//!   is compared with the last build's: only pages whose showing changed, or that show an
//!   edited case study, are rendered; pages that no longer exist are removed.
//!
//! Both update the search index and export in place. Anything else (a problem to report,
//! `hub.yaml`, the theme, other content) goes the full way, which is also what reports
//! problems. tests/serve_incremental.rs checks the result against a fresh build, byte for
//! byte, after every step of random edit sequences.

use crate::content::case_study::CaseStudyMeta;
use crate::content::{Doc, DocRef};
use crate::diagnostics::Diagnostics;
use crate::link::Site;
use crate::load::{self, FileKind, Parsed};
use crate::markdown::highlight::Highlighter;
use crate::markdown::Rendered;
use crate::render::bodies::{self, Bodies};
use crate::render::item_memo::ItemMemo;
use crate::render::pages::Job;
use crate::render::pages::{Index, Placement};
use crate::render::theme::Theme;
use crate::search::documents::{self, SearchDoc};
use crate::search::live::LiveSearch;
use crate::write::MemorySite;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
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
    /// Each page's path → what it shows (`showing_keys`).
    pub shown: HashMap<String, u64>,
    /// Items' pieces of the site-wide JSON files; edits forget the files they touch.
    pub memo: ItemMemo,
    pub content_dir: PathBuf,
}

/// What an edit applied in place changed.
#[derive(Default)]
pub struct InPlace {
    /// Pages rendered again (site path of the file → bytes).
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files of pages that no longer exist.
    pub removed: Vec<String>,
    /// Search documents new or changed, and the keys of those gone, for `finish`.
    pub search: Vec<SearchDoc>,
    pub gone: Vec<String>,
    /// How many pages the site has now.
    pub pages: usize,
}

/// What an in-place edit produced.
pub enum Patch {
    /// Not an edit `patch_pages` can apply.
    Rebuild,
    Pages(InPlace),
    /// Something failed half-way: this `Built` no longer matches the content. Build afresh.
    Broken,
}

/// Each page's path and a hash of what it shows of the case studies (`Index::shows`), the
/// case studies named by file so that the hash survives their renumbering.
pub fn showing_keys(index: &Index<'_>, jobs: &[Job]) -> Vec<(String, u64, Vec<usize>)> {
    let values = index.facet_values();
    let cs = &index.site.content.case_studies;
    jobs.par_iter()
        .map(|job| {
            let (items, numbers) = index.shows(job, values);
            let rels: Vec<&str> = items.iter().map(|&i| cs[i].src.rel.as_str()).collect();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (numbers, rels).hash(&mut h);
            (index.path(job), h.finish(), items)
        })
        .collect()
}

/// The file a page at site path `path` is written to.
fn page_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
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
        Patch::Pages(InPlace {
            files: sink.into_files(),
            search,
            pages: self.page_paths.len(),
            ..InPlace::default()
        })
    }

    /// The second half of an in-place edit: the site-wide files (filter data, inventory,
    /// sitemap, feed) and the search index and export, updated with `search`'s documents.
    /// After an error this `Built` must be dropped.
    pub fn finish(
        &mut self,
        search: &[SearchDoc],
        gone: &[String],
    ) -> Result<BTreeMap<String, Vec<u8>>, String> {
        let index = Index::new(
            &self.site,
            &self.bodies,
            &self.theme.asset_paths,
            &self.placement,
        );
        let sink = MemorySite::default();
        let diags = Diagnostics::new();
        crate::render::write_site_files(&index, &self.page_paths, Some(&self.memo), &sink, &diags);
        if !diags.is_empty() {
            return Err("cannot write the site-wide files".into());
        }
        let mut files = sink.into_files();
        let export = self
            .search
            .update(search, gone)
            .map_err(|e| e.to_string())?;
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
    /// Apply an edit that adds, deletes, renames or moves case studies (`changed`: their
    /// content-relative paths). `None` when it is not such an edit, or the new content has
    /// problems to report: then build in full. Consumes the build, as linking takes the
    /// content; on `None` the caller builds afresh anyway.
    pub fn restructure(self, changed: &[String], hl: &Highlighter) -> Option<(Built, InPlace)> {
        let mut content = self.site.content;
        let old_published: HashSet<String> = self
            .site
            .case_studies
            .iter()
            .map(|&i| content.case_studies[i].src.rel.clone())
            .collect();
        let diags = Diagnostics::new();
        for rel in changed {
            self.memo.forget(rel);
        }
        let mut edited: HashSet<String> = HashSet::new();
        let mut deleted: Vec<String> = Vec::new();
        for rel in changed {
            if !matches!(load::classify(rel), FileKind::CaseStudy) {
                return None;
            }
            let at = content.case_studies.iter().position(|d| &d.src.rel == rel);
            if !self.content_dir.join(rel).is_file() {
                if let Some(at) = at {
                    content.case_studies.remove(at);
                    deleted.push(rel.clone());
                }
                continue;
            }
            let Parsed::CaseStudy(doc) =
                load::parse_one(&self.content_dir, rel, &FileKind::CaseStudy, &diags)
            else {
                return None;
            };
            crate::check::personal_data::check_case_study(&doc, &diags);
            match at {
                Some(at) => content.case_studies[at] = doc,
                None => content.case_studies.push(doc),
            }
            edited.insert(rel.clone());
        }
        content.case_studies.sort_by(|a, b| a.slug.cmp(&b.slug));
        if !same_files(&self.content_dir, &content.case_studies) {
            // An event was missed (a rename seen from one side only): the full way looks.
            return None;
        }
        let site = crate::link::link(content, self.site.options, &diags);
        if !diags.is_empty() {
            return None;
        }

        // Bodies: the edited ones rendered again; none of the others may link to a file that
        // left the site, or to an edited one whose headings changed (those are problems to
        // report, which the full build does).
        let mut bodies = self.bodies;
        let left: HashSet<&String> = deleted
            .iter()
            .chain(old_published.iter())
            .filter(|r| !site.urls.contains_key(*r))
            .collect();
        for rel in &left {
            bodies.remove(rel);
        }
        let mut renamed_ids = HashSet::new();
        let mut fresh = Vec::new();
        for d in &site.content.case_studies {
            if !edited.contains(&d.src.rel) || !site.urls.contains_key(&d.src.rel) {
                continue;
            }
            let body = bodies::render_one(&site, &bodies, hl, &DocRef::from(d), &diags)?;
            if bodies.get(&d.src.rel).map(heading_ids) != Some(heading_ids(&body)) {
                renamed_ids.insert(d.src.rel.clone());
            }
            fresh.push((d.src.rel.clone(), body));
        }
        for (rel, body) in fresh {
            bodies.set(&rel, body);
        }
        let links_in = bodies.iter().any(|(from, r)| {
            r.links
                .iter()
                .any(|to| to != from && (left.contains(&to) || renamed_ids.contains(to.as_str())))
        });
        if !diags.is_empty() || links_in {
            return None;
        }

        let placement = Placement::new(&site);
        let index = Index::new(&site, &bodies, &self.theme.asset_paths, &placement);
        let jobs = index.jobs();
        let keys = showing_keys(&index, &jobs);
        let edited_ix: HashSet<usize> = site
            .content
            .case_studies
            .iter()
            .enumerate()
            .filter(|(_, d)| edited.contains(&d.src.rel))
            .map(|(i, _)| i)
            .collect();
        let todo: Vec<Job> = jobs
            .iter()
            .zip(&keys)
            .filter(|(_, (path, key, items))| {
                self.shown.get(path) != Some(key) || items.iter().any(|i| edited_ix.contains(i))
            })
            .map(|(job, _)| job.clone())
            .collect();
        let sink = MemorySite::default();
        crate::render::render_jobs(&index, &self.theme, &todo, &sink, &|| {}, &diags);
        if !diags.is_empty() {
            return None;
        }
        let shown: HashMap<String, u64> = keys.into_iter().map(|(p, k, _)| (p, k)).collect();
        let removed: Vec<String> = self
            .shown
            .keys()
            .filter(|p| !shown.contains_key(*p))
            .map(|p| page_file(p))
            .collect();
        let mut page_paths: Vec<String> = shown.keys().cloned().collect();
        page_paths.sort();

        let mut search = Vec::new();
        for &i in &site.case_studies {
            if edited.contains(&site.content.case_studies[i].src.rel) {
                search.push(documents::case_study(&site, &bodies, i));
            }
        }
        let now: HashSet<String> = site
            .case_studies
            .iter()
            .map(|&i| crate::link::case_study_url(&site.content.case_studies[i].slug))
            .collect();
        let gone: Vec<String> = left
            .iter()
            .filter_map(|rel| load::classify(rel).eq(&FileKind::CaseStudy).then_some(*rel))
            .map(|rel| crate::link::case_study_url(&crate::load::stem(rel)))
            .filter(|key| !now.contains(key))
            .collect();
        drop(index);
        let patch = InPlace {
            files: sink.into_files(),
            removed,
            search,
            gone,
            pages: page_paths.len(),
        };
        let built = Built {
            site,
            bodies,
            theme: self.theme,
            placement,
            search: self.search,
            page_paths,
            shown,
            memo: self.memo,
            content_dir: self.content_dir,
        };
        Some((built, patch))
    }

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

/// Whether `docs` are exactly the case-study files on disk.
fn same_files(content_dir: &std::path::Path, docs: &[Doc<CaseStudyMeta>]) -> bool {
    let Ok(dir) = std::fs::read_dir(content_dir.join("case-studies")) else {
        return false;
    };
    let mut on_disk: Vec<String> = dir
        .filter_map(|e| e.ok())
        .map(|e| format!("case-studies/{}", e.file_name().to_string_lossy()))
        .filter(|rel| load::classify(rel) == FileKind::CaseStudy)
        .collect();
    let mut held: Vec<&str> = docs.iter().map(|d| d.src.rel.as_str()).collect();
    on_disk.sort_unstable();
    held.sort_unstable();
    on_disk == held
}

fn heading_ids(r: &Rendered) -> Vec<&str> {
    r.headings.iter().map(|h| h.id.as_str()).collect()
}
