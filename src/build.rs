//! The pipeline, start to finish: load → link → render → write.

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::link::{self, LinkOptions};
use crate::load;
use crate::markdown::highlight::Highlighter;
use crate::render::{self, bodies, theme};
use crate::write::Staging;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub output: PathBuf,
    /// Replaces `base_url` from hub.yaml (for previews and sub-path deploys).
    pub base_url: Option<String>,
    pub drafts: bool,
    pub today: NaiveDate,
    /// Folder holding theme folders; by default `themes/` beside the content folder.
    pub themes: Option<PathBuf>,
    /// `false` for `check`: validate and render in memory, write nothing.
    pub write: bool,
}

impl BuildOptions {
    pub fn new(content: impl Into<PathBuf>, output: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            content: content.into(),
            output: output.into(),
            base_url: None,
            drafts: false,
            today: chrono::Local::now().date_naive(),
            themes: None,
            write: true,
        }
    }

    pub fn themes_dir(&self) -> PathBuf {
        self.themes.clone().unwrap_or_else(|| {
            let parent = self
                .content
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from);
            parent.join("themes")
        })
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub elapsed: Duration,
}

impl BuildReport {
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
    on_total: &dyn Fn(usize),
    on_page: render::Progress<'_>,
) -> BuildReport {
    let start = Instant::now();
    let diags = Diagnostics::new();
    let pages = run(opts, &diags, on_total, on_page);
    BuildReport {
        pages,
        diagnostics: diags.into_sorted(),
        elapsed: start.elapsed(),
    }
}

fn run(
    opts: &BuildOptions,
    diags: &Diagnostics,
    on_total: &dyn Fn(usize),
    on_page: render::Progress<'_>,
) -> usize {
    let Some(mut content) = load::load(&opts.content, diags) else {
        return 0;
    };
    if let Some(b) = &opts.base_url {
        content.config.base_url = b.clone();
    }
    check_base_url(&content, diags);
    let site = link::link(
        content,
        LinkOptions {
            drafts: opts.drafts,
            today: opts.today,
        },
        diags,
    );
    let hl = Highlighter::new();
    let bodies = bodies::render_bodies(&site, &hl, diags);
    let Some(theme) = theme::load(
        &opts.themes_dir(),
        site.content.config.theme.as_deref(),
        diags,
    ) else {
        return 0;
    };
    if diags.has_errors() {
        return 0;
    }
    // `check` renders too (into a scratch folder) so template errors surface without publishing.
    let target = if opts.write {
        opts.output.clone()
    } else {
        std::env::temp_dir()
            .join(format!("ithub-check-{}", std::process::id()))
            .join("site")
    };
    let staging = match Staging::new(&target) {
        Ok(s) => s,
        Err(e) => {
            diags.push(Diagnostic::error(
                &target,
                Pos::new(1, 1),
                format!("cannot create output folder: {e}"),
            ));
            return 0;
        }
    };
    let index_estimate = render::pages::Index::new(&site, &bodies, &theme.asset_paths)
        .jobs()
        .len();
    on_total(index_estimate);
    let pages = render::render_site(
        &site,
        &bodies,
        &theme,
        &staging,
        &opts.content,
        on_page,
        diags,
    );
    if diags.has_errors() || !opts.write {
        if !opts.write {
            let _ = std::fs::remove_dir_all(target.parent().unwrap_or(&target));
        }
        return if diags.has_errors() { 0 } else { pages };
    }
    if let Err(e) = staging.commit() {
        diags.push(Diagnostic::error(
            &opts.output,
            Pos::new(1, 1),
            format!("cannot replace the output folder: {e}"),
        ));
        return 0;
    }
    pages
}

fn check_base_url(content: &crate::content::Content, diags: &Diagnostics) {
    let b = &content.config.base_url;
    if !(b.starts_with("http://") || b.starts_with("https://")) {
        let span = content.config_spans.value("base_url");
        diags.push(
            content
                .config_src
                .error(
                    span.pos,
                    span.width,
                    format!("base_url `{b}` is not an absolute web address"),
                )
                .help("write the address the hub is published at, e.g. `https://example.org/hub/`"),
        );
    }
}
