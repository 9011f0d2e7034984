//! `zones/<zone>.md`: the six zones, each with what it is for a cluster and its learning
//! resources.

use super::common::{impl_common, Date, Resource};
use serde::{Deserialize, Serialize};

/// The six zones, in the order the hub presents them.
pub(crate) const ZONE_KEYS: [&str; 6] = [
    "data",
    "quality-improvement",
    "leadership",
    "facilitation",
    "evidence-evaluation",
    "case-studies",
];

/// Front matter of `zones/<zone>.md`, one of the six zones: what the zone is for a cluster,
/// and its learning resources.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneMeta {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) order: Option<u32>,
    #[serde(default)]
    pub(crate) resources: Vec<Resource>,
    pub(crate) owner: Option<String>,
    pub(crate) updated: Option<Date>,
    pub(crate) review_by: Option<Date>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

impl_common!(ZoneMeta);
