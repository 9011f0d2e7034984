//! From the parts of a query to the clauses tantivy scores: each word's term (or, for the
//! word being typed, the terms it begins), each phrase, the other entries of any synonym group
//! a run of words says, and a correction for a word the index does not hold.
//!
//! The static client (`search.js`) makes the same plan from the export; the constants here
//! reach it through `meta.bin`, so the two cannot drift apart.

use super::lexicon::Dictionary;
use super::parse::{parse, Part};
use super::words::Token;
use crate::search::synonyms::{Entry, Synonyms};
use serde::{Deserialize, Serialize};

/// How many dictionary terms the last word may expand to.
pub(crate) const MAX_EXPANSIONS: usize = 16;
/// A last word shorter than this matches only itself, not as a prefix.
pub(crate) const MIN_PREFIX_CHARS: usize = 2;

/// When a word is corrected, and to what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Fuzzy {
    /// Terms shorter than this (in characters) are never corrected: too many short words are
    /// one edit from each other.
    pub(crate) min_chars: usize,
    /// Terms this long or longer may be two edits from their correction; shorter ones one.
    pub(crate) long_chars: usize,
    /// A word is corrected only if at most this many documents hold it…
    pub(crate) few: u64,
    /// …and its correction is held by more than `gain` times as many.
    pub(crate) gain: u64,
}

/// The correction rule every search applies.
pub(crate) const FUZZY: Fuzzy = Fuzzy {
    min_chars: 4,
    long_chars: 8,
    few: 1,
    gain: 4,
};

impl Fuzzy {
    /// The edits allowed between `term` and its correction; `None` if it is too short.
    fn distance(&self, term: &str) -> Option<u8> {
        let n = term.chars().count();
        (n >= self.min_chars).then_some(if n >= self.long_chars { 2 } else { 1 })
    }
}

/// What a search looks for, scored in every text field with the field's boost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Clause {
    /// One term.
    Term(String),
    /// Terms at these offsets from the first one's position, all present there.
    Phrase(Vec<(usize, String)>),
}

impl Clause {
    /// The terms the clause looks for.
    pub(crate) fn terms(&self) -> Vec<&str> {
        match self {
            Clause::Term(t) => vec![t.as_str()],
            Clause::Phrase(ts) => ts.iter().map(|(_, t)| t.as_str()).collect(),
        }
    }

    fn of_entry(e: &Entry) -> Clause {
        match e.as_slice() {
            [one] => Clause::Term(one.clone()),
            many => Clause::Phrase(many.iter().cloned().enumerate().collect()),
        }
    }
}

/// A word the search replaced by the nearest one the hub holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// The word as typed (lower-cased).
    pub typed: String,
    /// What it was taken to mean, spelt as the typed word was around its stem.
    pub shown: String,
}

/// A query's clauses and the corrections made on the way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) clauses: Vec<Clause>,
    pub(crate) corrections: Vec<Correction>,
    /// The text with each corrected word replaced, when any was.
    pub(crate) corrected_text: Option<String>,
}

impl Plan {
    fn push(&mut self, c: Clause) {
        if !self.clauses.contains(&c) {
            self.clauses.push(c);
        }
    }
}

/// The plan of `text` over `lexicon`; `verbatim` turns corrections off.
pub(crate) fn plan(
    lexicon: &impl Dictionary,
    synonyms: &Synonyms,
    text: &str,
    verbatim: bool,
) -> tantivy::Result<Plan> {
    let parts = parse(text);
    let mut plan = Plan::default();
    let mut replaced: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        match &parts[i] {
            Part::Exact(t) => plan.push(Clause::Term(t.term.clone())),
            Part::Phrase(ts) => {
                let first = ts[0].position;
                plan.push(Clause::Phrase(
                    ts.iter()
                        .map(|t| (t.position - first, t.term.clone()))
                        .collect(),
                ));
            }
            Part::Word { .. } => {
                let run: Vec<(&Token, bool)> = parts[i..]
                    .iter()
                    .map_while(|p| match p {
                        Part::Word { token, prefix } => Some((token, *prefix)),
                        _ => None,
                    })
                    .collect();
                i += run.len();
                words(lexicon, synonyms, &run, verbatim, &mut plan, &mut replaced)?;
                continue;
            }
        }
        i += 1;
    }
    if !replaced.is_empty() {
        let mut out = text.to_string();
        for (from, to, shown) in replaced.iter().rev() {
            out.replace_range(from..to, shown);
        }
        plan.corrected_text = Some(out);
    }
    Ok(plan)
}

