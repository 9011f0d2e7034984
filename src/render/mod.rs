//! Stage 3: render bodies and pages with the theme, writing each page as it is made.

pub mod bodies;
mod body_cache;
pub mod chart;
pub mod feed;
mod held_markdown;
pub mod inventory;
pub mod item_memo;
pub mod pages;
pub mod related;
mod script;
pub mod search_docs;
pub mod theme;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::link::Site;
use crate::routes;
use crate::write::Sink;
use bodies::Bodies;
use pages::{Index, Job, Placement, RenderContext};
use rayon::prelude::*;
use std::path::Path;
use theme::Theme;

/// Called after each page is written, for progress display.
pub type Progress<'a> = &'a (dyn Fn() + Sync);

/// Render every page and feed into `out`, telling `on_total` how many pages there will be and
/// calling `progress` after each. Returns the site path of every HTML page (for the sitemap;
/// `None` where a template failed).
#[allow(clippy::too_many_arguments)]
pub fn render_site(
    site: &Site,
    bodies: &Bodies,
    theme: &Theme,
    placement: &Placement,
    out: &dyn Sink,
    content_dir: &Path,
    on_total: &(dyn Fn(usize) + Sync),
    progress: Progress<'_>,
    diags: &Diagnostics,
) -> Vec<String> {
    let index = Index::new(site, bodies, &theme.asset_paths, placement);
    let jobs = index.jobs();
    on_total(jobs.len());
    let paths = render_jobs(&index, theme, &jobs, out, progress, diags);
    let mut sitemap_paths: Vec<String> = paths.into_iter().flatten().collect();
    sitemap_paths.sort();
    write_site_files(&index, &sitemap_paths, None, out, diags);
    for (path, bytes) in &theme.assets {
        write_or_report(out, path, bytes, diags);
    }
    site.content.statics.par_iter().for_each(|rel| {
        if let Err(e) = out.copy(&content_dir.join(rel), rel) {
            diags.push(Diagnostic::error(
                &content_dir.join(rel),
                Pos::new(1, 1),
                format!("cannot copy static file: {e}"),
            ));
        }
    });
    sitemap_paths
}

/// Render `jobs` in parallel; the site path of each page written.
pub fn render_jobs(
    index: &Index<'_>,
    theme: &Theme,
    jobs: &[Job],
    out: &dyn Sink,
    progress: Progress<'_>,
    diags: &Diagnostics,
) -> Vec<Option<String>> {
    jobs.par_iter()
        .map(|job| {
            let r = render_job(index, theme, job, out, diags);
            progress();
            r
        })
        .collect()
}

/// What `write_site_files` writes, in its order.
pub const SITE_FILES: [&str; 5] = [
    routes::FILTER_DATA,
    routes::INVENTORY,
    routes::SITEMAP,
    routes::FEED,
    routes::ROBOTS,
];

/// The files made from the whole site rather than one page: the case-study filter data, the
/// page inventory, the sitemap (of `page_paths`), the feed and robots.txt.
pub fn write_site_files(
    index: &Index<'_>,
    page_paths: &[String],
    memo: Option<&item_memo::ItemMemo>,
    out: &dyn Sink,
    diags: &Diagnostics,
) {
    let site = index.site;
    let cfg = &site.content.config;
    let sitemap_paths: Vec<String> = page_paths
        .iter()
        .filter(|p| *p != routes::NOT_FOUND)
        .cloned()
        .collect();
    let texts = [
        filter_json(index, memo),
        inventory::pages_json(site, memo),
        feed::sitemap(&cfg.base_url, &sitemap_paths),
        feed::atom(site),
        feed::robots(&cfg.base_url),
    ];
    for (name, text) in SITE_FILES.into_iter().zip(texts) {
        write_or_report(out, name, text.as_bytes(), diags);
    }
}

