//! The search side of `serve`: a tantivy index in RAM that an edit updates in place (delete
//! the item's old document, add the new, commit), and the static export patched beside it so
//! that only the files the edit touched are compressed again. Documents may come and go: the
//! export renumbers the ones after them, while tantivy's `ord`s were spaced out so that a new
//! one takes a number between its neighbours'.

use super::documents::SearchDoc;
use super::export::{analyse, Analysed, Export, GzMemo, Layout, Table};
use super::index::tantivy_doc;
use super::payload::Payload;
use super::schema::{fields_of, Fields};
use super::synonyms::Synonyms;
use tantivy::{Index, IndexWriter, Term};

/// Memory for updates, which add a document or two at a time.
const UPDATE_WRITER_MEMORY: usize = 15_000_000;

/// `serve`'s search: the index the HTTP layer queries and the export the site serves, kept
/// equal to what a fresh build of the same documents would hold.
pub struct LiveSearch {
    index: Index,
    writer: IndexWriter,
    fields: Fields,
    /// The documents in export order (sorted by key), as last indexed.
    docs: Vec<SearchDoc>,
    /// Each document's `ord` (sorting as `docs` do; see `index::ord_of`).
    ords: Vec<u64>,
    table: Table,
    memo: GzMemo,
    synonyms: Synonyms,
    /// The paths of the last export's files.
    exported: std::collections::BTreeSet<String>,
}

impl LiveSearch {
    /// Index `docs` (sorted by key), searched with `synonyms`, and export them; the export is
    /// what `build` writes.
    pub fn new(docs: Vec<SearchDoc>, synonyms: &Synonyms) -> tantivy::Result<(LiveSearch, Export)> {
        let index = super::index::in_ram(&docs, synonyms)?;
        let table = Table::read(&index, &docs, Layout::default())?;
        let memo = GzMemo::default();
        let files = table.files(Some(&memo));
        let writer = index.writer_with_num_threads(1, UPDATE_WRITER_MEMORY)?;
        let fields = fields_of(&index.schema())?;
        Ok((
            LiveSearch {
                index,
                writer,
                fields,
                ords: (0..docs.len()).map(super::index::ord_of).collect(),
                docs,
                table,
                memo,
                synonyms: synonyms.clone(),
                exported: files.files.iter().map(|(p, _)| p.clone()).collect(),
            },
            files,
        ))
    }

    /// The index as of the last update, for queries.
    pub fn index(&self) -> &Index {
        &self.index
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.docs.binary_search_by(|d| d.key.as_str().cmp(key))
    }

    /// An `ord` sorting between the documents now at `at - 1` and `at`, for one put in at `at`.
    fn ord_between(&self, at: usize) -> Option<u64> {
        let below = at.checked_sub(1).map_or(0, |i| self.ords[i]);
        let above = match self.ords.get(at) {
            Some(&o) => o,
            None => below.checked_add(1 << super::index::ORD_SHIFT)?,
        };
        let mid = below + (above - below) / 2;
        (mid > below).then_some(mid)
    }

    /// Put `changed` in (replacing documents with the same key, adding the others) and take
    /// the documents keyed `removed` out, in the index and the export; the export's files
    /// afterwards. After an error the caller must drop this and rebuild: the two may have
    /// parted.
    pub fn update(&mut self, changed: &[SearchDoc], removed: &[String]) -> tantivy::Result<Export> {
        let mut refacet = false;
        for key in removed {
            let Ok(at) = self.position(key) else {
                continue;
            };
            let old = analyse(&self.index, &self.fields, &self.docs[at])?;
            self.table.remove(at as u32, &old);
            self.writer
                .delete_term(Term::from_field_text(self.fields.key, key));
            self.docs.remove(at);
            self.ords.remove(at);
            refacet = true;
        }
        for d in changed {
            let new: Analysed = analyse(&self.index, &self.fields, d)?;
            let at = match self.position(&d.key) {
                Ok(at) => {
                    let old = analyse(&self.index, &self.fields, &self.docs[at])?;
                    self.table.replace(at as u32, &old, &new, d);
                    self.writer
                        .delete_term(Term::from_field_text(self.fields.key, &d.key));
                    let o = &self.docs[at];
                    refacet |= (o.kind, &o.board, &o.zone, &o.component, &o.topic)
                        != (d.kind, &d.board, &d.zone, &d.component, &d.topic);
                    self.docs[at] = d.clone();
                    at
                }
                Err(at) => {
                    let ord = self.ord_between(at).ok_or_else(|| {
                        tantivy::TantivyError::InvalidArgument(
                            "no room left between two documents' places: rebuild".into(),
                        )
                    })?;
                    self.table.insert(at as u32, &new, d);
                    self.docs.insert(at, d.clone());
                    self.ords.insert(at, ord);
                    refacet = true;
                    at
                }
            };
            self.writer
                .add_document(tantivy_doc(&self.fields, d, self.ords[at]))?;
        }
        if refacet {
            self.table.refacet(&self.docs);
        }
        // tantivy's own token totals become estimates once a segment loses documents (it
        // sums the survivors' one-byte field lengths), so the commit carries the exact ones
        // for `query` to score with, as a fresh index would.
        let mut commit = self.writer.prepare_commit()?;
        let payload = Payload {
            tokens: Some(self.table.tokens()),
            synonyms: self.synonyms.clone(),
        };
        commit.set_payload(&payload.to_json());
        commit.commit()?;
        let mut export = self.table.files(Some(&self.memo));
        let now: std::collections::BTreeSet<String> =
            export.files.iter().map(|(p, _)| p.clone()).collect();
        export.removed = self.exported.difference(&now).cloned().collect();
        self.exported = now;
        Ok(export)
    }
}
