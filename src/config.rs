//! `hub.yaml`: the hub's settings and the vocabularies every item is checked against.

pub(crate) mod address;
mod branch;
mod language;
mod validate;

pub(crate) use validate::check as validate;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubConfig {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub(crate) language: String,
    /// Repository whose files the "Suggest a change" links open.
    pub(crate) repository: Option<String>,
    /// Branch those links point at.
    #[serde(default = "default_branch")]
    pub(crate) branch: String,
    /// Theme folder under `themes/`; templates missing from it fall back to `default`.
    pub(crate) theme: Option<String>,
    #[serde(default)]
    pub(crate) sources: Vec<SourceDoc>,
    pub boards: Vec<Term>,
    pub hscps: Vec<Hscp>,
    pub components: Vec<Component>,
    pub(crate) topics: Vec<Term>,
    #[serde(default)]
    pub roles: Vec<Term>,
}

fn default_language() -> String {
    "en-GB".to_string()
}

fn default_branch() -> String {
    "main".to_string()
}

/// An entry of a simple vocabulary (boards, topics, roles).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub key: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hscp {
    pub key: String,
    pub(crate) name: String,
    pub board: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ComponentGroup {
    Conditions,
    Core,
    LearningSystem,
    Priorities,
}

impl ComponentGroup {
    pub(crate) fn label(self) -> &'static str {
        match self {
            ComponentGroup::Conditions => "Conditions",
            ComponentGroup::Core => "Core",
            ComponentGroup::LearningSystem => "Learning system",
            ComponentGroup::Priorities => "Priorities",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) group: ComponentGroup,
    pub description: Option<String>,
}

/// A source document that content credits.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceDoc {
    pub(crate) key: String,
    pub(crate) title: String,
    pub(crate) publisher: Option<String>,
    #[serde(default, deserialize_with = "crate::content::common::opt_text")]
    pub(crate) date: Option<String>,
    pub(crate) licence: Option<String>,
    /// Checked by `validate` (not while parsing), so every bad address is reported in one run.
    pub(crate) url: Option<String>,
}
