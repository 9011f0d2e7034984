//! The writer's files, read back as the client reads them, hold what the table holds; and the
//! table patched in place writes what a fresh read of the same documents writes.

use super::format::{
    directory_file, field_norms_file, key_of, FacetLists, Meta, Row, ShardDirectory, TermShard,
    WordList, KEYS,
};
use super::table::row;
use super::*;
use crate::search::bm25;
use crate::search::schema::fields_of;
use std::collections::BTreeMap;
use std::io::Read;

mod delivery;
mod heads;
mod prefix_heads;

fn doc(i: usize, board: &str) -> SearchDoc {
    // Words unique to the document make enough terms for several shards; two documents in
    // three have a headed section (and "frailty" in it), the third its words in no section.
    let lead: String = (0..20).map(|w| format!("w{i}x{w} ")).collect();
    let rest: String = (20..40).map(|w| format!("w{i}x{w} ")).collect();
    let heading = format!("Heading {}", i % 5);
    let body = format!("{lead}\n{heading}\n{rest}frailty");
    let sections = if i.is_multiple_of(3) {
        Vec::new()
    } else {
        crate::search::sections::resolve(
            &body,
            &[crate::search::sections::HeadingAt {
                anchor: "heading",
                text: &heading,
                offset: lead.len() + 1,
            }],
        )
    };
    SearchDoc {
        key: format!("/cs/{i:04}/"),
        kind: "case-study",
        title: format!("Cluster review {i}"),
        summary: format!("Practices in cluster {i} shared café data"),
        body,
        url: format!("/cs/{i:04}/"),
        date: None,
        board: vec![board.into()],
        zone: vec![],
        component: vec![],
        topic: vec![format!("t{}", i % 3)],
        sections,
    }
}

fn docs(n: usize) -> Vec<SearchDoc> {
    (0..n)
        .map(|i| doc(i, if i % 2 == 0 { "lothian" } else { "tayside" }))
        .collect()
}

