//! Words and phrases that mean the same to the hub's readers (`OOH` and "out of hours"),
//! declared once in `hub.yaml` under `search: synonyms:` and applied at query time: a query that
//! says one of a group's entries also searches for the others. They travel with the index (its
//! commit payload, `payload`) and its export (`meta.bin`), so `ithub search`, `serve` and the
//! browser apply the same groups to the same analysed words.

use super::query::analyse;
use serde::{Deserialize, Serialize};

/// One way of saying something, as the index's terms: one term, or several forming a phrase.
pub type Entry = Vec<String>;

/// The synonym groups, each entry analysed as the index analyses text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Synonyms {
    groups: Vec<Vec<Entry>>,
}

/// A run of query words that is one of a group's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    /// How many words the entry covers.
    pub(crate) len: usize,
    group: usize,
    entry: usize,
}

impl Synonyms {
    /// The groups of `hub.yaml`, analysed. Entries with no words are left out (`config`'s
    /// validation reports them).
    pub fn new(groups: &[Vec<String>]) -> Synonyms {
        let groups = groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|e| entry_terms(e))
                    .filter(|e| !e.is_empty())
                    .collect()
            })
            .collect();
        Synonyms { groups }
    }

    /// The longest entry that `stems[at..]` begins with, if any. Entries are unique across
    /// groups (validation), so the first found at a length is the only one.
    pub(crate) fn longest_at(&self, stems: &[String], at: usize) -> Option<Match> {
        let rest = &stems[at..];
        let mut best: Option<Match> = None;
        for (group, entries) in self.groups.iter().enumerate() {
            for (entry, e) in entries.iter().enumerate() {
                let longer = best.is_none_or(|b| e.len() > b.len);
                if longer && rest.starts_with(e) {
                    best = Some(Match {
                        len: e.len(),
                        group,
                        entry,
                    });
                }
            }
        }
        best
    }

    /// The entries of `m`'s group other than the one matched, in the order declared.
    pub(crate) fn others(&self, m: Match) -> impl Iterator<Item = &Entry> {
        self.groups[m.group]
            .iter()
            .enumerate()
            .filter(move |(i, _)| *i != m.entry)
            .map(|(_, e)| e)
    }
}

/// `text` (an entry as written in hub.yaml) as the index's terms.
pub(crate) fn entry_terms(text: &str) -> Entry {
    analyse(text).into_iter().map(|t| t.term).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(groups: &[&[&str]]) -> Synonyms {
        let g: Vec<Vec<String>> = groups
            .iter()
            .map(|g| g.iter().map(|e| e.to_string()).collect())
            .collect();
        Synonyms::new(&g)
    }

    fn stems(text: &str) -> Vec<String> {
        entry_terms(text)
    }

    #[test]
    fn entries_are_analysed_and_the_longest_match_wins() {
        let syn = s(&[&["OOH", "out of hours"], &["out", "outside"]]);
        let words = stems("Out of Hours services");
        let m = syn.longest_at(&words, 0).unwrap();
        assert_eq!(m.len, 3, "the phrase beats the one-word entry `out`");
        let others: Vec<&Entry> = syn.others(m).collect();
        assert_eq!(others, [&vec!["ooh".to_string()]]);
        assert_eq!(syn.longest_at(&words, 3), None);
        let m = syn.longest_at(&stems("ooh"), 0).unwrap();
        assert_eq!(syn.others(m).next().unwrap(), &stems("out of hours"));
    }

    #[test]
    fn an_entry_matches_only_where_it_starts() {
        let syn = s(&[&["cql", "cluster quality lead"]]);
        let words = stems("new cluster quality leads");
        assert_eq!(syn.longest_at(&words, 0), None);
        assert_eq!(syn.longest_at(&words, 1).map(|m| m.len), Some(3));
    }
}
