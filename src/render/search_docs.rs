//! The search documents of the hub: one per searchable item, made from the linked content
//! and the text of its rendered body.

use super::bodies::{Bodies, SearchText};
use crate::content::kind::Kind;
use crate::content::{Item, ItemId};
use crate::link::Site;
use crate::routes;
use crate::search::documents::{FacetNames, SearchDoc};
use crate::search::sections::{self, HeadingAt};
use std::collections::HashMap;

fn doc(kind: &'static str, url: String, title: &str, summary: &str, body: String) -> SearchDoc {
    SearchDoc {
        key: url.clone(),
        kind,
        title: title.to_string(),
        summary: summary.to_string(),
        body,
        url,
        date: None,
        board: Vec::new(),
        zone: Vec::new(),
        component: Vec::new(),
        topic: Vec::new(),
        sections: Vec::new(),
    }
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where the documents' body texts come from, by file: copied out of the bodies (`serve`
/// keeps them for its edits) or taken out of them (a build reads them for nothing else, and
/// on a large hub a second copy of every text is a tenth of what it holds).
type Texts<'t> = dyn FnMut(&str) -> SearchText + 't;

fn copied(bodies: &Bodies) -> impl FnMut(&str) -> SearchText + '_ {
    |rel| match bodies.get(rel) {
        Some(r) => SearchText {
            text: r.text.clone(),
            headings: r.headings.clone(),
        },
        None => SearchText::default(),
    }
}

/// `d`'s body: `lead` (a case study's cluster, a pack section's checklist, or nothing), then
/// the body's text, with the body's headings as its sections. The lead comes first so that it
/// is under no heading: a checklist at the end would count as the last section's.
fn set_body(d: &mut SearchDoc, lead: &str, body: SearchText) {
    let shift = if lead.is_empty() || body.text.is_empty() {
        0
    } else {
        lead.len() + 1
    };
    d.body = if lead.is_empty() {
        body.text
    } else {
        join(&[lead, &body.text])
    };
    let at: Vec<HeadingAt<'_>> = body
        .headings
        .iter()
        .map(|h| HeadingAt {
            anchor: &h.id,
            text: &h.text,
            offset: h.offset + shift,
        })
        .collect();
    d.sections = sections::resolve(&d.body, &at);
}

/// The search document of case study `i` (an index into `content.case_studies`).
pub fn case_study(site: &Site, bodies: &Bodies, i: usize) -> SearchDoc {
    case_study_with(site, &mut copied(bodies), i)
}

fn case_study_with(site: &Site, texts: &mut Texts<'_>, i: usize) -> SearchDoc {
    let d = &site.content.case_studies[i];
    let m = &d.meta;
    let mut s = doc(
        Kind::CaseStudy.key(),
        routes::case_study(&d.slug),
        &m.title,
        &m.summary,
        String::new(),
    );
    set_body(&mut s, &m.cluster, texts(&d.src.rel));
    s.date = Some(m.published.to_string());
    s.board = vec![m.board.clone()];
    s.zone = m.zones.clone();
    s.component = m.components.clone();
    s.topic = m.topics.clone();
    s
}

/// The case-study documents' bodies that `collect_taking` could not take, when the bodies
/// stage kept no case-study text (`bodies::Html::ShownOnce`): each made again as its document
/// is indexed (`search::index::stage`), so that a build never holds them all.
pub struct CaseStudyBodies<'s> {
    site: &'s Site,
    bodies: &'s Bodies,
    /// Document key → index into `content.case_studies`.
    by_key: HashMap<String, usize>,
}

impl<'s> CaseStudyBodies<'s> {
    pub fn new(site: &'s Site, bodies: &'s Bodies) -> CaseStudyBodies<'s> {
        let by_key = site
            .case_studies
            .iter()
            .map(|&i| (routes::case_study(&site.content.case_studies[i].slug), i))
            .collect();
        CaseStudyBodies {
            site,
            bodies,
            by_key,
        }
    }

    /// Give `d` its body, if it is a case study's document.
    pub fn complete(&self, d: &mut SearchDoc) {
        if let Some(&i) = self.by_key.get(&d.key) {
            let cs = &self.site.content.case_studies[i];
            set_body(
                d,
                &cs.meta.cluster,
                self.bodies.text_for_search(self.site, cs.into()),
            );
        }
    }
}

/// All documents, sorted by key so document ids are stable from build to build; the bodies
/// keep their texts (`serve`).
pub fn collect(site: &Site, bodies: &Bodies) -> Vec<SearchDoc> {
    collect_with(site, &mut copied(bodies))
}

/// `collect`, taking each body's text out of `bodies` instead of copying it, for a build,
/// which reads the texts for nothing else.
pub fn collect_taking(site: &Site, bodies: &mut Bodies) -> Vec<SearchDoc> {
    collect_with(site, &mut |rel| bodies.take_text(rel))
}

