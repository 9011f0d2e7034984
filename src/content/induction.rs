//! `induction/<pack>/`: an induction pack for one role, `index.md` and its sections
//! `NN-<slug>.md` in number order.

use super::common::{impl_common, Date};
use serde::{Deserialize, Serialize};

/// `induction/<pack>/index.md`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub(crate) title: String,
    pub(crate) role: String,
    pub(crate) summary: String,
    /// Who keeps the pack up to date; a section without its own `owner` falls back to this one.
    pub owner: Option<String>,
    pub(crate) updated: Option<Date>,
    pub(crate) review_by: Option<Date>,
    /// Keys of `hub.yaml` `sources:` the pack credits, at the foot of its page.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `induction/<pack>/NN-<slug>.md`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    #[serde(default)]
    pub(crate) checklist: Vec<String>,
    #[serde(default)]
    pub(crate) zones: Vec<String>,
    pub(crate) owner: Option<String>,
    pub(crate) updated: Option<Date>,
    pub(crate) review_by: Option<Date>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

impl_common!(PackMeta, SectionMeta);

/// Split `01-the-role` into its order and slug.
pub(crate) fn section_order_and_slug(stem: &str) -> Option<(u32, &str)> {
    let (num, slug) = stem.split_once('-')?;
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) || slug.is_empty() {
        return None;
    }
    Some((num.parse().ok()?, slug))
}
