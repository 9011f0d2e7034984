use super::common::{impl_common, Date, Resource};
use serde::{Deserialize, Serialize};

/// The six zones, in the order the hub presents them.
pub const ZONE_KEYS: [&str; 6] = [
    "data",
    "quality-improvement",
    "leadership",
    "facilitation",
    "evidence-evaluation",
    "case-studies",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneMeta {
    pub title: String,
    pub summary: String,
    pub order: Option<u32>,
    #[serde(default)]
    pub resources: Vec<Resource>,
    pub owner: Option<String>,
    pub updated: Option<Date>,
    pub review_by: Option<Date>,
    #[serde(default)]
    pub sources: Vec<String>,
}

impl_common!(ZoneMeta);
