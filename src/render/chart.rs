//! Case-study outcomes as a small SVG bar chart drawn at build time.
//!
//! Only `change` outcomes are drawn: a figure measured once has nothing to compare, and a pair
//! of bars would read as a change. Each measure gets a pair of bars (before, after) scaled to that measure's own maximum, since
//! measures have different units. The chart is an image with a text alternative; the same
//! numbers are always in a table beside it, so nothing depends on seeing the picture.

use crate::content::case_study::Outcome;
use std::fmt::Write as _;

const WIDTH: f64 = 480.0;
const LABEL_W: f64 = 0.0;
const BAR_H: f64 = 18.0;
const ROW_GAP: f64 = 30.0;

fn esc(s: &str) -> String {
    crate::escape::escape(s)
}

pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// `None` when no outcome is a change with both numbers to compare.
pub fn outcomes_svg(outcomes: &[Outcome], id: &str) -> Option<String> {
    let rows: Vec<(&Outcome, f64, f64)> = outcomes
        .iter()
        .filter_map(|o| o.change().map(|(b, a)| (o, b, a)))
        .filter(|(_, b, a)| b.is_finite() && a.is_finite())
        .collect();
    if rows.is_empty() {
        return None;
    }
    let row_h = BAR_H * 2.0 + ROW_GAP;
    let height = rows.len() as f64 * row_h + 10.0;
    let mut desc = String::new();
    for (o, b, a) in &rows {
        let unit = o
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let _ = write!(
            desc,
            "{}: before {}{unit}, after {}{unit}. ",
            o.measure,
            fmt_num(*b),
            fmt_num(*a)
        );
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="outcome-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">Outcomes before and after</title><desc id="{id}-d">{}</desc>"#,
        esc(desc.trim_end())
    );
    for (i, (o, b, a)) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 14.0;
        let max = b.abs().max(a.abs()).max(f64::MIN_POSITIVE);
        let usable = WIDTH - LABEL_W - 90.0;
        let _ = write!(
            svg,
            r#"<text class="measure" x="0" y="{y}">{}</text>"#,
            esc(&o.measure)
        );
        for (j, (label, v)) in [("Before", *b), ("After", *a)].iter().enumerate() {
            let by = y + 6.0 + j as f64 * BAR_H;
            let w = (v.abs() / max * usable).max(1.0);
            let class = if j == 0 { "before" } else { "after" };
            let _ = write!(
                svg,
                r#"<rect class="{class}" x="{LABEL_W}" y="{by}" width="{w:.1}" height="{h}"/><text class="value" x="{tx:.1}" y="{ty:.1}">{label} {}</text>"#,
                esc(&fmt_num(*v)),
                h = BAR_H - 4.0,
                tx = LABEL_W + w + 6.0,
                ty = by + BAR_H - 7.0,
            );
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::case_study::OutcomeKind;

    fn o(m: &str, b: Option<f64>, a: Option<f64>) -> Outcome {
        Outcome {
            measure: m.into(),
            kind: OutcomeKind::Change,
            before: b,
            after: a,
            value: None,
            unit: Some("%".into()),
            period: None,
            measured_by: None,
        }
    }

    #[test]
    fn never_draws_a_figure_measured_once() {
        for kind in [
            OutcomeKind::Single,
            OutcomeKind::Baseline,
            OutcomeKind::Reach,
        ] {
            let once = Outcome {
                kind,
                ..o("Practices", Some(10.0), Some(95.0))
            };
            assert!(
                outcomes_svg(&[once], "c").is_none(),
                "{kind:?} drawn as a change"
            );
        }
    }

    #[test]
    fn draws_one_pair_of_bars_per_complete_outcome() {
        let svg = outcomes_svg(
            &[
                o("Reviews done", Some(40.0), Some(85.5)),
                o("No numbers", None, Some(1.0)),
            ],
            "c",
        )
        .unwrap();
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("Reviews done: before 40 %, after 85.5 %."));
        assert!(svg.contains(r#"role="img""#));
        assert!(outcomes_svg(&[o("x", None, None)], "c").is_none());
    }

    #[test]
    fn escapes_measure_names() {
        let svg = outcomes_svg(&[o("<b>&", Some(1.0), Some(2.0))], "c").unwrap();
        assert!(svg.contains("&lt;b&gt;&amp;"));
    }
}
