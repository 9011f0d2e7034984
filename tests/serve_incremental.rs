//! `serve` rebuilds incrementally (unchanged files are not parsed or rendered again); after any
//! sequence of edits its site must be byte-for-byte what a fresh full build makes.

mod common;

use common::*;
use ithub::build::{build_in_memory, build_in_memory_with, Caches};

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
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

/// One random edit of the kinds an author makes; returns what it did.
fn edit(hub: &Hub, rng: &mut Rng, step: usize) -> String {
    let files = case_studies(hub);
    let pick = |rng: &mut Rng| files[rng.below(files.len())].clone();
    let boards = ["lothian", "tayside", "fife"];
    match rng.below(8) {
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
    }
}

#[test]
fn incremental_rebuilds_match_full_builds_after_random_edits() {
    let mut compared = 0;
    let mut failed_builds = 0;
    for seed in [
        0x9e37_79b9_7f4a_7c15u64,
        0x1234_5678_9abc_def1,
        0xdead_beef_cafe_f00d,
        0x0bad_5eed_1357_9bdf,
    ] {
        let hub = Hub::copy(FIXTURE);
        let opts = hub.options();
        let caches = Caches::default();
        let mut rng = Rng(seed);
        let mut log = Vec::new();
        for step in 0..16 {
            if step > 0 {
                log.push(edit(&hub, &mut rng, step));
            }
            let (inc, inc_diags) = build_in_memory_with(&opts, Some(&caches));
            let (full, full_diags) = build_in_memory(&opts);
            let msgs = |ds: &[ithub::diagnostics::Diagnostic]| {
                ds.iter()
                    .map(|d| format!("{}:{}:{} {}", d.file.display(), d.line, d.column, d.message))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                msgs(&inc_diags),
                msgs(&full_diags),
                "diagnostics differ after {log:?}"
            );
            match (inc, full) {
                (Some(a), Some(b)) => {
                    let (ka, kb): (Vec<&String>, Vec<&String>) =
                        (a.files.keys().collect(), b.files.keys().collect());
                    assert_eq!(ka, kb, "file lists differ after {log:?}");
                    for (k, v) in &a.files {
                        assert!(v == &b.files[k], "{k} differs after {log:?}");
                    }
                }
                (None, None) => failed_builds += 1,
                (a, b) => panic!(
                    "one build failed and the other did not ({} vs {}) after {log:?}",
                    a.is_some(),
                    b.is_some()
                ),
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 64);
    assert!(
        failed_builds > 0 && failed_builds < compared,
        "the edits should both break and fix the hub ({failed_builds} failed)"
    );
}
