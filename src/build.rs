//! The pipeline, start to finish: load → link → render → index → write.

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::link::{self, LinkOptions};
use crate::load;
use crate::markdown::highlight::Highlighter;
use crate::render::{self, bodies, theme};
use crate::search;
use crate::write::{Discard, MemorySite, Sink};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::{Duration, Instant};

mod disk;

/// What one run of the pipeline reads and where it writes, shared by `build`, `check` and
/// `serve`. Start from [`BuildOptions::new`] and change what differs.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub(crate) content: PathBuf,
    /// Where the site is written; replaced only when the build succeeds, so a failed build
    /// leaves the last good site in place.
    pub output: PathBuf,
    /// Replaces `base_url` from hub.yaml (for previews and sub-path deploys).
    pub base_url: Option<String>,
    /// Treat case studies marked `draft: true` as published.
    pub drafts: bool,
    /// The day `review_by` dates are compared with: a page past its date says it may be out of
    /// date, and `check` warns about it.
    pub today: NaiveDate,
    /// Folder holding theme folders; by default `themes/` beside the content folder.
    pub themes: Option<PathBuf>,
    /// `false` for `check`: validate and render in memory, write nothing.
    pub(crate) write: bool,
    /// Where the tantivy index goes; by default `search-index/` beside the content folder.
    pub index: Option<PathBuf>,
}

impl BuildOptions {
    /// Build `content` into `output` with the defaults: hub.yaml's base URL, no drafts, today's
    /// local date, themes and search index beside the content folder, and the site written.
    pub fn new(content: impl Into<PathBuf>, output: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            content: content.into(),
            output: output.into(),
            base_url: None,
            drafts: false,
            today: chrono::Local::now().date_naive(),
            themes: None,
            write: true,
            index: None,
        }
    }

    pub(crate) fn themes_dir(&self) -> PathBuf {
        self.themes
            .clone()
            .unwrap_or_else(|| beside_content(&self.content, "themes"))
    }

    pub(crate) fn index_dir(&self) -> PathBuf {
        self.index
            .clone()
            .unwrap_or_else(|| beside_content(&self.content, "search-index"))
    }
}

/// `name` in the folder that holds the content folder (normally the repository root).
pub fn beside_content(content: &std::path::Path, name: &str) -> PathBuf {
    let parent = content
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    parent.join(name)
}

/// What one run of the pipeline found and did.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages rendered; 0 when there were errors, since then nothing is published.
    pub pages: usize,
    /// Every problem found, sorted by file, line and column, each reported once.
    pub diagnostics: Vec<Diagnostic>,
    /// How long the whole run took.
    pub(crate) elapsed: Duration,
    /// Time each stage took, in order (for `--timings` and the benchmarks).
    pub(crate) stages: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    /// Whether no diagnostic is an error; warnings do not fail a build.
    pub fn ok(&self) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostics::Severity::Error)
    }
}

/// Run the whole pipeline. `on_total` is told how many pages there will be, `on_page` is called
/// as each is written (for a progress bar).
pub fn build(
    opts: &BuildOptions,
    on_total: &(dyn Fn(usize) + Sync),
    on_page: render::Progress<'_>,
) -> BuildReport {
    let start = Instant::now();
    let diags = Diagnostics::new();
    let mut laps = Laps::from(start);
    let (pages, _) = run(opts, &diags, on_total, on_page, &mut laps);
    BuildReport {
        pages,
        diagnostics: diags.into_sorted(),
        elapsed: start.elapsed(),
        stages: laps.stages,
    }
}

/// The pipeline as `check` runs it: nothing written, and the linked site handed back (even
/// when it has errors) so the extra checks read the files the build parsed.
pub(crate) fn build_for_check(
    opts: &BuildOptions,
    diags: &Diagnostics,
) -> (BuildReport, Option<link::Site>) {
    let start = Instant::now();
    let mut laps = Laps::from(start);
    let mut o = opts.clone();
    o.write = false;
    let (pages, site) = run(&o, diags, &|_| {}, &|| {}, &mut laps);
    let report = BuildReport {
        pages,
        diagnostics: Vec::new(),
        elapsed: start.elapsed(),
        stages: laps.stages,
    };
    (report, site)
}

