//! Turning a `Table` into the export's named, gzip'd files: where the term shards end (and
//! their position shards with them), the word lists, the fieldnorm and document chunks,
//! `f.bin` and `meta.bin`.

use super::format::{
    self, directory_file, field_norms_file, mask_block, position_block, row_file, EncodedShard,
    HeadFile, InlineNorms, Meta, ShardDirectory, ShardEncoder, TermPostings, WordList, HEAD, KEYS,
};
use super::gzip::{Deflater, Effort, GzMemo, Wrap};
use super::table::Table;
use super::{Export, DIR};
use crate::search::{bm25, query, sections, BOOST_BODY, BOOST_SUMMARY, BOOST_TITLE};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use tantivy::query::Bm25Weight;

/// Uncompressed bytes a term shard aims at, or more if the file budget needs. Since rows left
/// their 16-document chunks the budget has room: 4 KB rather than 12 KB shards took a first
/// query at 10,000 from 47 to 43 KB (median over benches/search_bytes.mjs's set).
const SHARD_TARGET: usize = 4 * 1024;
/// Files the whole export aims to stay under: term shards grow (and a query fetches more bytes
/// of other terms' postings) rather than pass it, while norms, rows and the rest come first.
const FILE_BUDGET: usize = 960;
/// Term shards allowed however many other files there are.
const MIN_SHARDS: usize = 64;
/// A term's list in a field that at most one document in this many is in carries its
/// documents' field lengths inline (`norms_inline`). Four, not eight: with libdeflate's
/// compression, a list of up to a quarter of the documents costs less inline than the field's
/// whole file (10,000 case studies: "prescribing" 33.4 to 27.3 KB on a first query, p90 of
/// the following queries 21.8 to 15.8 KB), for 5 % more bytes of term shards in all.
pub(super) const INLINE_NORMS_SHARE: usize = 4;
/// Word lists there can be: one per term length in characters, and a term is under 40 bytes.
const MAX_WORD_LISTS: usize = 40;
/// Position files at most: each holds the positions blocks of a run of term shards, and the
/// client fetches one block by an HTTP range request, so a file may be large.
const MAX_POSITION_FILES: usize = 32;
/// The step a shard's target grows by, so the cut points stay put while a hub grows a little.
const TARGET_STEP: usize = 4096;

/// A file of the export: its path and bytes.
type Named = (String, Vec<u8>);

/// Each term's words: whether it is one itself, and the others whose stem it is.
type WordsByTerm<'a> = BTreeMap<&'a [u8], (bool, Vec<&'a [u8]>)>;

/// What writing the term shards gives besides them.
struct Shards {
    /// Where each term shard starts (`shard_start`).
    starts: Vec<String>,
    /// Where each term shard's head is in `h.bin` (`HeadFile`), for those holding a common
    /// word alone.
    heads: Vec<Option<(u64, u64)>>,
    /// The fields with a list too long to carry its field lengths inline, whose fieldnorm
    /// files queries read.
    norm_fields: [bool; 3],
    /// The position files (their blocks compressed already) and the mask files, named, as
    /// they are written.
    position_files: Vec<(String, Vec<u8>)>,
    /// Term shards per position file.
    group: usize,
}

/// Each term's positions block, compressed, and its block of section masks (`mask_block`),
/// in term order.
type TermBlocks = (Vec<Vec<u8>>, Vec<Vec<u8>>);

/// Compress `raw` with `d` (at `effort`), wrapped as `wrap` says, through `memo` when given.
fn compress_with(
    memo: Option<&GzMemo>,
    d: &mut Deflater,
    effort: Effort,
    wrap: Wrap,
    raw: &[u8],
) -> Vec<u8> {
    match memo {
        Some(m) => m.compress(d, effort, wrap, raw),
        None => d.compress(wrap, raw),
    }
}

/// The export: `raws`' files compressed (through `memo` when given), letting go of each
/// file's raw bytes once it is, and the files `ready` as they are.
fn compressed(raws: Export, ready: Vec<Named>, memo: Option<&GzMemo>) -> Export {
    let Export {
        files,
        shards,
        removed,
    } = raws;
    let files = files
        .into_par_iter()
        .map_init(
            || Deflater::new(Effort::Fetched),
            |d, (name, raw)| {
                (
                    name,
                    compress_with(memo, d, Effort::Fetched, Wrap::Gzip, &raw),
                )
            },
        )
        .chain(ready)
        .collect();
    Export {
        files,
        shards,
        removed,
    }
}

/// The table an export is made from: kept, for `serve` to patch with the next edit, or let
/// go of as the files are made, for a build. One order of steps for both (`make`), so the
/// two write the same files, byte for byte.
enum Source<'a> {
    Kept(&'a Table),
    LetGo(Box<Table>),
}

impl Source<'_> {
    fn table(&self) -> &Table {
        match self {
            Source::Kept(t) => t,
            Source::LetGo(t) => t,
        }
    }

    /// Once the position blocks and masks are made, the terms' positions are not needed.
    fn positions_done(&mut self) {
        if let Source::LetGo(t) = self {
            for term in t.terms.values_mut() {
                term.positions = Default::default();
            }
            crate::freed_memory::give_back();
        }
    }

    /// Each document's sections, taken out of a table let go of so that they go as soon as
    /// they are in `s<N>.bin`.
    fn take_sections(&mut self) -> Option<Vec<Vec<u8>>> {
        match self {
            Source::Kept(_) => None,
            Source::LetGo(t) => Some(
                t.rows
                    .iter_mut()
                    .map(|d| std::mem::take(&mut d.sections))
                    .collect(),
            ),
        }
    }

    /// The table is no longer needed.
    fn done(self) {
        if let Source::LetGo(t) = self {
            drop(t);
            crate::freed_memory::give_back();
        }
    }
}

