//! Reading a one-segment tantivy index into a `Table`: its postings, lengths and facet fields
//! as tantivy wrote them, so the export ranks exactly as tantivy does.

use super::format::{encode_positions, FacetLists, TermPostings};
use super::table::{row, DocRow, Table};
use super::Layout;
use crate::search::documents::SearchDoc;
use crate::search::schema::{fields_of, Fields};
use crate::search::FACETS;
use std::collections::BTreeMap;
use tantivy::postings::Postings as _;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, SegmentReader, TERMINATED};

impl Table {
    /// The table of `index` (one segment, documents in key order) and its `docs`.
    pub(crate) fn read(
        index: &Index,
        docs: &[SearchDoc],
        layout: Layout,
    ) -> tantivy::Result<Table> {
        Table::read_rows(index, docs.iter().map(row).collect(), layout)
    }

    /// `read`, letting each document go as its row is made, before the postings are read:
    /// a build's documents are needed for nothing else, and on a large hub they were a third
    /// of what the export added to the peak.
    pub(crate) fn read_taking(
        index: &Index,
        docs: Vec<SearchDoc>,
        layout: Layout,
    ) -> tantivy::Result<Table> {
        let rows = docs.into_iter().map(|d| row(&d)).collect();
        Table::read_rows(index, rows, layout)
    }

    /// The table of `index` and its documents' `rows`, in key order.
    fn read_rows(index: &Index, rows: Vec<DocRow>, layout: Layout) -> tantivy::Result<Table> {
        // Read once: no reloading, which on an index opened from disk would also start a
        // thread watching its files.
        let searcher = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?
            .searcher();
        let fields: Fields = fields_of(&index.schema())?;
        let segs = searcher.segment_readers();
        if segs.len() > 1 {
            return Err(tantivy::TantivyError::InvalidArgument(
                "the search index must have one segment".into(),
            ));
        }
        let mut table = Table {
            layout,
            tokens: [0; 3],
            fieldnorm_ids: Default::default(),
            terms: BTreeMap::new(),
            rows,
            facets: Vec::new(),
            synonyms: crate::search::payload::Payload::of(index).synonyms,
            words: crate::search::vocabulary::Vocabulary::of(index)?,
        };
        let mut facets = FacetLists::default();
        if let Some(seg) = segs.first() {
            table.read_text(seg, &fields)?;
            facets = read_facets(seg, &fields)?;
        }
        table.facets = facets.encode();
        Ok(table)
    }

    /// Each text field's postings, token total and fieldnorm ids.
    fn read_text(&mut self, seg: &SegmentReader, fields: &Fields) -> tantivy::Result<()> {
        for (fi, (field, _)) in fields.text().iter().enumerate() {
            let inv = seg.inverted_index(*field)?;
            let fnorm = seg.get_fieldnorms_reader(*field)?;
            self.tokens[fi] = inv.total_num_tokens();
            self.fieldnorm_ids[fi] = (0..seg.max_doc()).map(|d| fnorm.fieldnorm_id(d)).collect();
            let mut positions = Vec::new();
            let mut stream = inv.terms().stream()?;
            while stream.advance() {
                let mut postings = inv.read_postings_from_terminfo(
                    stream.value(),
                    IndexRecordOption::WithFreqsAndPositions,
                )?;
                let mut list = Vec::with_capacity(stream.value().doc_freq as usize);
                let mut bytes = Vec::new();
                let mut d = postings.doc();
                while d != TERMINATED {
                    list.push((d, postings.term_freq()));
                    postings.positions(&mut positions);
                    encode_positions(&mut bytes, &positions);
                    d = postings.advance();
                }
                // Grown by doubling: its spare capacity would be held until the export ends.
                bytes.shrink_to_fit();
                let t: &mut TermPostings = self.terms.entry(stream.key().to_vec()).or_default();
                t.lists[fi] = list;
                t.positions[fi] = bytes;
            }
        }
        Ok(())
    }
}

/// Each facet field's values and the documents holding them.
fn read_facets(seg: &SegmentReader, fields: &Fields) -> tantivy::Result<FacetLists> {
    let mut out = FacetLists::default();
    for name in FACETS {
        let Some(field) = fields.facet(name) else {
            continue;
        };
        let inv = seg.inverted_index(field)?;
        let values = out.ids.entry(name.to_string()).or_default();
        let mut stream = inv.terms().stream()?;
        while stream.advance() {
            let mut postings =
                inv.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
            let mut ids = Vec::new();
            let mut d = postings.doc();
            while d != TERMINATED {
                ids.push(d);
                d = postings.advance();
            }
            values.insert(String::from_utf8_lossy(stream.key()).into_owned(), ids);
        }
    }
    Ok(out)
}
