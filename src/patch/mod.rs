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
    /// The pages a restructuring edit has still to render (`Built::rest`); until then the
    /// pages held are not all this build's.
    pub(crate) pending: Option<Pending>,
}

/// Pages an edit applied in place has still to render, after those open in browsers.
pub(crate) enum Pending {
    /// Of an edit that moved case studies through the lists (`restructure.rs`).
    Lists(Box<restructure::Rest>),
    /// Of a theme edit (`retheme.rs`).
    Theme(retheme::Rest),
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
    /// Every page, in `Index::jobs` order.
    jobs: Vec<Job>,
    /// Case study (index into `content.case_studies`) → the pages showing it (into `jobs`).
    pages_of: HashMap<usize, Vec<u32>>,
}

/// One page's (path, hash of what it shows, the case studies it shows).
type Shown = (String, u64, Vec<usize>);

impl Showing {
    /// What every page of `index` shows.
    pub fn of(index: &Index<'_>) -> Showing {
        let jobs = index.jobs();
        let paths = jobs.iter().map(|j| index.path(j)).collect();
        let shown = Showing::each(index, &jobs, paths);
        Showing::new(jobs, shown)
    }

    /// What each of `jobs`, at `paths`, shows.
    fn each(index: &Index<'_>, jobs: &[Job], paths: Vec<String>) -> Vec<Shown> {
        let values = index.facet_values();
        let cs = &index.site.content.case_studies;
        jobs.par_iter()
            .zip(paths)
            .map(|(job, path)| {
                let (items, numbers) = index.shows(job, values);
                let rels: Vec<&str> = items.iter().map(|&i| cs[i].src.rel.as_str()).collect();
                (path, crate::hash::of(&(numbers, rels)), items)
            })
            .collect()
    }

    fn new(jobs: Vec<Job>, shown: Vec<Shown>) -> Showing {
        let mut pages_of: HashMap<usize, Vec<u32>> = HashMap::new();
        let mut keys = HashMap::with_capacity(shown.len());
        for (n, (path, key, items)) in shown.into_iter().enumerate() {
            for i in items {
                pages_of.entry(i).or_default().push(n as u32);
            }
            keys.insert(path, key);
        }
        Showing {
            keys,
            jobs,
            pages_of,
        }
    }

    /// The pages showing case study `i`.
    fn pages_of(&self, i: usize) -> impl Iterator<Item = &Job> {
        let pages = self.pages_of.get(&i).map_or(&[][..], Vec::as_slice);
        pages.iter().map(|&n| &self.jobs[n as usize])
    }
}

impl Built {
    /// Whether an in-place edit has left pages for `rest`: until then only the pages open in
    /// a browser are in its `InPlace::files`, and the others, the pages removed and the search
    /// documents are still to come.
    pub fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The pages an in-place edit left for later (`has_pending`), rendered into `done`.
    /// `false` if one failed to render: this `Built` must be dropped and the hub built afresh,
    /// which reports the problem.
    pub fn rest(&mut self, done: &mut InPlace) -> bool {
        match self.pending.take() {
            None => true,
            Some(Pending::Lists(rest)) => self.rest_of_lists(*rest, done),
            Some(Pending::Theme(rest)) => self.rest_of_theme(rest, done),
        }
    }

    /// The second half of an in-place edit: the site-wide files (filter data, inventory,
    /// sitemap, feed) and the search index and export, updated with `search`'s documents;
    /// with the paths of export files the update no longer has. After an error this `Built`
    /// must be dropped.
    pub fn finish(&mut self, search: &[SearchDoc], gone: &[String]) -> Result<Finished, String> {
        if self.pending.is_some() {
            return Err("the pages of the edit are not all rendered".into());
        }
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

/// What a full build reports after an edit: the last build's findings (`all`), with those on the `replaced`
/// files (edited, added or gone) swapped for `fresh`, what those files say now. Every finding
/// names the one file it is about and is decided by that file and `hub.yaml` alone (the rules
/// run per item; a link to another file that breaks is an error, which no edit here puts in
/// place), so the other files' findings stand as they were.
fn findings_after(
    mut all: Vec<Diagnostic>,
    replaced: &HashSet<PathBuf>,
    fresh: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    // `all` is in report order; the few fresh ones are put in their places.
    all.retain(|d| !replaced.contains(&d.file));
    for d in fresh {
        if let Err(at) = all.binary_search_by(|x| Diagnostic::order(x, &d)) {
            all.insert(at, d);
        }
    }
    all
}

/// The pages an edit renders first, those open in a browser (`open`, site paths): their
/// indices into `jobs`, and the jobs. `path` gives job `n`'s site path; it is not asked when
/// no page is open.
fn open_first<P: AsRef<str>>(
    jobs: &[Job],
    open: &HashSet<String>,
    path: impl Fn(usize) -> P,
) -> (Vec<usize>, Vec<Job>) {
    let first: Vec<usize> = (0..jobs.len())
        .filter(|&n| !open.is_empty() && open.contains(path(n).as_ref()))
        .collect();
    let todo = first.iter().map(|&n| jobs[n].clone()).collect();
    (first, todo)
}

/// `jobs` rendered with `theme` into memory (site path of the file → bytes); `None` if any
/// page failed, which a full build then reports.
fn render(index: &Index<'_>, theme: &Theme, jobs: &[Job]) -> Option<BTreeMap<String, Vec<u8>>> {
    let sink = MemorySite::default();
    let diags = Diagnostics::new();
    crate::render::render_jobs(index, theme, jobs, &sink, &|| {}, &diags);
    diags.is_empty().then(|| sink.into_files())
}

fn heading_ids(r: &Rendered) -> Vec<&str> {
    r.anchor_ids().collect()
}
