//! Stage 1: walk `content/`, read and parse every file into typed structs.

use crate::config::HubConfig;
use crate::content::induction::{section_order_and_slug, PackMeta, SectionMeta};
use crate::content::kind::Kind;
use crate::content::{Content, Doc, Pack, Recovered, Unparsed};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::editor_temp::is_editor_temp;
use crate::slug;
use crate::source::front_matter::{self, Split};
use crate::source::spans::SpanIndex;
use crate::source::{personal_data, typed, SourceFile};
use crate::unpoisoned::Unpoisoned;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) const CONFIG_FILE: &str = "hub.yaml";

/// What a path under `content/` is, decided from the path alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileKind {
    Config,
    /// `<folder>/<slug>.md` of one of `Kind::FILES` but a pack.
    Flat(Kind),
    PackIndex {
        pack: String,
    },
    PackSection {
        pack: String,
    },
    Static,
    /// Editor droppings, READMEs and hidden files: skipped without comment.
    Ignored,
    Unexpected,
}

pub(crate) fn classify(rel: &str) -> FileKind {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts.last().copied().unwrap_or("");
    let folders = &parts[..parts.len() - 1];
    if folders.iter().any(|p| p.starts_with('.')) || is_editor_temp(name) {
        return FileKind::Ignored;
    }
    if parts[0] == "static" && parts.len() > 1 {
        return FileKind::Static;
    }
    if name.eq_ignore_ascii_case("README.md") {
        return FileKind::Ignored;
    }
    let md = name.ends_with(".md");
    let packs = Kind::Pack.folder();
    match parts.as_slice() {
        [n] if *n == CONFIG_FILE => FileKind::Config,
        [f, pack, "index.md"] if *f == packs => FileKind::PackIndex {
            pack: pack.to_string(),
        },
        [f, pack, _] if md && *f == packs => FileKind::PackSection {
            pack: pack.to_string(),
        },
        [f, _] if md => Kind::FILES
            .into_iter()
            .find(|k| *k != Kind::Pack && k.folder() == *f)
            .map_or(FileKind::Unexpected, FileKind::Flat),
        _ => FileKind::Unexpected,
    }
}

/// Where content goes, for the warning on a file that is not part of the hub.
fn layout_help() -> String {
    let folders: Vec<String> = Kind::FILES
        .iter()
        .map(|&k| match k {
            Kind::Pack => format!("{}/<pack>/", k.folder()),
            _ => format!("{}/", k.folder()),
        })
        .collect();
    let (last, first) = folders
        .split_last()
        .map_or(("", &[][..]), |(l, f)| (l.as_str(), f));
    format!(
        "content goes in {} or {last} as .md files; images and downloads in static/",
        first.join(", ")
    )
}

/// Every file under `dir`, relative, with `/` separators, sorted.
pub fn walk(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            Some(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        })
        .collect();
    out.sort();
    out
}

#[derive(Clone)]
pub(crate) enum Parsed {
    Zone(Doc<crate::content::zone::ZoneMeta>),
    CaseStudy(Doc<crate::content::case_study::CaseStudyMeta>),
    PackIndex(String, Doc<PackMeta>),
    PackSection(String, u32, Doc<SectionMeta>),
    Basket(Doc<crate::content::basket::BasketMeta>),
    Roadmap(Doc<crate::content::roadmap::RoadmapMeta>),
    Page(Doc<crate::content::page::PageMeta>),
    /// Read, but its front matter did not parse: its body is still checked.
    Unparsed(Unparsed),
    Failed,
}

/// Load everything under `content_dir`. Problems go to `diags`; `None` only when there is no
/// usable `hub.yaml` (nothing else can be checked without its vocabularies).
pub fn load(content_dir: &Path, diags: &Diagnostics) -> Option<Content> {
    load_with(content_dir, diags, None)
}

/// A parsed file with the hash of its bytes and the problems parsing it found.
type CachedFile = (u64, Parsed, Vec<Diagnostic>);

/// Parsed files kept between rebuilds by `serve`: a file whose bytes are unchanged is not
/// parsed again, and its diagnostics are replayed.
#[derive(Default)]
pub(crate) struct ParseCache {
    files: std::sync::Mutex<std::collections::HashMap<String, CachedFile>>,
}

