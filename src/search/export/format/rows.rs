//! The files a query reads for the results it shows: `r<N>.bin` (rows) and `s<N>.bin` (their
//! sections).

use super::json;
use serde::{Deserialize, Serialize};

/// `r<N>.bin`: the rows of chunk N's documents, each compressed on its own (`Row::encode`,
/// then raw deflate), after a header of where each starts: one more little-endian `u32` than there
/// are rows, the last where the last row ends. The client reads a row with two HTTP range
/// requests, its two header entries and then the row, so a query fetches only the rows it
/// shows and no table of every row's place.
pub(crate) fn row_file(rows: &[Vec<u8>]) -> Vec<u8> {
    let header = 4 * (rows.len() + 1);
    let mut out = Vec::with_capacity(header + rows.iter().map(Vec::len).sum::<usize>());
    let mut at = header;
    out.extend_from_slice(&(at as u32).to_le_bytes());
    for r in rows {
        at += r.len();
        out.extend_from_slice(&(at as u32).to_le_bytes());
    }
    for r in rows {
        out.extend_from_slice(r);
    }
    out
}

/// The byte range of row `k` in a row file (its header's entries `k` and `k + 1`).
#[cfg(test)]
pub(crate) fn row_range(file: &[u8], k: usize) -> Option<std::ops::Range<usize>> {
    let entry = |i: usize| {
        let b = file.get(4 * i..4 * i + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    Some(entry(k)?..entry(k + 1)?)
}

/// One result as the client shows it: a JSON array `[title, url, kind, summary excerpt,
/// sections]`, where `sections` is empty or where the document's first section block starts in
/// `s<N>.bin` followed by each block's length (`section_block`), so the client fetches just
/// the section it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Row(
    pub(crate) String,
    pub(crate) String,
    pub(crate) String,
    pub(crate) String,
    pub(crate) Vec<u64>,
);

/// One section of a document as a sub-result shows it, in `s<N>.bin` (back to back with the
/// others of the row file's documents, uncompressed): a JSON array `[anchor, heading,
/// snippet]`.
pub(crate) fn section_block(anchor: &str, heading: &str, snippet: &str) -> Vec<u8> {
    json(&(anchor, heading, snippet))
}

impl Row {
    /// The row's bytes before compression: a block of `r<N>.bin`, which holds the rows of
    /// chunk N's documents, each compressed on its own and back to back, so that the client
    /// fetches only the rows it shows, each by an HTTP range request.
    pub(crate) fn encode(&self) -> Vec<u8> {
        json(self)
    }

    /// Read a row back.
    #[cfg(test)]
    pub(crate) fn decode(bytes: &[u8]) -> Result<Row, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}
