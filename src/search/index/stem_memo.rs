//! tantivy's `en_stem` analyser with each word's stem remembered while an index is written.
//!
//! Stemming was a quarter of a build's instructions and the whole of the index's critical
//! path (callgrind, 2,000 case studies: `frostem::english_stemmer::stem` 26.7 %), yet a hub's
//! texts use a few thousand distinct words millions of times. The stem of a word depends on
//! the word alone, so remembering it gives the very tokens tantivy's own analyser gives; a test
//! compares the two on the shipped content.

use std::collections::HashMap;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
    TokenizerManager,
};

/// How many distinct words' stems one analyser remembers; past it, new words are stemmed
/// each time (a bound on the memory, far above a hub's vocabulary).
const REMEMBERED: usize = 200_000;

/// tantivy's default tokenizers, with `schema::TOKENIZER` remembering stems. The chain is
/// tantivy's `en_stem` (tantivy 0.27, pinned by Cargo.lock) with the stemmer wrapped.
pub(super) fn tokenizers() -> TokenizerManager {
    let m = TokenizerManager::default();
    m.register(
        super::schema::TOKENIZER,
        super::schema::words_before_stemming()
            .filter(RememberStems)
            .build(),
    );
    m
}

/// The English stemmer, remembering what it gave for each word.
#[derive(Clone)]
struct RememberStems;

impl TokenFilter for RememberStems {
    type Tokenizer<T: Tokenizer> = RememberingFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> RememberingFilter<T> {
        RememberingFilter {
            inner,
            stems: HashMap::new(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

#[derive(Clone)]
struct RememberingFilter<T> {
    inner: T,
    stems: HashMap<String, String>,
    /// tantivy's stemmer over a whole word, for words not seen yet.
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for RememberingFilter<T> {
    type TokenStream<'a> = RememberingStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RememberingStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: &mut self.stemmer,
        }
    }
}

struct RememberingStream<'a, S> {
    tail: S,
    stems: &'a mut HashMap<String, String>,
    stemmer: &'a mut TextAnalyzer,
}

impl<S: TokenStream> TokenStream for RememberingStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
        } else {
            let stem = {
                let mut one = self.stemmer.token_stream(&token.text);
                match one.advance() {
                    true => one.token().text.clone(),
                    false => token.text.clone(),
                }
            };
            let word = std::mem::replace(&mut token.text, stem);
            if self.stems.len() < REMEMBERED {
                self.stems.insert(word, token.text.clone());
            }
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
        let mut ours = tokenizers().get(name).unwrap();
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
