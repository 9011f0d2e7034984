//! The search side of `serve`: a tantivy index in RAM that an edit updates in place (delete
//! the item's old document, add the new, commit), and the static export patched beside it so
//! that only the files the edit touched are compressed again.

use super::documents::{FacetNames, SearchDoc};
use super::export::{self, Analysed, Export, GzMemo, Layout, Table};
use super::index::tantivy_doc;
use super::schema::{fields_of, Fields};
use tantivy::{Index, IndexWriter, Term};

/// Memory for updates, which add a document or two at a time.
const UPDATE_WRITER_MEMORY: usize = 15_000_000;

pub struct LiveSearch {
    index: Index,
    writer: IndexWriter,
    fields: Fields,
    /// The documents in export order (sorted by key), as last indexed.
    docs: Vec<SearchDoc>,
    table: Table,
    memo: GzMemo,
}

impl LiveSearch {
    /// Index `docs` (sorted by key) and export them; the export is what `build` writes.
    pub fn new(
        docs: Vec<SearchDoc>,
        facet_names: &FacetNames,
    ) -> tantivy::Result<(LiveSearch, Export)> {
        let index = super::index::in_ram(&docs)?;
        let table = Table::read(&index, &docs, facet_names, Layout::default())?;
        let memo = GzMemo::default();
        let files = table.files(Some(&memo));
        let writer = index.writer_with_num_threads(1, UPDATE_WRITER_MEMORY)?;
        let fields = fields_of(&index.schema())?;
        Ok((
            LiveSearch {
                index,
                writer,
                fields,
                docs,
                table,
                memo,
            },
            files,
        ))
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Whether `update` can take `changed`: every document already exists under its key and
    /// keeps its kind and facet values (a move in the facets is a different export: rebuild).
    fn can_update(&self, changed: &[SearchDoc]) -> bool {
        changed.iter().all(|d| {
            self.position(&d.key).is_some_and(|at| {
                let old = &self.docs[at];
                (old.kind, &old.board, &old.zone, &old.component, &old.topic)
                    == (d.kind, &d.board, &d.zone, &d.component, &d.topic)
            })
        })
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.docs.binary_search_by(|d| d.key.as_str().cmp(key)).ok()
    }

    /// Replace documents in the index and the export; the export's files afterwards. After an
    /// error the caller must drop this and rebuild: the two may have parted.
    pub fn update(&mut self, changed: &[SearchDoc]) -> tantivy::Result<Export> {
        if !self.can_update(changed) {
            return Err(tantivy::TantivyError::InvalidArgument(
                "an updated document is new or changed its facets".into(),
            ));
        }
        for d in changed {
            let Some(at) = self.position(&d.key) else {
                continue;
            };
            let old: Analysed = export::analyse(&self.index, &self.fields, &self.docs[at])?;
            let new: Analysed = export::analyse(&self.index, &self.fields, d)?;
            self.table.replace(at as u32, &old, &new, d);
            self.writer
                .delete_term(Term::from_field_text(self.fields.key, &d.key));
            self.writer.add_document(tantivy_doc(&self.fields, d, at))?;
            self.docs[at] = d.clone();
        }
        self.writer.commit()?;
        Ok(self.table.files(Some(&self.memo)))
    }
}
