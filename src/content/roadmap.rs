use super::common::{impl_common, Date};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapMeta {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub stages: Vec<Stage>,
    pub components: Vec<RoadmapComponent>,
    pub(crate) owner: Option<String>,
    pub(crate) updated: Option<Date>,
    pub(crate) review_by: Option<Date>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

impl_common!(RoadmapMeta);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapComponent {
    pub component: String,
    pub descriptors: Vec<String>,
    #[serde(default)]
    pub questions: Vec<String>,
}
