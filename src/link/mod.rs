//! Stage 2: check every cross-reference (vocabulary keys, zones, roles, sources), leave drafts
//! out unless asked, and give every item its URL.

pub mod vocab;

use crate::content::common::HasCommon;
use crate::content::zone::ZONE_KEYS;
use crate::content::{Content, Doc};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::routes;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;
use vocab::{check_summary, Vocab, VocabKind};

#[derive(Debug, Clone, Copy)]
pub struct LinkOptions {
    pub drafts: bool,
    /// "Today" for review-by notices; passed in so builds are reproducible in tests.
    pub today: NaiveDate,
}

/// The hub after linking: content plus the lookups rendering needs.
#[derive(Debug)]
pub struct Site {
    pub content: Content,
    pub vocab: Vocab,
    /// Content-relative file path → site path, for every published item and static file.
    pub urls: HashMap<String, String>,
    /// Indices into `content.case_studies` of the ones to publish, newest first.
    pub case_studies: Vec<usize>,
    /// Indices into `content.zones` in display order.
    pub zones: Vec<usize>,
    pub options: LinkOptions,
}

pub fn link(content: Content, options: LinkOptions, diags: &Diagnostics) -> Site {
    let vocab = Vocab::build(
        &content.config,
        &content.config_src,
        &content.config_spans,
        diags,
    );
    let c = &content;
    check_zones(c, &vocab, diags);
    // Thousands of case studies on a large hub, and `serve` links again after adding one.
    c.case_studies
        .par_iter()
        .for_each(|d| check_case_study(d, &vocab, &c.config, diags));
    for p in &c.packs {
        vocab.check_in(
            VocabKind::Role,
            &p.index.meta.role,
            &p.index.src,
            &p.index.spans,
            "role",
            diags,
        );
        check_summary(&p.index.src, &p.index.spans, &p.index.meta.summary, diags);
        check_sources(&p.index, &vocab, diags);
        for s in &p.sections {
            if s.slug == "print" {
                diags.push(
                    s.src
                        .error(Pos::new(1, 1), 1, "a section may not be called `print`")
                        .help("the printable pack lives at that address; rename the file"),
                );
            }
            vocab.check_list(VocabKind::Zone, s, "zones", &s.meta.zones, diags);
            if let Some(sum) = &s.meta.summary {
                check_summary(&s.src, &s.spans, sum, diags);
            }
            check_sources(s, &vocab, diags);
        }
    }
    for b in &c.baskets {
        check_summary(&b.src, &b.spans, &b.meta.summary, diags);
        for (i, t) in b.meta.topics.iter().enumerate() {
            vocab.check_in(
                VocabKind::Topic,
                &t.topic,
                &b.src,
                &b.spans,
                &format!("topics[{i}].topic"),
                diags,
            );
            for (j, z) in t.zones.iter().enumerate() {
                vocab.check_in(
                    VocabKind::Zone,
                    z,
                    &b.src,
                    &b.spans,
                    &format!("topics[{i}].zones[{j}]"),
                    diags,
                );
            }
            if b.meta.topics[..i].iter().any(|o| o.topic == t.topic) {
                let span = b.spans.value(&format!("topics[{i}].topic"));
                diags.push(
                    b.src
                        .error(
                            span.pos,
                            span.width,
                            format!("topic `{}` appears twice in this basket", t.topic),
                        )
                        .help("merge the two entries"),
                );
            }
        }
        check_sources(b, &vocab, diags);
    }
    for r in &c.roadmaps {
        check_roadmap(r, &vocab, c.config.components.len(), diags);
    }
    for p in &c.pages {
        if let Some(s) = &p.meta.summary {
            check_summary(&p.src, &p.spans, s, diags);
        }
        if routes::RESERVED_PATHS.contains(&p.slug.as_str()) {
            diags.push(
                p.src
                    .error(
                        Pos::new(1, 1),
                        1,
                        format!("a page may not be called `{}`", p.slug),
                    )
                    .help("that address is used by the hub itself; rename the file"),
            );
        }
        check_sources(p, &vocab, diags);
    }

    let mut case_studies: Vec<usize> = (0..c.case_studies.len())
        .filter(|&i| options.drafts || !c.case_studies[i].meta.draft)
        .collect();
    case_studies.sort_by(|&a, &b| {
        let (x, y) = (&c.case_studies[a], &c.case_studies[b]);
        y.meta
            .published
            .cmp(&x.meta.published)
            .then_with(|| x.slug.cmp(&y.slug))
    });
    let mut zones: Vec<usize> = (0..c.zones.len()).collect();
    zones.sort_by_key(|&i| {
        let z = &c.zones[i];
        (
            z.meta.order.unwrap_or(u32::MAX),
            ZONE_KEYS.iter().position(|k| *k == z.slug),
        )
    });
    let urls = assign_urls(c, &case_studies);
    Site {
        content,
        vocab,
        urls,
        case_studies,
        zones,
        options,
    }
}

