//! Writing the tantivy index to disk, staged and swapped in like the site itself.

use super::documents::SearchDoc;
use super::payload::Payload;
use super::schema::{self, Fields};
use super::synonyms::Synonyms;
use std::path::{Path, PathBuf};
use tantivy::{Index, TantivyDocument};

mod stem_memo;

/// The indexing arena's starting size. The single-segment writer grows past it as needed (a
/// hub is always one segment, so document ids follow our sorted insertion order); this only
/// sizes its first hash table.
const WRITER_MEMORY: usize = 50_000_000;

/// Bits below a fresh build's `ord`s left free, so that `serve` can give a document added
/// between two others an `ord` between theirs (32 halvings) without renumbering the rest.
pub(crate) const ORD_SHIFT: u32 = 32;

/// The `ord` of the `position`-th document in key order in a fresh index.
pub(crate) fn ord_of(position: usize) -> u64 {
    (position as u64 + 1) << ORD_SHIFT
}

/// The export's document id of a fresh index's `ord`.
pub fn position_of(ord: u64) -> u32 {
    ((ord >> ORD_SHIFT).saturating_sub(1)) as u32
}

/// The tantivy document of `d`, whose place in key order is `ord` (see `ord_of`). tantivy
/// copies each value into the document's own buffer, so nothing is cloned first.
pub(crate) fn tantivy_doc(f: &Fields, d: &SearchDoc, ord: u64) -> TantivyDocument {
    let mut t = TantivyDocument::default();
    t.add_text(f.key, &d.key);
    t.add_u64(f.ord, ord);
    t.add_text(f.title, &d.title);
    t.add_text(f.summary, &d.summary);
    t.add_text(f.body, &d.body);
    t.add_text(f.kind, d.kind);
    t.add_text(f.url, &d.url);
    if let Some(date) = &d.date {
        t.add_text(f.date, date);
    }
    for (field, values) in [
        (f.board, &d.board),
        (f.zone, &d.zone),
        (f.component, &d.component),
        (f.topic, &d.topic),
    ] {
        for v in values {
            t.add_text(field, v);
        }
    }
    if !d.sections.is_empty() {
        t.add_text(f.sections, super::sections::to_stored(&d.sections));
    }
    t
}

/// Build an index of `docs` in RAM, searched with `synonyms`: one segment, documents in the
/// given order.
pub fn in_ram(docs: &[SearchDoc], synonyms: &Synonyms) -> tantivy::Result<Index> {
    fill(
        tantivy::directory::RamDirectory::create(),
        docs.len(),
        |f, at| tantivy_doc(f, &docs[at], ord_of(at)),
        synonyms,
    )
}

/// A new index in `dir` of `count` documents, the `at`-th made by `doc_at(fields, at)`, as one
/// segment in that order.
///
/// tantivy's single-segment writer indexes on the calling thread. `IndexWriter` would queue
/// up to 10,000 documents for its indexing thread, a copy of every text of a large hub held
/// at once, and could split the hub into segments that must then be merged. The writer is
/// `doc(hidden)` in tantivy; Cargo.lock pins the version it is used at.
fn fill<D: tantivy::Directory>(
    dir: D,
    count: usize,
    mut doc_at: impl FnMut(&Fields, usize) -> TantivyDocument,
    synonyms: &Synonyms,
) -> tantivy::Result<Index> {
    let (schema, fields) = schema::build();
    let index = if count == 0 {
        // No segment at all, as an index that was never written to has.
        Index::create(dir, schema, tantivy::IndexSettings::default())?
    } else {
        let (tokenizers, words) = stem_memo::tokenizers();
        let mut w = Index::builder()
            .schema(schema)
            .tokenizers(tokenizers)
            .single_segment_index_writer(dir, WRITER_MEMORY)?;
        for at in 0..count {
            let doc = doc_at(&fields, at);
            words.next_doc();
            w.add_document(doc)?;
        }
        let index = w.finalize()?;
        words.vocabulary().write_into(&index)?;
        index
    };
    let payload = Payload {
        tokens: None,
        synonyms: synonyms.clone(),
    };
    payload.write_into(&index)?;
    Ok(index)
}

/// An index built beside its final folder, swapped in by `commit` once the site is published.
pub(crate) struct Staged {
    staging: PathBuf,
    target: PathBuf,
    /// The staged index, to export and query before it is swapped in.
    pub(crate) index: Index,
}

/// Build the index of `docs` next to `dir`, without touching `dir` yet. `complete` gives each
/// document what its maker left to the last moment (a build's case-study bodies) just before
/// it is indexed, on the indexing thread; each body is let go once it is indexed. The export
/// reads the index and the documents' other fields, and on a large hub the bodies are most of
/// what the documents would hold. (Completing them in parallel was tried: the indexing thread,
/// waiting on its helpers, took on page rendering instead and fell behind the pages.)
///
/// The index is written straight into the staging folder. Built in RAM first, its files grew
/// by doubling (the document store to 68 MB for 35 MB of data at 10,000 case studies) while
/// the pages were rendered beside it, and that was a build's peak of memory once the export
/// had stopped being it (peak RSS at 10,000: 303 to 284 MB). tantivy syncs each file as it is
/// finished; the shipped content still builds in 0.07 s on this project's machine.
pub(crate) fn stage(
    dir: &Path,
    docs: &mut [SearchDoc],
    complete: &mut dyn FnMut(&mut SearchDoc),
    synonyms: &Synonyms,
) -> tantivy::Result<Staged> {
    let staging = sibling(dir, "building");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    std::fs::create_dir_all(&staging)?;
    let disk = tantivy::directory::MmapDirectory::open(&staging)?;
    let index = fill(
        disk.clone(),
        docs.len(),
        |f, at| {
            complete(&mut docs[at]);
            let t = tantivy_doc(f, &docs[at], ord_of(at));
            docs[at].body = String::new();
            t
        },
        synonyms,
    )?;
    drop(index);
    let index = Index::open(disk)?;
    Ok(Staged {
        staging,
        target: dir.to_path_buf(),
        index,
    })
}

impl Staged {
    /// Replace the target folder with the staged index (keeping the folder's README).
    pub(crate) fn commit(mut self) -> std::io::Result<()> {
        // Reading the staged index back from disk (`stage`) left tantivy's meta lock file in
        // its folder (`MmapDirectory` keeps it once taken); nothing holds it now, and the index
        // a build publishes holds only tantivy's files, as when it was read from RAM.
        let lock = self.staging.join(&tantivy::directory::META_LOCK.filepath);
        if let Err(e) = std::fs::remove_file(lock) {
            if e.kind() != std::io::ErrorKind::NotFound {
                return Err(e);
            }
        }
        let staging = std::mem::take(&mut self.staging);
        let target = self.target.clone();
        let old = sibling(&target, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        let readme = target.join("README.md");
        let readme_text = std::fs::read(&readme).ok();
        if target.exists() {
            std::fs::rename(&target, &old)?;
        }
        std::fs::rename(&staging, &target)?;
        if let Some(t) = readme_text {
            std::fs::write(readme, t)?;
        }
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.staging.as_os_str().is_empty() && self.staging.exists() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

fn sibling(dir: &Path, tag: &str) -> PathBuf {
    let name = dir.file_name().map_or_else(
        || "search-index".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    dir.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}
