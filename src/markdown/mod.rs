//! Markdown bodies → HTML, with links resolved, headings given ids, code highlighted and raw
//! HTML sanitised. One pass over pulldown-cmark's events does it all and also collects the
//! plain text (for search) and the headings (for anchor checks).

pub mod highlight;
mod links;
pub mod sanitize;

use highlight::Highlighter;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// What a markdown body may link to.
pub struct LinkTargets<'a> {
    /// Content-relative file path (`zones/data.md`, `static/a.png`) → site path (`zones/data/`).
    pub urls: &'a HashMap<String, String>,
}

/// The file being rendered and where its HTML will be shown.
pub struct DocContext<'a> {
    /// Content-relative path of the Markdown file.
    pub rel: &'a str,
    /// Site path of the page the body appears on.
    pub page: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Where the heading's text starts in the body's plain text (`Rendered::text`): where its
    /// section starts, for search's sub-results.
    pub offset: usize,
}

/// A link to `#anchor` in another (or the same) file, checked once every file's headings are known.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub target_rel: String,
    pub anchor: String,
    /// Byte range in the body.
    pub offset: usize,
    pub width: usize,
}

/// A problem at a byte offset of the body.
#[derive(Debug, Clone)]
pub struct Problem {
    pub offset: usize,
    pub width: usize,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// Body as plain text, code blocks left out (search indexes this).
    pub text: String,
    pub headings: Vec<Heading>,
    /// Ids raw HTML gives elements (`<a name="x">`, `<span id="x">`), kept by the sanitiser.
    pub html_ids: Vec<String>,
    pub anchors: Vec<AnchorRef>,
    pub problems: Vec<Problem>,
    /// Every content file the body links to or shows, found or not: the body changes only
    /// if its text, its page's URL or one of these files' URLs does (`BodyCache`).
    pub links: Vec<String>,
}

/// The Markdown dialect of the hub: GitHub-style tables, footnotes, strikethrough, task lists,
/// and `{#id}` on headings. Everything that parses content uses this, so checks see what renders.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Heading text → id: lower case, letters (any script) and digits kept, runs of anything
/// else become `-`, as GitHub and most Markdown readers do. File names use the stricter
/// `crate::slug::from_text`.
pub fn slugify(text: &str) -> String {
    use crate::slug::{hyphenate, Piece};
    hyphenate(text, |c| {
        if c.is_alphanumeric() {
            Piece::Char(c)
        } else {
            Piece::Break
        }
    })
}

pub fn render(
    body: &str,
    doc: &DocContext<'_>,
    targets: &LinkTargets<'_>,
    hl: &Highlighter,
) -> Rendered {
    Renderer::new(doc, targets, hl, true).finish(body)
}

/// `render` without the HTML (left empty, and code not highlighted): the same pass over the
/// events, so the text, headings, links and problems are `render`'s. For a build, whose case
/// studies are rendered again as their pages are written (`bodies::Html::ShownOnce`).
pub fn render_without_html(
    body: &str,
    doc: &DocContext<'_>,
    targets: &LinkTargets<'_>,
    hl: &Highlighter,
) -> Rendered {
    Renderer::new(doc, targets, hl, false).finish(body)
}

impl Rendered {
    /// Every id a `#fragment` link into this body may name: its headings', then raw HTML's.
    pub fn anchor_ids(&self) -> impl Iterator<Item = &str> {
        self.headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(self.html_ids.iter().map(String::as_str))
    }
}

struct Renderer<'a, 'b> {
    doc: &'b DocContext<'a>,
    targets: &'b LinkTargets<'a>,
    hl: &'b Highlighter,
    out: Rendered,
    ids: HashSet<String>,
    next_suffix: HashMap<String, usize>,
    raw_html: bool,
    /// Whether the HTML is wanted: without it, code is not highlighted (`render_without_html`).
    html: bool,
}

enum Dest {
    Keep,
    Rewrite(String),
    Drop,
}

impl<'a, 'b> Renderer<'a, 'b> {
    fn new(
        doc: &'b DocContext<'a>,
        targets: &'b LinkTargets<'a>,
        hl: &'b Highlighter,
        html: bool,
    ) -> Renderer<'a, 'b> {
        Renderer {
            doc,
            targets,
            hl,
            out: Rendered::default(),
            ids: HashSet::new(),
            next_suffix: HashMap::new(),
            raw_html: false,
            html,
        }
    }

    fn finish(mut self, body: &str) -> Rendered {
        let events = self.transform(body);
        // Raw HTML's ids are found by the sanitiser, in the HTML: made even when not wanted.
        if self.html || self.raw_html {
            let mut html = String::with_capacity(body.len() * 3 / 2);
            pulldown_cmark::html::push_html(&mut html, events.into_iter());
            if self.raw_html {
                let cleaned = sanitize::clean(&html);
                html = cleaned.html;
                self.out.html_ids = cleaned.ids;
            }
            if self.html {
                self.out.html = html;
            }
        }
        // Bodies may be held until the pages and the search index are made: without this,
        // the strings' spare capacity from growing is a quarter of their size on a large hub.
        self.out.html.shrink_to_fit();
        self.out.text.shrink_to_fit();
        self.out
    }

