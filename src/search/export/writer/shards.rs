//! Where the term shards end, and what is written with them: their position and mask
//! files, the heads of the shards holding a common word alone, each shard's words and the
//! words sorting into it whose stems are elsewhere.

use super::super::format::{EncodedShard, ShardEncoder, TermPostings, KEYS};
use super::super::gzip::{Deflater, Effort, GzMemo, Wrap};
use super::super::table::Table;
use super::super::{Export, DIR};
use super::prefixes::{PrefixHeads, Terms};
use super::{compress_with, TermBlocks};
use std::collections::BTreeMap;

/// Uncompressed bytes a term shard aims at, or more if the file budget needs. Since rows left
/// their 16-document chunks the budget has room: 4 KB rather than 12 KB shards took a first
/// query at 10,000 from 47 to 43 KB (median over benches/search_bytes.mjs's set).
const SHARD_TARGET: usize = 4 * 1024;
/// Files the whole export aims to stay under: term shards grow (and a query fetches more bytes
/// of other terms' postings) rather than pass it, while norms, rows and the rest come first.
const FILE_BUDGET: usize = 960;
/// Term shards allowed however many other files there are.
const MIN_SHARDS: usize = 64;
/// Word lists there can be: one per term length in characters, and a term is under 40 bytes.
const MAX_WORD_LISTS: usize = 40;
/// Position files at most: each holds the positions blocks of a run of term shards, and the
/// client fetches one block by an HTTP range request, so a file may be large.
const MAX_POSITION_FILES: usize = 32;
/// The step a shard's target grows by, so the cut points stay put while a hub grows a little.
const TARGET_STEP: usize = 4096;

