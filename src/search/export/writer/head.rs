//! A common word's head (`format::HeadFile`): its best documents as tantivy ranks them for a
//! query of that word alone.

use super::super::format::{HeadFile, PrefixAt, TermPostings, HEAD};
use super::super::table::Table;
use super::shards::WordsByTerm;
use crate::search::{query, BOOST_BODY, BOOST_SUMMARY, BOOST_TITLE};
use tantivy::query::Bm25Weight;

/// What a head ends with: its shard's foreign words (word, stem) and prefix heads' places.
pub(super) type Trailer<'a> = (&'a [(&'a [u8], &'a [u8])], Vec<PrefixAt>);

impl Table {
    /// The head of `term` (`t`, a shard alone, with its section `masks` as its mask block
    /// holds them): its best documents as tantivy ranks them for a query of that term alone
    /// (each field's BM25 by tantivy's own `Bm25Weight`, boosted, summed in field order as
    /// the query sums its clauses; `query::rank_key` orders them), with its words.
    pub(super) fn head(
        &self,
        term: &[u8],
        t: &TermPostings,
        masks: &[u8],
        words: &WordsByTerm<'_>,
        (foreign, prefixes): Trailer<'_>,
    ) -> HeadFile {
        let (ranked, count) = self.best_of(&[t]);
        let (own, others) = words
            .get(term)
            .map_or((false, &[][..]), |(own, others)| (*own, others.as_slice()));
        HeadFile {
            term: term.to_vec(),
            count: count as u64,
            df: std::array::from_fn(|f| t.lists[f].len() as u64),
            best: ranked
                .into_iter()
                .map(|(doc, score)| (doc, score, mask_of(t, masks, doc)))
                .collect(),
            own,
            others: others.iter().map(|w| w.to_vec()).collect(),
            foreign: foreign
                .iter()
                .map(|(w, s)| (w.to_vec(), s.to_vec()))
                .collect(),
            prefixes,
        }
    }

    /// The best documents of a query of `clauses` (each a term's postings), as tantivy ranks
    /// them (`query::rank_key`), with how many documents match: each field's BM25 by
    /// tantivy's own `Bm25Weight`, boosted, summed into a document's score clause by clause
    /// and field by field, as the query sums its clauses.
    pub(super) fn best_of(&self, clauses: &[&TermPostings]) -> (Vec<(u32, f32)>, usize) {
        let n = self.n() as u64;
        let boosts = [BOOST_TITLE, BOOST_SUMMARY, BOOST_BODY];
        // Every document's score (a common word's documents are most of the hub's, so one
        // slot a document).
        let mut scores: Vec<Option<f32>> = vec![None; self.n()];
        for t in clauses {
            for (f, list) in t.lists.iter().enumerate() {
                let average = self.tokens[f] as f32 / n.max(1) as f32;
                let df = list.len() as u64;
                let weight =
                    Bm25Weight::for_one_term_without_explain(df, n, average).boost_by(boosts[f]);
                for &(doc, tf) in list {
                    let id = self.fieldnorm_ids[f][doc as usize];
                    let slot = &mut scores[doc as usize];
                    *slot = Some(slot.unwrap_or(0.0) + weight.score(id, tf));
                }
            }
        }
        let mut ranked: Vec<(u32, f32)> = (scores.iter().enumerate())
            .filter_map(|(doc, s)| s.map(|s| (doc as u32, s)))
            .collect();
        let count = ranked.len();
        let key = |&(doc, score): &(u32, f32)| query::rank_key(score, u64::from(doc));
        if ranked.len() > HEAD {
            ranked.select_nth_unstable_by_key(HEAD, key);
            ranked.truncate(HEAD);
        }
        ranked.sort_by_key(key);
        (ranked, count)
    }
}

/// The sections of `doc` holding `t`, from `t`'s mask block (`format::mask_block`): 0 if the
/// document's body does not hold it, or the term has no masks.
pub(super) fn mask_of(t: &TermPostings, masks: &[u8], doc: u32) -> u16 {
    t.lists[2]
        .binary_search_by_key(&doc, |p| p.0)
        .ok()
        .and_then(|k| masks.get(2 * k..2 * k + 2))
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}
