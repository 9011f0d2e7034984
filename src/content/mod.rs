//! The typed content of a hub, as loaded from `content/`.

pub mod basket;
pub mod case_study;
pub mod common;
pub(crate) mod facet;
pub mod induction;
pub(crate) mod item;
pub(crate) mod kind;
pub mod page;
pub mod roadmap;
pub mod zone;

pub(crate) use item::{Item, ItemId};

use crate::config::HubConfig;
use crate::source::recover::Placeholders;
use crate::source::spans::SpanIndex;
use crate::source::SourceFile;

/// One Markdown file: its typed front matter, where each field sits, and its body.
#[derive(Debug, Clone)]
pub struct Doc<M> {
    /// The file as read: its paths and whole text, front matter included.
    pub src: SourceFile,
    /// The front matter, typed by the file's kind.
    pub meta: M,
    pub(crate) spans: SpanIndex,
    pub(crate) body_offset: usize,
    /// File stem, or for pack sections the stem without its `NN-` prefix.
    pub slug: String,
}

impl<M> Doc<M> {
    pub(crate) fn body(&self) -> &str {
        &self.src.text[self.body_offset..]
    }

    fn release(&mut self, what: Release) {
        match what {
            Release::Spans => self.spans = SpanIndex::default(),
            Release::Texts => {
                self.src.text = String::new();
                self.body_offset = 0;
            }
        }
    }
}

/// What `Content::release` lets go of in every content file, once a build needs it no more.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Release {
    /// Where each front-matter field sits, once the rules have run: only their messages read
    /// them, and a build reports nothing about a field after linking (`serve` and `check`
    /// check fields again, so they keep them).
    Spans,
    /// The files' texts, once every page and search document made from them is written:
    /// bodies then read as empty.
    Texts,
}

/// An induction pack: the folder `induction/<key>/`, its `index.md` and its numbered
/// sections.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Folder name under `induction/`.
    pub key: String,
    /// `index.md`: the pack's title, role and summary, and its introduction.
    pub index: Doc<induction::PackMeta>,
    /// Sorted by their `NN-` number.
    pub sections: Vec<Doc<induction::SectionMeta>>,
}

/// The whole hub as loaded: `hub.yaml` and every content file that parsed, by kind.
#[derive(Debug, Clone)]
pub struct Content {
    /// `hub.yaml`; a bad `repository` or source `url` in it has been reported and removed.
    pub config: HubConfig,
    pub(crate) config_src: SourceFile,
    pub(crate) config_spans: SpanIndex,
    /// `zones/*.md`, in file-name order.
    pub zones: Vec<Doc<zone::ZoneMeta>>,
    /// `case-studies/*.md`, sorted by slug; drafts included (linking leaves them out unless
    /// asked).
    pub case_studies: Vec<Doc<case_study::CaseStudyMeta>>,
    /// The induction packs under `induction/`.
    pub packs: Vec<Pack>,
    /// `baskets/*.md`, in file-name order.
    pub baskets: Vec<Doc<basket::BasketMeta>>,
    /// `roadmaps/*.md`, in file-name order.
    pub roadmaps: Vec<Doc<roadmap::RoadmapMeta>>,
    /// `pages/*.md`, in file-name order.
    pub pages: Vec<Doc<page::PageMeta>>,
    /// Paths under `static/`, relative to the content dir (`static/img/x.png`).
    pub(crate) statics: Vec<String>,
    /// Files whose front matter did not parse (already reported): never published, but their
    /// bodies are still checked, so one run reports every finding of a file.
    pub(crate) unparsed: Vec<Unparsed>,
}

/// A content file whose front matter failed to parse, kept for the checks of its body.
#[derive(Debug, Clone)]
pub(crate) struct Unparsed {
    pub(crate) src: SourceFile,
    pub(crate) body_offset: usize,
    /// The item as parsed with stand-ins for its failing fields (when each could be given
    /// one), so the rules still check the fields the author got right; never published.
    pub(crate) recovered: Option<Box<(Recovered, Placeholders)>>,
}

/// An item parsed with stand-ins for its failing fields, by kind.
#[derive(Debug, Clone)]
pub(crate) enum Recovered {
    Zone(Doc<zone::ZoneMeta>),
    CaseStudy(Doc<case_study::CaseStudyMeta>),
    PackIndex(Doc<induction::PackMeta>),
    Section(Doc<induction::SectionMeta>),
    Basket(Doc<basket::BasketMeta>),
    Roadmap(Doc<roadmap::RoadmapMeta>),
    Page(Doc<page::PageMeta>),
}

impl<'a> From<&'a Unparsed> for DocRef<'a> {
    fn from(u: &'a Unparsed) -> DocRef<'a> {
        DocRef {
            src: &u.src,
            body_offset: u.body_offset,
        }
    }
}

/// A Markdown file's text and where its body starts: what rendering a body needs of any item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocRef<'a> {
    pub(crate) src: &'a SourceFile,
    pub(crate) body_offset: usize,
}

impl<'a> DocRef<'a> {
    /// The Markdown body: the text after the front matter.
    pub(crate) fn body(&self) -> &'a str {
        &self.src.text[self.body_offset..]
    }
}

impl<'a, M> From<&'a Doc<M>> for DocRef<'a> {
    fn from(d: &'a Doc<M>) -> DocRef<'a> {
        DocRef {
            src: &d.src,
            body_offset: d.body_offset,
        }
    }
}

impl<'a> From<Item<'a>> for DocRef<'a> {
    fn from(i: Item<'a>) -> DocRef<'a> {
        DocRef {
            src: i.src(),
            body_offset: i.body_offset(),
        }
    }
}

impl Content {
    /// Every Markdown file, in the order of `items`.
    pub(crate) fn docs(&self) -> Vec<DocRef<'_>> {
        self.items().into_iter().map(DocRef::from).collect()
    }

    /// Let go of where every content file's front-matter fields sit, once its rules have run:
    /// only the rules' messages read them, and a build reports nothing about a field after
    /// linking (not for `serve` or `check`, which check fields again).
    /// Let go of `what` in every content file (on a large hub, the texts were the most a build
    /// held, and the spans 6 %).
    pub(crate) fn release(&mut self, what: Release) {
        // Named field by field, so a new kind's folder cannot be forgotten here.
        let Content {
            config: _,
            config_src: _,
            config_spans: _,
            zones,
            case_studies,
            packs,
            baskets,
            roadmaps,
            pages,
            statics: _,
            unparsed: _,
        } = self;
        zones.iter_mut().for_each(|d| d.release(what));
        case_studies.iter_mut().for_each(|d| d.release(what));
        for p in packs {
            p.index.release(what);
            p.sections.iter_mut().for_each(|d| d.release(what));
        }
        baskets.iter_mut().for_each(|d| d.release(what));
        roadmaps.iter_mut().for_each(|d| d.release(what));
        pages.iter_mut().for_each(|d| d.release(what));
    }
}