/// Each term's words: whether it is one itself, and the others whose stem it is.
pub(super) type WordsByTerm<'a> = BTreeMap<&'a [u8], (bool, Vec<&'a [u8]>)>;

/// What writing the term shards gives besides them.
pub(super) struct Shards {
    /// Where each term shard starts (`shard_start`).
    pub(super) starts: Vec<String>,
    /// Where each term shard's head is in `h.bin` (`HeadFile`), for those holding a common
    /// word alone.
    pub(super) heads: Vec<Option<(u64, u64)>>,
    /// The fields with a list too long to carry its field lengths inline, whose fieldnorm
    /// files queries read.
    pub(super) norm_fields: [bool; 3],
    /// The position files (their blocks compressed already) and the mask files, named, as
    /// they are written.
    pub(super) position_files: Vec<(String, Vec<u8>)>,
    /// Term shards per position file.
    pub(super) group: usize,
}

impl Table {
    /// Write the term shards into `out`, with the position files beside them.
    ///
    /// Shard boundaries are content-defined: past half the target, each term ends the shard
    /// with a chance proportional to its size, drawn from its hash (about half a target more
    /// on average), and a term of a target or more is a shard alone. An edit then changes only
    /// the shards holding the terms it touched. A position file holds the blocks of a fixed run
    /// of shards, so a block that changes length moves only the offsets of the shards after it
    /// in the same run.
    pub(super) fn shards(
        &self,
        out: &mut Export,
        (mut blocks, mut mask_blocks): TermBlocks,
        memo: Option<&GzMemo>,
    ) -> Shards {
        let terms: Vec<(&Vec<u8>, &TermPostings)> = self.terms.iter().collect();
        let words = self.words_by_term();
        let target = self.shard_target();
        // Shards are encoded as they are cut; their headers wait for the position files,
        // whose grouping depends on how many shards there are.
        let mut cuts: Vec<usize> = Vec::new();
        let mut headed: Vec<bool> = Vec::new();
        let mut encoded: Vec<EncodedShard> = Vec::new();
        let mut norm_fields = [false; 3];
        let mut shard = ShardEncoder::default();
        for (i, ((term, t), (block, masks))) in terms
            .iter()
            .zip(blocks.iter().zip(&mask_blocks))
            .enumerate()
        {
            // A term of a target or more (two bytes a posting at least) has a shard of its own:
            // a rare word beside it would otherwise fetch all of it (10,000 case studies:
            // "tayside" fetched 9.2 KB of a common neighbour's postings for its own 0.5 KB).
            let alone = 2 * t.lists.iter().map(Vec::len).sum::<usize>() >= target;
            if alone && !shard.is_empty() {
                encoded.push(shard.take());
            }
            if shard.is_empty() {
                cuts.push(i);
                headed.push(alone);
            }
            let norms = self.inline_norms(t);
            for (read, ids) in norm_fields.iter_mut().zip(&norms) {
                *read |= ids.is_none();
            }
            let (own, others) = words
                .get(term.as_slice())
                .map_or((false, &[][..]), |(own, others)| (*own, others.as_slice()));
            let took = shard.push(
                term,
                &t.lists,
                &norms,
                !masks.is_empty(),
                block.len(),
                (own, others),
            );
            let chance = took as f64 / (target / 2) as f64;
            let draw = (crate::hash::fnv1a(term) >> 11) as f64 / (1u64 << 53) as f64;
            let len = shard.len();
            if alone || len >= 2 * target || (len >= target / 2 && draw < chance) {
                encoded.push(shard.take());
            }
        }
        if !shard.is_empty() {
            encoded.push(shard.take());
        }
        let starts: Vec<String> = cuts
            .iter()
            .map(|&from| {
                let last_before = from
                    .checked_sub(1)
                    .map_or(&[][..], |k| terms[k].0.as_slice());
                shard_start(last_before, terms[from].0)
            })
            .collect();
        let mut foreign = self.foreign_words(&terms, &cuts, &starts);
        let common: Vec<&[u8]> = (cuts.iter().zip(&headed))
            .filter(|(_, &alone)| alone)
            .map(|(&from, _)| terms[from].0.as_slice())
            .collect();
        let with_masks = Terms {
            terms: &terms,
            masks: &mask_blocks,
        };
        let PrefixHeads {
            file: prefix_file,
            by_shard: mut prefixes,
        } = self.prefix_heads(&common, &with_masks, &words, (&starts, &headed), memo);
        let group = cuts.len().div_ceil(MAX_POSITION_FILES).max(1);
        let mut d = Deflater::new(Effort::Blocks);
        let mut heads = Vec::with_capacity(cuts.len());
        let mut head_file = Vec::new();
        // Position and mask files hold the blocks of the same runs of shards.
        let mut position_files: Vec<Vec<u8>> = Vec::new();
        let mut mask_files: Vec<Vec<u8>> = Vec::new();
        for (s, (&from, terms_of)) in cuts.iter().zip(encoded).enumerate() {
            let to = cuts.get(s + 1).copied().unwrap_or(terms.len());
            if s % group == 0 {
                position_files.push(Vec::new());
                mask_files.push(Vec::new());
            }
            let (Some(file), Some(masks)) = (position_files.last_mut(), mask_files.last_mut())
            else {
                continue;
            };
            let positions_at = file.len() as u64;
            let masks_at = masks.len() as u64;
            for block in &mut blocks[from..to] {
                file.extend_from_slice(&std::mem::take(block));
            }
            let foreign = std::mem::take(&mut foreign[s]);
            let prefixes = std::mem::take(&mut prefixes[s]);
            if headed[s] {
                let (term, t) = terms[from];
                let trailer = (&foreign[..], prefixes.clone());
                let head = self.head(term, t, &mask_blocks[from], &words, trailer);
                let block = compress_with(memo, &mut d, Effort::Blocks, Wrap::Raw, &head.encode());
                heads.push(Some((head_file.len() as u64, block.len() as u64)));
                head_file.extend_from_slice(&block);
            } else {
                heads.push(None);
            }
            for block in &mut mask_blocks[from..to] {
                masks.extend_from_slice(&std::mem::take(block));
            }
            out.files.push((
                format!("{DIR}/t{s}.bin"),
                terms_of.file(positions_at, masks_at, &foreign, &prefixes),
            ));
        }
        out.shards = cuts.len();

        let named = |kind: &'static str, files: Vec<Vec<u8>>| {
            files
                .into_iter()
                .enumerate()
                .map(move |(k, bytes)| (format!("{DIR}/{kind}{k}.bin"), bytes))
        };
        // The heads' blocks are compressed already, as the position blocks are.
        let heads_file = heads
            .iter()
            .any(Option::is_some)
            .then(|| (format!("{DIR}/h.bin"), head_file));
        let prefix_file = (!prefix_file.is_empty()).then(|| (format!("{DIR}/q.bin"), prefix_file));
        let position_files = named("p", position_files)
            .chain(named("m", mask_files))
            .chain(heads_file)
            .chain(prefix_file)
            .collect();
        Shards {
            starts,
            heads,
            position_files,
            group,
            norm_fields,
        }
    }

    /// Each term's words (`vocabulary`): whether it is one itself, and the others whose stem
    /// it is, in byte order.
    fn words_by_term(&self) -> WordsByTerm<'_> {
        let mut out: BTreeMap<&[u8], (bool, Vec<&[u8]>)> = BTreeMap::new();
        for (w, word) in self.words.iter() {
            let entry = out.entry(word.stem.as_slice()).or_default();
            if w == word.stem.as_slice() {
                entry.0 = true;
            } else {
                entry.1.push(w);
            }
        }
        out
    }

    /// For each shard (cut at `cuts` of `terms`, starting at `starts`), the words that sort
    /// into its range but whose stems are terms of another shard, with their stems: where the
    /// client looks a query word up, it finds the stem even when the stem sorts far from it
    /// ("ability", "abil"). A word whose stem is no term (none can be: tantivy indexes every
    /// stem) is left out.
    fn foreign_words<'a>(
        &'a self,
        terms: &[(&Vec<u8>, &TermPostings)],
        cuts: &[usize],
        starts: &[String],
    ) -> Vec<Vec<(&'a [u8], &'a [u8])>> {
        let mut out = vec![Vec::new(); cuts.len()];
        for (w, word) in self.words.iter() {
            let Ok(k) = terms.binary_search_by(|(t, _)| t.as_slice().cmp(&word.stem)) else {
                continue;
            };
            let stem_shard = cuts.partition_point(|&c| c <= k).saturating_sub(1);
            let word_shard = starts
                .partition_point(|s| s.as_bytes() <= w)
                .saturating_sub(1);
            if word_shard != stem_shard {
                out[word_shard].push((w, word.stem.as_slice()));
            }
        }
        out
    }

    /// The uncompressed bytes a shard aims at: `SHARD_TARGET`, or more to keep the export
    /// within `FILE_BUDGET` files.
    fn shard_target(&self) -> usize {
        let size = |t: &TermPostings| t.lists.iter().map(|l| 1 + l.len() * 2).sum::<usize>();
        let total_raw: usize = self.terms.iter().map(|(k, v)| k.len() + 2 + size(v)).sum();
        // Norm files (up to a field each), row and section files per chunk; the shard
        // directories; position and mask files per run of shards; meta.bin, f.bin, h.bin,
        // q.bin.
        let other_files = 5 * self.n().div_ceil(self.layout.norm_chunk)
            + KEYS.len()
            + MAX_WORD_LISTS
            + 2 * MAX_POSITION_FILES
            + 4;
        let max_shards = FILE_BUDGET.saturating_sub(other_files).max(MIN_SHARDS);
        SHARD_TARGET.max((total_raw / max_shards).div_ceil(TARGET_STEP) * TARGET_STEP)
    }
}

