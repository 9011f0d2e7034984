//! `ithub check`: everything the build validates, plus checks that only make sense before a
//! merge (headings, link text, placeholders, freshness, and with `--external` the web links).
//!
//! The build runs first, writing nothing, so `check` and `build` can never disagree about an
//! error; the extra checks then read the content again on their own.

pub mod body;
pub mod external;
pub mod format;
pub mod freshness;
pub mod headings;
pub mod link_text;
pub mod personal_data;
pub mod placeholders;

use crate::build::{build_for_check, BuildOptions, BuildReport};
use crate::content::common::{Common, HasCommon};
use crate::content::{Content, Doc};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::front_matter;
use crate::source::pos_of_offset;
use crate::source::spans::SpanIndex;
use crate::source::SourceFile;
use chrono::NaiveDate;
use std::io::Write as _;
use std::ops::Range;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub build: BuildOptions,
    /// Fetch every web link too (`--external`).
    pub external: Option<external::Settings>,
}

/// One content file, whatever its kind, with what the checks need.
pub struct Item<'a> {
    pub src: &'a SourceFile,
    pub spans: &'a SpanIndex,
    pub body_offset: usize,
    pub common: Common,
    /// An owner the item takes from the one it belongs to (a pack, for its sections).
    pub inherited_owner: Option<String>,
    pub draft: bool,
}

impl<'a> Item<'a> {
    pub(crate) fn of<M: HasCommon>(d: &'a Doc<M>) -> Item<'a> {
        Item {
            src: &d.src,
            spans: &d.spans,
            body_offset: d.body_offset,
            common: d.meta.common(),
            inherited_owner: None,
            draft: false,
        }
    }

    /// An item from a file alone (for tests of single checks).
    pub fn plain(src: &'a SourceFile, spans: &'a SpanIndex) -> Item<'a> {
        let body_offset = front_matter::split(src).map_or(0, |s| s.body_offset);
        Item {
            src,
            spans,
            body_offset,
            common: Common::default(),
            inherited_owner: None,
            draft: false,
        }
    }

    pub fn body(&self) -> &'a str {
        self.src.text.get(self.body_offset..).unwrap_or("")
    }

    /// An error at a byte range of the body.
    pub fn error_at(&self, range: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        let at = self.body_offset + range.start;
        let width = self
            .body()
            .get(range.clone())
            .map_or(1, |s| s.chars().count());
        self.src
            .error(pos_of_offset(&self.src.text, at), width, message)
    }
}

/// Reports of one kind kept for one file. Past this, more help nobody, and a pathological file
/// (thousands of findings on one enormous line) would make the output grow without bound.
pub const MAX_PER_FILE: usize = 20;

/// Longest source line kept for the excerpt; the location still points into longer ones.
const MAX_EXCERPT: usize = 1000;

/// Collects at most `MAX_PER_FILE` diagnostics, then one saying the rest are not shown.
#[derive(Debug, Default)]
pub struct Limited {
    pub out: Vec<Diagnostic>,
    full: bool,
}

impl Limited {
    /// Add the diagnostic `make` builds, unless the limit is reached; `make` is only called when
    /// needed, since building one copies its source line.
    pub fn push(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.full {
            return;
        }
        let mut d = make();
        if d.source_line
            .as_ref()
            .is_some_and(|l| l.len() > MAX_EXCERPT)
        {
            d.source_line = None;
        }
        if self.out.len() == MAX_PER_FILE {
            self.full = true;
            d.message = format!(
                "more problems like the ones above in this file: only the first {MAX_PER_FILE} are shown"
            );
            d.help = Some("fix those, then check again".into());
            d.source_line = None;
        }
        self.out.push(d);
    }
}

