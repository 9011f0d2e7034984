//! Stage 2: check every cross-reference (vocabulary keys, zones, roles, sources), leave drafts
//! out unless asked, and give every item its URL.

pub(crate) mod rules;
pub mod vocab;

use crate::content::kind::Kind;
use crate::content::zone::ZONE_KEYS;
use crate::content::{Content, ItemId};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;
use vocab::Vocab;

#[derive(Debug, Clone, Copy)]
pub struct LinkOptions {
    pub drafts: bool,
    /// "Today" for review-by notices; passed in so builds are reproducible in tests.
    pub today: NaiveDate,
}

/// The hub after linking: content plus the lookups rendering needs.
#[derive(Debug)]
pub struct Site {
    pub content: Content,
    pub vocab: Vocab,
    /// Content-relative file path → site path, for every published item and static file.
    pub urls: HashMap<String, String>,
    /// Indices into `content.case_studies` of the ones to publish, newest first.
    pub case_studies: Vec<usize>,
    /// Indices into `content.zones` in display order.
    pub zones: Vec<usize>,
    pub options: LinkOptions,
}

/// Link `content`: build the vocabularies from `hub.yaml`, run every item's rule and the
/// hub-wide ones, order what is published and give each item its URL.
pub fn link(content: Content, options: LinkOptions, diags: &Diagnostics) -> Site {
    let vocab = Vocab::build(
        &content.config,
        &content.config_src,
        &content.config_spans,
        diags,
    );
    link_with(content, vocab, options, Checked::All, diags)
}

/// Which items' own rules a link runs.
pub(crate) enum Checked<'a> {
    All,
    /// Only these files (content-relative paths): `serve` links again after an edit, and an
    /// item's rule reads that item and `hub.yaml` alone, so the others' findings stand.
    Only(&'a std::collections::HashSet<String>),
}

/// `link` with the vocabularies of a `hub.yaml` already built.
pub(crate) fn link_with(
    content: Content,
    vocab: Vocab,
    options: LinkOptions,
    checked: Checked<'_>,
    diags: &Diagnostics,
) -> Site {
    let c = &content;
    check_zone_set(c, diags);
    // Thousands of case studies on a large hub.
    c.items()
        .par_iter()
        .filter(|item| match checked {
            Checked::All => true,
            Checked::Only(rels) => rels.contains(&item.src().rel),
        })
        .for_each(|&item| rules::validate(item, &vocab, &c.config, diags));
    // A file whose front matter failed is not an item, but the fields it got right are checked.
    for u in &c.unparsed {
        if let Some(r) = &u.recovered {
            rules::validate_recovered(&r.0, &r.1, &vocab, &c.config, diags);
        }
    }

    let mut case_studies: Vec<usize> = (0..c.case_studies.len())
        .filter(|&i| options.drafts || !c.case_studies[i].meta.draft)
        .collect();
    case_studies.sort_by(|&a, &b| {
        let (x, y) = (&c.case_studies[a], &c.case_studies[b]);
        y.meta
            .published
            .cmp(&x.meta.published)
            .then_with(|| x.slug.cmp(&y.slug))
    });
    let mut zones: Vec<usize> = (0..c.zones.len()).collect();
    zones.sort_by_key(|&i| {
        let z = &c.zones[i];
        (
            z.meta.order.unwrap_or(u32::MAX),
            ZONE_KEYS.iter().position(|k| *k == z.slug),
        )
    });
    let urls = assign_urls(c, &case_studies);
    Site {
        content,
        vocab,
        urls,
        case_studies,
        zones,
        options,
    }
}

/// Every published item's page and every static file, by content-relative file path.
fn assign_urls(c: &Content, case_studies: &[usize]) -> HashMap<String, String> {
    let mut urls: HashMap<String, String> = c
        .ids()
        .into_iter()
        .filter(|id| !matches!(id, ItemId::CaseStudy(_)))
        .chain(case_studies.iter().map(|&i| ItemId::CaseStudy(i)))
        .map(|id| {
            let item = c.item(id);
            (item.src().rel.clone(), item.route())
        })
        .collect();
    for s in &c.statics {
        urls.insert(s.clone(), s.clone());
    }
    urls
}

impl Site {
    /// Every published item, in the order the site lists them: zones in display order, case
    /// studies newest first, then packs (each followed by its sections), baskets, roadmaps and
    /// pages in file order.
    pub fn published(&self) -> Vec<ItemId> {
        let mut v: Vec<ItemId> = self.zones.iter().map(|&i| ItemId::Zone(i)).collect();
        v.extend(self.case_studies.iter().map(|&i| ItemId::CaseStudy(i)));
        v.extend(
            self.content
                .ids()
                .into_iter()
                .filter(|id| !matches!(id, ItemId::Zone(_) | ItemId::CaseStudy(_))),
        );
        v
    }
}

/// Every one of the six zones must exist: a rule of the hub as a whole, not of one file.
fn check_zone_set(c: &Content, diags: &Diagnostics) {
    for key in ZONE_KEYS {
        if !c.zones.iter().any(|z| z.slug == key) {
            let path = c
                .config_src
                .path
                .with_file_name(Kind::Zone.folder())
                .join(format!("{key}.md"));
            diags.push(
                Diagnostic::error(
                    &path,
                    Pos::new(1, 1),
                    format!("the `{key}` zone is missing"),
                )
                .help(format!("create zones/{key}.md with a title and summary")),
            );
        }
    }
}
