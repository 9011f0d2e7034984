//! One content file: read, guarded, and parsed into its kind's typed front matter and body.

use super::FileKind;
use crate::content::induction::{section_order_and_slug, PackMeta, SectionMeta};
use crate::content::kind::Kind;
use crate::content::{Doc, Recovered, Unparsed};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::slug;
use crate::source::front_matter;
use crate::source::{personal_data, typed, SourceFile};
use serde::de::DeserializeOwned;
use std::path::Path;

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
