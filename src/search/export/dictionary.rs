//! The export's table as a query plan's dictionary: the export plans the queries it ranks ahead
//! of time (`format::PrefixHeadFile`) by the same rules, over the same terms, as a search does
//! over tantivy's (`query::plan`).

use super::format::TermPostings;
use super::table::Table;
use crate::search::query::{automaton, edits, held_near, Dictionary, Near};
use std::collections::BTreeMap;
use std::ops::Bound;

/// Documents holding a term, summed over its three fields, as tantivy's document frequencies
/// are summed.
fn held(t: &TermPostings) -> u64 {
    t.lists.iter().map(|l| l.len() as u64).sum()
}

impl Dictionary for Table {
    fn doc_freq(&self, term: &str) -> tantivy::Result<u64> {
        Ok(self.terms.get(term.as_bytes()).map_or(0, held))
    }

    fn prefixed(&self, prefix: &str) -> tantivy::Result<BTreeMap<String, u64>> {
        let from = Bound::Included(prefix.as_bytes().to_vec());
        Ok(self
            .terms
            .range((from, Bound::Unbounded))
            .take_while(|(t, _)| t.starts_with(prefix.as_bytes()))
            .filter_map(|(t, p)| Some((String::from_utf8(t.clone()).ok()?, held(p))))
            .filter(|(_, n)| *n > 0)
            .collect())
    }

    fn near(&self, term: &str, distance: u8) -> tantivy::Result<Vec<Near>> {
        let dfa = automaton(term, distance);
        let found = self
            .terms
            .iter()
            .filter_map(|(t, p)| {
                let d = edits(&dfa, t)?;
                Some((String::from_utf8(t.clone()).ok()?, (d, held(p))))
            })
            .collect();
        Ok(held_near(found))
    }
}
