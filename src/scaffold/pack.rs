//! A new section of an induction pack: numbered after the last one, named so it does not clash.

use super::files::{choose, subdirs, write_new};
use super::notes::{fill, quoted, Vocab, HEADER};
use super::{Created, NewOptions, ScaffoldError};
use crate::check::placeholders::MARKER;
use crate::config::HubConfig;
use crate::content::induction::section_order_and_slug;
use crate::content::kind::Kind;
use crate::slug::from_text as slugify;
use std::path::Path;

pub(super) fn pack_section(
    o: &NewOptions,
    title: &str,
    cfg: &HubConfig,
    v: &Vocab,
) -> Result<Created, ScaffoldError> {
    let induction = o.content.join(Kind::Pack.folder());
    let packs: Vec<String> = subdirs(&induction)
        .into_iter()
        .filter(|p| induction.join(p).join("index.md").is_file())
        .collect();
    let pack = choose(
        o.pack.as_deref(),
        &packs,
        "pack",
        "--pack",
        "induction/<pack>/index.md",
    )?;
    let dir = induction.join(&pack);
    let existing: Vec<(u32, String, usize)> = std::fs::read_dir(&dir)
        .map_err(|e| ScaffoldError::new(format!("cannot read {}: {e}", dir.display())))?
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".md")?;
            let (n, slug) = section_order_and_slug(stem)?;
            Some((n, slug.to_string(), stem.find('-').unwrap_or(2)))
        })
        .collect();
    let next = existing.iter().map(|e| e.0).max().unwrap_or(0) + 1;
    let digits = existing.iter().map(|e| e.2).max().unwrap_or(2).max(2);
    let base = slugify(title);
    let slug = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| s != "print" && !existing.iter().any(|e| &e.1 == s))
        .unwrap_or(base);
    let path = dir.join(format!("{next:0digits$}-{slug}.md"));
    let role = pack_role_name(&dir, cfg).unwrap_or_else(|| "member".into());
    let text = format!(
        "---\n{HEADER}title: {}   # the section's heading, in plain words\nsummary: {}   # optional\n# checklist (optional): short things a new {role} should do; ticks are kept in their browser\nchecklist:\n  - {}\n# zones (optional): zones this section relates to, from: {}\n# zones: [choose-a-zone]\n# owner (optional): who keeps this section up to date; the pack's owner if left out\n# review_by: YYYY-MM-DD   # optional: when someone should check it is still right\n---\n{MARKER}: what a new {role} needs to know. Use `##` headings to break it up.\n",
        quoted(title),
        fill("one sentence on what this section covers"),
        fill("a short thing to do"),
        v.zones
    );
    write_new(&path, &text)
}

/// The role name of a pack, for the section's notes.
pub(super) fn pack_role_name(dir: &Path, cfg: &HubConfig) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("index.md")).ok()?;
    let role = text
        .lines()
        .find_map(|l| l.strip_prefix("role:"))?
        .split('#')
        .next()?
        .trim()
        .to_string();
    cfg.roles
        .iter()
        .find(|r| r.key == role)
        .map(|r| r.name.clone())
}
