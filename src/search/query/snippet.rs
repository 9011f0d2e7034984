//! A hit's snippet: the summary's matched words if it has any, else the body's, else the
//! summary as it is; escaped, with `<mark>` around each match.

use crate::search::schema::Fields;
use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument};

/// Snippet generators for the summary and the body, made once per search.
pub(super) struct Snippets {
    summary: SnippetGenerator,
    body: SnippetGenerator,
}

impl Snippets {
    pub(super) fn new(
        searcher: &Searcher,
        q: &dyn Query,
        fields: &Fields,
    ) -> tantivy::Result<Snippets> {
        Ok(Snippets {
            summary: SnippetGenerator::create(searcher, q, fields.summary)?,
            body: SnippetGenerator::create(searcher, q, fields.body)?,
        })
    }

    /// The snippet of `d`, whose summary is `summary`.
    pub(super) fn of(&self, d: &TantivyDocument, summary: &str) -> String {
        let mut snip = self.summary.snippet_from_doc(d);
        if snip.highlighted().is_empty() {
            let b = self.body.snippet_from_doc(d);
            if !b.highlighted().is_empty() {
                snip = b;
            }
        }
        if snip.fragment().is_empty() {
            crate::escape::escape(summary)
        } else {
            marked(snip.fragment(), snip.highlighted())
        }
    }
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
