//! The writer's files, read back as the client reads them, hold what the table holds; and the
//! table patched in place writes what a fresh read of the same documents writes.

use super::format::{FacetLists, Meta, NormChunk, Row, TermShard, WordList};
use super::table::row;
use super::*;
use crate::search::bm25;
use crate::search::schema::fields_of;
use std::collections::BTreeMap;
use std::io::Read;

fn doc(i: usize, board: &str) -> SearchDoc {
    SearchDoc {
        key: format!("/cs/{i:04}/"),
        kind: "case-study",
        title: format!("Cluster review {i}"),
        summary: format!("Practices in cluster {i} shared café data"),
        // Words unique to the document make enough terms for several shards.
        body: (0..40).map(|w| format!("w{i}x{w} ")).collect::<String>() + "frailty",
        url: format!("/cs/{i:04}/"),
        date: None,
        board: vec![board.into()],
        zone: vec![],
        component: vec![],
        topic: vec![format!("t{}", i % 3)],
    }
}

fn docs(n: usize) -> Vec<SearchDoc> {
    (0..n)
        .map(|i| doc(i, if i % 2 == 0 { "lothian" } else { "tayside" }))
        .collect()
}

fn files(docs: &[SearchDoc], layout: Layout) -> BTreeMap<String, Vec<u8>> {
    let index = crate::search::index::in_ram(docs, &Default::default()).unwrap();
    let export = export_with(&index, docs, &FacetNames::new(), layout).unwrap();
    export
        .files
        .into_iter()
        .map(|(p, z)| {
            let name = p.trim_start_matches(&format!("{DIR}/")).to_string();
            // Position and row files are blocks compressed one by one: kept as stored.
            if name.starts_with('p') || name.starts_with('r') {
                return (name, z);
            }
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(&z[..])
                .read_to_end(&mut raw)
                .unwrap();
            (name, raw)
        })
        .collect()
}

