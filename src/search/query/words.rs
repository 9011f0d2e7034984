//! Query text as the index analysed its documents: tantivy's `en_stem` pipeline, keeping each
//! token's position (for phrases) and where it stands in the text (for "showing results for").

use crate::search::schema::TOKENIZER;
use tantivy::tokenizer::{TextAnalyzer, TokenStream, TokenizerManager};

/// One analysed word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// The index term: the word lower-cased and stemmed.
    pub(crate) term: String,
    /// The word lower-cased, not stemmed.
    pub(crate) raw: String,
    /// Its place among the text's words, counting words too long to index (as tantivy does).
    pub(crate) position: usize,
    /// Byte range of the word in the text.
    pub(crate) from: usize,
    pub(crate) to: usize,
}

/// Raw tokens: tantivy's SimpleTokenizer, long-word filter and lower-casing, without stemming.
pub fn raw_tokens(text: &str) -> Vec<String> {
    unstemmed(text).into_iter().map(|t| t.text).collect()
}

/// The tokens of `en_stem` before its stemmer.
fn unstemmed(text: &str) -> Vec<tantivy::tokenizer::Token> {
    let mut a = crate::search::schema::words_before_stemming().build();
    let mut s = a.token_stream(text);
    let mut out = Vec::new();
    while s.advance() {
        out.push(s.token().clone());
    }
    out
}

/// `text` through the index's analyser, with each word's position and place in the text.
pub(crate) fn analyse(text: &str) -> Vec<Token> {
    let raws = unstemmed(text);
    let mut stemmer = TokenizerManager::default().get(TOKENIZER);
    raws.into_iter()
        .map(|t| Token {
            term: stem_with(stemmer.as_mut(), &t.text),
            raw: t.text,
            position: t.position,
            from: t.offset_from,
            to: t.offset_to,
        })
        .collect()
}

/// `word` (one lower-cased word) through the index's stemming analyser.
fn stem_with(analyser: Option<&mut TextAnalyzer>, word: &str) -> String {
    let Some(a) = analyser else {
        return word.to_string();
    };
    let mut s = a.token_stream(word);
    if s.advance() {
        s.token().text.clone()
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_words_too_long_to_index() {
        let long = "x".repeat(45);
        let t = analyse(&format!("Protected {long} Times"));
        let got: Vec<(&str, usize)> = t.iter().map(|t| (t.term.as_str(), t.position)).collect();
        assert_eq!(got, [("protect", 0), ("time", 2)]);
        assert_eq!(t[1].raw, "times");
        assert_eq!((t[1].from, t[1].to), (56, 61));
    }
}
