//! What search indexes: one document per searchable item (case study, zone, zone resource,
//! pack section, basket topic, roadmap component, page). The documents are made from the
//! linked, rendered hub by `render::search_docs`; search itself knows nothing of the hub.

use crate::content::kind::Kind;
use serde::Serialize;

/// One searchable item as the index holds it. A build's documents are sorted by `key`, which
/// fixes their ids in the export.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchDoc {
    /// Stable key: the item's site path with any `#anchor` (the same as `url`).
    pub key: String,
    /// The content kind's key (`case-study`, `zone`, `resource`, …), a facet.
    pub kind: &'static str,
    /// The title, where a word counts three times one in the body.
    pub title: String,
    /// The summary, where a word counts twice one in the body; shown with the result.
    pub summary: String,
    /// The body's plain text (for a case study, after the cluster's name).
    pub body: String,
    /// Site path, possibly with `#anchor`.
    pub url: String,
    /// A case study's `published` date (`YYYY-MM-DD`); `None` for the other kinds.
    pub date: Option<String>,
    /// Keys of the boards it is tagged with, a facet.
    pub board: Vec<String>,
    /// Keys of the zones it is tagged with, a facet.
    pub zone: Vec<String>,
    /// Keys of the components it is tagged with, a facet.
    pub component: Vec<String>,
    /// Keys of the topics it is tagged with, a facet.
    pub topic: Vec<String>,
    /// The body's headings, where a result can also lead (`search::sections`).
    pub sections: Vec<super::sections::Section>,
}

impl SearchDoc {
    /// The values of facet `name` (one of `search::FACETS`) the document holds.
    pub(crate) fn facet(&self, name: &str) -> Vec<&str> {
        let held = match name {
            "kind" => return vec![self.kind],
            "board" => &self.board,
            "zone" => &self.zone,
            "component" => &self.component,
            "topic" => &self.topic,
            _ => return Vec::new(),
        };
        held.iter().map(String::as_str).collect()
    }
}

/// Display names of the kinds, for results and filters.
pub(crate) const KINDS: [(&str, &str); 7] = {
    let k = Kind::SEARCHED;
    [
        (k[0].key(), k[0].label()),
        (k[1].key(), k[1].label()),
        (k[2].key(), k[2].label()),
        (k[3].key(), k[3].label()),
        (k[4].key(), k[4].label()),
        (k[5].key(), k[5].label()),
        (k[6].key(), k[6].label()),
    ]
};

/// Display names of every facet value, for the search page's filters.
/// Facet → value key → display name.
pub type FacetNames =
    std::collections::BTreeMap<&'static str, std::collections::BTreeMap<String, String>>;
