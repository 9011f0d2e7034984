//! Every path of the site, and the file each is written to.
//!
//! A site path has no leading slash (`case-studies/x/`, `` for the home page). Pages link to
//! each other with relative URLs, so the built folder works from any base URL, a sub-path, or
//! straight from disk; only the feed, sitemap and 404 page (which is served at arbitrary paths)
//! use the absolute base URL. Render, patch, the search documents and the HTTP layer all ask
//! this module: no other module spells a site path.

use crate::content::facet::{Browse, Facet};
use crate::content::kind::Kind;

/// Top-level URL segments the generator uses itself; a page may not take one.
pub(crate) const RESERVED_PATHS: [&str; 14] = [
    "zones",
    "case-studies",
    "induction",
    "baskets",
    "roadmaps",
    "boards",
    "topics",
    "components",
    "search",
    "static",
    "assets",
    "api",
    "search-index",
    "404",
];

/// Second-level segments under `case-studies/` taken by the facet pages and pagination.
pub(crate) const CASE_STUDY_RESERVED: [&str; 6] =
    ["board", "zone", "component", "topic", "year", "page"];

/// The home page.
pub(crate) const HOME: &str = "";
/// The search page.
pub(crate) const SEARCH: &str = "search/";
/// The page served for any missing address.
pub(crate) const NOT_FOUND: &str = "404.html";
/// The list of induction packs.
pub(crate) const PACKS: &str = "induction/";
/// The list of topic baskets.
pub(crate) const BASKETS: &str = "baskets/";
/// The list of roadmaps.
pub(crate) const ROADMAPS: &str = "roadmaps/";
/// The list of every case study.
pub(crate) const CASE_STUDIES: &str = "case-studies/";
/// The case-study filter data the list page's script reads.
pub(crate) const FILTER_DATA: &str = "case-studies/index.json";
/// The inventory of every published item.
pub(crate) const INVENTORY: &str = "api/pages.json";
/// The sitemap.
pub(crate) const SITEMAP: &str = "sitemap.xml";
/// The Atom feed of case studies.
pub(crate) const FEED: &str = "atom.xml";
/// robots.txt.
pub(crate) const ROBOTS: &str = "robots.txt";
/// Theme assets (fingerprinted) live under this folder.
pub(crate) const ASSETS: &str = "assets/";

/// The page listing every item of `kind`, for the kinds that have one.
pub(crate) fn kind_list(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Pack => Some(PACKS),
        Kind::Basket => Some(BASKETS),
        Kind::Roadmap => Some(ROADMAPS),
        _ => None,
    }
}

/// A zone's page.
pub(crate) fn zone(key: &str) -> String {
    format!("zones/{key}/")
}

/// A case study's page.
pub(crate) fn case_study(slug: &str) -> String {
    format!("{CASE_STUDIES}{slug}/")
}

/// An induction pack's contents page.
pub(crate) fn pack(key: &str) -> String {
    format!("{PACKS}{key}/")
}

/// A section of an induction pack.
pub(crate) fn section(pack_key: &str, slug: &str) -> String {
    format!("{PACKS}{pack_key}/{slug}/")
}

/// A pack's one-page printable version.
pub(crate) fn pack_print(pack_key: &str) -> String {
    format!("{PACKS}{pack_key}/print/")
}

/// A topic basket's page.
pub(crate) fn basket(slug: &str) -> String {
    format!("{BASKETS}{slug}/")
}

/// A roadmap's page.
pub(crate) fn roadmap(slug: &str) -> String {
    format!("{ROADMAPS}{slug}/")
}

/// A free-standing page (about, accessibility, ...).
pub(crate) fn page(slug: &str) -> String {
    format!("{slug}/")
}

/// `path` with `#id` appended.
pub(crate) fn anchor(path: &str, id: &str) -> String {
    format!("{path}#{id}")
}

/// The id of a zone's `n`th resource (from 0, in file order), which search results link to.
pub(crate) fn resource_id(n: usize) -> String {
    format!("resource-{}", n + 1)
}

/// The index of one facet's values (`case-studies/board/`).
pub(crate) fn facet_index(f: Facet) -> String {
    format!("{CASE_STUDIES}{}/", f.key())
}

/// The first page of case studies narrowed to facet `f`'s value `key`, or of all of them.
pub(crate) fn case_list_base(facet: Option<(Facet, &str)>) -> String {
    match facet {
        None => CASE_STUDIES.to_string(),
        Some((f, k)) => format!("{CASE_STUDIES}{}/{k}/", f.key()),
    }
}

