//! The static search index, exported from tantivy's own inverted index.
//!
//! Layout under `<output>/search/idx/` (every file gzip-compressed, so any static host serves
//! it small; the client inflates it with `DecompressionStream`):
//! - `meta.bin`: JSON with the document count, field boosts, each field's token total and
//!   tantivy's fieldnorm table (from which the client rebuilds tantivy's BM25 length-norm cache
//!   in f32), the first term of every term shard, and facet names;
//! - `t<N>.bin`: a term shard: terms in byte order, front-coded, each with its postings per
//!   field (all doc-id deltas, then all term frequencies: columns compress better than rows);
//! - `n<N>.bin`: the fieldnorm ids of `NORM_CHUNK` documents, one byte per document per field.
//!   They live apart from the postings because a document's length is the same for every term
//!   it holds: inline, it was the least compressible byte of every posting, repeated in every
//!   shard (two thirds of the term shards' size on a 10,000-item hub);
//! - `d<N>.bin`: JSON with the title, URL, kind and summary excerpt of `CHUNK` documents;
//! - `f.bin`: JSON with each facet value's document ids, fetched only when filtering.
//!
//! The client fetches `meta.bin`, then only the shards holding the query's terms, then the
//! document chunks of the results it shows.

use super::documents::{SearchDoc, KINDS};
use super::schema::{fields_of, Fields};
use super::FACETS;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, TERMINATED};

pub const DIR: &str = "search/idx";
/// Documents per `d<N>.bin` chunk: small, because the ten results of a query usually fall in
/// ten different chunks; large enough to keep a 10,000-item hub under a thousand files.
pub const CHUNK: usize = 16;
/// Documents per `n<N>.bin` fieldnorm file: one file up to 16,384 documents, so a first query
/// on a typical hub costs one small fetch.
pub const NORM_CHUNK: usize = 16_384;
/// Characters of the summary a result shows (and highlights).
pub const RESULT_SUMMARY_CHARS: usize = 200;
/// Uncompressed bytes a term shard aims at; a single term's postings may exceed it.
const SHARD_TARGET: usize = 12 * 1024;
/// Files the whole export aims to stay under: term shards grow (and a query fetches more bytes
/// of other terms' postings) rather than pass it, while document chunks and norms come first.
const FILE_BUDGET: usize = 960;
/// Term shards allowed however many document chunks there are.
const MIN_SHARDS: usize = 64;

/// One (doc, term frequency) posting.
type Posting = (u32, u32);

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

