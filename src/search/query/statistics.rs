//! The statistics BM25 scores with: those a fresh index of the live documents would give.

use crate::search::payload::Payload;
use crate::search::schema::Fields;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, SegmentReader, Term};

/// tantivy's statistics, but with the token totals of the last commit's payload when it has
/// them (`serve`'s index after an edit; see `live.rs`), and counting live documents only: what
/// a fresh index of the same documents would give.
pub(super) struct Statistics<'a> {
    searcher: &'a Searcher,
    tokens: Option<Vec<(tantivy::schema::Field, u64)>>,
}

impl<'a> Statistics<'a> {
    pub(super) fn new(
        payload: &Payload,
        searcher: &'a Searcher,
        fields: &Fields,
    ) -> Statistics<'a> {
        let tokens = payload
            .tokens
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
pub(super) fn live_doc_freq(
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
