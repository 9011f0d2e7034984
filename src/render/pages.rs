//! Every HTML page of the site as a job: which template, at which path, with what context.
//!
//! Jobs are listed first (cheap), then contexts are built and rendered in parallel, so no page
//! holds more data than it shows.

use super::bodies::Bodies;
use super::chart;
use crate::content::common::{Common, HasCommon, ResourceKind};
use crate::content::facet::{Browse, Facet};
use crate::content::kind::Kind;
use crate::content::Doc;
use crate::link::Site;
use crate::routes;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

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
    pub fn new(site: &Site) -> Placement {
        let c = &site.content;
        let mut facets: Facets = BTreeMap::new();
        for f in Facet::ALL {
            facets.insert(f.key(), BTreeMap::new());
        }
        for &i in &site.case_studies {
            let m = &c.case_studies[i].meta;
            let mut add = |f: Facet, v: &str| {
                let list = facets
                    .get_mut(f.key())
                    .map(|m| m.entry(v.to_string()).or_default());
                if let Some(l) = list {
                    if l.last() != Some(&i) {
                        l.push(i);
                    }
                }
            };
            add(Facet::Board, &m.board);
            m.zones.iter().for_each(|z| add(Facet::Zone, z));
            m.components.iter().for_each(|z| add(Facet::Component, z));
            m.topics.iter().for_each(|z| add(Facet::Topic, z));
            add(Facet::Year, &m.published.year().to_string());
        }
        Placement {
            facets,
            related: super::related::related_all(site),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    Zone(usize),
    CaseStudy(usize),
    CaseList {
        facet: Option<(Facet, String)>,
        page: usize,
        pages: usize,
    },
    FacetIndex(Facet),
    PackList,
    Pack(usize),
    Section(usize, usize),
    PackPrint(usize),
    BasketList,
    Basket(usize),
    RoadmapList,
    Roadmap(usize),
    BrowseIndex(Browse),
    BrowseItem(Browse, String),
    Page(usize),
    Search,
    NotFound,
}

/// Site-wide lookups computed once per build.
pub struct Index<'a> {
    pub site: &'a Site,
    pub bodies: &'a Bodies,
    pub facets: &'a Facets,
    pub base: Value,
    pub today: chrono::NaiveDate,
    pub base_path: String,
    pub related: &'a [Vec<usize>],
}

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

impl<'a> Index<'a> {
    pub fn new(
        site: &'a Site,
        bodies: &'a Bodies,
        asset_paths: &BTreeMap<String, String>,
        placement: &'a Placement,
    ) -> Index<'a> {
        let c = &site.content;
        let cfg = &c.config;
        let zones: Vec<Value> = site.zones.iter().map(|&i| {
            let z = &c.zones[i];
            json!({"key": z.slug, "title": z.meta.title, "summary": z.meta.summary, "url": routes::zone(&z.slug)})
        }).collect();
        let footer: Vec<Value> = c
            .pages
            .iter()
            .map(|p| json!({"title": p.meta.title, "url": routes::page(&p.slug)}))
            .collect();
        let base = json!({
            "title": cfg.title,
            "description": cfg.description,
            "language": cfg.language,
            "repository": cfg.repository,
            "zones": zones,
            "footer": footer,
            "assets": asset_paths,
            "has_packs": !c.packs.is_empty(),
            "has_baskets": !c.baskets.is_empty(),
            "has_roadmaps": !c.roadmaps.is_empty(),
        });
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

    fn cards(&self, idx: &[usize]) -> Vec<Card> {
        idx.iter().map(|&i| self.card(i)).collect()
    }

