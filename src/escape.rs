//! HTML escaping, for the few places that write HTML or XML by hand (code blocks, the feed,
//! search snippets, serve's error page, charts). Templates escape through tera.

/// `s` with `&`, `<`, `>` and `"` written as entities, safe in text and in quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// The text `escape` (or tera's escaping) wrote: the entities turned back into characters,
/// `&amp;` last so that an escaped entity stays as written.
pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_round_trips() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;"
        );
        for s in [
            "",
            "plain",
            "&amp; already",
            "<>&\"'",
            "&lt;b&gt;",
            "Café & Kids",
        ] {
            assert_eq!(unescape(&escape(s)), s, "{s}");
        }
        assert_eq!(unescape("it&#39;s"), "it's");
    }
}
