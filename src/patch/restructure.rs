//! Edits that add, delete, rename or move case studies: the hub is linked and placed again,
//! and only the pages whose showing changed are rendered.

use super::{heading_ids, Built, InPlace, Showing};
use crate::content::case_study::CaseStudyMeta;
use crate::content::kind::Kind;
use crate::content::{Content, Doc, DocRef};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::hash::FnvMap;
use crate::link::Checked;
use crate::link::Site;
use crate::load::{self, FileKind, Parsed};
use crate::markdown::highlight::Highlighter;
use crate::render::bodies::{self, Bodies};
use crate::render::pages::{Index, Job, Placement};
use crate::render::search_docs as documents;
use crate::search::documents::SearchDoc;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The files an edit touched, as they now stand.
struct Touched {
    /// Case studies new or changed, as indices into `content.case_studies`.
    edited: HashSet<usize>,
    /// Case studies that were published and no longer are (deleted, renamed away, drafted).
    left: HashSet<String>,
}

/// A restructuring edit's pages not yet rendered, for `Built::rest`.
pub(crate) struct Rest {
    /// Every page of the site now, and its path.
    jobs: Vec<Job>,
    paths: Vec<String>,
    /// Pages rendered already, because a browser had them open (indices into `jobs`).
    rendered: HashSet<usize>,
    /// What every page showed before the edit.
    before: Showing,
    touched: Touched,
}

impl Built {
    /// Apply an edit that adds, deletes, renames or moves case studies (`changed`: their
    /// content-relative paths). `None` when it is not such an edit, or the new content has
    /// problems to report: then build in full. Consumes the build, as linking takes the
    /// content; on `None` the caller builds afresh anyway.
    ///
    /// The hub is linked and placed again, then only the pages `open` in a browser (site
    /// paths) are rendered: what a reader sees comes back first, and `rest` renders every
    /// other page whose showing changed (hundreds at 10,000 case studies, as an added one
    /// moves every later list page along) before anything else happens to this build.
    pub fn restructure(
        self,
        changed: &[String],
        hl: &Highlighter,
        open: &HashSet<String>,
    ) -> Option<(Built, InPlace)> {
        let diags = Diagnostics::new();
        for rel in changed {
            self.memo.forget(rel);
        }
        let old_rels: Vec<String> = (self.site.content.case_studies.iter())
            .map(|d| d.src.rel.clone())
            .collect();
        let mut content = self.site.content;
        let edited = apply(&mut content, &self.content_dir, changed, &diags)?;
        let site = crate::link::link_with(
            content,
            self.site.vocab,
            self.site.options,
            Checked::Only(&edited),
            &diags,
        );
        let left: HashSet<String> = (self.site.case_studies.iter())
            .map(|&i| &old_rels[i])
            .filter(|r| !site.urls.contains_key(*r))
            .cloned()
            .collect();
        let replaced: HashSet<PathBuf> = edited
            .iter()
            .chain(&left)
            .map(|rel| self.content_dir.join(rel))
            .collect();
        let diagnostics = carry(self.diagnostics, &replaced, diags)?;
        let diags = Diagnostics::new();
        let cs = &site.content.case_studies;
        let edited: HashSet<usize> = (edited.iter())
            .filter_map(|rel| {
                let slug = load::stem(rel);
                cs.binary_search_by(|d| d.slug.as_str().cmp(&slug)).ok()
            })
            .collect();
        let touched = Touched { edited, left };
        let mut bodies = self.bodies;
        rebody(&mut bodies, &site, &touched, hl, &diags)?;
        let before = renumbered(&self.placement.related, &old_rels, &site);
        let placement = Placement::again(&site, &before, &touched.edited);
        let index = Index::new(&site, &bodies, &self.theme.asset_paths, &placement);
        let jobs = index.jobs();
        let paths: Vec<String> = jobs.par_iter().map(|j| index.path(j)).collect();
        let (first, todo) = super::open_first(&jobs, open, |n| &paths[n]);
        let files = super::render(&index, &self.theme, &todo)?;
        drop(index);
        let patch = InPlace {
            files,
            pages: self.page_paths.len(),
            diagnostics: diagnostics.clone(),
            ..InPlace::default()
        };
        let rest = Rest {
            jobs,
            paths,
            rendered: first.into_iter().collect(),
            before: self.showing,
            touched,
        };
        let built = Built {
            site,
            bodies,
            theme: self.theme,
            placement,
            search: self.search,
            page_paths: self.page_paths,
            showing: Showing::default(),
            memo: self.memo,
            diagnostics,
            content_dir: self.content_dir,
            pending: Some(super::Pending::Lists(Box::new(rest))),
        };
        Some((built, patch))
    }

