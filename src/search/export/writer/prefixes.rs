//! The prefix heads (`format::PrefixHeadFile`): each beginning of a common word, typed alone,
//! planned as a search plans it (`query::plan`, over the table as its dictionary) and ranked
//! as tantivy ranks it (`Table::best_of`).

use super::super::format::{PrefixAt, PrefixHeadFile, TermPostings};
use super::super::gzip::{Deflater, Effort, GzMemo, Wrap};
use super::super::table::Table;
use super::compress_with;
use super::head::mask_of;
use super::shards::WordsByTerm;
use crate::search::query::{self, Clause, MIN_PREFIX_CHARS};
use crate::search::sections;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The terms of the export, in byte order, with their mask blocks: what a prefix head is made
/// from.
pub(super) struct Terms<'a> {
    pub(super) terms: &'a [(&'a Vec<u8>, &'a TermPostings)],
    pub(super) masks: &'a [Vec<u8>],
}

impl Terms<'_> {
    fn get(&self, term: &[u8]) -> Option<(&TermPostings, &[u8])> {
        let k = (self.terms)
            .binary_search_by(|(t, _)| t.as_slice().cmp(term))
            .ok()?;
        Some((self.terms[k].1, self.masks[k].as_slice()))
    }
}

/// `q.bin` and where each shard's beginnings' heads are in it.
pub(super) struct PrefixHeads {
    /// The heads, each compressed on its own, back to back.
    pub(super) file: Vec<u8>,
    /// For each shard, the beginnings sorting into it with their heads' places, in byte order.
    pub(super) by_shard: Vec<Vec<PrefixAt>>,
}

impl Table {
    /// The prefix heads of the `common` words (those alone in a shard), for the shards
    /// starting at `starts` (`headed`: those holding a common word alone). A beginning has one
    /// when typed alone it searches for more than one term, one of them a common word: a
    /// search that would otherwise fetch that word's postings and the documents' lengths.
    /// Beginnings whose plans have the same clauses share one head.
    pub(super) fn prefix_heads(
        &self,
        common: &[&[u8]],
        terms: &Terms<'_>,
        words: &WordsByTerm<'_>,
        (starts, headed): (&[String], &[bool]),
        memo: Option<&GzMemo>,
    ) -> PrefixHeads {
        let mut beginnings: BTreeSet<&str> = BTreeSet::new();
        for term in common {
            let Ok(term) = std::str::from_utf8(term) else {
                continue;
            };
            let ends = term.char_indices().map(|(i, c)| i + c.len_utf8());
            beginnings.extend(ends.skip(MIN_PREFIX_CHARS - 1).map(|end| &term[..end]));
        }
        let planned: Vec<(&str, Vec<String>)> = beginnings
            .into_par_iter()
            .filter_map(|p| Some((p, self.typed_alone(p)?)))
            .collect();
        let mut by_clauses: BTreeMap<&[String], Vec<&str>> = BTreeMap::new();
        for (p, clauses) in &planned {
            by_clauses.entry(clauses).or_default().push(p);
        }
        let blocks: Vec<Vec<u8>> = by_clauses
            .par_iter()
            .map_init(
                || Deflater::new(Effort::Blocks),
                |d, (clauses, _)| {
                    let head = self.prefix_head(clauses, terms, words).encode();
                    compress_with(memo, d, Effort::Blocks, Wrap::Raw, &head)
                },
            )
            .collect();
        let mut file = Vec::new();
        let mut by_shard = vec![Vec::new(); starts.len()];
        for (block, ps) in blocks.iter().zip(by_clauses.values()) {
            let place = (file.len() as u64, block.len() as u64);
            file.extend_from_slice(block);
            for p in ps {
                if let Some(shard) = first_headed(p, starts, headed) {
                    by_shard[shard].push((p.as_bytes().to_vec(), place.0, place.1));
                }
            }
        }
        for places in &mut by_shard {
            places.sort();
        }
        PrefixHeads { file, by_shard }
    }

    /// The terms a search for `p` typed alone (a word still being typed) looks for, when it
    /// is one the export ranks ahead of time: `p` is one word as the client reads it, and its
    /// plan is more than one term and nothing else.
    fn typed_alone(&self, p: &str) -> Option<Vec<String>> {
        if query::raw_tokens(p) != [p] {
            return None;
        }
        let plan = query::plan(self, &self.synonyms, p, false).ok()?;
        if plan.clauses.len() < 2 || !plan.corrections.is_empty() {
            return None;
        }
        (plan.clauses.into_iter())
            .map(|c| match c {
                Clause::Term(t) => Some(t),
                Clause::Phrase(_) => None,
            })
            .collect()
    }

    /// The head of a query of `clauses`: its ten best documents and their best sections, how
    /// many match, and the words its results mark.
    fn prefix_head(
        &self,
        clauses: &[String],
        terms: &Terms<'_>,
        words: &WordsByTerm<'_>,
    ) -> PrefixHeadFile {
        let found: Vec<(&TermPostings, &[u8])> = clauses
            .iter()
            .filter_map(|c| terms.get(c.as_bytes()))
            .collect();
        let lists: Vec<&TermPostings> = found.iter().map(|(t, _)| *t).collect();
        let (best, count) = self.best_of(&lists);
        let best = best
            .into_iter()
            .map(|(doc, score)| {
                let masks: Vec<u32> = (found.iter())
                    .map(|(t, m)| u32::from(mask_of(t, m, doc)))
                    .filter(|&m| m != 0)
                    .collect();
                let held = self.rows.get(doc as usize).map_or(0, |r| r.starts.len());
                let section = sections::best(&masks, held).map_or(0, |s| 1u16 << s);
                (doc, score, section)
            })
            .collect();
        let mut marked: BTreeSet<Vec<u8>> = BTreeSet::new();
        for c in clauses {
            if let Some((own, others)) = words.get(c.as_bytes()) {
                if *own {
                    marked.insert(c.as_bytes().to_vec());
                }
                marked.extend(others.iter().map(|w| w.to_vec()));
            }
        }
        PrefixHeadFile {
            terms: clauses.iter().map(|c| c.as_bytes().to_vec()).collect(),
            count: count as u64,
            best,
            words: marked.into_iter().collect(),
        }
    }
}

/// Where a beginning's prefix head is listed: the first of the shards that may hold terms it
/// begins (the one it sorts into, and each after it whose start it begins, as the client's
/// `shardsOfPrefix` reads the directory) that holds a common word alone. Such a shard's head is
/// a few hundred bytes, where the shard the beginning sorts into may be kilobytes of other
/// terms' postings, and a beginning of a common word has one.
fn first_headed(p: &str, starts: &[String], headed: &[bool]) -> Option<usize> {
    let first = starts
        .partition_point(|s| s.as_str() <= p)
        .saturating_sub(1);
    let after = starts.get(first + 1..).unwrap_or_default();
    let last = first + after.iter().take_while(|s| s.starts_with(p)).count();
    (first..=last).find(|&s| headed.get(s) == Some(&true))
}
