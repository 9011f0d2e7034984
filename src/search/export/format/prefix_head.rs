//! A prefix head, in `q.bin`: a query of one word being typed, ranked by the export ahead of
//! time. While a word is typed, every keystroke searches for the terms it begins (`diab` for
//! `diabet` and `diabetolog`); when one of those is a common word, that search would fetch
//! its postings (10,000 case studies: 4–8 KB a common word) and the documents' body lengths,
//! to rank the same ten documents each time anyone types those letters. So the export plans
//! the query as a search does (`query::plan` over the table) and keeps what the results page
//! shows of it: the clauses, how many documents match, the ten best with their scores and
//! best sections, and the words the results mark. The trailer of the first common word's head
//! among the shards that may hold terms a beginning begins says where its head is
//! (`super::put_trailer`); heads with the same clauses are one block.

use super::codec;
#[cfg(test)]
use crate::search::vocabulary::get_list;
use crate::search::vocabulary::put_list;

/// A query of one word being typed, ranked.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct PrefixHeadFile {
    /// The query's clauses, every one a term, in the plan's order.
    pub(crate) terms: Vec<Vec<u8>>,
    /// Documents matching any of them.
    pub(crate) count: u64,
    /// The best documents in rank order: document id, score (as tantivy computes it, in f32)
    /// and the document's best section for the query as a one-bit mask (0 for none), which
    /// the client's `bestSection` reads as it reads a term's masks.
    pub(crate) best: Vec<(u32, f32, u16)>,
    /// The hub's words whose stems the terms are, in byte order: what the results mark.
    pub(crate) words: Vec<Vec<u8>>,
}

impl PrefixHeadFile {
    /// The block's bytes before compression: the term count, each term front-coded against
    /// the one before; the document count; the number of best documents, each a varint id, a
    /// little-endian f32 score and a little-endian u16 mask; the word count, each word
    /// front-coded against the one before.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put_list(&mut out, &self.terms);
        codec::put(&mut out, self.count);
        super::head::put_best(&mut out, &self.best);
        put_list(&mut out, &self.words);
        out
    }

    /// Read the block back; an error says what was cut short.
    #[cfg(test)]
    pub(crate) fn decode(bytes: &[u8]) -> Result<PrefixHeadFile, String> {
        let at = &mut 0;
        let terms = get_list(bytes, at, "term count")?;
        let count = codec::get_named(bytes, at, "count")?;
        let best = super::head::get_best(bytes, at)?;
        let words = get_list(bytes, at, "word count")?;
        let h = PrefixHeadFile {
            terms,
            count,
            best,
            words,
        };
        if *at != bytes.len() {
            return Err(format!("{} bytes after the last word", bytes.len() - *at));
        }
        Ok(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let h = PrefixHeadFile {
            terms: vec![b"diabet".to_vec(), b"diabetolog".to_vec()],
            count: 9181,
            best: vec![(1273, 16.05, 0b100), (8131, 15.88, 0), (3577, 15.88, 1)],
            words: vec![
                b"diabetes".to_vec(),
                b"diabetic".to_vec(),
                b"diabetology".to_vec(),
            ],
        };
        let bytes = h.encode();
        assert_eq!(PrefixHeadFile::decode(&bytes), Ok(h));
        assert!(PrefixHeadFile::decode(&bytes[..bytes.len() - 1]).is_err());
        // Two terms, the second after the six bytes it shares with the first.
        assert_eq!(&bytes[..9], &[2, 0, 6, b'd', b'i', b'a', b'b', b'e', b't']);
        assert_eq!(&bytes[9..14], &[6, 4, b'o', b'l', b'o']);
    }
}
