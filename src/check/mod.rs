//! `ithub check`: everything the build validates, plus checks that only make sense before a
//! merge (headings, link text, placeholders, freshness, and with `--external` the web links).
//!
//! The build runs first, writing nothing, so `check` and `build` can never disagree about an
//! error; the extra checks then read the content again on their own.

mod body;
mod external;
mod format;
mod freshness;
mod headings;
mod link_text;
pub(crate) mod placeholders;

pub use external::Settings as ExternalSettings;
pub use format::Format;

use crate::build::{build_for_check, BuildOptions, BuildReport};
use crate::content::common::Date;
use crate::content::{Content, Item};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::front_matter;
use crate::source::pos_of_offset;
use crate::source::spans::SpanIndex;
use crate::source::SourceFile;
use chrono::NaiveDate;
use std::io::Write as _;
use std::ops::Range;
use std::time::Instant;

/// What `ithub check` runs on, and whether it fetches web links too.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The build to check; it runs in full but writes nothing.
    pub build: BuildOptions,
    /// Fetch every web link too (`--external`).
    pub external: Option<external::Settings>,
}

/// One content file as the checks see it: made from the hub's `Item`, or (in tests of one
/// check) from a bare file.
pub(crate) struct Target<'a> {
    pub(crate) src: &'a SourceFile,
    pub(crate) spans: &'a SpanIndex,
    pub(crate) body_offset: usize,
    pub(crate) review_by: Option<Date>,
    /// Who looks after it (`Item::owner`: a pack section falls back to its pack's).
    pub(crate) owner: Option<String>,
    pub(crate) draft: bool,
}

impl<'a> From<Item<'a>> for Target<'a> {
    fn from(item: Item<'a>) -> Target<'a> {
        Target {
            src: item.src(),
            spans: item.spans(),
            body_offset: item.body_offset(),
            review_by: item.common().review_by,
            owner: item.owner(),
            draft: item.is_draft(),
        }
    }
}

impl<'a> Target<'a> {
    /// A target from a file alone (for tests of single checks).
    pub(crate) fn plain(src: &'a SourceFile, spans: &'a SpanIndex) -> Target<'a> {
        let body_offset = front_matter::split(src).map_or(0, |s| s.body_offset);
        Target {
            src,
            spans,
            body_offset,
            review_by: None,
            owner: None,
            draft: false,
        }
    }

    pub(crate) fn body(&self) -> &'a str {
        self.src.text.get(self.body_offset..).unwrap_or("")
    }

    /// An error at a byte range of the body.
    pub(crate) fn error_at(&self, range: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        let at = self.body_offset + range.start;
        let width = self
            .body()
            .get(range.clone())
            .map_or(1, |s| s.chars().count());
        self.src
            .error(pos_of_offset(&self.src.text, at), width, message)
    }
}

/// The checks beyond the build's, on content already loaded.
pub(crate) fn content_checks(c: &Content, today: NaiveDate, drafts: bool, diags: &Diagnostics) {
    for item in c.items().into_iter().map(Target::from) {
        body_checks(&item, diags);
        // A draft is not published, so it cannot yet be stale.
        if drafts || !item.draft {
            diags.extend(freshness::check(&item, today));
        }
    }
    // A file whose front matter did not parse has no fields to check, but its body does.
    let no_fields = SpanIndex::default();
    for u in &c.unparsed {
        body_checks(
            &Target {
                body_offset: u.body_offset,
                ..Target::plain(&u.src, &no_fields)
            },
            diags,
        );
    }
}

/// The checks of a file's Markdown body.
fn body_checks(item: &Target<'_>, diags: &Diagnostics) {
    let b = body::scan(item.body());
    diags.extend(headings::check(item, &b.headings));
    diags.extend(link_text::check(item, &b.links));
    diags.extend(placeholders::check(item));
}

/// Run every check; nothing is written, and each file is read and parsed once: the extra
/// checks run on the content the build stages loaded.
pub(crate) fn check(opts: &CheckOptions) -> BuildReport {
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
pub(crate) fn run_cli(opts: &CheckOptions, fmt: format::Format, deny_warnings: bool) -> bool {
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
    pub(crate) fn item_for(body: &str) -> (SourceFile, SpanIndex) {
        let text = format!("---\ntitle: T\nsummary: S\n---\n{body}");
        let src = SourceFile::from_text(Path::new("content"), "pages/t.md", text);
        let spans = SpanIndex::build("title: T\nsummary: S\n", 2);
        (src, spans)
    }

    #[test]
    fn placeholders_and_freshness_point_at_their_lines() {
        let (src, spans) = item_for("FILL IN: what happened.\n");
        let mut item = Target::plain(&src, &spans);
        let p = placeholders::check(&item);
        assert_eq!(
            p.iter()
                .map(|d| (d.line, d.column, d.width))
                .collect::<Vec<_>>(),
            [(5, 1, 23)]
        );
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        item.review_by = Some(crate::content::common::Date(
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
        item.owner = Some("Pack team".into());
        item.review_by = None;
        assert!(freshness::check(&item, today).is_empty());
    }
}
