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
    let (tags, vocabulary) = tags_of(site);
    let by_position = by_subsets(&tags, vocabulary).unwrap_or_else(|| by_scan(&tags));
    by_content(site, by_position)
}

/// More edited case studies than this at once, and `again` works out every list.
const AGAIN_AT_MOST: usize = 32;

/// Related case studies after an edit, as `related_all` gives them, from the last build's.
/// `before` is indexed like `content.case_studies` now, each case study's last list with each
/// entry's index now (`None` for one gone); `edited` are the case studies new or changed
/// (indices now). The other case studies' tags, and so their scores and order, are as they
/// were: a list holding no edited or gone case study can change only by an edited one
/// entering it, so only the lists holding one are worked out again (from the tag postings);
/// `serve` at 10,000 case studies spent 55 ms working out all of them after adding one.
pub fn again(
    site: &Site,
    before: &[Vec<Option<usize>>],
    edited: &std::collections::HashSet<usize>,
) -> Vec<Vec<usize>> {
    if edited.len() > AGAIN_AT_MOST {
        return related_all(site);
    }
    let (tags, _) = tags_of(site);
    let mut position = vec![None; site.content.case_studies.len()];
    for (p, &j) in site.case_studies.iter().enumerate() {
        position[j] = Some(p);
    }
    // The same in positions: the last lists (`None` for a case study gone or no longer
    // published), and which positions hold an edited case study.
    let last: Vec<Vec<Option<usize>>> = site
        .case_studies
        .iter()
        .map(|&j| {
            let list = before.get(j).map_or(&[][..], Vec::as_slice);
            list.iter().map(|q| q.and_then(|q| position[q])).collect()
        })
        .collect();
    let changed: Vec<bool> = site
        .case_studies
        .iter()
        .map(|j| edited.contains(j))
        .collect();
    by_content(site, again_at(&tags, &last, &changed))
}

/// `again` in positions: each position's last list, and whether it holds an edited item.
fn again_at(tags: &[Tags], last: &[Vec<Option<usize>>], edited: &[bool]) -> Vec<Vec<usize>> {
    let postings = postings_of(tags);
    let entering: Vec<usize> = (0..tags.len()).filter(|&p| edited[p]).collect();
    (0..tags.len())
        .into_par_iter()
        .map(|p| {
            let held = &last[p];
            if stale(held, edited, p) {
                return scan_one(tags, &postings, p);
            }
            let mut top = Vec::with_capacity(RELATED + 1);
            for q in held
                .iter()
                .flatten()
                .copied()
                .chain(entering.iter().copied())
            {
                let score = shared(&tags[p], &tags[q]);
                if q != p && score > 0 {
                    offer(&mut top, score, q);
                }
            }
            top.into_iter().map(|(_, q)| q).collect()
        })
        .collect()
}

/// The published case studies' tags, by position (newest first), and how many tags there are.
fn tags_of(site: &Site) -> (Vec<Tags>, usize) {
    let cs = &site.content.case_studies;
    let mut ids: crate::hash::FnvMap<(u8, &str), u32> = Default::default();
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
    (tags, ids.len())
}

/// Lists by position turned into lists by index into `content.case_studies`.
fn by_content(site: &Site, by_position: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); site.content.case_studies.len()];
    for (p, top) in by_position.into_iter().enumerate() {
        out[site.case_studies[p]] = top.into_iter().map(|q| site.case_studies[q]).collect();
    }
    out
}

/// Whether position `p`'s last list (`held`) must be worked out again: `p` was edited, or its
/// list holds one edited or gone.
fn stale(held: &[Option<usize>], edited: &[bool], p: usize) -> bool {
    edited[p] || held.iter().any(|q| q.is_none_or(|q| edited[q]))
}

/// Tag → the positions holding it, in order.
fn postings_of(tags: &[Tags]) -> HashMap<u32, Vec<usize>> {
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (p, t) in tags.iter().enumerate() {
        for &(id, _) in t {
            postings.entry(id).or_default().push(p);
        }
    }
    postings
}

