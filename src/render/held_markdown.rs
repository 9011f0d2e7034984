//! A case study's Markdown between the bodies stage and its two last renderings, held
//! compressed, and the plain text its page's rendering leaves for its search document.
//!
//! A build renders each case-study body again for its page and for its search document
//! (`bodies::Html::ShownOnce`), and the two may be far apart: the pages and the index go at
//! their own pace. Until both have been made the Markdown must be held, and on a large hub it
//! is most of what a build holds (about 770 MB at 100,000 case studies). LZ4 halves it
//! (ratio 2.05 on the benchmark corpus) for about 2 % of a build's CPU: 460 MB/s to compress,
//! 2.7 GB/s to decompress, on this project's machine. zstd and deflate at their fastest levels
//! save a third more for two to three times the CPU.
//!
//! The page's rendering makes the body's plain text and headings too (one pass makes all of
//! them, `markdown::render`), so when the page comes first its text is kept for the search
//! document in place of the Markdown, which then needs no rendering of its own (a twentieth
//! of a build's instructions). Kept plain while the texts so kept are few (the pages run
//! ahead of the index by a few thousand case studies at most on the benchmark corpus), and
//! compressed past `PLAIN_BUDGET`, so a large hub holds no more than before.

use super::bodies::SearchText;
use crate::markdown::Rendered;
use crate::unpoisoned::Unpoisoned;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Bytes of plain text kept uncompressed for search documents, across every body: past it,
/// each text is kept LZ4-compressed as the Markdown was.
const PLAIN_BUDGET: usize = 8 * 1024 * 1024;

/// One body's Markdown, compressed, until its page and its search document are made; or,
/// after its page, the text for its search document.
pub(crate) struct HeldMarkdown(Mutex<Held>);

enum Held {
    /// Neither rendering made yet: the Markdown, compressed.
    Both(Vec<u8>),
    /// The search document made first: the Markdown, compressed, for the page.
    PageOnly(Vec<u8>),
    /// The page made first: its plain text and headings, for the search document.
    TextOnly(Text, Vec<crate::markdown::Heading>),
    /// Both made.
    Done,
}

/// A text kept for a search document.
enum Text {
    /// As it is, counted in the budget.
    Plain(String),
    /// Compressed (`pack`), once the budget was spent.
    Packed(Vec<u8>),
}

/// What the bodies kept plain for their search documents hold between them (`PLAIN_BUDGET`).
#[derive(Default)]
pub(crate) struct PlainTexts(AtomicUsize);

impl HeldMarkdown {
    /// `markdown`, to be rendered for its page and its search document.
    pub(crate) fn new(markdown: &str) -> HeldMarkdown {
        HeldMarkdown(Mutex::new(Held::Both(pack(markdown))))
    }

    /// The page's HTML, from `render` of the Markdown (`markdown::render`); its plain text
    /// and headings are kept for the search document if that is still to come. `None` if the
    /// page was made already.
    pub(crate) fn for_page(
        &self,
        plain: &PlainTexts,
        render: impl FnOnce(&str) -> Rendered,
    ) -> Option<String> {
        // The lock is not held while rendering: the search document may be made meanwhile,
        // from the Markdown still held.
        let markdown = {
            let mut held = self.lock();
            match &*held {
                Held::Both(packed) => unpack(packed),
                Held::PageOnly(packed) => {
                    let markdown = unpack(packed);
                    *held = Held::Done;
                    markdown
                }
                Held::TextOnly(..) | Held::Done => return None,
            }
        };
        let r = render(&markdown);
        let mut held = self.lock();
        *held = match &*held {
            Held::Both(_) => Held::TextOnly(plain.keep(r.text), r.headings),
            _ => Held::Done,
        };
        Some(r.html)
    }

    /// The search document's text and headings: those the page's rendering left, or else
    /// `render` of the Markdown (`markdown::render_without_html`). `None` if the document was
    /// made already.
    pub(crate) fn for_search(
        &self,
        plain: &PlainTexts,
        render: impl FnOnce(&str) -> Rendered,
    ) -> Option<SearchText> {
        let markdown = {
            let mut held = self.lock();
            match std::mem::replace(&mut *held, Held::Done) {
                Held::TextOnly(text, headings) => {
                    return Some(SearchText {
                        text: plain.take(text),
                        headings,
                    })
                }
                Held::Both(packed) => {
                    let markdown = unpack(&packed);
                    *held = Held::PageOnly(packed);
                    markdown
                }
                // Made already: left as it was.
                other => {
                    *held = other;
                    return None;
                }
            }
        };
        Some(render(&markdown).into())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Held> {
        self.0.lock().unpoisoned()
    }
}

impl PlainTexts {
    /// `text` as it is if the budget allows, else compressed.
    fn keep(&self, text: String) -> Text {
        let before = self.0.fetch_add(text.len(), Ordering::Relaxed);
        if before + text.len() <= PLAIN_BUDGET {
            Text::Plain(text)
        } else {
            self.0.fetch_sub(text.len(), Ordering::Relaxed);
            Text::Packed(pack(&text))
        }
    }

