//! An edit applied to a built site in place, for `serve`.
//!
//! A full build of 10,000 case studies takes seconds; an author saving one file should see it
//! in milliseconds. Three ways in:
//! - *In place* (`patch_pages`): every changed file is a published case study whose new
//!   version parses and checks cleanly and keeps what places it in the site (date, board,
//!   zones, components, topics, draft) and its heading ids (which other files may link to).
//!   The rest of the site is as it was: only the pages showing that case study (`Showing`)
//!   and the site-wide files are rendered again.
//! - *Restructured* (`restructure`): case studies added, deleted, renamed, or moved in the
//!   lists. The hub is linked again and placed again (both cheap), then every page's
//!   `Index::shows` (which case studies it shows, and the numbers it gives about their lists)
//!   is compared with the last build's: only pages whose showing changed, or that show an
//!   edited case study, are rendered; pages that no longer exist are removed.
//! - *Rethemed* (`retheme`): a template or asset changed. Every page is rendered again from
//!   the content already held; nothing is parsed and the search is left alone.
//!
//! The first two update the search index and export in place. Anything else (a problem to
//! report, `hub.yaml`, other content) goes the full way, which is also what reports problems.
//! tests/serve_incremental.rs checks the result against a fresh build, byte for byte, after
//! every step of random edit sequences.

mod in_place;
mod restructure;
mod retheme;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Site;
use crate::markdown::Rendered;
use crate::render::bodies::Bodies;
use crate::render::item_memo::ItemMemo;
use crate::render::pages::{Index, Job, Placement};
use crate::render::theme::Theme;
use crate::search::documents::SearchDoc;
use crate::search::live::LiveSearch;
use crate::write::MemorySite;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
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
    /// What each page shows, as built.
    pub showing: Showing,
    /// Items' pieces of the site-wide JSON files; edits forget the files they touch.
    pub memo: ItemMemo,
    /// What a full build of the content as it now stands reports (warnings only: a build
    /// with errors is not kept). An in-place edit carries these on, so serve keeps showing
    /// what a build would.
    pub diagnostics: Vec<Diagnostic>,
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
    /// What a full build of the edited content would report (warnings: an edit with errors
    /// does not go in place).
    pub diagnostics: Vec<Diagnostic>,
}

/// What an in-place edit produced.
pub enum Patch {
    /// Not an edit `patch_pages` can apply.
    Rebuild,
    Pages(InPlace),
    /// Something failed half-way: this `Built` no longer matches the content. Build afresh.
    Broken,
}

/// What every page shows of the case studies (`Index::shows`), as last built.
#[derive(Default)]
pub struct Showing {
    /// Page path → a hash of what it shows, the case studies named by file so that the hash
    /// survives their renumbering. An edit renders the pages whose hash changes.
    keys: HashMap<String, u64>,
    /// Case study (index into `content.case_studies`) → the pages showing it.
    pages_of: HashMap<usize, Vec<Job>>,
}

/// One page's (path, hash of what it shows, the case studies it shows).
type Shown = (String, u64, Vec<usize>);

impl Showing {
    /// What every page of `index` shows.
    pub fn of(index: &Index<'_>) -> Showing {
        let jobs = index.jobs();
        let shown = Showing::each(index, &jobs);
        Showing::new(&jobs, shown)
    }

    /// What each of `jobs` shows.
    fn each(index: &Index<'_>, jobs: &[Job]) -> Vec<Shown> {
        let values = index.facet_values();
        let cs = &index.site.content.case_studies;
        jobs.par_iter()
            .map(|job| {
                let (items, numbers) = index.shows(job, values);
                let rels: Vec<&str> = items.iter().map(|&i| cs[i].src.rel.as_str()).collect();
                (index.path(job), crate::hash::of(&(numbers, rels)), items)
            })
            .collect()
    }

    fn new(jobs: &[Job], shown: Vec<Shown>) -> Showing {
        let mut pages_of: HashMap<usize, Vec<Job>> = HashMap::new();
        let mut keys = HashMap::with_capacity(shown.len());
        for (job, (path, key, items)) in jobs.iter().zip(shown) {
            for i in items {
                pages_of.entry(i).or_default().push(job.clone());
            }
            keys.insert(path, key);
        }
        Showing { keys, pages_of }
    }

    /// The pages showing case study `i`.
    fn pages_of(&self, i: usize) -> &[Job] {
        self.pages_of.get(&i).map_or(&[], Vec::as_slice)
    }
}

impl Built {
    /// The second half of an in-place edit: the site-wide files (filter data, inventory,
    /// sitemap, feed) and the search index and export, updated with `search`'s documents;
    /// with the paths of export files the update no longer has. After an error this `Built`
    /// must be dropped.
    pub fn finish(&mut self, search: &[SearchDoc], gone: &[String]) -> Result<Finished, String> {
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
        let mut removed = Vec::new();
        if !search.is_empty() || !gone.is_empty() {
            let export = self
                .search
                .update(search, gone)
                .map_err(|e| e.to_string())?;
            files.extend(export.files);
            removed = export.removed;
        }
        Ok((files, removed))
    }
}

/// What `Built::finish` gives: the files to write, and the export files to take away.
pub type Finished = (BTreeMap<String, Vec<u8>>, Vec<String>);

/// Files an in-place edit writes after its pages (`Built::finish`): requests for them wait
/// until it has, so no one sees them and the pages from different versions.
pub fn follows_pages(path: &str) -> bool {
    path.starts_with(crate::search::export::DIR) || crate::render::SITE_FILES.contains(&path)
}

/// What a full build reports after an edit: `old`'s findings, with those on the `replaced`
/// files (edited, added or gone) swapped for `fresh`, what those files say now. Every finding
/// names the one file it is about and is decided by that file and `hub.yaml` alone (the rules
/// run per item; a link to another file that breaks is an error, which no edit here puts in
/// place), so the other files' findings stand as they were.
fn findings_after(
    old: &[Diagnostic],
    replaced: &HashSet<PathBuf>,
    fresh: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let all = Diagnostics::new();
    all.extend(
        old.iter()
            .filter(|d| !replaced.contains(&d.file))
            .cloned(),
    );
    all.extend(fresh);
    all.into_sorted()
}

fn heading_ids(r: &Rendered) -> Vec<&str> {
    r.anchor_ids().collect()
}