/// Every content file of the hub, in a stable order.
pub fn items(c: &Content) -> Vec<Item<'_>> {
    let mut v: Vec<Item<'_>> = Vec::new();
    v.extend(c.zones.iter().map(Item::of));
    v.extend(c.case_studies.iter().map(|d| Item {
        draft: d.meta.draft,
        ..Item::of(d)
    }));
    for p in &c.packs {
        v.push(Item::of(&p.index));
        v.extend(p.sections.iter().map(|s| Item {
            inherited_owner: p.index.meta.owner.clone(),
            ..Item::of(s)
        }));
    }
    v.extend(c.baskets.iter().map(Item::of));
    v.extend(c.roadmaps.iter().map(Item::of));
    v.extend(c.pages.iter().map(Item::of));
    v
}

/// The checks beyond the build's, on content already loaded.
pub fn content_checks(c: &Content, today: NaiveDate, drafts: bool, diags: &Diagnostics) {
    for item in items(c) {
        let b = body::scan(item.body());
        diags.extend(headings::check(&item, &b.headings));
        diags.extend(link_text::check(&item, &b.links));
        diags.extend(placeholders::check(&item));
        // A draft is not published, so it cannot yet be stale.
        if drafts || !item.draft {
            diags.extend(freshness::check(&item, today));
        }
    }
}

/// Run every check; nothing is written, and each file is read and parsed once: the extra
/// checks run on the content the build stages loaded.
pub fn check(opts: &CheckOptions) -> BuildReport {
    let start = Instant::now();
    let diags = Diagnostics::new();
    let (report, site) = build_for_check(&opts.build, &diags);
    if let Some(site) = &site {
        let content = &site.content;
        content_checks(content, opts.build.today, opts.build.drafts, &diags);
        if let Some(settings) = &opts.external {
            external::check(content, settings, &diags);
        }
    }
    BuildReport {
        pages: report.pages,
        diagnostics: diags.into_sorted(),
        elapsed: start.elapsed(),
        stages: report.stages,
    }
}

/// `ithub check` from the command line: run, print in `fmt`, fill in the GitHub step summary.
/// Returns whether the check failed.
pub fn run_cli(opts: &CheckOptions, fmt: format::Format, deny_warnings: bool) -> bool {
    let report = check(opts);
    let root = std::env::var_os("GITHUB_WORKSPACE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::current_dir().ok());
    let out = format::render(&report, fmt, deny_warnings, &format::Env { root });
    // Problems first, verdict last, whichever stream each goes to.
    let _ = std::io::stderr().write_all(out.stderr.as_bytes());
    let _ = std::io::stdout().write_all(out.stdout.as_bytes());
    if let (Some(summary), Some(path)) = (&out.summary, std::env::var_os("GITHUB_STEP_SUMMARY")) {
        let written = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .and_then(|mut f| f.write_all(summary.as_bytes()));
        if let Err(e) = written {
            eprintln!(
                "warning: cannot write the step summary to {}: {e}",
                std::path::Path::new(&path).display()
            );
        }
    }
    out.failed
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::Path;

    /// A page whose body starts on line 5.
    pub fn item_for(body: &str) -> (SourceFile, SpanIndex) {
        let text = format!("---\ntitle: T\nsummary: S\n---\n{body}");
        let src = SourceFile::from_text(Path::new("content"), "pages/t.md", text);
        let spans = SpanIndex::build("title: T\nsummary: S\n", 2);
        (src, spans)
    }

    #[test]
    fn placeholders_and_freshness_point_at_their_lines() {
        let (src, spans) = item_for("FILL IN: what happened.\n");
        let mut item = Item::plain(&src, &spans);
        let p = placeholders::check(&item);
        assert_eq!(
            p.iter()
                .map(|d| (d.line, d.column, d.width))
                .collect::<Vec<_>>(),
            [(5, 1, 23)]
        );
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        item.common.review_by = Some(crate::content::common::Date(
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        ));
        let f = freshness::check(&item, today);
        let msgs: Vec<&str> = f.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "review date 2025-12-31 has passed: this page may be out of date",
                "no `owner`: nobody is named to keep this page up to date"
            ]
        );
        item.inherited_owner = Some("Pack team".into());
        item.common.review_by = None;
        assert!(freshness::check(&item, today).is_empty());
    }
}
