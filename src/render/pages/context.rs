//! Each page's context: the dispatch by job, and the home, list and browse pages.

use super::*;
use crate::content::facet::Facet;
use crate::routes;
use serde_json::{json, Value};

impl Index<'_> {
    /// (site path of the page, template, page-specific context).
    pub fn page(&self, job: &Job) -> (String, &'static str, Value) {
        let (template, context) = self.content(job);
        (self.path(job), template, context)
    }

    /// The template and page-specific context of `job`'s page.
    pub(super) fn content(&self, job: &Job) -> (&'static str, Value) {
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

    pub(super) fn zone_page(&self, i: usize) -> (&'static str, Value) {
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

    pub(super) fn case_study_page(&self, i: usize) -> (&'static str, Value) {
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
        // Each outcome shows as it is written; its numbers serialise as display strings.
        let outcomes = &m.outcomes;
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

    pub(super) fn case_list_page(
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
}
