//! Entries added to files that exist: a resource in a zone, a topic in a basket. The file is
//! checked before and after, so a broken file is never edited and an edit never breaks one.

use super::files::{choose, overwrite, parse, read};
use super::notes::{fill, listing, quoted, Vocab};
use super::yaml_list::append_to_list;
use super::{Created, NewOptions, ScaffoldError};
use crate::config::HubConfig;
use crate::content::basket::BasketMeta;
use crate::content::common::ResourceKind;
use crate::content::kind::Kind;
use crate::content::zone::{ZoneMeta, ZONE_KEYS};
use crate::diagnostics::did_you_mean;
use crate::slug::from_text as slugify;

pub(super) fn zone_resource(o: &NewOptions, title: &str) -> Result<Created, ScaffoldError> {
    let zones: Vec<String> = ZONE_KEYS.iter().map(|z| z.to_string()).collect();
    let zone = match o.zone.as_deref() {
        Some(z) => choose(Some(z), &zones, "zone", "--zone", "zones/<zone>.md")?,
        None => {
            return Err(ScaffoldError::new("which zone is the resource for?")
                .help(format!("add `--zone` with one of: {}", zones.join(", "))))
        }
    };
    let path = o
        .content
        .join(Kind::Zone.folder())
        .join(format!("{zone}.md"));
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

pub(super) fn basket_topic(
    o: &NewOptions,
    title: &str,
    cfg: &HubConfig,
    v: &Vocab,
) -> Result<Created, ScaffoldError> {
    let dir = o.content.join(Kind::Basket.folder());
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
