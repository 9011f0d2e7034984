//! A hit's sub-result: the heading of its body a search matches best, read from the positions
//! tantivy holds for the query's terms (`search::sections` has the rule).

use super::plan::Clause;
use crate::search::schema::Fields;
use crate::search::sections::{self, Section};
use tantivy::postings::Postings;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term};

/// Where in a result's body the search matches best.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SubResult {
    /// The result's URL with the heading's `#anchor`.
    pub url: String,
    /// The heading's text.
    pub heading: String,
    /// The section's opening words.
    pub snippet: String,
}

/// Every term the clauses look for, each once.
pub(super) fn terms_of(clauses: &[Clause]) -> Vec<&str> {
    let mut out: Vec<&str> = clauses.iter().flat_map(Clause::terms).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The sub-result of the hit at `address`, stored as `d` at `url`, for a search for `terms`.
pub(super) fn of_hit(
    searcher: &Searcher,
    fields: &Fields,
    terms: &[&str],
    address: DocAddress,
    d: &TantivyDocument,
    url: &str,
) -> tantivy::Result<Option<SubResult>> {
    let stored = d
        .get_first(fields.sections)
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let found: Vec<Section> = sections::from_stored(stored);
    if found.is_empty() {
        return Ok(None);
    }
    let starts: Vec<u32> = found.iter().map(|s| s.position).collect();
    let inverted = searcher
        .segment_reader(address.segment_ord)
        .inverted_index(fields.body)?;
    let mut masks = Vec::with_capacity(terms.len());
    let mut positions = Vec::new();
    for t in terms {
        let term = Term::from_field_text(fields.body, t);
        let Some(mut postings) =
            inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
        else {
            continue;
        };
        // A list starts at its first document, and `seek` must not go back.
        let at = match postings.doc() {
            d if d < address.doc_id => postings.seek(address.doc_id),
            d => d,
        };
        if at != address.doc_id {
            continue;
        }
        positions.clear();
        postings.positions(&mut positions);
        masks.push(sections::mask(positions.iter().copied(), &starts));
    }
    Ok(sections::best(&masks, found.len()).map(|i| {
        let s = &found[i];
        SubResult {
            url: format!("{url}#{}", s.anchor),
            heading: s.heading.clone(),
            snippet: s.snippet.clone(),
        }
    }))
}