/// One case study's list, scoring every case study that shares a tag with it.
fn scan_one(tags: &[Tags], postings: &HashMap<u32, Vec<usize>>, p: usize) -> Vec<usize> {
    let mut score: HashMap<usize, u32> = HashMap::new();
    for &(id, w) in &tags[p] {
        for &q in postings.get(&id).map_or(&[][..], Vec::as_slice) {
            if q != p {
                *score.entry(q).or_default() += w;
            }
        }
    }
    let mut top = Vec::with_capacity(RELATED + 1);
    for (q, s) in score {
        offer(&mut top, s, q);
    }
    top.into_iter().map(|(_, q)| q).collect()
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
    let postings = postings_of(tags);
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

    /// Xorshift: `next(n)` is below `n`.
    fn numbers(mut seed: u64) -> impl FnMut(u64) -> u32 {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as u32
        }
    }

    /// Up to `most - 1` distinct tags of `vocab`: low ids are topics (weight 2), the rest
    /// components.
    fn some_tags(next: &mut dyn FnMut(u64) -> u32, most: u64, vocab: u64) -> Tags {
        let mut t: Tags = Vec::new();
        for _ in 0..next(most) {
            let id = next(vocab);
            if !t.iter().any(|&(x, _)| x == id) {
                t.push((id, if u64::from(id) < vocab / 2 { 2 } else { 1 }));
            }
        }
        t
    }

    #[test]
    fn the_subset_walk_finds_what_scoring_everything_finds() {
        let mut next = numbers(0x2545_f491_4f6c_dd1d);
        for (items, vocab) in [(50, 6), (400, 12), (2000, 29), (3000, 5)] {
            let tags: Vec<Tags> = (0..items).map(|_| some_tags(&mut next, 6, vocab)).collect();
            let fast = by_subsets(&tags, vocab as usize).expect("small vocabulary");
            assert_eq!(fast, by_scan(&tags), "{items} items, {vocab} tags");
        }
    }

    /// After items are added, deleted and retagged, working out again only the lists an edit
    /// can reach gives every list that scoring everything gives.
    #[test]
    fn again_after_edits_finds_what_scoring_everything_finds() {
        let mut next = numbers(0x9e37_79b9_7f4a_7c15);
        let vocab = 10u64;
        let (mut recomputed, mut kept) = (0, 0);
        for round in 0..200 {
            // Items by name, newest first; an edit deletes, retags or adds a few.
            let n = 20 + next(200) as usize;
            let mut items: Vec<(u32, Tags)> = (0..n as u32)
                .map(|name| (name, some_tags(&mut next, 5, vocab)))
                .collect();
            let tags: Vec<Tags> = items.iter().map(|(_, t)| t.clone()).collect();
            let old = by_scan(&tags);
            let old_names: Vec<u32> = items.iter().map(|(name, _)| *name).collect();
            let mut edited_names = Vec::new();
            for _ in 0..=next(3) {
                match next(3) {
                    0 if items.len() > 2 => {
                        items.remove(next(items.len() as u64) as usize);
                    }
                    1 => {
                        let at = next(items.len() as u64) as usize;
                        items[at].1 = some_tags(&mut next, 5, vocab);
                        edited_names.push(items[at].0);
                    }
                    _ => {
                        let name = 1000 + round * 10 + next(10);
                        if items.iter().all(|(x, _)| *x != name) {
                            let at = next(items.len() as u64 + 1) as usize;
                            items.insert(at, (name, some_tags(&mut next, 5, vocab)));
                            edited_names.push(name);
                        }
                    }
                }
            }
            let position = |name: u32| items.iter().position(|(x, _)| *x == name);
            let last: Vec<Vec<Option<usize>>> = items
                .iter()
                .map(|(name, _)| match old_names.iter().position(|x| x == name) {
                    Some(o) => old[o].iter().map(|&q| position(old_names[q])).collect(),
                    None => Vec::new(),
                })
                .collect();
            let edited: Vec<bool> = items
                .iter()
                .map(|(name, _)| edited_names.contains(name))
                .collect();
            let tags: Vec<Tags> = items.iter().map(|(_, t)| t.clone()).collect();
            let again = again_at(&tags, &last, &edited);
            assert_eq!(again, by_scan(&tags), "round {round}");
            for (p, held) in last.iter().enumerate() {
                if stale(held, &edited, p) {
                    recomputed += 1;
                } else {
                    kept += 1;
                }
            }
        }
        assert!(
            recomputed > 100 && kept > 1000,
            "{recomputed} worked out, {kept} kept"
        );
    }
}
