//! `ithub build` writes a tantivy index beside the content; `ithub search` queries it.

mod common;

use common::*;
use std::process::Command;

fn search(hub: &Hub, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ithub"))
        .arg("search")
        .args(args)
        .arg("--content")
        .arg(hub.content())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn search_finds_ranks_filters_and_highlights() {
    let hub = Hub::copy(FIXTURE);
    let (code, _, err) = search(&hub, &["diabetes"]);
    assert_eq!(code, 1);
    assert!(err.contains("run `ithub build` first"), "{err}");

    hub.build_ok();
    assert!(
        hub.dir.path().join("search-index/meta.json").is_file(),
        "tantivy index beside the content"
    );
    let (code, out, _) = search(&hub, &["diab", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(v["total"].as_u64(), Some(hits.len() as u64), "{out}");
    let urls: Vec<&str> = hits.iter().map(|h| h["url"].as_str().unwrap()).collect();
    // "diab" is a prefix. The basket topic has diabetes in its title and its short aim, so its
    // BM25 beats Alpha's (title and longer summary); Beta only mentions it in its topics.
    assert_eq!(
        urls[..2],
        ["baskets/topics/#diabetes", "case-studies/alpha/"],
        "{out}"
    );
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked: {scores:?}"
    );
    assert!(
        hits[0]["snippet"].as_str().unwrap().contains("<mark>"),
        "{out}"
    );

    let (_, out, _) = search(&hub, &["diab", "--kind", "basket-topic", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kinds: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["basket-topic"]);

    let (_, out, _) = search(&hub, &["frailty", "--board", "tayside", "--json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let (code, out, _) = search(&hub, &["diabetes", "--limit", "1"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("1. Diabetes (Topic basket) (basket-topic, score "),
        "{out}"
    );
    assert_eq!(lines[1].trim(), "baskets/topics/#diabetes");
    assert!(lines[2].contains("[diabetes]"), "{out}");
    assert!(!out.contains("2. "));
}

#[test]
fn a_misspelt_word_is_corrected_unless_asked_not_to() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let (code, out, _) = search(&hub, &["diabtes", "--limit", "1"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().next(),
        Some("Showing results for \"diabetes\"; search instead for \"diabtes\" with --verbatim"),
        "{out}"
    );
    assert!(out.contains("1. Diabetes"), "{out}");
    let (_, out, _) = search(&hub, &["diabtes", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["corrected"], "diabetes", "{out}");
    assert_eq!(v["corrections"][0]["typed"], "diabtes", "{out}");
    let (_, out, _) = search(&hub, &["diabtes", "--verbatim"]);
    assert_eq!(out.trim(), "no results for \"diabtes\"", "{out}");
}
