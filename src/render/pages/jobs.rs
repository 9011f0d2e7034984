//! The list of pages (jobs), where each lives, and what each shows of the case studies.

use super::*;
use crate::content::facet::{Browse, Facet};
use crate::routes;

impl Index<'_> {
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
    pub(super) fn newest(&self) -> &[usize] {
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
    pub(super) fn value_counts(&self, f: Facet) -> u64 {
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
}
