//! `ithub diff` on two real builds: a removed page, an added one, a changed one, and none of
//! the untouched pages, even though the two builds are published under different addresses.

mod common;

use common::*;
use std::process::Command;

fn build_at(hub: &Hub, out: &std::path::Path, base_url: &str) {
    let mut o = hub.options();
    o.output = out.to_path_buf();
    o.base_url = Some(base_url.into());
    let r = ithub::build::build(&o, &|_| {}, &|| {});
    assert!(r.ok(), "{:#?}", r.diagnostics);
}

fn diff(old: &std::path::Path, new: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ithub"))
        .arg("diff")
        .arg(old)
        .arg(new)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn paths(v: &serde_json::Value, list: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn lists_added_changed_and_removed_pages_between_two_builds() {
    let hub = Hub::copy(FIXTURE);
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    build_at(&hub, &old, "https://example.org/hub/");

    hub.write(
        "pages/contact.md",
        "---\ntitle: Contact [us]\nsummary: Who to ask.\n---\nAsk the team.\n",
    );
    hub.edit("pages/about.md", "About text.", "About text, now longer.");
    std::fs::remove_file(hub.content().join("case-studies/gamma.md")).unwrap();
    build_at(&hub, &new, "https://example.org/hub/pr-12/");

    let (ok, json, err) = diff(&old, &new, &["--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(paths(&v, "added"), ["contact/"]);
    // about/ was edited; gamma's zone listed it and beta showed it as related, so their
    // <main> changed too. The other zones, case studies and pages did not.
    assert_eq!(
        paths(&v, "changed"),
        ["about/", "case-studies/beta/", "zones/facilitation/"]
    );
    assert_eq!(paths(&v, "removed"), ["case-studies/gamma/"]);
    assert_eq!(v["added"][0]["file"], "pages/contact.md");
    assert!(
        v["added"][0].get("url").is_none(),
        "no --base-url, no links"
    );

    let (ok, md, err) = diff(
        &old,
        &new,
        &["--base-url", "https://example.org/hub/pr-12/"],
    );
    assert!(ok, "{err}");
    assert!(
        md.contains(
            "- [Contact \\[us\\]](<https://example.org/hub/pr-12/contact/>) — `pages/contact.md`"
        ),
        "{md}"
    );
    assert!(
        md.contains("[About](<https://example.org/hub/pr-12/about/>)"),
        "{md}"
    );
    assert!(md.contains("**Removed** (1)"), "{md}");
    assert!(
        !md.contains("pr-12/case-studies/gamma/"),
        "removed pages have no preview: {md}"
    );

    // The same content under two addresses is no change at all.
    let again = dir.path().join("again");
    build_at(&hub, &again, "https://example.org/elsewhere/");
    let (ok, json, _) = diff(&new, &again, &["--format", "json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for list in ["added", "changed", "removed"] {
        assert!(paths(&v, list).is_empty(), "{list}: {json}");
    }
}

#[test]
fn a_folder_that_is_not_a_build_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = diff(dir.path(), dir.path(), &[]);
    assert!(!ok);
    assert!(out.is_empty());
    assert!(err.contains("api/pages.json"), "{err}");
    assert!(err.contains("help:"), "{err}");
}