/// One case study in the filter data. Fields in name order: the file once was a JSON object
/// with sorted keys, and the bytes stay the same.
#[derive(serde::Serialize)]
struct FilterItem<'a> {
    board: [&'a str; 1],
    cluster: &'a str,
    component: &'a [String],
    published: String,
    summary: &'a str,
    title: &'a str,
    topic: &'a [String],
    url: String,
    year: [String; 1],
    zone: &'a [String],
}

/// Every published case study with its facet values, for the list page's instant filters.
/// Items are written in parallel and typed: on a 10,000-item hub this file is megabytes, and
/// `serve` writes it again after every edit.
fn filter_json(index: &Index<'_>, memo: Option<&item_memo::ItemMemo>) -> String {
    let c = &index.site.content;
    let items: Vec<String> = index
        .site
        .case_studies
        .par_iter()
        .map(|&i| {
            let d = &c.case_studies[i];
            let m = &d.meta;
            item_memo::piece(memo, item_memo::Piece::Filter, &d.src.rel, || {
                serde_json::to_string(&FilterItem {
                    board: [&m.board],
                    cluster: &m.cluster,
                    component: &m.components,
                    published: m.published.to_string(),
                    summary: &m.summary,
                    title: &m.title,
                    topic: &m.topics,
                    url: crate::routes::case_study(&d.slug),
                    year: [m.published.year().to_string()],
                    zone: &m.zones,
                })
                .unwrap_or_default()
            })
        })
        .collect();
    let names: serde_json::Map<String, serde_json::Value> = crate::content::facet::Facet::ALL
        .iter()
        .map(|f| {
            let values: serde_json::Map<String, serde_json::Value> = index.facets[f.key()]
                .keys()
                .map(|k| {
                    (
                        k.clone(),
                        serde_json::Value::String(index.facet_name(*f, k)),
                    )
                })
                .collect();
            (f.key().to_string(), serde_json::Value::Object(values))
        })
        .collect();
    let mut out = format!(
        "{{\"facets\":{},\"items\":[",
        serde_json::Value::Object(names)
    );
    out.reserve(items.iter().map(|s| s.len() + 1).sum());
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out.push_str("]}");
    out
}

fn write_or_report(out: &dyn Sink, rel: &str, bytes: &[u8], diags: &Diagnostics) {
    if let Err(e) = out.write(rel, bytes) {
        diags.push(Diagnostic::error(
            &out.describe(rel),
            Pos::new(1, 1),
            format!("cannot write output: {e}"),
        ));
    }
}

/// Render one page; returns its site path for the sitemap.
fn render_job(
    index: &Index<'_>,
    theme: &Theme,
    job: &Job,
    out: &dyn Sink,
    diags: &Diagnostics,
) -> Option<String> {
    let (path, page) = index.page(job);
    let template = page.template();
    let root = if matches!(job, Job::NotFound) {
        // Served in place of any missing URL, so relative links would resolve against it.
        index.base_path.clone()
    } else {
        crate::routes::root_prefix(&path)
    };
    let canonical = crate::routes::absolute(&index.site.content.config.base_url, &path);
    let context = RenderContext {
        site: &index.base,
        page: &page,
        root: &root,
        path: &path,
        canonical: &canonical,
    };
    let ctx = match tera::Context::from_serialize(&context) {
        Ok(ctx) => ctx,
        Err(e) => {
            diags.push(Diagnostic::error(
                Path::new(&format!("themes/…/templates/{template}")),
                Pos::new(1, 1),
                format!("cannot make the context of `{path}`: {e}"),
            ));
            return None;
        }
    };
    match theme.tera.render(template, &ctx) {
        Ok(html) => {
            write_or_report(out, &crate::routes::file_of(&path), html.as_bytes(), diags);
            Some(path)
        }
        Err(e) => {
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                msg.push_str(": ");
                msg.push_str(&s.to_string());
                src = s.source();
            }
            diags.push(Diagnostic::error(
                Path::new(&format!("themes/…/templates/{template}")),
                Pos::new(1, 1),
                format!("template failed on `{path}`: {msg}"),
            ));
            None
        }
    }
}
