//! `ithub new`: start a case study, zone resource, pack section, basket topic or page.
//!
//! What it writes is valid YAML that loads, so `ithub check` can point at what is left to do:
//! text a person must write starts with `FILL IN` (reported by the placeholder check), and
//! vocabulary fields nobody can guess hold a `choose-a-…` key (reported as not in the
//! vocabulary, with the allowed values). Every field carries a note listing what it takes.

use crate::check::placeholders::MARKER;
use crate::config::HubConfig;
use crate::content::basket::BasketMeta;
use crate::content::common::ResourceKind;
use crate::content::induction::section_order_and_slug;
use crate::content::zone::{ZoneMeta, ZONE_KEYS};
use crate::diagnostics::did_you_mean;
use crate::routes::{CASE_STUDY_RESERVED, RESERVED_PATHS};
use crate::source::{front_matter, typed, SourceFile};
use chrono::{Months, NaiveDate};
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    CaseStudy,
    ZoneResource,
    PackSection,
    BasketTopic,
    Page,
}

#[derive(Debug, Clone)]
pub struct NewOptions {
    pub kind: Kind,
    pub title: String,
    pub content: PathBuf,
    /// zone-resource: the zone file to add to.
    pub zone: Option<String>,
    /// pack-section: the pack folder under `induction/`.
    pub pack: Option<String>,
    /// basket-topic: the basket file (without `.md`).
    pub basket: Option<String>,
    pub today: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct Created {
    /// The file written or added to.
    pub path: PathBuf,
    /// Things the person should know, e.g. a topic that is not in hub.yaml yet.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ScaffoldError {
    pub message: String,
    pub help: Option<String>,
}

impl ScaffoldError {
    fn new(message: impl Into<String>) -> ScaffoldError {
        ScaffoldError {
            message: message.into(),
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> ScaffoldError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if let Some(h) = &self.help {
            writeln!(f, "  = help: {h}")?;
        }
        Ok(())
    }
}

pub fn new_item(o: &NewOptions) -> Result<Created, ScaffoldError> {
    let title = o.title.trim();
    if title.is_empty() {
        return Err(ScaffoldError::new("the title is empty")
            .help("give the title in quotes, e.g. `ithub new case-study \"West Lothian clusters agree a mission statement\"`"));
    }
    let cfg = read_config(&o.content)?;
    let v = Vocab::of(&cfg);
    match o.kind {
        Kind::CaseStudy => {
            let path = unique_file(
                &o.content.join("case-studies"),
                &slugify(title),
                &CASE_STUDY_RESERVED,
            );
            write_new(&path, &case_study(title, &v, o.today))
        }
        Kind::Page => {
            let path = unique_file(&o.content.join("pages"), &slugify(title), &RESERVED_PATHS);
            write_new(&path, &page(title, o.today))
        }
        Kind::PackSection => pack_section(o, title, &cfg, &v),
        Kind::ZoneResource => zone_resource(o, title),
        Kind::BasketTopic => basket_topic(o, title, &cfg, &v),
    }
}

fn read_config(content: &Path) -> Result<HubConfig, ScaffoldError> {
    let path = content.join(crate::load::CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        ScaffoldError::new(format!("cannot read {}: {e}", path.display()))
            .help("run from the repository root, or pass `--content DIR`")
    })?;
    serde_yaml::from_str(&text).map_err(|e| {
        ScaffoldError::new(format!("{} cannot be read: {e}", path.display()))
            .help("run `ithub check` to see what is wrong with it")
    })
}

/// Title → file name: lower-case ASCII letters and digits joined by single hyphens.
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        let s = match c {
            'a'..='z' | '0'..='9' => c.to_string(),
            '\'' | '\u{2019}' => continue,
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a".into(),
            'ç' => "c".into(),
            'è' | 'é' | 'ê' | 'ë' => "e".into(),
            'ì' | 'í' | 'î' | 'ï' => "i".into(),
            'ñ' => "n".into(),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o".into(),
            'ù' | 'ú' | 'û' | 'ü' => "u".into(),
            'ý' | 'ÿ' => "y".into(),
            'ß' => "ss".into(),
            'æ' => "ae".into(),
            'œ' => "oe".into(),
            '&' => "and".into(),
            _ => {
                dash = true;
                continue;
            }
        };
        if dash && !out.is_empty() {
            out.push('-');
        }
        dash = false;
        out.push_str(&s);
    }
    // Long titles make long addresses; cut at a word.
    while out.len() > 60 {
        match out.rfind('-') {
            Some(i) => out.truncate(i),
            None => out.truncate(60),
        }
    }
    if out.is_empty() {
        "untitled".into()
    } else {
        out
    }
}