fn collect_with(site: &Site, texts: &mut Texts<'_>) -> Vec<SearchDoc> {
    let mut out: Vec<SearchDoc> = site
        .published()
        .into_iter()
        .flat_map(|id| of_item(site, texts, id))
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out.dedup_by(|a, b| a.key == b.key);
    out
}

/// What search finds of one item: the item itself, or the entries inside it that search finds
/// on their own (a zone's resources, a basket's topics, a roadmap's components).
fn of_item(site: &Site, texts: &mut Texts<'_>, id: ItemId) -> Vec<SearchDoc> {
    let c = &site.content;
    let mut out = Vec::new();
    match c.item(id) {
        Item::CaseStudy(_) => {
            if let ItemId::CaseStudy(i) = id {
                out.push(case_study_with(site, texts, i));
            }
        }
        Item::Zone(z) => {
            let mut s = doc(
                Kind::Zone.key(),
                routes::zone(&z.slug),
                &z.meta.title,
                &z.meta.summary,
                String::new(),
            );
            set_body(&mut s, "", texts(&z.src.rel));
            s.zone = vec![z.slug.clone()];
            out.push(s);
            for (n, r) in z.meta.resources.iter().enumerate() {
                let mut s = doc(
                    Kind::Resource.key(),
                    routes::anchor(&routes::zone(&z.slug), &routes::resource_id(n)),
                    &r.title,
                    r.summary.as_deref().unwrap_or(""),
                    join(&[r.provider.as_deref().unwrap_or(""), r.kind.label()]),
                );
                s.zone = vec![z.slug.clone()];
                out.push(s);
            }
        }
        Item::Pack(_) => {}
        Item::Section(p, sct) => {
            let mut s = doc(
                Kind::PackSection.key(),
                routes::section(&p.key, &sct.slug),
                &sct.meta.title,
                sct.meta.summary.as_deref().unwrap_or(""),
                String::new(),
            );
            set_body(&mut s, &sct.meta.checklist.join("\n"), texts(&sct.src.rel));
            s.zone = sct.meta.zones.clone();
            out.push(s);
        }
        Item::Basket(b) => {
            for t in &b.meta.topics {
                let name = site
                    .vocab
                    .topics
                    .get(&t.topic)
                    .map_or(t.topic.as_str(), |&i| c.config.topics[i].name.as_str());
                let body = join(&[
                    t.why.as_deref().unwrap_or(""),
                    &t.measures.join("\n"),
                    &t.change_ideas.join("\n"),
                ]);
                let mut s = doc(
                    Kind::BasketTopic.key(),
                    routes::anchor(&routes::basket(&b.slug), &t.topic),
                    &format!("{name} ({})", b.meta.title),
                    &t.aim,
                    body,
                );
                s.topic = vec![t.topic.clone()];
                s.zone = t.zones.clone();
                out.push(s);
            }
        }
        Item::Roadmap(r) => {
            for rc in &r.meta.components {
                let comp = site
                    .vocab
                    .components
                    .get(&rc.component)
                    .map(|&i| &c.config.components[i]);
                let name = comp.map_or(rc.component.as_str(), |k| k.name.as_str());
                let summary = comp.and_then(|k| k.description.clone()).unwrap_or_default();
                let mut s = doc(
                    Kind::RoadmapComponent.key(),
                    routes::anchor(&routes::roadmap(&r.slug), &rc.component),
                    name,
                    &summary,
                    join(&[&rc.descriptors.join("\n"), &rc.questions.join("\n")]),
                );
                s.component = vec![rc.component.clone()];
                out.push(s);
            }
        }
        Item::Page(p) => {
            let mut s = doc(
                Kind::Page.key(),
                routes::page(&p.slug),
                &p.meta.title,
                p.meta.summary.as_deref().unwrap_or(""),
                String::new(),
            );
            set_body(&mut s, "", texts(&p.src.rel));
            out.push(s);
        }
    }
    out
}

/// The synonym groups of hub.yaml, analysed for search.
pub fn synonyms(site: &Site) -> crate::search::synonyms::Synonyms {
    crate::search::synonyms::Synonyms::new(&site.content.config.search.synonyms)
}

/// Display names of every facet value, for the client's filters and result labels.
pub fn facet_names(site: &Site) -> FacetNames {
    let cfg = &site.content.config;
    let mut m = std::collections::BTreeMap::new();
    m.insert(
        "board",
        cfg.boards
            .iter()
            .map(|t| (t.key.clone(), t.name.clone()))
            .collect(),
    );
    m.insert(
        "topic",
        cfg.topics
            .iter()
            .map(|t| (t.key.clone(), t.name.clone()))
            .collect(),
    );
    m.insert(
        "component",
        cfg.components
            .iter()
            .map(|t| (t.key.clone(), t.name.clone()))
            .collect(),
    );
    m.insert(
        Kind::Zone.key(),
        site.content
            .zones
            .iter()
            .map(|z| (z.slug.clone(), z.meta.title.clone()))
            .collect(),
    );
    m
}