    fn transform<'s>(&mut self, body: &'s str) -> Vec<Event<'s>> {
        let mut out: Vec<Event<'s>> = Vec::new();
        let mut iter = Parser::new_ext(body, options())
            .into_offset_iter()
            .peekable();
        while let Some((ev, range)) = iter.next() {
            match ev {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let mut inner = Vec::new();
                    let mut text = String::new();
                    for (e, _) in iter.by_ref() {
                        if matches!(e, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        if let Event::Text(t) | Event::Code(t) = &e {
                            text.push_str(t);
                        }
                        inner.push(e);
                    }
                    let _ = (classes, attrs);
                    let base = id.map(|s| s.to_string()).unwrap_or_else(|| slugify(&text));
                    let id = self.unique_id(if base.is_empty() {
                        "section".into()
                    } else {
                        base
                    });
                    let n = level_num(level);
                    self.end_words();
                    let offset = self.out.text.len();
                    self.out.text.push_str(&text);
                    self.out.text.push('\n');
                    self.out.headings.push(Heading {
                        level: n,
                        id: id.clone(),
                        text,
                        offset,
                    });
                    out.push(Event::Html(CowStr::from(format!(
                        "<h{n} id=\"{id}\"><a class=\"heading-link\" href=\"#{id}\">"
                    ))));
                    // Links inside a heading would nest anchors; keep their text only.
                    out.extend(inner.into_iter().filter(|e| {
                        !matches!(e, Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link))
                    }));
                    out.push(Event::Html(CowStr::from(format!("</a></h{n}>\n"))));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let width = link_width(body, &range);
                    match self.link_dest(&dest_url, range.start, width, link_type) {
                        Dest::Keep => out.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        })),
                        Dest::Rewrite(u) => out.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: u.into(),
                            title,
                            id,
                        })),
                        Dest::Drop => out.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: "#".into(),
                            title,
                            id,
                        })),
                    }
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let mut alt = String::new();
                    let mut depth = 0;
                    let mut inner = Vec::new();
                    for (e, _) in iter.by_ref() {
                        match &e {
                            Event::Start(Tag::Image { .. }) => depth += 1,
                            Event::End(TagEnd::Image) if depth == 0 => break,
                            Event::End(TagEnd::Image) => depth -= 1,
                            Event::Text(t) | Event::Code(t) => alt.push_str(t),
                            _ => {}
                        }
                        inner.push(e);
                    }
                    let width = body[range.clone()].chars().count().min(80);
                    if alt.trim().is_empty() {
                        self.problem(range.start, width, "image has no alt text",
                            Some("describe what the image shows inside the brackets, e.g. `![Run chart of repeat prescriptions, 2019 to 2021](../static/chart.png)`; write `![]` only for images that are decoration"));
                    }
                    let src = self.image_src(&dest_url, range.start, width);
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: src.into(),
                        title,
                        id,
                    }));
                    out.extend(inner);
                    out.push(Event::End(TagEnd::Image));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match &kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    let mut code = String::new();
                    for (e, _) in iter.by_ref() {
                        match e {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(t) => code.push_str(&t),
                            _ => {}
                        }
                    }
                    // Code is left out of the plain text; highlighting it is for the HTML.
                    let inner = if self.html {
                        self.hl.highlight(&code, &lang)
                    } else {
                        String::new()
                    };
                    let lang_attr = if lang.is_empty() {
                        String::new()
                    } else {
                        format!(" data-lang=\"{}\"", crate::escape::escape(&lang))
                    };
                    out.push(Event::Html(CowStr::from(format!(
                        "<pre class=\"code\"{lang_attr}><code>{inner}</code></pre>\n"
                    ))));
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    self.raw_html = true;
                    out.push(ev);
                }
                Event::Text(ref t) | Event::Code(ref t) => {
                    self.out.text.push_str(t);
                    out.push(ev);
                }
                // A table's cells are words apart in the text, or "Before" and "After" in
                // adjacent cells would be searched as one word.
                Event::End(TagEnd::TableCell) => {
                    self.out.text.push(' ');
                    out.push(ev);
                }
                Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                    self.out.text.push('\n');
                    out.push(ev);
                }
                Event::SoftBreak
                | Event::HardBreak
                | Event::End(TagEnd::Paragraph)
                | Event::End(TagEnd::Item) => {
                    self.out.text.push(if matches!(ev, Event::SoftBreak) {
                        ' '
                    } else {
                        '\n'
                    });
                    out.push(ev);
                }
                _ => out.push(ev),
            }
        }
        out
    }

    /// End the text's last word before a heading's: a section's first word must never run
    /// into the text before it, whatever block came last.
    fn end_words(&mut self) {
        if !self.out.text.is_empty() && !self.out.text.ends_with(char::is_whitespace) {
            self.out.text.push('\n');
        }
    }

    /// `base`, or `base-1`, `base-2`… if taken. The next suffix to try is remembered per base,
    /// so a page with thousands of identical headings stays linear.
    fn unique_id(&mut self, base: String) -> String {
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(0);
        let mut id = if n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        while !self.ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.next_suffix.insert(base, n + 1);
        id
    }

    fn problem(
        &mut self,
        offset: usize,
        width: usize,
        message: impl Into<String>,
        help: Option<&str>,
    ) {
        self.out.problems.push(Problem {
            offset,
            width,
            message: message.into(),
            help: help.map(str::to_string),
        });
    }
}

pub(crate) fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Width to underline for a link: its first line, at most 80 characters.
fn link_width(body: &str, range: &std::ops::Range<usize>) -> usize {
    body.get(range.clone())
        .and_then(|s| s.lines().next())
        .map_or(1, |l| l.chars().count().min(80))
}

#[cfg(test)]
mod tests;