/// `dir/slug.md`, or `slug-2.md`, `slug-3.md`… if taken or reserved.
fn unique_file(dir: &Path, slug: &str, reserved: &[&str]) -> PathBuf {
    (1..)
        .map(|n| {
            if n == 1 {
                slug.to_string()
            } else {
                format!("{slug}-{n}")
            }
        })
        .find(|s| !reserved.contains(&s.as_str()) && !dir.join(format!("{s}.md")).exists())
        .map(|s| dir.join(format!("{s}.md")))
        .unwrap_or_else(|| dir.join(format!("{slug}.md")))
}

fn write_new(path: &Path, text: &str) -> Result<Created, ScaffoldError> {
    let fail =
        |e: std::io::Error| ScaffoldError::new(format!("cannot write {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    // `create_new`: never overwrite a file someone made since we looked.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(fail)?;
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(fail)?;
    Ok(Created {
        path: path.to_path_buf(),
        notes: Vec::new(),
    })
}

/// The vocabularies as the notes show them.
struct Vocab {
    boards: Vec<String>,
    hscps_by_board: Vec<String>,
    zones: String,
    components: Vec<String>,
    topics: Vec<String>,
    sources: Vec<String>,
}

impl Vocab {
    fn of(cfg: &HubConfig) -> Vocab {
        let named = |k: &str, n: &str| format!("{k} ({n})");
        Vocab {
            boards: cfg.boards.iter().map(|b| named(&b.key, &b.name)).collect(),
            hscps_by_board: cfg
                .boards
                .iter()
                .filter_map(|b| {
                    let hs: Vec<&str> = cfg
                        .hscps
                        .iter()
                        .filter(|h| h.board == b.key)
                        .map(|h| h.key.as_str())
                        .collect();
                    (!hs.is_empty()).then(|| format!("{}: {}", b.key, hs.join(", ")))
                })
                .collect(),
            zones: ZONE_KEYS.join(", "),
            components: cfg
                .components
                .iter()
                .map(|c| named(&c.key, &c.name))
                .collect(),
            topics: cfg.topics.iter().map(|t| named(&t.key, &t.name)).collect(),
            sources: cfg
                .sources
                .iter()
                .map(|s| named(&s.key, &s.title))
                .collect(),
        }
    }
}

/// `items` as comment lines starting `indent#   `, wrapped to a readable width.
fn listing(indent: &str, items: &[String]) -> String {
    if items.is_empty() {
        return format!("{indent}#   (hub.yaml lists none yet)\n");
    }
    let mut out = String::new();
    let mut line = String::new();
    for (i, it) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{it},")
        } else {
            it.clone()
        };
        if !line.is_empty() && line.len() + piece.len() + 1 > 92 {
            out.push_str(&format!("{indent}#   {line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    out.push_str(&format!("{indent}#   {line}\n"));
    out
}

/// One line per board, so partnerships read under their board.
fn lines(indent: &str, items: &[String]) -> String {
    items.iter().map(|i| format!("{indent}#   {i}\n")).collect()
}

/// A YAML double-quoted string (JSON's string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn fill(what: &str) -> String {
    quoted(&format!("{MARKER}: {what}"))
}

fn in_two_years(today: NaiveDate) -> NaiveDate {
    today.checked_add_months(Months::new(24)).unwrap_or(today)
}

// Says "placeholder", never the marker itself, so the note is not reported as one.
const HEADER: &str =
    "# Written by `ithub new`. Replace every placeholder and every choose-… value, and delete the
# lines of optional fields you do not need. Text after a # is a note: keep it or delete it.
# `ithub check` lists whatever is still to do.
";

fn case_study(title: &str, v: &Vocab, today: NaiveDate) -> String {
    let mut s = String::from("---\n");
    s.push_str(HEADER);
    s.push_str(&format!(
        "title: {}   # what the cluster did, in plain words\n",
        quoted(title)
    ));
    s.push_str(&format!(
        "summary: {}\ncluster: {}\n",
        fill(
            "one or two plain sentences, at most 300 characters; shown in lists and search results"
        ),
        fill("the cluster's name, as it calls itself")
    ));
    s.push_str("# board: your NHS board, one of:\n");
    s.push_str(&listing("", &v.boards));
    s.push_str("board: choose-a-board\n");
    s.push_str(
        "# hscp (optional): the health and social care partnership; it must be in your board:\n",
    );
    s.push_str(&lines("", &v.hscps_by_board));
    s.push_str("# hscp: choose-an-hscp\n");
    s.push_str(&format!("# zones: one or more of: {}\n", v.zones));
    s.push_str("zones: [case-studies]\n");
    s.push_str("# components: one or more parts of cluster working this shows:\n");
    s.push_str(&listing("", &v.components));
    s.push_str("components: [choose-a-component]\n");
    s.push_str("# topics (optional): the clinical or service areas:\n");
    s.push_str(&listing("", &v.topics));
    s.push_str("# topics: [choose-a-topic]\n");
    s.push_str(&format!(
        "published: {today}   # when it was first published, YYYY-MM-DD\n"
    ));
    s.push_str("# updated: YYYY-MM-DD   # optional: when it last changed in a way readers should know about\n");
    s.push_str(&format!(
        "review_by: {}   # when someone should check it is still right\n",
        in_two_years(today)
    ));
    s.push_str(&format!(
        "owner: {}\n",
        fill("the team that keeps this up to date, e.g. NHS Lothian primary care team")
    ));
    s.push_str(
        "# outcomes (optional): results, only figures the cluster or a published source gives:
# outcomes:
#   - measure: Practices running their own QI project
#     before: 40        # a number, optional
#     after: 95         # a number, optional
#     unit: practices   # optional
#     period: 2018 to 2021   # optional
# contact (optional): how readers can get in touch; the only field that may hold an email
# address or phone number
# contact: the team's name and address
# draft: true   # optional: keeps it off the site until it is ready
# sources (optional): documents it draws on, credited at the foot of the page:
",
    );
    s.push_str(&listing("", &v.sources));
    s.push_str("# sources: [choose-a-source]\n---\n");
    s.push_str(&format!(
        "## What they did\n\n{MARKER}: what the cluster did, and why.\n\n## What happened\n\n{MARKER}: what changed. Only give figures the cluster or a published source gives.\n\n## What they learned\n\n{MARKER}: what worked, what did not, and what they would do differently.\n"
    ));
    s
}

fn page(title: &str, today: NaiveDate) -> String {
    format!(
        "---\n{HEADER}title: {}\nsummary: {}   # optional\nowner: {}\nreview_by: {}   # when someone should check it is still right\n---\n{MARKER}: the page's text. Use `##` headings to break it up.\n",
        quoted(title),
        fill("one sentence on what the page is for"),
        fill("the team that keeps this up to date"),
        in_two_years(today)
    )
}

fn pack_section(
    o: &NewOptions,
    title: &str,
    cfg: &HubConfig,
    v: &Vocab,
) -> Result<Created, ScaffoldError> {
    let induction = o.content.join("induction");
    let packs: Vec<String> = subdirs(&induction)
        .into_iter()
        .filter(|p| induction.join(p).join("index.md").is_file())
        .collect();
    let pack = choose(
        o.pack.as_deref(),
        &packs,
        "pack",
        "--pack",
        "induction/<pack>/index.md",
    )?;
    let dir = induction.join(&pack);
    let existing: Vec<(u32, String, usize)> = std::fs::read_dir(&dir)
        .map_err(|e| ScaffoldError::new(format!("cannot read {}: {e}", dir.display())))?
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".md")?;
            let (n, slug) = section_order_and_slug(stem)?;
            Some((n, slug.to_string(), stem.find('-').unwrap_or(2)))
        })
        .collect();
    let next = existing.iter().map(|e| e.0).max().unwrap_or(0) + 1;
    let digits = existing.iter().map(|e| e.2).max().unwrap_or(2).max(2);
    let base = slugify(title);
    let slug = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| s != "print" && !existing.iter().any(|e| &e.1 == s))
        .unwrap_or(base);
    let path = dir.join(format!("{next:0digits$}-{slug}.md"));
    let role = pack_role_name(&dir, cfg).unwrap_or_else(|| "member".into());
    let text = format!(
        "---\n{HEADER}title: {}   # the section's heading, in plain words\nsummary: {}   # optional\n# checklist (optional): short things a new {role} should do; ticks are kept in their browser\nchecklist:\n  - {}\n# zones (optional): zones this section relates to, from: {}\n# zones: [choose-a-zone]\n# owner (optional): who keeps this section up to date; the pack's owner if left out\n# review_by: YYYY-MM-DD   # optional: when someone should check it is still right\n---\n{MARKER}: what a new {role} needs to know. Use `##` headings to break it up.\n",
        quoted(title),
        fill("one sentence on what this section covers"),
        fill("a short thing to do"),
        v.zones
    );
    write_new(&path, &text)
}

