//! From a plan's clauses to the boolean query tantivy scores: every clause in every text field
//! with the field's boost, all optional, in clause order (the order scores are summed in, which
//! the client keeps too); filters required but unscored.

use super::plan::Clause;
use crate::search::schema::Fields;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// The query of `clauses`, narrowed by `filters`.
pub(super) fn build(
    fields: &Fields,
    clauses: &[Clause],
    filters: &[(String, String)],
) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for c in clauses {
        for (field, boost) in fields.text() {
            let q: Box<dyn Query> = match c {
                Clause::Phrase(ts) if ts.len() > 1 => Box::new(PhraseQuery::new_with_offset(
                    ts.iter()
                        .map(|(at, t)| (*at, Term::from_field_text(field, t)))
                        .collect(),
                )),
                // tantivy's phrase query needs two terms; a plan never makes a shorter one.
                _ => Box::new(TermQuery::new(
                    Term::from_field_text(field, c.terms().first().copied().unwrap_or("")),
                    IndexRecordOption::WithFreqs,
                )),
            };
            should.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
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
