//! Contexts of the case-study, zone and plain pages, and of the search and 404 pages.

use super::shared::{Card, CasePreview, ItemCommon, Link, Tag};
use crate::content::case_study::Outcome;
use crate::content::common::Resource;
use serde::Serialize;

/// `case_study.html`.
#[derive(Serialize)]
pub(crate) struct CaseStudyPage<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub cluster: &'a str,
    pub board: Tag,
    pub hscp: Option<&'a str>,
    pub zones: Vec<Tag>,
    pub components: Vec<Tag>,
    pub topics: Vec<Tag>,
    pub year: Tag,
    pub published: String,
    pub draft: bool,
    pub contact: Option<&'a str>,
    /// Each outcome as it is written; its numbers serialise as display strings.
    pub outcomes: &'a [Outcome],
    pub chart: Option<String>,
    pub related: Vec<Card>,
    /// Owned when the bodies stage did not keep it (`bodies::Html::ShownOnce`).
    pub body: std::borrow::Cow<'a, str>,
    pub common: ItemCommon<'a>,
    pub breadcrumbs: [Link<'a>; 1],
}

/// `zone.html`.
#[derive(Serialize)]
pub(crate) struct ZonePage<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub key: &'a str,
    pub body: &'a str,
    pub resource_groups: Vec<ResourceGroup<'a>>,
    pub resource_count: usize,
    #[serde(flatten)]
    pub cases: CasePreview,
    pub sections: Vec<ZoneSection<'a>>,
    pub basket_topics: Vec<ZoneTopic<'a>>,
    pub common: ItemCommon<'a>,
}

/// A zone's resources of one kind.
#[derive(Serialize)]
pub(crate) struct ResourceGroup<'a> {
    pub kind: &'static str,
    pub label: &'static str,
    pub resources: Vec<ZoneResource<'a>>,
}

/// A resource with its anchor on the zone page.
#[derive(Serialize)]
pub(crate) struct ZoneResource<'a> {
    #[serde(flatten)]
    pub resource: &'a Resource,
    /// Matches the search index's `#resource-N` links (N counts in file order).
    pub id: String,
}

/// An induction-pack section that covers the zone.
#[derive(Serialize)]
pub(crate) struct ZoneSection<'a> {
    pub title: &'a str,
    pub url: String,
    pub pack: &'a str,
    pub summary: Option<&'a str>,
}

/// A basket topic that covers the zone.
#[derive(Serialize)]
pub(crate) struct ZoneTopic<'a> {
    pub title: String,
    pub url: String,
    pub basket: &'a str,
    pub aim: &'a str,
}

/// `page.html`: an about or help page.
#[derive(Serialize)]
pub(crate) struct TextPage<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub body: &'a str,
    pub common: ItemCommon<'a>,
}

/// `search.html`; the results are the browser's.
#[derive(Serialize)]
pub(crate) struct SearchPage<'a> {
    pub title: &'a str,
    /// The filters the script turns on, rendered here so that the search index need not carry
    /// every facet value's name to the browser before a first result.
    pub filters: Vec<SearchFilter>,
}

/// One filter of the search page: a facet, its label and its values by display name.
#[derive(Serialize)]
pub(crate) struct SearchFilter {
    pub key: &'static str,
    pub label: &'static str,
    /// (value key, display name), in display-name order.
    pub options: Vec<(String, String)>,
}

/// `404.html`.
#[derive(Serialize)]
pub(crate) struct NotFoundPage<'a> {
    pub title: &'a str,
}
