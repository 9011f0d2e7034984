//! `ithub new`: start a case study, zone resource, pack section, basket topic or page.
//!
//! What it writes is valid YAML that loads, so `ithub check` can point at what is left to do:
//! text a person must write starts with `FILL IN` (reported by the placeholder check), and
//! vocabulary fields nobody can guess hold a `choose-a-…` key (reported as not in the
//! vocabulary, with the allowed values). Every field carries a note listing what it takes.

mod additions;
mod files;
mod notes;
mod pack;
mod templates;
mod yaml_list;

use crate::config::HubConfig;
use crate::content::kind::Kind as ContentKind;
use crate::routes::{CASE_STUDY_RESERVED, RESERVED_PATHS};
use crate::slug::from_text as slugify;
use chrono::NaiveDate;
use files::{unique_file, write_new};
use notes::Vocab;
use std::fmt;
use std::path::{Path, PathBuf};

/// What `ithub new` starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A case study: a new file in case-studies/, named after the title.
    CaseStudy,
    /// A resource added to a zone's list of resources (needs `--zone`).
    ZoneResource,
    /// A section of an induction pack, numbered after the last (`--pack` when there are several).
    PackSection,
    /// A topic added to a basket's list (`--basket` when there are several).
    BasketTopic,
    /// A free-standing page: a new file in pages/, named after the title.
    Page,
}

/// What `ithub new` is asked to start.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// What to start.
    pub kind: Kind,
    /// Its title; a new file is named after it, and so is a basket topic's key unless the title
    /// names a topic of `hub.yaml`.
    pub title: String,
    /// The content folder, holding `hub.yaml`.
    pub content: PathBuf,
    /// zone-resource: the zone file to add to.
    pub zone: Option<String>,
    /// pack-section: the pack folder under `induction/`.
    pub pack: Option<String>,
    /// basket-topic: the basket file (without `.md`).
    pub basket: Option<String>,
    /// A new case study's `published` date; a new case study's or page's `review_by` is two years
    /// later.
    pub today: NaiveDate,
}

/// What `ithub new` wrote.
#[derive(Debug, Clone)]
pub(crate) struct Created {
    /// The file written or added to.
    pub(crate) path: PathBuf,
    /// Things the person should know, e.g. a topic that is not in hub.yaml yet.
    pub(crate) notes: Vec<String>,
}

/// Why `ithub new` wrote nothing, and the fix when there is one; `Display` prints both the way
/// the other commands print errors.
#[derive(Debug, Clone)]
pub(crate) struct ScaffoldError {
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

impl ScaffoldError {
    pub(super) fn new(message: impl Into<String>) -> ScaffoldError {
        ScaffoldError {
            message: message.into(),
            help: None,
        }
    }

    pub(super) fn help(mut self, help: impl Into<String>) -> ScaffoldError {
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

/// Start the item `o` describes: a new file, under a name not yet taken and never over another
/// file, or an entry added to an existing file, which must parse before and after.
pub(crate) fn new_item(o: &NewOptions) -> Result<Created, ScaffoldError> {
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
                &o.content.join(ContentKind::CaseStudy.folder()),
                &slugify(title),
                &CASE_STUDY_RESERVED,
            );
            write_new(&path, &templates::case_study(title, &v, o.today))
        }
        Kind::Page => {
            let path = unique_file(
                &o.content.join(ContentKind::Page.folder()),
                &slugify(title),
                &RESERVED_PATHS,
            );
            write_new(&path, &templates::page(title, o.today))
        }
        Kind::PackSection => pack::pack_section(o, title, &cfg, &v),
        Kind::ZoneResource => additions::zone_resource(o, title),
        Kind::BasketTopic => additions::basket_topic(o, title, &cfg, &v),
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
