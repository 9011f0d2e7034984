//! Query semantics shared by `ithub search`, `serve` and (mirrored in JavaScript) the static
//! client: words are analysed as the index analysed them, the last word also matches as a
//! prefix, every term is looked up in title, summary and body with their boosts, scores are
//! tantivy's BM25, and ties break by document order.
//!
//! `terms` turns the text into terms and the boolean query, `statistics` gives BM25 the
//! statistics of the live documents, `collector` gathers every match unpruned, and `snippet`
//! marks the matched words in a hit's text.

mod collector;
mod snippet;
mod statistics;
mod terms;

use super::schema::fields_of;
use collector::AllScores;
use snippet::Snippets;
use statistics::Statistics;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Score, TantivyDocument};
use terms::{build, terms};

pub(crate) use statistics::tokens_payload;
pub use terms::raw_tokens;
pub(crate) use terms::{MAX_EXPANSIONS, MIN_PREFIX_CHARS};

/// A search: its words, the facets it is narrowed to, and how many hits to return.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The words as typed; a last word not followed by a space also matches as a prefix.
    pub text: String,
    /// (facet, value) pairs; every one must match.
    pub filters: Vec<(String, String)>,
    /// Hits to return (at least one).
    pub limit: usize,
}

/// One result, with the stored fields a result list shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    /// tantivy's BM25 score.
    pub score: f32,
    /// The document's stable key (its URL with any `#anchor`).
    pub key: String,
    /// The item's title.
    pub title: String,
    /// The content kind (`case-study`, `zone`, …).
    pub kind: String,
    /// The item's URL on the site.
    pub url: String,
    /// The item's summary, unescaped.
    pub summary: String,
    /// Escaped text with `<mark>` around the matched words.
    pub snippet: String,
}

/// Ranking key shared with the client: scores equal to five decimal places tie, and ties go to
/// the lower document id.
fn rank_key(score: f32, doc: u64) -> (std::cmp::Reverse<i64>, u64) {
    (
        std::cmp::Reverse((f64::from(score) * 1e5).round() as i64),
        doc,
    )
}

/// One match: its score, its place in key order (`ord`), and where tantivy holds it.
pub(crate) type Scored = (Score, u64, DocAddress);

/// Every match in rank order, and the query's terms.
pub(crate) type Ranked = (Vec<Scored>, Vec<String>);

/// A reader of the index as it now stands, for one search. `Manual`, because tantivy's default
/// policy leaves an entry in the index's watch list for every reader, dropped only at the next
/// commit: with a reader per search, `serve` grew with every search between two edits.
fn reader(index: &Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
}

/// Every match, ranked: by score, ties to the lower `ord` (the export's document id).
pub fn ranked(index: &Index, req: &Request) -> tantivy::Result<Ranked> {
    let reader = reader(index)?;
    let searcher = reader.searcher();
    let fields = fields_of(&index.schema())?;
    let terms = terms(index, &searcher, &fields, &req.text)?;
    if terms.is_empty() {
        return Ok((Vec::new(), terms));
    }
    let q = build(&fields, &terms, &req.filters);
    let stats = Statistics::new(index, &searcher, &fields);
    let mut all: Vec<Scored> = searcher.search_with_statistics_provider(&*q, &AllScores, &stats)?;
    all.sort_by_key(|(s, ord, _)| rank_key(*s, *ord));
    Ok((all, terms))
}

/// The top `req.limit` hits with stored fields and a highlighted snippet.
pub fn search(index: &Index, req: &Request) -> tantivy::Result<Vec<Hit>> {
    search_counted(index, req).map(|(hits, _)| hits)
}

/// The top hits and how many documents matched in all, from one ranking.
pub(crate) fn search_counted(index: &Index, req: &Request) -> tantivy::Result<(Vec<Hit>, usize)> {
    let (ranked, terms) = ranked(index, req)?;
    let total = ranked.len();
    let reader = reader(index)?;
    let searcher = reader.searcher();
    let fields = fields_of(&index.schema())?;
    let q = build(&fields, &terms, &[]);
    let snips = Snippets::new(&searcher, &*q, &fields)?;
    let mut hits = Vec::new();
    for (score, _, address) in ranked.into_iter().take(req.limit.max(1)) {
        let d: TantivyDocument = searcher.doc(address)?;
        let get = |f| {
            d.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let snippet = snips.of(&d, &get(fields.summary));
        hits.push(Hit {
            score,
            key: get(fields.key),
            title: get(fields.title),
            kind: get(fields.kind),
            url: get(fields.url),
            summary: get(fields.summary),
            snippet,
        });
    }
    Ok((hits, total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::documents::SearchDoc;

    fn doc(key: &str, title: &str, summary: &str, body: &str, board: &str) -> SearchDoc {
        SearchDoc {
            key: key.into(),
            kind: "case-study",
            title: title.into(),
            summary: summary.into(),
            body: body.into(),
            url: key.into(),
            date: None,
            board: vec![board.into()],
            zone: vec![],
            component: vec![],
            topic: vec![],
        }
    }

    fn index() -> Index {
        crate::search::index::in_ram(&[
            doc(
                "a",
                "Diabetes reviews",
                "Annual reviews for diabetes.",
                "Practices shared data.",
                "lothian",
            ),
            doc(
                "b",
                "Frailty",
                "Frail patients.",
                "Diabetic patients also benefit from reviews.",
                "tayside",
            ),
            doc(
                "c",
                "Prescribing",
                "Safer prescribing.",
                "Nothing about the other topics.",
                "lothian",
            ),
        ])
        .unwrap()
    }

    #[test]
    fn title_matches_outrank_body_matches_and_stems_match() {
        let i = index();
        let hits = search(
            &i,
            &Request {
                text: "diabetes review ".into(),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
        let keys: Vec<&str> = hits.iter().map(|h| h.key.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert!(hits[0].score > hits[1].score);
        assert!(hits[0].snippet.contains("<mark>"), "{}", hits[0].snippet);
    }

    #[test]
    fn last_word_is_a_prefix_and_filters_narrow() {
        let i = index();
        let r = |text: &str, filters: Vec<(String, String)>| -> Vec<String> {
            search(
                &i,
                &Request {
                    text: text.into(),
                    filters,
                    limit: 10,
                },
            )
            .unwrap()
            .into_iter()
            .map(|h| h.key)
            .collect()
        };
        assert_eq!(r("presc", vec![]), ["c"]);
        assert_eq!(
            r("presc ", vec![]),
            Vec::<String>::new(),
            "a finished word is not a prefix"
        );
        assert_eq!(r("diab", vec![("board".into(), "tayside".into())]), ["b"]);
        assert_eq!(r("", vec![]), Vec::<String>::new());
    }
}
