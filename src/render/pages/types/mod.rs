//! The typed context of every page template, and of the site part every page shares.
//!
//! Each context type names its template (`PageTemplate`), and `PageContext` is the one value
//! a page job produces, so a page cannot be rendered with another template's context.

mod items;
mod lists;
mod packs;
mod shared;
mod topics;

pub(crate) use items::*;
pub(crate) use lists::*;
pub(crate) use packs::*;
pub use shared::{Card, SiteContext};
pub(crate) use shared::{
    CasePreview, CheckItem, ItemCommon, Link, RenderContext, Tag, Teaser, ZoneLink,
};
pub(crate) use topics::*;

use serde::Serialize;

/// A page context and the theme template that renders it.
pub(crate) trait PageTemplate: Serialize {
    const TEMPLATE: &'static str;
}

/// Declares each context type's template, the `PageContext` variant holding it, and the
/// conversion into that variant: one line per template, so the pairing lives in one place.
macro_rules! page_contexts {
    ($($variant:ident($ty:ident) => $template:literal,)*) => {
        $(impl PageTemplate for $ty<'_> {
            const TEMPLATE: &'static str = $template;
        })*

        /// The context of one page, as the template sees it under `page`.
        #[derive(Serialize)]
        #[serde(untagged)]
        pub(crate) enum PageContext<'a> {
            $($variant($ty<'a>),)*
        }

        impl PageContext<'_> {
            /// The template this context is for.
            pub(crate) fn template(&self) -> &'static str {
                match self {
                    $(PageContext::$variant(_) => <$ty<'_> as PageTemplate>::TEMPLATE,)*
                }
            }
        }

        $(impl<'a> From<$ty<'a>> for PageContext<'a> {
            fn from(c: $ty<'a>) -> Self {
                PageContext::$variant(c)
            }
        })*
    };
}

page_contexts! {
    Home(HomePage) => "home.html",
    List(ListPage) => "list.html",
    CaseList(CaseListPage) => "case_study_list.html",
    CaseStudy(CaseStudyPage) => "case_study.html",
    Zone(ZonePage) => "zone.html",
    Pack(PackPage) => "pack.html",
    Section(SectionPage) => "pack_section.html",
    PackPrint(PackPrintPage) => "pack_print.html",
    Basket(BasketPage) => "basket.html",
    Roadmap(RoadmapPage) => "roadmap.html",
    Browse(BrowsePage) => "browse.html",
    Page(TextPage) => "page.html",
    Search(SearchPage) => "search.html",
    NotFound(NotFoundPage) => "404.html",
}
