use super::common::{impl_common, Date};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapMeta {
    pub title: String,
    pub summary: String,
    pub stages: Vec<Stage>,
    pub components: Vec<RoadmapComponent>,
    pub owner: Option<String>,
    pub updated: Option<Date>,
    pub review_by: Option<Date>,
    #[serde(default)]
    pub sources: Vec<String>,
}

impl_common!(RoadmapMeta);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub key: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapComponent {
    pub component: String,
    pub descriptors: Vec<String>,
    #[serde(default)]
    pub questions: Vec<String>,
}
