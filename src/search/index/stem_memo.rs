//! tantivy's `en_stem` analyser with each word's stem remembered while an index is written.
//!
//! Stemming was a quarter of a build's instructions and the whole of the index's critical
//! path (callgrind, 2,000 case studies: `frostem::english_stemmer::stem` 26.7 %), yet a hub's
//! texts use a few thousand distinct words millions of times. The stem of a word depends on
//! the word alone, so remembering it gives the very tokens tantivy's own analyser gives; a test
//! compares the two on the shipped content.
//!
//! The memo also counts the documents each word is in, so that it gives the index's
//! vocabulary (`search::vocabulary`) without a second pass over the texts. It remembers every
//! word: the export lists them all.

use crate::search::vocabulary::{Vocabulary, Word};
use crate::unpoisoned::Unpoisoned;
use std::sync::{Arc, Mutex, MutexGuard};
use tantivy::tokenizer::{
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// tantivy's default tokenizers, with `schema::TOKENIZER` remembering stems, and what records
/// the words it stemmed. The chain is tantivy's `en_stem` (tantivy 0.27, pinned by
/// Cargo.lock) with the stemmer wrapped.
pub(super) fn tokenizers() -> (TokenizerManager, Recorder) {
    let memo = Arc::new(Mutex::new(Memo::default()));
    let m = TokenizerManager::default();
    m.register(
        super::schema::TOKENIZER,
        super::schema::words_before_stemming()
            .filter(RememberStems(memo.clone()))
            .build(),
    );
    (m, Recorder(memo))
}

/// Every word stemmed so far, with its stem and the documents it was seen in. tantivy clones
/// the analyser for each field; the clones share one memo, so the words of a document's
/// title, summary and body count once for it.
#[derive(Default)]
struct Memo {
    /// By word: FNV, not SipHash, as every token of every text looks its word up here (SipHash
    /// was 3 % of a build's instructions at 1,000 case studies).
    words: crate::hash::FnvMap<String, Seen>,
    /// The document being analysed (`Recorder::next_doc`).
    doc: u32,
}

struct Seen {
    stem: String,
    /// The last document the word was seen in, and how many documents it was seen in.
    last: u32,
    docs: u32,
}

/// What the index's writer analysed, document by document: the index's vocabulary.
pub(super) struct Recorder(Arc<Mutex<Memo>>);

impl Recorder {
    /// The words analysed from now on are the next document's.
    pub(super) fn next_doc(&self) {
        self.0.lock().unpoisoned().doc += 1;
    }

    /// Every word analysed, with its stem and the documents holding it.
    pub(super) fn vocabulary(&self) -> Vocabulary {
        let memo = self.0.lock().unpoisoned();
        Vocabulary::from_words(
            memo.words
                .iter()
                .map(|(w, s)| {
                    let word = Word {
                        stem: s.stem.as_bytes().to_vec(),
                        docs: s.docs,
                    };
                    (w.as_bytes().to_vec(), word)
                })
                .collect(),
        )
    }
}

/// The English stemmer, remembering what it gave for each word.
#[derive(Clone)]
struct RememberStems(Arc<Mutex<Memo>>);

impl TokenFilter for RememberStems {
    type Tokenizer<T: Tokenizer> = RememberingFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> RememberingFilter<T> {
        RememberingFilter {
            inner,
            memo: self.0,
            stemmer: super::schema::stemmer(),
        }
    }
}

#[derive(Clone)]
struct RememberingFilter<T> {
    inner: T,
    memo: Arc<Mutex<Memo>>,
    /// tantivy's stemmer over a whole word, for words not seen yet.
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for RememberingFilter<T> {
    type TokenStream<'a> = RememberingStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        // Locked once a text, not once a word: tantivy analyses one field value at a time
        // (0.27's `inverted_index_plugin`), so no two streams of one memo are open together.
        RememberingStream {
            tail: self.inner.token_stream(text),
            memo: self.memo.lock().unpoisoned(),
            stemmer: &mut self.stemmer,
        }
    }
}

struct RememberingStream<'a, S> {
    tail: S,
    memo: MutexGuard<'a, Memo>,
    stemmer: &'a mut TextAnalyzer,
}

impl<S: TokenStream> TokenStream for RememberingStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let memo = &mut *self.memo;
        let doc = memo.doc;
        if let Some(seen) = memo.words.get_mut(&token.text) {
            if seen.last != doc {
                seen.last = doc;
                seen.docs += 1;
            }
            token.text.clear();
            token.text.push_str(&seen.stem);
        } else {
            let stem = super::schema::stem(self.stemmer, &token.text);
            let word = std::mem::replace(&mut token.text, stem);
            let seen = Seen {
                stem: token.text.clone(),
                last: doc,
                docs: 1,
            };
            memo.words.insert(word, seen);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while s.advance() {
            out.push(s.token().clone());
        }
        out
    }

    /// Every token (text, offsets, position) of the shipped content's Markdown, twice over so
    /// the second pass reads remembered stems, against tantivy's own `en_stem`.
    #[test]
    fn gives_the_tokens_tantivys_en_stem_gives() {
        let name = super::super::schema::TOKENIZER;
        let mut ours = tokenizers().0.get(name).unwrap();
        let mut theirs = TokenizerManager::default().get(name).unwrap();
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
        let mut words = 0;
        for rel in crate::load::walk(std::path::Path::new(content)) {
            let Ok(text) = std::fs::read_to_string(std::path::Path::new(content).join(&rel)) else {
                continue;
            };
            for _ in 0..2 {
                let want = tokens(&mut theirs, &text);
                assert_eq!(tokens(&mut ours, &text), want, "{rel}");
                words += want.len();
            }
        }
        assert!(
            words > 10_000,
            "the shipped content has text to compare ({words} tokens)"
        );
        let odd = "Ünïcödé CAFÉ café naïve ﬁnally 123abc running runs ran a-b_c x".repeat(3);
        assert_eq!(tokens(&mut ours, &odd), tokens(&mut theirs, &odd));
    }
}
