//! Stage 4: search. Every searchable item becomes a tantivy document (`documents`), written to
//! an on-disk index (`index`) that `ithub search` and `serve` query (`query`), and exported as
//! a static, sharded index the browser client ranks exactly as tantivy does (`export`).

mod bm25;
mod codec;
pub mod documents;
pub(crate) mod excerpt;
pub mod export;
pub mod index;
pub mod live;
mod payload;
pub mod query;
pub(crate) mod schema;
pub mod sections;
pub mod synonyms;
pub(crate) mod vocabulary;

/// Field boosts: a word in the title counts three times one in the body.
pub(crate) const BOOST_TITLE: f32 = 3.0;
/// A word in the summary counts twice one in the body.
pub(crate) const BOOST_SUMMARY: f32 = 2.0;
/// The body's boost, the unit the others are measured in.
pub(crate) const BOOST_BODY: f32 = 1.0;

/// Facet fields a search can be narrowed by, in the order the client shows them.
pub(crate) const FACETS: [&str; 5] = ["kind", "board", "zone", "topic", "component"];