/// The shortest beginning of `first`, cut between characters, that sorts after `last_before`
/// (in byte order, which is the code point order the client compares in): a shard's start in
/// `meta.bin`. Every term of the shard is at or after it, and every term of the shard before
/// is before it. The first shard (`last_before` empty) starts at the empty string.
fn shard_start(last_before: &[u8], first: &[u8]) -> String {
    let text = String::from_utf8_lossy(first);
    if last_before.is_empty() {
        return String::new();
    }
    let cut = text
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .find(|&end| text.as_bytes()[..end] > *last_before)
        .unwrap_or(text.len());
    text[..cut].to_string()
}

#[cfg(test)]
mod start_tests {
    use super::shard_start;

    #[test]
    fn a_shard_starts_at_the_shortest_beginning_after_the_shard_before() {
        assert_eq!(shard_start(b"", b"apple"), "");
        assert_eq!(shard_start(b"apple", b"banana"), "b");
        assert_eq!(shard_start(b"care", b"carer"), "carer");
        assert_eq!(shard_start(b"carea", b"careb"), "careb");
        assert_eq!(shard_start(b"cat", b"cb"), "cb");
        // Cut between characters, never inside one: é is two bytes.
        assert_eq!(shard_start("caf".as_bytes(), "café".as_bytes()), "café");
        assert_eq!(shard_start("cafa".as_bytes(), "cafés".as_bytes()), "café");
        for (before, first) in [("a", "b"), ("care", "carer"), ("x9", "xa0"), ("日", "日本")] {
            let start = shard_start(before.as_bytes(), first.as_bytes());
            assert!(before < start.as_str() && start.as_str() <= first);
        }
    }
}
