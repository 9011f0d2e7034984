//! "Related case studies": for each case study, the three that share the most topics (each
//! worth two) and components (each worth one), ties going to the newer.
//!
//! Every candidate's score is the weight of the tags it shares, so the best candidates are
//! found by walking, heaviest first, the subsets of a case study's own tags: an index from
//! each tag subset to the case studies holding all of it (newest first) gives the candidates
//! of each score directly, and the walk stops as soon as no lighter subset could beat the
//! third. The cost grows with the number of case studies times the subsets of their tags,
//! not with the square of the hub (scoring every case study that shares a tag took minutes at
//! 100,000). Hubs whose items carry very many tags fall back to that scan.

use crate::link::Site;
use rayon::prelude::*;
use std::collections::HashMap;

pub const RELATED: usize = 3;
/// Items with more distinct tags than this, or vocabularies with more tags than a `u128` has
/// bits, use the scan: the subset index would grow as two to the power of the tag count.
const MAX_TAGS_FOR_SUBSETS: usize = 8;

/// An item's distinct tags as (tag id, weight).
type Tags = Vec<(u32, u32)>;

/// Related case studies of every published case study, indexed like `content.case_studies`
/// (empty for drafts left out of the build).
pub fn related_all(site: &Site) -> Vec<Vec<usize>> {
    let cs = &site.content.case_studies;
    let mut ids: HashMap<(u8, &str), u32> = HashMap::new();
    let mut tags: Vec<Tags> = Vec::with_capacity(site.case_studies.len());
    for &j in &site.case_studies {
        let m = &cs[j].meta;
        let mut t: Tags = Vec::new();
        for (kind, list, weight) in [(0u8, &m.topics, 2), (1u8, &m.components, 1)] {
            for name in list {
                let next = ids.len() as u32;
                let id = *ids.entry((kind, name.as_str())).or_insert(next);
                if !t.iter().any(|&(x, _)| x == id) {
                    t.push((id, weight));
                }
            }
        }
        tags.push(t);
    }
    let by_position = by_subsets(&tags, ids.len()).unwrap_or_else(|| by_scan(&tags));
    let mut out = vec![Vec::new(); cs.len()];
    for (p, top) in by_position.into_iter().enumerate() {
        out[site.case_studies[p]] = top.into_iter().map(|q| site.case_studies[q]).collect();
    }
    out
}

/// Whether candidate `a` (score `sa`) ranks before `b` (score `sb`); positions are ages,
/// lower is newer.
fn before(sa: u32, a: usize, sb: u32, b: usize) -> bool {
    (sa, std::cmp::Reverse(a)) > (sb, std::cmp::Reverse(b))
}

/// Put `(score, j)` into `top` (best first, at most `RELATED`); false if it does not fit.
fn offer(top: &mut Vec<(u32, usize)>, score: u32, j: usize) -> bool {
    let at = top
        .iter()
        .position(|&(s, t)| before(score, j, s, t))
        .unwrap_or(top.len());
    if at >= RELATED {
        return false;
    }
    top.insert(at, (score, j));
    top.truncate(RELATED);
    true
}

fn shared(a: &Tags, b: &Tags) -> u32 {
    a.iter()
        .filter(|(id, _)| b.iter().any(|(x, _)| x == id))
        .map(|&(_, w)| w)
        .sum()
}

/// The subset walk (see the module comment); `None` when the tags are too many for it.
fn by_subsets(tags: &[Tags], vocabulary: usize) -> Option<Vec<Vec<usize>>> {
    if vocabulary > 128 || tags.iter().any(|t| t.len() > MAX_TAGS_FOR_SUBSETS) {
        return None;
    }
    let mask = |t: &Tags, pick: u32| -> u128 {
        t.iter()
            .enumerate()
            .filter(|(n, _)| pick & (1 << n) != 0)
            .fold(0u128, |m, (_, &(id, _))| m | (1u128 << id))
    };
    // Tag subset → the case studies holding all of it, newest first.
    let mut holders: HashMap<u128, Vec<usize>> = HashMap::new();
    for (p, t) in tags.iter().enumerate() {
        for pick in 1..(1u32 << t.len()) {
            holders.entry(mask(t, pick)).or_default().push(p);
        }
    }
    let top_of = |p: usize| -> Vec<usize> {
        let t = &tags[p];
        let mut subsets: Vec<(u32, u128)> = (1..(1u32 << t.len()))
            .map(|pick| {
                let w = t
                    .iter()
                    .enumerate()
                    .filter(|(n, _)| pick & (1 << n) != 0)
                    .map(|(_, &(_, w))| w)
                    .sum();
                (w, mask(t, pick))
            })
            .collect();
        subsets.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut top: Vec<(u32, usize)> = Vec::with_capacity(RELATED + 1);
        for (weight, m) in subsets {
            // Every candidate not yet seen shares at most this much.
            if top.len() == RELATED && weight < top[RELATED - 1].0 {
                break;
            }
            for &j in holders.get(&m).map_or(&[][..], Vec::as_slice) {
                if j == p || top.iter().any(|&(_, t)| t == j) {
                    continue;
                }
                // Later holders are older and score no more than one that did not fit.
                if !offer(&mut top, shared(t, &tags[j]), j) {
                    break;
                }
            }
        }
        top.into_iter().map(|(_, j)| j).collect()
    };
    Some((0..tags.len()).into_par_iter().map(top_of).collect())
}

/// Score every case study sharing a tag: simple, and quadratic on large hubs.
fn by_scan(tags: &[Tags]) -> Vec<Vec<usize>> {
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (p, t) in tags.iter().enumerate() {
        for &(id, _) in t {
            postings.entry(id).or_default().push(p);
        }
    }
    (0..tags.len())
        .into_par_iter()
        .map_init(
            || (vec![0u32; tags.len()], Vec::new()),
            |(score, touched), p| {
                for &(id, w) in &tags[p] {
                    for &j in postings.get(&id).map_or(&[][..], Vec::as_slice) {
                        if j != p {
                            if score[j] == 0 {
                                touched.push(j);
                            }
                            score[j] += w;
                        }
                    }
                }
                let mut top = Vec::with_capacity(RELATED + 1);
                for &j in touched.iter() {
                    offer(&mut top, score[j], j);
                }
                for &j in touched.iter() {
                    score[j] = 0;
                }
                touched.clear();
                top.into_iter().map(|(_, j)| j).collect()
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_walk_finds_what_scoring_everything_finds() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as u32
        };
        for (items, vocab) in [(50, 6), (400, 12), (2000, 29), (3000, 5)] {
            let tags: Vec<Tags> = (0..items)
                .map(|_| {
                    let mut t: Tags = Vec::new();
                    for _ in 0..next(6) {
                        let id = next(vocab);
                        if !t.iter().any(|&(x, _)| x == id) {
                            // Low ids are topics (weight 2), the rest components.
                            t.push((id, if u64::from(id) < vocab / 2 { 2 } else { 1 }));
                        }
                    }
                    t
                })
                .collect();
            let fast = by_subsets(&tags, vocab as usize).expect("small vocabulary");
            assert_eq!(fast, by_scan(&tags), "{items} items, {vocab} tags");
        }
    }
}
