//! `serve` applies edits in place where it can and rebuilds incrementally where it cannot;
//! after any sequence of edits its site (pages and search export) and the problems it reports
//! must be exactly what a fresh full build makes and reports. This drives the same `Session`
//! the server's watcher drives, with the edits of `common::edits`.

mod common;

use common::edits::compare::{
    assert_matches_fresh_build, assert_same_files, serve_finished, serve_step, shown,
};
use common::edits::{front_matter, key_paths, Edits, Kind, FIELDS};
use common::*;
use ithub::build::build_in_memory;
use ithub::diagnostics::{Diagnostic, Severity};
use ithub::serve::session::{Changed, Session, Step};
use std::collections::{BTreeMap, BTreeSet};

fn case_studies(hub: &Hub) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(hub.content().join("case-studies"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn incremental_rebuilds_match_full_builds_after_random_edits() {
    let (mut compared, mut failed_builds, mut in_place) = (0, 0, 0);
    let mut covered = BTreeSet::new();
    let seeds = [
        0x9e37_79b9_7f4a_7c15u64,
        0x1234_5678_9abc_def1,
        0xdead_beef_cafe_f00d,
        0x0bad_5eed_1357_9bdf,
    ];
    for (i, seed) in seeds.into_iter().enumerate() {
        let hub = Hub::copy(FIXTURE);
        let opts = hub.options();
        let (mut session, first) = Session::start(opts.clone());
        let mut served: BTreeMap<String, Vec<u8>> = first.files.expect("the fixture builds");
        let mut edits = Edits::new(&hub, seed, (i, seeds.len()));
        let mut log = Vec::new();
        let mut broken_for = 0;
        let mut step = 0;
        while step < 20 || (!edits.done() && step < 80) {
            step += 1;
            let (what, changed) = edits.step(&hub, step, broken_for);
            log.push(what);
            let changed = Changed {
                paths: changed.iter().map(|r| hub.content().join(r)).collect(),
                rescan: false,
            };
            let r = serve_step(&mut session, &changed, &mut served);
            in_place += usize::from(r.in_place);
            let ok = assert_matches_fresh_build(&r, &served, &opts, &format!("{log:#?}"));
            broken_for = if ok { 0 } else { broken_for + 1 };
            failed_builds += usize::from(!ok);
            compared += 1;
        }
        assert!(
            edits.done(),
            "seed {i} left fields unedited after {step} steps: {log:#?}"
        );
        covered.extend(edits.covered);
    }
    let all: BTreeSet<(Kind, &str)> = FIELDS.iter().map(|f| (f.kind, f.path)).collect();
    let missed: Vec<_> = all.difference(&covered).collect();
    assert!(missed.is_empty(), "fields never edited: {missed:?}");
    assert!(
        failed_builds > 0 && failed_builds < compared / 2,
        "the edits should both break and fix the hub ({failed_builds} of {compared} failed)"
    );
    eprintln!("in place {in_place} of {compared}, failed {failed_builds}");
    assert!(in_place >= 10, "edits applied in place: {in_place}");
}

/// Every field of every content struct (and of `hub.yaml`) has a row in `FIELDS`, and every row
/// names a real field: the fixture parsed into each struct and serialised again lists them all
/// (an absent optional field serialises as null), so a new field fails here until it has edits.
#[test]
fn the_edit_table_covers_every_front_matter_field() {
    use ithub::content::{basket, case_study, induction, page, roadmap, zone};
    fn keys<T: serde::de::DeserializeOwned + serde::Serialize>(
        v: serde_yaml::Value,
    ) -> serde_yaml::Value {
        serde_yaml::to_value(serde_yaml::from_value::<T>(v).expect("the fixture parses")).unwrap()
    }
    let hub = Hub::copy(FIXTURE);
    let mut fields: BTreeMap<Kind, BTreeSet<String>> = BTreeMap::new();
    for (rel, bytes) in common::edits::all_files(&hub) {
        let Some(kind) = Kind::of(&rel) else { continue };
        let fm = front_matter(&rel, std::str::from_utf8(&bytes).unwrap());
        let typed = match kind {
            Kind::CaseStudy => keys::<case_study::CaseStudyMeta>(fm),
            Kind::Zone => keys::<zone::ZoneMeta>(fm),
            Kind::Pack => keys::<induction::PackMeta>(fm),
            Kind::Section => keys::<induction::SectionMeta>(fm),
            Kind::Basket => keys::<basket::BasketMeta>(fm),
            Kind::Roadmap => keys::<roadmap::RoadmapMeta>(fm),
            Kind::Page => keys::<page::PageMeta>(fm),
            Kind::Hub => keys::<ithub::config::HubConfig>(fm),
        };
        key_paths(&typed, "", fields.entry(kind).or_default());
    }
    assert_eq!(
        fields.len(),
        8,
        "the fixture has every kind: {:?}",
        fields.keys()
    );
    let table: BTreeSet<(Kind, String)> = FIELDS
        .iter()
        .map(|f| (f.kind, f.path.to_string()))
        .collect();
    let structs: BTreeSet<(Kind, String)> = fields
        .into_iter()
        .flat_map(|(k, ps)| ps.into_iter().map(move |p| (k, p)))
        .collect();
    assert_eq!(
        structs.difference(&table).collect::<Vec<_>>(),
        Vec::<&(Kind, String)>::new(),
        "fields with no edits in common::edits::FIELDS"
    );
    assert_eq!(
        table.difference(&structs).collect::<Vec<_>>(),
        Vec::<&(Kind, String)>::new(),
        "rows of FIELDS naming no field"
    );
    for f in FIELDS {
        assert!(
            !f.bad.is_empty(),
            "{:?} {} has no invalid edit",
            f.kind,
            f.path
        );
    }
}

/// In a Tayside case study, an HSCP of another board: a full build refuses it, so serve must
/// not put it in place; it reports the build's error, and the fix brings the site back.
#[test]
fn an_hscp_of_another_board_is_refused_as_the_build_refuses_it() {
    let hub = Hub::copy(FIXTURE);
    let rel = "case-studies/gamma.md";
    assert!(hub.read(rel).contains("board: tayside\nhscp: angus\n"));
    let opts = hub.options();
    let (mut session, first) = Session::start(opts.clone());
    let mut served = first.files.expect("the fixture builds");
    let changed = Changed {
        paths: vec![hub.content().join(rel)],
        rescan: false,
    };
    hub.edit(rel, "hscp: angus", "hscp: west-lothian");
    let (full, diags) = build_in_memory(&opts);
    assert!(
        full.is_none(),
        "a full build accepts West Lothian in Tayside"
    );
    let errors: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(
        errors
            .iter()
            .any(|d| d.file.ends_with(rel) && d.message.contains("lothian")),
        "the build's error names the board: {errors:?}"
    );
    let r = serve_step(&mut session, &changed, &mut served);
    assert!(!r.in_place, "serve put an HSCP of another board in place");
    assert!(!assert_matches_fresh_build(
        &r,
        &served,
        &opts,
        "hscp: west-lothian"
    ));
    hub.edit(rel, "hscp: west-lothian", "hscp: angus");
    let r = serve_step(&mut session, &changed, &mut served);
    assert!(assert_matches_fresh_build(&r, &served, &opts, "the fix"));
}

/// A warning the last full build found (here, a roadmap missing a component) is still shown
/// after an edit that goes in place, as a fresh build would show it.
#[test]
fn warnings_stay_shown_after_an_in_place_edit() {
    let hub = Hub::copy(FIXTURE);
    let opts = hub.options();
    let (mut session, _) = Session::start(opts.clone());
    let mut served = BTreeMap::new();
    let config = hub.read("hub.yaml");
    let at = config
        .find("components:\n")
        .expect("hub.yaml lists components")
        + "components:\n".len();
    hub.write(
        "hub.yaml",
        &format!(
            "{}  - key: extra-component\n    name: An extra component\n    group: priorities\n{}",
            &config[..at],
            &config[at..]
        ),
    );
    let changed = |rel: &str| Changed {
        paths: vec![hub.content().join(rel)],
        rescan: false,
    };
    let r = serve_step(&mut session, &changed("hub.yaml"), &mut served);
    assert!(assert_matches_fresh_build(
        &r,
        &served,
        &opts,
        "a new component"
    ));
    assert!(
        r.errors
            .iter()
            .any(|d| d.message.contains("the roadmap covers")),
        "{:?}",
        shown(&r.errors)
    );
    let rel = "case-studies/alpha.md";
    let t = hub.read(rel);
    hub.write(rel, &format!("{t}\nOne more sentence.\n"));
    let r = serve_step(&mut session, &changed(rel), &mut served);
    assert!(r.in_place, "a sentence goes in place");
    assert!(assert_matches_fresh_build(&r, &served, &opts, "a sentence"));
}

/// The edits authors make most (a sentence, a title, a summary) go in place every time, and
/// each leaves the site exactly as a full build would make it.
#[test]
fn everyday_edits_go_in_place_and_match_full_builds() {
    let hub = Hub::copy(FIXTURE);
    let opts = hub.options();
    let (mut session, first) = Session::start(opts.clone());
    let mut served: BTreeMap<String, Vec<u8>> = first.files.expect("the fixture builds");
    let published: Vec<String> = case_studies(&hub)
        .into_iter()
        .filter(|f| !f.contains("draft"))
        .collect();
    let mut rng = Rng(0x7777_1234_5678_9abc);
    for step in 1..=20 {
        let f = &published[rng.below(published.len())];
        let rel = format!("case-studies/{f}");
        let t = hub.read(&rel);
        let new = match step % 3 {
            0 => t.replacen("title: ", &format!("title: Step {step}, "), 1),
            1 => t.replacen("summary: ", &format!("summary: Step {step} says more. "), 1),
            _ => format!("{t}\nStep {step}: a new paragraph on diabetes audit and frailty.\n"),
        };
        hub.write(&rel, &new);
        let changed = Changed {
            paths: vec![hub.content().join(&rel)],
            rescan: false,
        };
        let Step::InPlace(mut done) = session.step(&changed) else {
            panic!("step {step} ({rel}) did not go in place");
        };
        let files = std::mem::take(&mut done.files);
        let pages: Vec<&String> = files.keys().filter(|k| k.ends_with(".html")).collect();
        assert!(
            pages.len() < served.keys().filter(|k| k.ends_with(".html")).count() / 2,
            "step {step} re-rendered {} pages",
            pages.len()
        );
        served.extend(files);
        let Ok(finished) = session.finish(&done) else {
            panic!("step {step}: the search update failed");
        };
        serve_finished(&mut served, finished);
        let (full, _) = build_in_memory(&opts);
        let full = full.expect("the edited hub builds");
        assert_same_files(&served, &full.files, &format!("step {step} ({rel})"));
    }
}

/// A case study of the generated hub below.
fn generated(n: usize, board: &str, topics: &str, date: &str) -> String {
    format!(
        "---\ntitle: Generated {n}\nsummary: Generated case study {n}.\ncluster: Cluster {n}\nboard: {board}\nzones: [data]\ncomponents: [data]\ntopics: {topics}\npublished: {date}\n---\nBody of generated case study {n}, about audit.\n"
    )
}

/// Adding, deleting, renaming, re-dating, re-tagging, drafting and publishing case studies go
/// in place on a hub whose lists run to several pages: only the pages whose showing changed
/// are rendered, pages that no longer exist are removed, and the site is byte for byte what a
/// full build makes.
#[test]
fn structural_edits_go_in_place_and_match_full_builds() {
    let hub = Hub::copy(FIXTURE);
    for n in 0..45 {
        let topics = ["[diabetes]", "[frailty]", "[]"][n % 3];
        let date = format!("2019-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
        hub.write(
            &format!("case-studies/gen-{n:02}.md"),
            &generated(n, ["fife", "tayside"][n % 2], topics, &date),
        );
    }
    let opts = hub.options();
    let (mut session, first) = Session::start(opts.clone());
    let mut served: BTreeMap<String, Vec<u8>> = first.files.expect("the generated hub builds");
    let total_pages = served.keys().filter(|k| k.ends_with(".html")).count();
    let cs = |f: &str| format!("case-studies/{f}");
    type Edit = (&'static str, Box<dyn Fn(&Hub) -> Vec<String>>);
    let edits: Vec<Edit> = vec![
        (
            "add",
            Box::new(move |h: &Hub| {
                h.write(
                    &cs("new-one.md"),
                    &generated(100, "fife", "[diabetes]", "2018-06-01"),
                );
                vec![cs("new-one.md")]
            }),
        ),
        (
            "add the newest",
            Box::new(move |h: &Hub| {
                h.write(
                    &cs("newest.md"),
                    &generated(101, "lothian", "[frailty]", "2030-01-01"),
                );
                vec![cs("newest.md")]
            }),
        ),
        (
            "delete",
            Box::new(move |h: &Hub| {
                std::fs::remove_file(h.content().join(cs("gen-07.md"))).unwrap();
                vec![cs("gen-07.md")]
            }),
        ),
        (
            "rename",
            Box::new(move |h: &Hub| {
                let c = h.content();
                std::fs::rename(c.join(cs("gen-11.md")), c.join(cs("gen-eleven.md"))).unwrap();
                vec![cs("gen-11.md"), cs("gen-eleven.md")]
            }),
        ),
        (
            "re-date",
            Box::new(move |h: &Hub| {
                h.edit(
                    &cs("gen-20.md"),
                    "published: 2019-09-21",
                    "published: 2024-02-02",
                );
                vec![cs("gen-20.md")]
            }),
        ),
        (
            "re-tag",
            Box::new(move |h: &Hub| {
                h.edit(
                    &cs("gen-21.md"),
                    "topics: [diabetes]",
                    "topics: [diabetes, frailty]",
                );
                h.edit(&cs("gen-21.md"), "board: tayside", "board: lothian");
                vec![cs("gen-21.md")]
            }),
        ),
        (
            "draft",
            Box::new(move |h: &Hub| {
                h.edit(&cs("gen-30.md"), "---\ntitle", "---\ndraft: true\ntitle");
                vec![cs("gen-30.md")]
            }),
        ),
        (
            "publish the draft",
            Box::new(move |h: &Hub| {
                h.edit(&cs("gen-30.md"), "draft: true\n", "");
                vec![cs("gen-30.md")]
            }),
        ),
        (
            "delete the only lothian-2030 one",
            Box::new(move |h: &Hub| {
                std::fs::remove_file(h.content().join(cs("newest.md"))).unwrap();
                vec![cs("newest.md")]
            }),
        ),
    ];
    for (what, apply) in &edits {
        let touched = apply(&hub);
        let changed = Changed {
            paths: touched.iter().map(|r| hub.content().join(r)).collect(),
            rescan: false,
        };
        let Step::InPlace(mut done) = session.step(&changed) else {
            panic!("{what} did not go in place");
        };
        let files = std::mem::take(&mut done.files);
        let rendered = files.keys().filter(|k| k.ends_with(".html")).count();
        assert!(
            rendered > 0 && rendered < total_pages,
            "{what} rendered {rendered} of {total_pages} pages"
        );
        // Only the pages that depend on the edit: every one rendered is new or different.
        let same: Vec<&String> = files
            .iter()
            .filter(|(k, v)| served.get(*k) == Some(*v))
            .map(|(k, _)| k)
            .collect();
        assert!(same.is_empty(), "{what} rendered unchanged pages: {same:?}");
        for gone in &done.removed {
            assert!(
                served.remove(gone).is_some(),
                "{what} removed {gone}, never served"
            );
        }
        served.extend(files);
        let Ok(finished) = session.finish(&done) else {
            panic!("{what}: the search update failed");
        };
        serve_finished(&mut served, finished);
        let (full, diags) = build_in_memory(&opts);
        let full = full.unwrap_or_else(|| panic!("{what}: the hub no longer builds: {diags:?}"));
        assert_same_files(&served, &full.files, what);
        assert_eq!(done.pages, full.pages, "{what}: page count");
    }
}

/// Theme edits re-render every page from the content already held (no parsing, no search
/// indexing), and the site is byte for byte what a full build makes with the edited theme.
#[test]
fn theme_edits_re_render_in_place_and_match_full_builds() {
    let hub = Hub::copy(FIXTURE);
    let themes = hub.with_themes();
    let opts = hub.options();
    let (mut session, first) = Session::start(opts.clone());
    let mut served: BTreeMap<String, Vec<u8>> = first.files.expect("the fixture builds");
    let css = themes.join("default/static/style.css");
    let base = themes.join("default/templates/base.html");
    let edits: [(&str, &std::path::Path, &str, &str); 3] = [
        ("stylesheet", &css, "}", "}\n.edited { color: #000; }"),
        (
            "template",
            &base,
            "<footer class=\"site-footer\">",
            "<footer class=\"site-footer\"><p>Edited</p>",
        ),
        ("stylesheet again", &css, ".edited", ".edited-again"),
    ];
    for (what, file, from, to) in edits {
        let t = std::fs::read_to_string(file).unwrap();
        assert!(t.contains(from), "{what}");
        std::fs::write(file, t.replacen(from, to, 1)).unwrap();
        let changed = Changed {
            paths: vec![file.to_path_buf()],
            rescan: false,
        };
        let Step::InPlace(mut done) = session.step(&changed) else {
            panic!("the {what} edit did not go in place");
        };
        assert!(done.search.is_empty() && done.gone.is_empty());
        for gone in &done.removed {
            assert!(
                served.remove(gone).is_some(),
                "{what}: {gone} was never served"
            );
        }
        served.extend(std::mem::take(&mut done.files));
        let finished = session
            .finish(&done)
            .unwrap_or_else(|_| panic!("{what}: finish"));
        serve_finished(&mut served, finished);
        let (full, diags) = build_in_memory(&opts);
        let full = full.unwrap_or_else(|| panic!("{what}: {diags:?}"));
        assert_same_files(&served, &full.files, what);
    }
}

/// Editors write swap and backup files beside the one they save: those change nothing, and a
/// save that comes with them still goes in place.
#[test]
fn editor_droppings_change_nothing() {
    let hub = Hub::copy(FIXTURE);
    let (mut session, _) = Session::start(hub.options());
    let droppings = [
        "case-studies/.alpha.md.swp",
        "case-studies/alpha.md~",
        "case-studies/#alpha.md#",
    ];
    for d in droppings {
        hub.write(d, "scratch");
    }
    let paths = |rels: &[&str]| Changed {
        paths: rels.iter().map(|r| hub.content().join(r)).collect(),
        rescan: false,
    };
    assert!(matches!(session.step(&paths(&droppings)), Step::Unchanged));
    hub.edit(
        "case-studies/alpha.md",
        "title: Alpha cluster improves diabetes care",
        "title: Alpha, saved from an editor",
    );
    let mut with_save = droppings.to_vec();
    with_save.push("case-studies/alpha.md");
    let Step::InPlace(done) = session.step(&paths(&with_save)) else {
        panic!("the save did not go in place");
    };
    assert!(done.files.contains_key("case-studies/alpha/index.html"));
}

/// Warnings elsewhere in the hub (here, an outcome that does not say who measured it) do not
/// stop a case study being added, then deleted, in place; the added one's own warning is
/// reported while it is there, as a fresh build reports it, and goes with it.
#[test]
fn adding_and_deleting_go_in_place_beside_warnings() {
    let hub = Hub::copy(FIXTURE);
    let alpha = hub.read("case-studies/alpha.md");
    let unmeasured = |t: &str| {
        t.replacen(
            "    measured_by: the cluster's practices\n  - measure: Practices",
            "  - measure: Practices",
            1,
        )
    };
    assert_ne!(
        unmeasured(&alpha),
        alpha,
        "alpha's second outcome says who measured it"
    );
    hub.write("case-studies/alpha.md", &unmeasured(&alpha));
    let opts = hub.options();
    let (mut session, first) = Session::start(opts.clone());
    let mut served = first.files.expect("the fixture builds with a warning");
    assert!(
        first.errors.iter().any(|d| d.file.ends_with("alpha.md")),
        "alpha's outcome is warned about: {:?}",
        shown(&first.errors)
    );
    let added = "case-studies/epsilon.md";
    let text = alpha.replacen("title: Alpha", "title: Epsilon", 1);
    hub.write(added, &text);
    let changed = Changed {
        paths: vec![hub.content().join(added)],
        rescan: false,
    };
    let r = serve_step(&mut session, &changed, &mut served);
    assert!(
        r.in_place,
        "an added case study goes in place beside a warning"
    );
    assert!(assert_matches_fresh_build(&r, &served, &opts, "the add"));

    let without = unmeasured(&text);
    hub.write(added, &without);
    let r = serve_step(&mut session, &changed, &mut served);
    assert!(
        r.in_place,
        "an edit with a warning of its own goes in place"
    );
    assert!(assert_matches_fresh_build(
        &r,
        &served,
        &opts,
        "the warning"
    ));
    assert!(
        r.errors.iter().any(|d| d.file.ends_with(added)),
        "the added case study's warning is shown: {:?}",
        shown(&r.errors)
    );

    std::fs::remove_file(hub.content().join(added)).unwrap();
    let r = serve_step(&mut session, &changed, &mut served);
    assert!(
        r.in_place,
        "a deleted case study goes in place beside a warning"
    );
    assert!(assert_matches_fresh_build(&r, &served, &opts, "the delete"));
    assert!(
        !r.errors.iter().any(|d| d.file.ends_with(added)),
        "the deleted case study's warning went with it: {:?}",
        shown(&r.errors)
    );
}

/// An added case study moves every later list page along; with a list page open in a browser,
/// that page alone comes first, as a fresh build makes it, and `rest` brings every other
/// changed page (not the open one again) before search is updated.
#[test]
fn the_open_page_comes_first_and_the_rest_follows() {
    let hub = Hub::copy(FIXTURE);
    let opts = hub.options();
    let (mut session, first) = Session::start(opts.clone());
    let mut served = first.files.expect("the fixture builds");
    let added = "case-studies/epsilon.md";
    hub.write(
        added,
        &hub.read("case-studies/alpha.md")
            .replacen("title: Alpha", "title: Epsilon", 1)
            .replacen("published: 2022-03-01", "published: 2030-01-01", 1),
    );
    let changed = Changed {
        paths: vec![hub.content().join(added)],
        rescan: false,
    };
    let open: std::collections::HashSet<String> = ["case-studies/".to_string()].into();
    let Step::InPlace(mut done) = session.step_open_first(&changed, &open) else {
        panic!("the add did not go in place");
    };
    assert!(session.pending(), "the other pages are still to come");
    let early: Vec<String> = done.files.keys().cloned().collect();
    assert_eq!(early, ["case-studies/index.html"]);
    let (full, _) = build_in_memory(&opts);
    let full = full.expect("the edited hub builds");
    assert!(
        done.files["case-studies/index.html"] == full.files["case-studies/index.html"],
        "the open page is not what a fresh build makes"
    );
    let newest = texts(
        &scraper::Html::parse_document(&String::from_utf8_lossy(
            &done.files["case-studies/index.html"],
        )),
        ".list-main .card-title",
    );
    assert_eq!(
        newest.first().map(String::as_str),
        Some("Epsilon cluster improves diabetes care")
    );
    served.extend(std::mem::take(&mut done.files));
    assert!(session.rest(&mut done).is_ok(), "the rest rendered");
    assert!(!session.pending());
    assert!(
        !done.files.contains_key("case-studies/index.html"),
        "the open page was rendered twice"
    );
    assert!(done.files.contains_key("case-studies/epsilon/index.html"));
    assert!(!done.search.is_empty(), "the new case study is searched");
    for gone in &done.removed {
        served.remove(gone);
    }
    served.extend(std::mem::take(&mut done.files));
    let Ok(finished) = session.finish(&done) else {
        panic!("the search update failed");
    };
    serve_finished(&mut served, finished);
    assert_same_files(&served, &full.files, "the add, open page first");
}
