//! `api/pages.json`: every published item with who owns it and when it is due for review, so a
//! board can see at a glance what needs looking at.

use super::item_memo::{piece, ItemMemo, Piece};
use crate::content::common::Date;
use crate::content::Item;
use crate::link::Site;
use crate::routes;
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

/// One entry per published item, in the site's order.
pub fn entries(site: &Site) -> Vec<Entry> {
    let c = &site.content;
    let today = site.options.today;
    site.published()
        .into_iter()
        .map(|id| {
            let item = c.item(id);
            let common = item.common();
            let path = item.route();
            let case_study = match item {
                Item::CaseStudy(d) => Some(d),
                _ => None,
            };
            Entry {
                kind: item.kind().key(),
                title: item.title().to_string(),
                url: routes::absolute(&c.config.base_url, &path),
                path,
                file: item.src().rel.clone(),
                owner: item.owner(),
                board: case_study.map(|d| d.meta.board.clone()),
                published: case_study.map(|d| d.meta.published),
                updated: common.updated,
                review_by: common.review_by,
                overdue: common.review_by.is_some_and(|d| d.0 < today),
            }
        })
        .collect()
}

/// The inventory file, pretty-printed as serde_json would print the whole, but written item
/// by item so that `serve` can keep each item's text (`memo`) between edits.
pub fn pages_json(site: &Site, memo: Option<&ItemMemo>) -> String {
    let items = entries(site);
    let cfg = &site.content.config;
    let string = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = format!(
        "{{\n  \"base_url\": {},\n  \"count\": {},\n  \"items\": ",
        string(&cfg.base_url),
        items.len()
    );
    if items.is_empty() {
        out.push_str("[]");
    } else {
        out.push_str("[\n");
        for (n, e) in items.iter().enumerate() {
            if n > 0 {
                out.push_str(",\n");
            }
            out.push_str(&piece(memo, Piece::Inventory, &e.file, || nested(e)));
        }
        out.push_str("\n  ]");
    }
    out.push_str(&format!(",\n  \"title\": {}\n}}", string(&cfg.title)));
    out
}

/// An entry pretty-printed at the depth of the inventory's items (two levels in).
fn nested(e: &Entry) -> String {
    let flat = serde_json::to_string_pretty(e).unwrap_or_default();
    let mut out = String::with_capacity(flat.len() + 64);
    for (n, line) in flat.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str("    ");
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file as serde_json prints the whole: what the inventory has always been.
    fn whole(site: &Site) -> String {
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
        .unwrap()
    }

    #[test]
    fn item_by_item_is_serde_json_pretty_printing_the_whole() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hub");
        let opts = crate::build::BuildOptions::new(dir, std::env::temp_dir());
        let (built, diags) = crate::build::build_in_memory(&opts);
        let site = built.unwrap_or_else(|| panic!("{diags:?}")).built.site;
        let memo = ItemMemo::default();
        assert_eq!(pages_json(&site, None), whole(&site));
        assert_eq!(pages_json(&site, Some(&memo)), whole(&site));
        assert_eq!(
            pages_json(&site, Some(&memo)),
            whole(&site),
            "from the memo"
        );
    }
}