fn files(docs: &[SearchDoc], layout: Layout) -> BTreeMap<String, Vec<u8>> {
    let index = crate::search::index::in_ram(docs, &Default::default()).unwrap();
    let export = export_with(&index, docs, layout).unwrap();
    export
        .files
        .into_iter()
        .map(|(p, z)| {
            let name = p.trim_start_matches(&format!("{DIR}/")).to_string();
            // Position, row, head and prefix head files are blocks compressed one by one, and
            // mask and section files are not compressed: kept as stored.
            let numbered = name[1..].starts_with(|c: char| c.is_ascii_digit());
            if (numbered && ["p", "r", "s", "m"].iter().any(|k| name.starts_with(k)))
                || name == "h.bin"
                || name == "q.bin"
            {
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

/// tantivy's own ten best for `text`: (document id, score).
fn tantivy_top(index: &tantivy::Index, text: &str) -> Vec<(u32, f32)> {
    let req = crate::search::query::Request {
        text: text.into(),
        limit: 10,
        ..Default::default()
    };
    crate::search::query::ranked(index, &req)
        .unwrap()
        .matches
        .iter()
        .take(10)
        .map(|(s, ord, _)| (crate::search::index::position_of(*ord), *s))
        .collect()
}

/// Every shard's start, put together from the directories; each term's key's directory finds
/// the same shard as the whole list does.
fn shard_starts(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut all: BTreeMap<usize, String> = BTreeMap::new();
    let mut directories = BTreeMap::new();
    for key in KEYS.chars() {
        let d = ShardDirectory::decode(&files[&directory_file(key)]).unwrap();
        for (k, start) in d.1.iter().enumerate() {
            if let Some(seen) = all.insert(d.0 + k, start.clone()) {
                assert_eq!(&seen, start, "two directories agree on shard {}", d.0 + k);
            }
        }
        directories.insert(key, d);
    }
    let starts: Vec<String> = all.values().cloned().collect();
    assert_eq!(
        all.keys().copied().collect::<Vec<_>>(),
        (0..starts.len()).collect::<Vec<_>>(),
        "every shard is in some directory"
    );
    for (i, start) in starts.iter().enumerate().skip(1) {
        let d = &directories[&key_of(start.as_bytes())];
        let local = d.1.partition_point(|s| s <= start) - 1;
        assert_eq!(d.0 + local, i, "{start:?} is found through its directory");
    }
    starts
}

#[test]
fn every_file_reads_back_as_the_documents_it_came_from() {
    let docs = docs(300);
    let layout = Layout { norm_chunk: 128 };
    let files = files(&docs, layout);
    let meta = Meta::decode(&files["meta.bin"]).unwrap();
    assert_eq!(meta.n, 300);
    assert_eq!(meta.fieldnorms, bm25::fieldnorm_table());
    let starts = shard_starts(&files);
    assert!(starts.len() > 1, "enough terms for several shards");

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
    let mut got_words: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
    let mut shard_words = Vec::new();
    let mut long_lists = [false; 3];
    let mut terms_without_masks = 0;
    for (i, start) in starts.iter().enumerate() {
        let shard = TermShard::decode(&files[&format!("t{i}.bin")]).unwrap();
        assert!(
            start.as_bytes() <= shard.terms[0].0.as_slice(),
            "shard {i} starts at or before its first term"
        );
        if let Some(last) = got.last().map(|(t, _): &(Vec<u8>, _)| t.as_slice()) {
            assert!(
                last < start.as_bytes(),
                "shard {i} starts after the last term of the shard before"
            );
        }
        // Each term's positions block, read as the client reads it: its place from the term
        // shard, its counts from the postings.
        let file = raw_positions[&format!("p{}.bin", i / meta.position_group)];
        let mut block_at = shard.positions_at as usize;
        let mask_file = &files[&format!("m{}.bin", i / meta.position_group)];
        let mut masks_at = shard.masks_at as usize;
        // Each word of the hub with its stem, where the client reads it: beside its stem, and
        // in the shard it sorts into when that is another.
        let next_start = starts.get(i + 1).map(|s| s.as_bytes().to_vec());
        let in_range = |w: &[u8]| {
            start.as_bytes() <= w && next_start.as_ref().is_none_or(|n| w < n.as_slice())
        };
        let mut here: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        for (term, .., term_words) in &shard.terms {
            if term_words.own {
                assert!(got_words.insert(term.clone(), term.clone()).is_none());
                here.insert(term.clone(), term.clone());
            }
            for w in &term_words.others {
                assert!(got_words.insert(w.clone(), term.clone()).is_none());
                here.insert(w.clone(), term.clone());
            }
        }
        for (w, stem) in &shard.foreign {
            assert!(in_range(w), "foreign word {w:?} sorts into shard {i}");
            assert!(
                !shard.terms.iter().any(|t| &t.0 == stem),
                "{w:?}'s stem is in another shard"
            );
            here.insert(w.clone(), stem.clone());
        }
        // What the client reads of a word in the shard it sorts into.
        shard_words.push(here);
        for (term, lists, norms, has_masks, block_len, _) in &shard.terms {
            // Each body document's section mask, from its positions and its sections, as the
            // client reads it: two bytes a posting from where the shard's masks start.
            let masks: Vec<u32> = (0..lists[2].len())
                .map(|k| {
                    let at = masks_at + 2 * k;
                    match has_masks {
                        true => u32::from(u16::from_le_bytes([mask_file[at], mask_file[at + 1]])),
                        false => 0,
                    }
                })
                .collect();
            if *has_masks {
                masks_at += 2 * lists[2].len();
            }
            let want_masks: Vec<u32> = lists[2]
                .iter()
                .map(|&(d, _)| {
                    let starts: Vec<u32> = docs[d as usize]
                        .sections
                        .iter()
                        .map(|s| s.position)
                        .collect();
                    crate::search::sections::mask(
                        want_positions[&(term.clone(), 2, d)].iter().copied(),
                        &starts,
                    )
                })
                .collect();
            assert_eq!(masks, want_masks, "section masks of {term:?}");
            assert_eq!(
                *has_masks,
                want_masks.iter().any(|&m| m != 0),
                "{term:?} has a block of masks just when a section holds it"
            );
            terms_without_masks += usize::from(!has_masks);
            if term == b"frailti" {
                let held = masks.iter().filter(|&&m| m == 1).count();
                assert_eq!(
                    held, 200,
                    "frailty is in the section of two documents in three"
                );
            }
            // Field lengths inline in the lists few documents are in, as the fieldnorm files
            // have them; the fields of the longer lists have files.
            for (fi, list) in lists.iter().enumerate() {
                let inline = list.len() * super::writer::INLINE_NORMS_SHARE <= docs.len();
                assert_eq!(norms[fi].is_some(), inline, "{term:?} in field {fi}");
                long_lists[fi] |= !inline;
            }
            for (fi, ids) in norms.iter().enumerate() {
                let Some(ids) = ids else { continue };
                let want: Vec<u8> = lists[fi]
                    .iter()
                    .map(|&(d, _)| bm25::fieldnorm_id(analysed[d as usize].tokens[fi]))
                    .collect();
                assert_eq!(ids, &want, "inline field lengths of {term:?}");
            }
            let mut bytes = Vec::new();
            let end = block_at + *block_len as usize;
            flate2::read::DeflateDecoder::new(&file[block_at..end])
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
        got.extend(shard.terms.into_iter().map(|(t, p, ..)| (t, p)));
    }
    assert_eq!(
        got,
        want.into_iter().collect::<Vec<_>>(),
        "the shards hold every posting, in order"
    );
    assert_eq!(got_positions, want_positions, "and every position");
    let want_words: BTreeMap<Vec<u8>, Vec<u8>> =
        analysed.iter().flat_map(|a| a.words.clone()).collect();
    assert_eq!(got_words, want_words, "each term lists the words it stems");
    assert!(
        want_words.iter().any(|(w, stem)| w != stem),
        "some words stem to another term"
    );
    for (w, stem) in &want_words {
        let i = starts.partition_point(|s| s.as_bytes() <= w.as_slice()) - 1;
        assert_eq!(
            shard_words[i].get(w),
            Some(stem),
            "the shard {w:?} sorts into gives its stem"
        );
    }
    assert!(
        terms_without_masks > 0,
        "some terms (in no section) have no masks"
    );
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
        for (fi, &long) in long_lists.iter().enumerate() {
            let want: Vec<u8> = ids
                .iter()
                .map(|a| bm25::fieldnorm_id(a.tokens[fi]))
                .collect();
            let file = files.get(&field_norms_file(fi, i));
            assert_eq!(
                file.is_some(),
                long,
                "field {fi} has fieldnorm files just when a list needs them"
            );
            if let Some(file) = file {
                assert_eq!(file, &want, "norm chunk {i}, field {fi}");
            }
        }
        // Each row, found as the client finds it: its byte range from the file's header.
        let file = &files[&format!("r{i}.bin")];
        for (k, d) in chunk.iter().enumerate() {
            let mut raw = Vec::new();
            flate2::read::DeflateDecoder::new(&file[format::row_range(file, k).unwrap()])
                .read_to_end(&mut raw)
                .unwrap();
            let got = Row::decode(&raw).unwrap();
            let want = row(d);
            assert_eq!(
                (&got.0, &got.1, &got.2, &got.3),
                (&want.row.0, &want.row.1, &want.row.2, &want.row.3)
            );
            // Its sections, each found from the row's places in the section file.
            let sections = &files[&format!("s{i}.bin")];
            let mut shown = Vec::new();
            if let Some((&first, lens)) = got.4.split_first() {
                let mut at = first as usize;
                for &len in lens {
                    let block = &sections[at..at + len as usize];
                    shown.push(serde_json::from_slice::<(String, String, String)>(block).unwrap());
                    at += len as usize;
                }
            }
            let sections: Vec<(String, String, String)> = d
                .sections
                .iter()
                .map(|s| (s.anchor.clone(), s.heading.clone(), s.snippet.clone()))
                .collect();
            assert_eq!(shown, sections, "the sections of {}", d.key);
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
    let positions = starts.len().div_ceil(meta.position_group);
    assert_eq!(raw_positions.len(), positions);
    assert!(positions > 1, "several position files");
    let chunks = 300usize.div_ceil(128);
    let norm_fields = long_lists.iter().filter(|&&long| long).count();
    let expected = 1
        + 1
        + KEYS.len()
        + starts.len()
        + 2 * positions
        + meta.words.len()
        + (2 + norm_fields) * chunks;
    assert_eq!(files.len(), expected, "no file the client does not know of");
}

#[test]
fn a_field_whose_lists_all_carry_their_lengths_has_no_fieldnorm_file() {
    // Every title its own words: each title list holds one document, so carries its length.
    let docs: Vec<SearchDoc> = docs(40)
        .into_iter()
        .enumerate()
        .map(|(i, d)| SearchDoc {
            title: format!("Review{i}"),
            ..d
        })
        .collect();
    let files = files(&docs, Layout::default());
    let norm_files: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|n| n.starts_with('n'))
        .collect();
    assert_eq!(norm_files, ["nb0.bin", "ns0.bin"]);
}

#[test]
fn an_empty_hub_exports_an_empty_index() {
    let files = files(&[], Layout::default());
    let meta = Meta::decode(&files["meta.bin"]).unwrap();
    assert_eq!((meta.n, shard_starts(&files).len()), (0, 0));
    assert_eq!(
        FacetLists::decode(&files["f.bin"]).unwrap(),
        FacetLists::default()
    );
    // meta.bin, f.bin and a directory for each key, each listing no shard: a word's
    // directory is there to read whatever the word.
    assert_eq!(files.len(), 2 + KEYS.len(), "{:?}", files.keys());
}

#[test]
fn a_patched_table_writes_what_a_fresh_read_writes() {
    let all = docs(40);
    let layout = Layout::default();
    let fresh = |docs: &[SearchDoc]| {
        let index = crate::search::index::in_ram(docs, &Default::default()).unwrap();
        Table::read(&index, docs, layout).unwrap()
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
