//! Bad content: every problem reported in one run, each at its file, line and column, with a fix;
//! a failed build never touches the published output; no input makes ithub panic.

mod common;

use common::*;
use ithub::diagnostics::{Diagnostic, Severity};
use std::process::Command;

fn errors(hub: &Hub) -> Vec<Diagnostic> {
    let r = hub.build();
    assert!(!r.ok(), "expected the build to fail");
    r.diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// The one diagnostic in `file` whose message contains `needle`.
fn find<'a>(ds: &'a [Diagnostic], file: &str, needle: &str) -> &'a Diagnostic {
    let hits: Vec<&Diagnostic> = ds
        .iter()
        .filter(|d| d.file.ends_with(file) && d.message.contains(needle))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "want one `{needle}` in {file}, got {hits:#?}\nall: {ds:#?}"
    );
    hits[0]
}

#[test]
fn every_problem_in_one_run_with_positions_and_fixes() {
    let hub = Hub::copy(FIXTURE);
    hub.edit("case-studies/alpha.md", "board: lothian", "bord: lothian");
    hub.edit("case-studies/beta.md", "board: lothian", "board: lothain");
    hub.edit(
        "case-studies/gamma.md",
        "published: 2020-01-15",
        "published: 2020-02-30",
    );
    hub.edit("pages/about.md", "About text.", "About text.\n\nSee [x](../zones/dta.md) and ![](../static/chart.svg) and ![Map](../static/map.png).");
    hub.edit("induction/pql/02-time.md", "#what-you-do", "#what-you-doo");
    hub.edit(
        "zones/data.md",
        "summary: About the data zone.",
        &format!("summary: {}", "x".repeat(301)),
    );
    hub.edit("roadmaps/roadmap.md", "component: data", "component: dta");
    hub.edit(
        "case-studies/delta-draft.md",
        "board: fife",
        "board: fife\nhscp: angus",
    );
    let ds = errors(&hub);

    let d = find(&ds, "case-studies/alpha.md", "unknown field `bord`");
    assert_eq!((d.line, d.column), (5, 1));
    assert_eq!(d.help.as_deref(), Some("did you mean `board`?"));
    assert_eq!(d.source_line.as_deref(), Some("bord: lothian"));

    let d = find(&ds, "case-studies/beta.md", "`lothain` is not a board");
    assert_eq!((d.line, d.column, d.width), (5, 8, 7));
    assert_eq!(d.help.as_deref(), Some("did you mean `lothian`?"));

    let d = find(&ds, "case-studies/gamma.md", "invalid date `2020-02-30`");
    assert_eq!((d.line, d.column), (9, 12));

    let d = find(&ds, "pages/about.md", "link `../zones/dta.md` goes nowhere");
    assert_eq!((d.line, d.column), (7, 5));
    assert_eq!(d.help.as_deref(), Some("did you mean `../zones/data.md`?"));
    let d = find(&ds, "pages/about.md", "image has no alt text");
    assert_eq!((d.line, d.column), (7, 30));
    let d = find(
        &ds,
        "pages/about.md",
        "image `../static/map.png` does not exist",
    );
    assert_eq!((d.line, d.column), (7, 59));

    let d = find(
        &ds,
        "induction/pql/02-time.md",
        "no heading or anchor `#what-you-doo`",
    );
    assert_eq!(d.line, 6);
    assert_eq!(d.help.as_deref(), Some("did you mean `#what-you-do`?"));

    let d = find(&ds, "zones/data.md", "summary is 301 characters");
    assert_eq!((d.line, d.column), (3, 10));

    let d = find(&ds, "roadmaps/roadmap.md", "`dta` is not a component");
    assert_eq!(d.help.as_deref(), Some("did you mean `data`?"));

    let d = find(
        &ds,
        "case-studies/delta-draft.md",
        "`angus` belongs to the `tayside` board",
    );
    assert_eq!(d.line, 6);
    assert_eq!(ds.len(), 10, "{ds:#?}");
}

