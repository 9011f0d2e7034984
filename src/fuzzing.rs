//! Entry points for the coverage-guided fuzz targets in `fuzz/` (see CONTRIBUTING.md). A pull
//! request is untrusted input, so its bytes go through the stages `ithub check` and `serve`
//! run, exactly as they run them: these functions only set the stage.

use crate::build::{link_and_render_bodies, BuildOptions, Caches};
use crate::check::content_checks;
use crate::diagnostics::Diagnostics;
use crate::render::pages::Placement;
use crate::render::render_site;
use crate::render::theme::Theme;
use crate::search::query::{run, Request};
use crate::unpoisoned::Unpoisoned;
use crate::write::Discard;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The hub the targets start from: small, with every kind of item and links between them.
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hub");

/// The files of the fixture hub `item` may be handed, one of each kind (the last is new).
pub const ITEM_FILES: [&str; 8] = [
    "case-studies/alpha.md",
    "pages/about.md",
    "zones/data.md",
    "induction/pql/index.md",
    "induction/pql/01-the-role.md",
    "baskets/topics.md",
    "roadmaps/roadmap.md",
    "case-studies/new-item.md",
];

/// A copy of the fixture in a folder of this process's own, kept for the life of the process
/// so that each input costs one file write and the caches keep every other file parsed.
struct Hub {
    content: PathBuf,
    caches: Caches,
    /// Loaded once: no input is a theme file, and parsing the templates would take most of
    /// each run's time.
    theme: Theme,
}

/// Review-by dates are measured from a fixed day, so a finding replays the same way.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
}

fn options(content: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(content, content.with_file_name("public"));
    o.today = today();
    o
}

fn hub() -> &'static Mutex<Hub> {
    static HUB: OnceLock<Mutex<Hub>> = OnceLock::new();
    HUB.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("ithub-fuzz-{}", std::process::id()));
        let content = dir.join("content");
        // A folder left by an earlier process with this id would hold its last input.
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = copy_dir(Path::new(FIXTURE), &content) {
            panic!("cannot copy {FIXTURE} to {}: {e}", content.display());
        }
        let diags = Diagnostics::new();
        let opts = options(&content);
        let Some(theme) = crate::render::theme::load(&opts.themes_dir(), None, &diags) else {
            panic!("the default theme does not load: {:?}", diags.into_sorted());
        };
        Mutex::new(Hub {
            content,
            caches: Caches::default(),
            theme,
        })
    })
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Check the fixture hub with `bytes` as the file at `rel` (one of `ITEM_FILES`, or any path
/// inside the hub) as `ithub check` does: load, link and render the bodies, the extra checks,
/// and when nothing was wrong every page. Problems become diagnostics; the hub is put back as
/// it was afterwards.
pub fn item(rel: &str, bytes: &[u8]) {
    if Path::new(rel).is_absolute() || rel.split('/').any(|p| p == ".." || p.is_empty()) {
        return;
    }
    let hub = hub().lock().unpoisoned();
    let path = hub.content.join(rel);
    let original = std::fs::read(&path).ok();
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, bytes));
    if let Err(e) = written {
        panic!("cannot write {}: {e}", path.display());
    }
    check(&hub);
    let restored = match original {
        Some(b) => std::fs::write(&path, b),
        None => std::fs::remove_file(&path),
    };
    if let Err(e) = restored {
        panic!("cannot restore {}: {e}", path.display());
    }
}

/// `check::check` with the theme loaded once: the build's stages, then the extra checks.
fn check(hub: &Hub) {
    let opts = options(&hub.content);
    let diags = Diagnostics::new();
    let Some((site, bodies)) = link_and_render_bodies(&opts, &diags, Some(&hub.caches)) else {
        return;
    };
    content_checks(&site.content, opts.today, opts.drafts, &diags);
    if diags.has_errors() {
        return;
    }
    let placement = Placement::new(&site);
    render_site(
        &site,
        &bodies,
        &hub.theme,
        &placement,
        &Discard,
        &opts.content,
        &|_| {},
        &|| {},
        &diags,
    );
}

/// Run the search request written in `bytes` against the fixture hub's index, built once per
/// process by the in-memory build `serve` uses. The first line is the text as typed; each
/// further line is `facet=value` (a filter) or `limit=N`.
pub fn query(bytes: &[u8]) {
    static INDEX: OnceLock<tantivy::Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let (built, diagnostics) = crate::build::build_in_memory(&options(Path::new(FIXTURE)));
        match built {
            Some(b) => b.built.search.index().clone(),
            None => panic!("the fixture hub does not build: {diagnostics:?}"),
        }
    });
    let _ = run(index, &request(&String::from_utf8_lossy(bytes)));
}

fn request(text: &str) -> Request {
    let mut lines = text.split('\n');
    let mut req = Request {
        text: lines.next().unwrap_or("").to_string(),
        filters: Vec::new(),
        limit: 10,
        verbatim: false,
    };
    for line in lines {
        match line.split_once('=') {
            Some(("limit", n)) => req.limit = n.parse().unwrap_or(req.limit),
            Some(("verbatim", v)) => req.verbatim = v == "1",
            Some((facet, value)) => req.filters.push((facet.to_string(), value.to_string())),
            None => {}
        }
    }
    req
}
