//! ithub: the static site generator for the Improving Together learning hub.
//!
//! Data flows one way: `load` (files → typed content) → `link` (vocabularies, cross-references,
//! URLs) → `render` (Markdown and templates) → `write` (staged, then swapped in).

// A `Diagnostic` carries its excerpt and help; it is returned once per bad file, never in a hot
// loop, so boxing it would only add noise.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

pub mod allocator;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod diff;
mod editor_temp;
mod escape;
mod freed_memory;
// Public only so the fuzz crate in fuzz/ (a separate crate) can reach the pipeline; not an API.
#[doc(hidden)]
pub mod fuzzing;
mod hash;
mod link;
pub mod load;
mod markdown;
mod patch;
mod render;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
mod source;
mod unpoisoned;
mod write;
