//! The random edits an author makes to a hub, for the tests that keep `serve` equal to a full
//! build. Front-matter edits come from one table, `FIELDS`: a row per field of every content
//! kind (and of `hub.yaml`), each with valid edits and invalid ones. `tests/serve_incremental.rs`
//! checks the table against the content structs, so a new field cannot go unedited.

pub mod compare;
mod fields;

pub use fields::{Op, FIELDS};

use super::{Hub, Rng};
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The kinds of file a hub holds front matter in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Kind {
    CaseStudy,
    Zone,
    Pack,
    Section,
    Basket,
    Roadmap,
    Page,
    Hub,
}

impl Kind {
    /// The kind of a content-relative path, if it has front matter.
    pub fn of(rel: &str) -> Option<Kind> {
        let parts: Vec<&str> = rel.split('/').collect();
        let md = rel.ends_with(".md");
        Some(match parts.as_slice() {
            ["hub.yaml"] => Kind::Hub,
            ["case-studies", _] if md => Kind::CaseStudy,
            ["zones", _] if md => Kind::Zone,
            ["baskets", _] if md => Kind::Basket,
            ["roadmaps", _] if md => Kind::Roadmap,
            ["pages", _] if md => Kind::Page,
            ["induction", _, "index.md"] => Kind::Pack,
            ["induction", _, _] if md => Kind::Section,
            _ => return None,
        })
    }
}

/// A file split into its front matter (parsed) and the rest.
fn split(rel: &str, text: &str) -> Option<(Value, String)> {
    if rel.ends_with(".yaml") {
        return Some((serde_yaml::from_str(text).ok()?, String::new()));
    }
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    let fm = serde_yaml::from_str(&rest[..=end]).ok()?;
    Some((fm, rest[end + 5..].to_string()))
}

fn join(rel: &str, fm: &Value, body: &str) -> String {
    let yaml = serde_yaml::to_string(fm).unwrap();
    if rel.ends_with(".yaml") {
        yaml
    } else {
        format!("---\n{yaml}---\n{body}")
    }
}

/// Apply one edit to a file's text, or `None` if a path in it does not reach (a list element
/// of an empty list, a field of a missing parent) or the text is not front matter we can read.
fn apply(rel: &str, text: &str, op: Op, n: usize, rng: &mut Rng) -> Option<String> {
    let (mut fm, mut body) = split(rel, text)?;
    let mut picks: BTreeMap<String, usize> = BTreeMap::new();
    for (path, value) in op {
        let value = value.replace("{n}", &format!("{:02}", 10 + n % 90));
        if *path == "(body)" {
            body = format!("{body}\n{value}\n");
            continue;
        }
        let segs: Vec<&str> = path.split('.').collect();
        let (last, parents) = segs.split_last()?;
        let mut at = &mut fm;
        for (i, seg) in parents.iter().enumerate() {
            at = if *seg == "*" {
                let list = at.as_sequence_mut().filter(|l| !l.is_empty())?;
                let key = segs[..i].join(".");
                let len = list.len();
                let k = *picks.entry(key).or_insert_with(|| rng.below(len));
                list.get_mut(k.min(len - 1))?
            } else {
                at.get_mut(*seg)?
            };
        }
        let map = at.as_mapping_mut()?;
        match value.as_str() {
            "DELETE" => {
                map.remove(*last);
            }
            "POP" => {
                let list = map
                    .get_mut(*last)?
                    .as_sequence_mut()
                    .filter(|l| !l.is_empty())?;
                let k = rng.below(list.len());
                list.remove(k);
            }
            v if v.starts_with('+') => {
                let item: Value = serde_yaml::from_str(&v[1..]).unwrap();
                let slot = map
                    .entry(Value::from(*last))
                    .or_insert(Value::Sequence(Vec::new()));
                if slot.is_null() {
                    *slot = Value::Sequence(Vec::new());
                }
                slot.as_sequence_mut()?.push(item);
            }
            v => {
                map.insert(Value::from(*last), serde_yaml::from_str(v).unwrap());
            }
        }
    }
    Some(join(rel, &fm, &body))
}

