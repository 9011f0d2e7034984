//! Query semantics shared by `ithub search`, `serve` and (mirrored in JavaScript) the static
//! client: words are analysed as the index analysed them, the last word also matches as a
//! prefix, every term is looked up in title, summary and body with their boosts, scores are
//! tantivy's BM25, and ties break by document order.

use super::schema::{fields_of, Fields, TOKENIZER};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};
use tantivy::{
    DocAddress, DocId, Index, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

/// How many dictionary terms the last word may expand to.
pub(crate) const MAX_EXPANSIONS: usize = 16;
/// A last word shorter than this matches only itself, not as a prefix.
pub(crate) const MIN_PREFIX_CHARS: usize = 2;

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
fn terms(
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
fn build(fields: &Fields, terms: &[String], filters: &[(String, String)]) -> Box<dyn Query> {
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

/// One match: its score, its place in key order (`ord`), and where tantivy holds it.
pub type Scored = (Score, u64, DocAddress);

/// Every matching document with its score. Unlike `TopDocs`, this never prunes, so the scores
/// are the plain sums of the clauses' BM25 scores.
struct AllScores;
struct SegmentScores {
    segment: SegmentOrdinal,
    ords: tantivy::columnar::Column<u64>,
    found: Vec<Scored>,
}

impl Collector for AllScores {
    type Fruit = Vec<Scored>;
    type Child = SegmentScores;
    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        r: &SegmentReader,
    ) -> tantivy::Result<SegmentScores> {
        Ok(SegmentScores {
            segment,
            ords: r.fast_fields().u64("ord")?,
            found: Vec::new(),
        })
    }
    fn requires_scoring(&self) -> bool {
        true
    }
    fn merge_fruits(&self, fruits: Vec<Vec<Scored>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentScores {
    type Fruit = Vec<Scored>;
    fn collect(&mut self, doc: DocId, score: Score) {
        let ord = self.ords.first(doc).unwrap_or(u64::from(doc));
        self.found
            .push((score, ord, DocAddress::new(self.segment, doc)));
    }
    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

/// The commit payload that gives `ranked` the exact token total of each text field.
pub(crate) fn tokens_payload(tokens: &[u64; 3]) -> String {
    serde_json::json!({ "tokens": tokens }).to_string()
}

/// tantivy's statistics, but with the token totals of the last commit's payload when it has
/// them (`serve`'s index after an edit; see `live.rs`), and counting live documents only: what
/// a fresh index of the same documents would give.
struct Statistics<'a> {
    searcher: &'a Searcher,
    tokens: Option<Vec<(tantivy::schema::Field, u64)>>,
}

impl<'a> Statistics<'a> {
    fn new(index: &Index, searcher: &'a Searcher, fields: &Fields) -> Statistics<'a> {
        let tokens = index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str::<serde_json::Value>(&p).ok())
            .and_then(|v| serde_json::from_value::<[u64; 3]>(v["tokens"].clone()).ok())
            .map(|t| fields.text().iter().map(|(f, _)| *f).zip(t).collect());
        Statistics { searcher, tokens }
    }
}

impl tantivy::query::Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: tantivy::schema::Field) -> tantivy::Result<u64> {
        match self
            .tokens
            .as_ref()
            .and_then(|t| t.iter().find(|(f, _)| *f == field))
        {
            Some((_, n)) => Ok(*n),
            None => self.searcher.total_num_tokens(field),
        }
    }
    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.searcher.num_docs())
    }
    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut n = 0;
        for seg in self.searcher.segment_readers() {
            let inv = seg.inverted_index(term.field())?;
            if let Some(ti) = inv.get_term_info(term)? {
                n += live_doc_freq(seg, &inv, &ti)?;
            }
        }
        Ok(n)
    }
}

/// How many of a segment's live documents hold the term of `ti`. tantivy's own count includes
/// deleted documents until their segment is merged, which `serve`'s edits leave behind; a
/// fresh index has none, and this is then tantivy's count.
fn live_doc_freq(
    seg: &SegmentReader,
    inv: &tantivy::InvertedIndexReader,
    ti: &tantivy::postings::TermInfo,
) -> tantivy::Result<u64> {
    let Some(alive) = seg.alive_bitset().filter(|_| seg.has_deletes()) else {
        return Ok(u64::from(ti.doc_freq));
    };
    use tantivy::DocSet;
    let mut postings = inv.read_postings_from_terminfo(ti, IndexRecordOption::Basic)?;
    let mut n = 0;
    let mut d = postings.doc();
    while d != tantivy::TERMINATED {
        n += u64::from(alive.is_alive(d));
        d = postings.advance();
    }
    Ok(n)
}

/// Every match in rank order, and the query's terms.
pub type Ranked = (Vec<Scored>, Vec<String>);

/// Every match, ranked: by score, ties to the lower `ord` (the export's document id).
pub fn ranked(index: &Index, req: &Request) -> tantivy::Result<Ranked> {
    let reader = index.reader()?;
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
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let fields = fields_of(&index.schema())?;
    let q = build(&fields, &terms, &[]);
    let body_snips = tantivy::snippet::SnippetGenerator::create(&searcher, &*q, fields.body)?;
    let summary_snips = tantivy::snippet::SnippetGenerator::create(&searcher, &*q, fields.summary)?;
    let mut hits = Vec::new();
    for (score, _, address) in ranked.into_iter().take(req.limit.max(1)) {
        let d: TantivyDocument = searcher.doc(address)?;
        let get = |f| {
            d.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let mut snip = summary_snips.snippet_from_doc(&d);
        if snip.highlighted().is_empty() {
            let b = body_snips.snippet_from_doc(&d);
            if !b.highlighted().is_empty() {
                snip = b;
            }
        }
        let snippet = if snip.fragment().is_empty() {
            crate::escape::escape(&get(fields.summary))
        } else {
            marked(snip.fragment(), snip.highlighted())
        };
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

fn marked(text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let esc = crate::escape::escape;
    let mut out = String::new();
    let mut at = 0;
    for r in ranges {
        out.push_str(&esc(&text[at..r.start]));
        out.push_str("<mark>");
        out.push_str(&esc(&text[r.clone()]));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&esc(&text[at..]));
    out
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
