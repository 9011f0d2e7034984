//! The index's terms, as a query plan asks about them: how many live documents hold a term, the
//! terms a prefix begins, and the nearest term to a misspelt one. A plan asks a `Dictionary`:
//! tantivy's term dictionaries here (`Lexicon`), or the export's table, which plans the queries
//! it ranks ahead of time (`search::export`) by the same rules.

use super::statistics::live_doc_freq;
use crate::search::schema::Fields;
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use tantivy::Searcher;

/// What a query plan asks of the index's terms.
pub(crate) trait Dictionary {
    /// Live documents holding `term`, summed over title, summary and body: the count prefix
    /// expansions and corrections are ranked by.
    fn doc_freq(&self, term: &str) -> tantivy::Result<u64>;
    /// Every term `prefix` begins (itself too, if indexed) with its `doc_freq`, held by some
    /// live document.
    fn prefixed(&self, prefix: &str) -> tantivy::Result<BTreeMap<String, u64>>;
    /// Every live term within `distance` edits of `term` (tantivy's fuzzy term query's
    /// automaton: Levenshtein over characters, a transposition costing one), but `term`
    /// itself, with its distance and `doc_freq`.
    fn near(&self, term: &str, distance: u8) -> tantivy::Result<Vec<Near>>;
}

/// The terms of the text fields of one searcher's segments.
pub(super) struct Lexicon<'a> {
    pub(super) searcher: &'a Searcher,
    pub(super) fields: &'a Fields,
}

impl Dictionary for Lexicon<'_> {
    fn doc_freq(&self, term: &str) -> tantivy::Result<u64> {
        let mut n = 0;
        for seg in self.searcher.segment_readers() {
            for (field, _) in self.fields.text() {
                let inv = seg.inverted_index(field)?;
                if let Some(ti) = inv.terms().get(term.as_bytes())? {
                    n += live_doc_freq(seg, &inv, &ti)?;
                }
            }
        }
        Ok(n)
    }

    fn prefixed(&self, prefix: &str) -> tantivy::Result<BTreeMap<String, u64>> {
        let mut found: BTreeMap<String, u64> = BTreeMap::new();
        let mut upper = prefix.as_bytes().to_vec();
        upper.push(0xff);
        for seg in self.searcher.segment_readers() {
            for (field, _) in self.fields.text() {
                let inv = seg.inverted_index(field)?;
                let mut stream = inv
                    .terms()
                    .range()
                    .ge(prefix.as_bytes())
                    .lt(&upper)
                    .into_stream()?;
                while stream.advance() {
                    if let Ok(t) = std::str::from_utf8(stream.key()) {
                        *found.entry(t.to_string()).or_default() +=
                            live_doc_freq(seg, &inv, stream.value())?;
                    }
                }
            }
        }
        found.retain(|_, n| *n > 0);
        Ok(found)
    }

    fn near(&self, term: &str, distance: u8) -> tantivy::Result<Vec<Near>> {
        let dfa = automaton(term, distance);
        let mut found: BTreeMap<String, (u8, u64)> = BTreeMap::new();
        for seg in self.searcher.segment_readers() {
            for (field, _) in self.fields.text() {
                let inv = seg.inverted_index(field)?;
                let mut stream = inv.terms().stream()?;
                while stream.advance() {
                    let Some(d) = edits(&dfa, stream.key()) else {
                        continue;
                    };
                    let Ok(t) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let n = live_doc_freq(seg, &inv, stream.value())?;
                    found.entry(t.to_string()).or_insert((d, 0)).1 += n;
                }
            }
        }
        Ok(held_near(found))
    }
}

/// The automaton of the terms within `distance` (1 or 2) edits of `term`.
pub(crate) fn automaton(term: &str, distance: u8) -> DFA {
    builder(distance).build_dfa(term)
}

/// How many edits `key` is from the automaton's term: `None` if too many, or if it is the term.
pub(crate) fn edits(dfa: &DFA, key: &[u8]) -> Option<u8> {
    match dfa.eval(key) {
        Distance::Exact(d) if d > 0 => Some(d),
        _ => None,
    }
}

/// The terms found near a misspelt one (term → distance, documents), those held by some live
/// document.
pub(crate) fn held_near(found: BTreeMap<String, (u8, u64)>) -> Vec<Near> {
    found
        .into_iter()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(term, (distance, doc_freq))| Near {
            term,
            distance,
            doc_freq,
        })
        .collect()
}

/// A term near a misspelt one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Near {
    pub(crate) term: String,
    pub(crate) distance: u8,
    pub(crate) doc_freq: u64,
}

/// The automaton builder for `distance` (1 or 2), made once: building one takes longer than a
/// search, and it never changes.
fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    let cell = if distance <= 1 { &ONE } else { &TWO };
    cell.get_or_init(|| LevenshteinAutomatonBuilder::new(distance.clamp(1, 2), true))
}