#[test]
fn cli_prints_rustc_style_errors_and_exits_non_zero() {
    let hub = Hub::copy(FIXTURE);
    hub.edit("case-studies/beta.md", "board: lothian", "board: lothain");
    let out = Command::new(env!("CARGO_BIN_EXE_ithub"))
        .args(["build", "--content"])
        .arg(hub.content())
        .arg("--output")
        .arg(hub.output())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "error: `lothain` is not a board")
        .expect(&err);
    assert!(
        lines[at + 1].ends_with("content/case-studies/beta.md:5:8"),
        "{err}"
    );
    assert_eq!(lines[at + 3], "5 | board: lothain");
    assert_eq!(lines[at + 4], "  |        ^^^^^^^");
    assert_eq!(lines[at + 5], "  = help: did you mean `lothian`?");
    assert!(err.contains("nothing was published"));
    assert!(!hub.output().exists());

    let ok = Command::new(env!("CARGO_BIN_EXE_ithub"))
        .args(["build", "--content"])
        .arg(Hub::copy(FIXTURE).content())
        .arg("--output")
        .arg(hub.output())
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8(ok.stdout).unwrap().starts_with("built "));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let out = hub.output();
    let before: Vec<(String, Vec<u8>)> = ithub::load::walk(&out)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(out.join(&p)).unwrap();
            (p, b)
        })
        .collect();
    hub.edit(
        "case-studies/alpha.md",
        "title: Alpha cluster improves diabetes care",
        "title: Changed title",
    );
    hub.edit("case-studies/beta.md", "board: lothian", "board: nowhere");
    assert!(!hub.build().ok());
    let after: Vec<(String, Vec<u8>)> = ithub::load::walk(&out)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(out.join(&p)).unwrap();
            (p, b)
        })
        .collect();
    assert!(before == after, "output changed after a failed build");
    // No half-built folder is left behind (the hidden spare is the next build's scratch space).
    let leftovers: Vec<String> = std::fs::read_dir(hub.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".building-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // And the next good build publishes exactly the new site, with no stale pages from the spare.
    hub.edit("case-studies/beta.md", "board: nowhere", "board: lothian");
    std::fs::remove_file(hub.content().join("case-studies/gamma.md")).unwrap();
    hub.build_ok();
    assert!(!out.join("case-studies/gamma").exists(), "stale page kept");
    assert_eq!(
        texts(&hub.page("case-studies/alpha/"), "main h1"),
        ["Changed title"]
    );
    // The build after that reuses the first build's output (which had Gamma) as its scratch.
    let third = ithub::load::walk(&out);
    hub.build_ok();
    assert_eq!(ithub::load::walk(&out), third, "same content, same files");
    assert!(!out.join("case-studies/gamma").exists(), "stale page kept");
}

#[test]
fn hostile_input_gives_errors_not_panics() {
    let hub = Hub::copy(FIXTURE);
    hub.write("case-studies/empty.md", "");
    std::fs::write(
        hub.content().join("case-studies/latin1.md"),
        b"---\ntitle: caf\xe9\n---\n",
    )
    .unwrap();
    let mut bomb = String::from("---\na: &a [x,x,x,x,x,x,x,x,x]\n");
    for (n, p) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!(
            "{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        ));
    }
    bomb.push_str("---\n");
    hub.write("case-studies/bomb.md", &bomb);
    hub.write(
        "case-studies/deep.md",
        &format!(
            "---\ntitle: {}{}\n---\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    hub.write(
        "case-studies/huge.md",
        &format!("---\ntitle: x\n---\n{}", "word ".repeat(1_000_000)),
    );
    hub.write("case-studies/unclosed.md", "---\ntitle: x\n");
    hub.write("case-studies/nested-md.md", &format!("---\ntitle: t\nsummary: s\ncluster: c\nboard: fife\nzones: [data]\ncomponents: [data]\npublished: 2020-01-01\n---\n{}x{}", "> ".repeat(5000), "*".repeat(5000)));
    let r = hub.build();
    assert!(!r.ok());
    for f in [
        "empty.md",
        "latin1.md",
        "bomb.md",
        "deep.md",
        "huge.md",
        "unclosed.md",
    ] {
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.file.ends_with(f) && d.severity == Severity::Error),
            "no error for {f}: {:#?}",
            r.diagnostics
        );
    }
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.file.ends_with("latin1.md"))
        .unwrap();
    assert_eq!(
        (d.line, d.column, d.message.as_str()),
        (2, 11, "file is not valid UTF-8")
    );
}

