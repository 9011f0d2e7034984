//! The static search index, exported from tantivy's own inverted index.
//!
//! Layout under `<output>/search/idx/` (every file gzip-compressed, so any static host serves
//! it small; the client inflates it with `DecompressionStream`):
//! - `meta.bin`: JSON with the document count, field boosts, each field's token total and
//!   tantivy's fieldnorm table (from which the client rebuilds tantivy's BM25 length-norm cache
//!   in f32), the first term of every term shard, and facet names;
//! - `t<N>.bin`: a term shard: terms in byte order, front-coded, each with its postings per
//!   field (all doc-id deltas, then all term frequencies: columns compress better than rows);
//! - `n<N>.bin`: the fieldnorm ids of `norm_chunk` documents, one byte per document per field.
//!   They live apart from the postings because a document's length is the same for every term
//!   it holds: inline, it was the least compressible byte of every posting, repeated in every
//!   shard (two thirds of the term shards' size on a 10,000-item hub). Apart, an edit that
//!   changes a document's length changes one byte here instead of every shard;
//! - `d<N>.bin`: JSON with the title, URL, kind and summary excerpt of `chunk` documents;
//! - `f.bin`: JSON with each facet value's document ids, fetched only when filtering.
//!
//! The client fetches `meta.bin`, then only the shards holding the query's terms, then the
//! document chunks of the results it shows.
//!
//! Shard boundaries are content-defined: a shard ends after a term whose hash picks it, once
//! the shard is big enough. An edit to one document then changes only the shards holding the
//! terms it touched, which is what lets `serve` update the export in place (`Table::replace`)
//! and re-compress only those files.

use super::documents::{FacetNames, SearchDoc, KINDS};
use super::schema::{fields_of, Fields};
use super::FACETS;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::Mutex;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;
use tantivy::{DocSet, Index, TERMINATED};

pub const DIR: &str = "search/idx";
/// Characters of the summary a result shows (and highlights).
pub const RESULT_SUMMARY_CHARS: usize = 200;
/// Uncompressed bytes a term shard aims at, or more if the file budget needs.
const SHARD_TARGET: usize = 12 * 1024;
/// Files the whole export aims to stay under: term shards grow (and a query fetches more bytes
/// of other terms' postings) rather than pass it, while document chunks and norms come first.
const FILE_BUDGET: usize = 960;
/// Term shards allowed however many document chunks there are.
const MIN_SHARDS: usize = 64;

/// How the export splits documents into files.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Documents per `d<N>.bin` chunk: small, because the ten results of a query usually fall
    /// in ten different chunks; large enough to keep a 10,000-item hub under a thousand files.
    pub chunk: usize,
    /// Documents per `n<N>.bin` fieldnorm file: one file up to 16,384 documents, so a first
    /// query on a typical hub costs one small fetch.
    pub norm_chunk: usize,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            chunk: 16,
            norm_chunk: 16_384,
        }
    }
}

/// One (doc, term frequency) posting.
type Posting = (u32, u32);
/// A term's postings in the title, summary and body fields.
type Lists = [Vec<Posting>; 3];

#[derive(Debug, Default)]
pub struct Export {
    /// (path under the output, bytes) for every file.
    pub files: Vec<(String, Vec<u8>)>,
    pub terms: usize,
    pub shards: usize,
}

/// tantivy's idf, in f32.
pub fn idf(df: u64, n: u64) -> f32 {
    let x = ((n - df) as f32 + 0.5) / (df as f32 + 0.5);
    (1.0 + x).ln()
}

/// The idf as the client computes it (f64 logarithm rounded to f32).
fn client_idf(df: u64, n: u64) -> f32 {
    let x = ((n - df) as f32 + 0.5) / (df as f32 + 0.5);
    f64::from(1.0 + x).ln() as f32
}

