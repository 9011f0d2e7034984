//! Contexts of the pages that list things: home, `list.html` and the case-study lists.

use super::shared::{Card, Link, Teaser};
use serde::Serialize;

/// `home.html`.
#[derive(Serialize)]
pub(crate) struct HomePage<'a> {
    pub title: &'a str,
    pub newest: Vec<Card>,
    pub case_study_count: usize,
    pub packs: Vec<Teaser<'a>>,
    pub roadmaps: Vec<Teaser<'a>>,
    pub baskets: Vec<Teaser<'a>>,
}

/// `list.html`: packs, baskets, roadmaps, facet values and browse sections.
#[derive(Serialize)]
pub(crate) struct ListPage<'a> {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intro: Option<&'a str>,
    pub items: Vec<ListItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breadcrumbs: Option<Vec<Link<'a>>>,
}

/// One entry of `list.html`. The template tests `count is defined`, so an absent field is
/// left out rather than written as null.
#[derive(Serialize)]
pub(crate) struct ListItem<'a> {
    pub title: std::borrow::Cow<'a, str>,
    pub url: String,
    /// Absent on facet values; null where a vocabulary term has no description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count_label: Option<&'a str>,
}

impl<'a> ListItem<'a> {
    /// An entry with only its title and link; the builders add what each list shows.
    pub fn new(title: impl Into<std::borrow::Cow<'a, str>>, url: String) -> ListItem<'a> {
        ListItem {
            title: title.into(),
            url,
            summary: None,
            group: None,
            count: None,
            count_label: None,
        }
    }

    pub fn summary(mut self, summary: Option<&'a str>) -> Self {
        self.summary = Some(summary);
        self
    }

    pub fn count(mut self, count: usize, label: Option<&'a str>) -> Self {
        self.count = Some(count);
        self.count_label = label;
        self
    }

    pub fn group(mut self, group: &'a str) -> Self {
        self.group = Some(group);
        self
    }
}

/// `case_study_list.html`: one page of all case studies or of one facet value's.
#[derive(Serialize)]
pub(crate) struct CaseListPage<'a> {
    pub title: String,
    pub heading: String,
    pub total: usize,
    pub cards: Vec<Card>,
    pub facets: Vec<FacetNav<'a>>,
    pub filtered: bool,
    pub pagination: Pagination,
    pub breadcrumbs: Vec<Link<'a>>,
}

/// One facet in the list page's navigation, with every value it has.
#[derive(Serialize)]
pub(crate) struct FacetNav<'a> {
    pub key: &'static str,
    pub label: &'static str,
    pub values: Vec<FacetValue<'a>>,
}

#[derive(Serialize)]
pub(crate) struct FacetValue<'a> {
    pub key: &'a str,
    pub name: String,
    pub url: String,
    /// This value is the list being shown.
    pub current: bool,
}

#[derive(Serialize)]
pub(crate) struct Pagination {
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub links: Vec<PageLink>,
}

/// A numbered page link, or the gap between two runs of them.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum PageLink {
    Page {
        n: usize,
        url: String,
        current: bool,
    },
    Gap {
        gap: bool,
    },
}
