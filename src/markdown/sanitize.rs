//! Raw HTML in content is cleaned with ammonia: no script, event handler or `javascript:` URL
//! from content reaches a page. Markdown without raw HTML skips this: pulldown-cmark escapes
//! text itself and link schemes are checked while rendering.

use std::collections::HashSet;

pub fn clean(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "aria-label", "aria-describedby", "role"]);
    b.add_tags([
        "figure",
        "figcaption",
        "details",
        "summary",
        "section",
        "input",
    ]);
    b.add_tag_attributes("input", ["type", "checked", "disabled"]);
    b.add_tag_attributes("td", ["colspan", "rowspan", "style"]);
    b.add_tag_attributes("th", ["colspan", "rowspan", "scope", "style"]);
    b.url_schemes(HashSet::from(["http", "https", "mailto"]));
    b.link_rel(None);
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn strips_scripts_handlers_and_js_urls() {
        let out = clean(
            r#"<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">a</a><img src=x onerror=alert(1)></p>"#,
        );
        assert!(!out.contains("script"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("hi"));
    }
}