/// `load`, reusing what `cache` holds from the previous run.
pub(crate) fn load_cached(
    content_dir: &Path,
    diags: &Diagnostics,
    cache: &ParseCache,
) -> Option<Content> {
    load_with(content_dir, diags, Some(cache))
}

fn parse_cached(
    content_dir: &Path,
    rel: &str,
    kind: &FileKind,
    diags: &Diagnostics,
    cache: Option<&ParseCache>,
) -> Parsed {
    let Some(cache) = cache else {
        return parse_one(content_dir, rel, kind, diags);
    };
    let Ok(bytes) = std::fs::read(content_dir.join(rel)) else {
        return parse_one(content_dir, rel, kind, diags);
    };
    let hash = crate::hash::fnv1a(&bytes);
    let hit = cache
        .files
        .lock()
        .unpoisoned()
        .get(rel)
        .filter(|e| e.0 == hash)
        .map(|e| (e.1.clone(), e.2.clone()));
    if let Some((parsed, ds)) = hit {
        diags.extend(ds);
        return parsed;
    }
    let local = Diagnostics::new();
    let parsed = parse_one(content_dir, rel, kind, &local);
    let ds = local.into_sorted();
    diags.extend(ds.clone());
    cache
        .files
        .lock()
        .unpoisoned()
        .insert(rel.to_string(), (hash, parsed.clone(), ds));
    parsed
}

fn load_with(
    content_dir: &Path,
    diags: &Diagnostics,
    cache: Option<&ParseCache>,
) -> Option<Content> {
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error(content_dir, Pos::new(1, 1), "content folder not found")
                .help("run from the repository root, or pass `--content DIR`"),
        );
        return None;
    }
    let files = walk(content_dir);
    let (config, config_src, config_spans) = load_config(content_dir, diags)?;
    let mut statics = Vec::new();
    let mut to_parse = Vec::new();
    for rel in files {
        match classify(&rel) {
            FileKind::Config | FileKind::Ignored => {}
            FileKind::Static => statics.push(rel),
            FileKind::Unexpected => diags.push(
                Diagnostic::warning(
                    &content_dir.join(&rel),
                    Pos::new(1, 1),
                    "file is not part of the hub and is ignored",
                )
                .help(layout_help()),
            ),
            kind => to_parse.push((rel, kind)),
        }
    }
    let parsed: Vec<Parsed> = to_parse
        .par_iter()
        .map(|(rel, kind)| parse_cached(content_dir, rel, kind, diags, cache))
        .collect();
    if let Some(c) = cache {
        // Forget files that are gone, so a file deleted and restored is parsed afresh.
        let live: std::collections::HashSet<&str> =
            to_parse.iter().map(|(r, _)| r.as_str()).collect();
        c.files
            .lock()
            .unpoisoned()
            .retain(|k, _| live.contains(k.as_str()));
    }
    Some(assemble(
        content_dir,
        config,
        config_src,
        config_spans,
        statics,
        parsed,
        diags,
    ))
}

fn load_config(
    content_dir: &Path,
    diags: &Diagnostics,
) -> Option<(HubConfig, SourceFile, SpanIndex)> {
    let path = content_dir.join(CONFIG_FILE);
    if !path.is_file() {
        diags.push(
            Diagnostic::error(&path, Pos::new(1, 1), "hub.yaml not found")
                .help("every hub needs content/hub.yaml with its title, base_url and vocabularies"),
        );
        return None;
    }
    let src = match SourceFile::read(content_dir, CONFIG_FILE) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    personal_data::guard(&src, diags);
    let whole = Split {
        yaml: &src.text,
        yaml_line: 1,
        body_offset: src.text.len(),
    };
    match typed::parse::<HubConfig>(&src, &whole) {
        Ok((mut cfg, spans)) => {
            crate::config::validate(&mut cfg, &src, &spans, diags);
            Some((cfg, src, spans))
        }
        // A config with stand-ins would make every item's vocabulary look wrong: stop here.
        Err(rejected) => {
            diags.extend(rejected.errors);
            None
        }
    }
}

