//! A head, in `h.bin`: what a query of one common word needs of a term shard holding that
//! word alone, without its postings: its ten best documents with their scores, how many
//! documents hold it, and its words. Each head is compressed on its own, back to back, and
//! read by an HTTP range request; the shard directory says where.
//!
//! A common word's postings are most of the bytes its query fetched (10,000 case studies: 4–8
//! KB, and the documents' body lengths 4.3 KB more to score them), yet a query of that word
//! alone ranks its documents the same way every time: the export ranks them once, as tantivy
//! does (`writer::Table::head`), and the client shows the first ten from here. Any other query
//! holding the word (more words, a phrase, a filter) reads the shard itself.

use super::codec;
#[cfg(test)]
use crate::search::vocabulary::get_against;
use crate::search::vocabulary::put_against;

/// How many of a word's best documents its head holds: the results a page of search shows.
pub(crate) const HEAD: usize = 10;

/// A term's head, as `h<N>.bin` holds it.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct HeadFile {
    pub(crate) term: Vec<u8>,
    /// Documents holding the term in any field.
    pub(crate) count: u64,
    /// Documents holding it in each field (title, summary, body).
    pub(crate) df: [u64; 3],
    /// Its best documents in rank order: document id, score (as tantivy computes it, in f32)
    /// and the sections of the document holding it (`search::sections::mask`).
    pub(crate) best: Vec<(u32, f32, u16)>,
    /// Whether the term is itself a word of the hub, and its other words (`vocabulary`).
    pub(crate) own: bool,
    pub(crate) others: Vec<Vec<u8>>,
    /// The words sorting into the shard whose stems are in other shards: (word, stem).
    pub(crate) foreign: Vec<(Vec<u8>, Vec<u8>)>,
    /// The beginnings sorting into the shard with a prefix head (`super::put_trailer`).
    pub(crate) prefixes: Vec<super::PrefixAt>,
}

impl HeadFile {
    /// The file's bytes: the term (length, bytes); the count and the three document
    /// frequencies as varints; the number of best documents, each a varint id, a little-endian
    /// f32 score and a little-endian u16 mask; the words as a term shard lists them (a varint
    /// 0 or 1 for the term itself, a count, each front-coded against the term); then a term
    /// shard's trailer (`super::put_trailer`).
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put(&mut out, self.term.len() as u64);
        out.extend_from_slice(&self.term);
        codec::put(&mut out, self.count);
        for df in self.df {
            codec::put(&mut out, df);
        }
        put_best(&mut out, &self.best);
        codec::put(&mut out, u64::from(self.own));
        codec::put(&mut out, self.others.len() as u64);
        for w in &self.others {
            put_against(&mut out, &self.term, w);
        }
        let foreign = self
            .foreign
            .iter()
            .map(|(w, s)| (w.as_slice(), s.as_slice()));
        super::put_trailer(&mut out, foreign, &self.prefixes);
        out
    }

    /// Read the file back; an error says what was cut short.
    #[cfg(test)]
    pub(crate) fn decode(bytes: &[u8]) -> Result<HeadFile, String> {
        let at = &mut 0;
        let get = |at: &mut usize, what: &str| codec::get_named(bytes, at, what);
        let take = |at: &mut usize, n: usize| -> Result<&[u8], String> {
            let b = bytes.get(*at..*at + n).ok_or("cut short")?;
            *at += n;
            Ok(b)
        };
        let len = get(at, "term length")? as usize;
        let mut h = HeadFile {
            term: take(at, len)?.to_vec(),
            count: get(at, "count")?,
            ..HeadFile::default()
        };
        for df in &mut h.df {
            *df = get(at, "document frequency")?;
        }
        h.best = get_best(bytes, at)?;
        h.own = get(at, "own")? == 1;
        for _ in 0..get(at, "word count")? {
            h.others.push(get_against(bytes, at, &h.term)?);
        }
        (h.foreign, h.prefixes) = super::get_trailer(bytes, at)?;
        if *at != bytes.len() {
            return Err(format!("{} bytes after the trailer", bytes.len() - *at));
        }
        Ok(h)
    }
}

/// A head's best documents: a count, then each a varint id, a little-endian f32 score and a
/// little-endian u16 mask (search.js `readBest`). Prefix heads hold theirs the same way.
pub(super) fn put_best(out: &mut Vec<u8>, best: &[(u32, f32, u16)]) {
    codec::put(out, best.len() as u64);
    for &(doc, score, mask) in best {
        codec::put(out, u64::from(doc));
        out.extend_from_slice(&score.to_le_bytes());
        out.extend_from_slice(&mask.to_le_bytes());
    }
}

/// The best documents `put_best` wrote at `*at`.
#[cfg(test)]
pub(super) fn get_best(bytes: &[u8], at: &mut usize) -> Result<Vec<(u32, f32, u16)>, String> {
    let count = codec::get(bytes, at).ok_or("best count cut short")?;
    let mut best = Vec::new();
    for _ in 0..count {
        let doc = codec::get(bytes, at).ok_or("a document cut short")? as u32;
        let fixed = bytes
            .get(*at..*at + 6)
            .ok_or("a score and mask cut short")?;
        let score = f32::from_le_bytes([fixed[0], fixed[1], fixed[2], fixed[3]]);
        best.push((doc, score, u16::from_le_bytes([fixed[4], fixed[5]])));
        *at += 6;
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let h = HeadFile {
            term: b"diabet".to_vec(),
            count: 8123,
            df: [40, 700, 8100],
            best: vec![(17, 7.25, 0b101), (3, 7.25, 0), (9000, 0.125, 1)],
            own: false,
            others: vec![b"diabetes".to_vec(), b"diabetic".to_vec()],
            foreign: vec![(b"diabetically".to_vec(), b"diabet".to_vec())],
            prefixes: vec![(b"diab".to_vec(), 0, 120), (b"diabe".to_vec(), 120, 95)],
        };
        let bytes = h.encode();
        assert_eq!(HeadFile::decode(&bytes), Ok(h));
        assert!(HeadFile::decode(&bytes[..bytes.len() - 1]).is_err());
    }
}
