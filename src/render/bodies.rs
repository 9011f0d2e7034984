//! Every Markdown body rendered once, in parallel, with link and anchor problems reported.

pub use super::body_cache::BodyCache;
use super::held_markdown::{HeldMarkdown, PlainTexts};
use crate::content::{DocRef, Release};
use crate::diagnostics::{did_you_mean, Diagnostics};
use crate::link::Site;
use crate::markdown::{self, highlight::Highlighter, DocContext, LinkTargets, Rendered};
use crate::source::pos_of_offset;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

pub struct Bodies {
    map: HashMap<String, Rendered>,
    /// Bodies also shown on a page at another depth, rendered again for it: (file, page) → HTML.
    elsewhere: HashMap<(String, String), String>,
    /// Bodies whose HTML and text were not kept (`Html::ShownOnce`), made again when needed.
    deferred: Option<Deferred>,
}

/// Which bodies' HTML the bodies stage keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Html {
    /// Every body's: `serve` and `check` show or compare bodies after the pages are made.
    Kept,
    /// All but the case studies', each shown on its own page alone and rendered again, from
    /// the same text against the same URLs, when that page is written; their plain texts
    /// are the ones those renderings make, kept until their search documents are indexed
    /// (`text_for_search`), or made likewise if a document comes before its page. A build then
    /// holds a case study's HTML and text only while its page or document is made instead
    /// of all of them at once: on a large hub they were the most it held (massif, 2,000
    /// case studies: 35 of a 102 MB peak). The renderings again cost instructions: Markdown
    /// (highlighting aside) went from 0.9 to 2.5 of a build's 17 G (callgrind, 2,000 case
    /// studies).
    ShownOnce,
}

/// What rendering a deferred body again needs besides the site.
struct Deferred {
    files: HashSet<String>,
    /// Their Markdown once `take_sources` moved it out of the files.
    sources: HashMap<String, HeldMarkdown>,
    /// What the texts that pages left for search documents hold uncompressed.
    plain: PlainTexts,
    /// The highlighter the stage rendered with, whose syntax set (loaded only for code that
    /// names a language) the renderings again reuse.
    hl: Highlighter,
}

/// A body's plain text and its headings: what its search document is made of.
#[derive(Debug, Default)]
pub struct SearchText {
    /// The plain text (`Rendered::text`).
    pub text: String,
    /// Its headings, each with where its text starts in `text`.
    pub headings: Vec<markdown::Heading>,
}

impl From<Rendered> for SearchText {
    fn from(r: Rendered) -> SearchText {
        SearchText {
            text: r.text,
            headings: r.headings,
        }
    }
}

/// How a body is rendered again: `markdown::render` or `markdown::render_without_html`.
type Rendering = fn(&str, &DocContext<'_>, &LinkTargets<'_>, &Highlighter) -> Rendered;

impl Bodies {
    /// HTML of `rel` with links made relative to `page`.
    pub fn html_on(&self, rel: &str, page: &str) -> &str {
        self.elsewhere
            .get(&(rel.to_string(), page.to_string()))
            .map_or_else(|| self.html(rel), String::as_str)
    }

    pub fn get(&self, rel: &str) -> Option<&Rendered> {
        self.map.get(rel)
    }

    pub fn html(&self, rel: &str) -> &str {
        self.map.get(rel).map_or("", |r| r.html.as_str())
    }

