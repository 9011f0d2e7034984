//! `serve` applies edits in place where it can and rebuilds incrementally where it cannot;
//! after any sequence of edits its site (pages and search export) must be byte-for-byte what
//! a fresh full build makes. This drives the same `Session` the server's watcher drives.

mod common;

use common::*;
use ithub::build::build_in_memory;
use ithub::serve::session::{Changed, Session, Step};
use std::collections::BTreeMap;

/// The served site is byte for byte the full build's: the same files, the same bytes.
fn assert_same_files(
    served: &BTreeMap<String, Vec<u8>>,
    full: &BTreeMap<String, Vec<u8>>,
    after: &str,
) {
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>(),
        "file lists differ after {after}"
    );
    for (k, v) in served {
        assert!(v == &full[k], "{k} differs after {after}");
    }
}

fn case_studies(hub: &Hub) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(hub.content().join("case-studies"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// One random edit of the kinds an author makes; returns what it did and the files it touched.
fn edit(hub: &Hub, rng: &mut Rng, step: usize) -> (String, Vec<String>) {
    let files = case_studies(hub);
    let pick = |rng: &mut Rng| files[rng.below(files.len())].clone();
    let boards = ["lothian", "tayside", "fife"];
    let touched_before: Vec<(String, Vec<u8>)> = all_files(hub);
    let published: Vec<&String> = files.iter().filter(|f| !f.contains("draft")).collect();
    let what = match rng.below(17) {
        8..=12 => {
            // The commonest edit of all: a sentence in the body.
            let f = published[rng.below(published.len())];
            let t = hub.read(&format!("case-studies/{f}"));
            let at = t.rfind("\n\n").unwrap_or(t.len());
            hub.write(
                &format!("case-studies/{f}"),
                &format!(
                    "{}\n\nStep {step} adds a sentence about audit and prescribing.{}",
                    &t[..at],
                    &t[at..]
                ),
            );
            format!("add a sentence to {f}")
        }
        13 => {
            let f = published[rng.below(published.len())];
            let t = hub.read(&format!("case-studies/{f}"));
            hub.write(
                &format!("case-studies/{f}"),
                &t.replacen("title: ", &format!("title: Step {step}, "), 1),
            );
            format!("retitle {f}")
        }
        0 => {
            let f = pick(rng);
            let t = hub.read(&format!("case-studies/{f}"));
            hub.write(
                &format!("case-studies/{f}"),
                &t.replacen("summary: ", &format!("summary: Step {step}. "), 1),
            );
            format!("change summary of {f}")
        }
        1 => {
            // Link to another case study, so later renames and deletions of it matter here.
            let f = pick(rng);
            let other = pick(rng);
            let t = hub.read(&format!("case-studies/{f}"));
            hub.write(&format!("case-studies/{f}"), &format!("{t}\n## Added {step}\n\nSee [data](../zones/data.md) and [another]({other}).\n"));
            format!("append to body of {f}, linking {other}")
        }
        2 => {
            let b = boards[rng.below(3)];
            let topics = ["[diabetes]", "[frailty]", "[diabetes, frailty]", "[]"][rng.below(4)];
            hub.write(&format!("case-studies/new-{step}.md"), &format!("---\ntitle: New {step}\nsummary: Added at step {step}.\ncluster: C{step}\nboard: {b}\nzones: [data]\ncomponents: [data]\ntopics: {topics}\npublished: 20{:02}-0{}-01\n---\nBody {step}.\n", 10 + rng.below(15), 1 + rng.below(9)));
            format!("add new-{step}.md")
        }
        3 if files.len() > 2 => {
            let f = pick(rng);
            std::fs::remove_file(hub.content().join("case-studies").join(&f)).unwrap();
            format!("delete {f}")
        }
        4 => {
            let f = pick(rng);
            let to = format!("renamed-{step}.md");
            std::fs::rename(
                hub.content().join("case-studies").join(&f),
                hub.content().join("case-studies").join(&to),
            )
            .unwrap();
            format!("rename {f} to {to}")
        }
        5 => {
            let f = pick(rng);
            let t = hub.read(&format!("case-studies/{f}"));
            let broken = t.replacen("board: ", "board: nowhere-", 1);
            hub.write(&format!("case-studies/{f}"), &broken);
            format!("break board of {f}")
        }
        6 => {
            // Fix anything broken: restore every board, and point links to missing files at a zone.
            for f in &files {
                let mut t = hub
                    .read(&format!("case-studies/{f}"))
                    .replace("board: nowhere-", "board: ");
                for target in t
                    .split("](")
                    .skip(1)
                    .filter_map(|r| r.split(')').next())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
                {
                    let file = target.split('#').next().unwrap_or("");
                    if file.ends_with(".md")
                        && !file.contains('/')
                        && !files.contains(&file.to_string())
                    {
                        t = t.replace(&format!("]({target})"), "](../zones/data.md)");
                    }
                }
                hub.write(&format!("case-studies/{f}"), &t);
            }
            "fix everything".into()
        }
        14 => {
            // Move it in the lists: a new date (and year), so it lands elsewhere in every list.
            let f = pick(rng);
            let t = hub.read(&format!("case-studies/{f}"));
            let date = format!(
                "20{:02}-{:02}-{:02}",
                10 + rng.below(15),
                1 + rng.below(12),
                1 + rng.below(28)
            );
            let moved: String = t
                .lines()
                .map(|l| {
                    if l.starts_with("published: ") {
                        format!("published: {date}")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            hub.write(&format!("case-studies/{f}"), &format!("{moved}\n"));
            format!("date {f} {date}")
        }
        15 => {
            // Draft it, or publish a draft.
            let f = pick(rng);
            let t = hub.read(&format!("case-studies/{f}"));
            let toggled = if t.contains("draft: true") {
                t.replacen("draft: true", "draft: false", 1)
            } else if t.contains("draft: false") {
                t.replacen("draft: false", "draft: true", 1)
            } else {
                t.replacen("---\n", "---\ndraft: true\n", 1)
            };
            hub.write(&format!("case-studies/{f}"), &toggled);
            format!("toggle draft of {f}")
        }
        16 => {
            // New tags: other lists, other related case studies.
            let f = pick(rng);
            let t = hub.read(&format!("case-studies/{f}"));
            let topics = ["[diabetes]", "[frailty]", "[diabetes, frailty]", "[]"][rng.below(4)];
            let zones = ["[data]", "[leadership]", "[data, quality-improvement]"][rng.below(3)];
            let retagged: String = t
                .lines()
                .map(|l| {
                    if l.starts_with("topics:") {
                        format!("topics: {topics}")
                    } else if l.starts_with("zones:") {
                        format!("zones: {zones}")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            hub.write(&format!("case-studies/{f}"), &format!("{retagged}\n"));
            format!("retag {f} {zones} {topics}")
        }
        _ => {
            let t = hub.read("hub.yaml");
            hub.write(
                "hub.yaml",
                &t.replacen(
                    "topics:\n",
                    &format!("topics:\n  - key: topic-{step}\n    name: Topic {step}\n"),
                    1,
                ),
            );
            "add a topic to hub.yaml".into()
        }
    };
    let after = all_files(hub);
    let mut changed: Vec<String> = after
        .iter()
        .filter(|f| !touched_before.contains(f))
        .map(|f| f.0.clone())
        .collect();
    changed.extend(
        touched_before
            .iter()
            .filter(|f| !after.iter().any(|a| a.0 == f.0))
            .map(|f| f.0.clone()),
    );
    (what, changed)
}

/// Every content file with its bytes, to tell which an edit touched (as the watcher would).
fn all_files(hub: &Hub) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let root = hub.content();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn incremental_rebuilds_match_full_builds_after_random_edits() {
    let mut compared = 0;
    let mut failed_builds = 0;
    let mut in_place = 0;
    for seed in [
        0x9e37_79b9_7f4a_7c15u64,
        0x1234_5678_9abc_def1,
        0xdead_beef_cafe_f00d,
        0x0bad_5eed_1357_9bdf,
    ] {
        let hub = Hub::copy(FIXTURE);
        let opts = hub.options();
        let (mut session, first) = Session::start(opts.clone());
        let mut served: BTreeMap<String, Vec<u8>> = first.files.expect("the fixture builds");
        let mut rng = Rng(seed);
        let mut log = Vec::new();
        for step in 1..21 {
            let (what, changed) = edit(&hub, &mut rng, step);
            log.push(what);
            let changed = Changed {
                paths: changed.iter().map(|r| hub.content().join(r)).collect(),
                rescan: false,
            };
            let (ok, diags) = match session.step(&changed) {
                Step::InPlace(mut done) => {
                    in_place += 1;
                    for gone in &done.removed {
                        served.remove(gone);
                    }
                    served.extend(std::mem::take(&mut done.files));
                    match session.finish(&done) {
                        Ok(files) => {
                            served.extend(files);
                            (true, Vec::new())
                        }
                        Err(outcome) => {
                            panic!("search update failed after {log:?}: {:?}", outcome.errors)
                        }
                    }
                }
                Step::Unchanged => panic!("step {step} changed nothing: {log:?}"),
                Step::Full(outcome) => {
                    let ok = outcome.files.is_some();
                    if let Some(f) = outcome.files {
                        served = f;
                    }
                    (ok, outcome.errors)
                }
            };
            let (full, full_diags) = build_in_memory(&opts);
            let msgs = |ds: &[ithub::diagnostics::Diagnostic]| {
                ds.iter()
                    .filter(|d| d.severity == ithub::diagnostics::Severity::Error)
                    .map(|d| format!("{}:{}:{} {}", d.file.display(), d.line, d.column, d.message))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                msgs(&diags),
                msgs(&full_diags),
                "errors differ after {log:?}"
            );
            match full {
                Some(b) if ok => assert_same_files(&served, &b.files, &format!("{log:?}")),
                None if !ok => failed_builds += 1,
                full => panic!(
                    "one build failed and the other did not (serve {ok}, build {}) after {log:?}",
                    full.is_some()
                ),
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 80);
    assert!(
        failed_builds > 0 && failed_builds < compared,
        "the edits should both break and fix the hub ({failed_builds} failed)"
    );
    eprintln!("in place {in_place} of {compared}, failed {failed_builds}");
    assert!(in_place >= 5, "edits applied in place: {in_place}");
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
        let Ok(files) = session.finish(&done) else {
            panic!("step {step}: the search update failed");
        };
        served.extend(files);
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
        let Ok(data) = session.finish(&done) else {
            panic!("{what}: the search update failed");
        };
        served.extend(data);
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
        served.extend(
            session
                .finish(&done)
                .unwrap_or_else(|_| panic!("{what}: finish")),
        );
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
