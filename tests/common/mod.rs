//! Helpers shared by the integration tests: fixture copies, builds, and an HTML link checker.
#![allow(dead_code)]

pub mod edits;

use ithub::build::{build, BuildOptions, BuildReport};
use scraper::{Html, Selector};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hub");

/// A small seeded generator (xorshift) for the randomised tests: the same seed, the same run.
pub struct Rng(pub u64);
impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A writable copy of a fixture hub, deleted on drop.
pub struct Hub {
    pub dir: tempfile::TempDir,
}

impl Hub {
    pub fn copy(from: &str) -> Hub {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(Path::new(from), &dir.path().join("content"));
        Hub { dir }
    }

    /// Copy the repository's themes beside the content, where `build` and `serve` look for
    /// them (and `serve` watches them); returns the themes folder.
    pub fn with_themes(&self) -> PathBuf {
        let themes = self.content().parent().unwrap().join("themes");
        copy_dir(
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/themes")),
            &themes,
        );
        themes
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.content().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.content().join(rel)).unwrap()
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let t = self.read(rel);
        assert!(t.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &t.replacen(from, to, 1));
    }

    pub fn options(&self) -> BuildOptions {
        let mut o = BuildOptions::new(self.content(), self.output());
        o.today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        o
    }

    pub fn build(&self) -> BuildReport {
        build(&self.options(), &|_| {}, &|| {})
    }

    pub fn build_ok(&self) -> BuildReport {
        let r = self.build();
        assert!(r.ok(), "build failed: {:#?}", r.diagnostics);
        r
    }

    pub fn page(&self, site_path: &str) -> Html {
        page(&self.output(), site_path)
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), t).unwrap();
        }
    }
}

/// Parse the page at a site path (`case-studies/x/` → `case-studies/x/index.html`).
pub fn page(out: &Path, site_path: &str) -> Html {
    let file = if site_path.is_empty() || site_path.ends_with('/') {
        out.join(site_path).join("index.html")
    } else {
        out.join(site_path)
    };
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    Html::parse_document(&text)
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Every HTML file under `out`, relative with `/`.
pub fn html_files(out: &Path) -> Vec<String> {
    ithub::load::walk(out)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// Check every internal link, script, stylesheet and image of every page resolves to a file,
/// and every `#fragment` to an element id. `base_path` is how absolute links must start
/// (`/` or `/hub/`). Returns the broken links as `page -> href` strings.
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut id_of = |file: &str| -> HashSet<String> {
        ids.entry(file.to_string())
            .or_insert_with(|| {
                let t = std::fs::read_to_string(out.join(file)).unwrap_or_default();
                let d = Html::parse_document(&t);
                d.select(&sel("[id]"))
                    .filter_map(|e| e.value().attr("id").map(str::to_string))
                    .collect()
            })
            .clone()
    };
    let mut broken = Vec::new();
    let attr_sel = sel("a[href], link[href], script[src], img[src]");
    for file in html_files(out) {
        let text = std::fs::read_to_string(out.join(&file)).unwrap();
        let doc = Html::parse_document(&text);
        let dir = match file.rfind('/') {
            Some(i) => &file[..=i],
            None => "",
        };
        for el in doc.select(&attr_sel) {
            let v = el.value();
            let url = v.attr("href").or_else(|| v.attr("src")).unwrap_or("");
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
            {
                continue;
            }
            let (path, frag) = match url.find('#') {
                Some(i) => (&url[..i], Some(&url[i + 1..])),
                None => (url, None),
            };
            let target = if path.is_empty() {
                Some(file.clone())
            } else if let Some(abs) = path.strip_prefix('/') {
                match ("/".to_string() + abs).strip_prefix(base_path) {
                    Some(rest) => resolve("", rest),
                    None => None,
                }
            } else {
                resolve(dir, path)
            };
            let ok = match target {
                Some(t) if out.join(&t).is_file() => match frag {
                    Some(f) if !f.is_empty() && t.ends_with(".html") => id_of(&t).contains(f),
                    _ => true,
                },
                _ => false,
            };
            if !ok {
                broken.push(format!("{file} -> {url}"));
            }
        }
    }
    broken
}

/// Join and normalise; directories map to their index.html. `None` if it leaves the site.
fn resolve(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut p = parts.join("/");
    if path.ends_with('/') || path == "." || path == "./" || path.is_empty() || p.is_empty() {
        if !p.is_empty() {
            p.push('/');
        }
        p.push_str("index.html");
    }
    Some(p)
}

/// The search client's scripts as the site ships them (minified), copied out of a build of
/// the fixture hub as `search.js` and the scripts it fetches on demand (`search-stem.js`,
/// `search-fuzzy.js`, `search-phrase.js`) into a folder of their own, so the
/// parity tests run under node exactly what a reader's browser runs.
pub fn shipped_search_scripts() -> tempfile::TempDir {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let dir = tempfile::tempdir().unwrap();
    let assets = hub.output().join("assets");
    for e in std::fs::read_dir(&assets).unwrap().flatten() {
        // `assets/<name>.<fingerprint>.js`
        let file = e.file_name().to_string_lossy().into_owned();
        let name = file
            .strip_suffix(".js")
            .and_then(|f| f.rsplit_once('.'))
            .map(|(name, _)| name);
        if let Some(name @ ("search" | "search-stem" | "search-fuzzy" | "search-phrase")) = name {
            std::fs::copy(e.path(), dir.path().join(format!("{name}.js"))).unwrap();
        }
    }
    for script in [
        "search.js",
        "search-stem.js",
        "search-fuzzy.js",
        "search-phrase.js",
    ] {
        assert!(
            dir.path().join(script).is_file(),
            "{script} is among the built assets in {}",
            assets.display()
        );
    }
    dir
}