/// Stage timings: each `lap` records the time since the previous one.
struct Laps {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn from(start: Instant) -> Laps {
        Laps {
            last: start,
            stages: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }
}

/// A site built in memory, as `serve` holds it.
pub struct InMemory {
    /// Site path → bytes, for every file of the site.
    pub files: std::collections::BTreeMap<String, Vec<u8>>,
    /// How many pages the site has.
    pub pages: usize,
    /// What the next edit can be applied to in place.
    pub(crate) built: crate::patch::Built,
}

/// The whole pipeline into memory. `None` when there were errors (all in the diagnostics).
pub fn build_in_memory(opts: &BuildOptions) -> (Option<InMemory>, Vec<Diagnostic>) {
    build_in_memory_with(opts, None)
}

/// What `serve` keeps between rebuilds so that an edit re-parses and re-renders only the files
/// it touched. The output is identical to a build without caches (tests/serve_incremental.rs).
#[derive(Default)]
pub(crate) struct Caches {
    pub(crate) parsed: load::ParseCache,
    pub(crate) bodies: bodies::BodyCache,
    /// Keeps the syntax set loaded between rebuilds.
    pub(crate) highlighter: Highlighter,
}

pub(crate) fn build_in_memory_with(
    opts: &BuildOptions,
    caches: Option<&Caches>,
) -> (Option<InMemory>, Vec<Diagnostic>) {
    let diags = Diagnostics::new();
    let built = (|| {
        let (site, bodies, theme) =
            prepare(opts, &diags, caches, bodies::Html::Kept)?.ready(&diags)?;
        let sink = MemorySite::default();
        let placement = render::pages::Placement::new(&site);
        let page_paths = render::render_site(
            &site,
            &bodies,
            &theme,
            &placement,
            &sink,
            &opts.content,
            &|_| {},
            &|| {},
            &diags,
        );
        let docs = render::search_docs::collect(&site, &bodies);
        let synonyms = render::search_docs::synonyms(&site);
        let (live, export) = search::live::LiveSearch::new(docs, &synonyms)
            .map_err(|e| search_failed(&diags, &opts.content, &e))
            .ok()?;
        write_export(&export, &sink, &diags)?;
        let pages = page_paths.len();
        let showing = crate::patch::Showing::of(&render::pages::Index::new(
            &site,
            &bodies,
            &theme.asset_paths,
            &placement,
        ));
        (!diags.has_errors()).then(|| InMemory {
            files: sink.into_files(),
            pages,
            built: crate::patch::Built {
                site,
                bodies,
                theme,
                placement,
                search: live,
                page_paths,
                showing,
                memo: Default::default(),
                diagnostics: Vec::new(),
                content_dir: opts.content.clone(),
                pending: None,
            },
        })
    })();
    let diagnostics = diags.into_sorted();
    let built = built.map(|mut b| {
        b.built.diagnostics = diagnostics.clone();
        b
    });
    (built, diagnostics)
}

/// What the stages before page rendering made. Kept even when they found errors, so that
/// `check` can run its extra checks on the same parsed content instead of reading it again.
struct Prepared {
    site: link::Site,
    bodies: bodies::Bodies,
    /// `None` when the theme did not load (its problems are in the diagnostics).
    theme: Option<theme::Theme>,
}

impl Prepared {
    /// The three pieces, if nothing went wrong on the way.
    fn ready(self, diags: &Diagnostics) -> Option<(link::Site, bodies::Bodies, theme::Theme)> {
        let theme = self.theme?;
        (!diags.has_errors()).then_some((self.site, self.bodies, theme))
    }
}

/// load → link → render bodies → theme: everything before pages are written. `None` only when
/// there was no usable content to link.
fn prepare(
    opts: &BuildOptions,
    diags: &Diagnostics,
    caches: Option<&Caches>,
    html: bodies::Html,
) -> Option<Prepared> {
    let (site, bodies) = link_and_render(opts, diags, caches, html)?;
    let theme = theme::load(
        &opts.themes_dir(),
        site.content.config.theme.as_deref(),
        diags,
    );
    Some(Prepared {
        site,
        bodies,
        theme,
    })
}

/// load → link → render bodies: what depends on the content alone (the fuzz targets, whose
/// theme never changes, call it to load the theme once).
pub(crate) fn link_and_render_bodies(
    opts: &BuildOptions,
    diags: &Diagnostics,
    caches: Option<&Caches>,
) -> Option<(link::Site, bodies::Bodies)> {
    link_and_render(opts, diags, caches, bodies::Html::Kept)
}

/// `link_and_render_bodies`, keeping the bodies' HTML as `html` says. For a build
/// (`Html::ShownOnce`) the front-matter positions go too once the rules have run: nothing
/// after linking reports on a field, and on a large hub they are 6 % of what it holds.
fn link_and_render(
    opts: &BuildOptions,
    diags: &Diagnostics,
    caches: Option<&Caches>,
    html: bodies::Html,
) -> Option<(link::Site, bodies::Bodies)> {
    let mut content = match caches {
        Some(c) => load::load_cached(&opts.content, diags, &c.parsed)?,
        None => load::load(&opts.content, diags)?,
    };
    if let Some(b) = &opts.base_url {
        content.config.base_url = b.clone();
    }
    check_base_url(&content, opts.base_url.is_some(), diags);
    let mut site = link::link(
        content,
        LinkOptions {
            drafts: opts.drafts,
            today: opts.today,
        },
        diags,
    );
    if html == bodies::Html::ShownOnce {
        site.content.release(crate::content::Release::Spans);
    }
    let own = Highlighter::new();
    let hl = caches.map_or(&own, |c| &c.highlighter);
    let bodies = bodies::render_bodies_cached(&site, hl, diags, caches.map(|c| &c.bodies), html);
    Some((site, bodies))
}

/// The pipeline to disk, or (for `check`, `opts.write` false) rendering every page into
/// nothing so template errors surface without a folder being written. Returns the page count
/// and the linked site, whatever was found wrong with it.
fn run(
    opts: &BuildOptions,
    diags: &Diagnostics,
    on_total: &(dyn Fn(usize) + Sync),
    on_page: render::Progress<'_>,
    laps: &mut Laps,
) -> (usize, Option<link::Site>) {
    let html = if opts.write {
        bodies::Html::ShownOnce
    } else {
        bodies::Html::Kept
    };
    let Some(Prepared {
        mut site,
        mut bodies,
        theme,
    }) = prepare(opts, diags, None, html)
    else {
        return (0, None);
    };
    let theme = match theme {
        Some(t) if !diags.has_errors() => t,
        _ => return (0, Some(site)),
    };
    laps.lap("load, link, markdown");
    if !opts.write {
        let placement = render::pages::Placement::new(&site);
        let paths = render::render_site(
            &site,
            &bodies,
            &theme,
            &placement,
            &Discard,
            &opts.content,
            on_total,
            on_page,
            diags,
        );
        return (if diags.has_errors() { 0 } else { paths.len() }, Some(site));
    }
    // The case studies' Markdown is held compressed and every file's text let go first, so
    // that the search documents are not made on top of the texts (at 100,000 case studies,
    // made before they took the build to 1.71 GB; after, this stage stays under the checks'
    // 1.44 GB). The other bodies' texts are read by the search documents alone: moved, not
    // copied (the case studies', not kept, are made again as they are indexed).
    bodies.take_sources(&mut site);
    let docs = render::search_docs::collect_taking(&site, &mut bodies);
    let pages = disk::write_to_disk(
        opts,
        &site,
        &bodies,
        docs,
        &theme,
        diags,
        (on_total, on_page),
        laps,
    );
    (pages, Some(site))
}

fn search_failed(diags: &Diagnostics, dir: &std::path::Path, e: &dyn std::fmt::Display) {
    diags.push(
        Diagnostic::error(
            dir,
            Pos::new(1, 1),
            format!("cannot build the search index: {e}"),
        )
        .help("check the folder is writable, or pass `--index DIR`"),
    );
}

/// Writes the export's files into a sink as they come, from any thread: after the first file
/// that cannot be written no other is tried, and that one is reported. One writer for a build,
/// which writes each file as the export makes it (`disk::export_search`), and for serve's
/// first build, which writes a finished export.
struct ExportWriter<'a> {
    sink: &'a dyn Sink,
    diags: &'a Diagnostics,
    failed: std::sync::atomic::AtomicBool,
}

