//! One run reports every finding of a file: a front-matter error never hides the body's
//! problems, and nothing at all hides the personal-data guard.

mod common;

use common::{Hub, FIXTURE};
use serde_json::Value;
use std::process::Command;

/// A CHI-shaped number with a valid modulus-11 check digit (1 Jan 1990, serial 123), worked
/// out by hand: 0·10+1·9+0·8+1·7+9·6+0·5+1·4+2·3+3·2 = 86, 86 mod 11 = 9, 11 − 9 = 2.
const CHI: &str = "0101901232";

fn ithub(hub: &Hub, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ithub"))
        .current_dir(hub.dir.path())
        .args(args)
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap()
}

/// `ithub check --format json`: its exit code and findings as (file, line, severity, message).
fn findings(hub: &Hub) -> (i32, Vec<(String, u64, String, String)>) {
    let out = ithub(hub, &["check", "--content", "content", "--format", "json"]);
    let v = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| {
            (
                v["file"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap(),
                v["severity"].as_str().unwrap().to_string(),
                v["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap_or(-1), v)
}

fn on(all: &[(String, u64, String, String)], file: &str) -> Vec<(u64, String)> {
    all.iter()
        .filter(|f| f.0.ends_with(file))
        .map(|f| (f.1, f.3.clone()))
        .collect()
}

#[test]
fn a_front_matter_typo_does_not_hide_a_chi_number_or_a_dead_link() {
    let hub = Hub::copy(FIXTURE);
    let rel = "case-studies/alpha.md";
    hub.edit(rel, "board: lothian", "bord: lothian");
    let text = std::fs::read_to_string(hub.content().join(rel)).unwrap();
    let body_line = text.lines().count() + 1;
    hub.write(
        rel,
        &format!(
            "{text}\nPatient {CHI} was seen.\n\nSee [the report](../pages/no-such-page.md).\n"
        ),
    );
    let (code, all) = findings(&hub);
    assert_eq!(code, 1);
    let here = on(&all, rel);
    let messages: Vec<&str> = here.iter().map(|f| f.1.as_str()).collect();
    let typo = here
        .iter()
        .find(|f| f.1.contains("bord"))
        .unwrap_or_else(|| panic!("no front-matter error: {messages:?}"));
    assert_eq!(typo.0, 5, "{messages:?}");
    let chi = here
        .iter()
        .find(|f| f.1.contains("CHI number"))
        .unwrap_or_else(|| panic!("the CHI number was not reported: {messages:?}"));
    assert_eq!(chi.0 as usize, body_line + 1);
    assert!(
        !chi.1.contains(CHI),
        "messages must not repeat the number: {}",
        chi.1
    );
    let dead = here
        .iter()
        .find(|f| f.1.contains("no-such-page"))
        .unwrap_or_else(|| panic!("the dead link was not reported: {messages:?}"));
    assert_eq!(dead.0 as usize, body_line + 3);

    // The build reports the same three and publishes nothing.
    let out = ithub(
        &hub,
        &["build", "--content", "content", "--output", "public"],
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for m in ["bord", "CHI number", "no-such-page"] {
        assert!(stderr.contains(m), "build did not report `{m}`: {stderr}");
    }
    assert!(!hub.dir.path().join("public").exists());
}

#[test]
fn broken_yaml_and_a_bad_file_name_do_not_hide_a_chi_number() {
    let hub = Hub::copy(FIXTURE);
    hub.write(
        "case-studies/Broken Name.md",
        &format!("---\ntitle: x\n---\nPatient {CHI}.\n"),
    );
    hub.write(
        "pages/unclosed.md",
        &format!("---\ntitle: [unclosed\n---\nCall about {CHI}.\n"),
    );
    hub.write(
        "pages/no-front-matter.md",
        &format!("Just text and {CHI}.\n"),
    );
    let (code, all) = findings(&hub);
    assert_eq!(code, 1);
    for (file, line) in [
        ("case-studies/Broken Name.md", 4),
        ("pages/unclosed.md", 4),
        ("pages/no-front-matter.md", 1),
    ] {
        let here = on(&all, file);
        assert!(
            here.iter()
                .any(|f| f.0 == line && f.1.contains("CHI number")),
            "{file}: {here:?}"
        );
        assert!(here.len() >= 2, "{file} has its other error too: {here:?}");
    }
}

#[test]
fn the_contact_field_of_a_case_study_with_broken_front_matter_is_still_allowed() {
    let hub = Hub::copy(FIXTURE);
    let rel = "case-studies/alpha.md";
    hub.edit(
        rel,
        "owner: Test team",
        "owner: Test team\ncontact: Ann, ann@example.org, 0131 496 0000",
    );
    hub.edit(rel, "board: lothian", "bord: lothian");
    let (_, all) = findings(&hub);
    let here = on(&all, rel);
    assert!(
        here.iter()
            .all(|f| !f.1.contains("email") && !f.1.contains("phone")),
        "{here:?}"
    );
    assert!(here.iter().any(|f| f.1.contains("bord")), "{here:?}");
}

/// serde stops at the first field it cannot read; the loader gives that field a stand-in and
/// reads on, so a bad date, a list where text belongs and a misspelt outcome kind are all
/// reported together with the vocabulary errors of the fields that did parse, each on its own
/// line, and nothing about the stand-ins themselves.
#[test]
fn every_bad_field_of_one_file_is_reported_in_the_same_run() {
    let hub = Hub::copy(FIXTURE);
    let rel = "case-studies/alpha.md";
    hub.edit(rel, "published: 2022-03-01", "published: 2022-02-30");
    hub.edit(rel, "cluster: Alpha cluster", "cluster: [Alpha, cluster]");
    hub.edit(rel, "    kind: change", "    kind: chnage");
    hub.edit(rel, "board: lothian", "board: lothain");
    hub.edit(rel, "topics: [diabetes]", "topics: [diabetis]");
    let text = std::fs::read_to_string(hub.content().join(rel)).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let (code, all) = findings(&hub);
    assert_eq!(code, 1);
    let here = on(&all, rel);
    for (needle, says) in [
        ("published:", "invalid date"),
        ("cluster:", "invalid type"),
        ("kind: chnage", "unknown variant"),
        ("board:", "`lothain` is not a board"),
        ("topics:", "`diabetis`"),
    ] {
        let line = line_of(needle);
        assert!(
            here.iter().any(|f| f.0 == line && f.1.contains(says)),
            "no `{says}` on line {line}: {here:#?}"
        );
    }
    assert_eq!(
        here.len(),
        5,
        "one finding per mistake, none about stand-ins: {here:#?}"
    );
}
