//! Where each value of a front-matter block sits in the file.
//!
//! serde gives us typed structs but forgets positions; this walks the same YAML as events and
//! records the position of every key and value by its path (`outcomes[1].measure`), so checks
//! that run after deserialisation (vocabularies, lengths, links) can still point at the text.

use crate::diagnostics::Pos;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Position and width (in characters) of a piece of YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub pos: Pos,
    pub width: usize,
}

/// Where each key and value of one file's front matter sits, by path. Every content file has
/// one until linking is done, so it is kept compact: the paths back to back in one string and
/// the spans in sorted arrays, searched by halving. (As two hash maps of owned paths and a list
/// of the top-level keys they took a 100,000-case-study build's loading from 1.24 to 1.69 GB.)
#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    /// Every path recorded, back to back; entries name theirs by range.
    paths: String,
    /// Values' spans, sorted by path.
    values: Vec<Entry>,
    /// Keys' spans, sorted by path.
    keys: Vec<Entry>,
    /// Top-level keys in document order, for the unknown-field check.
    top_keys: Vec<Entry>,
    /// Where the front matter starts, the fallback for paths we have no span for.
    start: Span,
}

/// One path's span: its path as a range of `SpanIndex::paths`, and the span in 32-bit parts
/// (a content file is at most 4 MB, `MAX_FILE_BYTES`).
#[derive(Debug, Clone, Copy)]
struct Entry {
    from: u32,
    to: u32,
    line: u32,
    column: u32,
    width: u32,
}

impl Entry {
    fn span(self) -> Span {
        Span {
            pos: Pos::new(self.line as usize, self.column as usize),
            width: self.width as usize,
        }
    }
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
            values: Vec::new(),
            keys: Vec::new(),
            stack: Vec::new(),
        };
        let mut parser = Parser::new_from_str(yaml);
        // A YAML error here was already reported by serde; keep whatever was indexed.
        let _ = parser.load(&mut rec, false);
        rec.finish()
    }

    fn path(&self, e: &Entry) -> &str {
        self.paths.get(e.from as usize..e.to as usize).unwrap_or("")
    }

    fn find(&self, entries: &[Entry], path: &str) -> Option<Span> {
        entries
            .binary_search_by(|e| self.path(e).cmp(path))
            .ok()
            .map(|i| entries[i].span())
    }

    /// Span of the value at `path`, or of its nearest indexed ancestor.
    pub fn value(&self, path: &str) -> Span {
        let mut p = path;
        loop {
            if let Some(s) = self.find(&self.values, p) {
                return s;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.start,
            }
        }
    }

    /// Span of the key at `path` (the `board` in `board: lothian`), falling back to the value.
    pub fn key(&self, path: &str) -> Span {
        self.find(&self.keys, path)
            .unwrap_or_else(|| self.value(path))
    }

    /// The top-level keys, in document order.
    pub fn top_keys(&self) -> Vec<(&str, Span)> {
        self.top_keys
            .iter()
            .map(|e| (self.path(e), e.span()))
            .collect()
    }

    pub fn start(&self) -> Span {
        self.start
    }
}

/// A span as recorded, before `Recorder::finish` keeps one per path.
struct Recorded {
    entry: Entry,
    /// A key's or a scalar's span replaces any recorded before for its path (as a later
    /// duplicate key does); a mapping's or sequence's is kept only if none was.
    replaces: bool,
}

/// One entry per path of `recorded` (whose paths are ranges of `paths`), sorted by path, by
/// `Recorded::replaces`.
fn one_per_path(mut recorded: Vec<Recorded>, paths: &str) -> Vec<Entry> {
    let path = |e: &Entry| paths.get(e.from as usize..e.to as usize).unwrap_or("");
    // Stable: a path's spans stay in the order they were met.
    recorded.sort_by(|a, b| path(&a.entry).cmp(path(&b.entry)));
    let mut out: Vec<Entry> = Vec::with_capacity(recorded.len());
    for r in recorded {
        match out.last_mut() {
            Some(last) if path(last) == path(&r.entry) => {
                if r.replaces {
                    *last = r.entry;
                }
            }
            _ => out.push(r.entry),
        }
    }
    out.shrink_to_fit();
    out
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

struct Recorder {
    first_line: usize,
    index: SpanIndex,
    /// Values and keys in the order they were met; `finish` keeps one of each path.
    values: Vec<Recorded>,
    keys: Vec<Recorded>,
    stack: Vec<Frame>,
}

/// Deeper than this is not hand-written front matter; stop indexing rather than grow without bound.
const MAX_DEPTH: usize = 64;

impl Recorder {
    /// `path`'s entry at `mark`, the path added to the index's paths.
    fn entry(&mut self, path: &str, mark: Marker, width: usize) -> Entry {
        let from = self.index.paths.len() as u32;
        self.index.paths.push_str(path);
        Entry {
            from,
            to: self.index.paths.len() as u32,
            line: (self.first_line + mark.line().saturating_sub(1)) as u32,
            column: (mark.col() + 1) as u32,
            width: width as u32,
        }
    }

    /// The index, one value per path (see `Recorded`), each list sorted by path.
    fn finish(mut self) -> SpanIndex {
        let mut paths = std::mem::take(&mut self.index.paths);
        paths.shrink_to_fit();
        let values = one_per_path(self.values, &paths);
        let keys = one_per_path(self.keys, &paths);
        self.index.top_keys.shrink_to_fit();
        SpanIndex {
            paths,
            values,
            keys,
            ..self.index
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
                let at_top = self.stack.len() == 1;
                if let Some(Frame::Map { path, key: None }) = self.stack.last() {
                    let full = join(path, &value);
                    let entry = self.entry(&full, mark, width);
                    if at_top {
                        self.index.top_keys.push(entry);
                    }
                    self.keys.push(Recorded {
                        entry,
                        replaces: true,
                    });
                    if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                        *key = Some(value);
                    }
                    return;
                }
                if let Some(p) = self.child_path() {
                    let entry = self.entry(&p, mark, width);
                    self.values.push(Recorded {
                        entry,
                        replaces: true,
                    });
                }
                self.value_done();
            }
            Event::Alias(_) => self.value_done(),
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let path = self.child_path().unwrap_or_else(|| "?".to_string());
                let entry = self.entry(&path, mark, 1);
                self.values.push(Recorded {
                    entry,
                    replaces: false,
                });
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
        let keys: Vec<&str> = ix.top_keys().iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["title", "board", "outcomes", "zones"]);
    }

    #[test]
    fn a_repeated_key_is_indexed_where_it_was_last_given() {
        let ix = SpanIndex::build("title: A\nzones: [data]\ntitle: Bee\n", 1);
        assert_eq!(
            ix.value("title"),
            Span {
                pos: Pos::new(3, 8),
                width: 3
            }
        );
        assert_eq!(ix.key("title").pos, Pos::new(3, 1));
        assert_eq!(
            ix.value("zones").pos,
            Pos::new(2, 8),
            "the sequence's start"
        );
        assert_eq!(ix.value("zones[0]").pos, Pos::new(2, 9));
        let keys: Vec<&str> = ix.top_keys().iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["title", "zones", "title"]);
        assert_eq!(ix.value("nothing"), ix.start());
    }
}