/// Every content file with its bytes, to tell which an edit touched (as the watcher would).
pub fn all_files(hub: &Hub) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let root = hub.content();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(&root).unwrap().to_string_lossy();
                out.push((rel.replace('\\', "/"), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A seeded sequence of author edits. It walks its share of `FIELDS` in a random order (so
/// every field is edited), mixed with whole-file edits and fixes, and remembers what it broke
/// so that a later fix can mend it.
pub struct Edits {
    rng: Rng,
    /// Indexes into `FIELDS` still to edit.
    deck: Vec<usize>,
    /// File → its text before it was first broken, to restore on a fix.
    broken: BTreeMap<String, String>,
    /// The hub as copied, to restore when fixes alone leave it broken.
    pristine: Vec<(String, Vec<u8>)>,
    /// The fields edited so far, valid or not.
    pub covered: BTreeSet<(Kind, &'static str)>,
}

impl Edits {
    /// Edits of the fields whose index is `share.0` modulo `share.1`, and others at random.
    pub fn new(hub: &Hub, seed: u64, share: (usize, usize)) -> Edits {
        let mut rng = Rng(seed);
        let mut deck: Vec<usize> = (0..FIELDS.len())
            .filter(|i| i % share.1 == share.0)
            .collect();
        for i in (1..deck.len()).rev() {
            deck.swap(i, rng.below(i + 1));
        }
        Edits {
            rng,
            deck,
            broken: BTreeMap::new(),
            pristine: all_files(hub),
            covered: BTreeSet::new(),
        }
    }

    /// Whether every field of this generator's share has been edited.
    pub fn done(&self) -> bool {
        self.deck.is_empty()
    }

    /// Make step `n`'s edit: what it did and the content-relative files it touched.
    /// `failing` is how many builds in a row have failed: a broken hub is soon fixed, and one
    /// that fixes do not mend is put back as copied.
    pub fn step(&mut self, hub: &Hub, n: usize, failing: usize) -> (String, Vec<String>) {
        let before = all_files(hub);
        let what = if failing >= 3 {
            self.restore(hub)
        } else {
            match self.rng.below(10) {
                _ if failing > 0 && self.rng.below(2) == 0 => self.fix(hub),
                0 => self.fix(hub),
                1 | 2 => self.whole_file(hub, n),
                // Two fields of one file a step, so that the table is covered in few builds.
                _ => match self.field(hub, n, None) {
                    None => self.whole_file(hub, n),
                    // An invalid edit goes alone, so that nothing else decides its path.
                    Some((first, _)) if first.starts_with("break") => first,
                    Some((first, rel)) => {
                        let kind = Kind::of(&rel);
                        match self
                            .deck
                            .iter()
                            .rposition(|i| Some(FIELDS[*i].kind) == kind)
                        {
                            Some(j) => {
                                let i = self.deck.remove(j);
                                self.deck.push(i);
                                match self.field(hub, n, Some(&rel)) {
                                    Some((second, _)) => format!("{first}; {second}"),
                                    None => first,
                                }
                            }
                            None => first,
                        }
                    }
                },
            }
        };
        let after = all_files(hub);
        let mut changed: Vec<String> = after
            .iter()
            .filter(|f| !before.contains(f))
            .map(|f| f.0.clone())
            .collect();
        changed.extend(
            before
                .iter()
                .filter(|f| !after.iter().any(|a| a.0 == f.0))
                .map(|f| f.0.clone()),
        );
        (what, changed)
    }

    /// Edit the next field of the deck (or a random one when the deck is empty) in `file`, or
    /// in a random file of its kind; returns what it did and the file.
    fn field(&mut self, hub: &Hub, n: usize, file: Option<&str>) -> Option<(String, String)> {
        let i = self
            .deck
            .pop()
            .unwrap_or_else(|| self.rng.below(FIELDS.len()));
        let field = FIELDS[i];
        let bad = field.good.is_empty() || (!field.bad.is_empty() && self.rng.below(4) == 0);
        let ops = if bad { field.bad } else { field.good };
        let op = ops[self.rng.below(ops.len())];
        let mut files: Vec<String> = match file {
            Some(f) => vec![f.to_string()],
            None => all_files(hub)
                .into_iter()
                .map(|f| f.0)
                .filter(|r| Kind::of(r) == Some(field.kind))
                .collect(),
        };
        let start = self.rng.below(files.len().max(1));
        files.rotate_left(start);
        for rel in files {
            let text = hub.read(&rel);
            let Some(new) = apply(&rel, &text, op, n, &mut self.rng) else {
                continue;
            };
            if bad {
                self.broken.entry(rel.clone()).or_insert(text);
            }
            hub.write(&rel, &new);
            self.covered.insert((field.kind, field.path));
            let how = if bad { "break" } else { "set" };
            return Some((format!("{how} {} of {rel}: {op:?}", field.path), rel));
        }
        // Nothing of that kind has the field's parent now: try it again later.
        self.deck.insert(0, i);
        None
    }

    /// Add, delete or rename a case study, or write in a body.
    fn whole_file(&mut self, hub: &Hub, n: usize) -> String {
        let cs: Vec<String> = all_files(hub)
            .into_iter()
            .map(|f| f.0)
            .filter(|r| Kind::of(r) == Some(Kind::CaseStudy))
            .collect();
        let pick = cs[self.rng.below(cs.len())].clone();
        match self.rng.below(5) {
            0 => {
                let board = ["lothian", "tayside", "fife"][self.rng.below(3)];
                let topics =
                    ["[diabetes]", "[frailty]", "[diabetes, frailty]", "[]"][self.rng.below(4)];
                let rel = format!("case-studies/new-{n}.md");
                let year = 10 + self.rng.below(15);
                hub.write(&rel, &format!("---\ntitle: New {n}\nsummary: Added at step {n}.\ncluster: C{n}\nboard: {board}\nzones: [data]\ncomponents: [data]\ntopics: {topics}\npublished: 20{year:02}-0{}-01\n---\nBody {n}.\n", 1 + self.rng.below(9)));
                format!("add {rel}")
            }
            1 if cs.len() > 2 => {
                std::fs::remove_file(hub.content().join(&pick)).unwrap();
                self.broken.remove(&pick);
                format!("delete {pick}")
            }
            2 => {
                let to = format!("case-studies/renamed-{n}.md");
                std::fs::rename(hub.content().join(&pick), hub.content().join(&to)).unwrap();
                if let Some(t) = self.broken.remove(&pick) {
                    self.broken.insert(to.clone(), t);
                }
                format!("rename {pick} to {to}")
            }
            3 => {
                // Link to another case study, so its later renaming or deletion matters here.
                let other = cs[self.rng.below(cs.len())].trim_start_matches("case-studies/");
                let t = hub.read(&pick);
                hub.write(&pick, &format!("{t}\n## Added {n}\n\nSee [data](../zones/data.md) and [another]({other}).\n"));
                format!("link {pick} to {other}")
            }
            _ => {
                let t = hub.read(&pick);
                hub.write(
                    &pick,
                    &format!("{t}\nStep {n} adds a sentence about audit and prescribing.\n"),
                );
                format!("add a sentence to {pick}")
            }
        }
    }

    /// Mend what this generator broke, and point links to missing case studies at a zone.
    fn fix(&mut self, hub: &Hub) -> String {
        for (rel, text) in std::mem::take(&mut self.broken) {
            if hub.content().join(&rel).exists() {
                hub.write(&rel, &text);
            }
        }
        let files: Vec<String> = all_files(hub).into_iter().map(|f| f.0).collect();
        for rel in files
            .iter()
            .filter(|r| Kind::of(r) == Some(Kind::CaseStudy))
        {
            let mut t = hub.read(rel);
            let targets: Vec<String> = t
                .split("](")
                .skip(1)
                .filter_map(|r| r.split(')').next())
                .map(str::to_string)
                .collect();
            for target in targets {
                let file = target.split('#').next().unwrap_or("");
                if file.ends_with(".md")
                    && !file.contains('/')
                    && !files.contains(&format!("case-studies/{file}"))
                {
                    t = t.replace(&format!("]({target})"), "](../zones/data.md)");
                }
            }
            hub.write(rel, &t);
        }
        "fix what was broken".into()
    }

    /// Put the hub back as copied (as `git checkout` and `git clean` would).
    fn restore(&mut self, hub: &Hub) -> String {
        self.broken.clear();
        for (rel, _) in all_files(hub) {
            if !self.pristine.iter().any(|p| p.0 == rel) {
                std::fs::remove_file(hub.content().join(rel)).unwrap();
            }
        }
        for (rel, bytes) in &self.pristine {
            let p = hub.content().join(rel);
            if std::fs::read(&p).ok().as_ref() != Some(bytes) {
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, bytes).unwrap();
            }
        }
        "restore the hub as copied".into()
    }
}

/// The front-matter paths a value holds, as `FIELDS` writes them (`*` for list elements).
pub fn key_paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Mapping(m) => {
            for (k, child) in m {
                let k = k.as_str().expect("string keys");
                let path = if prefix.is_empty() {
                    k.to_string()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(path.clone());
                key_paths(child, &path, out);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                key_paths(item, &format!("{prefix}.*"), out);
            }
        }
        _ => {}
    }
}

/// The front matter of a hub file, as YAML.
pub fn front_matter(rel: &str, text: &str) -> Value {
    split(rel, text).expect("front matter").0
}