/// The role name of a pack, for the section's notes.
fn pack_role_name(dir: &Path, cfg: &HubConfig) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("index.md")).ok()?;
    let role = text
        .lines()
        .find_map(|l| l.strip_prefix("role:"))?
        .split('#')
        .next()?
        .trim()
        .to_string();
    cfg.roles
        .iter()
        .find(|r| r.key == role)
        .map(|r| r.name.clone())
}

fn zone_resource(o: &NewOptions, title: &str) -> Result<Created, ScaffoldError> {
    let zones: Vec<String> = ZONE_KEYS.iter().map(|z| z.to_string()).collect();
    let zone = match o.zone.as_deref() {
        Some(z) => choose(Some(z), &zones, "zone", "--zone", "zones/<zone>.md")?,
        None => {
            return Err(ScaffoldError::new("which zone is the resource for?")
                .help(format!("add `--zone` with one of: {}", zones.join(", "))))
        }
    };
    let path = o.content.join("zones").join(format!("{zone}.md"));
    let text = read(&path)?;
    let (meta, _) = parse::<ZoneMeta>(&o.content, &path, &text)?;
    if meta
        .resources
        .iter()
        .any(|r| r.title.eq_ignore_ascii_case(title))
    {
        return Err(ScaffoldError::new(format!(
            "the {zone} zone already has a resource called \"{title}\""
        ))
        .help(format!("edit it in {}", path.display())));
    }
    let kinds: Vec<&str> = ResourceKind::ALL.iter().map(|k| k.key()).collect();
    let entry = vec![
        format!("- title: {}", quoted(title)),
        format!("  kind: guide   # one of: {}", kinds.join(", ")),
        "  # provider: who offers it, e.g. NHS Education for Scotland   # optional".into(),
        "  # url: its address; only one you have checked   # optional".into(),
        format!(
            "  summary: {}   # optional",
            fill("one or two sentences on what it offers a cluster")
        ),
    ];
    let new_text = append_to_list(&text, "resources", &entry)?;
    parse::<ZoneMeta>(&o.content, &path, &new_text)?;
    overwrite(&path, &new_text)
}