/// Page `n` (from 1) of the list whose first page is `base`.
pub(crate) fn list_page(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// A browse section's index (`boards/`).
pub(crate) fn browse_index(b: Browse) -> String {
    format!("{}/", b.dir())
}

/// Everything tagged with one board, topic or component (`topics/diabetes/`).
pub(crate) fn browse_item(b: Browse, key: &str) -> String {
    format!("{}/{key}/", b.dir())
}

/// Where a tag links: a zone to its page, a board, topic or component to its browse page, a
/// year to the case studies of that year.
pub(crate) fn tag(f: Facet, key: &str) -> String {
    match f {
        Facet::Zone => zone(key),
        Facet::Board => browse_item(Browse::Board, key),
        Facet::Topic => browse_item(Browse::Topic, key),
        Facet::Component => browse_item(Browse::Component, key),
        Facet::Year => case_list_base(Some((Facet::Year, key))),
    }
}

/// The file a page at site path `path` is written to: folders get an `index.html`.
pub(crate) fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// `../` repeated once per folder level of `page`, or `./` at the root.
pub(crate) fn root_prefix(page: &str) -> String {
    let depth = page.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Relative URL from the page at `from` to the site path `to` (which may carry a `#fragment`).
pub(crate) fn relative(from: &str, to: &str) -> String {
    let from_dir = match from.rfind('/') {
        Some(i) => &from[..=i],
        None => "",
    };
    let (to_path, frag) = match to.find('#') {
        Some(i) => (&to[..i], &to[i..]),
        None => (to, ""),
    };
    if to_path.is_empty() && !frag.is_empty() && from_dir.is_empty() {
        return frag.to_string();
    }
    let a: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let b: Vec<&str> = to_path.split('/').collect();
    let common = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
    let mut out = "../".repeat(a.len() - common);
    out.push_str(&b[common..].join("/"));
    if out.is_empty() {
        out.push_str("./");
    }
    out.push_str(frag);
    out
}

/// Resolve a relative link written in the file `from_rel` (`case-studies/a.md`) to a
/// content-relative path (`zones/data.md`). `None` if it climbs out of the content folder.
pub(crate) fn resolve_rel(from_rel: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_rel.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The base URL's path (`/hub/` for `https://example.org/hub`), always with slashes both ends.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Absolute URL of a site path.
pub(crate) fn absolute(base_url: &str, path: &str) -> String {
    format!("{}/{}", base_url.trim_end_matches('/'), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_paths() {
        assert_eq!(zone("data"), "zones/data/");
        assert_eq!(case_study("a-b"), "case-studies/a-b/");
        assert_eq!(pack("pql"), "induction/pql/");
        assert_eq!(section("pql", "time"), "induction/pql/time/");
        assert_eq!(pack_print("pql"), "induction/pql/print/");
        assert_eq!(basket("b"), "baskets/b/");
        assert_eq!(roadmap("r"), "roadmaps/r/");
        assert_eq!(page("about"), "about/");
        assert_eq!(anchor(&basket("b"), "t"), "baskets/b/#t");
    }

    #[test]
    fn list_and_facet_paths() {
        assert_eq!(facet_index(Facet::Board), "case-studies/board/");
        assert_eq!(case_list_base(None), "case-studies/");
        let base = case_list_base(Some((Facet::Topic, "diabetes")));
        assert_eq!(base, "case-studies/topic/diabetes/");
        assert_eq!(list_page(&base, 1), base);
        assert_eq!(list_page(&base, 3), "case-studies/topic/diabetes/page/3/");
        assert_eq!(browse_index(Browse::Component), "components/");
        assert_eq!(browse_item(Browse::Board, "fife"), "boards/fife/");
        assert_eq!(tag(Facet::Zone, "data"), "zones/data/");
        assert_eq!(tag(Facet::Board, "fife"), "boards/fife/");
        assert_eq!(tag(Facet::Year, "2024"), "case-studies/year/2024/");
    }

    #[test]
    fn every_page_path_has_one_file() {
        assert_eq!(file_of(HOME), "index.html");
        assert_eq!(file_of(&zone("data")), "zones/data/index.html");
        assert_eq!(file_of(NOT_FOUND), "404.html");
        assert_eq!(file_of(SITEMAP), "sitemap.xml");
    }

    #[test]
    fn generated_folders_are_reserved() {
        // Every top-level folder this module hands out must be one a page cannot take.
        for p in [
            zone("x"),
            case_study("x"),
            pack("x"),
            basket("x"),
            roadmap("x"),
            SEARCH.into(),
            INVENTORY.into(),
            ASSETS.into(),
            browse_index(Browse::Board),
            browse_index(Browse::Topic),
            browse_index(Browse::Component),
        ] {
            let top = p.split('/').next().unwrap();
            assert!(RESERVED_PATHS.contains(&top), "{top} is not reserved");
        }
        for f in Facet::ALL {
            assert!(CASE_STUDY_RESERVED.contains(&f.key()));
        }
        let paged = list_page(CASE_STUDIES, 2);
        assert!(CASE_STUDY_RESERVED.contains(&paged.split('/').nth(1).unwrap()));
    }

    #[test]
    fn relative_links_between_pages() {
        assert_eq!(
            relative("case-studies/a/", "zones/data/"),
            "../../zones/data/"
        );
        assert_eq!(relative("case-studies/a/", "case-studies/b/"), "../b/");
        assert_eq!(relative("", "zones/data/"), "zones/data/");
        assert_eq!(relative("", ""), "./");
        assert_eq!(relative("zones/data/", ""), "../../");
        assert_eq!(relative("zones/data/", "zones/data/#x"), "./#x");
        assert_eq!(relative("sitemap.xml", "static/a.png"), "static/a.png");
        assert_eq!(root_prefix("case-studies/a/"), "../../");
        assert_eq!(root_prefix("404.html"), "./");
    }

    #[test]
    fn resolves_relative_file_links() {
        assert_eq!(
            resolve_rel("case-studies/a.md", "../zones/data.md").as_deref(),
            Some("zones/data.md")
        );
        assert_eq!(
            resolve_rel("case-studies/a.md", "b.md").as_deref(),
            Some("case-studies/b.md")
        );
        assert_eq!(resolve_rel("case-studies/a.md", "../../x.md"), None);
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://example.org/hub"), "/hub/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(
            absolute("https://example.org/hub/", "atom.xml"),
            "https://example.org/hub/atom.xml"
        );
    }
}
