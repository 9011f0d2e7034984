//! The static search client ranks as tantivy does: the same queries through `ithub search`'s
//! engine (tantivy) and through the JavaScript client (under node) over the exported index.

use ithub::search::documents::SearchDoc;
use ithub::search::query::{ranked, raw_tokens, Request};
use std::path::Path;
use std::process::Command;

/// A small deterministic generator (xorshift), so the corpus is the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Words of the shipped hub, so the corpus reads like the real one (with its stemming cases).
fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for rel in ithub::load::walk(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"))) {
        let text = std::fs::read_to_string(
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")).join(rel),
        )
        .unwrap_or_default();
        words.extend(raw_tokens(&text));
    }
    words.sort();
    words.dedup();
    words.retain(|w| w.chars().all(|c| c.is_ascii_lowercase()) && w.len() > 2);
    words
}

fn corpus(n: usize, vocab: &[String], rng: &mut Rng) -> Vec<SearchDoc> {
    let boards = ["lothian", "tayside", "fife", "highland", "grampian"];
    let kinds = [
        "case-study",
        "resource",
        "pack-section",
        "basket-topic",
        "page",
    ];
    let topics = ["diabetes", "frailty", "mental-health", "prescribing-safety"];
    // Zipf-ish: early vocabulary words are far more common, as in real text.
    let text = |min: u64, max: u64, rng: &mut Rng| -> String {
        let len = min + rng.below(max - min + 1);
        (0..len)
            .map(|_| {
                let r = rng.below(1000) as f64 / 1000.0;
                let i = ((r * r * r) * vocab.len() as f64) as usize;
                vocab[i.min(vocab.len() - 1)].clone()
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut docs: Vec<SearchDoc> = (0..n)
        .map(|i| SearchDoc {
            key: format!("doc-{i:05}/"),
            kind: rng.pick::<&str>(&kinds),
            title: text(2, 8, rng),
            summary: text(8, 30, rng),
            body: text(40, 400, rng),
            url: format!("doc-{i:05}/"),
            date: None,
            board: vec![rng.pick(&boards).to_string()],
            zone: vec![],
            component: vec![],
            topic: vec![rng.pick(&topics).to_string()],
        })
        .collect();
    docs.sort_by(|a, b| a.key.cmp(&b.key));
    docs
}

fn queries(vocab_in_corpus: &[String], rng: &mut Rng, n: usize) -> Vec<Request> {
    let facets = [
        ("board", "lothian"),
        ("kind", "case-study"),
        ("topic", "diabetes"),
        ("board", "fife"),
    ];
    (0..n)
        .map(|i| {
            let words = 1 + rng.below(3) as usize;
            let mut ws: Vec<String> = (0..words)
                .map(|_| rng.pick(vocab_in_corpus).clone())
                .collect();
            // Half the queries end mid-word, as someone typing would.
            let text = if i % 2 == 0 {
                let last = ws.pop().unwrap_or_default();
                let cut = 2 + rng.below(last.len().saturating_sub(1).max(1) as u64) as usize;
                ws.push(last[..cut.min(last.len())].to_string());
                ws.join(" ")
            } else {
                ws.join(" ") + " "
            };
            let filters = if i % 3 == 0 {
                vec![{
                    let (f, v) = *rng.pick(&facets);
                    (f.to_string(), v.to_string())
                }]
            } else {
                vec![]
            };
            Request {
                text,
                filters,
                limit: 10,
            }
        })
        .collect()
}

#[test]
fn client_ranks_as_tantivy_does() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let vocab = vocabulary();
    assert!(
        vocab.len() > 500,
        "vocabulary from content/: {}",
        vocab.len()
    );
    let docs = corpus(3000, &vocab, &mut rng);
    let index = ithub::search::index::in_ram(&docs).unwrap();
    let names = ithub::search::documents::FacetNames::new();
    // Fieldnorms in three files, so the client's lookup across files is exercised too.
    let layout = ithub::search::export::Layout {
        norm_chunk: 1000,
        ..Default::default()
    };
    let export = ithub::search::export::export_with(&index, &docs, &names, layout).unwrap();
    assert!(export.files.iter().any(|(p, _)| p.ends_with("/n2.bin")));
    let dir = tempfile::tempdir().unwrap();
    for (p, bytes) in &export.files {
        let name = p.rsplit('/').next().unwrap();
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    // Query words drawn from the index's own text.
    let mut used: Vec<String> = docs.iter().flat_map(|d| raw_tokens(&d.title)).collect();
    used.sort();
    used.dedup();
    let qs = queries(&used, &mut rng, 240);
    let qfile = dir.path().join("queries.json");
    let qjson: Vec<serde_json::Value> = qs
        .iter()
        .map(|q| serde_json::json!({"text": q.text, "filters": q.filters}))
        .collect();
    std::fs::write(&qfile, serde_json::to_string(&qjson).unwrap()).unwrap();

    let out = Command::new("node")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/search_parity.js"
        ))
        .arg(dir.path())
        .arg(&qfile)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(js.len(), qs.len());

    let (mut overlap_sum, mut top_same, mut with_results, mut same_terms) = (0.0, 0, 0, 0);
    let mut worst: Vec<String> = Vec::new();
    for (q, j) in qs.iter().zip(&js) {
        let (rust, terms) = ranked(&index, q).unwrap();
        let rust_top: Vec<u32> = rust
            .iter()
            .take(10)
            .map(|(_, d, _)| ithub::search::index::position_of(*d))
            .collect();
        let js_top: Vec<u32> = j["top"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x[0].as_u64().unwrap() as u32)
            .collect();
        let js_terms: Vec<String> = j["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect();
        if js_terms == terms {
            same_terms += 1;
        }
        assert_eq!(
            j["total"].as_u64().unwrap() as usize,
            rust.len(),
            "match count for {:?}: terms rust {terms:?} js {js_terms:?}",
            q.text
        );
        if rust_top.is_empty() {
            overlap_sum += if js_top.is_empty() { 1.0 } else { 0.0 };
            top_same += usize::from(js_top.is_empty());
            continue;
        }
        with_results += 1;
        let common = rust_top.iter().filter(|d| js_top.contains(d)).count();
        overlap_sum += common as f64 / rust_top.len() as f64;
        if rust_top.first() == js_top.first() {
            top_same += 1;
        } else {
            worst.push(format!(
                "{:?}: rust {:?} js {:?}",
                q.text,
                &rust[..rust.len().min(3)],
                &j["top"].as_array().unwrap()[..js_top.len().min(3)]
            ));
        }
        // Scores agree to single precision.
        for ((rs, rd, _), jx) in rust.iter().zip(j["top"].as_array().unwrap()) {
            if ithub::search::index::position_of(*rd) == jx[0].as_u64().unwrap() as u32 {
                let js_score = jx[1].as_f64().unwrap();
                assert!(
                    (f64::from(*rs) - js_score).abs() <= 1e-4 * f64::from(*rs).max(1.0),
                    "score of doc {rd} for {:?}: rust {rs} js {js_score}",
                    q.text
                );
            }
        }
    }
    let n = qs.len() as f64;
    let overlap = overlap_sum / n;
    let top1 = top_same as f64 / n;
    println!("parity over {} queries ({with_results} with results): mean top-10 overlap {overlap:.4}, top result identical {:.2}%, identical terms {same_terms}", qs.len(), top1 * 100.0);
    assert!(
        with_results >= 200,
        "only {with_results} queries had results"
    );
    assert_eq!(same_terms, qs.len(), "query analysis differs");
    assert!(overlap >= 0.95, "mean overlap {overlap}");
    assert!(top1 >= 0.98, "top-1 agreement {top1}: {worst:#?}");
}