/// The export's files from `source`, compressing through `memo` when given.
fn make(mut source: Source<'_>, memo: Option<&GzMemo>) -> Export {
    let blocks = source.table().term_blocks(memo);
    source.positions_done();
    let sections = source.take_sections();
    let (raw_rows, section_files) = source.table().rows_and_sections(sections);
    let rows = source.table().row_files(&raw_rows, memo);
    drop(raw_rows);
    let (raws, mut ready) = source.table().raw_files(blocks, memo);
    source.done();
    ready.extend(rows);
    ready.extend(section_files);
    let export = compressed(raws, ready, memo);
    // Every file compressed went through the memo; what this export did not ask for goes.
    if let Some(m) = memo {
        m.sweep();
    }
    export
}

impl Table {
    /// The export's files, compressing through `memo` when given; the table is kept (serve
    /// patches it with the next edit).
    pub(crate) fn files(&self, memo: Option<&GzMemo>) -> Export {
        make(Source::Kept(self), memo)
    }

    /// The export's files, letting go of the table as it goes, for a build: the terms'
    /// positions once their blocks and masks are made, each document's sections as they move
    /// into `s<N>.bin`, and the postings once the shards are encoded, each time handing the
    /// memory back. The export was a build's peak of memory (10,000 case studies: 343 MB
    /// resident with the whole table held until its files were compressed, 291–299 MB since).
    pub(crate) fn into_files(self) -> Export {
        make(Source::LetGo(Box::new(self)), None)
    }

    /// Each term's positions block, compressed (through `memo` when given), and its section
    /// masks, worked out side by side on every core.
    fn term_blocks(&self, memo: Option<&GzMemo>) -> TermBlocks {
        self.terms
            .par_iter()
            .map_init(
                || Deflater::new(Effort::Bulk),
                |d, (_, t)| {
                    // Each block's uncompressed bytes live only while it is compressed.
                    let raw = position_block(&t.positions);
                    let block = compress_with(memo, d, Effort::Bulk, Wrap::Raw, &raw);
                    (block, mask_block(&self.section_masks(t)))
                },
            )
            .unzip()
    }

    /// The export's files, uncompressed, and the position files (made of `blocks`, each
    /// term's positions compressed on its own, which are moved into them).
    fn raw_files(&self, blocks: TermBlocks, memo: Option<&GzMemo>) -> (Export, Vec<Named>) {
        let mut out = Export::default();
        let Shards {
            starts,
            heads,
            position_files,
            group,
            norm_fields,
        } = self.shards(&mut out, blocks, memo);
        let words = self.word_lists(&mut out);
        for key in KEYS.chars() {
            let directory = ShardDirectory::of(key, &starts, &heads);
            out.files
                .push((format!("{DIR}/{}", directory_file(key)), directory.encode()));
        }
        for f in (0..3).filter(|&f| norm_fields[f]) {
            for (i, ids) in self.fieldnorm_ids[f]
                .chunks(self.layout.norm_chunk)
                .enumerate()
            {
                out.files
                    .push((format!("{DIR}/{}", field_norms_file(f, i)), ids.to_vec()));
            }
        }
        out.files
            .push((format!("{DIR}/f.bin"), self.facets.clone()));
        let mut meta = self.meta(words);
        meta.position_group = group;
        out.files.push((format!("{DIR}/meta.bin"), meta.encode()));
        (out, position_files)
    }

