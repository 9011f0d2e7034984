//! Keeping on after a front-matter field fails to parse, so one run reports every field's
//! problem and the item's rules still check the fields that are fine.
//!
//! serde stops at the first problem. After each one, the text of the top-level field it is in
//! is swapped for a stand-in value of a likely type (or removed, or added when it was missing),
//! with the same number of lines, so every other field keeps its line and column and the next
//! problem is found where it really is. What the stand-ins cover is remembered
//! (`Placeholders`): a later rule's complaint about a stand-in is not the author's mistake.

use super::spans::SpanIndex;
use crate::diagnostics::{Diagnostic, Pos};
use std::collections::HashMap;
use std::ops::Range;

/// Values tried in turn for a field that failed, after removing it (which suits every optional
/// field): text (also a date), a number, a list, a yes/no, a mapping. When serde's message
/// lists an enum's values, the first of them is tried instead.
const STAND_INS: [&str; 5] = ["2000-01-01", "0", "[]", "false", "{}"];

/// What the stand-in values cover, in the file's lines.
#[derive(Debug, Clone, Default)]
pub struct Placeholders {
    lines: Vec<Range<usize>>,
    /// A missing field was added: rules report a missing path at the front matter's start.
    start: Option<Pos>,
}

impl Placeholders {
    /// Whether `d` is about a stand-in rather than something the author wrote.
    pub fn covers(&self, d: &Diagnostic) -> bool {
        self.lines.iter().any(|r| r.contains(&d.line))
            || self.start == Some(Pos::new(d.line, d.column))
    }
}

/// The front matter's text, field by field, as it is patched.
pub(super) struct Patched<'a> {
    lines: Vec<String>,
    /// The file line of the front matter's first line.
    first_line: usize,
    /// Each top-level key and its lines (in file lines).
    keys: Vec<(&'a str, Range<usize>)>,
    /// Lines added for missing fields, and which field each is.
    added: Vec<(String, usize)>,
    /// How many stand-ins each field has had.
    tries: HashMap<String, usize>,
    pub(super) placeholders: Placeholders,
}

/// What to do after a problem: try again with this text, or stop.
pub(super) enum Next {
    Retry,
    GiveUp,
}

impl<'a> Patched<'a> {
    pub(super) fn new(yaml: &str, spans: &'a SpanIndex) -> Patched<'a> {
        let first_line = spans.start().pos.line;
        let lines: Vec<String> = yaml.lines().map(str::to_string).collect();
        let end = first_line + lines.len();
        let top = spans.top_keys();
        let keys = top
            .iter()
            .enumerate()
            .map(|(i, (k, s))| {
                let next = top.get(i + 1).map_or(end, |(_, n)| n.pos.line);
                (*k, s.pos.line..next.max(s.pos.line + 1))
            })
            .collect();
        Patched {
            lines,
            first_line,
            keys,
            added: Vec::new(),
            tries: HashMap::new(),
            placeholders: Placeholders::default(),
        }
    }

    pub(super) fn text(&self) -> String {
        if self.lines.iter().all(|l| l.trim().is_empty()) {
            return "{}".to_string();
        }
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }

    /// Drop a field the struct does not have (already reported).
    pub(super) fn remove(&mut self, key: &str) {
        if let Some(r) = self.range_of(key) {
            self.fill(r, None);
        }
    }

    /// The field a problem is in: the path serde puts before its message
    /// (`outcomes[0].kind: unknown variant …`), else the field whose lines hold its position.
    pub(super) fn field_of(&self, message: &str, line: usize) -> Option<String> {
        let head = message.split([':', '.', '[', ' ']).next().unwrap_or("");
        if self.keys.iter().any(|(k, _)| *k == head) {
            return Some(head.to_string());
        }
        if let Some((f, _)) = self.added.iter().find(|(_, l)| *l == line) {
            return Some(f.clone());
        }
        self.keys
            .iter()
            .find(|(_, r)| r.contains(&line))
            .map(|(k, _)| k.to_string())
    }

    /// Whether `field` has been given a stand-in already (so its new problem is ours).
    pub(super) fn tried(&self, field: &str) -> bool {
        self.tries.contains_key(field)
    }

    /// Give `field` its next stand-in; `message` is serde's, which may list an enum's values.
    pub(super) fn stand_in(&mut self, field: &str, message: &str) -> Next {
        let n = *self.tries.entry(field.to_string()).or_insert(0);
        self.tries.insert(field.to_string(), n + 1);
        let first_variant = message
            .split("expected one of `")
            .nth(1)
            .or_else(|| message.split("expected `").nth(1))
            .and_then(|rest| rest.split('`').next());
        // serde names an enum's values when one is wrong: the first is the best stand-in.
        let nth = |i: usize| match first_variant {
            Some(v) => Some(v.to_string()),
            None => STAND_INS.get(i).map(|v| v.to_string()),
        };
        if let Some(r) = self.range_of(field) {
            // A field the author wrote: first without it, then each stand-in in its place.
            let with = match n {
                0 => None,
                _ => match nth(n - 1) {
                    Some(v) => Some(format!("{field}: {v}")),
                    None => return Next::GiveUp,
                },
            };
            self.placeholders.lines.push(r.clone());
            self.fill(r, with);
            return Next::Retry;
        }
        // A field that is missing: added on a line of its own at the end, where it moves
        // nothing; rules place a problem with a missing field at the front matter's start.
        let Some(v) = nth(n) else {
            return Next::GiveUp;
        };
        let line = match self.added.iter().find(|(f, _)| f == field) {
            Some((_, l)) => *l,
            None => {
                self.lines.push(String::new());
                let l = self.first_line + self.lines.len() - 1;
                self.added.push((field.to_string(), l));
                l
            }
        };
        self.lines[line - self.first_line] = format!("{field}: {v}");
        self.placeholders.start = Some(Pos::new(self.first_line, 1));
        Next::Retry
    }

    fn range_of(&self, key: &str) -> Option<Range<usize>> {
        self.keys
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, r)| r.clone())
    }

    /// Replace the field's lines with `with` (one line) and blank lines, so nothing moves.
    fn fill(&mut self, r: Range<usize>, with: Option<String>) {
        for (i, line) in r.enumerate() {
            if let Some(l) = line
                .checked_sub(self.first_line)
                .and_then(|at| self.lines.get_mut(at))
            {
                *l = match (i, &with) {
                    (0, Some(w)) => w.clone(),
                    _ => String::new(),
                };
            }
        }
    }
}
