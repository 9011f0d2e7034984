//! What tantivy's analyser makes of a document, for `serve` to patch the table with the same
//! terms and lengths a fresh index would hold.

use crate::search::documents::SearchDoc;
use crate::search::schema::{self, Fields};
use crate::search::vocabulary::DocWords;
use std::collections::BTreeMap;
use tantivy::tokenizer::TokenStream;
use tantivy::Index;

/// One document's text fields analysed: each term's positions (as many as its frequency) and
/// the token count (tantivy's fieldnorm counts exactly the tokens it indexes), for title,
/// summary and body; and its words before stemming, each with its stem (`vocabulary`).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Analysed {
    pub(crate) terms: [BTreeMap<Vec<u8>, Vec<u32>>; 3],
    pub(crate) tokens: [u64; 3],
    pub(crate) words: DocWords,
}

/// Run `d`'s title, summary and body through the analyser tantivy indexes them with.
pub(crate) fn analyse(index: &Index, fields: &Fields, d: &SearchDoc) -> tantivy::Result<Analysed> {
    let mut out = Analysed::default();
    let mut stemmer = schema::stemmer();
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
            out.terms[fi]
                .entry(t.text.as_bytes().to_vec())
                .or_default()
                .push(t.position as u32);
            out.tokens[fi] += 1;
        }
        let mut words = schema::words_before_stemming().build();
        let mut stream = words.token_stream(text);
        while stream.advance() {
            let w = &stream.token().text;
            if !out.words.contains_key(w.as_bytes()) {
                let stem = schema::stem(&mut stemmer, w);
                out.words.insert(w.as_bytes().to_vec(), stem.into_bytes());
            }
        }
    }
    Ok(out)
}