    /// `meta.bin` for word lists of the lengths `words`.
    fn meta(&self, words: Vec<usize>) -> Meta {
        let n = self.n() as u64;
        let dfs: BTreeSet<u64> = self
            .terms
            .values()
            .flat_map(|t| t.lists.iter().map(|p| p.len() as u64))
            .filter(|&df| df > 0)
            .collect();
        Meta {
            version: 3,
            n,
            boosts: [BOOST_TITLE, BOOST_SUMMARY, BOOST_BODY],
            tokens: self.tokens,
            fieldnorms: bm25::fieldnorm_table(),
            idf_fix: bm25::idf_fix(dfs, n),
            norm_chunk: self.layout.norm_chunk,
            max_expansions: query::MAX_EXPANSIONS,
            min_prefix: query::MIN_PREFIX_CHARS,
            fuzzy: query::FUZZY,
            position_group: 1,
            words,
            synonyms: self.synonyms.clone(),
            names: self.names.clone(),
        }
    }

    /// Whether a list of `len` postings carries its documents' field lengths inline: for a
    /// list at most one document in `INLINE_NORMS_SHARE` is in, a query then needs no fieldnorm
    /// file (5 KB per field at 10,000 documents) but a byte for each of its postings.
    fn norms_inline(&self, len: usize) -> bool {
        len * INLINE_NORMS_SHARE <= self.n()
    }

    /// The fieldnorm ids of the documents `t` holds, in each field whose list carries them.
    fn inline_norms(&self, t: &TermPostings) -> InlineNorms {
        std::array::from_fn(|f| {
            self.norms_inline(t.lists[f].len()).then(|| {
                t.lists[f]
                    .iter()
                    .map(|&(doc, _)| self.fieldnorm_ids[f][doc as usize])
                    .collect()
            })
        })
    }

    /// Which sections of each body document of `t` hold it (`search::sections::mask`): what
    /// the client picks a result's sub-result from, as `ithub search` does from tantivy's
    /// positions.
    fn section_masks(&self, t: &TermPostings) -> Vec<u32> {
        let list = &t.lists[2];
        let mut masks = vec![0u32; list.len()];
        format::for_each_positions(list, &t.positions[2], |k, positions| {
            if let Some(r) = self.rows.get(list[k].0 as usize) {
                if !r.starts.is_empty() {
                    masks[k] = sections::mask(positions.iter().copied(), &r.starts);
                }
            }
        });
        masks
    }