    fn board_name(&self, key: &str) -> String {
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

    fn zone_title(&self, key: &str) -> String {
        self.site
            .content
            .zones
            .iter()
            .find(|z| z.slug == key)
            .map_or_else(|| key.to_string(), |z| z.meta.title.clone())
    }

    fn tag(&self, f: Facet, key: &str) -> Value {
        json!({"key": key, "name": self.facet_name(f, key), "url": routes::tag(f, key)})
    }

    fn tags(&self, f: Facet, keys: &[String]) -> Vec<Value> {
        keys.iter().map(|k| self.tag(f, k)).collect()
    }

    fn sources(&self, keys: &[String]) -> Vec<Value> {
        let cfg = &self.site.content.config;
        keys.iter()
            .filter_map(|k| {
                self.site
                    .vocab
                    .sources
                    .get(k)
                    .map(|&i| json!(cfg.sources[i]))
            })
            .collect()
    }

    /// Fields every item page shows: sources, suggest-a-change, review notice.
    fn common(&self, rel: &str, c: &Common) -> Value {
        let cfg = &self.site.content.config;
        let edit_url = cfg.repository.as_ref().map(|r| {
            format!(
                "{}/edit/{}/content/{rel}",
                r.trim_end_matches('/'),
                cfg.branch
            )
        });
        json!({
            "sources": self.sources(&c.sources),
            "edit_url": edit_url,
            "owner": c.owner,
            "updated": c.updated.map(|d| d.to_string()),
            "review_by": c.review_by.map(|d| d.to_string()),
            "review_due": c.review_by.is_some_and(|d| d.0 < self.today),
        })
    }

    fn doc_common<M: HasCommon>(&self, d: &Doc<M>) -> Value {
        self.common(&d.src.rel, &d.meta.common())
    }

    /// All jobs for the site.
    pub fn jobs(&self) -> Vec<Job> {
        let c = &self.site.content;
        let mut jobs = vec![Job::Home, Job::Search, Job::NotFound];
        jobs.extend(self.site.zones.iter().map(|&i| Job::Zone(i)));
        jobs.extend(self.site.case_studies.iter().map(|&i| Job::CaseStudy(i)));
        paginate(&mut jobs, None, &self.site.case_studies);
        for f in Facet::ALL {
            jobs.push(Job::FacetIndex(f));
            for (k, items) in &self.facets[f.key()] {
                paginate(&mut jobs, Some((f, k.clone())), items);
            }
        }
        if !c.packs.is_empty() {
            jobs.push(Job::PackList);
        }
        for (pi, p) in c.packs.iter().enumerate() {
            jobs.push(Job::Pack(pi));
            jobs.push(Job::PackPrint(pi));
            jobs.extend((0..p.sections.len()).map(|si| Job::Section(pi, si)));
        }
        if !c.baskets.is_empty() {
            jobs.push(Job::BasketList);
        }
        jobs.extend((0..c.baskets.len()).map(Job::Basket));
        if !c.roadmaps.is_empty() {
            jobs.push(Job::RoadmapList);
        }
        jobs.extend((0..c.roadmaps.len()).map(Job::Roadmap));
        let cfg = &c.config;
        for b in Browse::ALL {
            jobs.push(Job::BrowseIndex(b));
            let keys: Vec<String> = match b {
                Browse::Board => cfg.boards.iter().map(|t| t.key.clone()).collect(),
                Browse::Topic => cfg.topics.iter().map(|t| t.key.clone()).collect(),
                Browse::Component => cfg.components.iter().map(|t| t.key.clone()).collect(),
            };
            jobs.extend(keys.into_iter().map(|k| Job::BrowseItem(b, k)));
        }
        jobs.extend((0..c.pages.len()).map(Job::Page));
        jobs
    }

    /// The newest case studies, as the home page shows them.
    fn newest(&self) -> &[usize] {
        let all = &self.site.case_studies;
        &all[..all.len().min(HOME_NEWEST)]
    }

    /// The site path of `job`'s page (what `page` returns first, without building the page).
    pub fn path(&self, job: &Job) -> String {
        let c = &self.site.content;
        match job {
            Job::Home => routes::HOME.into(),
            Job::Zone(i) => routes::zone(&c.zones[*i].slug),
            Job::CaseStudy(i) => routes::case_study(&c.case_studies[*i].slug),
            Job::CaseList { facet, page, .. } => {
                routes::list_page(&list_base(facet.as_ref()), *page)
            }
            Job::FacetIndex(f) => routes::facet_index(*f),
            Job::PackList => routes::PACKS.into(),
            Job::Pack(pi) => routes::pack(&c.packs[*pi].key),
            Job::Section(pi, si) => {
                let p = &c.packs[*pi];
                routes::section(&p.key, &p.sections[*si].slug)
            }
            Job::PackPrint(pi) => routes::pack_print(&c.packs[*pi].key),
            Job::BasketList => routes::BASKETS.into(),
            Job::Basket(i) => routes::basket(&c.baskets[*i].slug),
            Job::RoadmapList => routes::ROADMAPS.into(),
            Job::Roadmap(i) => routes::roadmap(&c.roadmaps[*i].slug),
            Job::BrowseIndex(b) => routes::browse_index(*b),
            Job::BrowseItem(b, k) => routes::browse_item(*b, k),
            Job::Page(i) => routes::page(&c.pages[*i].slug),
            Job::Search => routes::SEARCH.into(),
            Job::NotFound => routes::NOT_FOUND.into(),
        }
    }

    /// What `job`'s page shows of the case studies: which ones (indices into
    /// `content.case_studies`), and a hash of the numbers it gives about their lists (totals,
    /// page counts, facet values). A page whose case studies and
    /// numbers are unchanged, and none of whose case studies was edited, is unchanged by an
    /// edit to case studies: `serve` re-renders only the others (`patch.rs`). `values` is
    /// `facet_values()`.
    pub fn shows(&self, job: &Job, values: u64) -> (Vec<usize>, u64) {
        let c = &self.site.content;
        let list = |f: Facet, k: &str| self.facets[f.key()].get(k).map_or(&[][..], Vec::as_slice);
        match job {
            Job::Home => {
                let all = &self.site.case_studies;
                (self.newest().to_vec(), crate::hash::of(&all.len()))
            }
            Job::Zone(z) => {
                let items = list(Facet::Zone, &c.zones[*z].slug);
                (preview(items).to_vec(), crate::hash::of(&items.len()))
            }
            Job::CaseStudy(i) => {
                let mut items = vec![*i];
                items.extend(self.related(*i));
                (items, 0)
            }
            Job::CaseList { facet, page, pages } => {
                let items = match facet {
                    None => &self.site.case_studies[..],
                    Some((f, k)) => list(*f, k),
                };
                let slice = page_slice(items, *page);
                (
                    slice.to_vec(),
                    crate::hash::of(&(pages, items.len(), values)),
                )
            }
            Job::FacetIndex(f) => (Vec::new(), self.value_counts(*f)),
            Job::BrowseIndex(b) => (Vec::new(), self.value_counts(b.facet())),
            Job::Basket(b) => {
                let mut items = Vec::new();
                let mut totals = Vec::new();
                for t in &c.baskets[*b].meta.topics {
                    let l = list(Facet::Topic, &t.topic);
                    items.extend_from_slice(preview(l));
                    totals.push(l.len());
                }
                (items, crate::hash::of(&totals))
            }
            Job::BrowseItem(b, k) => {
                let items = list(b.facet(), k);
                (preview(items).to_vec(), crate::hash::of(&items.len()))
            }
            _ => (Vec::new(), 0),
        }
    }

    /// A hash of facet `f`'s values and their case-study counts.
    fn value_counts(&self, f: Facet) -> u64 {
        let sizes: Vec<(&String, usize)> = self.facets[f.key()]
            .iter()
            .map(|(k, v)| (k, v.len()))
            .collect();
        crate::hash::of(&sizes)
    }

    /// A hash of every facet's values (every list page links them all).
    pub fn facet_values(&self) -> u64 {
        let keys: Vec<(&str, &String)> = self
            .facets
            .iter()
            .flat_map(|(f, m)| m.keys().map(move |k| (*f, k)))
            .collect();
        crate::hash::of(&keys)
    }

    /// (site path of the page, template, page-specific context).
    pub fn page(&self, job: &Job) -> (String, &'static str, Value) {
        let (template, context) = self.content(job);
        (self.path(job), template, context)
    }

    /// The template and page-specific context of `job`'s page.
    fn content(&self, job: &Job) -> (&'static str, Value) {
        let c = &self.site.content;
        match job {
            Job::Home => {
                let newest = self.newest();
                (
                    "home.html",
                    json!({
                        "title": c.config.title,
                        "newest": self.cards(newest),
                        "case_study_count": self.site.case_studies.len(),
                        "packs": c.packs.iter().map(|p| json!({"title": p.index.meta.title, "url": routes::pack(&p.key), "summary": p.index.meta.summary})).collect::<Vec<_>>(),
                        "roadmaps": c.roadmaps.iter().map(|r| json!({"title": r.meta.title, "url": routes::roadmap(&r.slug), "summary": r.meta.summary})).collect::<Vec<_>>(),
                        "baskets": c.baskets.iter().map(|b| json!({"title": b.meta.title, "url": routes::basket(&b.slug), "summary": b.meta.summary})).collect::<Vec<_>>(),
                    }),
                )
            }
            Job::Zone(i) => self.zone_page(*i),
            Job::CaseStudy(i) => self.case_study_page(*i),
            Job::CaseList { facet, page, pages } => {
                let items = match facet {
                    None => &self.site.case_studies[..],
                    Some((f, k)) => self.facets[f.key()].get(k).map_or(&[][..], Vec::as_slice),
                };
                self.case_list_page(facet.as_ref(), items, *page, *pages)
            }
            Job::FacetIndex(f) => {
                let values: Vec<Value> = self.facets[f.key()].iter().map(|(k, v)| json!({
                    "title": self.facet_name(*f, k), "url": routes::case_list_base(Some((*f, k))), "count": v.len()
                })).collect();
                (
                    "list.html",
                    json!({
                        "title": format!("Case studies by {}", f.label().to_lowercase()),
                        "items": values,
                        "breadcrumbs": [{"title": "Case studies", "url": routes::CASE_STUDIES}],
                    }),
                )
            }
            Job::PackList => (
                "list.html",
                json!({
                    "title": "Induction packs",
                    "intro": "Start here if you are new to a cluster role.",
                    "items": c.packs.iter().map(|p| json!({"title": p.index.meta.title, "url": routes::pack(&p.key), "summary": p.index.meta.summary, "count": p.sections.len(), "count_label": "sections"})).collect::<Vec<_>>(),
                }),
            ),
            Job::Pack(pi) => self.pack_page(*pi),
            Job::Section(pi, si) => self.section_page(*pi, *si),
            Job::PackPrint(pi) => self.pack_print_page(*pi),
            Job::BasketList => (
                "list.html",
                json!({
                    "title": "Topic baskets",
                    "intro": "Quality improvement topics offered to clusters, with aims, measures and change ideas.",
                    "items": c.baskets.iter().map(|b| json!({"title": b.meta.title, "url": routes::basket(&b.slug), "summary": b.meta.summary, "count": b.meta.topics.len(), "count_label": "topics"})).collect::<Vec<_>>(),
                }),
            ),
            Job::Basket(i) => self.basket_page(*i),
            Job::RoadmapList => (
                "list.html",
                json!({
                    "title": "Self-assessment roadmaps",
                    "items": c.roadmaps.iter().map(|r| json!({"title": r.meta.title, "url": routes::roadmap(&r.slug), "summary": r.meta.summary})).collect::<Vec<_>>(),
                }),
            ),
            Job::Roadmap(i) => self.roadmap_page(*i),
            Job::BrowseIndex(b) => self.browse_index(*b),
            Job::BrowseItem(b, k) => self.browse_item(*b, k),
            Job::Page(i) => {
                let p = &c.pages[*i];
                (
                    "page.html",
                    json!({
                        "title": p.meta.title, "summary": p.meta.summary,
                        "body": self.bodies.html(&p.src.rel), "common": self.doc_common(p),
                    }),
                )
            }
            Job::Search => ("search.html", json!({"title": "Search"})),
            Job::NotFound => ("404.html", json!({"title": "Page not found"})),
        }
    }

    fn zone_page(&self, i: usize) -> (&'static str, Value) {
        let c = &self.site.content;
        let z = &c.zones[i];
        let mut groups = Vec::new();
        for kind in ResourceKind::ALL {
            // `id` matches the search index's `#resource-N` links (N counts in file order).
            let items: Vec<Value> = z
                .meta
                .resources
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == kind)
                .map(|(n, r)| {
                    let mut v = json!(r);
                    v["id"] = json!(routes::resource_id(n));
                    v
                })
                .collect();
            if !items.is_empty() {
                groups.push(json!({"kind": kind.key(), "label": kind.label(), "resources": items}));
            }
        }
        let cases = self.facets["zone"]
            .get(&z.slug)
            .cloned()
            .unwrap_or_default();
        let mut sections = Vec::new();
        for p in &c.packs {
            for s in p.sections.iter().filter(|s| s.meta.zones.contains(&z.slug)) {
                sections.push(json!({"title": s.meta.title, "url": routes::section(&p.key, &s.slug), "pack": p.index.meta.title, "summary": s.meta.summary}));
            }
        }
        let mut topics = Vec::new();
        for b in &c.baskets {
            for t in b.meta.topics.iter().filter(|t| t.zones.contains(&z.slug)) {
                topics.push(json!({"title": self.facet_name(Facet::Topic, &t.topic), "url": routes::anchor(&routes::basket(&b.slug), &t.topic), "basket": b.meta.title, "aim": t.aim}));
            }
        }
        (
            "zone.html",
            json!({
                "title": z.meta.title, "summary": z.meta.summary, "key": z.slug,
                "body": self.bodies.html(&z.src.rel),
                "resource_groups": groups, "resource_count": z.meta.resources.len(),
                "case_studies": self.cards(preview(&cases)),
                "case_studies_total": cases.len(),
                "case_studies_url": routes::case_list_base(Some((Facet::Zone, &z.slug))),
                "sections": sections, "basket_topics": topics,
                "common": self.doc_common(z),
            }),
        )
    }

