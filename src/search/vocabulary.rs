//! The words an index's texts hold as they are written (lower-cased, before stemming), each
//! with its stem and how many documents hold it.
//!
//! The export lists each term's words beside it in its term shard (`export::format`), so the
//! browser client reads a query word's stem, and which words of a result to highlight, from
//! the shards it fetches anyway, and fetches the stemmer (`search-stem.js`, a third of the
//! client) only for a word the hub does not hold: a misspelling, or a word cut short while it
//! is typed.
//!
//! A build records the words as tantivy's writer analyses each document
//! (`index::stem_memo`, which sees every word on its way to the stemmer) and keeps them in the
//! index folder (`FILE`), beside tantivy's files, as the synonyms travel in its payload; the
//! export reads them from there. `serve` keeps them in its export table from then on, adding
//! and taking away each edited document's words (`analysis::Analysed::words`), and never reads
//! the file again.

use super::codec;
use std::collections::BTreeMap;
use std::path::Path;
use tantivy::{Directory, Index};

/// The file in the index folder.
pub(crate) const FILE: &str = "ithub-words.bin";

/// A word's stem and how many documents hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) stem: Vec<u8>,
    pub(crate) docs: u32,
}

/// Every word of an index's documents.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Vocabulary {
    words: BTreeMap<Vec<u8>, Word>,
}

/// One document's distinct words, each with its stem.
pub(crate) type DocWords = BTreeMap<Vec<u8>, Vec<u8>>;

impl Vocabulary {
    /// The vocabulary of these words.
    pub(crate) fn from_words(words: BTreeMap<Vec<u8>, Word>) -> Vocabulary {
        Vocabulary { words }
    }

