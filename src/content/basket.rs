//! `baskets/<slug>.md`: topic baskets, each the improvement topics for a period with their
//! aims, measures, change ideas and resources.

use super::common::{impl_common, text, Date, Resource};
use serde::{Deserialize, Serialize};

/// Front matter of `baskets/<slug>.md`: a topic basket, the improvement topics for a period,
/// each with its aim, measures, change ideas and resources.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasketMeta {
    pub(crate) title: String,
    /// The period the basket covers, as written (`2022 onwards`); a bare year is read as text.
    #[serde(deserialize_with = "text")]
    pub period: String,
    pub(crate) summary: String,
    pub(crate) topics: Vec<BasketTopic>,
    pub(crate) owner: Option<String>,
    pub(crate) updated: Option<Date>,
    pub(crate) review_by: Option<Date>,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

impl_common!(BasketMeta);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BasketTopic {
    pub(crate) topic: String,
    pub(crate) aim: String,
    pub(crate) why: Option<String>,
    #[serde(default)]
    pub(crate) measures: Vec<String>,
    #[serde(default)]
    pub(crate) change_ideas: Vec<String>,
    #[serde(default)]
    pub(crate) zones: Vec<String>,
    #[serde(default)]
    pub(crate) resources: Vec<Resource>,
}
