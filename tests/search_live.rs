//! `serve`'s search: documents replaced, added and removed in place must leave the static
//! export byte-for-byte what a fresh index of the same documents exports, and tantivy must
//! rank the live index as it ranks a fresh one.

mod common;

use common::Rng;
use ithub::search::documents::SearchDoc;
use ithub::search::live::LiveSearch;
use ithub::search::query::{ranked_by, Request};

const WORDS: [&str; 16] = [
    "audit",
    "prescribing",
    "diabetes",
    "cluster",
    "practice",
    "leadership",
    "data",
    "frailty",
    "polypharmacy",
    "review",
    "asthma",
    "referral",
    "quality",
    "improvement",
    "measure",
    "nurse",
];
const BOARDS: [&str; 3] = ["fife", "lothian", "tayside"];
const ZONES: [&str; 3] = ["data", "leadership", "quality-improvement"];

fn text(rng: &mut Rng, least: usize, spread: usize) -> String {
    let words = least + rng.below(spread);
    (0..words)
        .map(|_| WORDS[rng.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

fn doc(rng: &mut Rng, key: usize) -> SearchDoc {
    let url = format!("case-studies/item-{key:04}/");
    // A word of its own, gone from the index when the document is; then up to two headed
    // sections, whose masks the export patches in place too.
    let mut body = format!("tag{key:04} {}", text(rng, 5, 60));
    let mut at = Vec::new();
    for s in 0..rng.below(3) {
        body.push('\n');
        at.push((format!("part-{s}"), text(rng, 1, 2), body.len()));
        body.push_str(&at[s].1);
        body.push('\n');
        body.push_str(&text(rng, 3, 30));
    }
    let headings: Vec<ithub::search::sections::HeadingAt> = at
        .iter()
        .map(
            |(anchor, text, offset)| ithub::search::sections::HeadingAt {
                anchor,
                text,
                offset: *offset,
            },
        )
        .collect();
    let sections = ithub::search::sections::resolve(&body, &headings);
    SearchDoc {
        key: url.clone(),
        kind: "case-study",
        title: text(rng, 1, 4),
        summary: text(rng, 3, 8),
        body,
        url,
        date: Some("2024-01-01".into()),
        board: vec![BOARDS[rng.below(3)].to_string()],
        zone: {
            let n = 1 + rng.below(2);
            (0..n).map(|_| ZONES[rng.below(3)].to_string()).collect()
        },
        component: Vec::new(),
        topic: Vec::new(),
        sections,
    }
}

/// Synonyms, so that the payload `serve`'s commits write is checked to carry them too.
fn synonyms() -> ithub::search::synonyms::Synonyms {
    ithub::search::synonyms::Synonyms::new(&[vec!["ooh".into(), "nurse led".into()]])
}

/// Every match of each query in rank order: (key, score).
fn matches(index: &tantivy::Index) -> Vec<Vec<(String, f32)>> {
    let searcher = index.reader().unwrap().searcher();
    let key = index.schema().get_field("key").unwrap();
    [
        "audit",
        "diabetes prescribing",
        "cluster quality",
        "nurse",
        "tag00",
        "ooh",
        "\"cluster quality\"",
    ]
    .iter()
    .map(|q| {
        let req = Request {
            text: q.to_string(),
            filters: Vec::new(),
            limit: 10,
            ..Default::default()
        };
        // Ranked by the searcher that reads the keys: the live index merges segments in the
        // background, and an address is only good in the searcher that found it.
        ranked_by(&searcher, index, &req)
            .unwrap()
            .matches
            .iter()
            .map(|(score, _, address)| {
                let d: tantivy::TantivyDocument = searcher.doc(*address).unwrap();
                use tantivy::schema::Value;
                let k = d.get_first(key).and_then(|v| v.as_str()).unwrap();
                (k.to_string(), *score)
            })
            .collect()
    })
    .collect()
}

#[test]
fn adds_removals_and_changes_match_a_fresh_index() {
    for seed in [7u64, 1234, 99_991] {
        let mut rng = Rng(seed);
        let mut docs: Vec<SearchDoc> = (0..40).map(|k| doc(&mut rng, k * 2)).collect();
        let (mut live, _) = LiveSearch::new(docs.clone(), &synonyms()).unwrap();
        for step in 0..25 {
            let mut changed = Vec::new();
            let mut removed = Vec::new();
            match rng.below(3) {
                0 => {
                    // A new key, often between two existing ones.
                    let key = rng.below(100);
                    let d = doc(&mut rng, key);
                    if docs.iter().all(|o| o.key != d.key) {
                        changed.push(d);
                    }
                }
                1 if docs.len() > 5 => {
                    removed.push(docs[rng.below(docs.len())].key.clone());
                }
                _ => {
                    let at = rng.below(docs.len());
                    let k = docs[at].key.clone();
                    let mut d = doc(&mut rng, 0);
                    d.key = k.clone();
                    d.url = k;
                    changed.push(d);
                }
            }
            for d in &changed {
                match docs.binary_search_by(|o| o.key.cmp(&d.key)) {
                    Ok(at) => docs[at] = d.clone(),
                    Err(at) => docs.insert(at, d.clone()),
                }
            }
            docs.retain(|d| !removed.contains(&d.key));

            let got = live.update(&changed, &removed).unwrap();
            let (fresh, want) = LiveSearch::new(docs.clone(), &synonyms()).unwrap();
            assert_eq!(got.files.len(), want.files.len(), "seed {seed} step {step}");
            for ((gp, gb), (wp, wb)) in got.files.iter().zip(&want.files) {
                assert_eq!(gp, wp);
                assert!(gb == wb, "seed {seed} step {step}: {gp} differs");
            }
            // The live index has been merged and scores with the exact token totals of its
            // commit payload, so it must rank exactly as a fresh one.
            assert_eq!(
                matches(live.index()),
                matches(fresh.index()),
                "seed {seed} step {step}: tantivy ranks the live index differently"
            );
        }
    }
}
