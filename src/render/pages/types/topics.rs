//! Contexts of the basket, roadmap and browse pages.

use super::shared::{CasePreview, CheckItem, ItemCommon, Link, Tag};
use crate::content::common::Resource;
use crate::content::roadmap::Stage;
use serde::Serialize;

/// `basket.html`.
#[derive(Serialize)]
pub(crate) struct BasketPage<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub period: &'a str,
    pub topics: Vec<BasketTopic<'a>>,
    pub body: &'a str,
    pub common: ItemCommon<'a>,
    pub breadcrumbs: [Link<'a>; 1],
}

/// One topic of a basket, with the case studies on it.
#[derive(Serialize)]
pub(crate) struct BasketTopic<'a> {
    pub key: &'a str,
    pub name: String,
    pub url: String,
    pub aim: &'a str,
    pub why: Option<&'a str>,
    pub measures: &'a [String],
    pub change_ideas: &'a [String],
    pub zones: Vec<Tag>,
    pub resources: &'a [Resource],
    #[serde(flatten)]
    pub cases: CasePreview,
}

/// `roadmap.html`.
#[derive(Serialize)]
pub(crate) struct RoadmapPage<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub key: &'a str,
    pub stages: &'a [Stage],
    pub components: Vec<RoadmapComponent<'a>>,
    pub body: &'a str,
    pub common: ItemCommon<'a>,
    pub breadcrumbs: [Link<'a>; 1],
}

/// One component a roadmap assesses. `group` and `description` are null when the
/// component is not in the vocabulary (the build has reported it).
#[derive(Serialize)]
pub(crate) struct RoadmapComponent<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub group: Option<&'static str>,
    pub description: Option<&'a str>,
    pub url: String,
    pub descriptors: &'a [String],
    pub questions: Vec<CheckItem<'a>>,
}

/// `browse.html`: one board, topic or component.
#[derive(Serialize)]
pub(crate) struct BrowsePage<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub section: &'static str,
    #[serde(flatten)]
    pub cases: CasePreview,
    pub breadcrumbs: [Link<'a>; 1],
    #[serde(flatten)]
    pub extra: BrowseExtra<'a>,
}

/// What only one kind of browse page shows; its fields sit beside the common ones.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum BrowseExtra<'a> {
    Board {
        hscps: Vec<&'a str>,
    },
    Topic {
        basket_topics: Vec<BrowseTopic<'a>>,
    },
    Component {
        roadmaps: Vec<Link<'a>>,
        group: &'static str,
    },
}

/// A basket's entry for the topic being browsed.
#[derive(Serialize)]
pub(crate) struct BrowseTopic<'a> {
    pub basket: &'a str,
    pub url: String,
    pub aim: &'a str,
}
