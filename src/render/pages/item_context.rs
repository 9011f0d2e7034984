//! The context of each item's own page: zone, case study, pack, section, basket, roadmap.

use super::*;
use crate::content::facet::{Browse, Facet};
use crate::routes;
use serde_json::{json, Value};

impl Index<'_> {
    pub(super) fn pack_page(&self, pi: usize) -> (&'static str, Value) {
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

    pub(super) fn section_value(&self, pi: usize, si: usize) -> Value {
        let p = &self.site.content.packs[pi];
        let s = &p.sections[si];
        json!({
            "title": s.meta.title, "summary": s.meta.summary, "slug": s.slug, "number": si + 1,
            "checklist": s.meta.checklist.iter().enumerate().map(|(n, item)| json!({"id": format!("{}-{}-{}", p.key, s.slug, n + 1), "text": item})).collect::<Vec<_>>(),
            "zones": self.tags(Facet::Zone, &s.meta.zones),
            "body": self.bodies.html(&s.src.rel),
        })
    }

    pub(super) fn section_page(&self, pi: usize, si: usize) -> (&'static str, Value) {
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

    pub(super) fn pack_print_page(&self, pi: usize) -> (&'static str, Value) {
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

    pub(super) fn basket_page(&self, i: usize) -> (&'static str, Value) {
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

    pub(super) fn roadmap_page(&self, i: usize) -> (&'static str, Value) {
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

    pub(super) fn browse_index(&self, b: Browse) -> (&'static str, Value) {
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

    pub(super) fn browse_item(&self, b: Browse, key: &str) -> (&'static str, Value) {
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