fn basket_topic(
    o: &NewOptions,
    title: &str,
    cfg: &HubConfig,
    v: &Vocab,
) -> Result<Created, ScaffoldError> {
    let dir = o.content.join("baskets");
    let baskets: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            let mut b: Vec<String> = rd
                .filter_map(|e| {
                    e.ok()?
                        .file_name()
                        .to_string_lossy()
                        .strip_suffix(".md")
                        .map(str::to_string)
                })
                .filter(|n| !n.eq_ignore_ascii_case("readme"))
                .collect();
            b.sort();
            b
        })
        .unwrap_or_default();
    let basket = choose(
        o.basket.as_deref(),
        &baskets,
        "basket",
        "--basket",
        "baskets/<basket>.md",
    )?;
    let path = dir.join(format!("{basket}.md"));
    let text = read(&path)?;
    let (meta, _) = parse::<BasketMeta>(&o.content, &path, &text)?;
    let wanted = slugify(title);
    let known = cfg
        .topics
        .iter()
        .find(|t| t.key == wanted || t.key == title || t.name.eq_ignore_ascii_case(title))
        .map(|t| t.key.clone());
    let key = known.clone().unwrap_or(wanted);
    if meta.topics.iter().any(|t| t.topic == key) {
        return Err(ScaffoldError::new(format!(
            "the {basket} basket already has the topic `{key}`"
        ))
        .help(format!("edit it in {}", path.display())));
    }
    let mut notes = Vec::new();
    if known.is_none() {
        let close = did_you_mean(&key, cfg.topics.iter().map(|t| t.key.as_str()))
            .map(|k| format!(" (did you mean `{k}`?)"))
            .unwrap_or_default();
        notes.push(format!(
            "`{key}` is not a topic in hub.yaml yet{close}: add it under `topics:` there with its name, or change the key"
        ));
    }
    let mut entry = vec![format!("- topic: {key}   # a topic key from hub.yaml:")];
    entry.extend(listing("  ", &v.topics).lines().map(str::to_string));
    entry.extend([
        format!(
            "  aim: {}",
            fill("one sentence: what a cluster working on this topic aims for")
        ),
        "  # why (optional): why it matters, in a short paragraph".into(),
        "  # measures (optional): [how a cluster will know things have improved]".into(),
        "  # change_ideas (optional): [things a cluster could try]".into(),
        format!("  # zones (optional): [choose-a-zone], from: {}", v.zones),
        "  # resources (optional): a list of {title, kind, provider, url, summary}, as in a zone"
            .into(),
    ]);
    let new_text = append_to_list(&text, "topics", &entry)?;
    parse::<BasketMeta>(&o.content, &path, &new_text)?;
    let mut c = overwrite(&path, &new_text)?;
    c.notes = notes;
    Ok(c)
}