    /// Each document's row, uncompressed, saying where its sections are; and the section
    /// files, `s<N>.bin` holding those of `r<N>.bin`'s documents back to back, uncompressed:
    /// gzip saves a fifth of a block this small (30 bytes) but setting it up for each of a
    /// large hub's 60,000 blocks cost a second of CPU.
    fn rows_and_sections(&self, mut taken: Option<Vec<Vec<u8>>>) -> (Vec<Vec<u8>>, Vec<Named>) {
        let mut rows = Vec::with_capacity(self.n());
        let mut files = Vec::new();
        let mut k = 0;
        for (i, docs) in self.rows.chunks(self.layout.norm_chunk).enumerate() {
            let mut file = Vec::new();
            for d in docs {
                let mut row = d.row.clone();
                // Each document's sections, from the table or, when they were taken out of
                // it, let go as soon as they are in the file.
                let sections: std::borrow::Cow<'_, [u8]> = match taken.as_mut() {
                    Some(all) => std::mem::take(&mut all[k]).into(),
                    None => d.sections.as_slice().into(),
                };
                k += 1;
                if !d.lengths.is_empty() {
                    row.4.push(file.len() as u64);
                    row.4.extend(d.lengths.iter().map(|&len| u64::from(len)));
                    file.extend_from_slice(&sections);
                }
                rows.push(row.encode());
            }
            files.push((format!("{DIR}/s{i}.bin"), file));
        }
        (rows, files)
    }

    /// The row files: `r<N>.bin` holds the compressed `rows` of chunk N's documents.
    fn row_files(&self, rows: &[Vec<u8>], memo: Option<&GzMemo>) -> Vec<Named> {
        let rows: Vec<Vec<u8>> = rows
            .par_iter()
            .map_init(
                || Deflater::new(Effort::Fetched),
                |d, r| compress_with(memo, d, Effort::Fetched, Wrap::Raw, r),
            )
            .collect();
        rows.chunks(self.layout.norm_chunk)
            .enumerate()
            .map(|(i, rs)| (format!("{DIR}/r{i}.bin"), row_file(rs)))
            .collect()
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

    /// Write the term shards into `out`, with the position files beside them.
    ///
    /// Shard boundaries are content-defined: past half the target, each term ends the shard
    /// with a chance proportional to its size, drawn from its hash (about half a target more
    /// on average), and a term of a target or more is a shard alone. An edit then changes only
    /// the shards holding the terms it touched. A position file holds the blocks of a fixed run
    /// of shards, so a block that changes length moves only the offsets of the shards after it
    /// in the same run.
    fn shards(
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
        let group = cuts.len().div_ceil(MAX_POSITION_FILES).max(1);
        let mut d = Deflater::new(Effort::Fetched);
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
            if headed[s] {
                let (term, t) = terms[from];
                let head = self.head(term, t, &mask_blocks[from], &words, &foreign);
                let block = compress_with(memo, &mut d, Effort::Fetched, Wrap::Raw, &head.encode());
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
                terms_of.file(positions_at, masks_at, &foreign),
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
        let position_files = named("p", position_files)
            .chain(named("m", mask_files))
            .chain(heads_file)
            .collect();
        Shards {
            starts,
            heads,
            position_files,
            group,
            norm_fields,
        }
    }

    /// The head of `term` (`t`, a shard alone, with its section `masks` as its mask block
    /// holds them): its best documents as tantivy ranks them for a query of that term alone
    /// (each field's BM25 by tantivy's own `Bm25Weight`, boosted, summed in field order as
    /// the query sums its clauses; `query::rank_key` orders them), with its words.
    fn head(
        &self,
        term: &[u8],
        t: &TermPostings,
        masks: &[u8],
        words: &WordsByTerm<'_>,
        foreign: &[(&[u8], &[u8])],
    ) -> HeadFile {
        let n = self.n() as u64;
        let boosts = [BOOST_TITLE, BOOST_SUMMARY, BOOST_BODY];
        let weights: Vec<Bm25Weight> = (0..3)
            .map(|f| {
                let average = self.tokens[f] as f32 / n.max(1) as f32;
                let df = t.lists[f].len() as u64;
                Bm25Weight::for_one_term_without_explain(df, n, average).boost_by(boosts[f])
            })
            .collect();
        // Every document's score, summed field by field (a common word's documents are most of
        // the hub's, so one slot a document).
        let mut scores: Vec<Option<f32>> = vec![None; self.n()];
        for (f, list) in t.lists.iter().enumerate() {
            for &(doc, tf) in list {
                let id = self.fieldnorm_ids[f][doc as usize];
                let slot = &mut scores[doc as usize];
                *slot = Some(slot.unwrap_or(0.0) + weights[f].score(id, tf));
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
        let body = &t.lists[2];
        let mask = |doc: u32| -> u16 {
            body.binary_search_by_key(&doc, |p| p.0)
                .ok()
                .and_then(|k| masks.get(2 * k..2 * k + 2))
                .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
        };
        let (own, others) = words
            .get(term)
            .map_or((false, &[][..]), |(own, others)| (*own, others.as_slice()));
        HeadFile {
            term: term.to_vec(),
            count: count as u64,
            df: std::array::from_fn(|f| t.lists[f].len() as u64),
            best: ranked
                .into_iter()
                .map(|(doc, score)| (doc, score, mask(doc)))
                .collect(),
            own,
            others: others.iter().map(|w| w.to_vec()).collect(),
            foreign: foreign
                .iter()
                .map(|(w, s)| (w.to_vec(), s.to_vec()))
                .collect(),
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
        // directories; position and mask files per run of shards; meta.bin, f.bin, h.bin.
        let other_files = 5 * self.n().div_ceil(self.layout.norm_chunk)
            + KEYS.len()
            + MAX_WORD_LISTS
            + 2 * MAX_POSITION_FILES
            + 3;
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