    /// HTML of `d`'s body for its own page: rendered again if the stage did not keep it
    /// (`Html::ShownOnce`), else as `html` gives it.
    pub fn html_for_its_page(&self, site: &Site, d: DocRef<'_>) -> Cow<'_, str> {
        let again = self.made_again(site, d, markdown::render, |def, held, render| match held {
            Some(h) => h.for_page(&def.plain, render),
            None => Some(render(d.body()).html),
        });
        match again {
            Some(html) => Cow::Owned(html),
            None => Cow::Borrowed(self.html(&d.src.rel)),
        }
    }

    /// Plain text of `d`'s body for its search document: the text its page's rendering left,
    /// or made again, if the stage did not keep it (`Html::ShownOnce`); else a copy of the
    /// text kept.
    pub fn text_for_search(&self, site: &Site, d: DocRef<'_>) -> SearchText {
        let again = self.made_again(
            site,
            d,
            markdown::render_without_html,
            |def, held, render| match held {
                Some(h) => h.for_search(&def.plain, render),
                None => Some(render(d.body()).into()),
            },
        );
        match again {
            Some(t) => t,
            None => self
                .get(&d.src.rel)
                .map_or_else(SearchText::default, |r| SearchText {
                    text: r.text.clone(),
                    headings: r.headings.clone(),
                }),
        }
    }

    /// If the stage did not keep `d`'s body: `with` of the deferred bodies, `d`'s held
    /// Markdown (once `take_sources` has moved it out of its file; before, `d`'s own text is
    /// there to render) and `how` to render a body for `d`'s page; else `None`. Each body is
    /// asked for twice at most: by its page and by its search document.
    fn made_again<T>(
        &self,
        site: &Site,
        d: DocRef<'_>,
        how: Rendering,
        with: impl FnOnce(&Deferred, Option<&HeldMarkdown>, &dyn Fn(&str) -> Rendered) -> Option<T>,
    ) -> Option<T> {
        let def = self.deferred.as_ref()?;
        let rel = d.src.rel.as_str();
        let page = site.urls.get(rel).filter(|_| def.files.contains(rel))?;
        let doc = DocContext { rel, page };
        let targets = LinkTargets { urls: &site.urls };
        let render = |body: &str| how(body, &doc, &targets, &def.hl);
        with(def, def.sources.get(rel), &render)
    }

    /// For a build: hold the Markdown of the bodies not kept apart from their files,
    /// compressed, then let go of every file's text and of what the checks kept of those
    /// bodies. Each such body is rendered once more for its page, which leaves its text for
    /// its search document (`HeldMarkdown`), so the bodies still to be made are all a build
    /// holds of its content files' texts.
    pub fn take_sources(&mut self, site: &mut Site) {
        if let Some(def) = &mut self.deferred {
            let urls = &site.urls;
            let files = &def.files;
            def.sources = site
                .content
                .case_studies
                .par_iter_mut()
                .filter(|d| files.contains(&d.src.rel) && urls.contains_key(&d.src.rel))
                .map(|d| {
                    let held = HeldMarkdown::new(d.body());
                    // Let go of each text as soon as it is held, not all of them at the end.
                    d.src.text = String::new();
                    (d.src.rel.clone(), held)
                })
                .collect();
            // What the checks kept of these bodies (headings, links, anchors) has been read:
            // their pages and documents take theirs from their renderings again. Held through
            // the pages and the index, it was 0.15 GB of a 100,000-case-study build's peak.
            self.map.retain(|rel, _| !files.contains(rel));
        }
        site.content.release(Release::Texts);
    }

    /// Put in `rel`'s new rendering (from `render_one`).
    pub fn set(&mut self, rel: &str, r: Rendered) {
        self.map.insert(rel.to_string(), r);
    }

    /// Take `rel`'s plain text out, leaving it empty, with a copy of its headings (which the
    /// anchor checks read too) (`search_docs::collect_taking`).
    pub fn take_text(&mut self, rel: &str) -> SearchText {
        self.map
            .get_mut(rel)
            .map(|r| SearchText {
                text: std::mem::take(&mut r.text),
                headings: r.headings.clone(),
            })
            .unwrap_or_default()
    }

    pub fn remove(&mut self, rel: &str) {
        self.map.remove(rel);
    }

    /// Every rendered body, by file.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Rendered)> {
        self.map.iter()
    }
}

/// Render one document's body against the rest of the site as it stands, reporting its link
/// and anchor problems: what `render_bodies_cached` would say of this file, for `serve`'s in-place
/// updates. (Links *into* this file are the caller's concern: it keeps the heading ids.)
pub fn render_one(
    site: &Site,
    bodies: &Bodies,
    hl: &Highlighter,
    d: &crate::content::DocRef<'_>,
    diags: &Diagnostics,
) -> Option<Rendered> {
    let page = site.urls.get(&d.src.rel)?;
    let r = markdown::render(
        d.body(),
        &DocContext {
            rel: &d.src.rel,
            page,
        },
        &LinkTargets { urls: &site.urls },
        hl,
    );
    report_problems(d, &r, diags);
    let generated = generated_ids(site);
    let target = |rel: &str| {
        if rel == d.src.rel {
            Some(&r)
        } else {
            bodies.get(rel)
        }
    };
    check_doc_anchors(d, &r, &target, &generated, diags);
    Some(r)
}

fn report_problems(d: &crate::content::DocRef<'_>, r: &Rendered, diags: &Diagnostics) {
    for p in &r.problems {
        let mut diag = d.src.error(
            pos_of_offset(&d.src.text, d.body_offset + p.offset),
            p.width,
            p.message.clone(),
        );
        if let Some(h) = &p.help {
            diag = diag.help(h.clone());
        }
        diags.push(diag);
    }
}

