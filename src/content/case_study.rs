use super::common::{impl_common, opt_text, Date};
use serde::{Deserialize, Serialize};

/// Longest summary allowed: it is shown on cards and in search results.
pub const SUMMARY_MAX_CHARS: usize = 300;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStudyMeta {
    pub title: String,
    pub summary: String,
    pub cluster: String,
    pub board: String,
    pub hscp: Option<String>,
    pub zones: Vec<String>,
    pub components: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub published: Date,
    pub updated: Option<Date>,
    pub review_by: Option<Date>,
    pub owner: Option<String>,
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// The only field where an email address or phone number may appear.
    pub contact: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub sources: Vec<String>,
}

impl_common!(CaseStudyMeta);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub measure: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub unit: Option<String>,
    #[serde(default, deserialize_with = "opt_text")]
    pub period: Option<String>,
}