/// The summary cut at a word boundary to `RESULT_SUMMARY_CHARS`, with an ellipsis if cut.
fn excerpt(s: &str) -> String {
    if s.chars().count() <= RESULT_SUMMARY_CHARS {
        return s.to_string();
    }
    let cut: String = s.chars().take(RESULT_SUMMARY_CHARS).collect();
    let at = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', '.']))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Compressed files kept by their uncompressed bytes, so re-exporting after an edit compresses
/// only the files that changed. Best compression is slow; `serve` must match `build` exactly.
#[derive(Default)]
pub struct GzMemo {
    map: Mutex<HashMap<Vec<u8>, Vec<u8>>>,
}

impl GzMemo {
    fn gzip(&self, raw: Vec<u8>) -> Vec<u8> {
        if let Some(z) = self.lock().get(&raw) {
            return z.clone();
        }
        let z = gzip(&raw);
        self.lock().insert(raw, z.clone());
        z
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Vec<u8>, Vec<u8>>> {
        self.map.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forget every file not in `keep` (the raw bytes of the current export).
    fn retain(&self, keep: &std::collections::HashSet<&[u8]>) {
        self.lock().retain(|k, _| keep.contains(k.as_slice()));
    }
}

/// What tantivy's analyser makes of one document's text fields: each term's frequency and the
/// token count (tantivy's fieldnorm counts exactly the tokens it indexes).
#[derive(Debug, Default, PartialEq)]
pub struct Analysed {
    pub terms: [BTreeMap<Vec<u8>, u32>; 3],
    pub tokens: [u64; 3],
}

/// Run `d`'s title, summary and body through the analyser tantivy indexes them with.
pub fn analyse(index: &Index, fields: &Fields, d: &SearchDoc) -> tantivy::Result<Analysed> {
    let mut out = Analysed::default();
    for (fi, (field, _)) in fields.text().iter().enumerate() {
        let text = match fi {
            0 => &d.title,
            1 => &d.summary,
            _ => &d.body,
        };
        let mut analyser = index.tokenizer_for_field(*field)?;
        let mut stream = analyser.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            if t.text.len() > tantivy::tokenizer::MAX_TOKEN_LEN {
                continue;
            }
            *out.terms[fi].entry(t.text.as_bytes().to_vec()).or_default() += 1;
            out.tokens[fi] += 1;
        }
    }
    Ok(out)
}

/// Everything the export holds, in memory: built from a one-segment tantivy index, patched in
/// place by `serve`, and turned into files by `files`.
pub struct Table {
    layout: Layout,
    /// Token total of each text field (BM25's average field length).
    tokens: [u64; 3],
    /// Fieldnorm id of every document, per text field.
    fieldnorm_ids: [Vec<u8>; 3],
    terms: BTreeMap<Vec<u8>, Lists>,
    /// Each document's result row (title, URL, kind, summary excerpt), as JSON.
    rows: Vec<serde_json::Value>,
    /// `f.bin`, whole: facets never change by `replace`.
    facets: Vec<u8>,
    names: serde_json::Value,
}

impl Table {
    pub fn read(
        index: &Index,
        docs: &[SearchDoc],
        facet_names: &FacetNames,
        layout: Layout,
    ) -> tantivy::Result<Table> {
        let searcher = index.reader()?.searcher();
        let fields: Fields = fields_of(&index.schema())?;
        let segs = searcher.segment_readers();
        if segs.len() > 1 {
            return Err(tantivy::TantivyError::InvalidArgument(
                "the search index must have one segment".into(),
            ));
        }
        let mut terms: BTreeMap<Vec<u8>, Lists> = BTreeMap::new();
        let mut tokens = [0u64; 3];
        let mut fieldnorm_ids: [Vec<u8>; 3] = Default::default();
        let mut facets = serde_json::Map::new();
        if let Some(seg) = segs.first() {
            for (fi, (field, _)) in fields.text().iter().enumerate() {
                let inv = seg.inverted_index(*field)?;
                let fnorm = seg.get_fieldnorms_reader(*field)?;
                tokens[fi] = inv.total_num_tokens();
                fieldnorm_ids[fi] = (0..seg.max_doc()).map(|d| fnorm.fieldnorm_id(d)).collect();
                let mut stream = inv.terms().stream()?;
                while stream.advance() {
                    let mut postings = inv.read_postings_from_terminfo(
                        stream.value(),
                        IndexRecordOption::WithFreqs,
                    )?;
                    let mut list = Vec::with_capacity(stream.value().doc_freq as usize);
                    let mut d = postings.doc();
                    while d != TERMINATED {
                        list.push((d, postings.term_freq()));
                        d = postings.advance();
                    }
                    terms.entry(stream.key().to_vec()).or_default()[fi] = list;
                }
            }
            for name in FACETS {
                let Some(field) = fields.facet(name) else {
                    continue;
                };
                let inv = seg.inverted_index(field)?;
                let mut values = serde_json::Map::new();
                let mut stream = inv.terms().stream()?;
                while stream.advance() {
                    let mut postings =
                        inv.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
                    let mut deltas = Vec::new();
                    let (mut d, mut last) = (postings.doc(), 0u32);
                    while d != TERMINATED {
                        deltas.push(d - last);
                        last = d;
                        d = postings.advance();
                    }
                    values.insert(
                        String::from_utf8_lossy(stream.key()).into_owned(),
                        json!(deltas),
                    );
                }
                facets.insert(name.to_string(), serde_json::Value::Object(values));
            }
        }
        let kinds: BTreeMap<&str, &str> = KINDS.iter().copied().collect();
        Ok(Table {
            layout,
            tokens,
            fieldnorm_ids,
            terms,
            rows: docs.iter().map(row).collect(),
            facets: serde_json::Value::Object(facets).to_string().into_bytes(),
            names: json!({ "kind": kinds, "board": facet_names.get("board"), "zone": facet_names.get("zone"), "topic": facet_names.get("topic"), "component": facet_names.get("component") }),
        })
    }

    fn n(&self) -> usize {
        self.rows.len()
    }

    /// Token total of each text field (title, summary, body).
    pub fn tokens(&self) -> [u64; 3] {
        self.tokens
    }

    /// Put `new_doc` (analysed as `new`) in as document `doc`, moving every later one up.
    /// Its facets are `refacet`'s to add.
    pub fn insert(&mut self, doc: u32, new: &Analysed, new_doc: &SearchDoc) {
        for lists in self.terms.values_mut() {
            for list in lists.iter_mut() {
                let from = list.partition_point(|p| p.0 < doc);
                list[from..].iter_mut().for_each(|p| p.0 += 1);
            }
        }
        for fi in 0..3 {
            for (term, &tf) in &new.terms[fi] {
                let list = &mut self.terms.entry(term.clone()).or_default()[fi];
                let at = list.partition_point(|p| p.0 < doc);
                list.insert(at, (doc, tf));
            }
            self.tokens[fi] += new.tokens[fi];
            let id = FieldNormReader::fieldnorm_to_id(new.tokens[fi] as u32);
            let at = (doc as usize).min(self.fieldnorm_ids[fi].len());
            self.fieldnorm_ids[fi].insert(at, id);
        }
        let at = (doc as usize).min(self.rows.len());
        self.rows.insert(at, row(new_doc));
    }

    /// Take document `doc` (analysed as `old`) out, moving every later one down.
    pub fn remove(&mut self, doc: u32, old: &Analysed) {
        self.replace_terms(doc, old, &Analysed::default());
        for lists in self.terms.values_mut() {
            for list in lists.iter_mut() {
                let from = list.partition_point(|p| p.0 <= doc);
                list[from..].iter_mut().for_each(|p| p.0 -= 1);
            }
        }
        for fi in 0..3 {
            if (doc as usize) < self.fieldnorm_ids[fi].len() {
                self.fieldnorm_ids[fi].remove(doc as usize);
            }
        }
        if (doc as usize) < self.rows.len() {
            self.rows.remove(doc as usize);
        }
    }

    /// `f.bin` again from `docs` (in export order), after documents came, went or moved.
    /// The same bytes as reading tantivy's facet fields (tests/search_live.rs compares).
    pub fn refacet(&mut self, docs: &[SearchDoc]) {
        self.facets = facets_of(docs);
    }

    /// Replace document `doc` (analysed as `old`) by `new`, as a fresh index of the new
    /// documents would hold it. The facet fields must not change (they are `f.bin`).
    pub fn replace(&mut self, doc: u32, old: &Analysed, new: &Analysed, new_doc: &SearchDoc) {
        self.replace_terms(doc, old, new);
        let id = |fi: usize| FieldNormReader::fieldnorm_to_id(new.tokens[fi] as u32);
        for fi in 0..3 {
            if let Some(slot) = self.fieldnorm_ids[fi].get_mut(doc as usize) {
                *slot = id(fi);
            }
        }
        if let Some(r) = self.rows.get_mut(doc as usize) {
            *r = row(new_doc);
        }
    }

    /// Swap document `doc`'s postings and token counts for `old`'s by `new`'s.
    fn replace_terms(&mut self, doc: u32, old: &Analysed, new: &Analysed) {
        for fi in 0..3 {
            for term in old.terms[fi].keys() {
                if let Some(lists) = self.terms.get_mut(term) {
                    let list = &mut lists[fi];
                    if let Ok(at) = list.binary_search_by_key(&doc, |p| p.0) {
                        list.remove(at);
                    }
                    if lists.iter().all(Vec::is_empty) {
                        self.terms.remove(term);
                    }
                }
            }
            for (term, &tf) in &new.terms[fi] {
                let list = &mut self.terms.entry(term.clone()).or_default()[fi];
                match list.binary_search_by_key(&doc, |p| p.0) {
                    Ok(at) => list[at].1 = tf,
                    Err(at) => list.insert(at, (doc, tf)),
                }
            }
            self.tokens[fi] = self.tokens[fi] - old.tokens[fi] + new.tokens[fi];
        }
    }

    /// The export's files, compressing through `memo` when given.
    pub fn files(&self, memo: Option<&GzMemo>) -> Export {
        use rayon::prelude::*;
        let raws = self.raw_files();
        let files: Vec<(String, Vec<u8>)> = raws
            .files
            .par_iter()
            .map(|(name, raw)| {
                let z = match memo {
                    Some(m) => m.gzip(raw.clone()),
                    None => gzip(raw),
                };
                (name.clone(), z)
            })
            .collect();
        if let Some(m) = memo {
            m.retain(&raws.files.iter().map(|(_, r)| r.as_slice()).collect());
        }
        Export {
            files,
            terms: self.terms.len(),
            shards: raws.shards,
        }
    }

    fn raw_files(&self) -> Export {
        let n = self.n() as u64;
        let mut out = Export {
            terms: self.terms.len(),
            ..Export::default()
        };
        let starts = self.shards(&mut out);
        for (i, start) in (0..self.n()).step_by(self.layout.norm_chunk).enumerate() {
            let end = (start + self.layout.norm_chunk).min(self.n());
            let mut file = Vec::with_capacity((end - start) * 3);
            for ids in &self.fieldnorm_ids {
                file.extend_from_slice(&ids[start..end]);
            }
            out.files.push((format!("{DIR}/n{i}.bin"), file));
        }
        for (i, chunk) in self.rows.chunks(self.layout.chunk).enumerate() {
            out.files.push((
                format!("{DIR}/d{i}.bin"),
                serde_json::Value::Array(chunk.to_vec())
                    .to_string()
                    .into_bytes(),
            ));
        }
        out.files
            .push((format!("{DIR}/f.bin"), self.facets.clone()));

        // Where the client's logarithm would round differently from tantivy's, ship tantivy's.
        let dfs: std::collections::BTreeSet<u64> = self
            .terms
            .values()
            .flat_map(|l| l.iter().map(|p| p.len() as u64))
            .filter(|&df| df > 0)
            .collect();
        let idf_fix: BTreeMap<String, f32> = dfs
            .iter()
            .filter(|&&df| idf(df, n).to_bits() != client_idf(df, n).to_bits())
            .map(|&df| (df.to_string(), idf(df, n)))
            .collect();
        let meta = json!({
            "version": 2,
            "n": n,
            "boosts": [super::BOOST_TITLE, super::BOOST_SUMMARY, super::BOOST_BODY],
            // The client rebuilds tantivy's length-norm cache from these, exactly as `norm_cache`.
            "tokens": self.tokens,
            "fieldnorms": (0..=255u8).map(FieldNormReader::id_to_fieldnorm).collect::<Vec<u32>>(),
            "idfFix": idf_fix,
            "shards": starts,
            "chunk": self.layout.chunk,
            "normChunk": self.layout.norm_chunk,
            "maxExpansions": super::query::MAX_EXPANSIONS,
            "minPrefix": super::query::MIN_PREFIX_CHARS,
            "facets": FACETS,
            "names": self.names,
        });
        out.files
            .push((format!("{DIR}/meta.bin"), meta.to_string().into_bytes()));
        out
    }

    /// Write the term shards into `out`; returns the first term of each.
    fn shards(&self, out: &mut Export) -> Vec<String> {
        let size = |lists: &Lists| lists.iter().map(|l| 1 + l.len() * 2).sum::<usize>();
        let total_raw: usize = self.terms.iter().map(|(k, v)| k.len() + 2 + size(v)).sum();
        let other_files =
            self.n().div_ceil(self.layout.chunk) + self.n().div_ceil(self.layout.norm_chunk) + 2;
        let max_shards = FILE_BUDGET.saturating_sub(other_files).max(MIN_SHARDS);
        // Rounded up to a step of 4 KiB, so the cut points stay put while a hub grows a little.
        const STEP: usize = 4096;
        let target = SHARD_TARGET.max((total_raw / max_shards).div_ceil(STEP) * STEP);

        let mut starts: Vec<String> = Vec::new();
        let mut buf: Vec<u8> = Vec::new();
        let mut count = 0u64;
        let mut prev: &[u8] = &[];
        for (term, lists) in &self.terms {
            let before = buf.len();
            if count == 0 {
                starts.push(String::from_utf8_lossy(term).into_owned());
                prev = &[];
            }
            let shared = prev
                .iter()
                .zip(term.iter())
                .take_while(|(a, b)| a == b)
                .count();
            varint(&mut buf, shared as u64);
            varint(&mut buf, (term.len() - shared) as u64);
            buf.extend_from_slice(&term[shared..]);
            for list in lists {
                varint(&mut buf, list.len() as u64);
                let mut last = 0u32;
                for &(doc, _) in list {
                    varint(&mut buf, u64::from(doc - last));
                    last = doc;
                }
                for &(_, tf) in list {
                    varint(&mut buf, u64::from(tf));
                }
            }
            prev = term;
            count += 1;
            // Past half the target, each term ends the shard with a chance proportional to its
            // size, drawn from its hash: about half a target more on average.
            let chance = (buf.len() - before) as f64 / (target / 2) as f64;
            let draw = (crate::hash::fnv1a(term) >> 11) as f64 / (1u64 << 53) as f64;
            let cut = buf.len() >= 2 * target || (buf.len() >= target / 2 && draw < chance);
            if cut {
                flush(&mut buf, &mut count, out);
            }
        }
        flush(&mut buf, &mut count, out);
        starts
    }
}

fn flush(buf: &mut Vec<u8>, count: &mut u64, out: &mut Export) {
    if *count == 0 {
        return;
    }
    let mut file = Vec::with_capacity(buf.len() + 8);
    varint(&mut file, *count);
    file.extend_from_slice(buf);
    out.files.push((format!("{DIR}/t{}.bin", out.shards), file));
    out.shards += 1;
    buf.clear();
    *count = 0;
}

/// Each facet's values with the ids of the documents holding them (as gaps), as JSON: what
/// tantivy's facet fields hold, where the raw tokenizer keeps each value whole.
fn facets_of(docs: &[SearchDoc]) -> Vec<u8> {
    let mut out = serde_json::Map::new();
    for name in FACETS {
        let mut values: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (id, d) in docs.iter().enumerate() {
            for v in d.facet(name) {
                let ids = values.entry(v).or_default();
                if ids.last() != Some(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
        let map: serde_json::Map<String, serde_json::Value> = values
            .into_iter()
            .map(|(v, ids)| {
                let gaps: Vec<u32> = ids
                    .iter()
                    .scan(0, |last, &d| Some(d - std::mem::replace(last, d)))
                    .collect();
                (v.to_string(), json!(gaps))
            })
            .collect();
        out.insert(name.to_string(), serde_json::Value::Object(map));
    }
    serde_json::Value::Object(out).to_string().into_bytes()
}

fn row(d: &SearchDoc) -> serde_json::Value {
    json!([d.title, d.url, d.kind, excerpt(&d.summary)])
}

/// The whole export of a one-segment index of `docs`.
pub fn export(
    index: &Index,
    docs: &[SearchDoc],
    facet_names: &FacetNames,
) -> tantivy::Result<Export> {
    export_with(index, docs, facet_names, Layout::default())
}

pub fn export_with(
    index: &Index,
    docs: &[SearchDoc],
    facet_names: &FacetNames,
    layout: Layout,
) -> tantivy::Result<Export> {
    Ok(Table::read(index, docs, facet_names, layout)?.files(None))
}