fn read(path: &Path) -> Result<String, ScaffoldError> {
    std::fs::read_to_string(path)
        .map_err(|e| ScaffoldError::new(format!("cannot read {}: {e}", path.display())))
}

fn overwrite(path: &Path, text: &str) -> Result<Created, ScaffoldError> {
    std::fs::write(path, text)
        .map_err(|e| ScaffoldError::new(format!("cannot write {}: {e}", path.display())))?;
    Ok(Created {
        path: path.to_path_buf(),
        notes: Vec::new(),
    })
}

/// Parse a file's front matter as `M`; a file that is already broken is not edited.
fn parse<M: DeserializeOwned>(
    content: &Path,
    path: &Path,
    text: &str,
) -> Result<(M, usize), ScaffoldError> {
    let rel = path
        .strip_prefix(content)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let src = SourceFile::from_text(content, &rel, text.to_string());
    let broken = || {
        ScaffoldError::new(format!(
            "{} has problems, so nothing was added to it",
            path.display()
        ))
        .help("run `ithub check`, fix what it reports, then run `ithub new` again")
    };
    let split = front_matter::split(&src).map_err(|_| broken())?;
    let (m, _) = typed::parse::<M>(&src, &split).map_err(|_| broken())?;
    Ok((m, split.body_offset))
}

/// Add `entry` (lines of one list item, the first starting `- `) at the end of the top-level
/// block list `key:` in the front matter, creating the list if there is none. Keeps every other
/// byte of the file, comments included.
pub fn append_to_list(text: &str, key: &str, entry: &[String]) -> Result<String, ScaffoldError> {
    let src = SourceFile::from_text(Path::new(""), "x.md", text.to_string());
    let split = front_matter::split(&src).map_err(|d| ScaffoldError::new(d.message))?;
    let yaml_start = split.yaml.as_ptr() as usize - src.text.as_ptr() as usize;
    let yaml_end = yaml_start + split.yaml.len();
    let lines = line_offsets(text, yaml_start, yaml_end);
    let head = format!("{key}:");
    let found = lines.iter().position(|&(s, e)| {
        let l = &text[s..e];
        l.starts_with(&head) && {
            let rest = l[head.len()..].trim_start();
            rest.is_empty() || rest.starts_with('#') || rest.starts_with('[')
        }
    });
    let item =
        |indent: &str| -> String { entry.iter().map(|l| format!("{indent}{l}\n")).collect() };
    let Some(k) = found else {
        let mut out = text[..yaml_end].to_string();
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{head}\n{}", item("  ")));
        out.push_str(&text[yaml_end..]);
        return Ok(out);
    };
    let (ks, ke) = lines[k];
    let rest = text[ks + head.len()..ke].trim();
    if rest.starts_with('[') {
        if rest.split('#').next().unwrap_or("").trim() != "[]" {
            return Err(ScaffoldError::new(format!(
                "`{key}:` is written as a [bracketed] list, so the entry cannot be added for you"
            ))
            .help(format!(
                "add it by hand, one field per line:\n{}",
                item("  ")
            )));
        }
        let after = (ke + 1).min(text.len());
        return Ok(format!(
            "{}{head}\n{}{}",
            &text[..ks],
            item("  "),
            &text[after..]
        ));
    }
    // The list runs until the next line that starts at column 0 with something other than a
    // list dash or a comment.
    let mut last = k;
    let mut indent: Option<String> = None;
    for (i, &(s, e)) in lines.iter().enumerate().skip(k + 1) {
        let l = &text[s..e];
        let t = l.trim_start();
        if t.is_empty() {
            continue;
        }
        // An indented note belongs to the entry above it; one at column 0 may introduce the
        // next field, so it stays after the new entry.
        if t.starts_with('#') {
            if l.len() > t.len() {
                last = i;
            }
            continue;
        }
        if !l.starts_with([' ', '\t', '-']) {
            break;
        }
        if indent.is_none() && t.starts_with('-') {
            indent = Some(l[..l.len() - t.len()].to_string());
        }
        last = i;
    }
    let at = lines.get(last + 1).map_or(yaml_end, |&(s, _)| s);
    let mut out = text[..at].to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&item(indent.as_deref().unwrap_or("  ")));
    out.push_str(&text[at..]);
    Ok(out)
}