    fn case_study_page(&self, i: usize) -> (&'static str, Value) {
        let c = &self.site.content;
        let d = &c.case_studies[i];
        let m = &d.meta;
        let cfg = &c.config;
        let hscp = m.hscp.as_ref().and_then(|h| {
            self.site
                .vocab
                .hscps
                .get(h)
                .map(|&j| cfg.hscps[j].name.clone())
        });
        let outcomes: Vec<Value> = m.outcomes.iter().map(|o| json!({
            "measure": o.measure, "before": o.before.map(chart::fmt_num), "after": o.after.map(chart::fmt_num),
            "unit": o.unit, "period": o.period,
        })).collect();
        (
            "case_study.html",
            json!({
                "title": m.title, "summary": m.summary, "cluster": m.cluster,
                "board": self.tag(Facet::Board, &m.board), "hscp": hscp,
                "zones": self.tags(Facet::Zone, &m.zones),
                "components": self.tags(Facet::Component, &m.components),
                "topics": self.tags(Facet::Topic, &m.topics),
                "year": self.tag(Facet::Year, &m.published.year().to_string()),
                "published": m.published.to_string(), "draft": m.draft,
                "contact": m.contact,
                "outcomes": outcomes,
                "chart": chart::outcomes_svg(&m.outcomes, "outcomes"),
                "related": self.cards(&self.related(i)),
                "body": self.bodies.html(&d.src.rel),
                "common": self.doc_common(d),
                "breadcrumbs": [{"title": "Case studies", "url": routes::CASE_STUDIES}],
            }),
        )
    }

