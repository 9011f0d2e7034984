//! Every HTML page of the site as a job: which template, at which path, with what context.
//!
//! Jobs are listed first (cheap), then contexts are built and rendered in parallel, so no page
//! holds more data than it shows. `jobs.rs` lists the pages and what each shows of the case
//! studies (for serve); `context.rs` and `item_context.rs` build each page's context.

mod context;
mod item_context;
mod jobs;
mod types;

use super::bodies::Bodies;
use super::chart;
use crate::config::SourceDoc;
use crate::content::common::{Common, HasCommon, ResourceKind};
use crate::content::facet::{Browse, Facet};
use crate::content::item::ItemId;
use crate::content::kind::Kind;
use crate::content::Doc;
use crate::link::Site;
use crate::routes;
use std::collections::BTreeMap;
pub(crate) use types::RenderContext;
pub use types::{Card, SiteContext};
use types::{CasePreview, ItemCommon, Link, Tag, ZoneLink};

pub const PER_PAGE: usize = 20;
/// How many of the newest case studies a zone, basket topic or browse page shows before
/// linking to the full, paginated list.
pub const PREVIEW: usize = 12;
/// How many of the newest case studies the home page shows.
pub const HOME_NEWEST: usize = 6;

/// Facet → value key → case-study indices (newest first).
pub type Facets = BTreeMap<&'static str, BTreeMap<String, Vec<usize>>>;

/// Where each case study is listed: its facet lists and the related lists it is in. Depends
/// only on what places a case study (date, board, zones, components, topics, draft), so an
/// edit that leaves those alone keeps it, and `serve` re-renders only the pages showing it.
pub struct Placement {
    pub facets: Facets,
    /// Related case studies of each case study (see `related.rs`).
    pub related: Vec<Vec<usize>>,
}

impl Placement {
    /// Where every published case study of `site` is listed.
    pub fn new(site: &Site) -> Placement {
        // Both read every case study's tags; on two cores they go side by side.
        let (facets, related) =
            rayon::join(|| facets_of(site), || super::related::related_all(site));
        Placement { facets, related }
    }

    /// The same after an edit, from the last build's related lists (`related::again`):
    /// `before` in `site`'s numbering, and the case studies `edited`.
    pub fn again(
        site: &Site,
        before: &[Vec<Option<usize>>],
        edited: &std::collections::HashSet<usize>,
    ) -> Placement {
        let (facets, related) = rayon::join(
            || facets_of(site),
            || super::related::again(site, before, edited),
        );
        Placement { facets, related }
    }
}

/// Each facet value's published case studies, newest first.
fn facets_of<'a>(site: &'a Site) -> Facets {
    let c = &site.content;
    // Values borrowed and hashed while the lists grow, owned once at the end: `serve` works
    // this out again after each added case study.
    let mut lists: crate::hash::FnvMap<(Facet, &'a str), Vec<usize>> = Default::default();
    let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for &i in &site.case_studies {
        let m = &c.case_studies[i].meta;
        let mut add = |f: Facet, vs: &mut dyn Iterator<Item = &'a String>| {
            for v in vs {
                let list = lists.entry((f, v.as_str())).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        };
        add(Facet::Board, &mut std::iter::once(&m.board));
        add(Facet::Zone, &mut m.zones.iter());
        add(Facet::Component, &mut m.components.iter());
        add(Facet::Topic, &mut m.topics.iter());
        years.entry(m.published.year()).or_default().push(i);
    }
    let mut facets: Facets = Facet::ALL
        .iter()
        .map(|f| (f.key(), BTreeMap::new()))
        .collect();
    for ((f, v), list) in lists {
        if let Some(m) = facets.get_mut(f.key()) {
            m.insert(v.to_string(), list);
        }
    }
    if let Some(m) = facets.get_mut(Facet::Year.key()) {
        m.extend(years.into_iter().map(|(y, list)| (y.to_string(), list)));
    }
    facets
}

/// One page of the site. An item's own page is `Item`, so a new kind of item gets its page
/// from `Site::published` without another entry here; the rest are pages made from many items.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    /// A published item's own page.
    Item(ItemId),
    /// A pack with all its sections, for printing.
    PackPrint(usize),
    /// The list of every item of a kind that has one (`routes::kind_list`).
    KindList(Kind),
    CaseList {
        facet: Option<(Facet, String)>,
        page: usize,
        pages: usize,
    },
    FacetIndex(Facet),
    BrowseIndex(Browse),
    BrowseItem(Browse, String),
    Search,
    NotFound,
}

