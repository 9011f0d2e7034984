//! `ithub diff OLD NEW`: which pages a change adds, changes and removes, from two builds. A
//! pull request's preview lists them so a reviewer opens exactly the pages that moved.
//!
//! Pages are the items of each build's `api/pages.json`, matched by site path. A page counts as
//! changed when its inventory entry or the `<main>` of its HTML differs; each build's own
//! `base_url` is taken out first, so a preview built under `pr-7/` does not differ from main
//! everywhere.

use crate::routes;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How `ithub diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Lists of the added, changed and removed pages, for a pull-request comment or step
    /// summary.
    #[default]
    Markdown,
    /// The same lists as JSON (`added`, `changed`, `removed`), for other tools.
    Json,
}

/// What a build's inventory says about one page (the fields the comparison reads).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub(crate) struct Page {
    pub(crate) path: String,
    pub(crate) title: String,
    pub(crate) kind: String,
    pub(crate) file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<String>,
}

/// The pages two builds differ by, each list in site-path order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct SiteDiff {
    pub(crate) added: Vec<Page>,
    pub(crate) changed: Vec<Page>,
    pub(crate) removed: Vec<Page>,
}

/// Why two builds could not be compared.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DiffError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not the inventory a build writes: {source}", path.display())]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
}

#[derive(Deserialize)]
struct Inventory {
    base_url: String,
    items: Vec<serde_json::Value>,
}

struct Build {
    dir: PathBuf,
    base_url: String,
    pages: BTreeMap<String, (Page, serde_json::Value)>,
}

impl Build {
    fn read(dir: &Path) -> Result<Build, DiffError> {
        let path = dir.join(routes::INVENTORY);
        let text = std::fs::read_to_string(&path).map_err(|source| DiffError::Read {
            path: path.clone(),
            source,
        })?;
        let parse = |source| DiffError::Parse {
            path: path.clone(),
            source,
        };
        let inv: Inventory = serde_json::from_str(&text).map_err(parse)?;
        let mut pages = BTreeMap::new();
        for item in inv.items {
            let page: Page = serde_json::from_value(item.clone()).map_err(parse)?;
            // The address and overdue flag depend on where and when the build ran, not on content.
            let mut entry = item;
            if let Some(o) = entry.as_object_mut() {
                o.remove("url");
                o.remove("overdue");
            }
            pages.insert(page.path.clone(), (Page { url: None, ..page }, entry));
        }
        Ok(Build {
            dir: dir.to_path_buf(),
            base_url: inv.base_url,
            pages,
        })
    }

    /// What of the page's HTML a reviewer reads: its `<main>` (the header and footer list
    /// other pages, so adding one page would change them all), with this build's address taken
    /// out. `None` if the page was not written.
    fn html(&self, path: &str) -> Option<String> {
        let bytes = std::fs::read(self.dir.join(routes::file_of(path))).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        let main = match (text.find("<main"), text.rfind("</main>")) {
            (Some(a), Some(b)) if a < b => &text[a..b],
            _ => &text[..],
        };
        let base = self.base_url.trim_end_matches('/');
        Some(if base.is_empty() {
            main.to_string()
        } else {
            main.replace(base, "")
        })
    }
}

/// Compare the builds in `old` and `new`. With `preview`, every added or changed page gets its
/// address under it.
pub(crate) fn diff(old: &Path, new: &Path, preview: Option<&str>) -> Result<SiteDiff, DiffError> {
    let (old, new) = (Build::read(old)?, Build::read(new)?);
    let link = |mut p: Page| {
        p.url = preview.map(|base| routes::absolute(base, &p.path));
        p
    };
    let mut d = SiteDiff::default();
    for (path, (page, entry)) in &new.pages {
        match old.pages.get(path) {
            None => d.added.push(link(page.clone())),
            Some((_, old_entry)) if old_entry != entry || old.html(path) != new.html(path) => {
                d.changed.push(link(page.clone()));
            }
            Some(_) => {}
        }
    }
    for (path, (page, _)) in &old.pages {
        if !new.pages.contains_key(path) {
            d.removed.push(page.clone());
        }
    }
    Ok(d)
}

impl SiteDiff {
    pub(crate) fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// Markdown for a pull-request comment or step summary: one list per kind of change.
    pub(crate) fn markdown(&self) -> String {
        if self.is_empty() {
            return "No page was added, changed or removed.\n".to_string();
        }
        let mut out = String::new();
        for (heading, pages) in [
            ("Added", &self.added),
            ("Changed", &self.changed),
            ("Removed", &self.removed),
        ] {
            if pages.is_empty() {
                continue;
            }
            out.push_str(&format!("**{heading}** ({})\n\n", pages.len()));
            for p in pages {
                let title = markdown_text(&p.title);
                let line = match &p.url {
                    Some(u) => format!("- [{title}](<{u}>) — `{}`\n", p.file),
                    None => format!("- {title} — `{}`\n", p.file),
                };
                out.push_str(&line);
            }
            out.push('\n');
        }
        out
    }
}

/// A title as literal text in Markdown: characters that would start markup are escaped.
fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_{}[]()<>#+-.!|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_lists_each_kind_with_links_and_escaped_titles() {
        let page = |path: &str, title: &str, url: Option<&str>| Page {
            path: path.into(),
            title: title.into(),
            kind: "page".into(),
            file: format!("pages/{}.md", path.trim_end_matches('/')),
            url: url.map(str::to_string),
        };
        let d = SiteDiff {
            added: vec![page("new/", "New [page]", Some("https://x.org/pr-1/new/"))],
            changed: vec![],
            removed: vec![page("old/", "Old", None)],
        };
        assert_eq!(
            d.markdown(),
            "**Added** (1)\n\n- [New \\[page\\]](<https://x.org/pr-1/new/>) — `pages/new.md`\n\n**Removed** (1)\n\n- Old — `pages/old.md`\n\n"
        );
        assert!(SiteDiff::default().markdown().starts_with("No page"));
    }
}
