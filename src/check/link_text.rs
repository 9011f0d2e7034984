//! Link text that says where it goes. Screen readers list a page's links out of context, and
//! people scan for them: "click here" or "read more" tells neither where the link leads.

use super::body::LinkAt;
use super::Target;
use crate::diagnostics::Diagnostic;

/// Link texts that say nothing about their destination, compared after lower-casing and
/// trimming punctuation.
const VAGUE: [&str; 27] = [
    "click here",
    "click",
    "here",
    "click this link",
    "this link",
    "link",
    "this page",
    "this",
    "page",
    "read more",
    "more",
    "more info",
    "more information",
    "find out more",
    "learn more",
    "see more",
    "see here",
    "go here",
    "go",
    "continue",
    "continue reading",
    "details",
    "website",
    "this website",
    "web page",
    "download",
    "click here for more",
];

pub fn check(item: &Target<'_>, links: &[LinkAt]) -> Vec<Diagnostic> {
    let mut out = crate::diagnostics::Limited::default();
    for l in links.iter().filter(|l| !l.autolink) {
        let words = normalise(&l.text);
        if words.is_empty() {
            out.push(|| {
                item.error_at(&l.range, "link has no text").help(
                    "write what the link leads to inside the brackets, e.g. `[the Data zone](../zones/data.md)`",
                )
            });
        } else if VAGUE.contains(&words.as_str()) {
            let message = format!(
                "link text `{}` does not say where the link goes",
                l.text.trim()
            );
            out.push(|| {
                item.error_at(&l.range, message).help(
                    "name the destination instead, e.g. `[the Data zone](../zones/data.md)` rather than `[click here](../zones/data.md)`",
                )
            });
        }
    }
    out.out
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::super::tests::item_for;
    use super::*;

    fn messages(body: &str) -> Vec<(usize, usize, String)> {
        let (src, spans) = item_for(body);
        let item = Target::plain(&src, &spans);
        let b = super::super::body::scan(item.body());
        check(&item, &b.links)
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn stops_after_the_limit_for_one_file() {
        let m = messages(&"[here](a.md) ".repeat(100));
        assert_eq!(m.len(), crate::diagnostics::MAX_PER_FILE + 1);
        assert!(m[crate::diagnostics::MAX_PER_FILE]
            .2
            .starts_with("more problems like the ones above"));
    }

    #[test]
    fn vague_and_empty_link_text_is_reported() {
        assert!(
            messages("See [the Data zone](a.md), [next](b.md) and <https://x.org>.\n").is_empty()
        );
        assert_eq!(
            messages("Intro.\n\nFor the guide [Click here!](a.md).\n"),
            [(
                7,
                15,
                "link text `Click here!` does not say where the link goes".to_string()
            )]
        );
        assert_eq!(
            messages("[Read   more…](a.md) [](b.md)\n"),
            [
                (
                    5,
                    1,
                    "link text `Read   more…` does not say where the link goes".to_string()
                ),
                (5, 22, "link has no text".to_string())
            ]
        );
    }
}
