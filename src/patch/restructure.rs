//! Edits that add, delete, rename or move case studies: the hub is linked and placed again,
//! and only the pages whose showing changed are rendered.

use super::{heading_ids, Built, InPlace, Showing};
use crate::content::case_study::CaseStudyMeta;
use crate::content::kind::Kind;
use crate::content::{Content, Doc, DocRef};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Site;
use crate::load::{self, FileKind, Parsed};
use crate::markdown::highlight::Highlighter;
use crate::render::bodies::{self, Bodies};
use crate::render::pages::{Index, Job, Placement};
use crate::render::search_docs as documents;
use crate::search::documents::SearchDoc;
use crate::write::MemorySite;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The files an edit touched, as they now stand.
struct Touched {
    /// Case studies new or changed (content-relative paths).
    edited: HashSet<String>,
    /// Case studies that were published and no longer are (deleted, renamed away, drafted).
    left: HashSet<String>,
}

impl Built {
    /// Apply an edit that adds, deletes, renames or moves case studies (`changed`: their
    /// content-relative paths). `None` when it is not such an edit, or the new content has
    /// problems to report: then build in full. Consumes the build, as linking takes the
    /// content; on `None` the caller builds afresh anyway.
    pub fn restructure(self, changed: &[String], hl: &Highlighter) -> Option<(Built, InPlace)> {
        let t0 = std::time::Instant::now();
        let diags = Diagnostics::new();
        for rel in changed {
            self.memo.forget(rel);
        }
        let was_published: HashSet<String> = self
            .site
            .case_studies
            .iter()
            .map(|&i| self.site.content.case_studies[i].src.rel.clone())
            .collect();
        let mut content = self.site.content;
        let edited = apply(&mut content, &self.content_dir, changed, &diags)?;
        let site = crate::link::link(content, self.site.options, &diags);
        let left: HashSet<String> = was_published
            .into_iter()
            .filter(|r| !site.urls.contains_key(r))
            .collect();
        let replaced: HashSet<PathBuf> = edited
            .iter()
            .chain(&left)
            .map(|rel| self.content_dir.join(rel))
            .collect();
        eprintln!("TIMING linked {:?}", t0.elapsed());
        let diagnostics = carry(&self.diagnostics, &replaced, diags)?;
        let diags = Diagnostics::new();
        let touched = Touched { edited, left };
        let mut bodies = self.bodies;
        rebody(&mut bodies, &site, &touched, hl, &diags)?;

        eprintln!("TIMING rebody {:?}", t0.elapsed());
        let placement = Placement::new(&site);
        let index = Index::new(&site, &bodies, &self.theme.asset_paths, &placement);
        let jobs = index.jobs();
        let shown = Showing::each(&index, &jobs);
        let edited_ix: HashSet<usize> = (0..site.content.case_studies.len())
            .filter(|&i| {
                touched
                    .edited
                    .contains(&site.content.case_studies[i].src.rel)
            })
            .collect();
        // A page is rendered if what it shows changed, or it shows an edited case study.
        let todo: Vec<Job> = jobs
            .iter()
            .zip(&shown)
            .filter(|(_, (path, key, items))| {
                self.showing.keys.get(path) != Some(key)
                    || items.iter().any(|i| edited_ix.contains(i))
            })
            .map(|(job, _)| job.clone())
            .collect();
        eprintln!("TIMING shown {:?} todo {}", t0.elapsed(), todo.len());
        let sink = MemorySite::default();
        crate::render::render_jobs(&index, &self.theme, &todo, &sink, &|| {}, &diags);
        if !diags.is_empty() {
            return None;
        }
        drop(index);
        eprintln!("TIMING rendered {:?}", t0.elapsed());
        let showing = Showing::new(&jobs, shown);
        let removed: Vec<String> = self
            .showing
            .keys
            .keys()
            .filter(|p| !showing.keys.contains_key(*p))
            .map(|p| crate::routes::file_of(p))
            .collect();
        let mut page_paths: Vec<String> = showing.keys.keys().cloned().collect();
        page_paths.sort();
        let (search, gone) = search_changes(&site, &bodies, &touched);
        let patch = InPlace {
            files: sink.into_files(),
            removed,
            search,
            gone,
            pages: page_paths.len(),
            diagnostics: diagnostics.clone(),
        };
        let built = Built {
            site,
            bodies,
            theme: self.theme,
            placement,
            search: self.search,
            page_paths,
            showing,
            memo: self.memo,
            diagnostics,
            content_dir: self.content_dir,
        };
        Some((built, patch))
    }
}

/// The findings after the edit, from what parsing the `replaced` files and linking the whole
/// hub again found (`linked`). `None` on an error, or when linking finds something new about a
/// file the edit did not touch: a full build reports that. Linking re-checks every file, so
/// the untouched files' findings from it are the last build's again and are not repeated.
fn carry(
    old: &[Diagnostic],
    replaced: &HashSet<PathBuf>,
    linked: Diagnostics,
) -> Option<Vec<Diagnostic>> {
    if linked.has_errors() {
        return None;
    }
    let key = |d: &Diagnostic| (d.file.clone(), d.line, d.column, d.message.clone());
    let known: HashSet<_> = old.iter().map(key).collect();
    let (fresh, elsewhere): (Vec<Diagnostic>, Vec<Diagnostic>) = linked
        .into_sorted()
        .into_iter()
        .partition(|d| replaced.contains(&d.file));
    elsewhere
        .iter()
        .all(|d| known.contains(&key(d)))
        .then(|| super::findings_after(old, replaced, fresh))
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
        match at {
            Some(at) => content.case_studies[at] = doc,
            None => content.case_studies.push(doc),
        }
        edited.insert(rel.clone());
    }
    content.case_studies.sort_by(|a, b| a.slug.cmp(&b.slug));
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
    for d in &site.content.case_studies {
        let rel = &d.src.rel;
        if !touched.edited.contains(rel) || !site.urls.contains_key(rel) {
            continue;
        }
        let body = bodies::render_one(site, bodies, hl, &DocRef::from(d), diags)?;
        if bodies.get(rel).map(heading_ids) != Some(heading_ids(&body)) {
            new_ids.insert(rel.clone());
        }
        fresh.push((rel.clone(), body));
    }
    for (rel, body) in fresh {
        bodies.set(&rel, body);
    }
    let links_in = bodies.iter().any(|(from, r)| {
        r.links
            .iter()
            .any(|to| to != from && (touched.left.contains(to) || new_ids.contains(to)))
    });
    (diags.is_empty() && !links_in).then_some(())
}

/// The search documents of the edited case studies still published, and the keys of the
/// ones no longer published.
fn search_changes(
    site: &Site,
    bodies: &Bodies,
    touched: &Touched,
) -> (Vec<SearchDoc>, Vec<String>) {
    let cs = &site.content.case_studies;
    let search = site
        .case_studies
        .iter()
        .filter(|&&i| touched.edited.contains(&cs[i].src.rel))
        .map(|&i| documents::case_study(site, bodies, i))
        .collect();
    let now: HashSet<String> = site
        .case_studies
        .iter()
        .map(|&i| crate::routes::case_study(&cs[i].slug))
        .collect();
    let gone = touched
        .left
        .iter()
        .map(|rel| crate::routes::case_study(&load::stem(rel)))
        .filter(|key| !now.contains(key))
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
