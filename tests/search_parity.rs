//! The static search client ranks as tantivy does: the same queries through `ithub search`'s
//! engine (tantivy) and through the JavaScript client (under node) over the exported index.

mod common;

use ithub::search::documents::SearchDoc;
use ithub::search::query::{ranked, raw_tokens, run, Request};
use ithub::search::sections::{resolve, HeadingAt};
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
            body: String::new(),
            url: format!("doc-{i:05}/"),
            date: None,
            board: vec![rng.pick(&boards).to_string()],
            zone: vec![],
            component: vec![],
            topic: vec![rng.pick(&topics).to_string()],
            sections: Vec::new(),
        })
        .collect();
    // Bodies of a lead and up to five headed sections, as Markdown bodies render to text.
    for d in &mut docs {
        let mut body = text(10, 80, rng);
        let mut headings = Vec::new();
        for s in 0..rng.below(6) {
            body.push('\n');
            let heading = text(1, 4, rng);
            headings.push((format!("section-{s}"), heading.clone(), body.len()));
            body.push_str(&heading);
            body.push('\n');
            body.push_str(&text(10, 120, rng));
        }
        let at: Vec<HeadingAt> = headings
            .iter()
            .map(|(anchor, text, offset)| HeadingAt {
                anchor,
                text,
                offset: *offset,
            })
            .collect();
        d.sections = resolve(&body, &at);
        d.body = body;
    }
    docs.sort_by(|a, b| a.key.cmp(&b.key));
    docs
}

/// The query classes the client must rank as tantivy does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Plain,
    /// One of the hub's commonest words alone, which a common word's head ranks.
    Common,
    Prefix,
    /// The beginning of one of the commonest words, typed alone: a search the export ranks
    /// ahead of time when it looks for a common word and more.
    Typing,
    Phrase,
    Fuzzy,
    Synonym,
    Filtered,
    /// Words, quotes, punctuation and other scripts thrown together, as a slip of the fingers
    /// or a paste might: both sides must read them the same.
    Noise,
}

/// A word with one random edit (delete, insert, substitute, or swap two neighbours).
fn typo(word: &str, rng: &mut Rng) -> String {
    let mut c: Vec<char> = word.chars().collect();
    let i = rng.below(c.len() as u64 - 1) as usize;
    match rng.below(4) {
        0 => {
            c.remove(i);
        }
        1 => c.insert(i, (b'a' + rng.below(26) as u8) as char),
        2 => c[i] = (b'a' + rng.below(26) as u8) as char,
        _ => c.swap(i, i + 1),
    }
    c.into_iter().collect()
}

