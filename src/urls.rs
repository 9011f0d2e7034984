//! Site paths and how pages link to each other.
//!
//! Internally every page has a site path without a leading slash (`case-studies/x/`, `` for the
//! home page). Pages link to each other with relative URLs, so the built folder works from any
//! base URL, a sub-path, or straight from disk; only the feed, sitemap and 404 page (which is
//! served at arbitrary paths) use the absolute base URL.

/// `../` repeated once per folder level of `page`, or `./` at the root.
pub fn root_prefix(page: &str) -> String {
    let depth = page.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Relative URL from the page at `from` to the site path `to` (which may carry a `#fragment`).
pub fn relative(from: &str, to: &str) -> String {
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
pub fn resolve_rel(from_rel: &str, link: &str) -> Option<String> {
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
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{}/{}", base_url.trim_end_matches('/'), path)
}

#[cfg(test)]
mod tests {
    use super::*;

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
