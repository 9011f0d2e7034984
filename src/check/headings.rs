//! Headings in order: the page title is the only `#` heading, the body starts at `##`, and no
//! level is skipped. Screen-reader users move through a page by its headings; a skipped level
//! reads as a missing section.

use super::body::HeadingAt;
use super::Target;
use crate::diagnostics::Diagnostic;

pub fn check(item: &Target<'_>, headings: &[HeadingAt]) -> Vec<Diagnostic> {
    let mut out = crate::diagnostics::Limited::default();
    // The template shows the title as the page's `#` heading, so the body sits under level 1.
    let mut previous = 1u8;
    for h in headings {
        let hashes = "#".repeat(usize::from(h.level));
        if h.level == 1 {
            out.push(|| {
                item.error_at(
                    &h.range,
                    "a `#` heading in the body: the page title is already the top heading",
                )
                .help(format!(
                    "start body headings at `##`, e.g. `## {}`",
                    h.text.trim()
                ))
            });
        } else if h.level > previous + 1 {
            let want = "#".repeat(usize::from(previous + 1));
            let message = if previous == 1 {
                format!("the first heading is `{hashes}`: body headings start at `##`")
            } else {
                format!(
                    "heading level skipped: `{hashes}` comes after a `{}` heading",
                    "#".repeat(usize::from(previous))
                )
            };
            out.push(|| {
                item.error_at(&h.range, message).help(format!(
                    "use `{want}` here, so headings go down one level at a time"
                ))
            });
        }
        previous = h.level;
    }
    out.out
}

#[cfg(test)]
mod tests {
    use super::super::tests::item_for;
    use super::*;

    fn messages(body: &str) -> Vec<(usize, usize, String)> {
        let (src, spans) = item_for(body);
        let item = Target::plain(&src, &spans);
        let b = super::super::body::scan(item.body());
        check(&item, &b.headings)
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn headings_go_down_one_level_at_a_time() {
        assert!(messages("## A\n\n### B\n\n## C\n\n### D\n\n#### E\n\n## F\n").is_empty());
        assert_eq!(
            messages("## A\n\n#### B\n"),
            [(
                7,
                1,
                "heading level skipped: `####` comes after a `##` heading".to_string()
            )]
        );
        assert_eq!(
            messages("Intro.\n\n### B\n"),
            [(
                7,
                1,
                "the first heading is `###`: body headings start at `##`".to_string()
            )]
        );
        let h1 = messages("# Title again\n\n## A\n");
        assert_eq!(h1.len(), 1);
        assert_eq!((h1[0].0, h1[0].1), (5, 1));
    }
}
