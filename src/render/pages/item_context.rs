//! The context of each item's own page: zone, case study, pack, section, basket, roadmap.

use super::types::*;
use super::*;
use crate::content::facet::Facet;
use crate::routes;

impl<'a> Index<'a> {
    pub(super) fn zone_page(&self, i: usize) -> ZonePage<'a> {
        let c = &self.site.content;
        let z = &c.zones[i];
        let mut groups = Vec::new();
        for kind in ResourceKind::ALL {
            let resources: Vec<ZoneResource> = z
                .meta
                .resources
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == kind)
                .map(|(n, resource)| ZoneResource {
                    resource,
                    id: routes::resource_id(n),
                })
                .collect();
            if !resources.is_empty() {
                groups.push(ResourceGroup {
                    kind: kind.key(),
                    label: kind.label(),
                    resources,
                });
            }
        }
        let mut sections = Vec::new();
        for p in &c.packs {
            for s in p.sections.iter().filter(|s| s.meta.zones.contains(&z.slug)) {
                sections.push(ZoneSection {
                    title: &s.meta.title,
                    url: routes::section(&p.key, &s.slug),
                    pack: &p.index.meta.title,
                    summary: s.meta.summary.as_deref(),
                });
            }
        }
        let mut basket_topics = Vec::new();
        for b in &c.baskets {
            for t in b.meta.topics.iter().filter(|t| t.zones.contains(&z.slug)) {
                basket_topics.push(ZoneTopic {
                    title: self.facet_name(Facet::Topic, &t.topic),
                    url: routes::anchor(&routes::basket(&b.slug), &t.topic),
                    basket: &b.meta.title,
                    aim: &t.aim,
                });
            }
        }
        ZonePage {
            title: &z.meta.title,
            summary: &z.meta.summary,
            key: &z.slug,
            body: self.bodies.html(&z.src.rel),
            resource_groups: groups,
            resource_count: z.meta.resources.len(),
            cases: self.case_preview(Facet::Zone, &z.slug),
            sections,
            basket_topics,
            common: self.doc_common(z),
        }
    }

    pub(super) fn case_study_page(&self, i: usize) -> CaseStudyPage<'a> {
        let site: &'a Site = self.site;
        let d = &site.content.case_studies[i];
        let m = &d.meta;
        let cfg = &site.content.config;
        let hscp = m
            .hscp
            .as_ref()
            .and_then(|h| site.vocab.hscps.get(h).map(|&j| cfg.hscps[j].name.as_str()));
        CaseStudyPage {
            title: &m.title,
            summary: &m.summary,
            cluster: &m.cluster,
            board: self.tag(Facet::Board, &m.board),
            hscp,
            zones: self.tags(Facet::Zone, &m.zones),
            components: self.tags(Facet::Component, &m.components),
            topics: self.tags(Facet::Topic, &m.topics),
            year: self.tag(Facet::Year, &m.published.year().to_string()),
            published: m.published.to_string(),
            draft: m.draft,
            contact: m.contact.as_deref(),
            outcomes: &m.outcomes,
            chart: chart::outcomes_svg(&m.outcomes, "outcomes"),
            related: self.cards(&self.related(i)),
            body: self.bodies.html_for_its_page(self.site, d.into()),
            common: self.doc_common(d),
            breadcrumbs: [super::context::case_studies_crumb()],
        }
    }

    /// Up to three case studies sharing the most topics (weighted double) and components.
    pub fn related(&self, i: usize) -> Vec<usize> {
        self.related.get(i).cloned().unwrap_or_default()
    }

    pub(super) fn pack_page(&self, pi: usize) -> PackPage<'a> {
        let site: &'a Site = self.site;
        let p = &site.content.packs[pi];
        let cfg = &site.content.config;
        let role = site
            .vocab
            .roles
            .get(&p.index.meta.role)
            .map(|&i| cfg.roles[i].name.as_str());
        PackPage {
            title: &p.index.meta.title,
            summary: &p.index.meta.summary,
            role,
            key: &p.key,
            body: self.bodies.html(&p.index.src.rel),
            sections: p
                .sections
                .iter()
                .map(|s| SectionTeaser {
                    title: &s.meta.title,
                    url: routes::section(&p.key, &s.slug),
                    summary: s.meta.summary.as_deref(),
                    checklist_count: s.meta.checklist.len(),
                })
                .collect(),
            print_url: routes::pack_print(&p.key),
            common: self.doc_common(&p.index),
            breadcrumbs: [packs_crumb()],
        }
    }

    fn section(&self, pi: usize, si: usize) -> Section<'a> {
        let p = &self.site.content.packs[pi];
        let s = &p.sections[si];
        Section {
            title: &s.meta.title,
            summary: s.meta.summary.as_deref(),
            slug: &s.slug,
            number: si + 1,
            checklist: s
                .meta
                .checklist
                .iter()
                .enumerate()
                .map(|(n, text)| CheckItem {
                    id: format!("{}-{}-{}", p.key, s.slug, n + 1),
                    text,
                })
                .collect(),
            zones: self.tags(Facet::Zone, &s.meta.zones),
            body: self.bodies.html(&s.src.rel),
        }
    }

    /// Breadcrumbs of a pack's own pages: all packs, then the pack.
    fn pack_crumbs(&self, pi: usize) -> [Link<'a>; 2] {
        let p = &self.site.content.packs[pi];
        [
            packs_crumb(),
            Link::new(p.index.meta.title.as_str(), routes::pack(&p.key)),
        ]
    }

    pub(super) fn section_page(&self, pi: usize, si: usize) -> SectionPage<'a> {
        let p = &self.site.content.packs[pi];
        let s = &p.sections[si];
        let nav = |j: usize| {
            Link::new(
                p.sections[j].meta.title.as_str(),
                routes::section(&p.key, &p.sections[j].slug),
            )
        };
        SectionPage {
            title: &s.meta.title,
            pack: PackRef {
                title: &p.index.meta.title,
                url: routes::pack(&p.key),
                key: &p.key,
                print_url: routes::pack_print(&p.key),
            },
            section: self.section(pi, si),
            total: p.sections.len(),
            prev: si.checked_sub(1).map(nav),
            next: (si + 1 < p.sections.len()).then(|| nav(si + 1)),
            common: self.doc_common(s),
            breadcrumbs: self.pack_crumbs(pi),
        }
    }

    pub(super) fn pack_print_page(&self, pi: usize) -> PackPrintPage<'a> {
        let p = &self.site.content.packs[pi];
        PackPrintPage {
            title: format!("{} (printable)", p.index.meta.title),
            heading: &p.index.meta.title,
            summary: &p.index.meta.summary,
            key: &p.key,
            body: self
                .bodies
                .html_on(&p.index.src.rel, &routes::pack_print(&p.key)),
            sections: (0..p.sections.len())
                .map(|si| self.section(pi, si))
                .collect(),
            common: self.doc_common(&p.index),
            breadcrumbs: self.pack_crumbs(pi),
        }
    }

    pub(super) fn basket_page(&self, i: usize) -> BasketPage<'a> {
        let b = &self.site.content.baskets[i];
        let topics = b
            .meta
            .topics
            .iter()
            .map(|t| BasketTopic {
                key: &t.topic,
                name: self.facet_name(Facet::Topic, &t.topic),
                url: routes::tag(Facet::Topic, &t.topic),
                aim: &t.aim,
                why: t.why.as_deref(),
                measures: &t.measures,
                change_ideas: &t.change_ideas,
                zones: self.tags(Facet::Zone, &t.zones),
                resources: &t.resources,
                cases: self.case_preview(Facet::Topic, &t.topic),
            })
            .collect();
        BasketPage {
            title: &b.meta.title,
            summary: &b.meta.summary,
            period: &b.meta.period,
            topics,
            body: self.bodies.html(&b.src.rel),
            common: self.doc_common(b),
            breadcrumbs: [Link::new("Topic baskets", routes::BASKETS.to_string())],
        }
    }

    pub(super) fn roadmap_page(&self, i: usize) -> RoadmapPage<'a> {
        let site: &'a Site = self.site;
        let r = &site.content.roadmaps[i];
        let cfg = &site.content.config;
        let components = r
            .meta
            .components
            .iter()
            .map(|rc| {
                let comp = site
                    .vocab
                    .components
                    .get(&rc.component)
                    .map(|&j| &cfg.components[j]);
                RoadmapComponent {
                    key: &rc.component,
                    name: comp.map_or(rc.component.as_str(), |c| c.name.as_str()),
                    group: comp.map(|c| c.group.label()),
                    description: comp.and_then(|c| c.description.as_deref()),
                    url: routes::tag(Facet::Component, &rc.component),
                    descriptors: &rc.descriptors,
                    questions: rc
                        .questions
                        .iter()
                        .enumerate()
                        .map(|(n, text)| CheckItem {
                            id: format!("{}-q{}", rc.component, n + 1),
                            text,
                        })
                        .collect(),
                }
            })
            .collect();
        RoadmapPage {
            title: &r.meta.title,
            summary: &r.meta.summary,
            key: &r.slug,
            stages: &r.meta.stages,
            components,
            body: self.bodies.html(&r.src.rel),
            common: self.doc_common(r),
            breadcrumbs: [Link::new("Roadmaps", routes::ROADMAPS.to_string())],
        }
    }
}

/// The breadcrumb back to all induction packs.
fn packs_crumb() -> Link<'static> {
    Link::new("Induction packs", routes::PACKS.to_string())
}
