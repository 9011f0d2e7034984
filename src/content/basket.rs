use super::common::{impl_common, text, Date, Resource};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasketMeta {
    pub title: String,
    #[serde(deserialize_with = "text")]
    pub period: String,
    pub summary: String,
    pub topics: Vec<BasketTopic>,
    pub owner: Option<String>,
    pub updated: Option<Date>,
    pub review_by: Option<Date>,
    #[serde(default)]
    pub sources: Vec<String>,
}

impl_common!(BasketMeta);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasketTopic {
    pub topic: String,
    pub aim: String,
    pub why: Option<String>,
    #[serde(default)]
    pub measures: Vec<String>,
    #[serde(default)]
    pub change_ideas: Vec<String>,
    #[serde(default)]
    pub zones: Vec<String>,
    #[serde(default)]
    pub resources: Vec<Resource>,
}
