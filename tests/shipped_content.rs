//! The shipped hub in `content/`: its shape, and that it builds cleanly with every link working.

mod common;

use ithub::diagnostics::Diagnostics;
use std::collections::HashSet;
use std::path::Path;

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content");

fn load() -> ithub::content::Content {
    let diags = Diagnostics::new();
    let c = ithub::load::load(Path::new(CONTENT), &diags).expect("content loads");
    let ds = diags.into_sorted();
    assert!(ds.is_empty(), "{ds:#?}");
    c
}

#[test]
fn vocabularies_have_the_real_shape() {
    let c = load();
    let cfg = &c.config;
    assert_eq!(cfg.boards.len(), 14);
    assert_eq!(cfg.hscps.len(), 31);
    let boards: HashSet<&str> = cfg.boards.iter().map(|b| b.key.as_str()).collect();
    for h in &cfg.hscps {
        assert!(
            boards.contains(h.board.as_str()),
            "{} has unknown board {}",
            h.key,
            h.board
        );
    }
    // Every board has at least one partnership.
    for b in &boards {
        assert!(
            cfg.hscps.iter().any(|h| h.board == *b),
            "no partnership for {b}"
        );
    }
    assert_eq!(cfg.components.len(), 12);
    assert!(cfg
        .components
        .iter()
        .all(|c| c.description.as_deref().is_some_and(|d| !d.is_empty())));
    let roles: HashSet<&str> = cfg.roles.iter().map(|r| r.key.as_str()).collect();
    for r in [
        "pql",
        "cql",
        "practice-manager",
        "hscp-lead",
        "list-analyst",
        "board-champion",
    ] {
        assert!(roles.contains(r), "missing role {r}");
    }
    assert_eq!(c.zones.len(), 6);
}

#[test]
fn items_are_complete_and_credit_their_sources() {
    let c = load();
    assert!(
        c.case_studies.len() >= 20,
        "{} case studies",
        c.case_studies.len()
    );
    let packs: HashSet<&str> = c.packs.iter().map(|p| p.key.as_str()).collect();
    assert!(packs.contains("pql") && packs.contains("cql"));
    assert!(c.packs.iter().all(|p| p.sections.len() >= 5));
    assert!(
        c.baskets.iter().any(|b| b.meta.period.contains("2019")),
        "the Welsh 2019-20 basket"
    );
    for r in &c.roadmaps {
        assert!(
            (4..=5).contains(&r.meta.stages.len()),
            "{}: 4 or 5 stages",
            r.slug
        );
        assert_eq!(r.meta.components.len(), 12, "{}", r.slug);
        for rc in &r.meta.components {
            assert_eq!(
                rc.descriptors.len(),
                r.meta.stages.len(),
                "{} {}",
                r.slug,
                rc.component
            );
            assert!(
                !rc.questions.is_empty(),
                "{} {} has no questions",
                r.slug,
                rc.component
            );
        }
    }
    // Everything drawn from the source documents credits them; only the pages about the hub
    // itself (accessibility, privacy, contributing) have no source to credit.
    use ithub::content::common::HasCommon;
    let mut uncredited = Vec::new();
    let mut check = |rel: &str, sources: &[String]| {
        if sources.is_empty() {
            uncredited.push(rel.to_string());
        }
    };
    c.zones
        .iter()
        .for_each(|d| check(&d.src.rel, &d.meta.common().sources));
    c.case_studies
        .iter()
        .for_each(|d| check(&d.src.rel, &d.meta.common().sources));
    c.baskets
        .iter()
        .for_each(|d| check(&d.src.rel, &d.meta.common().sources));
    c.roadmaps
        .iter()
        .for_each(|d| check(&d.src.rel, &d.meta.common().sources));
    for p in &c.packs {
        check(&p.index.src.rel, &p.index.meta.sources);
        p.sections
            .iter()
            .for_each(|d| check(&d.src.rel, &d.meta.common().sources));
    }
    for p in c
        .pages
        .iter()
        .filter(|p| !["accessibility", "privacy", "contribute"].contains(&p.slug.as_str()))
    {
        check(&p.src.rel, &p.meta.sources);
    }
    assert!(uncredited.is_empty(), "no source credit: {uncredited:?}");
}

#[test]
fn builds_with_no_warnings_and_every_link_resolves() {
    let hub = common::Hub::copy(CONTENT);
    let r = hub.build();
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    let base = ithub::routes::base_path(&load().config.base_url);
    let broken = common::broken_links(&hub.output(), &base);
    assert!(broken.is_empty(), "{broken:#?}");
}
