//! What an index carries besides its documents, in the payload of its last commit: the
//! synonym groups it is searched with and, once `serve` has edited it, the exact token totals
//! of its text fields. A fresh build writes it into the new index's `meta.json`; `serve`'s
//! commits write it again.

use super::synonyms::Synonyms;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tantivy::{Directory, Index};

/// The payload, typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Payload {
    /// Token total of each text field, where tantivy's own would be an estimate (after
    /// deletes); `None` in a fresh index, whose totals are exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) tokens: Option<[u64; 3]>,
    /// The synonym groups queries apply.
    #[serde(default)]
    pub(crate) synonyms: Synonyms,
}

impl Payload {
    /// The payload of `index`'s last commit; an index without one (or written before
    /// payloads) has none of either.
    pub(crate) fn of(index: &Index) -> Payload {
        index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default()
    }

    /// The payload as the commit stores it.
    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Give a freshly written index (no commit of ours yet) this payload, in `meta.json` the
    /// way tantivy writes it: the single-segment writer has no way to pass one.
    pub(crate) fn write_into(&self, index: &Index) -> tantivy::Result<()> {
        let mut metas = index.load_metas()?;
        metas.payload = Some(self.to_json());
        let mut bytes = serde_json::to_vec_pretty(&metas)?;
        bytes.push(b'\n');
        index
            .directory()
            .atomic_write(Path::new("meta.json"), &bytes)?;
        Ok(())
    }
}
