//! Freshness: every page should name who keeps it up to date, and be reviewed by its
//! `review_by` date. Warnings only: an old page is still worth reading, and the site itself
//! tells readers it may be out of date.

use super::Target;
use crate::diagnostics::Diagnostic;
use chrono::{Months, NaiveDate};

pub fn check(item: &Target<'_>, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(due) = item.review_by.filter(|d| d.0 < today) {
        let span = item.spans.value("review_by");
        let next = today
            .checked_add_months(Months::new(24))
            .unwrap_or(today)
            .format("%Y-%m-%d");
        out.push(
            item.src
                .warning(
                    span.pos,
                    span.width,
                    format!("review date {due} has passed: this page may be out of date"),
                )
                .help(format!(
                    "check the page is still right, then set a new date, e.g. `review_by: {next}`"
                )),
        );
    }
    let named = |o: &Option<String>| o.as_deref().is_some_and(|s| !s.trim().is_empty());
    if !named(&item.owner) {
        let span = item.spans.key("title");
        out.push(
            item.src
                .warning(
                    span.pos,
                    span.width,
                    "no `owner`: nobody is named to keep this page up to date",
                )
                .help(
                    "add the team that looks after it, e.g. `owner: NHS Lothian primary care team`",
                ),
        );
    }
    out
}