    /// Every word in byte order, with its stem and document count.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&[u8], &Word)> {
        self.words.iter().map(|(w, s)| (w.as_slice(), s))
    }

    /// A document holding `words` came in.
    pub(crate) fn add(&mut self, words: &DocWords) {
        for (w, stem) in words {
            self.words
                .entry(w.clone())
                .or_insert_with(|| Word {
                    stem: stem.clone(),
                    docs: 0,
                })
                .docs += 1;
        }
    }

    /// A document holding `words` went; a word no document holds any more goes with it.
    pub(crate) fn take_away(&mut self, words: &DocWords) {
        for w in words.keys() {
            if let Some(word) = self.words.get_mut(w) {
                word.docs = word.docs.saturating_sub(1);
                if word.docs == 0 {
                    self.words.remove(w);
                }
            }
        }
    }

    /// The file's bytes: a varint count, then each word in byte order, front-coded against the
    /// one before (shared prefix length, suffix length, suffix), its stem front-coded against
    /// the word, and its document count.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put(&mut out, self.words.len() as u64);
        let mut prev: &[u8] = &[];
        for (w, word) in &self.words {
            put_against(&mut out, prev, w);
            put_against(&mut out, w, &word.stem);
            codec::put(&mut out, u64::from(word.docs));
            prev = w;
        }
        out
    }

    /// Read the file back; an error says what was cut short.
    pub(crate) fn decode(bytes: &[u8]) -> Result<Vocabulary, String> {
        let at = &mut 0;
        let count = codec::get(bytes, at).ok_or("the word count is cut short")?;
        let mut words = BTreeMap::new();
        let mut prev: Vec<u8> = Vec::new();
        for _ in 0..count {
            let w = get_against(bytes, at, &prev)?;
            let stem = get_against(bytes, at, &w)?;
            let docs = codec::get(bytes, at).ok_or("a document count is cut short")?;
            prev.clone_from(&w);
            words.insert(
                w,
                Word {
                    stem,
                    docs: u32::try_from(docs).map_err(|_| "a document count is too large")?,
                },
            );
        }
        if *at != bytes.len() {
            return Err(format!("{} bytes after the last word", bytes.len() - *at));
        }
        Ok(Vocabulary { words })
    }

    /// Keep the vocabulary in `index`'s folder.
    pub(crate) fn write_into(&self, index: &Index) -> tantivy::Result<()> {
        index
            .directory()
            .atomic_write(Path::new(FILE), &self.encode())?;
        Ok(())
    }

    /// The vocabulary kept in `index`'s folder; an index without one (not written by ithub)
    /// has none, and the client then stems every query word itself.
    pub(crate) fn of(index: &Index) -> tantivy::Result<Vocabulary> {
        match index.directory().atomic_read(Path::new(FILE)) {
            Ok(bytes) => Vocabulary::decode(&bytes).map_err(|e| {
                tantivy::TantivyError::InvalidArgument(format!(
                    "{FILE} in the search index is damaged ({e}): build again"
                ))
            }),
            Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_)) => {
                Ok(Vocabulary::default())
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// `word` front-coded against `prev`: the length of their shared beginning, the length of the
/// rest, the rest.
pub(crate) fn put_against(out: &mut Vec<u8>, prev: &[u8], word: &[u8]) {
    let shared = prev.iter().zip(word).take_while(|(a, b)| a == b).count();
    codec::put(out, shared as u64);
    codec::put(out, (word.len() - shared) as u64);
    out.extend_from_slice(&word[shared..]);
}

/// The word `put_against` wrote at `*at` against `prev`.
pub(crate) fn get_against(bytes: &[u8], at: &mut usize, prev: &[u8]) -> Result<Vec<u8>, String> {
    let shared = codec::get(bytes, at).ok_or("a shared length is cut short")? as usize;
    let len = codec::get(bytes, at).ok_or("a suffix length is cut short")? as usize;
    let mut w = prev
        .get(..shared)
        .ok_or("a shared length is longer than the word before")?
        .to_vec();
    let end = at.checked_add(len).ok_or("a suffix length overflows")?;
    w.extend_from_slice(bytes.get(*at..end).ok_or("a suffix is cut short")?);
    *at = end;
    Ok(w)
}

/// `words`' count, then each front-coded against the one before (`put_against`).
pub(crate) fn put_list(out: &mut Vec<u8>, words: &[Vec<u8>]) {
    codec::put(out, words.len() as u64);
    let mut prev: &[u8] = &[];
    for w in words {
        put_against(out, prev, w);
        prev = w;
    }
}

/// The words `put_list` wrote at `*at`; `what` names them in an error.
#[cfg(test)]
pub(crate) fn get_list(bytes: &[u8], at: &mut usize, what: &str) -> Result<Vec<Vec<u8>>, String> {
    let mut words: Vec<Vec<u8>> = Vec::new();
    for _ in 0..codec::get_named(bytes, at, what)? {
        let prev = words.last().map_or(&[][..], Vec::as_slice);
        let w = get_against(bytes, at, prev)?;
        words.push(w);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(words: &[(&str, &str)]) -> DocWords {
        words
            .iter()
            .map(|(w, s)| (w.as_bytes().to_vec(), s.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn counts_the_documents_holding_each_word_and_forgets_a_word_none_holds() {
        let mut v = Vocabulary::default();
        let a = doc(&[("homes", "home"), ("care", "care")]);
        let b = doc(&[("care", "care"), ("caring", "care")]);
        v.add(&a);
        v.add(&b);
        let count = |v: &Vocabulary, w: &str| {
            v.iter()
                .find(|(x, _)| *x == w.as_bytes())
                .map(|(_, s)| s.docs)
        };
        assert_eq!(count(&v, "care"), Some(2));
        assert_eq!(count(&v, "homes"), Some(1));
        v.take_away(&a);
        assert_eq!(count(&v, "care"), Some(1));
        assert_eq!(count(&v, "homes"), None, "no document holds it now");
        assert_eq!(count(&v, "caring"), Some(1));
    }

    #[test]
    fn round_trips_and_names_what_was_cut_short() {
        let mut v = Vocabulary::default();
        v.add(&doc(&[
            ("homes", "home"),
            ("home", "home"),
            ("ability", "abil"),
            ("happy", "happi"),
            ("café", "café"),
        ]));
        v.add(&doc(&[("homes", "home")]));
        let bytes = v.encode();
        assert_eq!(Vocabulary::decode(&bytes), Ok(v));
        assert!(Vocabulary::decode(&bytes[..bytes.len() - 1])
            .unwrap_err()
            .contains("cut short"));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Vocabulary::decode(&longer)
            .unwrap_err()
            .contains("after the last word"));
    }
}