/// (start, end) of each line between `from` and `to`, without the newline.
fn line_offsets(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut s = from;
    while s < to {
        let e = text[s..to].find('\n').map_or(to, |i| s + i);
        v.push((s, e.min(to)));
        s = e + 1;
    }
    v
}

fn subdirs(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| {
                let e = e.ok()?;
                e.file_type()
                    .ok()?
                    .is_dir()
                    .then(|| e.file_name().to_string_lossy().into_owned())
            })
            .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The value given for `flag`, checked against what exists; or the only one there is.
fn choose(
    given: Option<&str>,
    options: &[String],
    what: &str,
    flag: &str,
    shape: &str,
) -> Result<String, ScaffoldError> {
    let list = || options.join(", ");
    match given {
        Some(g) if options.iter().any(|o| o == g) => Ok(g.to_string()),
        Some(g) => {
            let help = match did_you_mean(g, options.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None if options.is_empty() => {
                    format!("there is no {what} yet: create {shape} first")
                }
                None => format!("choose one of: {}", list()),
            };
            Err(ScaffoldError::new(format!("there is no {what} `{g}`")).help(help))
        }
        None if options.len() == 1 => Ok(options[0].clone()),
        None if options.is_empty() => Err(ScaffoldError::new(format!("the hub has no {what} yet"))
            .help(format!("create {shape} first"))),
        None => Err(ScaffoldError::new(format!("which {what}?"))
            .help(format!("add `{flag}` with one of: {}", list()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe_and_short() {
        assert_eq!(
            slugify("West Lothian clusters agree a mission statement"),
            "west-lothian-clusters-agree-a-mission-statement"
        );
        assert_eq!(
            slugify("  Café & Kids' health: 2024/25!  "),
            "cafe-and-kids-health-2024-25"
        );
        assert_eq!(slugify("???"), "untitled");
        let long = slugify(&"word ".repeat(30));
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
        assert!(crate::load::valid_slug(&slugify(
            "Ünïcödé — Ελληνικά title"
        )));
    }

    #[test]
    fn appends_to_block_lists_keeping_everything_else() {
        let entry = vec!["- title: New".to_string(), "  kind: guide".to_string()];
        let t = "---\ntitle: Z\nresources:\n    - title: A   # note\n      kind: guide\n\n# a comment\nsources: [x]\n---\nBody\n";
        let out = append_to_list(t, "resources", &entry).unwrap();
        assert_eq!(out, "---\ntitle: Z\nresources:\n    - title: A   # note\n      kind: guide\n    - title: New\n      kind: guide\n\n# a comment\nsources: [x]\n---\nBody\n");
        let none = append_to_list("---\ntitle: Z\n---\nB\n", "resources", &entry).unwrap();
        assert_eq!(
            none,
            "---\ntitle: Z\nresources:\n  - title: New\n    kind: guide\n---\nB\n"
        );
        let empty = append_to_list(
            "---\ntitle: Z\nresources: []\nsources: [x]\n---\n",
            "resources",
            &entry,
        )
        .unwrap();
        assert_eq!(
            empty,
            "---\ntitle: Z\nresources:\n  - title: New\n    kind: guide\nsources: [x]\n---\n"
        );
        let at_end = append_to_list(
            "---\nresources:\n- title: A\n  kind: guide\n---\n",
            "resources",
            &entry,
        )
        .unwrap();
        assert_eq!(
            at_end,
            "---\nresources:\n- title: A\n  kind: guide\n- title: New\n  kind: guide\n---\n"
        );
        let noted = vec!["- title: B".to_string(), "  # a note on B".to_string()];
        let twice = append_to_list(
            &append_to_list(&none, "resources", &noted).unwrap(),
            "resources",
            &entry,
        )
        .unwrap();
        assert_eq!(twice, "---\ntitle: Z\nresources:\n  - title: New\n    kind: guide\n  - title: B\n    # a note on B\n  - title: New\n    kind: guide\n---\nB\n");
        assert!(append_to_list(
            "---\nresources: [{title: A, kind: guide}]\n---\n",
            "resources",
            &entry
        )
        .is_err());
    }
}
