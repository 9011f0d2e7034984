//! Every rule one item must keep, on its own. The full build (`link`) and each of `serve`'s
//! in-place paths call `validate`, the one entry point, so serve can never publish what a build
//! refuses, and a new kind gets its rule here.

use super::vocab::{check_summary, Vocab, VocabKind};
use crate::config::{address, HubConfig};
use crate::content::basket::BasketMeta;
use crate::content::case_study::CaseStudyMeta;
use crate::content::common::{HasCommon, Resource};
use crate::content::induction::{PackMeta, SectionMeta};
use crate::content::page::PageMeta;
use crate::content::roadmap::RoadmapMeta;
use crate::content::zone::{ZoneMeta, ZONE_KEYS};
use crate::content::{Doc, Item, Recovered};
use crate::diagnostics::{Diagnostics, Pos};
use crate::routes;
use crate::source::recover::Placeholders;
use crate::source::spans::SpanIndex;
use crate::source::SourceFile;

/// Check `item` against the vocabularies of `cfg`, reporting into `diags`.
pub(crate) fn validate(item: Item<'_>, vocab: &Vocab, cfg: &HubConfig, diags: &Diagnostics) {
    match item {
        Item::Zone(z) => check_zone(z, vocab, diags),
        Item::CaseStudy(d) => check_case_study(d, vocab, cfg, diags),
        Item::Pack(p) => check_pack(&p.index, vocab, diags),
        Item::Section(_, s) => check_section(s, vocab, diags),
        Item::Basket(b) => check_basket(b, vocab, diags),
        Item::Roadmap(r) => check_roadmap(r, vocab, cfg.components.len(), diags),
        Item::Page(p) => check_page(p, vocab, diags),
    }
}

/// The rules of a file whose front matter needed stand-ins for some fields: the same checks as
/// `validate`, keeping only the findings that are not about a stand-in.
pub(crate) fn validate_recovered(
    r: &Recovered,
    placeholders: &Placeholders,
    vocab: &Vocab,
    cfg: &HubConfig,
    diags: &Diagnostics,
) {
    let found = Diagnostics::new();
    match r {
        Recovered::Zone(z) => check_zone(z, vocab, &found),
        Recovered::CaseStudy(d) => check_case_study(d, vocab, cfg, &found),
        Recovered::PackIndex(p) => check_pack(p, vocab, &found),
        Recovered::Section(s) => check_section(s, vocab, &found),
        Recovered::Basket(b) => check_basket(b, vocab, &found),
        Recovered::Roadmap(r) => check_roadmap(r, vocab, cfg.components.len(), &found),
        Recovered::Page(p) => check_page(p, vocab, &found),
    }
    diags.extend(
        found
            .into_sorted()
            .into_iter()
            .filter(|d| !placeholders.covers(d)),
    );
}

fn check_zone(z: &Doc<ZoneMeta>, vocab: &Vocab, diags: &Diagnostics) {
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
    check_resource_links(&z.src, &z.spans, "resources", &z.meta.resources, diags);
    check_sources(z, vocab, diags);
}

fn check_pack(p: &Doc<PackMeta>, vocab: &Vocab, diags: &Diagnostics) {
    vocab.check_in(
        VocabKind::Role,
        &p.meta.role,
        &p.src,
        &p.spans,
        "role",
        diags,
    );
    check_summary(&p.src, &p.spans, &p.meta.summary, diags);
    check_sources(p, vocab, diags);
}

fn check_section(s: &Doc<SectionMeta>, vocab: &Vocab, diags: &Diagnostics) {
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
    check_sources(s, vocab, diags);
}

fn check_basket(b: &Doc<BasketMeta>, vocab: &Vocab, diags: &Diagnostics) {
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
        check_resource_links(
            &b.src,
            &b.spans,
            &format!("topics[{i}].resources"),
            &t.resources,
            diags,
        );
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
    check_sources(b, vocab, diags);
}

fn check_page(p: &Doc<PageMeta>, vocab: &Vocab, diags: &Diagnostics) {
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
    check_sources(p, vocab, diags);
}

fn check_case_study(d: &Doc<CaseStudyMeta>, vocab: &Vocab, cfg: &HubConfig, diags: &Diagnostics) {
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
    d: &Doc<CaseStudyMeta>,
    h: &str,
    vocab: &Vocab,
    cfg: &HubConfig,
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

fn check_roadmap(r: &Doc<RoadmapMeta>, vocab: &Vocab, n_components: usize, diags: &Diagnostics) {
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

/// A resource's `url` becomes a link on the page, so it must be a web or mail address
/// (`config::address` holds the rule); the error sits on the value, `field` being where the
/// list is in the front matter.
fn check_resource_links(
    src: &SourceFile,
    spans: &SpanIndex,
    field: &str,
    resources: &[Resource],
    diags: &Diagnostics,
) {
    for (i, r) in resources.iter().enumerate() {
        let Some(url) = &r.url else { continue };
        if let Some(why) = address::link_problem(url) {
            let span = spans.value(&format!("{field}[{i}].url"));
            diags.push(
                src.error(
                    span.pos,
                    span.width,
                    format!("`{url}` cannot be a link: {why}"),
                )
                .help(address::LINK_HELP),
            );
        }
    }
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