    /// The second half of `restructure`: every other page whose showing changed, or that
    /// shows an edited case study, rendered into `done`, with the pages gone and the search
    /// documents to update. `false` if a page failed to render: build afresh.
    pub(super) fn rest_of_lists(&mut self, rest: Rest, done: &mut InPlace) -> bool {
        let index = Index::new(
            &self.site,
            &self.bodies,
            &self.theme.asset_paths,
            &self.placement,
        );
        let shown = Showing::each(&index, &rest.jobs, rest.paths);
        let todo: Vec<Job> = (rest.jobs.iter().zip(&shown).enumerate())
            .filter(|(n, (_, (path, key, items)))| {
                !rest.rendered.contains(n)
                    && (rest.before.keys.get(path) != Some(key)
                        || items.iter().any(|i| rest.touched.edited.contains(i)))
            })
            .map(|(_, (job, _))| job.clone())
            .collect();
        let Some(files) = super::render(&index, &self.theme, &todo) else {
            return false;
        };
        drop(index);
        let showing = Showing::new(rest.jobs, shown);
        done.removed = (rest.before.keys.keys())
            .filter(|p| !showing.keys.contains_key(*p))
            .map(|p| crate::routes::file_of(p))
            .collect();
        let mut page_paths: Vec<String> = showing.keys.keys().cloned().collect();
        page_paths.sort();
        (done.search, done.gone) = search_changes(&self.site, &self.bodies, &rest.touched);
        done.files.extend(files);
        done.pages = page_paths.len();
        self.showing = showing;
        self.page_paths = page_paths;
        true
    }
}

/// The last build's related lists (`related`, indexed like the case studies then, whose files
/// were `old_rels`) in `site`'s numbering: each case study's list, `None` for an entry gone.
fn renumbered(related: &[Vec<usize>], old_rels: &[String], site: &Site) -> Vec<Vec<Option<usize>>> {
    let cs = &site.content.case_studies;
    let now: FnvMap<&str, usize> = cs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.src.rel.as_str(), i))
        .collect();
    let mut out = vec![Vec::new(); cs.len()];
    for (rel, list) in old_rels.iter().zip(related) {
        if let Some(&i) = now.get(rel.as_str()) {
            out[i] = list
                .iter()
                .map(|&q| now.get(old_rels[q].as_str()).copied())
                .collect();
        }
    }
    out
}

/// The findings after the edit, from what parsing and checking the edited files found
/// (`fresh`). `None` on an error, which a full build reports.
fn carry(
    old: Vec<Diagnostic>,
    replaced: &HashSet<PathBuf>,
    fresh: Diagnostics,
) -> Option<Vec<Diagnostic>> {
    let fresh = fresh.into_sorted();
    let clean = fresh
        .iter()
        .all(|d| d.severity != Severity::Error && replaced.contains(&d.file));
    clean.then(|| super::findings_after(old, replaced, fresh))
}