#[test]
fn every_file_reads_back_as_the_documents_it_came_from() {
    let docs = docs(300);
    let layout = Layout { norm_chunk: 128 };
    let files = files(&docs, layout);
    let meta = Meta::decode(&files["meta.bin"]).unwrap();
    assert_eq!(meta.n, 300);
    assert_eq!(meta.fieldnorms, bm25::fieldnorm_table());
    assert!(meta.shards.len() > 1, "enough terms for several shards");

    let index = crate::search::index::in_ram(&docs, &Default::default()).unwrap();
    let fields = fields_of(&index.schema()).unwrap();
    let analysed: Vec<Analysed> = docs
        .iter()
        .map(|d| analyse(&index, &fields, d).unwrap())
        .collect();

    let mut want: BTreeMap<Vec<u8>, format::Postings> = BTreeMap::new();
    let mut want_positions: BTreeMap<(Vec<u8>, usize, u32), Vec<u32>> = BTreeMap::new();
    for (id, a) in analysed.iter().enumerate() {
        for fi in 0..3 {
            for (t, ps) in &a.terms[fi] {
                want.entry(t.clone()).or_default()[fi].push((id as u32, ps.len() as u32));
                want_positions.insert((t.clone(), fi, id as u32), ps.clone());
            }
        }
    }
    let raw_positions: BTreeMap<&String, &Vec<u8>> =
        files.iter().filter(|(n, _)| n.starts_with('p')).collect();
    let mut got = Vec::new();
    let mut got_positions = BTreeMap::new();
    for (i, start) in meta.shards.iter().enumerate() {
        let shard = TermShard::decode(&files[&format!("t{i}.bin")]).unwrap();
        assert_eq!(
            shard.terms[0].0,
            start.as_bytes(),
            "meta names shard {i}'s first term"
        );
        // Each term's positions block, read as the client reads it: its place from the term
        // shard, its counts from the postings.
        let file = raw_positions[&format!("p{}.bin", i / meta.position_group)];
        let mut block_at = shard.positions_at as usize;
        for (term, lists, norms, block_len) in &shard.terms {
            // Field lengths inline for the terms few documents hold, as the fieldnorm file
            // has them.
            let held = lists.iter().map(Vec::len).max().unwrap_or(0);
            assert_eq!(
                norms.is_some(),
                held * 8 <= docs.len(),
                "{term:?} held by {held}"
            );
            for (fi, ids) in norms.iter().flatten().enumerate() {
                let want: Vec<u8> = lists[fi]
                    .iter()
                    .map(|&(d, _)| bm25::fieldnorm_id(analysed[d as usize].tokens[fi]))
                    .collect();
                assert_eq!(ids, &want, "inline field lengths of {term:?}");
            }
            let mut bytes = Vec::new();
            let end = block_at + *block_len as usize;
            flate2::read::GzDecoder::new(&file[block_at..end])
                .read_to_end(&mut bytes)
                .unwrap();
            block_at = end;
            let at = &mut 0;
            for (fi, list) in lists.iter().enumerate() {
                for &(doc, tf) in list {
                    let mut p = 0;
                    let ps: Vec<u32> = (0..tf)
                        .map(|k| {
                            let v = super::codec::get(&bytes, at).unwrap() as u32;
                            p = if k == 0 { v } else { p + v };
                            p
                        })
                        .collect();
                    got_positions.insert((term.clone(), fi, doc), ps);
                }
            }
            assert_eq!(*at, bytes.len(), "the block of {term:?} read to its end");
        }
        got.extend(shard.terms.into_iter().map(|(t, p, _, _)| (t, p)));
    }
    assert_eq!(
        got,
        want.into_iter().collect::<Vec<_>>(),
        "the shards hold every posting, in order"
    );
    assert_eq!(got_positions, want_positions, "and every position");
    let mut words = Vec::new();
    for len in &meta.words {
        let list = WordList::decode(&files[&format!("w{len}.bin")]).unwrap();
        for (w, _) in &list.words {
            assert_eq!(String::from_utf8_lossy(w).chars().count(), *len);
        }
        words.extend(list.words);
    }
    words.sort();
    let terms: Vec<(Vec<u8>, u64)> = got
        .iter()
        .map(|(t, lists)| (t.clone(), lists.iter().map(|l| l.len() as u64).sum()))
        .collect();
    assert_eq!(
        words, terms,
        "the word lists hold every term with its documents"
    );
    let tokens: [u64; 3] = std::array::from_fn(|fi| analysed.iter().map(|a| a.tokens[fi]).sum());
    assert_eq!(meta.tokens, tokens);

    for (i, (ids, chunk)) in analysed.chunks(128).zip(docs.chunks(128)).enumerate() {
        let norms = NormChunk::decode(&files[&format!("n{i}.bin")]).unwrap();
        for fi in 0..3 {
            let want: Vec<u8> = ids
                .iter()
                .map(|a| bm25::fieldnorm_id(a.tokens[fi]))
                .collect();
            assert_eq!(norms.ids[fi], want, "norm chunk {i}, field {fi}");
        }
        // Each row, found as the client finds it: its byte range from the file's header.
        let file = &files[&format!("r{i}.bin")];
        for (k, d) in chunk.iter().enumerate() {
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(&file[format::row_range(file, k).unwrap()])
                .read_to_end(&mut raw)
                .unwrap();
            assert_eq!(Row::decode(&raw).unwrap(), row(d));
        }
        let last = format::row_range(file, chunk.len() - 1).unwrap();
        assert_eq!(
            last.end,
            file.len(),
            "row file {i} holds its rows and no more"
        );
    }
    let facets = FacetLists::decode(&files["f.bin"]).unwrap();
    let evens: Vec<u32> = (0..300).step_by(2).collect();
    assert_eq!(facets.ids["board"]["lothian"], evens);
    assert_eq!(facets.ids["kind"]["case-study"].len(), 300);
    let positions = meta.shards.len().div_ceil(meta.position_group);
    assert_eq!(raw_positions.len(), positions);
    assert!(positions > 1, "several position files");
    let expected =
        1 + 1 + meta.shards.len() + positions + meta.words.len() + 2 * 300usize.div_ceil(128);
    assert_eq!(files.len(), expected, "no file the client does not know of");
}

#[test]
fn an_empty_hub_exports_an_empty_index() {
    let files = files(&[], Layout::default());
    let meta = Meta::decode(&files["meta.bin"]).unwrap();
    assert_eq!((meta.n, meta.shards.len()), (0, 0));
    assert_eq!(
        FacetLists::decode(&files["f.bin"]).unwrap(),
        FacetLists::default()
    );
    assert_eq!(files.len(), 2, "{:?}", files.keys());
}

#[test]
fn a_patched_table_writes_what_a_fresh_read_writes() {
    let all = docs(40);
    let names = FacetNames::new();
    let layout = Layout::default();
    let fresh = |docs: &[SearchDoc]| {
        let index = crate::search::index::in_ram(docs, &Default::default()).unwrap();
        Table::read(&index, docs, &names, layout).unwrap()
    };
    let index = crate::search::index::in_ram(&all, &Default::default()).unwrap();
    let fields = fields_of(&index.schema()).unwrap();
    let a = |d: &SearchDoc| analyse(&index, &fields, d).unwrap();

    // Take document 7 out, put a new 7 in, and change 20's text.
    let mut docs = all.clone();
    let mut table = fresh(&docs);
    table.remove(7, &a(&docs[7]));
    docs.remove(7);
    let mut new7 = doc(7, "tayside");
    new7.body = "an entirely new body about frailty".into();
    table.insert(7, &a(&new7), &new7);
    docs.insert(7, new7);
    let mut new20 = docs[20].clone();
    new20.title = "Renamed".into();
    table.replace(20, &a(&docs[20]), &a(&new20), &new20);
    docs[20] = new20;
    table.refacet(&docs);

    let want = fresh(&docs).files(None).files;
    assert_eq!(table.files(None).files, want);
}
