//! `meta.bin`: what the client fetches first, and how it writes its shard starts.

use super::json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `meta.bin`'s fieldnorm table as the gap from each count to the one before (the first from
/// 0): 256 growing counts, whose gaps gzip to a quarter of the bytes the counts take.
mod gaps {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(counts: &[u32], out: S) -> Result<S::Ok, S::Error> {
        let mut last = 0;
        out.collect_seq(counts.iter().map(|&c| {
            let gap = c.saturating_sub(last);
            last = c;
            gap
        }))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<u32>, D::Error> {
        let mut sum = 0u32;
        Ok(Vec::<u32>::deserialize(input)?
            .into_iter()
            .map(|gap| {
                sum = sum.saturating_add(gap);
                sum
            })
            .collect())
    }
}

/// Shard starts as one string (in a directory, `d<K>.bin`), front-coded: for each start, one
/// character saying how many characters (code points) it shares with the one before, as `'0'`
/// plus that count, then the rest of it; starts are separated by a space, which no term
/// holds. Neighbouring starts share most of their characters, so this takes two thirds of a
/// JSON list's bytes gzip'd (10,000 case studies: 1.6 to 1.1 KB).
pub(crate) mod shard_starts {
    use serde::{Deserialize, Deserializer, Serializer};

    /// The most characters a start can share with the one before: a term is under 40 bytes.
    const MOST_SHARED: usize = 60;

    pub(crate) fn serialize<S: Serializer>(starts: &[String], out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(&encode(starts))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        input: D,
    ) -> Result<Vec<String>, D::Error> {
        Ok(decode(&String::deserialize(input)?))
    }

    pub(crate) fn encode(starts: &[String]) -> String {
        let mut out = String::new();
        let mut prev: Vec<char> = Vec::new();
        for (i, start) in starts.iter().enumerate() {
            let chars: Vec<char> = start.chars().collect();
            let shared = prev
                .iter()
                .zip(&chars)
                .take_while(|(a, b)| a == b)
                .count()
                .min(MOST_SHARED);
            if i > 0 {
                out.push(' ');
            }
            out.push(char::from(b'0' + shared as u8));
            out.extend(&chars[shared..]);
            prev = chars;
        }
        out
    }

    pub(crate) fn decode(text: &str) -> Vec<String> {
        if text.is_empty() {
            return Vec::new();
        }
        let mut prev: Vec<char> = Vec::new();
        text.split(' ')
            .map(|entry| {
                let mut chars = entry.chars();
                let shared = chars.next().map_or(0, |c| (c as usize).saturating_sub(48));
                let mut start: Vec<char> = prev.iter().take(shared).copied().collect();
                start.extend(chars);
                prev.clone_from(&start);
                start.into_iter().collect()
            })
            .collect()
    }
}

/// `meta.bin`: what the client fetches first (see the field docs in `export`'s module doc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Meta {
    pub(crate) version: u32,
    /// Documents in the export.
    pub(crate) n: u64,
    pub(crate) boosts: [f32; 3],
    /// Token total of each text field: BM25's average field length times `n`.
    pub(crate) tokens: [u64; 3],
    /// The token count of each fieldnorm id (`bm25::fieldnorm_table`). Written as gaps
    /// (`gaps`).
    #[serde(with = "gaps")]
    pub(crate) fieldnorms: Vec<u32>,
    /// tantivy's idf where the client's would round differently (`bm25::idf_fix`).
    pub(crate) idf_fix: BTreeMap<String, f32>,
    pub(crate) norm_chunk: usize,
    pub(crate) max_expansions: usize,
    pub(crate) min_prefix: usize,
    /// When a word is corrected (`query::FUZZY`).
    pub(crate) fuzzy: crate::search::query::Fuzzy,
    /// How many term shards' positions each `p<K>.bin` holds: shard N's are in file
    /// N / `position_group`, from the offset its header gives.
    pub(crate) position_group: usize,
    /// The term lengths (in characters) that have a `w<L>.bin`.
    pub(crate) words: Vec<usize>,
    /// The synonym groups, analysed (`search::synonyms`).
    pub(crate) synonyms: crate::search::synonyms::Synonyms,
}

impl Meta {
    /// The file's bytes.
    pub(crate) fn encode(&self) -> Vec<u8> {
        json(self)
    }

    /// Read the file back.
    #[cfg(test)]
    pub(crate) fn decode(bytes: &[u8]) -> Result<Meta, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}
