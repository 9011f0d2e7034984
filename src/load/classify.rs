//! What each path under `content/` is, from the path alone, and the walk that lists them.

use super::CONFIG_FILE;
use crate::content::kind::Kind;
use crate::editor_temp::is_editor_temp;
use std::path::Path;

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
pub(super) fn layout_help() -> String {
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
