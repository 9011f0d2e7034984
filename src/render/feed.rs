//! Machine-read files: sitemap.xml, the Atom feed of case studies, robots.txt.

use crate::escape::escape;
use crate::link::Site;
use crate::routes;
use crate::routes::absolute;
use std::fmt::Write as _;

/// How many of the newest case studies the feed carries.
pub const FEED_ENTRIES: usize = 50;

pub fn sitemap(base_url: &str, paths: &[String]) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in paths {
        let _ = writeln!(
            s,
            "  <url><loc>{}</loc></url>",
            escape(&absolute(base_url, p))
        );
    }
    s.push_str("</urlset>\n");
    s
}

pub fn atom(site: &Site) -> String {
    let cfg = &site.content.config;
    let base = &cfg.base_url;
    let entries: Vec<&crate::content::Doc<crate::content::case_study::CaseStudyMeta>> = site
        .case_studies
        .iter()
        .take(FEED_ENTRIES)
        .map(|&i| &site.content.case_studies[i])
        .collect();
    let updated = entries
        .iter()
        .map(|d| d.meta.updated.unwrap_or(d.meta.published))
        .max()
        .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string());
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(s, "  <title>{} – case studies</title>", escape(&cfg.title));
    let _ = writeln!(s, "  <id>{}</id>", escape(&absolute(base, routes::FEED)));
    let _ = writeln!(
        s,
        "  <link rel=\"self\" href=\"{}\"/>",
        escape(&absolute(base, routes::FEED))
    );
    let _ = writeln!(
        s,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&absolute(base, routes::CASE_STUDIES))
    );
    let _ = writeln!(s, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(s, "  <author><name>{}</name></author>", escape(&cfg.title));
    for d in entries {
        let url = absolute(base, &routes::case_study(&d.slug));
        let _ = writeln!(s, "  <entry>");
        let _ = writeln!(s, "    <title>{}</title>", escape(&d.meta.title));
        let _ = writeln!(s, "    <id>{}</id>", escape(&url));
        let _ = writeln!(
            s,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&url)
        );
        let _ = writeln!(
            s,
            "    <published>{}T00:00:00Z</published>",
            d.meta.published
        );
        let _ = writeln!(
            s,
            "    <updated>{}T00:00:00Z</updated>",
            d.meta.updated.unwrap_or(d.meta.published)
        );
        let _ = writeln!(s, "    <summary>{}</summary>", escape(&d.meta.summary));
        let _ = writeln!(s, "  </entry>");
    }
    s.push_str("</feed>\n");
    s
}

pub fn robots(base_url: &str) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        absolute(base_url, routes::SITEMAP)
    )
}
