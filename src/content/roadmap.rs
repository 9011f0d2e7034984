//! `roadmaps/<slug>.md`: a roadmap's stages, and what each component of cluster working
//! looks like at each one.

use super::common::{impl_common, Date};
use serde::{Deserialize, Serialize};

/// Front matter of `roadmaps/<slug>.md`: the stages of cluster working and, for each
/// component, what it looks like at each stage.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapMeta {
    pub(crate) title: String,
    pub(crate) summary: String,
    /// The stages in order: at least one, each key once.
    pub stages: Vec<Stage>,
    /// What each component looks like along the stages: each component at most once, and a
    /// warning unless every component of `hub.yaml` is there.
    pub components: Vec<RoadmapComponent>,
    pub(crate) owner: Option<String>,
    pub(crate) updated: Option<Date>,
    pub(crate) review_by: Option<Date>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

impl_common!(RoadmapMeta);

/// One stage of a roadmap (`starting`, "Starting out").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
}

/// One component along a roadmap, with questions to reflect on.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapComponent {
    /// The component's key in `hub.yaml` `components:`.
    pub component: String,
    /// What the component looks like at each stage: exactly one per stage, in stage order.
    pub descriptors: Vec<String>,
    /// Questions a cluster asks itself about the component.
    #[serde(default)]
    pub questions: Vec<String>,
}
