//! `search: synonyms:` in hub.yaml: each group lists ways of saying one thing. A query saying
//! one entry also searches for the others, so an entry must be something a query can say
//! (it has words), a group must offer an alternative, and an entry may belong to one group
//! only, or which alternatives it brings would depend on the order of the file.

use crate::search::synonyms::entry_terms;
use std::collections::BTreeMap;

/// A problem with one entry (or, with `entry` `None`, a whole group).
#[derive(Debug, PartialEq)]
pub(super) struct Problem {
    pub(super) group: usize,
    pub(super) entry: Option<usize>,
    pub(super) message: String,
    pub(super) help: String,
}

/// Every problem with `groups`.
pub(super) fn problems(groups: &[Vec<String>]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<Vec<String>, (usize, String)> = BTreeMap::new();
    for (g, group) in groups.iter().enumerate() {
        for (e, text) in group.iter().enumerate() {
            let terms = entry_terms(text);
            if terms.is_empty() {
                out.push(Problem {
                    group: g,
                    entry: Some(e),
                    message: format!("synonym `{text}` has no words to search for"),
                    help: "write a word or phrase, e.g. `out of hours`, or remove the entry".into(),
                });
                continue;
            }
            match seen.get(&terms) {
                Some((first, said)) => out.push(Problem {
                    group: g,
                    entry: Some(e),
                    message: if *first == g {
                        format!("synonym `{text}` says the same as `{said}` in this group")
                    } else {
                        format!(
                            "synonym `{text}` is already in group {} (as `{said}`)",
                            first + 1
                        )
                    },
                    help: "each word or phrase may be in one group once: merge the groups or \
                           remove this entry"
                        .into(),
                }),
                None => {
                    seen.insert(terms, (g, text.clone()));
                }
            }
        }
        if group.len() < 2 {
            out.push(Problem {
                group: g,
                entry: None,
                message: "a synonym group needs at least two ways of saying it".into(),
                help: "add the other spelling or phrase, e.g. `[OOH, out of hours]`".into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(g: &[&[&str]]) -> Vec<Vec<String>> {
        g.iter()
            .map(|g| g.iter().map(|e| e.to_string()).collect())
            .collect()
    }

    #[test]
    fn good_groups_pass() {
        assert_eq!(
            problems(&groups(&[
                &["OOH", "out of hours"],
                &["CQL", "cluster quality lead"]
            ])),
            []
        );
    }

    #[test]
    fn every_bad_entry_is_reported() {
        let p = problems(&groups(&[
            &["OOH", "out of hours", "Out-of-hours"],
            &["ooh", "--"],
            &["lonely"],
        ]));
        let at: Vec<(usize, Option<usize>)> = p.iter().map(|p| (p.group, p.entry)).collect();
        assert_eq!(at, [(0, Some(2)), (1, Some(0)), (1, Some(1)), (2, None)]);
        assert!(
            p[0].message.contains("same as `out of hours`"),
            "{}",
            p[0].message
        );
        assert!(
            p[1].message.contains("already in group 1"),
            "{}",
            p[1].message
        );
        assert!(p[2].message.contains("no words"), "{}", p[2].message);
    }
}
