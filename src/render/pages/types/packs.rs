//! Contexts of the induction-pack pages: a pack, one section, and the printable pack.

use super::shared::{CheckItem, ItemCommon, Link, Tag};
use serde::Serialize;

/// `pack.html`.
#[derive(Serialize)]
pub(crate) struct PackPage<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub role: Option<&'a str>,
    pub key: &'a str,
    pub body: &'a str,
    pub sections: Vec<SectionTeaser<'a>>,
    pub print_url: String,
    pub common: ItemCommon<'a>,
    pub breadcrumbs: [Link<'a>; 1],
}

/// A section as its pack's page lists it.
#[derive(Serialize)]
pub(crate) struct SectionTeaser<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: Option<&'a str>,
    pub checklist_count: usize,
}

/// `pack_section.html`.
#[derive(Serialize)]
pub(crate) struct SectionPage<'a> {
    pub title: &'a str,
    pub pack: PackRef<'a>,
    pub section: Section<'a>,
    pub total: usize,
    pub prev: Option<Link<'a>>,
    pub next: Option<Link<'a>>,
    pub common: ItemCommon<'a>,
    pub breadcrumbs: [Link<'a>; 2],
}

/// The pack a section belongs to.
#[derive(Serialize)]
pub(crate) struct PackRef<'a> {
    pub title: &'a str,
    pub url: String,
    pub key: &'a str,
    pub print_url: String,
}

/// A section in full, as its own page and the printable pack show it.
#[derive(Serialize)]
pub(crate) struct Section<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub slug: &'a str,
    /// From 1, in pack order.
    pub number: usize,
    pub checklist: Vec<CheckItem<'a>>,
    pub zones: Vec<Tag>,
    pub body: &'a str,
}

/// `pack_print.html`: the whole pack on one page.
#[derive(Serialize)]
pub(crate) struct PackPrintPage<'a> {
    pub title: String,
    pub heading: &'a str,
    pub summary: &'a str,
    pub key: &'a str,
    pub body: &'a str,
    pub sections: Vec<Section<'a>>,
    pub common: ItemCommon<'a>,
    pub breadcrumbs: [Link<'a>; 2],
}
