//! Problems found in content, each pinned to a file, line and column.
//!
//! Every stage pushes into one `Diagnostics` so a run reports everything it found, not just the
//! first problem.

use crate::unpoisoned::Unpoisoned;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The hub cannot be published: the build writes nothing and fails.
    Error,
    /// Worth fixing, but the build still publishes; `check --deny-warnings` fails on it.
    Warning,
}

/// A 1-based position in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, serde::Serialize)]
pub struct Pos {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Pos {
    pub(crate) fn new(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }
}

/// One problem: where it is, what is wrong and how to fix it. `Display` prints it rustc-style,
/// with the source line and a caret under the problem when it has an excerpt.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Diagnostic {
    /// Whether it stops the hub being published.
    pub severity: Severity,
    /// Path as the user gave it (content dir joined with the relative path).
    pub file: PathBuf,
    /// The line of the problem, from 1.
    pub line: usize,
    /// The column of the problem, in characters from 1.
    pub column: usize,
    /// What is wrong: the headline.
    pub message: String,
    /// The whole source line the problem sits on, for the rustc-style excerpt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    /// How many characters to underline from `column`.
    #[serde(skip)]
    pub width: usize,
    /// How to fix it, when there is something to suggest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(file: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
            source_line: None,
            width: 1,
            help: None,
        }
    }

    pub(crate) fn warning(file: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Attach the excerpt: the line `pos` points at, with `width` characters underlined.
    pub(crate) fn excerpt(mut self, text: &str, width: usize) -> Diagnostic {
        if self.line >= 1 {
            if let Some(line) = text.lines().nth(self.line - 1) {
                self.source_line = Some(line.trim_end_matches('\r').to_string());
                self.width = width.max(1);
            }
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    /// rustc-style: headline, location arrow, source line, caret, help.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let gutter = self.line.to_string().len();
        let pad = " ".repeat(gutter);
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            self.file.display(),
            self.line,
            self.column
        )?;
        if let Some(src) = &self.source_line {
            let shown: String = src.replace('\t', " ");
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {shown}", self.line)?;
            let mut caret = String::new();
            let lead = shown.chars().take(self.column.saturating_sub(1)).count();
            let _ = write!(caret, "{}{}", " ".repeat(lead), "^".repeat(self.width));
            writeln!(f, "{pad} | {caret}")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// A thread-safe bag of diagnostics; stages running under rayon push into it concurrently.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub(crate) fn push(&self, d: Diagnostic) {
        self.items.lock().unpoisoned().push(d);
    }

    pub(crate) fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.lock().unpoisoned().extend(ds);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.lock().unpoisoned().is_empty()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items
            .lock()
            .unpoisoned()
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// All diagnostics sorted by file and position so output is stable across thread schedules.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut v = self.items.into_inner().unpoisoned();
        v.sort_by(Diagnostic::order);
        v.dedup_by(|a, b| Diagnostic::order(a, b).is_eq());
        v
    }
}

impl Diagnostic {
    /// The order findings are reported in: by file, line, column and message. Two findings
    /// equal in this order are one finding reported twice.
    pub(crate) fn order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
        (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
    }
}

/// "did you mean" for a misspelt key or field name, if one is close enough to be likely.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wrong_l = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wrong_l, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let boards = ["lothian", "tayside", "fife"];
        assert_eq!(did_you_mean("lothain", boards), Some("lothian"));
        assert_eq!(did_you_mean("bord", ["board", "title"]), Some("board"));
        assert_eq!(did_you_mean("zzzzzz", boards), None);
    }

    #[test]
    fn renders_caret_under_the_offending_text() {
        let text = "---\ntitle: x\nboard: lothain\n---\n";
        let d = Diagnostic::error(
            Path::new("c.md"),
            Pos::new(3, 8),
            "`lothain` is not a board",
        )
        .excerpt(text, 7)
        .help("did you mean `lothian`?");
        let out = d.to_string();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "error: `lothain` is not a board");
        assert_eq!(lines[1], " --> c.md:3:8");
        assert_eq!(lines[3], "3 | board: lothain");
        assert_eq!(lines[4], "  |        ^^^^^^^");
        assert_eq!(lines[5], "  = help: did you mean `lothian`?");
    }
}

/// Reports of one kind kept for one file. Past this, more help nobody, and a pathological file
/// (thousands of findings on one enormous line) would make the output grow without bound.
pub(crate) const MAX_PER_FILE: usize = 20;

/// Longest source line kept for the excerpt; the location still points into longer ones.
const MAX_EXCERPT: usize = 1000;

/// Collects at most `MAX_PER_FILE` diagnostics, then one saying the rest are not shown.
#[derive(Debug, Default)]
pub(crate) struct Limited {
    pub(crate) out: Vec<Diagnostic>,
    full: bool,
}

impl Limited {
    /// Add the diagnostic `make` builds, unless the limit is reached; `make` is only called when
    /// needed, since building one copies its source line.
    pub(crate) fn push(&mut self, make: impl FnOnce() -> Diagnostic) {
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
