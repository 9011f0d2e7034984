//! The notes beside each field: the vocabularies as they are listed, quoting, placeholders and
//! the header every new file starts with.

use crate::check::placeholders::MARKER;
use crate::config::HubConfig;
use crate::content::zone::ZONE_KEYS;
use chrono::{Months, NaiveDate};

/// The vocabularies as the notes show them.
pub(super) struct Vocab {
    pub(super) boards: Vec<String>,
    pub(super) hscps_by_board: Vec<String>,
    pub(super) zones: String,
    pub(super) components: Vec<String>,
    pub(super) topics: Vec<String>,
    pub(super) sources: Vec<String>,
}

impl Vocab {
    pub(super) fn of(cfg: &HubConfig) -> Vocab {
        let named = |k: &str, n: &str| format!("{k} ({n})");
        Vocab {
            boards: cfg.boards.iter().map(|b| named(&b.key, &b.name)).collect(),
            hscps_by_board: cfg
                .boards
                .iter()
                .filter_map(|b| {
                    let hs: Vec<&str> = cfg
                        .hscps
                        .iter()
                        .filter(|h| h.board == b.key)
                        .map(|h| h.key.as_str())
                        .collect();
                    (!hs.is_empty()).then(|| format!("{}: {}", b.key, hs.join(", ")))
                })
                .collect(),
            zones: ZONE_KEYS.join(", "),
            components: cfg
                .components
                .iter()
                .map(|c| named(&c.key, &c.name))
                .collect(),
            topics: cfg.topics.iter().map(|t| named(&t.key, &t.name)).collect(),
            sources: cfg
                .sources
                .iter()
                .map(|s| named(&s.key, &s.title))
                .collect(),
        }
    }
}

/// `items` as comment lines starting `indent#   `, wrapped to a readable width.
pub(super) fn listing(indent: &str, items: &[String]) -> String {
    if items.is_empty() {
        return format!("{indent}#   (hub.yaml lists none yet)\n");
    }
    let mut out = String::new();
    let mut line = String::new();
    for (i, it) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{it},")
        } else {
            it.clone()
        };
        if !line.is_empty() && line.len() + piece.len() + 1 > 92 {
            out.push_str(&format!("{indent}#   {line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    out.push_str(&format!("{indent}#   {line}\n"));
    out
}

/// One line per board, so partnerships read under their board.
pub(super) fn lines(indent: &str, items: &[String]) -> String {
    items.iter().map(|i| format!("{indent}#   {i}\n")).collect()
}

/// A YAML double-quoted string (JSON's string syntax is valid YAML).
pub(super) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

pub(super) fn fill(what: &str) -> String {
    quoted(&format!("{MARKER}: {what}"))
}

pub(super) fn in_two_years(today: NaiveDate) -> NaiveDate {
    today.checked_add_months(Months::new(24)).unwrap_or(today)
}

// Says "placeholder", never the marker itself, so the note is not reported as one.
pub(super) const HEADER: &str =
    "# Written by `ithub new`. Replace every placeholder and every choose-… value, and delete the
# lines of optional fields you do not need. Text after a # is a note: keep it or delete it.
# `ithub check` lists whatever is still to do.
";