/// Site-wide lookups computed once per build.
pub struct Index<'a> {
    pub site: &'a Site,
    pub bodies: &'a Bodies,
    pub facets: &'a Facets,
    /// What every page's context holds under `site`.
    pub base: SiteContext,
    pub today: chrono::NaiveDate,
    pub base_path: String,
    pub related: &'a [Vec<usize>],
}

impl<'a> Index<'a> {
    pub fn new(
        site: &'a Site,
        bodies: &'a Bodies,
        asset_paths: &BTreeMap<String, String>,
        placement: &'a Placement,
    ) -> Index<'a> {
        let c = &site.content;
        let cfg = &c.config;
        let zones = site
            .zones
            .iter()
            .map(|&i| {
                let z = &c.zones[i];
                ZoneLink {
                    key: z.slug.clone(),
                    title: z.meta.title.clone(),
                    summary: z.meta.summary.clone(),
                    url: routes::zone(&z.slug),
                }
            })
            .collect();
        let footer = c
            .pages
            .iter()
            .map(|p| Link::new(p.meta.title.clone(), routes::page(&p.slug)))
            .collect();
        let base = SiteContext {
            title: cfg.title.clone(),
            description: cfg.description.clone(),
            language: cfg.language.clone(),
            repository: cfg.repository.clone(),
            zones,
            footer,
            assets: asset_paths.clone(),
            has_packs: !c.packs.is_empty(),
            has_baskets: !c.baskets.is_empty(),
            has_roadmaps: !c.roadmaps.is_empty(),
        };
        Index {
            site,
            bodies,
            facets: &placement.facets,
            base,
            today: site.options.today,
            base_path: routes::base_path(&cfg.base_url),
            related: &placement.related,
        }
    }

    pub fn card(&self, i: usize) -> Card {
        let d = &self.site.content.case_studies[i];
        Card {
            title: d.meta.title.clone(),
            url: routes::case_study(&d.slug),
            summary: d.meta.summary.clone(),
            cluster: d.meta.cluster.clone(),
            board: self.board_name(&d.meta.board),
            published: d.meta.published.to_string(),
            kind: Kind::CaseStudy.label(),
        }
    }

    pub(super) fn cards(&self, idx: &[usize]) -> Vec<Card> {
        idx.iter().map(|&i| self.card(i)).collect()
    }

    pub(super) fn board_name(&self, key: &str) -> String {
        let cfg = &self.site.content.config;
        self.site
            .vocab
            .boards
            .get(key)
            .map_or_else(|| key.to_string(), |&i| cfg.boards[i].name.clone())
    }

    /// Display name of a facet value.
    pub fn facet_name(&self, f: Facet, key: &str) -> String {
        let cfg = &self.site.content.config;
        let v = &self.site.vocab;
        match f {
            Facet::Board => self.board_name(key),
            Facet::Zone => self.zone_title(key),
            Facet::Component => v
                .components
                .get(key)
                .map_or_else(|| key.to_string(), |&i| cfg.components[i].name.clone()),
            Facet::Topic => v
                .topics
                .get(key)
                .map_or_else(|| key.to_string(), |&i| cfg.topics[i].name.clone()),
            Facet::Year => key.to_string(),
        }
    }

    pub(super) fn zone_title(&self, key: &str) -> String {
        self.site
            .content
            .zones
            .iter()
            .find(|z| z.slug == key)
            .map_or_else(|| key.to_string(), |z| z.meta.title.clone())
    }

    pub(super) fn tag(&self, f: Facet, key: &str) -> Tag {
        Tag {
            key: key.to_string(),
            name: self.facet_name(f, key),
            url: routes::tag(f, key),
        }
    }

    pub(super) fn tags(&self, f: Facet, keys: &[String]) -> Vec<Tag> {
        keys.iter().map(|k| self.tag(f, k)).collect()
    }

    /// The newest case studies of facet value `key`, as zone, basket and browse pages show.
    pub(super) fn case_preview(&self, f: Facet, key: &str) -> CasePreview {
        let cases = self.facets[f.key()].get(key).map_or(&[][..], Vec::as_slice);
        CasePreview {
            case_studies: self.cards(preview(cases)),
            case_studies_total: cases.len(),
            case_studies_url: routes::case_list_base(Some((f, key))),
        }
    }

    pub(super) fn sources(&self, keys: &[String]) -> Vec<&'a SourceDoc> {
        let site: &'a Site = self.site;
        keys.iter()
            .filter_map(|k| {
                site.vocab
                    .sources
                    .get(k)
                    .map(|&i| &site.content.config.sources[i])
            })
            .collect()
    }

    /// Fields every item page shows: sources, suggest-a-change, review notice.
    pub(super) fn common(&self, rel: &str, c: Common) -> ItemCommon<'a> {
        let cfg = &self.site.content.config;
        let edit_url = cfg.repository.as_ref().map(|r| {
            format!(
                "{}/edit/{}/content/{rel}",
                r.trim_end_matches('/'),
                cfg.branch
            )
        });
        ItemCommon {
            sources: self.sources(&c.sources),
            edit_url,
            review_due: c.review_by.is_some_and(|d| d.0 < self.today),
            owner: c.owner,
            updated: c.updated.map(|d| d.to_string()),
            review_by: c.review_by.map(|d| d.to_string()),
        }
    }

    pub(super) fn doc_common<M: HasCommon>(&self, d: &Doc<M>) -> ItemCommon<'a> {
        self.common(&d.src.rel, d.meta.common())
    }
}

