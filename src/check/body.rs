//! The headings and links of a Markdown body, with where each sits.
//!
//! The renderer keeps headings and links without positions; the checks need to point at them,
//! so they read the body again with pulldown-cmark's offsets. Parsing uses the renderer's
//! extensions so both see the same structure.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingAt {
    pub level: u8,
    pub text: String,
    /// Byte range in the body of the heading's first line.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAt {
    pub dest: String,
    /// The words a reader (or screen reader) sees, including image alt text.
    pub text: String,
    /// `<https://…>` and `<a@b.org>`: the address is the text.
    pub autolink: bool,
    /// Byte range in the body of the link's first line.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Body {
    pub headings: Vec<HeadingAt>,
    pub links: Vec<LinkAt>,
    /// `http(s)` image sources; the renderer already rejects them, `--external` skips them.
    pub images: Vec<LinkAt>,
}

pub fn scan(body: &str) -> Body {
    let mut out = Body::default();
    // Open headings and links collect text until their end event.
    let mut heading: Option<HeadingAt> = None;
    let mut links: Vec<LinkAt> = Vec::new();
    for (ev, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(HeadingAt {
                    level: crate::markdown::level_num(level),
                    text: String::new(),
                    range: first_line(body, range),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    out.headings.push(h);
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => links.push(LinkAt {
                dest: dest_url.to_string(),
                text: String::new(),
                autolink: matches!(link_type, LinkType::Autolink | LinkType::Email),
                range: first_line(body, range),
            }),
            Event::End(TagEnd::Link) => {
                if let Some(l) = links.pop() {
                    out.links.push(l);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => out.images.push(LinkAt {
                dest: dest_url.to_string(),
                text: String::new(),
                autolink: false,
                range: first_line(body, range),
            }),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(&t);
                }
                if let Some(l) = links.last_mut() {
                    l.text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out.links.sort_by_key(|l| l.range.start);
    out
}

/// The part of `range` on its first line, so carets stay on the line they are drawn under.
fn first_line(body: &str, range: Range<usize>) -> Range<usize> {
    let end = body
        .get(range.clone())
        .and_then(|s| s.find('\n'))
        .map_or(range.end, |i| range.start + i);
    let text = body.get(range.start..end).unwrap_or("");
    range.start..range.start + text.trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headings_and_links_with_positions() {
        let body = "## What they did\n\nSee [the data zone](../zones/data.md) and <https://x.org>.\n\nTitle\n-----\n\n```\n# not a heading\n```\n";
        let b = scan(body);
        let hs: Vec<(u8, &str, &str)> = b
            .headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), &body[h.range.clone()]))
            .collect();
        assert_eq!(
            hs,
            [
                (2, "What they did", "## What they did"),
                (2, "Title", "Title")
            ]
        );
        assert_eq!(b.links.len(), 2);
        assert_eq!(b.links[0].text, "the data zone");
        assert_eq!(
            &body[b.links[0].range.clone()],
            "[the data zone](../zones/data.md)"
        );
        assert!(b.links[1].autolink);
    }
}
