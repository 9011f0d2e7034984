//! Stage 1: walk `content/`, read and parse every file into typed structs.
//!
//! `classify` says what a path is from the path alone, `file` reads, guards and parses one
//! file; this module walks the folder, keeps serve's parse cache and assembles `Content`.

use crate::config::HubConfig;
use crate::content::induction::{PackMeta, SectionMeta};
use crate::content::kind::Kind;
use crate::content::{Content, Doc, Pack};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::source::front_matter::Split;
use crate::source::spans::SpanIndex;
use crate::source::{personal_data, typed, SourceFile};
use crate::unpoisoned::Unpoisoned;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) const CONFIG_FILE: &str = "hub.yaml";

mod classify;
mod file;

use classify::layout_help;
pub use classify::walk;
pub(crate) use classify::{classify, FileKind};
pub(crate) use file::{parse_one, stem, Parsed};

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