pub fn export(
    index: &Index,
    docs: &[SearchDoc],
    facet_names: &BTreeMap<&'static str, BTreeMap<String, String>>,
) -> tantivy::Result<Export> {
    let searcher = index.reader()?.searcher();
    let fields: Fields = fields_of(&index.schema())?;
    let segs = searcher.segment_readers();
    if segs.len() > 1 {
        return Err(tantivy::TantivyError::InvalidArgument(
            "the search index must have one segment".into(),
        ));
    }
    let n = searcher.num_docs();
    let mut terms: BTreeMap<Vec<u8>, [Vec<Posting>; 3]> = BTreeMap::new();
    let mut norms = Vec::new();
    let mut fieldnorm_ids: Vec<Vec<u8>> = Vec::new();
    let mut dfs: std::collections::BTreeSet<u64> = std::collections::BTreeSet::new();
    if let Some(seg) = segs.first() {
        for (fi, (field, _)) in fields.text().iter().enumerate() {
            let inv = seg.inverted_index(*field)?;
            let fnorm = seg.get_fieldnorms_reader(*field)?;
            norms.push(inv.total_num_tokens());
            fieldnorm_ids.push((0..seg.max_doc()).map(|d| fnorm.fieldnorm_id(d)).collect());
            let mut stream = inv.terms().stream()?;
            while stream.advance() {
                let mut postings =
                    inv.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                let mut list = Vec::with_capacity(stream.value().doc_freq as usize);
                let mut d = postings.doc();
                while d != TERMINATED {
                    list.push((d, postings.term_freq()));
                    d = postings.advance();
                }
                dfs.insert(list.len() as u64);
                terms.entry(stream.key().to_vec()).or_default()[fi] = list;
            }
        }
    } else {
        norms = vec![0; 3];
    }
    // Where the client's logarithm would round differently from tantivy's, ship tantivy's.
    let idf_fix: BTreeMap<String, f32> = dfs
        .iter()
        .filter(|&&df| idf(df, n).to_bits() != client_idf(df, n).to_bits())
        .map(|&df| (df.to_string(), idf(df, n)))
        .collect();

    let mut out = Export {
        terms: terms.len(),
        ..Export::default()
    };
    let total_raw: usize = terms
        .iter()
        .map(|(k, v)| k.len() + 4 + v.iter().map(|l| l.len() * 2).sum::<usize>())
        .sum();
    let other_files = docs.len().div_ceil(CHUNK) + n.div_ceil(NORM_CHUNK as u64) as usize + 2;
    let max_shards = FILE_BUDGET.saturating_sub(other_files).max(MIN_SHARDS);
    let target = SHARD_TARGET.max(total_raw / max_shards + 1);
    let mut shard_starts: Vec<String> = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    let mut count = 0u64;
    let mut prev: Vec<u8> = Vec::new();
    let flush = |buf: &mut Vec<u8>, count: &mut u64, out: &mut Export| {
        if *count == 0 {
            return;
        }
        let mut file = Vec::with_capacity(buf.len() + 8);
        varint(&mut file, *count);
        file.extend_from_slice(buf);
        out.files
            .push((format!("{DIR}/t{}.bin", out.shards), gzip(&file)));
        out.shards += 1;
        buf.clear();
        *count = 0;
    };
    for (term, lists) in &terms {
        if count == 0 {
            shard_starts.push(String::from_utf8_lossy(term).into_owned());
            prev.clear();
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
        prev.clone_from(term);
        count += 1;
        if buf.len() >= target {
            flush(&mut buf, &mut count, &mut out);
        }
    }
    flush(&mut buf, &mut count, &mut out);

    let n_docs = fieldnorm_ids.first().map_or(0, Vec::len);
    for (i, start) in (0..n_docs).step_by(NORM_CHUNK).enumerate() {
        let end = (start + NORM_CHUNK).min(n_docs);
        let mut file = Vec::with_capacity((end - start) * fieldnorm_ids.len());
        for ids in &fieldnorm_ids {
            file.extend_from_slice(&ids[start..end]);
        }
        out.files.push((format!("{DIR}/n{i}.bin"), gzip(&file)));
    }

    for (i, chunk) in docs.chunks(CHUNK).enumerate() {
        let rows: Vec<serde_json::Value> = chunk
            .iter()
            .map(|d| json!([d.title, d.url, d.kind, excerpt(&d.summary)]))
            .collect();
        out.files.push((
            format!("{DIR}/d{i}.bin"),
            gzip(serde_json::Value::Array(rows).to_string().as_bytes()),
        ));
    }

    let mut facets = serde_json::Map::new();
    if let Some(seg) = segs.first() {
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
    out.files.push((
        format!("{DIR}/f.bin"),
        gzip(serde_json::Value::Object(facets).to_string().as_bytes()),
    ));

    let kinds: BTreeMap<&str, &str> = KINDS.iter().copied().collect();
    let meta = json!({
        "version": 2,
        "n": n,
        "boosts": fields.text().iter().map(|(_, b)| *b).collect::<Vec<_>>(),
        // The client rebuilds tantivy's length-norm cache from these, exactly as `norm_cache`.
        "tokens": norms,
        "fieldnorms": (0..=255u8).map(FieldNormReader::id_to_fieldnorm).collect::<Vec<u32>>(),
        "idfFix": idf_fix,
        "shards": shard_starts,
        "chunk": CHUNK,
        "normChunk": NORM_CHUNK,
        "maxExpansions": super::query::MAX_EXPANSIONS,
        "minPrefix": super::query::MIN_PREFIX_CHARS,
        "facets": FACETS,
        "names": { "kind": kinds, "board": facet_names.get("board"), "zone": facet_names.get("zone"), "topic": facet_names.get("topic"), "component": facet_names.get("component") },
    });
    out.files
        .push((format!("{DIR}/meta.bin"), gzip(meta.to_string().as_bytes())));
    Ok(out)
}