    /// The text `keep` kept, giving its share of the budget back.
    fn take(&self, text: Text) -> String {
        match text {
            Text::Plain(t) => {
                self.0.fetch_sub(t.len(), Ordering::Relaxed);
                t
            }
            Text::Packed(packed) => unpack(&packed),
        }
    }
}

fn pack(text: &str) -> Vec<u8> {
    lz4_flex::block::compress_prepend_size(text.as_bytes())
}

/// The text `pack` packed. Both ends are this module's, in one process, so neither the
/// decompression nor the UTF-8 can fail; were they to, the body would read as empty rather
/// than stop the build half-way.
fn unpack(packed: &[u8]) -> String {
    let bytes = lz4_flex::block::decompress_size_prepended(packed).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Heading;

    /// A stand-in for a rendering: the HTML and the text name the Markdown and the rendering.
    fn rendering(how: &'static str) -> impl FnOnce(&str) -> Rendered {
        move |md| Rendered {
            html: format!("<p>{how} {md}</p>"),
            text: format!("{how} {md}"),
            headings: vec![Heading {
                level: 2,
                id: "h".into(),
                text: how.into(),
                offset: 0,
            }],
            ..Rendered::default()
        }
    }

    #[test]
    fn the_page_first_leaves_its_text_for_the_search_document() {
        let plain = PlainTexts::default();
        let text = "# Héading\n\nSome *Markdown* with ünïcode, repeated. ".repeat(40);
        let held = HeldMarkdown::new(&text);
        let html = held.for_page(&plain, rendering("page")).unwrap();
        assert_eq!(html, format!("<p>page {text}</p>"));
        assert_eq!(plain.0.load(Ordering::Relaxed), text.len() + 5);
        let search = held
            .for_search(&plain, |_| panic!("the page's text is used"))
            .unwrap();
        assert_eq!(search.text, format!("page {text}"));
        assert_eq!(search.headings[0].text, "page");
        assert_eq!(
            plain.0.load(Ordering::Relaxed),
            0,
            "the budget is given back"
        );
        assert!(held.for_search(&plain, rendering("again")).is_none());
        assert!(held.for_page(&plain, rendering("again")).is_none());
    }

    #[test]
    fn the_search_document_first_renders_and_leaves_the_markdown_for_the_page() {
        let plain = PlainTexts::default();
        let held = HeldMarkdown::new("body");
        let search = held.for_search(&plain, rendering("search")).unwrap();
        assert_eq!(search.text, "search body");
        assert!(held.for_search(&plain, rendering("again")).is_none());
        assert_eq!(
            held.for_page(&plain, rendering("page")).as_deref(),
            Some("<p>page body</p>")
        );
        assert!(held.for_page(&plain, rendering("again")).is_none());
        assert_eq!(plain.0.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn past_the_budget_texts_are_kept_compressed() {
        let plain = PlainTexts(AtomicUsize::new(PLAIN_BUDGET));
        let held = HeldMarkdown::new(&"word ".repeat(500));
        held.for_page(&plain, rendering("page")).unwrap();
        assert!(matches!(
            &*held.lock(),
            Held::TextOnly(Text::Packed(p), _) if p.len() < 1000
        ));
        let search = held.for_search(&plain, rendering("search")).unwrap();
        assert_eq!(search.text, format!("page {}", "word ".repeat(500)));
        assert_eq!(plain.0.load(Ordering::Relaxed), PLAIN_BUDGET);
    }

    #[test]
    fn an_empty_body_round_trips() {
        let plain = PlainTexts::default();
        let held = HeldMarkdown::new("");
        assert_eq!(held.for_search(&plain, rendering("s")).unwrap().text, "s ");
        assert_eq!(
            held.for_page(&plain, rendering("p")).as_deref(),
            Some("<p>p </p>")
        );
    }
}
