//! "Related case studies": for each case study, the three that share the most topics (each
//! worth two) and components (each worth one), ties going to the newer.
//!
//! Computed once per build from topic and component postings, so the cost grows with how
//! many case studies share a tag rather than with the square of the hub's size.

use crate::link::Site;
use rayon::prelude::*;
use std::collections::HashMap;

pub const RELATED: usize = 3;

/// Related case studies of every published case study, indexed like `content.case_studies`
/// (empty for drafts left out of the build).
pub fn related_all(site: &Site) -> Vec<Vec<usize>> {
    let cs = &site.content.case_studies;
    let mut pos = vec![usize::MAX; cs.len()];
    for (n, &j) in site.case_studies.iter().enumerate() {
        pos[j] = n;
    }
    let mut topics: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut components: HashMap<&str, Vec<usize>> = HashMap::new();
    for &j in &site.case_studies {
        let m = &cs[j].meta;
        for t in dedup(&m.topics) {
            topics.entry(t).or_default().push(j);
        }
        for c in dedup(&m.components) {
            components.entry(c).or_default().push(j);
        }
    }
    let per: Vec<(usize, Vec<usize>)> = site
        .case_studies
        .par_iter()
        .map_init(
            || (vec![0u32; cs.len()], Vec::new()),
            |(score, touched), &i| {
                let m = &cs[i].meta;
                let lists = dedup(&m.topics)
                    .filter_map(|t| topics.get(t))
                    .map(|l| (l, 2))
                    .chain(
                        dedup(&m.components)
                            .filter_map(|c| components.get(c))
                            .map(|l| (l, 1)),
                    );
                for (list, w) in lists {
                    for &j in list.iter().filter(|&&j| j != i) {
                        if score[j] == 0 {
                            touched.push(j);
                        }
                        score[j] += w;
                    }
                }
                touched.sort_by(|&a, &b| score[b].cmp(&score[a]).then(pos[a].cmp(&pos[b])));
                let top = touched.iter().take(RELATED).copied().collect();
                for &j in touched.iter() {
                    score[j] = 0;
                }
                touched.clear();
                (i, top)
            },
        )
        .collect();
    let mut out = vec![Vec::new(); cs.len()];
    for (i, top) in per {
        out[i] = top;
    }
    out
}

fn dedup(v: &[String]) -> impl Iterator<Item = &str> {
    v.iter()
        .enumerate()
        .filter(move |(n, s)| !v[..*n].contains(s))
        .map(|(_, s)| s.as_str())
}