/// The file's typed front matter and body; if the front matter is not what its kind needs, the
/// file as `Unparsed` (when a body could be told apart) so its body can still be checked.
fn parse_doc<M: DeserializeOwned>(
    src: SourceFile,
    slug: String,
    diags: &Diagnostics,
    recovered: fn(Doc<M>) -> Recovered,
) -> Result<Doc<M>, Parsed> {
    let split = match front_matter::split(&src) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return Err(Parsed::Failed);
        }
    };
    let body_offset = split.body_offset;
    let (meta, spans) = match typed::parse::<M>(&src, &split) {
        Ok(parsed) => parsed,
        Err(rejected) => {
            diags.extend(rejected.errors);
            let recovered = rejected.recovered.map(|(meta, spans, placeholders)| {
                let doc = Doc {
                    src: src.clone(),
                    meta,
                    spans,
                    body_offset,
                    slug,
                };
                Box::new((recovered(doc), placeholders))
            });
            return Err(Parsed::Unparsed(Unparsed {
                src,
                body_offset,
                recovered,
            }));
        }
    };
    Ok(Doc {
        src,
        meta,
        spans,
        body_offset,
        slug,
    })
}

/// A file's slug before checking: its name without `.md`.
pub(crate) fn stem(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

/// Read, guard and parse one content file. The personal-data guard runs on the raw text before
/// anything else can fail, so a bad name or broken front matter never hides a CHI number.
pub(crate) fn parse_one(
    content_dir: &Path,
    rel: &str,
    kind: &FileKind,
    diags: &Diagnostics,
) -> Parsed {
    let src = match SourceFile::read(content_dir, rel) {
        Ok(src) => src,
        Err(d) => {
            diags.push(d);
            return Parsed::Failed;
        }
    };
    personal_data::guard(&src, diags);
    let slug = stem(rel);
    if !slug::is_valid(&slug)
        && !matches!(
            kind,
            FileKind::PackSection { .. } | FileKind::PackIndex { .. }
        )
    {
        diags.push(bad_slug(content_dir, rel, &slug));
        return Parsed::Failed;
    }
    let parsed: Result<Parsed, Parsed> = match kind {
        FileKind::Flat(Kind::Zone) => {
            parse_doc(src, slug, diags, Recovered::Zone).map(Parsed::Zone)
        }
        FileKind::Flat(Kind::CaseStudy) => {
            parse_doc(src, slug, diags, Recovered::CaseStudy).map(Parsed::CaseStudy)
        }
        FileKind::Flat(Kind::Basket) => {
            parse_doc(src, slug, diags, Recovered::Basket).map(Parsed::Basket)
        }
        FileKind::Flat(Kind::Roadmap) => {
            parse_doc(src, slug, diags, Recovered::Roadmap).map(Parsed::Roadmap)
        }
        FileKind::Flat(Kind::Page) => {
            parse_doc(src, slug, diags, Recovered::Page).map(Parsed::Page)
        }
        FileKind::PackIndex { pack } => {
            if !slug::is_valid(pack) {
                diags.push(bad_slug(content_dir, rel, pack));
                return Parsed::Failed;
            }
            parse_doc(src, pack.clone(), diags, Recovered::PackIndex)
                .map(|d| Parsed::PackIndex(pack.clone(), d))
        }
        FileKind::PackSection { pack } => match section_order_and_slug(&slug) {
            Some((order, s)) if slug::is_valid(s) => {
                parse_doc(src, s.to_string(), diags, Recovered::Section)
                    .map(|d| Parsed::PackSection(pack.clone(), order, d))
            }
            _ => {
                diags.push(
                    Diagnostic::error(
                        &content_dir.join(rel),
                        Pos::new(1, 1),
                        format!("pack section `{slug}.md` has no order number"),
                    )
                    .help(format!(
                        "name section files `NN-slug.md`, e.g. `01-{}.md`",
                        slug::from_text(&slug)
                    )),
                );
                Err(Parsed::Failed)
            }
        },
        _ => Err(Parsed::Failed),
    };
    parsed.unwrap_or_else(|not| not)
}

fn bad_slug(content_dir: &Path, rel: &str, slug: &str) -> Diagnostic {
    Diagnostic::error(
        &content_dir.join(rel),
        Pos::new(1, 1),
        format!("`{slug}` cannot be used in a web address"),
    )
    .help(format!(
        "rename the file using lower-case letters, digits and hyphens, e.g. `{}`",
        slug::from_text(slug)
    ))
}

fn assemble(
    content_dir: &Path,
    config: HubConfig,
    config_src: SourceFile,
    config_spans: SpanIndex,
    statics: Vec<String>,
    parsed: Vec<Parsed>,
    diags: &Diagnostics,
) -> Content {
    let mut c = Content {
        config,
        config_src,
        config_spans,
        zones: Vec::new(),
        case_studies: Vec::new(),
        packs: Vec::new(),
        baskets: Vec::new(),
        roadmaps: Vec::new(),
        pages: Vec::new(),
        statics,
        unparsed: Vec::new(),
    };
    let mut pack_index: BTreeMap<String, Doc<PackMeta>> = BTreeMap::new();
    let mut sections: BTreeMap<String, Vec<(u32, Doc<SectionMeta>)>> = BTreeMap::new();
    for p in parsed {
        match p {
            Parsed::Zone(d) => c.zones.push(d),
            Parsed::CaseStudy(d) => c.case_studies.push(d),
            Parsed::PackIndex(k, d) => {
                pack_index.insert(k, d);
            }
            Parsed::PackSection(k, n, d) => sections.entry(k).or_default().push((n, d)),
            Parsed::Basket(d) => c.baskets.push(d),
            Parsed::Roadmap(d) => c.roadmaps.push(d),
            Parsed::Page(d) => c.pages.push(d),
            Parsed::Unparsed(u) => c.unparsed.push(u),
            Parsed::Failed => {}
        }
    }
    for (key, mut secs) in sections {
        secs.sort_by(|a, b| (a.0, &a.1.slug).cmp(&(b.0, &b.1.slug)));
        for w in secs.windows(2) {
            if w[0].1.slug == w[1].1.slug {
                diags.push(
                    w[1].1
                        .src
                        .error(
                            Pos::new(1, 1),
                            1,
                            format!(
                                "two sections of pack `{key}` are both called `{}`",
                                w[1].1.slug
                            ),
                        )
                        .help("give each section file a different name after its number"),
                );
            }
        }
        match pack_index.remove(&key) {
            Some(index) => c.packs.push(Pack {
                key,
                index,
                sections: secs.into_iter().map(|(_, d)| d).collect(),
            }),
            None => diags.push(
                Diagnostic::error(
                    &content_dir
                        .join(Kind::Pack.folder())
                        .join(&key)
                        .join("index.md"),
                    Pos::new(1, 1),
                    format!("pack `{key}` has sections but no index.md"),
                )
                .help("add index.md with the pack's title, role and summary"),
            ),
        }
    }
    for (key, index) in pack_index {
        c.packs.push(Pack {
            key,
            index,
            sections: Vec::new(),
        });
    }
    c.case_studies.sort_by(|a, b| a.slug.cmp(&b.slug));
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        assert_eq!(classify("hub.yaml"), FileKind::Config);
        assert_eq!(classify("zones/data.md"), FileKind::Flat(Kind::Zone));
        assert_eq!(
            classify("case-studies/a.md"),
            FileKind::Flat(Kind::CaseStudy)
        );
        assert_eq!(classify("pages/about.md"), FileKind::Flat(Kind::Page));
        assert_eq!(classify("baskets/b.md"), FileKind::Flat(Kind::Basket));
        assert_eq!(classify("roadmaps/r.md"), FileKind::Flat(Kind::Roadmap));
        assert_eq!(classify("induction/x.md"), FileKind::Unexpected);
        assert_eq!(
            classify("induction/pql/index.md"),
            FileKind::PackIndex { pack: "pql".into() }
        );
        assert_eq!(
            classify("induction/pql/01-role.md"),
            FileKind::PackSection { pack: "pql".into() }
        );
        assert_eq!(classify("static/img/a.png"), FileKind::Static);
        assert_eq!(classify("case-studies/.x.md.swp"), FileKind::Ignored);
        assert_eq!(classify("case-studies/x.txt"), FileKind::Unexpected);
        assert_eq!(classify("notes.md"), FileKind::Unexpected);
    }

    #[test]
    fn layout_help_names_every_folder() {
        assert_eq!(
            layout_help(),
            "content goes in zones/, case-studies/, induction/<pack>/, baskets/, roadmaps/ or pages/ as .md files; images and downloads in static/"
        );
    }
}
