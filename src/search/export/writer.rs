//! Turning a `Table` into the export's named, gzip'd files: where the term shards end (and
//! their position shards with them), the word lists, the fieldnorm and document chunks,
//! `f.bin` and `meta.bin`.

use super::format::{DocChunk, Meta, NormChunk, ShardEncoder, TermPostings, WordList};
use super::gzip::{gzip, GzMemo};
use super::table::Table;
use super::{Export, DIR};
use crate::search::{bm25, query, BOOST_BODY, BOOST_SUMMARY, BOOST_TITLE, FACETS};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// Uncompressed bytes a term shard aims at, or more if the file budget needs.
const SHARD_TARGET: usize = 12 * 1024;
/// Files the whole export aims to stay under: term shards grow (and a query fetches more bytes
/// of other terms' postings) rather than pass it, while document chunks and norms come first.
const FILE_BUDGET: usize = 960;
/// Term shards allowed however many document chunks there are.
const MIN_SHARDS: usize = 64;
/// Word lists there can be: one per term length in characters, and a term is under 40 bytes.
const MAX_WORD_LISTS: usize = 40;
/// The step a shard's target grows by, so the cut points stay put while a hub grows a little.
const TARGET_STEP: usize = 4096;

impl Table {
    /// The export's files, compressing through `memo` when given.
    pub(crate) fn files(&self, memo: Option<&GzMemo>) -> Export {
        use rayon::prelude::*;
        let raws = self.raw_files();
        let files: Vec<(String, Vec<u8>)> = raws
            .files
            .par_iter()
            .map(|(name, raw)| {
                let z = match memo {
                    Some(m) => m.gzip(raw),
                    None => gzip(raw),
                };
                (name.clone(), z)
            })
            .collect();
        if let Some(m) = memo {
            m.retain(&raws.files.iter().map(|(_, r)| r.as_slice()).collect());
        }
        Export { files, ..raws }
    }

    /// The export's files, uncompressed.
    fn raw_files(&self) -> Export {
        let mut out = Export::default();
        let starts = self.shards(&mut out);
        let words = self.word_lists(&mut out);
        for (i, start) in (0..self.n()).step_by(self.layout.norm_chunk).enumerate() {
            let end = (start + self.layout.norm_chunk).min(self.n());
            let chunk = NormChunk {
                ids: self
                    .fieldnorm_ids
                    .each_ref()
                    .map(|ids| Cow::Borrowed(&ids[start..end])),
            };
            out.files.push((format!("{DIR}/n{i}.bin"), chunk.encode()));
        }
        for (i, rows) in self.rows.chunks(self.layout.chunk).enumerate() {
            let chunk = DocChunk {
                rows: Cow::Borrowed(rows),
            };
            out.files.push((format!("{DIR}/d{i}.bin"), chunk.encode()));
        }
        out.files
            .push((format!("{DIR}/f.bin"), self.facets.clone()));
        let meta = self.meta(starts, words);
        out.files.push((format!("{DIR}/meta.bin"), meta.encode()));
        out
    }

    /// `meta.bin` for term shards starting at `starts` and word lists of the lengths `words`.
    fn meta(&self, starts: Vec<String>, words: Vec<usize>) -> Meta {
        let n = self.n() as u64;
        let dfs: BTreeSet<u64> = self
            .terms
            .values()
            .flat_map(|t| t.lists.iter().map(|p| p.len() as u64))
            .filter(|&df| df > 0)
            .collect();
        Meta {
            version: 2,
            n,
            boosts: [BOOST_TITLE, BOOST_SUMMARY, BOOST_BODY],
            tokens: self.tokens,
            fieldnorms: bm25::fieldnorm_table(),
            idf_fix: bm25::idf_fix(dfs, n),
            shards: starts,
            chunk: self.layout.chunk,
            norm_chunk: self.layout.norm_chunk,
            max_expansions: query::MAX_EXPANSIONS,
            min_prefix: query::MIN_PREFIX_CHARS,
            fuzzy: query::FUZZY,
            words,
            synonyms: self.synonyms.clone(),
            facets: FACETS.map(String::from).to_vec(),
            names: self.names.clone(),
        }
    }

    /// Write a `w<L>.bin` for each length of term into `out`; returns the lengths.
    fn word_lists(&self, out: &mut Export) -> Vec<usize> {
        let mut by_length: BTreeMap<usize, WordList> = BTreeMap::new();
        for (term, t) in &self.terms {
            let chars = String::from_utf8_lossy(term).chars().count();
            let held = t.lists.iter().map(|l| l.len() as u64).sum();
            by_length
                .entry(chars)
                .or_default()
                .words
                .push((term.clone(), held));
        }
        for (len, list) in &by_length {
            out.files.push((format!("{DIR}/w{len}.bin"), list.encode()));
        }
        by_length.into_keys().collect()
    }

    /// Write the term shards, each with its position shard, into `out`; returns the first
    /// term of each.
    ///
    /// Shard boundaries are content-defined: past half the target, each term ends the shard
    /// with a chance proportional to its size, drawn from its hash (about half a target more
    /// on average). An edit then changes only the shards holding the terms it touched.
    fn shards(&self, out: &mut Export) -> Vec<String> {
        let target = self.shard_target();
        let mut starts: Vec<String> = Vec::new();
        let mut shard = ShardEncoder::default();
        let mut positions: Vec<u8> = Vec::new();
        for (term, t) in &self.terms {
            if shard.is_empty() {
                starts.push(String::from_utf8_lossy(term).into_owned());
            }
            let took = shard.push(term, &t.lists);
            t.positions
                .iter()
                .for_each(|p| positions.extend_from_slice(p));
            let chance = took as f64 / (target / 2) as f64;
            let draw = (crate::hash::fnv1a(term) >> 11) as f64 / (1u64 << 53) as f64;
            let len = shard.len();
            if len >= 2 * target || (len >= target / 2 && draw < chance) {
                flush(&mut shard, &mut positions, out);
            }
        }
        flush(&mut shard, &mut positions, out);
        starts
    }

    /// The uncompressed bytes a shard aims at: `SHARD_TARGET`, or more to keep the export
    /// within `FILE_BUDGET` files.
    fn shard_target(&self) -> usize {
        let size = |t: &TermPostings| t.lists.iter().map(|l| 1 + l.len() * 2).sum::<usize>();
        let total_raw: usize = self.terms.iter().map(|(k, v)| k.len() + 2 + size(v)).sum();
        let other_files = self.n().div_ceil(self.layout.chunk)
            + self.n().div_ceil(self.layout.norm_chunk)
            + MAX_WORD_LISTS
            + 2;
        // Each term shard comes with its position shard.
        let max_shards = (FILE_BUDGET.saturating_sub(other_files) / 2).max(MIN_SHARDS);
        SHARD_TARGET.max((total_raw / max_shards).div_ceil(TARGET_STEP) * TARGET_STEP)
    }
}

/// End the shard being written and its position shard, if it holds any term.
fn flush(shard: &mut ShardEncoder, positions: &mut Vec<u8>, out: &mut Export) {
    if shard.is_empty() {
        return;
    }
    out.files
        .push((format!("{DIR}/t{}.bin", out.shards), shard.finish()));
    out.files.push((
        format!("{DIR}/p{}.bin", out.shards),
        std::mem::take(positions),
    ));
    out.shards += 1;
}