/// The items on page `page` (from 1) of a paginated list.
pub(super) fn page_slice(items: &[usize], page: usize) -> &[usize] {
    let start = ((page - 1) * PER_PAGE).min(items.len());
    &items[start..(start + PER_PAGE).min(items.len())]
}

/// The first of a list, as zone, basket and browse pages show them.
pub(super) fn preview(items: &[usize]) -> &[usize] {
    &items[..items.len().min(PREVIEW)]
}

pub(super) fn list_base(facet: Option<&(Facet, String)>) -> String {
    routes::case_list_base(facet.map(|(f, k)| (*f, k.as_str())))
}

/// Page numbers to link from page `page` of `pages`: the first, the last, and two either side
/// of the current one, with `None` for each gap. Linking every page would make each list page
/// grow with the list, and the whole site with its square.
pub fn page_window(page: usize, pages: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(page) <= 2 {
            if n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

pub(super) fn paginate(jobs: &mut Vec<Job>, facet: Option<(Facet, String)>, items: &[usize]) {
    let pages = items.len().div_ceil(PER_PAGE).max(1);
    for page in 1..=pages {
        jobs.push(Job::CaseList {
            facet: facet.clone(),
            page,
            pages,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    pub(super) fn pagination_links_a_window_not_every_page() {
        assert_eq!(page_window(1, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(1, 500),
            [Some(1), Some(2), Some(3), None, Some(500)]
        );
        assert_eq!(
            page_window(250, 500),
            [
                Some(1),
                None,
                Some(248),
                Some(249),
                Some(250),
                Some(251),
                Some(252),
                None,
                Some(500)
            ]
        );
        assert_eq!(
            page_window(4, 5),
            [Some(1), Some(2), Some(3), Some(4), Some(5)]
        );
    }
}
