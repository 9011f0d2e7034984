//! `api/pages.json`: every published item with who owns it and when it is due for review, so a
//! board can see at a glance what needs looking at.

use crate::content::common::{Date, HasCommon};
use crate::content::Doc;
use crate::link::{self, Site};
use crate::urls;
use serde::Serialize;

/// One item of the inventory. Fields in name order, as the file has always had them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    /// Case studies only.
    pub board: Option<String>,
    /// The Markdown file, relative to the content folder.
    pub file: String,
    /// zone, case-study, pack, pack-section, basket, roadmap or page.
    pub kind: &'static str,
    /// `review_by` is before the build's date.
    pub overdue: bool,
    pub owner: Option<String>,
    /// Path within the site (`case-studies/x/`), for hosts under a sub-path.
    pub path: String,
    pub published: Option<Date>,
    pub review_by: Option<Date>,
    pub title: String,
    pub updated: Option<Date>,
    /// Absolute address, from `base_url`.
    pub url: String,
}

pub fn entries(site: &Site) -> Vec<Entry> {
    let c = &site.content;
    let base = &c.config.base_url;
    let today = site.options.today;
    let entry = |kind,
                 title: &str,
                 path: String,
                 file: &str,
                 owner: Option<String>,
                 common: crate::content::common::Common| Entry {
        kind,
        title: title.to_string(),
        url: urls::absolute(base, &path),
        path,
        file: file.to_string(),
        owner: owner.or(common.owner),
        board: None,
        published: None,
        updated: common.updated,
        review_by: common.review_by,
        overdue: common.review_by.is_some_and(|d| d.0 < today),
    };
    fn plain<M: HasCommon>(d: &Doc<M>) -> crate::content::common::Common {
        d.meta.common()
    }
    let mut v = Vec::new();
    for &i in &site.zones {
        let z = &c.zones[i];
        v.push(entry(
            "zone",
            &z.meta.title,
            link::zone_url(&z.slug),
            &z.src.rel,
            None,
            plain(z),
        ));
    }
    for &i in &site.case_studies {
        let d = &c.case_studies[i];
        let mut e = entry(
            "case-study",
            &d.meta.title,
            link::case_study_url(&d.slug),
            &d.src.rel,
            None,
            plain(d),
        );
        e.board = Some(d.meta.board.clone());
        e.published = Some(d.meta.published);
        v.push(e);
    }
    for p in &c.packs {
        let i = &p.index;
        v.push(entry(
            "pack",
            &i.meta.title,
            link::pack_url(&p.key),
            &i.src.rel,
            None,
            plain(i),
        ));
        for s in &p.sections {
            // A section is looked after by its pack's owner unless it names its own.
            let owner = s.meta.owner.clone().or_else(|| i.meta.owner.clone());
            v.push(entry(
                "pack-section",
                &s.meta.title,
                link::section_url(&p.key, &s.slug),
                &s.src.rel,
                owner,
                plain(s),
            ));
        }
    }
    for b in &c.baskets {
        v.push(entry(
            "basket",
            &b.meta.title,
            link::basket_url(&b.slug),
            &b.src.rel,
            None,
            plain(b),
        ));
    }
    for r in &c.roadmaps {
        v.push(entry(
            "roadmap",
            &r.meta.title,
            link::roadmap_url(&r.slug),
            &r.src.rel,
            None,
            plain(r),
        ));
    }
    for p in &c.pages {
        v.push(entry(
            "page",
            &p.meta.title,
            link::page_url(&p.slug),
            &p.src.rel,
            None,
            plain(p),
        ));
    }
    v
}

/// The inventory file. Typed rather than built as a `serde_json::Value`: on a 10,000-item hub
/// that tree cost a tenth of a second, paid again by `serve` after every edit.
pub fn pages_json(site: &Site) -> String {
    #[derive(Serialize)]
    struct Inventory<'a> {
        base_url: &'a str,
        count: usize,
        items: Vec<Entry>,
        title: &'a str,
    }
    let items = entries(site);
    serde_json::to_string_pretty(&Inventory {
        base_url: &site.content.config.base_url,
        count: items.len(),
        items,
        title: &site.content.config.title,
    })
    .unwrap_or_default()
}
