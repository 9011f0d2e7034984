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

#[cfg(test)]
mod tests {
    use super::super::tests::doc;
    use super::super::{run, Request};

    #[test]
    fn a_hit_leads_to_the_heading_holding_most_of_the_words() {
        use crate::search::sections::{resolve, HeadingAt};
        let body = "Lead about audits.\nWhat they did\nThey audited frailty in care homes.\n\
                    What happened\nCare homes saw fewer admissions; frailty scores fell.\n\
                    What next\nNothing.";
        let headings: Vec<HeadingAt> = ["What they did", "What happened", "What next"]
            .iter()
            .map(|h| HeadingAt {
                anchor: h,
                text: h,
                offset: body.find(h).unwrap(),
            })
            .collect();
        let mut d = doc("/cs/a/", "Homes", "A summary.", body, "fife");
        d.sections = resolve(body, &headings);
        let plain = doc("/cs/b/", "Homes", "Care homes", "No headings here.", "fife");
        let i = crate::search::index::in_ram(&[d.clone(), plain], &Default::default()).unwrap();
        let section = |text: &str| {
            let r = run(
                &i,
                &Request {
                    text: text.into(),
                    limit: 10,
                    ..Default::default()
                },
            )
            .unwrap();
            let hit = r.hits.iter().find(|h| h.key == "/cs/a/").cloned();
            hit.and_then(|h| h.section).map(|s| s.url)
        };
        // "admissions" is under the second heading alone; "frailty" under the first and second,
        // so alone it goes to the first; with "scores" the second holds both.
        assert_eq!(
            section("admissions ").as_deref(),
            Some("/cs/a/#What happened")
        );
        assert_eq!(section("frailty ").as_deref(), Some("/cs/a/#What they did"));
        assert_eq!(
            section("frailty scores ").as_deref(),
            Some("/cs/a/#What happened")
        );
        assert_eq!(
            section("audits ").as_deref(),
            Some("/cs/a/#What they did"),
            "audit stems alike"
        );
        assert_eq!(
            section("lead ").as_deref(),
            None,
            "the lead is under no heading"
        );
        assert_eq!(
            section("\"care homes\" ").as_deref(),
            Some("/cs/a/#What they did")
        );
        // The heading's text is where tantivy counts its section from.
        let r = run(
            &i,
            &Request {
                text: "happened ".into(),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
        let h = r.hits.iter().find(|h| h.key == "/cs/a/").unwrap();
        let s = h.section.as_ref().unwrap();
        assert_eq!(
            (s.heading.as_str(), s.snippet.as_str()),
            (
                "What happened",
                "Care homes saw fewer admissions; frailty scores fell."
            )
        );
        let other = r.hits.iter().find(|h| h.key == "/cs/b/");
        assert!(
            other.is_none_or(|h| h.section.is_none()),
            "a body without headings has none"
        );
    }
}
