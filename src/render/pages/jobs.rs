//! The list of pages (jobs), where each lives, and what each shows of the case studies.

use super::*;
use crate::content::facet::{Browse, Facet};
use crate::routes;

impl Index<'_> {
    /// Every page of the site: one per published item (a pack also gets its print page), the
    /// list of each kind that has one, then the pages made from the case studies' facets.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::Home, Job::Search, Job::NotFound];
        let published = self.site.published();
        let mut listed: Vec<Kind> = Vec::new();
        for &id in &published {
            jobs.push(Job::Item(id));
            if let ItemId::Pack(pi) = id {
                jobs.push(Job::PackPrint(pi));
            }
            let kind = id.kind();
            if routes::kind_list(kind).is_some() && !listed.contains(&kind) {
                listed.push(kind);
            }
        }
        jobs.extend(listed.into_iter().map(Job::KindList));
        paginate(&mut jobs, None, &self.site.case_studies);
        for f in Facet::ALL {
            jobs.push(Job::FacetIndex(f));
            for (k, items) in &self.facets[f.key()] {
                paginate(&mut jobs, Some((f, k.clone())), items);
            }
        }
        let cfg = &self.site.content.config;
        for b in Browse::ALL {
            jobs.push(Job::BrowseIndex(b));
            let keys: Vec<String> = match b {
                Browse::Board => cfg.boards.iter().map(|t| t.key.clone()).collect(),
                Browse::Topic => cfg.topics.iter().map(|t| t.key.clone()).collect(),
                Browse::Component => cfg.components.iter().map(|t| t.key.clone()).collect(),
            };
            jobs.extend(keys.into_iter().map(|k| Job::BrowseItem(b, k)));
        }
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
            Job::Item(id) => c.item(*id).route(),
            Job::PackPrint(pi) => routes::pack_print(&c.packs[*pi].key),
            Job::KindList(kind) => routes::kind_list(*kind).unwrap_or(routes::NOT_FOUND).into(),
            Job::CaseList { facet, page, .. } => {
                routes::list_page(&list_base(facet.as_ref()), *page)
            }
            Job::FacetIndex(f) => routes::facet_index(*f),
            Job::BrowseIndex(b) => routes::browse_index(*b),
            Job::BrowseItem(b, k) => routes::browse_item(*b, k),
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
            Job::Item(ItemId::Zone(z)) => {
                let items = list(Facet::Zone, &c.zones[*z].slug);
                (preview(items).to_vec(), crate::hash::of(&items.len()))
            }
            Job::Item(ItemId::CaseStudy(i)) => {
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
            Job::Item(ItemId::Basket(b)) => {
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