fn queries(
    docs: &[SearchDoc],
    words: &[String],
    synonyms: &[Vec<String>],
    rng: &mut Rng,
    per_class: usize,
) -> Vec<(Class, Request)> {
    let facets = [
        ("board", "lothian"),
        ("kind", "case-study"),
        ("topic", "diabetes"),
        ("board", "fife"),
    ];
    let some_words = |n: usize, rng: &mut Rng| -> Vec<String> {
        (0..n).map(|_| rng.pick(words).clone()).collect()
    };
    // The words most documents hold.
    let mut held: std::collections::BTreeMap<String, usize> = Default::default();
    for d in docs {
        let mut seen: Vec<String> = raw_tokens(&format!("{} {} {}", d.title, d.summary, d.body));
        seen.sort();
        seen.dedup();
        for w in seen {
            *held.entry(w).or_default() += 1;
        }
    }
    let mut common: Vec<(usize, String)> = held.into_iter().map(|(w, n)| (n, w)).collect();
    common.sort_by(|a, b| b.cmp(a));
    let common: Vec<String> = common.into_iter().take(40).map(|(_, w)| w).collect();
    let mut out = Vec::new();
    for i in 0..per_class {
        let req = |text: String| Request {
            text,
            limit: 10,
            ..Default::default()
        };
        let n = 1 + rng.below(3) as usize;
        out.push((Class::Plain, req(some_words(n, rng).join(" ") + " ")));
        // As typed and sent, the word is also a prefix; with a space after it, it is not.
        let word = rng.pick(&common);
        let text = if i % 2 == 0 {
            format!("{word} ")
        } else {
            word.clone()
        };
        out.push((Class::Common, req(text)));
        let word = rng.pick(&common);
        let cut = 2 + rng.below(word.len().saturating_sub(1).max(1) as u64) as usize;
        out.push((Class::Typing, req(word[..cut.min(word.len())].to_string())));
        let mut ws = some_words(n, rng);
        let last = ws.pop().unwrap_or_default();
        let cut = 2 + rng.below(last.len().saturating_sub(1).max(1) as u64) as usize;
        ws.push(last[..cut.min(last.len())].to_string());
        out.push((Class::Prefix, req(ws.join(" "))));
        // Two or three words that stand together in some document, maybe with another word.
        let body = raw_tokens(&rng.pick(docs).body);
        let len = 2 + rng.below(2) as usize;
        let at = rng.below((body.len() - len) as u64) as usize;
        let phrase = format!("\"{}\"", body[at..at + len].join(" "));
        let text = match i % 3 {
            0 => phrase,
            1 => format!("{phrase} {} ", rng.pick(words)),
            _ => format!("{} {phrase}", rng.pick(words)),
        };
        out.push((Class::Phrase, req(text)));
        let long: Vec<&String> = words.iter().filter(|w| w.len() >= 5).collect();
        let w = rng.pick(&long);
        let text = if i % 2 == 0 {
            format!("{} ", typo(w, rng))
        } else {
            format!("{} {} ", rng.pick(words), typo(w, rng))
        };
        out.push((Class::Fuzzy, req(text)));
        let group = rng.pick(synonyms);
        let text = match i % 3 {
            0 => rng.pick(group).clone(),
            1 => format!("{} ", rng.pick(group)),
            _ => format!("{} {}", rng.pick(words), rng.pick(group)),
        };
        out.push((Class::Synonym, req(text)));
        let (f, v) = *rng.pick(&facets);
        let mut r = req(some_words(n, rng).join(" "));
        r.filters = vec![(f.to_string(), v.to_string())];
        out.push((Class::Filtered, r));
        let bits = [
            "\"",
            "\"",
            " ",
            "  ",
            "-",
            "'",
            ",",
            "é",
            "ΣΑΣ",
            "糖尿病",
            "x".repeat(41).leak(),
            "ooh",
            "zq0x",
        ];
        let noise: String = (0..2 + rng.below(8))
            .map(|_| {
                if rng.below(2) == 0 {
                    rng.pick(words).clone()
                } else {
                    rng.pick(&bits).to_string()
                }
            })
            .collect();
        let mut r = req(noise);
        r.verbatim = i % 5 == 0;
        out.push((Class::Noise, r));
    }
    out
}