/// Every body rendered (from `cache` where it holds them), keeping the HTML `html` says.
pub fn render_bodies_cached(
    site: &Site,
    hl: &Highlighter,
    diags: &Diagnostics,
    cache: Option<&BodyCache>,
    html: Html,
) -> Bodies {
    let targets = LinkTargets { urls: &site.urls };
    let docs = site.content.docs();
    let deferred = (html == Html::ShownOnce).then(|| Deferred {
        files: site
            .content
            .case_studies
            .iter()
            .map(|d| d.src.rel.clone())
            .collect(),
        sources: HashMap::new(),
        plain: PlainTexts::default(),
        hl: Highlighter::new(),
    });
    // One syntax set for both renderings: loading one costs more than highlighting a hub.
    let hl = deferred.as_ref().map_or(hl, |d| &d.hl);
    let map: HashMap<String, Rendered> = docs
        .par_iter()
        .filter_map(|d| {
            let page = site.urls.get(&d.src.rel)?;
            let body = d.body();
            let text_key = cache.map(|_| crate::hash::of(&d.src.text));
            let cached = cache
                .zip(text_key)
                .and_then(|(c, key)| c.get(&d.src.rel, key, page, &site.urls));
            let deferred_here = deferred
                .as_ref()
                .is_some_and(|f| f.files.contains(&d.src.rel));
            let render = if deferred_here {
                markdown::render_without_html
            } else {
                markdown::render
            };
            let mut r = cached.unwrap_or_else(|| {
                let r = render(
                    body,
                    &DocContext {
                        rel: &d.src.rel,
                        page,
                    },
                    &targets,
                    hl,
                );
                if let Some((c, key)) = cache.zip(text_key) {
                    c.put(&d.src.rel, key, page, &site.urls, &r);
                }
                r
            });
            report_problems(d, &r, diags);
            if deferred_here {
                r.text = String::new();
            }
            Some((d.src.rel.clone(), r))
        })
        .collect();
    if let Some(c) = cache {
        c.retain(&map.keys().map(String::as_str).collect());
    }
    check_anchors(site, &map, diags);
    check_unparsed(site, &map, &targets, hl, diags);
    // A pack's introduction also opens its printable page, one folder deeper.
    let elsewhere = site
        .content
        .packs
        .par_iter()
        .map(|p| {
            let page = crate::routes::pack_print(&p.key);
            let r = markdown::render(
                p.index.body(),
                &DocContext {
                    rel: &p.index.src.rel,
                    page: &page,
                },
                &targets,
                hl,
            );
            ((p.index.src.rel.clone(), page), r.html)
        })
        .collect();
    Bodies {
        map,
        elsewhere,
        deferred,
    }
}

/// The link and anchor problems of the files whose front matter did not parse, so that one run
/// reports them with the front-matter errors. Their bodies are not published: the page address
/// they are rendered against only shapes the links' rewritten form, which is thrown away.
fn check_unparsed(
    site: &Site,
    map: &HashMap<String, Rendered>,
    targets: &LinkTargets<'_>,
    hl: &Highlighter,
    diags: &Diagnostics,
) {
    let generated = generated_ids(site);
    site.content.unparsed.par_iter().for_each(|u| {
        let d = crate::content::DocRef::from(u);
        let r = markdown::render(
            d.body(),
            &DocContext {
                rel: &u.src.rel,
                page: crate::routes::HOME,
            },
            targets,
            hl,
        );
        report_problems(&d, &r, diags);
        check_doc_anchors(&d, &r, &|t: &str| map.get(t), &generated, diags);
    });
}

/// Ids a page has besides its Markdown headings: sections the templates generate.
fn generated_ids(site: &Site) -> HashMap<String, HashSet<String>> {
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    for b in &site.content.baskets {
        ids.entry(b.src.rel.clone())
            .or_default()
            .extend(b.meta.topics.iter().map(|t| t.topic.clone()));
    }
    for r in &site.content.roadmaps {
        ids.entry(r.src.rel.clone())
            .or_default()
            .extend(r.meta.components.iter().map(|c| c.component.clone()));
    }
    for z in &site.content.zones {
        ids.entry(z.src.rel.clone())
            .or_default()
            .extend(["resources".to_string(), "case-studies".to_string()]);
    }
    ids
}

fn check_anchors(site: &Site, map: &HashMap<String, Rendered>, diags: &Diagnostics) {
    let generated = generated_ids(site);
    let srcs: HashMap<&str, crate::content::DocRef<'_>> = site
        .content
        .docs()
        .into_iter()
        .map(|d| (d.src.rel.as_str(), d))
        .collect();
    for (rel, r) in map {
        if let Some(d) = srcs.get(rel.as_str()) {
            check_doc_anchors(d, r, &|t: &str| map.get(t), &generated, diags);
        }
    }
}

/// Report every `#anchor` link of `d` (rendered as `r`) that names no heading, raw-HTML id or
/// generated section of its target; `target` finds a file's rendering.
fn check_doc_anchors<'m>(
    d: &crate::content::DocRef<'_>,
    r: &Rendered,
    target: &dyn Fn(&str) -> Option<&'m Rendered>,
    generated: &HashMap<String, HashSet<String>>,
    diags: &Diagnostics,
) {
    for a in &r.anchors {
        let Some(target) = target(&a.target_rel) else {
            continue;
        };
        let extra = generated.get(&a.target_rel);
        let candidates: Vec<&str> = target
            .anchor_ids()
            .chain(extra.into_iter().flatten().map(String::as_str))
            .collect();
        if candidates.contains(&a.anchor.as_str()) {
            continue;
        }
        let help = match did_you_mean(&a.anchor, candidates.iter().copied()) {
            Some(s) => format!("did you mean `#{s}`?"),
            None if candidates.is_empty() => {
                format!("`{}` has no headings or anchors to link to", a.target_rel)
            }
            None => format!(
                "the headings and anchors there are: {}",
                candidates
                    .iter()
                    .map(|c| format!("#{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        diags.push(
            d.src
                .error(
                    pos_of_offset(&d.src.text, d.body_offset + a.offset),
                    a.width,
                    format!(
                        "there is no heading or anchor `#{}` in `{}`",
                        a.anchor, a.target_rel
                    ),
                )
                .help(help),
        );
    }
}
