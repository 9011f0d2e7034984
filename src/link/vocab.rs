//! Vocabulary lookups and the checks that every key used in content exists.

use crate::config::HubConfig;
use crate::content::zone::ZONE_KEYS;
use crate::content::Doc;
use crate::diagnostics::{did_you_mean, Diagnostics};
use crate::source::spans::SpanIndex;
use crate::source::SourceFile;
use std::collections::HashMap;

/// Key → position in its `hub.yaml` list, for each vocabulary.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    pub boards: HashMap<String, usize>,
    pub hscps: HashMap<String, usize>,
    pub components: HashMap<String, usize>,
    pub topics: HashMap<String, usize>,
    pub roles: HashMap<String, usize>,
    pub sources: HashMap<String, usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VocabKind {
    Board,
    Hscp,
    Component,
    Topic,
    Role,
    Source,
    Zone,
}

impl VocabKind {
    fn noun(self) -> &'static str {
        match self {
            VocabKind::Board => "a board",
            VocabKind::Hscp => "a health and social care partnership",
            VocabKind::Component => "a component",
            VocabKind::Topic => "a topic",
            VocabKind::Role => "a role",
            VocabKind::Source => "a source",
            VocabKind::Zone => "a zone",
        }
    }

    fn list_name(self) -> &'static str {
        match self {
            VocabKind::Board => "boards",
            VocabKind::Hscp => "hscps",
            VocabKind::Component => "components",
            VocabKind::Topic => "topics",
            VocabKind::Role => "roles",
            VocabKind::Source => "sources",
            VocabKind::Zone => "zones",
        }
    }
}

impl Vocab {
    pub fn build(
        cfg: &HubConfig,
        src: &SourceFile,
        spans: &SpanIndex,
        diags: &Diagnostics,
    ) -> Vocab {
        let mut v = Vocab::default();
        index(
            &mut v.boards,
            cfg.boards.iter().map(|t| t.key.as_str()),
            "boards",
            src,
            spans,
            diags,
        );
        index(
            &mut v.hscps,
            cfg.hscps.iter().map(|t| t.key.as_str()),
            "hscps",
            src,
            spans,
            diags,
        );
        index(
            &mut v.components,
            cfg.components.iter().map(|t| t.key.as_str()),
            "components",
            src,
            spans,
            diags,
        );
        index(
            &mut v.topics,
            cfg.topics.iter().map(|t| t.key.as_str()),
            "topics",
            src,
            spans,
            diags,
        );
        index(
            &mut v.roles,
            cfg.roles.iter().map(|t| t.key.as_str()),
            "roles",
            src,
            spans,
            diags,
        );
        index(
            &mut v.sources,
            cfg.sources.iter().map(|t| t.key.as_str()),
            "sources",
            src,
            spans,
            diags,
        );
        for (i, h) in cfg.hscps.iter().enumerate() {
            let path = format!("hscps[{i}].board");
            v.check_in(VocabKind::Board, &h.board, src, spans, &path, diags);
        }
        v
    }

    /// The key map of `kind`; `None` for zones, whose keys are fixed (`ZONE_KEYS`).
    fn map(&self, kind: VocabKind) -> Option<&HashMap<String, usize>> {
        Some(match kind {
            VocabKind::Board => &self.boards,
            VocabKind::Hscp => &self.hscps,
            VocabKind::Component => &self.components,
            VocabKind::Topic => &self.topics,
            VocabKind::Role => &self.roles,
            VocabKind::Source => &self.sources,
            VocabKind::Zone => return None,
        })
    }

    fn keys(&self, kind: VocabKind) -> Vec<&str> {
        let Some(map) = self.map(kind) else {
            return ZONE_KEYS.to_vec();
        };
        let mut k: Vec<&str> = map.keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }

    pub fn has(&self, kind: VocabKind, key: &str) -> bool {
        self.map(kind)
            .map_or_else(|| ZONE_KEYS.contains(&key), |m| m.contains_key(key))
    }

    /// Check `value`, found at `path` in `src`, is a key of `kind`.
    pub fn check_in(
        &self,
        kind: VocabKind,
        value: &str,
        src: &SourceFile,
        spans: &SpanIndex,
        path: &str,
        diags: &Diagnostics,
    ) -> bool {
        // The sorted key list is for the message: a hub checks tens of thousands of values.
        if self.has(kind, value) {
            return true;
        }
        let keys = self.keys(kind);
        let span = spans.value(path);
        let d = src.error(
            span.pos,
            span.width,
            format!("`{value}` is not {}", kind.noun()),
        );
        let d = match did_you_mean(value, keys.iter().copied()) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None if keys.is_empty() => d.help(format!("hub.yaml lists no {}", kind.list_name())),
            None if kind == VocabKind::Zone => {
                d.help(format!("the zones are: {}", keys.join(", ")))
            }
            None => d.help(format!(
                "use one of the {} listed in hub.yaml: {}",
                kind.list_name(),
                abbreviate(&keys)
            )),
        };
        diags.push(d);
        false
    }

    /// Check each entry of a list field.
    pub fn check_list<M>(
        &self,
        kind: VocabKind,
        doc: &Doc<M>,
        field: &str,
        values: &[String],
        diags: &Diagnostics,
    ) {
        for (i, v) in values.iter().enumerate() {
            self.check_in(
                kind,
                v,
                &doc.src,
                &doc.spans,
                &format!("{field}[{i}]"),
                diags,
            );
        }
        for (i, v) in values.iter().enumerate() {
            if values[..i].contains(v) {
                let span = doc.spans.value(&format!("{field}[{i}]"));
                diags.push(
                    doc.src
                        .warning(
                            span.pos,
                            span.width,
                            format!("`{v}` is listed twice in `{field}`"),
                        )
                        .help("remove the repeat"),
                );
            }
        }
    }
}

fn abbreviate(keys: &[&str]) -> String {
    if keys.len() <= 16 {
        keys.join(", ")
    } else {
        format!("{}, … ({} in all)", keys[..16].join(", "), keys.len())
    }
}

fn index<'a>(
    map: &mut HashMap<String, usize>,
    keys: impl Iterator<Item = &'a str>,
    list: &str,
    src: &SourceFile,
    spans: &SpanIndex,
    diags: &Diagnostics,
) {
    for (i, k) in keys.enumerate() {
        if !crate::slug::is_valid(k) {
            let span = spans.value(&format!("{list}[{i}].key"));
            diags.push(
                src.error(
                    span.pos,
                    span.width,
                    format!("`{k}` cannot be used as a key"),
                )
                .help("keys become web addresses: use lower-case letters, digits and hyphens"),
            );
        }
        if map.insert(k.to_string(), i).is_some() {
            let span = spans.value(&format!("{list}[{i}].key"));
            diags.push(
                src.error(
                    span.pos,
                    span.width,
                    format!("`{k}` is listed twice in `{list}`"),
                )
                .help("give each entry its own key"),
            );
        }
    }
}

pub fn check_summary(src: &SourceFile, spans: &SpanIndex, summary: &str, diags: &Diagnostics) {
    let n = summary.chars().count();
    let max = crate::content::case_study::SUMMARY_MAX_CHARS;
    if n > max {
        let span = spans.value("summary");
        diags.push(
            src.error(
                span.pos,
                span.width.min(40),
                format!("summary is {n} characters; the most is {max}"),
            )
            .help("shorten the summary to one or two plain sentences; put the detail in the body"),
        );
    }
}