    /// Up to three case studies sharing the most topics (weighted double) and components.
    pub fn related(&self, i: usize) -> Vec<usize> {
        self.related.get(i).cloned().unwrap_or_default()
    }

    fn case_list_page(
        &self,
        facet: Option<&(Facet, String)>,
        items: &[usize],
        page: usize,
        pages: usize,
    ) -> (&'static str, Value) {
        let base = list_base(facet);
        let slice = page_slice(items, page);
        let facet_nav: Vec<Value> = Facet::ALL
            .iter()
            .map(|f| {
                json!({
                    "key": f.key(), "label": f.label(),
                    "values": self.facets[f.key()].keys().map(|k| json!({
                        "key": k, "name": self.facet_name(*f, k),
                        "url": routes::case_list_base(Some((*f, k))),
                        "current": facet.is_some_and(|(ff, kk)| ff == f && kk == k),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let title = match facet {
            None => "Case studies".to_string(),
            Some((f, k)) => format!("Case studies: {}", self.facet_name(*f, k)),
        };
        let pagination = json!({
            "page": page, "pages": pages,
            "prev": (page > 1).then(|| routes::list_page(&base, page - 1)),
            "next": (page < pages).then(|| routes::list_page(&base, page + 1)),
            "links": page_window(page, pages).into_iter().map(|n| match n {
                Some(n) => json!({"n": n, "url": routes::list_page(&base, n), "current": n == page}),
                None => json!({"gap": true}),
            }).collect::<Vec<_>>(),
        });
        let mut crumbs = vec![];
        if facet.is_some() {
            crumbs.push(json!({"title": "Case studies", "url": routes::CASE_STUDIES}));
        }
        (
            "case_study_list.html",
            json!({
                "title": if pages > 1 { format!("{title} (page {page} of {pages})") } else { title.clone() },
                "heading": title,
                "total": items.len(),
                "cards": self.cards(slice),
                "facets": facet_nav,
                "filtered": facet.is_some(),
                "pagination": pagination,
                "breadcrumbs": crumbs,
            }),
        )
    }

    fn pack_page(&self, pi: usize) -> (&'static str, Value) {
        let p = &self.site.content.packs[pi];
        let cfg = &self.site.content.config;
        let role = self
            .site
            .vocab
            .roles
            .get(&p.index.meta.role)
            .map(|&i| cfg.roles[i].name.clone());
        (
            "pack.html",
            json!({
                "title": p.index.meta.title, "summary": p.index.meta.summary, "role": role, "key": p.key,
                "body": self.bodies.html(&p.index.src.rel),
                "sections": p.sections.iter().map(|s| json!({"title": s.meta.title, "url": routes::section(&p.key, &s.slug), "summary": s.meta.summary, "checklist_count": s.meta.checklist.len()})).collect::<Vec<_>>(),
                "print_url": routes::pack_print(&p.key),
                "common": self.doc_common(&p.index),
                "breadcrumbs": [{"title": "Induction packs", "url": routes::PACKS}],
            }),
        )
    }

    fn section_value(&self, pi: usize, si: usize) -> Value {
        let p = &self.site.content.packs[pi];
        let s = &p.sections[si];
        json!({
            "title": s.meta.title, "summary": s.meta.summary, "slug": s.slug, "number": si + 1,
            "checklist": s.meta.checklist.iter().enumerate().map(|(n, item)| json!({"id": format!("{}-{}-{}", p.key, s.slug, n + 1), "text": item})).collect::<Vec<_>>(),
            "zones": self.tags(Facet::Zone, &s.meta.zones),
            "body": self.bodies.html(&s.src.rel),
        })
    }

    fn section_page(&self, pi: usize, si: usize) -> (&'static str, Value) {
        let p = &self.site.content.packs[pi];
        let s = &p.sections[si];
        let nav = |j: usize| json!({"title": p.sections[j].meta.title, "url": routes::section(&p.key, &p.sections[j].slug)});
        (
            "pack_section.html",
            json!({
                "title": s.meta.title,
                "pack": {"title": p.index.meta.title, "url": routes::pack(&p.key), "key": p.key, "print_url": routes::pack_print(&p.key)},
                "section": self.section_value(pi, si),
                "total": p.sections.len(),
                "prev": si.checked_sub(1).map(nav),
                "next": (si + 1 < p.sections.len()).then(|| nav(si + 1)),
                "common": self.doc_common(s),
                "breadcrumbs": [{"title": "Induction packs", "url": routes::PACKS}, {"title": p.index.meta.title, "url": routes::pack(&p.key)}],
            }),
        )
    }

    fn pack_print_page(&self, pi: usize) -> (&'static str, Value) {
        let p = &self.site.content.packs[pi];
        (
            "pack_print.html",
            json!({
                "title": format!("{} (printable)", p.index.meta.title),
                "heading": p.index.meta.title, "summary": p.index.meta.summary, "key": p.key,
                "body": self.bodies.html_on(&p.index.src.rel, &routes::pack_print(&p.key)),
                "sections": (0..p.sections.len()).map(|si| self.section_value(pi, si)).collect::<Vec<_>>(),
                "common": self.doc_common(&p.index),
                "breadcrumbs": [{"title": "Induction packs", "url": routes::PACKS}, {"title": p.index.meta.title, "url": routes::pack(&p.key)}],
            }),
        )
    }

    fn basket_page(&self, i: usize) -> (&'static str, Value) {
        let b = &self.site.content.baskets[i];
        let topics: Vec<Value> = b.meta.topics.iter().map(|t| {
            let cases = self.facets["topic"].get(&t.topic).cloned().unwrap_or_default();
            json!({
                "key": t.topic, "name": self.facet_name(Facet::Topic, &t.topic), "url": routes::tag(Facet::Topic, &t.topic),
                "aim": t.aim, "why": t.why, "measures": t.measures, "change_ideas": t.change_ideas,
                "zones": self.tags(Facet::Zone, &t.zones), "resources": t.resources,
                "case_studies": self.cards(preview(&cases)),
                "case_studies_total": cases.len(),
                "case_studies_url": routes::case_list_base(Some((Facet::Topic, &t.topic))),
            })
        }).collect();
        (
            "basket.html",
            json!({
                "title": b.meta.title, "summary": b.meta.summary, "period": b.meta.period,
                "topics": topics, "body": self.bodies.html(&b.src.rel), "common": self.doc_common(b),
                "breadcrumbs": [{"title": "Topic baskets", "url": routes::BASKETS}],
            }),
        )
    }

    fn roadmap_page(&self, i: usize) -> (&'static str, Value) {
        let r = &self.site.content.roadmaps[i];
        let cfg = &self.site.content.config;
        let comps: Vec<Value> = r.meta.components.iter().map(|rc| {
            let comp = self.site.vocab.components.get(&rc.component).map(|&j| &cfg.components[j]);
            json!({
                "key": rc.component,
                "name": comp.map_or(rc.component.as_str(), |c| c.name.as_str()),
                "group": comp.map(|c| c.group.label()),
                "description": comp.and_then(|c| c.description.clone()),
                "url": routes::tag(Facet::Component, &rc.component),
                "descriptors": rc.descriptors,
                "questions": rc.questions.iter().enumerate().map(|(n, q)| json!({"id": format!("{}-q{}", rc.component, n + 1), "text": q})).collect::<Vec<_>>(),
            })
        }).collect();
        (
            "roadmap.html",
            json!({
                "title": r.meta.title, "summary": r.meta.summary, "key": r.slug,
                "stages": r.meta.stages, "components": comps,
                "body": self.bodies.html(&r.src.rel), "common": self.doc_common(r),
                "breadcrumbs": [{"title": "Roadmaps", "url": routes::ROADMAPS}],
            }),
        )
    }

    fn browse_index(&self, b: Browse) -> (&'static str, Value) {
        let cfg = &self.site.content.config;
        let f = b.facet();
        let count = |k: &str| self.facets[f.key()].get(k).map_or(0, Vec::len);
        let items: Vec<Value> = match b {
            Browse::Board => cfg.boards.iter().map(|t| json!({"title": t.name, "url": routes::browse_item(b, &t.key), "summary": t.description, "count": count(&t.key), "count_label": "case studies"})).collect(),
            Browse::Topic => cfg.topics.iter().map(|t| json!({"title": t.name, "url": routes::browse_item(b, &t.key), "summary": t.description, "count": count(&t.key), "count_label": "case studies"})).collect(),
            Browse::Component => cfg.components.iter().map(|t| json!({"title": t.name, "url": routes::browse_item(b, &t.key), "summary": t.description, "group": t.group.label(), "count": count(&t.key), "count_label": "case studies"})).collect(),
        };
        ("list.html", json!({"title": b.title(), "items": items}))
    }

    fn browse_item(&self, b: Browse, key: &str) -> (&'static str, Value) {
        let c = &self.site.content;
        let cfg = &c.config;
        let f = b.facet();
        let cases = self.facets[f.key()].get(key).cloned().unwrap_or_default();
        let mut extra = json!({});
        let (name, description) = match b {
            Browse::Board => {
                let t = &cfg.boards[self.site.vocab.boards[key]];
                let hscps: Vec<&str> = cfg
                    .hscps
                    .iter()
                    .filter(|h| h.board == key)
                    .map(|h| h.name.as_str())
                    .collect();
                extra["hscps"] = json!(hscps);
                (t.name.clone(), t.description.clone())
            }
            Browse::Topic => {
                let t = &cfg.topics[self.site.vocab.topics[key]];
                let mut bt = Vec::new();
                for bk in &c.baskets {
                    for t in bk.meta.topics.iter().filter(|t| t.topic == key) {
                        bt.push(json!({"basket": bk.meta.title, "url": routes::anchor(&routes::basket(&bk.slug), &t.topic), "aim": t.aim}));
                    }
                }
                extra["basket_topics"] = json!(bt);
                (t.name.clone(), t.description.clone())
            }
            Browse::Component => {
                let t = &cfg.components[self.site.vocab.components[key]];
                let mut rm = Vec::new();
                for r in &c.roadmaps {
                    if r.meta.components.iter().any(|rc| rc.component == key) {
                        rm.push(json!({"title": r.meta.title, "url": routes::anchor(&routes::roadmap(&r.slug), key)}));
                    }
                }
                extra["roadmaps"] = json!(rm);
                extra["group"] = json!(t.group.label());
                (t.name.clone(), t.description.clone())
            }
        };
        let mut ctx = json!({
            "title": name, "description": description, "section": b.title(),
            "case_studies": self.cards(preview(&cases)),
            "case_studies_total": cases.len(),
            "case_studies_url": routes::case_list_base(Some((f, key))),
            "breadcrumbs": [{"title": b.title(), "url": routes::browse_index(b)}],
        });
        if let (Some(o), Some(e)) = (ctx.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        ("browse.html", ctx)
    }
}

/// The items on page `page` (from 1) of a paginated list.
fn page_slice(items: &[usize], page: usize) -> &[usize] {
    let start = ((page - 1) * PER_PAGE).min(items.len());
    &items[start..(start + PER_PAGE).min(items.len())]
}

/// The first of a list, as zone, basket and browse pages show them.
fn preview(items: &[usize]) -> &[usize] {
    &items[..items.len().min(PREVIEW)]
}

fn list_base(facet: Option<&(Facet, String)>) -> String {
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

fn paginate(jobs: &mut Vec<Job>, facet: Option<(Facet, String)>, items: &[usize]) {
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
    fn pagination_links_a_window_not_every_page() {
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
