//! Each page's context: the dispatch by job, and the home, list and browse pages.

use super::types::*;
use super::*;
use crate::content::facet::{Browse, Facet};
use crate::content::item::{Item, ItemId};
use crate::content::kind::Kind;
use crate::routes;

impl<'a> Index<'a> {
    /// The site path of `job`'s page and its context (which names its template).
    pub(crate) fn page(&self, job: &Job) -> (String, PageContext<'a>) {
        (self.path(job), self.content(job))
    }

    /// The context of `job`'s page.
    pub(super) fn content(&self, job: &Job) -> PageContext<'a> {
        match job {
            Job::Home => self.home_page().into(),
            Job::Item(id) => self.item_page(*id),
            Job::KindList(kind) => self.kind_list(*kind).into(),
            Job::CaseList { facet, page, pages } => {
                let items = match facet {
                    None => &self.site.case_studies[..],
                    Some((f, k)) => self.facets[f.key()].get(k).map_or(&[][..], Vec::as_slice),
                };
                self.case_list_page(facet.as_ref(), items, *page, *pages)
                    .into()
            }
            Job::FacetIndex(f) => self.facet_index(*f).into(),
            Job::PackPrint(pi) => self.pack_print_page(*pi).into(),
            Job::BrowseIndex(b) => self.browse_index(*b).into(),
            Job::BrowseItem(b, k) => self.browse_item(*b, k).into(),
            Job::Search => SearchPage {
                title: "Search",
                filters: self.search_filters(),
            }
            .into(),
            Job::NotFound => NotFoundPage {
                title: "Page not found",
            }
            .into(),
        }
    }

    /// The search page's filters: type, board, zone and topic, with the names the search index
    /// files its documents under (`search_docs::facet_names`, `KINDS`).
    fn search_filters(&self) -> Vec<SearchFilter> {
        let mut names = crate::render::search_docs::facet_names(self.site);
        let kinds = crate::search::documents::KINDS.iter();
        names.insert("kind", kinds.map(|&(k, n)| (k.into(), n.into())).collect());
        [
            ("kind", "Type"),
            ("board", "Board"),
            ("zone", "Zone"),
            ("topic", "Topic"),
        ]
        .into_iter()
        .map(|(key, label)| {
            let mut options: Vec<(String, String)> =
                names.remove(key).unwrap_or_default().into_iter().collect();
            options.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
            SearchFilter {
                key,
                label,
                options,
            }
        })
        .collect()
    }

    /// The context of an item's own page.
    fn item_page(&self, id: ItemId) -> PageContext<'a> {
        match id {
            ItemId::Zone(i) => self.zone_page(i).into(),
            ItemId::CaseStudy(i) => self.case_study_page(i).into(),
            ItemId::Pack(pi) => self.pack_page(pi).into(),
            ItemId::Section(pi, si) => self.section_page(pi, si).into(),
            ItemId::Basket(i) => self.basket_page(i).into(),
            ItemId::Roadmap(i) => self.roadmap_page(i).into(),
            ItemId::Page(i) => {
                let p = &self.site.content.pages[i];
                TextPage {
                    title: &p.meta.title,
                    summary: p.meta.summary.as_deref(),
                    body: self.bodies.html(&p.src.rel),
                    common: self.doc_common(p),
                }
                .into()
            }
        }
    }

    /// The list of every published item of `kind`.
    fn kind_list(&self, kind: Kind) -> ListPage<'a> {
        let (title, intro) = match kind {
            Kind::Pack => (
                "Induction packs",
                Some("Start here if you are new to a cluster role."),
            ),
            Kind::Basket => (
                "Topic baskets",
                Some("Quality improvement topics offered to clusters, with aims, measures and change ideas."),
            ),
            Kind::Roadmap => ("Self-assessment roadmaps", None),
            other => (other.label(), None),
        };
        let c = &self.site.content;
        let items = self
            .site
            .published()
            .into_iter()
            .filter(|id| id.kind() == kind)
            .map(|id| {
                let item = c.item(id);
                let li = ListItem::new(item.title(), item.route()).summary(item.summary());
                match item {
                    Item::Pack(p) => li.count(p.sections.len(), Some("sections")),
                    Item::Basket(b) => li.count(b.meta.topics.len(), Some("topics")),
                    _ => li,
                }
            })
            .collect();
        ListPage {
            title: title.into(),
            intro,
            items,
            breadcrumbs: None,
        }
    }

    fn home_page(&self) -> HomePage<'a> {
        let c = &self.site.content;
        HomePage {
            title: &c.config.title,
            newest: self.cards(self.newest()),
            case_study_count: self.site.case_studies.len(),
            packs: teasers(&c.packs, |p| {
                (
                    &p.index.meta.title,
                    routes::pack(&p.key),
                    &p.index.meta.summary,
                )
            }),
            roadmaps: teasers(&c.roadmaps, |r| {
                (&r.meta.title, routes::roadmap(&r.slug), &r.meta.summary)
            }),
            baskets: teasers(&c.baskets, |b| {
                (&b.meta.title, routes::basket(&b.slug), &b.meta.summary)
            }),
        }
    }

    fn facet_index(&self, f: Facet) -> ListPage<'a> {
        ListPage {
            title: format!("Case studies by {}", f.label().to_lowercase()),
            intro: None,
            items: self.facets[f.key()]
                .iter()
                .map(|(k, v)| {
                    ListItem::new(self.facet_name(f, k), routes::case_list_base(Some((f, k))))
                        .count(v.len(), None)
                })
                .collect(),
            breadcrumbs: Some(vec![case_studies_crumb()]),
        }
    }

    pub(super) fn case_list_page(
        &self,
        facet: Option<&(Facet, String)>,
        items: &[usize],
        page: usize,
        pages: usize,
    ) -> CaseListPage<'a> {
        let base = list_base(facet);
        let facet_nav = Facet::ALL
            .iter()
            .map(|f| FacetNav {
                key: f.key(),
                label: f.label(),
                values: self.facets[f.key()]
                    .keys()
                    .map(|k| FacetValue {
                        key: k,
                        name: self.facet_name(*f, k),
                        url: routes::case_list_base(Some((*f, k))),
                        current: facet.is_some_and(|(ff, kk)| ff == f && kk == k),
                    })
                    .collect(),
            })
            .collect();
        let heading = match facet {
            None => "Case studies".to_string(),
            Some((f, k)) => format!("Case studies: {}", self.facet_name(*f, k)),
        };
        let pagination = Pagination {
            page,
            pages,
            prev: (page > 1).then(|| routes::list_page(&base, page - 1)),
            next: (page < pages).then(|| routes::list_page(&base, page + 1)),
            links: page_window(page, pages)
                .into_iter()
                .map(|n| match n {
                    Some(n) => PageLink::Page {
                        n,
                        url: routes::list_page(&base, n),
                        current: n == page,
                    },
                    None => PageLink::Gap { gap: true },
                })
                .collect(),
        };
        CaseListPage {
            title: if pages > 1 {
                format!("{heading} (page {page} of {pages})")
            } else {
                heading.clone()
            },
            heading,
            total: items.len(),
            cards: self.cards(page_slice(items, page)),
            facets: facet_nav,
            filtered: facet.is_some(),
            pagination,
            breadcrumbs: facet.map(|_| case_studies_crumb()).into_iter().collect(),
        }
    }

    pub(super) fn browse_index(&self, b: Browse) -> ListPage<'a> {
        let cfg = &self.site.content.config;
        let f = b.facet();
        let item = |key: &str, name: &'a str, description: &'a Option<String>| {
            ListItem::new(name, routes::browse_item(b, key))
                .summary(description.as_deref())
                .count(
                    self.facets[f.key()].get(key).map_or(0, Vec::len),
                    Some("case studies"),
                )
        };
        let items = match b {
            Browse::Board => cfg
                .boards
                .iter()
                .map(|t| item(&t.key, &t.name, &t.description))
                .collect(),
            Browse::Topic => cfg
                .topics
                .iter()
                .map(|t| item(&t.key, &t.name, &t.description))
                .collect(),
            Browse::Component => cfg
                .components
                .iter()
                .map(|t| item(&t.key, &t.name, &t.description).group(t.group.label()))
                .collect(),
        };
        ListPage {
            title: b.title().into(),
            intro: None,
            items,
            breadcrumbs: None,
        }
    }

    pub(super) fn browse_item(&self, b: Browse, key: &str) -> BrowsePage<'a> {
        let site: &'a Site = self.site;
        let c = &site.content;
        let cfg = &c.config;
        let (term, extra) = match b {
            Browse::Board => {
                let t = &cfg.boards[site.vocab.boards[key]];
                let hscps = cfg
                    .hscps
                    .iter()
                    .filter(|h| h.board == key)
                    .map(|h| h.name.as_str())
                    .collect();
                ((&t.name, &t.description), BrowseExtra::Board { hscps })
            }
            Browse::Topic => {
                let t = &cfg.topics[site.vocab.topics[key]];
                let mut basket_topics = Vec::new();
                for bk in &c.baskets {
                    for t in bk.meta.topics.iter().filter(|t| t.topic == key) {
                        basket_topics.push(BrowseTopic {
                            basket: &bk.meta.title,
                            url: routes::anchor(&routes::basket(&bk.slug), &t.topic),
                            aim: &t.aim,
                        });
                    }
                }
                (
                    (&t.name, &t.description),
                    BrowseExtra::Topic { basket_topics },
                )
            }
            Browse::Component => {
                let t = &cfg.components[site.vocab.components[key]];
                let roadmaps = c
                    .roadmaps
                    .iter()
                    .filter(|r| r.meta.components.iter().any(|rc| rc.component == key))
                    .map(|r| {
                        Link::new(
                            r.meta.title.as_str(),
                            routes::anchor(&routes::roadmap(&r.slug), key),
                        )
                    })
                    .collect();
                let group = t.group.label();
                (
                    (&t.name, &t.description),
                    BrowseExtra::Component { roadmaps, group },
                )
            }
        };
        BrowsePage {
            title: term.0,
            description: term.1.as_deref(),
            section: b.title(),
            cases: self.case_preview(b.facet(), key),
            breadcrumbs: [Link::new(b.title(), routes::browse_index(b))],
            extra,
        }
    }
}

/// Each of `items` as a teaser of its (title, url, summary).
fn teasers<'a, T>(
    items: &'a [T],
    teaser: impl Fn(&'a T) -> (&'a String, String, &'a String),
) -> Vec<Teaser<'a>> {
    items
        .iter()
        .map(|item| {
            let (title, url, summary) = teaser(item);
            Teaser {
                title,
                url,
                summary,
            }
        })
        .collect()
}

/// The breadcrumb back to all case studies.
pub(super) fn case_studies_crumb() -> Link<'static> {
    Link::new("Case studies", routes::CASE_STUDIES.to_string())
}
