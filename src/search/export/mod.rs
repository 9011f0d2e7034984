//! The static search index, exported from tantivy's own inverted index.
//!
//! Layout under `<output>/search/idx/` (every whole file gzip-compressed, so any static host
//! serves it small, and every block read by range, a result row or a term's positions, raw
//! deflate; the client inflates both with `DecompressionStream`). Each kind's bytes are a type
//! in `format`:
//! - `meta.bin`: JSON with the document count, field boosts, each field's token total and
//!   tantivy's fieldnorm table (from which the client rebuilds tantivy's BM25 length-norm cache
//!   in f32), the query plan's constants (prefix expansions, when a word is corrected), the
//!   synonym groups and the lengths that have a word list (the display names of kinds and
//!   facet values are in the search page itself, whose filters list them);
//! - `d<K>.bin`: where the term shards holding the words that begin with `K` start (a digit, a
//!   letter, or `_` for any other character), fetched beside `meta.bin` for each first
//!   character of a query's words, and where the heads of its shards that hold a common word
//!   alone are in `h.bin`;
//! - `h.bin`: the heads of the common words, each compressed on its own and read by range: a
//!   word's ten best documents with their scores and sub-result masks, how many documents
//!   hold it, and its words (`format::HeadFile`), all a query of that word alone needs, so it
//!   fetches neither the word's postings nor the documents' field lengths;
//! - `q.bin`: the prefix heads, each compressed on its own and read by range: for each
//!   beginning of a common word typed alone (`diab`) whose search looks for more than one term,
//!   that search as the export planned and ranked it (`format::PrefixHeadFile`): its terms, how
//!   many documents match, the ten best with their scores and best sections, and the words
//!   its results mark. The head of the first common word it begins says where (its trailer);
//!   so a word being typed, the commonest search of all, fetches no shard, postings or
//!   lengths, and no stemmer;
//! - `t<N>.bin`: a term shard: terms in byte order, front-coded, each with its postings per
//!   field (all doc-id deltas, then all term frequencies: columns compress better than rows,
//!   then, for a list at most one document in four is in, its documents' fieldnorm ids) and
//!   the words of the hub whose stem it is (`search::vocabulary`), then the words sorting into
//!   the shard whose stems are in others: so the shard a query word sorts into gives its stem,
//!   and the client fetches its stemmer only for a word the hub does not hold;
//! - `p<N>.bin`: the positions of term shard N's postings, in the shard's order (the term
//!   shard gives how many each has), fetched only for a quoted phrase;
//! - `m<N>.bin`: for each term of a run of term shards (as `p<N>.bin`), which sections of
//!   each body document hold it, two bytes a posting, uncompressed: the client reads the
//!   masks of just the results it shows, by range, to pick their sub-results;
//! - `s<N>.bin`: the sections (anchor, heading, opening words) of `r<N>.bin`'s documents,
//!   uncompressed, back to back; a row says where its document's are, and the client fetches
//!   the one sub-result it shows;
//! - `w<L>.bin`: every term of `L` characters with how many documents hold it, fetched only to
//!   correct a word the hub does not hold (the lengths one or two edits away);
//! - `nt<N>.bin`, `ns<N>.bin`, `nb<N>.bin`: the fieldnorm ids of `norm_chunk` documents in
//!   one field (title, summary, body), one byte a document, for the lists too long to carry
//!   theirs inline: a document's length is the same for every term it holds, so inline in a
//!   common word's list it is the least compressible byte of every posting, repeated in every
//!   shard. A field's files are written only if some list needs them, and a query fetches only
//!   the fields its long lists are in (a common word's body list: 5 KB at 10,000 documents,
//!   where all three fields took 15 KB);
//! - `r<N>.bin`: the result rows (title, URL, kind, summary excerpt, sections' places, as
//!   JSON) of `norm_chunk` documents, each compressed on its own, back to back, after a header
//!   of where each starts; the client fetches the rows it shows by HTTP range requests;
//! - `f.bin`: JSON with each facet value's document ids, fetched only when filtering.
//!
//! The client fetches `meta.bin` and its words' directories, then only the shards holding the
//! query's terms (and, for a phrase, their positions blocks; for a misspelt word, the word
//! lists), then the rows of the results it shows. Position and row files are read by range: the host must answer range
//! requests, as GitHub Pages, Netlify, S3, nginx and Apache do.
//!
//! The model is a `Table` (`table`, read from tantivy by `read`), which `serve` patches in
//! place; `writer` turns it into files, cutting term shards at content-defined boundaries so
//! that an edit re-compresses only the files it touched (`gzip`'s memo). The BM25 maths the
//! export ships is in `search::bm25`.

mod analysis;
use super::codec;
mod dictionary;
mod format;
mod gzip;
mod read;
mod table;
mod writer;

pub(crate) use analysis::{analyse, Analysed};
pub(crate) use gzip::GzMemo;
pub(crate) use table::Table;

use super::documents::SearchDoc;
use tantivy::Index;

/// The folder, under the site's output, the export is written to.
pub(crate) const DIR: &str = "search/idx";

/// How the export splits documents into files.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Documents per fieldnorm file (`nb<N>.bin`...) and row file (`r<N>.bin`): one file up to
    /// 16,384 documents, so a first query on a typical hub costs one small fetch.
    pub norm_chunk: usize,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout { norm_chunk: 16_384 }
    }
}

/// The export's files, ready to write.
#[derive(Debug, Default)]
pub struct Export {
    /// (path under the output, gzip'd bytes) for every file.
    pub files: Vec<(String, Vec<u8>)>,
    /// Term shards (`t<N>.bin` files) among `files`.
    pub(crate) shards: usize,
    /// Files of the export before an update (`LiveSearch::update`) that it no longer has: a
    /// term shard merged away, a word length no term has any more.
    pub removed: Vec<String>,
}

/// The whole export of a one-segment index of `docs` (sorted by key), in the default layout,
/// each file handed to `deliver` as it is made (a build writes it out). Each document is let
/// go once its row is made, before the postings are read and the files are made
/// (`Table::read_taking`): at 10,000 case studies their sections alone were 32 MB of the peak.
pub(crate) fn export(
    index: &Index,
    docs: Vec<SearchDoc>,
    deliver: writer::Deliver<'_>,
) -> tantivy::Result<()> {
    Table::read_taking(index, docs, Layout::default())?.into_files(deliver);
    Ok(())
}

/// The whole export of a one-segment index of `docs` (sorted by key) in `layout`.
pub fn export_with(index: &Index, docs: &[SearchDoc], layout: Layout) -> tantivy::Result<Export> {
    Ok(Table::read(index, docs, layout)?.files(None))
}

#[cfg(test)]
mod tests;
