//! A word being typed alone, when it begins a common word and another, has a prefix head that
//! reads back as tantivy ranks that search.

use super::super::format::{PrefixHeadFile, TermShard};
use super::super::Layout;
use super::{docs, files, shard_starts, tantivy_top};
use std::io::Read;

#[test]
fn a_beginning_of_a_common_word_and_another_is_ranked_as_tantivy_ranks_it() {
    // "frailty" is in every document's body, alone in its shard; "frail" in one in four.
    let mut docs = docs(2500);
    for d in docs.iter_mut().step_by(4) {
        d.body.push_str(" frail");
    }
    let files = files(&docs, Layout::default());
    let starts = shard_starts(&files);
    // Where a beginning is listed: once, in the trailer of the shard of the common word it
    // begins (whose head the client reads), not the shard it sorts into.
    let head_of = |p: &str| -> Option<PrefixHeadFile> {
        let shards = (0..starts.len()).map(|s| TermShard::decode(&files[&format!("t{s}.bin")]));
        let mut listed = shards.map(Result::unwrap).filter_map(|shard| {
            let &(_, at, len) = shard.prefixes.iter().find(|(b, ..)| b == p.as_bytes())?;
            Some((shard, at, len))
        });
        let (shard, at, len) = listed.next()?;
        assert!(listed.next().is_none(), "{p:?} is listed once");
        let terms: Vec<&[u8]> = shard.terms.iter().map(|t| t.0.as_slice()).collect();
        assert_eq!(
            terms,
            [b"frailti"],
            "{p:?} is listed beside the common word"
        );
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(&files["q.bin"][at as usize..(at + len) as usize])
            .read_to_end(&mut raw)
            .unwrap();
        Some(PrefixHeadFile::decode(&raw).unwrap())
    };
    let index = crate::search::index::in_ram(&docs, &Default::default()).unwrap();
    for typed in ["fr", "fra", "frai"] {
        let head = head_of(typed).unwrap_or_else(|| panic!("{typed:?} has a prefix head"));
        assert_eq!(head.terms, [b"frailti".to_vec(), b"frail".to_vec()]);
        assert_eq!(head.count, 2500);
        assert_eq!(head.words, [b"frail".to_vec(), b"frailty".to_vec()]);
        // tantivy's own ranking of the search: the same documents and scores.
        let want = tantivy_top(&index, typed);
        let got: Vec<(u32, f32)> = head.best.iter().map(|&(d, s, _)| (d, s)).collect();
        assert_eq!(got, want, "{typed:?}");
        // The best documents hold "frail" too, in their one section when they have one.
        for &(doc, _, section) in &head.best {
            assert_eq!(doc % 4, 0, "document {doc}");
            assert_eq!(section, u16::from(doc % 3 != 0), "document {doc}");
        }
    }
    // Typed further, the word begins one term: its head is the term's own.
    assert_eq!(head_of("frailt"), None);
    assert_eq!(head_of("frailti"), None);
}