/// Put the changed files' new versions into `content` (parsed and checked on their own), or
/// take them out if they are gone; the paths of those put in. `None` if any is not a case
/// study, does not parse, or the case studies held no longer match the folder.
fn apply(
    content: &mut Content,
    content_dir: &Path,
    changed: &[String],
    diags: &Diagnostics,
) -> Option<HashSet<String>> {
    let mut edited = HashSet::new();
    for rel in changed {
        if load::classify(rel) != FileKind::Flat(Kind::CaseStudy) {
            return None;
        }
        let at = content.case_studies.iter().position(|d| &d.src.rel == rel);
        if !content_dir.join(rel).is_file() {
            if let Some(at) = at {
                content.case_studies.remove(at);
            }
            continue;
        }
        let Parsed::CaseStudy(doc) =
            load::parse_one(content_dir, rel, &FileKind::Flat(Kind::CaseStudy), diags)
        else {
            return None;
        };
        // Kept in slug order, as the loader leaves them: a new one goes in its place.
        match at {
            Some(at) => content.case_studies[at] = doc,
            None => {
                let cs = &mut content.case_studies;
                let at = cs.partition_point(|d| d.slug < doc.slug);
                cs.insert(at, doc);
            }
        }
        edited.insert(rel.clone());
    }
    // An event missed (a rename seen from one side only) would leave a file out: look.
    same_files(content_dir, &content.case_studies).then_some(edited)
}

/// Render the edited case studies' bodies again and drop those of the ones that left. `None`
/// if another body links to one that left, or to an edited one whose headings changed: those
/// are problems to report, which the full build does.
fn rebody(
    bodies: &mut Bodies,
    site: &Site,
    touched: &Touched,
    hl: &Highlighter,
    diags: &Diagnostics,
) -> Option<()> {
    for rel in &touched.left {
        bodies.remove(rel);
    }
    let mut new_ids = HashSet::new();
    let mut fresh = Vec::new();
    for &i in &touched.edited {
        let d = &site.content.case_studies[i];
        let rel = &d.src.rel;
        if !site.urls.contains_key(rel) {
            continue;
        }
        let body = bodies::render_one(site, bodies, hl, &DocRef::from(d), diags)?;
        // A new case study cannot be linked to yet (that would have been an error).
        if bodies
            .get(rel)
            .is_some_and(|b| heading_ids(b) != heading_ids(&body))
        {
            new_ids.insert(rel.clone());
        }
        fresh.push((rel.clone(), body));
    }
    for (rel, body) in fresh {
        bodies.set(&rel, body);
    }
    // Only a link to a case study gone, or to a heading it no longer has, can break.
    let links_in = !(touched.left.is_empty() && new_ids.is_empty())
        && bodies.iter().any(|(from, r)| {
            r.links
                .iter()
                .any(|to| to != from && (touched.left.contains(to) || new_ids.contains(to)))
        });
    (diags.is_empty() && !links_in).then_some(())
}

/// The search documents of the edited case studies still published, and the keys of the
/// ones no longer published (a case study's file name is its slug, so none of those has
/// another published in its place).
fn search_changes(
    site: &Site,
    bodies: &Bodies,
    touched: &Touched,
) -> (Vec<SearchDoc>, Vec<String>) {
    let search = site
        .case_studies
        .iter()
        .filter(|i| touched.edited.contains(i))
        .map(|&i| documents::case_study(site, bodies, i))
        .collect();
    let gone = touched
        .left
        .iter()
        .map(|rel| crate::routes::case_study(&load::stem(rel)))
        .collect();
    (search, gone)
}

/// Whether `docs` are exactly the case-study files on disk.
fn same_files(content_dir: &Path, docs: &[Doc<CaseStudyMeta>]) -> bool {
    let Ok(dir) = std::fs::read_dir(content_dir.join("case-studies")) else {
        return false;
    };
    let mut on_disk: Vec<String> = dir
        .filter_map(|e| e.ok())
        .map(|e| format!("case-studies/{}", e.file_name().to_string_lossy()))
        .filter(|rel| load::classify(rel) == FileKind::Flat(Kind::CaseStudy))
        .collect();
    let mut held: Vec<&str> = docs.iter().map(|d| d.src.rel.as_str()).collect();
    on_disk.sort_unstable();
    held.sort_unstable();
    on_disk == held
}