fn assign_urls(c: &Content, case_studies: &[usize]) -> HashMap<String, String> {
    let mut urls = HashMap::new();
    for z in &c.zones {
        urls.insert(z.src.rel.clone(), routes::zone(&z.slug));
    }
    for &i in case_studies {
        let d = &c.case_studies[i];
        urls.insert(d.src.rel.clone(), routes::case_study(&d.slug));
    }
    for p in &c.packs {
        urls.insert(p.index.src.rel.clone(), routes::pack(&p.key));
        for s in &p.sections {
            urls.insert(s.src.rel.clone(), routes::section(&p.key, &s.slug));
        }
    }
    for b in &c.baskets {
        urls.insert(b.src.rel.clone(), routes::basket(&b.slug));
    }
    for r in &c.roadmaps {
        urls.insert(r.src.rel.clone(), routes::roadmap(&r.slug));
    }
    for p in &c.pages {
        urls.insert(p.src.rel.clone(), routes::page(&p.slug));
    }
    for s in &c.statics {
        urls.insert(s.clone(), s.clone());
    }
    urls
}

fn check_sources<M: HasCommon>(d: &Doc<M>, vocab: &Vocab, diags: &Diagnostics) {
    vocab.check_list(
        VocabKind::Source,
        d,
        "sources",
        &d.meta.common().sources,
        diags,
    );
}

fn check_zones(c: &Content, vocab: &Vocab, diags: &Diagnostics) {
    for z in &c.zones {
        if !ZONE_KEYS.contains(&z.slug.as_str()) {
            let help = match crate::diagnostics::did_you_mean(&z.slug, ZONE_KEYS) {
                Some(s) => format!("did you mean `zones/{s}.md`?"),
                None => format!("the hub has six zones: {}", ZONE_KEYS.join(", ")),
            };
            diags.push(
                z.src
                    .error(
                        Pos::new(1, 1),
                        1,
                        format!("`{}` is not one of the six zones", z.slug),
                    )
                    .help(help),
            );
        }
        check_summary(&z.src, &z.spans, &z.meta.summary, diags);
        check_sources(z, vocab, diags);
    }
    for key in ZONE_KEYS {
        if !c.zones.iter().any(|z| z.slug == key) {
            let path = c
                .config_src
                .path
                .with_file_name("zones")
                .join(format!("{key}.md"));
            diags.push(
                Diagnostic::error(
                    &path,
                    Pos::new(1, 1),
                    format!("the `{key}` zone is missing"),
                )
                .help(format!("create zones/{key}.md with a title and summary")),
            );
        }
    }
}

/// Every rule one case study must keep, on its own: the full build and each of `serve`'s
/// in-place paths call this one function, so serve can never publish what a build refuses.
pub(crate) fn check_case_study(
    d: &Doc<crate::content::case_study::CaseStudyMeta>,
    vocab: &Vocab,
    cfg: &crate::config::HubConfig,
    diags: &Diagnostics,
) {
    let m = &d.meta;
    if routes::CASE_STUDY_RESERVED.contains(&d.slug.as_str()) {
        diags.push(
            d.src
                .error(
                    Pos::new(1, 1),
                    1,
                    format!("a case study may not be called `{}`", d.slug),
                )
                .help("that address is used by the case-study filters; rename the file"),
        );
    }
    check_summary(&d.src, &d.spans, &m.summary, diags);
    crate::content::case_study::check_outcomes(&m.outcomes, &d.src, &d.spans, diags);
    vocab.check_in(VocabKind::Board, &m.board, &d.src, &d.spans, "board", diags);
    if let Some(h) = &m.hscp {
        vocab.check_in(VocabKind::Hscp, h, &d.src, &d.spans, "hscp", diags);
        check_hscp_board(d, h, vocab, cfg, diags);
    }
    for (field, values, kind) in [
        ("zones", &m.zones, VocabKind::Zone),
        ("components", &m.components, VocabKind::Component),
        ("topics", &m.topics, VocabKind::Topic),
    ] {
        if values.is_empty() && field != "topics" {
            let span = d.spans.key(field);
            diags.push(
                d.src
                    .error(span.pos, span.width, format!("`{field}` is empty"))
                    .help(format!(
                        "list at least one of the {field} this case study is about"
                    )),
            );
        }
        vocab.check_list(kind, d, field, values, diags);
    }
    for (i, o) in m.outcomes.iter().enumerate() {
        for (name, v) in [("before", o.before), ("after", o.after)] {
            if v.is_some_and(|x| !x.is_finite()) {
                let span = d.spans.value(&format!("outcomes[{i}].{name}"));
                diags.push(
                    d.src
                        .error(span.pos, span.width, format!("`{name}` must be a number"))
                        .help("write a plain number, e.g. `42` or `3.5`"),
                );
            }
        }
    }
    check_sources(d, vocab, diags);
}

