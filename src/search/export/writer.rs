//! Turning a `Table` into the export's named, gzip'd files: where the term shards end, the
//! fieldnorm and document chunks, `f.bin` and `meta.bin`.

use super::format::{DocChunk, Meta, NormChunk, Postings, ShardEncoder};
use super::gzip::{gzip, GzMemo};
use super::table::Table;
use super::{Export, DIR};
use crate::search::{bm25, query, BOOST_BODY, BOOST_SUMMARY, BOOST_TITLE, FACETS};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Uncompressed bytes a term shard aims at, or more if the file budget needs.
const SHARD_TARGET: usize = 12 * 1024;
/// Files the whole export aims to stay under: term shards grow (and a query fetches more bytes
/// of other terms' postings) rather than pass it, while document chunks and norms come first.
const FILE_BUDGET: usize = 960;
/// Term shards allowed however many document chunks there are.
const MIN_SHARDS: usize = 64;
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
        let meta = self.meta(starts);
        out.files.push((format!("{DIR}/meta.bin"), meta.encode()));
        out
    }

    /// `meta.bin` for term shards starting at `starts`.
    fn meta(&self, starts: Vec<String>) -> Meta {
        let n = self.n() as u64;
        let dfs: BTreeSet<u64> = self
            .terms
            .values()
            .flat_map(|l| l.iter().map(|p| p.len() as u64))
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
            facets: FACETS.map(String::from).to_vec(),
            names: self.names.clone(),
        }
    }

    /// Write the term shards into `out`; returns the first term of each.
    ///
    /// Shard boundaries are content-defined: past half the target, each term ends the shard
    /// with a chance proportional to its size, drawn from its hash (about half a target more
    /// on average). An edit then changes only the shards holding the terms it touched.
    fn shards(&self, out: &mut Export) -> Vec<String> {
        let target = self.shard_target();
        let mut starts: Vec<String> = Vec::new();
        let mut shard = ShardEncoder::default();
        for (term, lists) in &self.terms {
            if shard.is_empty() {
                starts.push(String::from_utf8_lossy(term).into_owned());
            }
            let took = shard.push(term, lists);
            let chance = took as f64 / (target / 2) as f64;
            let draw = (crate::hash::fnv1a(term) >> 11) as f64 / (1u64 << 53) as f64;
            let len = shard.len();
            if len >= 2 * target || (len >= target / 2 && draw < chance) {
                flush(&mut shard, out);
            }
        }
        flush(&mut shard, out);
        starts
    }

    /// The uncompressed bytes a shard aims at: `SHARD_TARGET`, or more to keep the export
    /// within `FILE_BUDGET` files.
    fn shard_target(&self) -> usize {
        let size = |lists: &Postings| lists.iter().map(|l| 1 + l.len() * 2).sum::<usize>();
        let total_raw: usize = self.terms.iter().map(|(k, v)| k.len() + 2 + size(v)).sum();
        let other_files =
            self.n().div_ceil(self.layout.chunk) + self.n().div_ceil(self.layout.norm_chunk) + 2;
        let max_shards = FILE_BUDGET.saturating_sub(other_files).max(MIN_SHARDS);
        SHARD_TARGET.max((total_raw / max_shards).div_ceil(TARGET_STEP) * TARGET_STEP)
    }
}

/// End the shard being written, if it holds any term.
fn flush(shard: &mut ShardEncoder, out: &mut Export) {
    if shard.is_empty() {
        return;
    }
    out.files
        .push((format!("{DIR}/t{}.bin", out.shards), shard.finish()));
    out.shards += 1;
}
