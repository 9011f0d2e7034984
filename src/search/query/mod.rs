//! Query semantics shared by `ithub search`, `serve` and (mirrored in JavaScript) the static
//! client: the text is parsed into words and quoted phrases (`parse`), analysed as the index
//! analysed its documents (`words`), and planned into clauses (`plan`): each word's term, the
//! terms the word being typed begins, the other entries of a synonym group the words say, and
//! the nearest indexed term for a word the hub does not hold. Every clause is looked up in
//! title, summary and body with their boosts (`clauses`); scores are tantivy's BM25 with the
//! statistics of the live documents (`statistics`), every match is gathered unpruned
//! (`collector`), ties break by document order, and `snippet` marks the matched words.

mod clauses;
mod collector;
mod lexicon;
mod parse;
mod plan;
mod snippet;
mod statistics;
mod sub_result;
mod words;

use super::payload::Payload;
use super::schema::fields_of;
use clauses::build;
use collector::AllScores;
use lexicon::Lexicon;
use snippet::Snippets;
use statistics::Statistics;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Score, Searcher, TantivyDocument};

pub(crate) use lexicon::{automaton, edits, held_near, Dictionary, Near};
pub(crate) use plan::{plan, Fuzzy, FUZZY, MAX_EXPANSIONS, MIN_PREFIX_CHARS};
pub use plan::{Clause, Correction};
pub use sub_result::SubResult;
pub(crate) use words::analyse;
pub use words::raw_tokens;

/// A search: its words, the facets it is narrowed to, and how many hits to return.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The words as typed; a last word not followed by a space also matches as a prefix, and
    /// words in double quotes form a phrase.
    pub text: String,
    /// (facet, value) pairs; every one must match.
    pub filters: Vec<(String, String)>,
    /// Hits to return (at least one).
    pub limit: usize,
    /// Search for the words as typed, correcting none ("search instead for …").
    pub verbatim: bool,
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
    /// The heading of the body the search matches best, if the body has headings and the
    /// search matched under one.
    pub section: Option<SubResult>,
}

/// What a search found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Results {
    /// The top hits, best first.
    pub hits: Vec<Hit>,
    /// How many documents matched in all.
    pub total: usize,
    /// Words read as nearby ones the hub holds.
    pub corrections: Vec<Correction>,
    /// The text searched for, when a word was corrected ("Showing results for …").
    pub corrected: Option<String>,
}

/// Ranking key shared with the client: scores equal to five decimal places tie, and ties go to
/// the lower document id.
pub(crate) fn rank_key(score: f32, doc: u64) -> (std::cmp::Reverse<i64>, u64) {
    (
        std::cmp::Reverse((f64::from(score) * 1e5).round() as i64),
        doc,
    )
}

/// One match: its score, its place in key order (`ord`), and where tantivy holds it.
pub type Scored = (Score, u64, DocAddress);

/// Every match in rank order, and the plan it was found with.
pub struct Ranked {
    /// Every match, best first: score, `ord` (see `index::position_of`), and tantivy's address.
    pub matches: Vec<Scored>,
    /// The query's clauses, in the order their scores are summed.
    pub clauses: Vec<Clause>,
    /// Words read as nearby ones.
    pub corrections: Vec<Correction>,
    /// The text with the corrected words, if any was.
    pub corrected: Option<String>,
}

/// A reader of the index as it now stands, for one search. `Manual`, because tantivy's default
/// policy leaves an entry in the index's watch list for every reader, dropped only at the next
/// commit: with a reader per search, `serve` grew with every search between two edits.
fn reader(index: &Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
}

/// Every match, ranked: by score, ties to the lower `ord` (the export's document id). The
/// matches' addresses are those of a searcher of its own, good only while the index does not
/// change: to read the documents of an index being written (`serve`'s), use `ranked_by`.
pub fn ranked(index: &Index, req: &Request) -> tantivy::Result<Ranked> {
    ranked_by(&reader(index)?.searcher(), index, req)
}

/// `ranked` with `searcher`: the matches' addresses are its documents'.
pub fn ranked_by(searcher: &Searcher, index: &Index, req: &Request) -> tantivy::Result<Ranked> {
    let fields = fields_of(&index.schema())?;
    let payload = Payload::of(index);
    let lexicon = Lexicon {
        searcher,
        fields: &fields,
    };
    let plan = plan::plan(&lexicon, &payload.synonyms, &req.text, req.verbatim)?;
    let mut matches = Vec::new();
    if !plan.clauses.is_empty() {
        let q = build(&fields, &plan.clauses, &req.filters);
        let stats = Statistics::new(&payload, searcher, &fields);
        matches = searcher.search_with_statistics_provider(&*q, &AllScores, &stats)?;
        matches.sort_by_key(|(s, ord, _)| rank_key(*s, *ord));
    }
    Ok(Ranked {
        matches,
        clauses: plan.clauses,
        corrections: plan.corrections,
        corrected: plan.corrected_text,
    })
}

/// The top `req.limit` hits with stored fields and a highlighted snippet.
pub fn search(index: &Index, req: &Request) -> tantivy::Result<Vec<Hit>> {
    run(index, req).map(|r| r.hits)
}

