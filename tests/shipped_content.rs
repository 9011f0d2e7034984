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
    ] {
        assert!(roles.contains(r), "missing role {r}");
    }
    // In the sources, board champions support the HIS iHub site, not this hub.
    assert!(!roles.contains("board-champion"));
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

/// Every item's owner, by file: who keeps it up to date.
fn owners(c: &ithub::content::Content) -> Vec<(String, Option<String>)> {
    use ithub::content::common::HasCommon;
    let mut v: Vec<(String, Option<String>)> = Vec::new();
    v.extend(
        c.zones
            .iter()
            .map(|d| (d.src.rel.clone(), d.meta.common().owner)),
    );
    v.extend(
        c.case_studies
            .iter()
            .map(|d| (d.src.rel.clone(), d.meta.common().owner)),
    );
    v.extend(
        c.baskets
            .iter()
            .map(|d| (d.src.rel.clone(), d.meta.common().owner)),
    );
    v.extend(
        c.roadmaps
            .iter()
            .map(|d| (d.src.rel.clone(), d.meta.common().owner)),
    );
    v.extend(
        c.pages
            .iter()
            .map(|d| (d.src.rel.clone(), d.meta.owner.clone())),
    );
    for p in &c.packs {
        v.push((p.index.src.rel.clone(), p.index.meta.owner.clone()));
        v.extend(
            p.sections
                .iter()
                .map(|d| (d.src.rel.clone(), d.meta.common().owner)),
        );
    }
    v
}

#[test]
fn every_item_is_kept_by_the_hub_not_by_a_national_body() {
    let c = load();
    let all = owners(&c);
    assert!(all.len() > 50, "{} items", all.len());
    for (rel, owner) in &all {
        let owner = owner
            .as_deref()
            .unwrap_or_else(|| panic!("{rel} names no owner"));
        // The 2022 report's licence forbids implying HIS endorses the hub, and neither HIS nor
        // the Scottish Government keeps any item.
        for body in [
            "Healthcare Improvement Scotland",
            "HIS",
            "Scottish Government",
        ] {
            assert!(
                !owner
                    .split(|ch: char| !ch.is_alphanumeric())
                    .any(|w| w == body)
                    && !owner.contains(body),
                "{rel}: owner `{owner}`"
            );
        }
    }
}

/// How many questions for local reflection the 2022 report's Appendix B gives each component.
const APPENDIX_B: [(&str, usize); 12] = [
    ("vision-purpose", 3),
    ("structure", 4),
    ("governance", 4),
    ("support", 5),
    ("resources", 6),
    ("relationships", 5),
    ("data", 9),
    ("quality-improvement", 6),
    ("leadership", 5),
    ("engagement", 6),
    ("learning-system", 4),
    ("priorities", 6),
];

#[test]
fn every_roadmap_component_carries_all_its_report_questions() {
    let c = load();
    let r = c
        .roadmaps
        .iter()
        .find(|r| r.slug == "successful-cluster-working")
        .expect("the roadmap");
    let got: Vec<(&str, usize)> = r
        .meta
        .components
        .iter()
        .map(|rc| (rc.component.as_str(), rc.questions.len()))
        .collect();
    assert_eq!(got, APPENDIX_B);
    let all: Vec<&String> = r
        .meta
        .components
        .iter()
        .flat_map(|rc| &rc.questions)
        .collect();
    let distinct: HashSet<&String> = all.iter().copied().collect();
    assert_eq!(distinct.len(), all.len(), "a question is repeated");
    assert!(all.iter().all(|q| q.trim_end().ends_with('?')), "{all:#?}");
}

#[test]
fn every_outcome_states_its_kind_and_only_changes_read_as_changes() {
    use ithub::content::case_study::OutcomeKind;
    let c = load();
    let hub = common::Hub::copy(CONTENT);
    hub.build_ok();
    let mut n = 0;
    for cs in &c.case_studies {
        if cs.meta.outcomes.is_empty() {
            continue;
        }
        let page = hub.page(&format!("case-studies/{}/", cs.slug));
        let changes = cs
            .meta
            .outcomes
            .iter()
            .filter(|o| o.kind == OutcomeKind::Change)
            .count();
        for o in &cs.meta.outcomes {
            n += 1;
            let numbers = (o.before.is_some(), o.after.is_some(), o.value.is_some());
            let want = match o.kind {
                OutcomeKind::Change => (true, true, false),
                _ => (false, false, true),
            };
            assert_eq!(numbers, want, "{}: {} ({:?})", cs.slug, o.measure, o.kind);
            assert!(
                o.period.is_some() && o.measured_by.is_some(),
                "{}: {}",
                cs.slug,
                o.measure
            );
        }
        // The page draws and tables as before/after exactly the change outcomes.
        let before_after =
            common::texts(&page, "table.outcomes:not(.outcomes-once) tbody tr").len();
        assert_eq!(before_after, changes, "{}", cs.slug);
        let once = common::texts(&page, "table.outcomes-once tbody tr").len();
        assert_eq!(once, cs.meta.outcomes.len() - changes, "{}", cs.slug);
        let bars = page.select(&common::sel("figure.chart svg rect")).count();
        assert_eq!(bars, 2 * changes, "{}", cs.slug);
    }
    assert!(n >= 3, "{n} outcomes");
}