/// A JSON list of strings, as the client gave it.
fn strings(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
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
    // Synonym groups as a hub declares them: an acronym-like word and a phrase of real words.
    let synonym_groups: Vec<Vec<String>> = (0..20)
        .map(|i| {
            let phrase = format!("{} {}", rng.pick(&vocab), rng.pick(&vocab));
            vec![format!("zq{i}x"), phrase, rng.pick(&vocab).clone()]
        })
        .collect();
    let synonyms = ithub::search::synonyms::Synonyms::new(&synonym_groups);
    let index = ithub::search::index::in_ram(&docs, &synonyms).unwrap();
    // Each field's fieldnorms in three files, so the client's lookup across files is exercised.
    let layout = ithub::search::export::Layout { norm_chunk: 1000 };
    let export = ithub::search::export::export_with(&index, &docs, layout).unwrap();
    assert!(export.files.iter().any(|(p, _)| p.ends_with("/nb2.bin")));
    let dir = tempfile::tempdir().unwrap();
    for (p, bytes) in &export.files {
        let name = p.rsplit('/').next().unwrap();
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    // Query words drawn from the index's own text.
    let mut used: Vec<String> = docs.iter().flat_map(|d| raw_tokens(&d.title)).collect();
    used.sort();
    used.dedup();
    let qs = queries(&docs, &used, &synonym_groups, &mut rng, 60);
    let qfile = dir.path().join("queries.json");
    let qjson: Vec<serde_json::Value> = qs
        .iter()
        .map(|(_, q)| serde_json::json!({"text": q.text, "filters": q.filters, "verbatim": q.verbatim}))
        .collect();
    std::fs::write(&qfile, serde_json::to_string(&qjson).unwrap()).unwrap();

    let scripts = common::shipped_search_scripts();
    let out = Command::new("node")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/search_parity.js"
        ))
        .arg(dir.path())
        .arg(&qfile)
        .arg(scripts.path())
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(js.len(), qs.len());

    // Every word of the hub with its stem, as tantivy's analyser gives it.
    let mut en_stem = tantivy::tokenizer::TokenizerManager::default()
        .get("en_stem")
        .unwrap();
    let mut stem = |w: &str| {
        let mut s = en_stem.token_stream(w);
        assert!(s.advance());
        s.token().text.clone()
    };
    let hub_words: std::collections::BTreeMap<String, String> = docs
        .iter()
        .flat_map(|d| {
            raw_tokens(&d.title)
                .into_iter()
                .chain(raw_tokens(&d.summary))
                .chain(raw_tokens(&d.body))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|w| {
            let s = stem(&w);
            (w, s)
        })
        .collect();

    // Per class: queries, with results, with a phrase clause, corrected, with a synonym's clause.
    let mut seen: std::collections::BTreeMap<Class, [usize; 3]> = Default::default();
    let (mut subs, mut shown) = (0, 0);
    let searcher = index.reader().unwrap().searcher();
    let mut stemmed = [0usize; 2];
    let mut fuzzy = 0;
    let mut from_heads = 0;
    let mut from_prefix_heads = 0;
    let mut phrases = 0;
    for ((class, q), j) in qs.iter().zip(&js) {
        let r = ranked(&index, q).unwrap();
        let what = format!("{class:?} query {:?}", q.text);
        // The stemmer is fetched just when a word of the query is not one of the hub's, and
        // the corrector for every correction (and, once in a while, a word the hub holds
        // once that it keeps).
        let loaded = strings(&j["loaded"]);
        let strange = raw_tokens(&q.text)
            .iter()
            .any(|w| !hub_words.contains_key(w));
        // A word being typed alone that the export ranked ahead of time needs no stem.
        let prefix_head = j["prefixHead"].as_bool() == Some(true);
        assert_eq!(
            loaded.contains(&"stem"),
            strange && !prefix_head,
            "whether {what} fetched the stemmer ({loaded:?})"
        );
        if r.corrected.is_some() {
            assert!(loaded.contains(&"fuzzy"), "{what} fetched the corrector");
        }
        let held_once = raw_tokens(&q.text).iter().any(|w| {
            hub_words.get(w).is_some_and(|stem| {
                let held: u64 = ["title", "summary", "body"]
                    .iter()
                    .map(|f| {
                        let field = index.schema().get_field(f).unwrap();
                        let term = tantivy::Term::from_field_text(field, stem);
                        searcher.doc_freq(&term).unwrap()
                    })
                    .sum();
                held <= 1
            })
        });
        assert!(
            strange || held_once || !loaded.contains(&"fuzzy"),
            "{what}: the hub's words, each in more than one document, fetched the corrector"
        );
        fuzzy += usize::from(loaded.contains(&"fuzzy"));
        let phrase = r
            .clauses
            .iter()
            .any(|c| matches!(c, ithub::search::query::Clause::Phrase(_)));
        assert!(
            phrase || !loaded.contains(&"phrase"),
            "{what} has no phrase but fetched the phrase matcher"
        );
        phrases += usize::from(loaded.contains(&"phrase"));
        // A query of one common word alone is ranked from its head, not its postings: the
        // top 10 and scores above are the same, and it fetched no shard of postings for it.
        if j["head"].as_bool() == Some(true) {
            from_heads += 1;
            assert_eq!(r.clauses.len(), 1, "{what} has one clause");
            assert!(q.filters.is_empty(), "{what} has no filter");
        }
        // A search for one word being typed, ranked by the export: the same top 10, scores,
        // count and sub-results as tantivy's (below), from a prefix head, without any term
        // shard, the documents' lengths, positions or section masks.
        if prefix_head {
            from_prefix_heads += 1;
            assert!(
                r.clauses.len() >= 2,
                "{what} searches for more than one term"
            );
            assert!(q.filters.is_empty(), "{what} has no filter");
            assert_eq!(raw_tokens(&q.text).len(), 1, "{what} is one word");
            let files = strings(&j["files"]);
            let kinds = |k: &[char]| {
                files
                    .iter()
                    .filter(|f| {
                        let mut c = f.chars();
                        c.next().is_some_and(|c| k.contains(&c))
                            && c.next()
                                .is_some_and(|c| c.is_ascii_digit() || "tsb".contains(c))
                    })
                    .count()
            };
            assert_eq!(kinds(&['t', 'n', 'p', 'm']), 0, "{what} fetched {files:?}");
        }
        stemmed[usize::from(strange)] += 1;
        // A result marks the hub's words whose stems the query searched for.
        let terms: std::collections::BTreeSet<String> = r
            .clauses
            .iter()
            .flat_map(|c| match c {
                ithub::search::query::Clause::Term(t) => vec![t.clone()],
                ithub::search::query::Clause::Phrase(p) => {
                    p.iter().map(|(_, t)| t.clone()).collect()
                }
            })
            .collect();
        let want_marked: Vec<&String> = hub_words
            .iter()
            .filter(|(_, s)| terms.contains(*s))
            .map(|(w, _)| w)
            .collect();
        assert_eq!(strings(&j["marked"]), want_marked, "the words {what} marks");
        assert_eq!(
            serde_json::to_value(&r.clauses).unwrap(),
            j["clauses"],
            "clauses of {what}"
        );
        assert_eq!(
            serde_json::to_value(&r.corrected).unwrap(),
            j["corrected"],
            "correction of {what}"
        );
        assert_eq!(
            j["total"].as_u64().unwrap() as usize,
            r.matches.len(),
            "match count of {what}"
        );
        // Scores as f32, which both sides compute in: serde_json may read the JSON number one
        // f64 step off, which never moves it to another f32.
        let rust_top: Vec<(u32, f32)> = r
            .matches
            .iter()
            .take(10)
            .map(|(s, ord, _)| (ithub::search::index::position_of(*ord), *s))
            .collect();
        let js_top: Vec<(u32, f32)> = j["top"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| (x[0].as_u64().unwrap() as u32, x[1].as_f64().unwrap() as f32))
            .collect();
        assert_eq!(rust_top, js_top, "top 10 and scores of {what}");
        // Sub-results: the same heading for every hit shown.
        let hits = run(&index, q).unwrap().hits;
        let rust_subs: Vec<Option<String>> = hits
            .iter()
            .map(|h| h.section.as_ref().map(|s| s.url.clone()))
            .collect();
        let js_subs: Vec<Option<String>> = j["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().map(String::from))
            .collect();
        assert_eq!(rust_subs, js_subs, "sub-results of {what}");
        subs += rust_subs.iter().filter(|s| s.is_some()).count();
        shown += rust_subs.len();
        let s = seen.entry(*class).or_default();
        s[0] += 1;
        s[1] += usize::from(!r.matches.is_empty());
        s[2] += usize::from(r.corrected.is_some())
            + usize::from(
                r.clauses
                    .iter()
                    .any(|c| matches!(c, ithub::search::query::Clause::Phrase(_))),
            );
    }
    println!("parity per class (queries, with results, corrected or with a phrase): {seen:?}");
    println!("sub-results: {subs} of {shown} hits shown");
    println!(
        "queries of the hub's words alone, without the stemmer: {}; with another word: {}; \
         fetching the corrector: {fuzzy}",
        stemmed[0], stemmed[1]
    );
    assert!(
        stemmed[0] * 4 >= qs.len() && stemmed[1] * 4 >= qs.len(),
        "both kinds are exercised: {stemmed:?}"
    );
    println!("queries ranked from a common word's head: {from_heads}; fetching the phrase matcher: {phrases}");
    assert!(
        phrases >= 30,
        "phrases fetched the phrase matcher: {phrases}"
    );
    assert!(from_heads >= 10, "heads are exercised: {from_heads}");
    println!("searches for a word being typed ranked from a prefix head: {from_prefix_heads}");
    assert!(
        from_prefix_heads >= 10,
        "prefix heads are exercised: {from_prefix_heads}"
    );
    assert!(
        subs * 4 >= shown,
        "only {subs} of {shown} hits had a sub-result"
    );
    for (class, [n, with_results, special]) in &seen {
        // Noise mostly runs words together into ones the hub does not hold.
        let share = if *class == Class::Noise { 1 } else { 7 };
        assert!(
            *with_results * 10 >= *n * share,
            "{class:?}: only {with_results} of {n} found anything"
        );
        if matches!(class, Class::Phrase | Class::Fuzzy) {
            assert!(
                *special * 10 >= *n * 7,
                "{class:?}: only {special} of {n} were phrases or corrected"
            );
        }
    }
}
