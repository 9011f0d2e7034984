//! Where each value of a front-matter block sits in the file.
//!
//! serde gives us typed structs but forgets positions; this walks the same YAML as events and
//! records the position of every key and value by its path (`outcomes[1].measure`), so checks
//! that run after deserialisation (vocabularies, lengths, links) can still point at the text.

use crate::diagnostics::Pos;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Position and width (in characters) of a piece of YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub pos: Pos,
    pub width: usize,
}

#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
    /// Top-level keys in document order, for the unknown-field check.
    top_keys: Vec<(String, Span)>,
    /// Where the front matter starts, the fallback for paths we have no span for.
    start: Span,
}

impl SpanIndex {
    /// Index `yaml`, whose first line is line `first_line` of the file.
    pub fn build(yaml: &str, first_line: usize) -> SpanIndex {
        let mut rec = Recorder {
            first_line,
            index: SpanIndex {
                start: Span {
                    pos: Pos::new(first_line, 1),
                    width: 1,
                },
                ..SpanIndex::default()
            },
            stack: Vec::new(),
        };
        let mut parser = Parser::new_from_str(yaml);
        // A YAML error here was already reported by serde; keep whatever was indexed.
        let _ = parser.load(&mut rec, false);
        rec.index
    }

    /// Span of the value at `path`, or of its nearest indexed ancestor.
    pub fn value(&self, path: &str) -> Span {
        let mut p = path;
        loop {
            if let Some(s) = self.values.get(p) {
                return *s;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.start,
            }
        }
    }

    /// Span of the key at `path` (the `board` in `board: lothian`), falling back to the value.
    pub fn key(&self, path: &str) -> Span {
        self.keys
            .get(path)
            .copied()
            .unwrap_or_else(|| self.value(path))
    }

    pub fn top_keys(&self) -> &[(String, Span)] {
        &self.top_keys
    }

    pub fn start(&self) -> Span {
        self.start
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

struct Recorder {
    first_line: usize,
    index: SpanIndex,
    stack: Vec<Frame>,
}

/// Deeper than this is not hand-written front matter; stop indexing rather than grow without bound.
const MAX_DEPTH: usize = 64;

impl Recorder {
    fn span(&self, mark: Marker, width: usize) -> Span {
        Span {
            pos: Pos::new(
                self.first_line + mark.line().saturating_sub(1),
                mark.col() + 1,
            ),
            width,
        }
    }

    /// Path of the value about to be read in the innermost container.
    fn child_path(&self) -> Option<String> {
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Map { path, key: Some(k) }) => Some(join(path, k)),
            Some(Frame::Map { key: None, .. }) => None,
            Some(Frame::Seq { path, index }) => Some(format!("{path}[{index}]")),
        }
    }

    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, ..) => {
                let quoted = matches!(
                    style,
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted
                );
                let width = value.chars().count() + if quoted { 2 } else { 0 };
                let span = self.span(mark, width);
                let at_top = self.stack.len() == 1;
                if let Some(Frame::Map {
                    path,
                    key: key @ None,
                }) = self.stack.last_mut()
                {
                    let full = join(path, &value);
                    *key = Some(value.clone());
                    if at_top {
                        self.index.top_keys.push((value, span));
                    }
                    self.index.keys.insert(full, span);
                    return;
                }
                if let Some(p) = self.child_path() {
                    self.index.values.insert(p, span);
                }
                self.value_done();
            }
            Event::Alias(_) => self.value_done(),
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let path = self.child_path().unwrap_or_else(|| "?".to_string());
                let span = self.span(mark, 1);
                self.index.values.entry(path.clone()).or_insert(span);
                if self.stack.len() >= MAX_DEPTH {
                    return;
                }
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { path, key: None }
                } else {
                    Frame::Seq { path, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_done();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_nested_values_and_keys_at_file_positions() {
        let yaml = "title: A\nboard: lothain\noutcomes:\n  - measure: x\n    before: 3\nzones: [data, leedership]\n";
        let ix = SpanIndex::build(yaml, 2);
        assert_eq!(ix.value("board").pos, Pos::new(3, 8));
        assert_eq!(ix.value("board").width, 7);
        assert_eq!(ix.key("board").pos, Pos::new(3, 1));
        assert_eq!(ix.value("outcomes[0].before").pos, Pos::new(6, 13));
        assert_eq!(ix.value("zones[1]").pos, Pos::new(7, 15));
        // Unknown paths fall back to the nearest ancestor.
        assert_eq!(
            ix.value("outcomes[0].nope").pos,
            ix.value("outcomes[0]").pos
        );
        let keys: Vec<&str> = ix.top_keys().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "board", "outcomes", "zones"]);
    }
}