impl<'a> ExportWriter<'a> {
    fn new(sink: &'a dyn Sink, diags: &'a Diagnostics) -> ExportWriter<'a> {
        ExportWriter {
            sink,
            diags,
            failed: Default::default(),
        }
    }

    fn write(&self, path: &str, bytes: &[u8]) {
        use std::sync::atomic::Ordering;
        if self.failed.load(Ordering::Relaxed) {
            return;
        }
        if let Err(e) = self.sink.write(path, bytes) {
            if !self.failed.swap(true, Ordering::Relaxed) {
                search_failed(self.diags, &self.sink.describe(path), &e);
            }
        }
    }

    /// `Some` if every file was written.
    fn finish(self) -> Option<()> {
        (!self.failed.into_inner()).then_some(())
    }
}

fn write_export(
    export: &search::export::Export,
    sink: &dyn Sink,
    diags: &Diagnostics,
) -> Option<()> {
    let w = ExportWriter::new(sink, diags);
    for (path, bytes) in &export.files {
        w.write(path, bytes);
    }
    w.finish()
}

/// `--base-url` replaces hub.yaml's (checked where hub.yaml is read); serve and local previews
/// pass `http://` addresses, so this one may be http or https.
fn check_base_url(content: &crate::content::Content, replaced: bool, diags: &Diagnostics) {
    let b = &content.config.base_url;
    if let Some(why) = replaced
        .then(|| crate::config::address::site_problem(b))
        .flatten()
    {
        let span = content.config_spans.value("base_url");
        diags.push(
            content
                .config_src
                .error(
                    span.pos,
                    span.width,
                    format!("--base-url `{b}`, which replaces this base_url, cannot be used: {why}"),
                )
                .help("pass the address the hub is published at, e.g. `--base-url https://example.org/hub/`"),
        );
    }
}