#[test]
fn missing_hub_yaml_and_zones_are_reported() {
    let hub = Hub::copy(FIXTURE);
    std::fs::remove_file(hub.content().join("zones/facilitation.md")).unwrap();
    let ds = errors(&hub);
    find(
        &ds,
        "zones/facilitation.md",
        "the `facilitation` zone is missing",
    );
    std::fs::remove_file(hub.content().join("hub.yaml")).unwrap();
    let ds = errors(&hub);
    find(&ds, "hub.yaml", "hub.yaml not found");
}

#[test]
fn a_figure_measured_once_cannot_be_given_as_before_or_after() {
    let hub = Hub::copy(FIXTURE);
    // The reach figure written as an "after", and the change missing its "before".
    hub.edit(
        "case-studies/alpha.md",
        "kind: reach\n    value: 6",
        "kind: reach\n    after: 6",
    );
    hub.edit("case-studies/alpha.md", "    before: 40\n", "");
    let ds = errors(&hub);
    let d = find(
        &ds,
        "case-studies/alpha.md",
        "a `reach` outcome cannot have `after`",
    );
    assert_eq!((d.line, d.column), (22, 12));
    assert!(d.help.as_deref().unwrap().contains("`value`"));
    let d = find(
        &ds,
        "case-studies/alpha.md",
        "a `reach` outcome needs `value`",
    );
    assert_eq!(d.line, 21);
    let d = find(
        &ds,
        "case-studies/alpha.md",
        "a `change` outcome needs `before`",
    );
    assert_eq!((d.line, d.column), (15, 11));
    assert_eq!(ds.len(), 3, "{ds:#?}");
}

#[test]
fn an_outcome_without_a_kind_is_an_error_at_its_place() {
    let hub = Hub::copy(FIXTURE);
    hub.edit("case-studies/alpha.md", "    kind: change\n", "");
    let ds = errors(&hub);
    assert!(
        ds.iter()
            .any(|d| d.file.ends_with("case-studies/alpha.md") && d.message.contains("kind")),
        "{ds:#?}"
    );
}

#[test]
fn every_bad_synonym_is_reported_at_its_entry() {
    let hub = Hub::copy(FIXTURE);
    let cfg = hub.read("hub.yaml").replace(
        "    - [OOH, out of hours]",
        "    - [OOH, out of hours, Out-of-Hours]\n    - [cql, '--']\n    - [lonely]",
    );
    hub.write("hub.yaml", &cfg);
    let ds = errors(&hub);
    let at = |needle: &str| {
        let d = find(&ds, "hub.yaml", needle);
        (d.line, d.column, d.help.clone().unwrap_or_default())
    };
    let (line, col, help) = at("`Out-of-Hours` says the same as `out of hours`");
    let want_line = cfg
        .lines()
        .position(|l| l.contains("Out-of-Hours"))
        .unwrap()
        + 1;
    assert_eq!((line, col), (want_line, 27));
    assert!(help.contains("merge the groups"), "{help}");
    let (line, col, _) = at("`cql` is already in group 1 (as `CQL`)");
    assert_eq!((line, col), (want_line + 1, 8));
    let (line, col, _) = at("`--` has no words to search for");
    assert_eq!((line, col), (want_line + 1, 13));
    let (line, _, help) = at("needs at least two ways of saying it");
    assert_eq!(line, want_line + 2);
    assert!(help.contains("[OOH, out of hours]"), "{help}");
}