/// The clauses of a run of unquoted words: synonyms match across it, longest entry first.
fn words(
    lexicon: &impl Dictionary,
    synonyms: &Synonyms,
    run: &[(&Token, bool)],
    verbatim: bool,
    plan: &mut Plan,
    replaced: &mut Vec<(usize, usize, String)>,
) -> tantivy::Result<()> {
    let stems: Vec<String> = run.iter().map(|(t, _)| t.term.clone()).collect();
    let mut i = 0;
    while i < run.len() {
        let Some(m) = synonyms.longest_at(&stems, i) else {
            let (token, prefix) = run[i];
            word(lexicon, token, prefix, !verbatim, plan, replaced)?;
            i += 1;
            continue;
        };
        for &(token, prefix) in &run[i..i + m.len] {
            word(lexicon, token, prefix, false, plan, replaced)?;
        }
        for e in synonyms.others(m) {
            plan.push(Clause::of_entry(e));
        }
        i += m.len;
    }
    Ok(())
}

/// One word's clauses: its term, the terms it begins if it is being typed, or its correction.
fn word(
    lexicon: &impl Dictionary,
    token: &Token,
    prefix: bool,
    correct: bool,
    plan: &mut Plan,
    replaced: &mut Vec<(usize, usize, String)>,
) -> tantivy::Result<()> {
    if prefix {
        let expansions = expand(lexicon, token)?;
        if !expansions.is_empty() {
            expansions
                .into_iter()
                .for_each(|t| plan.push(Clause::Term(t)));
            return Ok(());
        }
    }
    let own = &token.term;
    if correct {
        if let Some(better) = correction(lexicon, own)? {
            let shown = spelt_as_typed(&token.raw, own, &better);
            replaced.push((token.from, token.to, shown.clone()));
            plan.corrections.push(Correction {
                typed: token.raw.clone(),
                shown,
            });
            plan.push(Clause::Term(better));
            return Ok(());
        }
    }
    if !prefix {
        plan.push(Clause::Term(own.clone()));
    }
    Ok(())
}

/// The correction `better` of the typed word `raw` (whose term is `own`), spelt as `raw` was
/// around its stem: the stemmer cuts or changes a word's ending (`diabtes` → `diabt`,
/// `frialty` → `frialti`), so the typed ending goes back where the stem's own ending was
/// (`diabet` → `diabetes`, `frailti` → `frailty`). Where the two endings do not line up, the
/// correction is shown as the term it is.
fn spelt_as_typed(raw: &str, own: &str, better: &str) -> String {
    let common = raw
        .chars()
        .zip(own.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let (own_end, raw_end) = (&own[common..], &raw[common..]);
    match better.strip_suffix(own_end) {
        Some(stem) => format!("{stem}{raw_end}"),
        None => better.to_string(),
    }
}

/// The word being typed: its own term (if indexed) and the most frequent terms it begins.
fn expand(lexicon: &impl Dictionary, token: &Token) -> tantivy::Result<Vec<String>> {
    let own = &token.term;
    let mut found = std::collections::BTreeMap::new();
    let held = lexicon.doc_freq(own)?;
    if held > 0 {
        found.insert(own.clone(), held);
    }
    if token.raw.chars().count() >= MIN_PREFIX_CHARS {
        for (t, n) in lexicon.prefixed(&token.raw)? {
            if t != *own {
                found.insert(t, n);
            }
        }
    }
    let own_found = found.remove(own).is_some();
    let mut ranked: Vec<(String, u64)> = found.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = Vec::new();
    if own_found {
        out.push(own.clone());
    }
    out.extend(ranked.into_iter().map(|(t, _)| t));
    out.truncate(MAX_EXPANSIONS);
    Ok(out)
}

/// The term `own` should be read as, if the hub holds (almost) no document with it and a near
/// term is held by many more: the nearest, then the most held, then the first in byte order.
fn correction(lexicon: &impl Dictionary, own: &str) -> tantivy::Result<Option<String>> {
    let Some(distance) = FUZZY.distance(own) else {
        return Ok(None);
    };
    let held = lexicon.doc_freq(own)?;
    if held > FUZZY.few {
        return Ok(None);
    }
    let best = lexicon
        .near(own, distance)?
        .into_iter()
        .filter(|n| n.doc_freq > FUZZY.gain * held)
        .min_by(|a, b| {
            (a.distance, std::cmp::Reverse(a.doc_freq), &a.term).cmp(&(
                b.distance,
                std::cmp::Reverse(b.doc_freq),
                &b.term,
            ))
        });
    Ok(best.map(|n| n.term))
}

#[cfg(test)]
mod tests {
    use super::spelt_as_typed;

    #[test]
    fn a_correction_keeps_the_typed_ending() {
        assert_eq!(spelt_as_typed("diabtes", "diabt", "diabet"), "diabetes");
        assert_eq!(spelt_as_typed("frialty", "frialti", "frailti"), "frailty");
        assert_eq!(spelt_as_typed("shetlnd", "shetlnd", "shetland"), "shetland");
        assert_eq!(spelt_as_typed("cafés", "café", "cafe"), "cafes");
        assert_eq!(spelt_as_typed("happy", "happi", "hapo"), "hapo");
    }
}
