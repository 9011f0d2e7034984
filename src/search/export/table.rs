//! The export's model in memory: each document's lengths and result row, each term's
//! postings, and the facet lists. Built from a one-segment tantivy index (`read`), patched in
//! place by `serve` as documents come, change and go, and turned into files by `writer`.

use super::analysis::Analysed;
use super::format::{
    encode_positions, positions_offset, section_block, FacetLists, Row, TermPostings,
};
use super::Layout;
use crate::search::bm25;
use crate::search::documents::SearchDoc;
use crate::search::excerpt::excerpt;
use crate::search::vocabulary::Vocabulary;
use crate::search::FACETS;
use std::collections::BTreeMap;

/// Characters of the summary a result shows (and highlights).
const RESULT_SUMMARY_CHARS: usize = 200;

/// A document's result row (its sections' places in `s<N>.bin` left to the writer), its
/// sections as a sub-result shows them, and the token positions they start at (what each
/// term's section masks are worked out from).
pub(crate) struct DocRow {
    pub(super) row: Row,
    /// Its sections' blocks of `s<N>.bin` (`section_block`), back to back: encoded once, as
    /// the file holds them. Held as three strings each, the sections of 10,000 case studies
    /// took 31 MB of a build's peak beside the section file's 21 MB.
    pub(super) sections: Vec<u8>,
    /// The byte length of each section's block in `sections`.
    pub(super) lengths: Vec<u32>,
    pub(super) starts: Vec<u32>,
}

/// Everything the export holds. Document ids are places in key order: putting a document in or
/// taking one out renumbers every later one, as a fresh index would number them.
pub(crate) struct Table {
    pub(super) layout: Layout,
    /// Token total of each text field (BM25's average field length times the documents).
    pub(super) tokens: [u64; 3],
    /// Fieldnorm id of every document, per text field.
    pub(super) fieldnorm_ids: [Vec<u8>; 3],
    pub(super) terms: BTreeMap<Vec<u8>, TermPostings>,
    /// Each document's result row and where its sections start.
    pub(super) rows: Vec<DocRow>,
    /// `f.bin`'s bytes, kept encoded: `replace` never changes facets, so most edits reuse them.
    pub(super) facets: Vec<u8>,
    /// The synonym groups the index was built with, for `meta.bin`.
    pub(super) synonyms: crate::search::synonyms::Synonyms,
    /// The documents' words before stemming, listed with their stems in the term shards.
    pub(super) words: Vocabulary,
}

impl Table {
    /// Documents in the table.
    pub(super) fn n(&self) -> usize {
        self.rows.len()
    }

    /// Token total of each text field (title, summary, body).
    pub(crate) fn tokens(&self) -> [u64; 3] {
        self.tokens
    }

    /// Put `new_doc` (analysed as `new`) in as document `doc`, moving every later one up.
    /// Its facets are `refacet`'s to add.
    pub(crate) fn insert(&mut self, doc: u32, new: &Analysed, new_doc: &SearchDoc) {
        for t in self.terms.values_mut() {
            for list in t.lists.iter_mut() {
                let from = list.partition_point(|p| p.0 < doc);
                list[from..].iter_mut().for_each(|p| p.0 += 1);
            }
        }
        for fi in 0..3 {
            for (term, positions) in &new.terms[fi] {
                let t = self.terms.entry(term.clone()).or_default();
                let at = t.lists[fi].partition_point(|p| p.0 < doc);
                put(t, fi, at, doc, positions, false);
            }
            self.tokens[fi] += new.tokens[fi];
            let at = (doc as usize).min(self.fieldnorm_ids[fi].len());
            self.fieldnorm_ids[fi].insert(at, bm25::fieldnorm_id(new.tokens[fi]));
        }
        let at = (doc as usize).min(self.rows.len());
        self.rows.insert(at, row(new_doc));
        self.words.add(&new.words);
    }

    /// Take document `doc` (analysed as `old`) out, moving every later one down.
    pub(crate) fn remove(&mut self, doc: u32, old: &Analysed) {
        self.replace_terms(doc, old, &Analysed::default());
        self.words.take_away(&old.words);
        for t in self.terms.values_mut() {
            for list in t.lists.iter_mut() {
                let from = list.partition_point(|p| p.0 <= doc);
                list[from..].iter_mut().for_each(|p| p.0 -= 1);
            }
        }
        for fi in 0..3 {
            if (doc as usize) < self.fieldnorm_ids[fi].len() {
                self.fieldnorm_ids[fi].remove(doc as usize);
            }
        }
        if (doc as usize) < self.rows.len() {
            self.rows.remove(doc as usize);
        }
    }

