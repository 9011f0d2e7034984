//! Turning a `Table` into the export's named, gzip'd files: where the term shards end (and
//! their position shards with them), the word lists, the fieldnorm and document chunks,
//! `f.bin` and `meta.bin`.

use super::format::{
    self, directory_file, field_norms_file, mask_block, position_block, row_file, InlineNorms,
    Meta, ShardDirectory, TermPostings, WordList, KEYS,
};
use super::gzip::{Deflater, Effort, GzMemo, Wrap};
use super::table::{DocRow, Table};
use super::{Export, DIR};
use crate::search::{bm25, query, sections, BOOST_BODY, BOOST_SUMMARY, BOOST_TITLE};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

mod head;
mod prefixes;
mod shards;

use shards::Shards;

/// A term's list in a field that at most one document in this many is in carries its
/// documents' field lengths inline (`norms_inline`). Four, not eight: with libdeflate's
/// compression, a list of up to a quarter of the documents costs less inline than the field's
/// whole file (10,000 case studies: "prescribing" 33.4 to 27.3 KB on a first query, p90 of
/// the following queries 21.8 to 15.8 KB), for 5 % more bytes of term shards in all.
pub(super) const INLINE_NORMS_SHARE: usize = 4;
/// A file of the export: its path and bytes.
type Named = (String, Vec<u8>);

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

/// Where a build's export files go as each is made: written out and let go, so that the
/// export never holds all of its compressed files at once (at 100,000 case studies they are
/// about 430 MB, and the build's peak was while they were made).
pub(crate) type Deliver<'a> = &'a (dyn Fn(Named) + Sync);

/// `files`, handed to `deliver` now if given (leaving none), else kept.
fn hand_on(deliver: Option<Deliver<'_>>, files: Vec<Named>) -> Vec<Named> {
    match deliver {
        Some(d) => {
            files.into_iter().for_each(d);
            Vec::new()
        }
        None => files,
    }
}

/// The export: `raws`' files compressed (through `memo` when given), letting go of each
/// file's raw bytes once it is, and the files `ready` as they are; each handed to `deliver`
/// as soon as it is compressed, when given, instead of kept.
fn compressed(
    raws: Export,
    ready: Vec<Named>,
    memo: Option<&GzMemo>,
    deliver: Option<Deliver<'_>>,
) -> Export {
    let Export {
        files,
        shards,
        removed,
    } = raws;
    let files = files.into_par_iter().map_init(
        || Deflater::new(Effort::Fetched),
        |d, (name, raw)| {
            (
                name,
                compress_with(memo, d, Effort::Fetched, Wrap::Gzip, &raw),
            )
        },
    );
    let files = match deliver {
        Some(d) => {
            files.for_each(d);
            Vec::new()
        }
        None => files.chain(ready).collect(),
    };
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

    /// Each term's positions block and section masks (`Table::term_blocks`). A table let go
    /// of lets each term's positions go as soon as its block is made, not once every block
    /// is: on a large hub the positions and the blocks together were the export's peak (at
    /// 100,000 case studies, 1.94 GB while the blocks were made, against 1.72 GB before).
    fn term_blocks(&mut self, memo: Option<&GzMemo>) -> TermBlocks {
        match self {
            Source::Kept(t) => t.term_blocks(memo),
            Source::LetGo(t) => {
                let blocks = t.term_blocks_taking(memo);
                crate::freed_memory::give_back();
                blocks
            }
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

/// The export's files from `source`, compressing through `memo` when given, each handed to
/// `deliver` as soon as it is made when given (its `files` then empty).
fn make(mut source: Source<'_>, memo: Option<&GzMemo>, deliver: Option<Deliver<'_>>) -> Export {
    let blocks = source.term_blocks(memo);
    let sections = source.take_sections();
    let (raw_rows, section_files) = source.table().rows_and_sections(sections);
    let section_files = hand_on(deliver, section_files);
    let rows = source.table().row_files(&raw_rows, memo);
    drop(raw_rows);
    let rows = hand_on(deliver, rows);
    let (raws, ready) = source.table().raw_files(blocks, memo);
    source.done();
    let mut ready = hand_on(deliver, ready);
    ready.extend(rows);
    ready.extend(section_files);
    let export = compressed(raws, ready, memo, deliver);
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
        make(Source::Kept(self), memo, None)
    }

    /// The export's files, each handed to `deliver` as it is made, letting go of the table as
    /// it goes, for a build: the terms' positions once their blocks and masks are made, each
    /// document's sections as they move into `s<N>.bin`, and the postings once the shards are
    /// encoded, each time handing the memory back. The export was a build's peak of memory
    /// (10,000 case studies: 343 MB resident with the whole table held until its files were
    /// compressed, 291–299 MB since). The `Export` returned holds no files.
    pub(crate) fn into_files(self, deliver: Deliver<'_>) -> Export {
        make(Source::LetGo(Box::new(self)), None, Some(deliver))
    }

    /// Each term's positions block, compressed (through `memo` when given), and its section
    /// masks, worked out side by side on every core.
    fn term_blocks(&self, memo: Option<&GzMemo>) -> TermBlocks {
        self.terms
            .par_iter()
            .map_init(
                || Deflater::new(Effort::Bulk),
                |d, (_, t)| term_block(&self.rows, t, d, memo),
            )
            .unzip()
    }

    /// `term_blocks`, letting each term's positions go once its blocks are made.
    fn term_blocks_taking(&mut self, memo: Option<&GzMemo>) -> TermBlocks {
        let rows = &self.rows;
        self.terms
            .par_iter_mut()
            .map_init(
                || Deflater::new(Effort::Bulk),
                |d, (_, t)| {
                    let made = term_block(rows, t, d, memo);
                    t.positions = Default::default();
                    made
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
                || Deflater::new(Effort::Blocks),
                |d, r| compress_with(memo, d, Effort::Blocks, Wrap::Raw, r),
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
}

/// A term's positions block, uncompressed bytes living only while it is compressed (through
/// `memo` when given), and its section masks' block.
fn term_block(
    rows: &[DocRow],
    t: &TermPostings,
    d: &mut Deflater,
    memo: Option<&GzMemo>,
) -> (Vec<u8>, Vec<u8>) {
    let raw = position_block(&t.positions);
    let block = compress_with(memo, d, Effort::Bulk, Wrap::Raw, &raw);
    (block, mask_block(&section_masks(rows, t)))
}

/// Which sections of each body document of `t` hold it (`search::sections::mask`): what
/// the client picks a result's sub-result from, as `ithub search` does from tantivy's
/// positions.
fn section_masks(rows: &[DocRow], t: &TermPostings) -> Vec<u32> {
    let list = &t.lists[2];
    let mut masks = vec![0u32; list.len()];
    format::for_each_positions(list, &t.positions[2], |k, positions| {
        if let Some(r) = rows.get(list[k].0 as usize) {
            if !r.starts.is_empty() {
                masks[k] = sections::mask(positions.iter().copied(), &r.starts);
            }
        }
    });
    masks
}
