//! A common word's head reads back as tantivy ranks the word alone.

use super::super::format::{self, directory_file, ShardDirectory};
use super::super::Layout;
use super::{docs, files, shard_starts, tantivy_top};
use std::io::Read;

#[test]
fn a_common_word_alone_in_its_shard_has_a_head_ranked_as_tantivy_ranks_it() {
    // "frailty" is in every document's body: its postings fill a shard of their own.
    let docs = docs(2500);
    let files = files(&docs, Layout::default());
    let d = ShardDirectory::decode(&files[&directory_file('f')]).unwrap();
    let starts = shard_starts(&files);
    let shard = starts.partition_point(|s| s.as_str() <= "frailti") - 1;
    let &(_, at, len) =
        d.2.iter()
            .find(|(k, ..)| d.0 + k == shard)
            .expect("frailty's shard has a head");
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(&files["h.bin"][at as usize..(at + len) as usize])
        .read_to_end(&mut raw)
        .unwrap();
    let head = format::HeadFile::decode(&raw).unwrap();
    assert_eq!(head.term, b"frailti");
    assert_eq!((head.count, head.df), (2500, [0, 0, 2500]));
    assert_eq!(head.others, [b"frailty".to_vec()]);
    assert_eq!(head.best.len(), format::HEAD);
    // tantivy's own ranking of the word alone: the same documents and scores.
    let index = crate::search::index::in_ram(&docs, &Default::default()).unwrap();
    let want = tantivy_top(&index, "frailty ");
    let got: Vec<(u32, f32)> = head.best.iter().map(|&(d, s, _)| (d, s)).collect();
    assert_eq!(got, want);
    // Each one's mask is its mask in the mask file: the section holding "frailty", or none.
    for &(doc, _, mask) in &head.best {
        assert_eq!(mask, u16::from(doc % 3 != 0), "document {doc}");
    }
}
