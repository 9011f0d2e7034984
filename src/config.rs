//! `hub.yaml`: the hub's settings and the vocabularies every item is checked against.

pub(crate) mod address;
mod branch;
mod language;
mod synonyms;
mod validate;

pub(crate) use validate::check as validate;

use serde::{Deserialize, Serialize};

/// `hub.yaml`, parsed: the hub's settings and the vocabularies content is checked against.
/// Unknown fields are errors.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubConfig {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    /// The https address the hub is published at, with no `?` or `#` part since paths are added
    /// to it. `--base-url` replaces it, and may give an http address.
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
    /// The NHS boards (the 14 territorial boards); case studies and partnerships name theirs by
    /// key.
    pub boards: Vec<Term>,
    /// The health and social care partnerships (the 31 of Scotland), each within a board.
    pub hscps: Vec<Hscp>,
    /// The 12 components of successful cluster working, each in one of four groups.
    pub components: Vec<Component>,
    pub(crate) topics: Vec<Term>,
    /// The roles induction packs are written for (a pack's `role`), such as Practice Quality
    /// Lead.
    #[serde(default)]
    pub roles: Vec<Term>,
    /// How the hub's search reads queries.
    #[serde(default)]
    pub(crate) search: SearchSettings,
}

/// `search:` in hub.yaml.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchSettings {
    /// Groups of words or phrases that mean the same (`[OOH, out of hours]`): a query saying
    /// one also finds the others. Checked by `validate`.
    #[serde(default)]
    pub(crate) synonyms: Vec<Vec<String>>,
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
    /// What content writes to name this entry.
    pub key: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
}

/// A health and social care partnership.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hscp {
    /// What a case study's `hscp` names it by.
    pub key: String,
    pub(crate) name: String,
    /// The key of the board it belongs to; a case study's `hscp` must belong to its `board`.
    pub board: String,
}

/// A component's `group:`, whose label it is shown with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ComponentGroup {
    /// `conditions`: what cluster working needs in place (in hub.yaml: vision and purpose,
    /// structure, governance, support, resources, relationships).
    Conditions,
    /// `core`: data, quality improvement, leadership and engagement.
    Core,
    /// `learning-system`: spotting, capturing and sharing learning between clusters.
    LearningSystem,
    /// `priorities`: agreeing what to work on from local needs and evidence.
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

/// One of the components of successful cluster working (`vision-purpose`, `data`, …), which
/// case studies and roadmaps name by key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) group: ComponentGroup,
    /// One line on what the component means for a cluster.
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