/// An HSCP must belong to the case study's board.
fn check_hscp_board(
    d: &Doc<crate::content::case_study::CaseStudyMeta>,
    h: &str,
    vocab: &Vocab,
    cfg: &crate::config::HubConfig,
    diags: &Diagnostics,
) {
    let Some(&i) = vocab.hscps.get(h) else {
        return;
    };
    let owner = &cfg.hscps[i].board;
    if owner != &d.meta.board && vocab.boards.contains_key(&d.meta.board) {
        let span = d.spans.value("hscp");
        diags.push(
            d.src
                .error(
                    span.pos,
                    span.width,
                    format!(
                        "`{h}` belongs to the `{owner}` board, not `{}`",
                        d.meta.board
                    ),
                )
                .help(format!(
                    "set `board: {owner}`, or choose a partnership of `{}`",
                    d.meta.board
                )),
        );
    }
}

fn check_roadmap(
    r: &Doc<crate::content::roadmap::RoadmapMeta>,
    vocab: &Vocab,
    n_components: usize,
    diags: &Diagnostics,
) {
    let m = &r.meta;
    check_summary(&r.src, &r.spans, &m.summary, diags);
    if m.stages.is_empty() {
        let span = r.spans.key("stages");
        diags.push(
            r.src
                .error(span.pos, span.width, "a roadmap needs at least one stage")
                .help("list the stages, e.g. `- key: starting` with a `name`"),
        );
    }
    for (i, s) in m.stages.iter().enumerate() {
        if m.stages[..i].iter().any(|o| o.key == s.key) {
            let span = r.spans.value(&format!("stages[{i}].key"));
            diags.push(
                r.src
                    .error(
                        span.pos,
                        span.width,
                        format!("stage `{}` is listed twice", s.key),
                    )
                    .help("give each stage its own key"),
            );
        }
    }
    for (i, c) in m.components.iter().enumerate() {
        let path = format!("components[{i}].component");
        vocab.check_in(
            VocabKind::Component,
            &c.component,
            &r.src,
            &r.spans,
            &path,
            diags,
        );
        if m.components[..i].iter().any(|o| o.component == c.component) {
            let span = r.spans.value(&path);
            diags.push(
                r.src
                    .error(
                        span.pos,
                        span.width,
                        format!("component `{}` appears twice", c.component),
                    )
                    .help("merge the two entries"),
            );
        }
        if c.descriptors.len() != m.stages.len() {
            let span = r.spans.key(&format!("components[{i}].descriptors"));
            diags.push(
                r.src
                    .error(
                        span.pos,
                        span.width,
                        format!(
                            "`{}` has {} descriptors but the roadmap has {} stages",
                            c.component,
                            c.descriptors.len(),
                            m.stages.len()
                        ),
                    )
                    .help("write one descriptor per stage, in stage order"),
            );
        }
    }
    if !m.components.is_empty() && m.components.len() < n_components {
        let span = r.spans.key("components");
        diags.push(
            r.src
                .warning(
                    span.pos,
                    span.width,
                    format!(
                        "the roadmap covers {} of the {n_components} components",
                        m.components.len()
                    ),
                )
                .help("add the missing components so the self-assessment covers them all"),
        );
    }
    check_sources(r, vocab, diags);
}
