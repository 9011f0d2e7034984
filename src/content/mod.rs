//! The typed content of a hub, as loaded from `content/`.

pub mod basket;
pub mod case_study;
pub mod common;
pub mod facet;
pub mod induction;
pub mod kind;
pub mod page;
pub mod roadmap;
pub mod zone;

use crate::config::HubConfig;
use crate::source::spans::SpanIndex;
use crate::source::SourceFile;

/// One Markdown file: its typed front matter, where each field sits, and its body.
#[derive(Debug, Clone)]
pub struct Doc<M> {
    pub src: SourceFile,
    pub meta: M,
    pub spans: SpanIndex,
    pub body_offset: usize,
    /// File stem, or for pack sections the stem without its `NN-` prefix.
    pub slug: String,
}

impl<M> Doc<M> {
    pub fn body(&self) -> &str {
        &self.src.text[self.body_offset..]
    }
}

#[derive(Debug, Clone)]
pub struct Pack {
    /// Folder name under `induction/`.
    pub key: String,
    pub index: Doc<induction::PackMeta>,
    /// Sorted by their `NN-` number.
    pub sections: Vec<Doc<induction::SectionMeta>>,
}

#[derive(Debug, Clone)]
pub struct Content {
    pub config: HubConfig,
    pub config_src: SourceFile,
    pub config_spans: SpanIndex,
    pub zones: Vec<Doc<zone::ZoneMeta>>,
    pub case_studies: Vec<Doc<case_study::CaseStudyMeta>>,
    pub packs: Vec<Pack>,
    pub baskets: Vec<Doc<basket::BasketMeta>>,
    pub roadmaps: Vec<Doc<roadmap::RoadmapMeta>>,
    pub pages: Vec<Doc<page::PageMeta>>,
    /// Paths under `static/`, relative to the content dir (`static/img/x.png`).
    pub statics: Vec<String>,
}

/// Any Markdown file of the hub, whatever its kind.
#[derive(Debug, Clone, Copy)]
pub struct DocRef<'a> {
    pub src: &'a SourceFile,
    pub body_offset: usize,
}

impl<'a, M> From<&'a Doc<M>> for DocRef<'a> {
    fn from(d: &'a Doc<M>) -> DocRef<'a> {
        DocRef {
            src: &d.src,
            body_offset: d.body_offset,
        }
    }
}

impl Content {
    /// Every Markdown file, in a stable order.
    pub fn docs(&self) -> Vec<DocRef<'_>> {
        let mut v: Vec<DocRef<'_>> = Vec::new();
        v.extend(self.zones.iter().map(DocRef::from));
        v.extend(self.case_studies.iter().map(DocRef::from));
        for p in &self.packs {
            v.push(DocRef::from(&p.index));
            v.extend(p.sections.iter().map(DocRef::from));
        }
        v.extend(self.baskets.iter().map(DocRef::from));
        v.extend(self.roadmaps.iter().map(DocRef::from));
        v.extend(self.pages.iter().map(DocRef::from));
        v
    }
}
