//! `case-studies/<slug>.md`: what one cluster did, and the figures it reports, each with the
//! kind that says how it may be shown.

use super::common::{impl_common, opt_text, Date};
use crate::diagnostics::Diagnostics;
use crate::source::spans::SpanIndex;
use crate::source::SourceFile;
use serde::{Deserialize, Serialize};

/// Longest summary allowed: it is shown on cards and in search results.
pub(crate) const SUMMARY_MAX_CHARS: usize = 300;

/// Front matter of `case-studies/<slug>.md`: one cluster's piece of work, tagged with its
/// board, zones, components and topics.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStudyMeta {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) cluster: String,
    pub(crate) board: String,
    pub(crate) hscp: Option<String>,
    pub(crate) zones: Vec<String>,
    pub(crate) components: Vec<String>,
    #[serde(default)]
    pub(crate) topics: Vec<String>,
    pub(crate) published: Date,
    pub(crate) updated: Option<Date>,
    pub(crate) review_by: Option<Date>,
    pub(crate) owner: Option<String>,
    /// The figures the case study reports, only ones its source gives; `check_outcomes` holds
    /// each to its kind.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// The only field where an email address or phone number may appear.
    pub(crate) contact: Option<String>,
    #[serde(default)]
    pub(crate) draft: bool,
    #[serde(default)]
    pub(crate) sources: Vec<String>,
}

impl_common!(CaseStudyMeta);

/// What an outcome's numbers are: only a `Change` has a before and an after to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeKind {
    /// The same measure taken before and after the work (`before` and `after`).
    Change,
    /// A starting point measured once, for comparing with later (`value`).
    Baseline,
    /// A result measured once, with nothing to compare it with (`value`).
    Single,
    /// How many people, practices or clusters the work reached (`value`).
    Reach,
}

/// One figure a case study reports: what was measured (`measure`), when (`period`) and by whom
/// (`measured_by`). Numbers serialize as the text a page shows (`85.5`, not `85.5000`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// What was measured (`Referrals to CAMHS`).
    pub measure: String,
    /// What the numbers are; it decides which of `before`, `after` and `value` the outcome has.
    pub kind: OutcomeKind,
    /// The figure before the work: `change` outcomes only, and required there.
    #[serde(default, serialize_with = "shown")]
    pub before: Option<f64>,
    /// The figure after the work: `change` outcomes only, and required there.
    #[serde(default, serialize_with = "shown")]
    pub after: Option<f64>,
    /// The one figure of a `baseline`, `single` or `reach` outcome, required there.
    #[serde(default, serialize_with = "shown")]
    pub value: Option<f64>,
    pub(crate) unit: Option<String>,
    /// When it was measured, as the source gives it (`2019-20`, `June 2020`); a bare number is
    /// read as text. A warning when missing.
    #[serde(default, deserialize_with = "opt_text")]
    pub period: Option<String>,
    /// Who measured it, as the source gives it. A warning when missing.
    pub measured_by: Option<String>,
}

impl Outcome {
    /// The before and after figures, when this outcome is a change that has both.
    pub(crate) fn change(&self) -> Option<(f64, f64)> {
        match self.kind {
            OutcomeKind::Change => Some((self.before?, self.after?)),
            _ => None,
        }
    }
}

fn shown<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => s.serialize_some(&crate::render::chart::fmt_num(*x)),
        None => s.serialize_none(),
    }
}

/// Check each outcome's numbers fit its kind, so a single figure, a baseline or a reach count is
/// never shown as a before/after change, and that each says when and by whom it was measured.
pub(crate) fn check_outcomes(
    outcomes: &[Outcome],
    src: &SourceFile,
    spans: &SpanIndex,
    diags: &Diagnostics,
) {
    for (i, o) in outcomes.iter().enumerate() {
        let at = |field: &str| spans.value(&format!("outcomes[{i}].{field}"));
        let problem = |field: &str, message: String, help: &str| {
            let span = at(field);
            diags.push(
                src.error(span.pos, span.width.min(40), message)
                    .help(help.to_string()),
            );
        };
        let kind = format!("{:?}", o.kind).to_lowercase();
        if o.kind == OutcomeKind::Change {
            for (field, v) in [("before", o.before), ("after", o.after)] {
                if v.is_none() {
                    problem(
                        "kind",
                        format!("a `change` outcome needs `{field}`"),
                        "give both `before` and `after`; a figure measured once is `kind: single`, `baseline` or `reach` with `value`",
                    );
                }
            }
            if o.value.is_some() {
                problem(
                    "value",
                    "a `change` outcome has `before` and `after`, not `value`".into(),
                    "remove `value`",
                );
            }
        } else {
            for (field, v) in [("before", o.before), ("after", o.after)] {
                if v.is_some() {
                    problem(
                        field,
                        format!("a `{kind}` outcome cannot have `{field}`: it was measured once"),
                        "write the figure as `value`; use `kind: change` only when the source gives both a before and an after",
                    );
                }
            }
            if o.value.is_none() {
                problem(
                    "kind",
                    format!("a `{kind}` outcome needs `value`"),
                    "add the figure as `value: <number>`",
                );
            }
        }
        for (field, v, what) in [
            ("period", &o.period, "when"),
            ("measured_by", &o.measured_by, "by whom"),
        ] {
            if v.as_deref().is_none_or(|t| t.trim().is_empty()) {
                let span = spans.value(&format!("outcomes[{i}]"));
                diags.push(
                    src.warning(span.pos, span.width.min(40), format!("outcome `{}` does not say {what} it was measured", o.measure))
                        .help(format!("add `{field}:` as the source gives it, or `{field}: not given in the source`")),
                );
            }
        }
    }
}
