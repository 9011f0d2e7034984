//! Raw HTML in content is cleaned with ammonia: no script, event handler or `javascript:` URL
//! from content reaches a page. Markdown without raw HTML skips this: pulldown-cmark escapes
//! text itself and link schemes are checked while rendering.
//!
//! README-style Markdown marks link targets with `<a name="x">` or `id="x"`; both are kept (the
//! old `name` becomes an `id`, which is what browsers and our anchor checks look for) and the
//! surviving ids are returned so `#x` links to them count. An image from another site loses its
//! `src`, as a Markdown one is refused.

use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The cleaned HTML and the ids its elements carry, in document order.
pub struct Cleaned {
    pub html: String,
    pub ids: Vec<String>,
}

pub fn clean(html: &str) -> Cleaned {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "aria-label", "aria-describedby", "role"]);
    b.add_tag_attributes("a", ["name"]);
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
    b.url_schemes(HashSet::from(crate::config::address::LINK_SCHEMES));
    b.link_rel(None);
    // As for Markdown images: a page loads nothing from another site.
    b.attribute_filter(|element, attribute, value| {
        let remote = crate::config::address::scheme_of(value).is_some() || value.starts_with("//");
        if element == "img" && attribute == "src" && remote {
            None
        } else {
            Some(value.into())
        }
    });
    let mut ids = Vec::new();
    let mut unique = HashSet::new();
    let html = START_TAG
        .replace_all(&b.clean(html).to_string(), |c: &regex::Captures<'_>| {
            let tag = name_to_id(&c[0]);
            if let Some(id) = ID.captures(&tag) {
                let id = unescape(&id[1]);
                if unique.insert(id.clone()) {
                    ids.push(id);
                }
            }
            tag
        })
        .into_owned();
    Cleaned { html, ids }
}

/// A start tag as ammonia serialises it: every attribute value in `"`, with any `"` inside it
/// escaped, and `<` in text escaped, so this matches exactly the tags of the page.
static START_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<[a-zA-Z][a-zA-Z0-9]*(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*\s*/?>"#).unwrap()
});
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid="([^"]*)""#).unwrap());
static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sname="[^"]*""#).unwrap());

/// `<a name="x">` → `<a id="x">`; an `<a>` that has an id already just loses its name.
fn name_to_id(tag: &str) -> String {
    if !tag.starts_with("<a ") || !NAME.is_match(tag) {
        tag.to_string()
    } else if ID.is_match(tag) {
        NAME.replace(tag, "").into_owned()
    } else {
        tag.replacen(" name=\"", " id=\"", 1)
    }
}

/// The escapes html5ever writes in attribute values.
fn unescape(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn strips_scripts_handlers_and_js_urls() {
        let out = clean(
            r#"<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">a</a><img src=x onerror=alert(1)></p>"#,
        )
        .html;
        assert!(!out.contains("script"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("hi"));
    }

    #[test]
    fn raw_html_anchors_survive_as_ids() {
        let out = clean(
            r#"<a name="top"></a><span id="perf">x</span><a id="both" name="other"></a><p id="a&amp;b">q</p><span title='<a name="no">'>t</span>"#,
        );
        assert_eq!(out.ids, ["top", "perf", "both", "a&b"]);
        assert!(out.html.contains(r#"<a id="top">"#), "{}", out.html);
        assert!(out.html.contains(r#"<a id="both">"#), "{}", out.html);
        assert!(!out.html.contains(r#"id="no""#), "{}", out.html);
    }
}
