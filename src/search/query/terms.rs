//! From the typed text to terms, as the index analysed its documents, and from terms to the
//! boolean query tantivy scores.

use super::statistics::live_doc_freq;
use crate::search::schema::{Fields, TOKENIZER};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};
use tantivy::{Index, Searcher, Term};

/// How many dictionary terms the last word may expand to.
pub(crate) const MAX_EXPANSIONS: usize = 16;
/// A last word shorter than this matches only itself, not as a prefix.
pub(crate) const MIN_PREFIX_CHARS: usize = 2;

/// Raw tokens: tantivy's SimpleTokenizer, long-word filter and lower-casing, without stemming.
pub fn raw_tokens(text: &str) -> Vec<String> {
    let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build();
    let mut s = a.token_stream(text);
    let mut out = Vec::new();
    while s.advance() {
        out.push(s.token().text.clone());
    }
    out
}

/// `word` through the index's stemming analyser (itself if it yields no token).
pub(crate) fn stem(index: &Index, word: &str) -> String {
    let Some(mut a) = index.tokenizers().get(TOKENIZER) else {
        return word.to_string();
    };
    let mut s = a.token_stream(word);
    if s.advance() {
        s.token().text.clone()
    } else {
        word.to_string()
    }
}

/// The query's terms, in clause order.
pub(super) fn terms(
    index: &Index,
    searcher: &Searcher,
    fields: &Fields,
    text: &str,
) -> tantivy::Result<Vec<String>> {
    let words = raw_tokens(text);
    let prefix_last = text.chars().last().is_some_and(char::is_alphanumeric);
    let mut out: Vec<String> = Vec::new();
    let push = |t: String, out: &mut Vec<String>| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    for (i, w) in words.iter().enumerate() {
        let last = i + 1 == words.len();
        if !(last && prefix_last) {
            push(stem(index, w), &mut out);
            continue;
        }
        for t in expand(index, searcher, fields, w)? {
            push(t, &mut out);
        }
    }
    Ok(out)
}

/// The last word's own stem (if indexed) and the most frequent indexed terms it begins.
fn expand(
    index: &Index,
    searcher: &Searcher,
    fields: &Fields,
    word: &str,
) -> tantivy::Result<Vec<String>> {
    let own = stem(index, word);
    let mut found: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for seg in searcher.segment_readers() {
        for (field, _) in fields.text() {
            let inv = seg.inverted_index(field)?;
            if let Some(ti) = inv.terms().get(own.as_bytes())? {
                *found.entry(own.clone()).or_default() += live_doc_freq(seg, &inv, &ti)?;
            }
            if word.chars().count() < MIN_PREFIX_CHARS {
                continue;
            }
            let mut upper = word.as_bytes().to_vec();
            upper.push(0xff);
            let mut stream = inv
                .terms()
                .range()
                .ge(word.as_bytes())
                .lt(&upper)
                .into_stream()?;
            while stream.advance() {
                let Ok(t) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if t != own {
                    *found.entry(t.to_string()).or_default() +=
                        live_doc_freq(seg, &inv, stream.value())?;
                }
            }
        }
    }
    // Terms held only by deleted documents are not in the index any more.
    found.retain(|_, n| *n > 0);
    let own_found = found.remove(&own).is_some();
    let mut ranked: Vec<(String, u64)> = found.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = Vec::new();
    if own_found {
        out.push(own);
    }
    out.extend(ranked.into_iter().map(|(t, _)| t));
    out.truncate(MAX_EXPANSIONS);
    Ok(out)
}

/// One boosted term query per (term, field), all optional; filters required but unscored.
pub(super) fn build(
    fields: &Fields,
    terms: &[String],
    filters: &[(String, String)],
) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for t in terms {
        for (field, boost) in fields.text() {
            let q = TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            );
            should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
        }
    }
    let text: Box<dyn Query> = Box::new(BooleanQuery::new(should));
    if filters.is_empty() {
        return text;
    }
    let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
    for (facet, value) in filters {
        if let Some(f) = fields.facet(facet) {
            let q = TermQuery::new(Term::from_field_text(f, value), IndexRecordOption::Basic);
            must.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(q), 0.0)),
            ));
        }
    }
    Box::new(BooleanQuery::new(must))
}