/// The top hits, how many documents matched in all, and any corrections, from one ranking.
/// One searcher ranks and reads the hits: a document's address is only good in the searcher
/// that found it, and `serve` may commit an edit in between.
pub fn run(index: &Index, req: &Request) -> tantivy::Result<Results> {
    let searcher = reader(index)?.searcher();
    let ranked = ranked_by(&searcher, index, req)?;
    let total = ranked.matches.len();
    let fields = fields_of(&index.schema())?;
    let q = build(&fields, &ranked.clauses, &[]);
    let snips = Snippets::new(&searcher, &*q, &fields)?;
    let terms = sub_result::terms_of(&ranked.clauses);
    let mut hits = Vec::new();
    for (score, _, address) in ranked.matches.into_iter().take(req.limit.max(1)) {
        let d: TantivyDocument = searcher.doc(address)?;
        let get = |f| {
            d.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let snippet = snips.of(&d, &get(fields.summary));
        let url = get(fields.url);
        let section = sub_result::of_hit(&searcher, &fields, &terms, address, &d, &url)?;
        hits.push(Hit {
            score,
            key: get(fields.key),
            title: get(fields.title),
            kind: get(fields.kind),
            url,
            summary: get(fields.summary),
            snippet,
            section,
        });
    }
    Ok(Results {
        hits,
        total,
        corrections: ranked.corrections,
        corrected: ranked.corrected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::documents::SearchDoc;

    pub(super) fn doc(key: &str, title: &str, summary: &str, body: &str, board: &str) -> SearchDoc {
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
            sections: Vec::new(),
        }
    }

    fn index() -> Index {
        crate::search::index::in_ram(
            &[
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
            ],
            &Default::default(),
        )
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
                    ..Default::default()
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

#[cfg(test)]
mod plan_tests {
    use super::tests::doc;
    use super::*;
    use crate::search::synonyms::Synonyms;

    fn index() -> Index {
        let syn = Synonyms::new(&[
            vec!["OOH".into(), "out of hours".into()],
            vec!["CQL".into(), "cluster quality lead".into()],
        ]);
        crate::search::index::in_ram(
            &[
                doc(
                    "a",
                    "Protected time for learning",
                    "",
                    "Cluster time was protected.",
                    "",
                ),
                doc(
                    "b",
                    "Time protected",
                    "",
                    "Protected learning time, twice: protected time.",
                    "",
                ),
                doc(
                    "c",
                    "Out of hours care",
                    "",
                    "Working with the out of hours service in Shetland.",
                    "",
                ),
                doc(
                    "d",
                    "Shetland diabetes",
                    "",
                    "Diabetes reviews in Shetland practices.",
                    "",
                ),
                doc(
                    "e",
                    "A new cluster quality lead",
                    "",
                    "Handbook for the role.",
                    "",
                ),
            ],
            &syn,
        )
        .unwrap()
    }

    fn keys(i: &Index, text: &str) -> (Vec<String>, Option<String>) {
        let r = run(
            i,
            &Request {
                text: text.into(),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
        (r.hits.into_iter().map(|h| h.key).collect(), r.corrected)
    }

    #[test]
    fn a_phrase_needs_its_words_together_and_in_order() {
        let i = index();
        assert_eq!(
            keys(&i, "\"protected time\"").0,
            ["a", "b"],
            "a title phrase outweighs two in a body"
        );
        assert_eq!(keys(&i, "\"time protected\"").0, ["b"]);
        let r = ranked(
            &i,
            &Request {
                text: "\"protected time\" shetland".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            r.clauses,
            [
                Clause::Phrase(vec![(0, "protect".into()), (1, "time".into())]),
                Clause::Term("shetland".into())
            ]
        );
        assert_eq!(r.matches.len(), 4, "either the phrase or the word");
    }

    #[test]
    fn an_acronym_finds_what_it_stands_for_and_back() {
        let i = index();
        assert_eq!(keys(&i, "ooh").0, ["c"]);
        assert_eq!(keys(&i, "CQL ").0, ["e"]);
        assert!(keys(&i, "out of hours").0.contains(&"c".to_string()));
        assert_eq!(
            keys(&i, "\"ooh\"").0,
            Vec::<String>::new(),
            "quotes search as typed"
        );
    }

    #[test]
    fn a_misspelt_word_is_read_as_the_nearest_held_one() {
        let i = index();
        assert_eq!(keys(&i, "shetlnd ").0[0], "d");
        assert_eq!(keys(&i, "shetlnd ").1.as_deref(), Some("shetland "));
        let (hits, corrected) = keys(&i, "Diabtes reviews ");
        assert_eq!(
            (hits[0].as_str(), corrected.as_deref()),
            ("d", Some("diabetes reviews "))
        );
        let verbatim = run(
            &i,
            &Request {
                text: "shetlnd ".into(),
                limit: 10,
                verbatim: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!((verbatim.total, verbatim.corrected), (0, None));
        assert_eq!(keys(&i, "qi ").1, None, "short words are never corrected");
    }
}
