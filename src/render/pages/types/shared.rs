//! Shapes that several page contexts repeat: links, tags, cards, the item footer.
//!
//! Field names are what the templates read, so renaming one is a theme-breaking change.

use crate::config::SourceDoc;
use serde::Serialize;
use std::collections::BTreeMap;

/// The part of every page's context that is the same on every page (`site` in templates).
#[derive(Serialize)]
pub struct SiteContext {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) language: String,
    pub(crate) repository: Option<String>,
    pub(crate) zones: Vec<ZoneLink>,
    pub(crate) footer: Vec<Link<'static>>,
    /// Asset name → its fingerprinted site path.
    pub(crate) assets: BTreeMap<String, String>,
    pub(crate) has_packs: bool,
    pub(crate) has_baskets: bool,
    pub(crate) has_roadmaps: bool,
}

/// A zone in the site-wide navigation.
#[derive(Serialize)]
pub(crate) struct ZoneLink {
    pub key: String,
    pub title: String,
    pub summary: String,
    pub url: String,
}

/// Everything a template is rendered with: the page's own context under `page`, the site's
/// under `site`, and where the page is.
#[derive(Serialize)]
pub(crate) struct RenderContext<'a> {
    pub site: &'a SiteContext,
    pub page: &'a super::PageContext<'a>,
    /// The relative (or, on the 404 page, absolute) prefix that reaches the site root.
    pub root: &'a str,
    pub path: &'a str,
    pub canonical: &'a str,
}

/// A titled link; breadcrumbs, footer links and previous/next links are these.
#[derive(Serialize)]
pub(crate) struct Link<'a> {
    pub title: std::borrow::Cow<'a, str>,
    pub url: String,
}

impl<'a> Link<'a> {
    pub fn new(title: impl Into<std::borrow::Cow<'a, str>>, url: String) -> Link<'a> {
        Link {
            title: title.into(),
            url,
        }
    }
}

/// A link with a one-line summary, as the home page lists packs, roadmaps and baskets.
#[derive(Serialize)]
pub(crate) struct Teaser<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: &'a str,
}

/// A facet value an item is tagged with, linking to its list of case studies.
#[derive(Serialize)]
pub(crate) struct Tag {
    pub key: String,
    pub name: String,
    pub url: String,
}

/// One case study as a card in a list.
#[derive(Serialize, Clone)]
pub struct Card {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub cluster: String,
    pub board: String,
    pub published: String,
    pub kind: &'static str,
}

/// The newest case studies of a facet value, with how many there are and where the full
/// list is (flattened into zone, basket-topic and browse contexts).
#[derive(Serialize)]
pub(crate) struct CasePreview {
    pub case_studies: Vec<Card>,
    pub case_studies_total: usize,
    pub case_studies_url: String,
}

/// A checklist item or self-assessment question; `id` keys the browser's saved ticks.
#[derive(Serialize)]
pub(crate) struct CheckItem<'a> {
    pub id: String,
    pub text: &'a str,
}

/// What every item page shows under its body: sources, suggest-a-change, review notice.
#[derive(Serialize)]
pub(crate) struct ItemCommon<'a> {
    pub sources: Vec<&'a SourceDoc>,
    pub edit_url: Option<String>,
    pub owner: Option<String>,
    pub updated: Option<String>,
    pub review_by: Option<String>,
    pub review_due: bool,
}