    /// `f.bin` again from `docs` (in export order), after documents came, went or moved.
    /// The same bytes as reading tantivy's facet fields (tests/search_live.rs compares).
    pub(crate) fn refacet(&mut self, docs: &[SearchDoc]) {
        self.facets = facets_of(docs).encode();
    }

    /// Replace document `doc` (analysed as `old`) by `new`, as a fresh index of the new
    /// documents would hold it. The facet fields must not change (they are `f.bin`).
    pub(crate) fn replace(
        &mut self,
        doc: u32,
        old: &Analysed,
        new: &Analysed,
        new_doc: &SearchDoc,
    ) {
        self.replace_terms(doc, old, new);
        self.words.take_away(&old.words);
        self.words.add(&new.words);
        for fi in 0..3 {
            if let Some(slot) = self.fieldnorm_ids[fi].get_mut(doc as usize) {
                *slot = bm25::fieldnorm_id(new.tokens[fi]);
            }
        }
        if let Some(r) = self.rows.get_mut(doc as usize) {
            *r = row(new_doc);
        }
    }

    /// Swap document `doc`'s postings and token counts for `old`'s by `new`'s.
    fn replace_terms(&mut self, doc: u32, old: &Analysed, new: &Analysed) {
        for fi in 0..3 {
            for term in old.terms[fi].keys() {
                if let Some(t) = self.terms.get_mut(term) {
                    if let Ok(at) = t.lists[fi].binary_search_by_key(&doc, |p| p.0) {
                        let from = positions_offset(&t.lists[fi], &t.positions[fi], at);
                        let to = positions_offset(&t.lists[fi], &t.positions[fi], at + 1);
                        t.positions[fi].drain(from..to);
                        t.lists[fi].remove(at);
                    }
                    if t.lists.iter().all(Vec::is_empty) {
                        self.terms.remove(term);
                    }
                }
            }
            for (term, positions) in &new.terms[fi] {
                let t = self.terms.entry(term.clone()).or_default();
                match t.lists[fi].binary_search_by_key(&doc, |p| p.0) {
                    Ok(at) => put(t, fi, at, doc, positions, true),
                    Err(at) => put(t, fi, at, doc, positions, false),
                }
            }
            self.tokens[fi] = self.tokens[fi] - old.tokens[fi] + new.tokens[fi];
        }
    }
}

/// Put document `doc`'s posting with `positions` in at place `at` of field `fi`'s list,
/// replacing the one there if `replace`.
fn put(t: &mut TermPostings, fi: usize, at: usize, doc: u32, positions: &[u32], replace: bool) {
    let from = positions_offset(&t.lists[fi], &t.positions[fi], at);
    let to = if replace {
        positions_offset(&t.lists[fi], &t.positions[fi], at + 1)
    } else {
        from
    };
    let mut bytes = Vec::new();
    encode_positions(&mut bytes, positions);
    t.positions[fi].splice(from..to, bytes);
    let posting = (doc, positions.len() as u32);
    if replace {
        t.lists[fi][at] = posting;
    } else {
        t.lists[fi].insert(at, posting);
    }
}

/// Each facet's values with the ids of the documents holding them: what tantivy's facet
/// fields hold, where the raw tokenizer keeps each value whole.
fn facets_of(docs: &[SearchDoc]) -> FacetLists {
    let mut out = FacetLists::default();
    for name in FACETS {
        let values = out.ids.entry(name.to_string()).or_default();
        for (id, d) in docs.iter().enumerate() {
            for v in d.facet(name) {
                let ids = values.entry(v.to_string()).or_default();
                if ids.last() != Some(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
    }
    out
}

/// `d`'s result row.
pub(super) fn row(d: &SearchDoc) -> DocRow {
    let mut sections = Vec::new();
    let mut lengths = Vec::with_capacity(d.sections.len());
    for s in &d.sections {
        let block = section_block(&s.anchor, &s.heading, &s.snippet);
        lengths.push(block.len() as u32);
        sections.extend_from_slice(&block);
    }
    sections.shrink_to_fit();
    DocRow {
        row: Row(
            d.title.clone(),
            d.url.clone(),
            d.kind.to_string(),
            excerpt(&d.summary, RESULT_SUMMARY_CHARS),
            Vec::new(),
        ),
        sections,
        lengths,
        starts: d.sections.iter().map(|s| s.position).collect(),
    }
}
