//! `pages/<slug>.md`: free-standing pages, served at `<slug>/`.

use super::common::{impl_common, Date};
use serde::{Deserialize, Serialize};

/// Free-standing pages: about, accessibility statement, privacy, contributing.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    /// Who keeps the page up to date, such as the hub's editorial team.
    pub owner: Option<String>,
    pub(crate) updated: Option<Date>,
    pub(crate) review_by: Option<Date>,
    /// Keys of `hub.yaml` `sources:` the page credits, at its foot.
    #[serde(default)]
    pub sources: Vec<String>,
}

impl_common!(PageMeta);
