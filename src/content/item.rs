//! The one item type: any content file of the hub, whatever its kind, and the one way to list
//! them. Load, link, check, the inventory, the search documents and the page list all go
//! through `Content::items` and `ItemId`, so adding a kind means a variant here (and its
//! struct, rule, page and template), not another hand-written list in each stage.

use super::basket::BasketMeta;
use super::case_study::CaseStudyMeta;
use super::common::{Common, HasCommon};
use super::induction::SectionMeta;
use super::kind::Kind;
use super::page::PageMeta;
use super::roadmap::RoadmapMeta;
use super::zone::ZoneMeta;
use super::{Content, Doc, Pack};
use crate::routes;
use crate::source::spans::SpanIndex;
use crate::source::SourceFile;

/// Where an item sits in `Content`: stable for one `Content`, cheap to copy and to keep in a
/// page job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemId {
    Zone(usize),
    CaseStudy(usize),
    /// A pack's `index.md`.
    Pack(usize),
    /// Pack, then section within it.
    Section(usize, usize),
    Basket(usize),
    Roadmap(usize),
    Page(usize),
}

impl ItemId {
    /// What kind of item it names.
    pub fn kind(self) -> Kind {
        match self {
            ItemId::Zone(_) => Kind::Zone,
            ItemId::CaseStudy(_) => Kind::CaseStudy,
            ItemId::Pack(_) => Kind::Pack,
            ItemId::Section(..) => Kind::PackSection,
            ItemId::Basket(_) => Kind::Basket,
            ItemId::Roadmap(_) => Kind::Roadmap,
            ItemId::Page(_) => Kind::Page,
        }
    }
}

/// One content file, borrowed from `Content`.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Zone(&'a Doc<ZoneMeta>),
    CaseStudy(&'a Doc<CaseStudyMeta>),
    Pack(&'a Pack),
    Section(&'a Pack, &'a Doc<SectionMeta>),
    Basket(&'a Doc<BasketMeta>),
    Roadmap(&'a Doc<RoadmapMeta>),
    Page(&'a Doc<PageMeta>),
}

/// Calls `$body` with `$d` bound to the item's `Doc`, whatever its front-matter type.
macro_rules! with_doc {
    ($item:expr, $d:ident => $body:expr) => {
        match $item {
            Item::Zone($d) => $body,
            Item::CaseStudy($d) => $body,
            Item::Pack(p) => {
                let $d = &p.index;
                $body
            }
            Item::Section(_, $d) => $body,
            Item::Basket($d) => $body,
            Item::Roadmap($d) => $body,
            Item::Page($d) => $body,
        }
    };
}

impl<'a> Item<'a> {
    /// What kind of item this is.
    pub fn kind(self) -> Kind {
        match self {
            Item::Zone(_) => Kind::Zone,
            Item::CaseStudy(_) => Kind::CaseStudy,
            Item::Pack(_) => Kind::Pack,
            Item::Section(..) => Kind::PackSection,
            Item::Basket(_) => Kind::Basket,
            Item::Roadmap(_) => Kind::Roadmap,
            Item::Page(_) => Kind::Page,
        }
    }

    /// The file it was read from.
    pub fn src(self) -> &'a SourceFile {
        with_doc!(self, d => &d.src)
    }

    /// Where each front-matter field sits in the file.
    pub fn spans(self) -> &'a SpanIndex {
        with_doc!(self, d => &d.spans)
    }

    /// Byte offset of the Markdown body in the file.
    pub fn body_offset(self) -> usize {
        with_doc!(self, d => d.body_offset)
    }

    /// The Markdown body.
    pub fn body(self) -> &'a str {
        self.src().text.get(self.body_offset()..).unwrap_or("")
    }

    /// The title it is shown under.
    pub fn title(self) -> &'a str {
        with_doc!(self, d => &d.meta.title)
    }

    /// The one-line summary lists show under its title, if it has one.
    pub fn summary(self) -> Option<&'a str> {
        match self {
            Item::Zone(d) => Some(&d.meta.summary),
            Item::CaseStudy(d) => Some(&d.meta.summary),
            Item::Pack(p) => Some(&p.index.meta.summary),
            Item::Section(_, d) => d.meta.summary.as_deref(),
            Item::Basket(d) => Some(&d.meta.summary),
            Item::Roadmap(d) => Some(&d.meta.summary),
            Item::Page(d) => d.meta.summary.as_deref(),
        }
    }

    /// The fields every kind may carry.
    pub fn common(self) -> Common {
        with_doc!(self, d => d.meta.common())
    }

    /// Who looks after it: its own `owner`, or for a pack section its pack's.
    pub fn owner(self) -> Option<String> {
        match self {
            Item::Section(p, s) => s.meta.owner.clone().or_else(|| p.index.meta.owner.clone()),
            _ => self.common().owner,
        }
    }

    /// Only case studies can be drafts.
    pub fn is_draft(self) -> bool {
        matches!(self, Item::CaseStudy(d) if d.meta.draft)
    }

    /// Its page's site path.
    pub fn route(self) -> String {
        match self {
            Item::Zone(d) => routes::zone(&d.slug),
            Item::CaseStudy(d) => routes::case_study(&d.slug),
            Item::Pack(p) => routes::pack(&p.key),
            Item::Section(p, s) => routes::section(&p.key, &s.slug),
            Item::Basket(d) => routes::basket(&d.slug),
            Item::Roadmap(d) => routes::roadmap(&d.slug),
            Item::Page(d) => routes::page(&d.slug),
        }
    }
}

impl Content {
    /// The item `id` names. Panics only on an id from another `Content`.
    pub fn item(&self, id: ItemId) -> Item<'_> {
        match id {
            ItemId::Zone(i) => Item::Zone(&self.zones[i]),
            ItemId::CaseStudy(i) => Item::CaseStudy(&self.case_studies[i]),
            ItemId::Pack(i) => Item::Pack(&self.packs[i]),
            ItemId::Section(p, s) => Item::Section(&self.packs[p], &self.packs[p].sections[s]),
            ItemId::Basket(i) => Item::Basket(&self.baskets[i]),
            ItemId::Roadmap(i) => Item::Roadmap(&self.roadmaps[i]),
            ItemId::Page(i) => Item::Page(&self.pages[i]),
        }
    }

    /// Every item's id, in the hub's stable order: zones, case studies, each pack followed by
    /// its sections, baskets, roadmaps, pages (each in file order).
    pub fn ids(&self) -> Vec<ItemId> {
        let mut v = Vec::new();
        v.extend((0..self.zones.len()).map(ItemId::Zone));
        v.extend((0..self.case_studies.len()).map(ItemId::CaseStudy));
        for (pi, p) in self.packs.iter().enumerate() {
            v.push(ItemId::Pack(pi));
            v.extend((0..p.sections.len()).map(|si| ItemId::Section(pi, si)));
        }
        v.extend((0..self.baskets.len()).map(ItemId::Basket));
        v.extend((0..self.roadmaps.len()).map(ItemId::Roadmap));
        v.extend((0..self.pages.len()).map(ItemId::Page));
        v
    }

    /// Every item, in the order of `ids`.
    pub fn items(&self) -> Vec<Item<'_>> {
        self.ids().into_iter().map(|id| self.item(id)).collect()
    }
}
