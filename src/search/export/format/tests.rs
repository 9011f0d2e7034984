//! Every file kind round-trips: encode, decode, and get back what went in.

use super::*;

fn shard(terms: &[(&str, Postings)]) -> TermShard {
    TermShard {
        positions_at: 1234,
        masks_at: 7,
        terms: terms
            .iter()
            .enumerate()
            .map(|(i, (t, p))| {
                (
                    t.as_bytes().to_vec(),
                    p.clone(),
                    Default::default(),
                    false,
                    40 + i as u64,
                    TermWords::default(),
                )
            })
            .collect(),
        foreign: Vec::new(),
        prefixes: Vec::new(),
    }
}

#[test]
fn inline_field_lengths_round_trip_beside_their_postings() {
    let mut s = shard(&[
        ("care", [vec![(0, 1)], vec![], vec![(0, 2), (5, 1)]]),
        ("carer", [vec![], vec![(3, 1)], vec![(3, 7)]]),
    ]);
    s.terms[0].2 = [Some(vec![9]), None, Some(vec![200, 17])];
    s.terms[1].2 = [None, Some(vec![4]), None];
    round_trip(&s);
    let bytes = s.encode();
    // After the count, offsets, prefix, length and "care": title and body inline (0b101), then
    // the title's document count, gap, frequency and fieldnorm id; the summary's count (0);
    // the body's count, gaps, frequencies and fieldnorm ids.
    let at = 1 + 2 + 1 + 2 + "care".len();
    assert_eq!(
        &bytes[at..at + 12],
        &[0b101, 1, 0, 1, 9, 0, 2, 0, 5, 2, 1, 200]
    );
    assert_eq!(bytes[at + 12], 17);
    // Then the last fieldnorm id, the positions block's length, its words (none), "carer"
    // (shared prefix 4, suffix length 1, "r"), which carries only its summary's (0b010).
    let carer = at + 12 + 1 + 1 + 1 + 2 + "r".len();
    assert_eq!(&bytes[carer..carer + 6], &[0b010, 0, 1, 3, 1, 4]);
}

#[test]
fn a_term_with_section_masks_says_so_in_its_flags() {
    let mut s = shard(&[
        ("care", [vec![], vec![], vec![(0, 2)]]),
        ("carer", [vec![(1, 1)], vec![], vec![(3, 7)]]),
    ]);
    s.terms[1].2 = [Some(vec![5]), None, None];
    s.terms[1].3 = true;
    round_trip(&s);
    let bytes = s.encode();
    // "care": no masks, nothing inline; "carer": masks (bit 3) and its title's ids (bit 0).
    let at = 1 + 2 + 1 + 2 + "care".len();
    assert_eq!(bytes[at], 0);
    let carer = at + 1 + 1 + 1 + 3 + 1 + 1 + 2 + "r".len();
    assert_eq!(bytes[carer], 0b1001);
    assert_eq!(
        mask_block(&[0, 0, 0]),
        Vec::<u8>::new(),
        "no masks, no block"
    );
}

#[test]
fn a_terms_words_and_the_shards_foreign_words_round_trip() {
    let mut s = shard(&[
        ("abil", [vec![], vec![], vec![(0, 1)]]),
        ("care", [vec![(0, 1)], vec![], vec![(0, 2)]]),
        ("home", [vec![], vec![(1, 1)], vec![(1, 3)]]),
    ]);
    s.terms[1].5 = TermWords {
        own: true,
        others: vec![b"cared".to_vec(), b"cares".to_vec(), b"caring".to_vec()],
    };
    s.terms[2].5 = TermWords {
        own: false,
        others: vec![b"homes".to_vec()],
    };
    s.foreign = vec![
        (b"ability".to_vec(), b"abil".to_vec()),
        (b"happy".to_vec(), b"happi".to_vec()),
    ];
    round_trip(&s);
    let bytes = s.encode();
    // After "abil" (flags, no title or summary postings, one body posting, its positions
    // block's length and no words), "care" shares nothing with it and is a word itself
    // (bit 4).
    let at = 1 + 2 + 1 + 2 + "abil".len() + 1 + 1 + 1 + 3 + 1 + 1;
    assert_eq!(
        &bytes[at..at + 7],
        &[0, 4, b'c', b'a', b'r', b'e', 0b1_0000]
    );
    // Its words after its positions block's length: three, each after the four bytes it
    // shares with "care".
    let words = at + 7 + 3 + 1 + 3 + 1;
    assert_eq!(&bytes[words..words + 4], &[3, 4, 1, b'd']);
    // The foreign words come last but for the prefix heads (none): "happy" shares nothing
    // with "ability", and its stem "happi" shares four bytes with it.
    assert!(bytes.ends_with(&[0, 5, b'h', b'a', b'p', b'p', b'y', 4, 1, b'i', 0]));
}

#[test]
fn the_prefix_heads_places_end_the_shard() {
    let mut s = shard(&[("diabet", [vec![], vec![], vec![(0, 1)]])]);
    s.prefixes = vec![(b"diab".to_vec(), 0, 130), (b"diabe".to_vec(), 130, 7)];
    round_trip(&s);
    // No foreign words; two beginnings, the second sharing four bytes with the first; 130
    // is two varint bytes.
    let want = [
        0, 2, 0, 4, b'd', b'i', b'a', b'b', 0, 130, 1, 4, 1, b'e', 130, 1, 7,
    ];
    assert!(s.encode().ends_with(&want));
}

fn round_trip(s: &TermShard) {
    let bytes = s.encode();
    assert_eq!(&TermShard::decode(&bytes).unwrap(), s, "bytes {bytes:?}");
}

#[test]
fn term_shards_round_trip() {
    round_trip(&shard(&[
        ("care", [vec![(0, 1)], vec![], vec![(0, 2), (5, 1), (9, 4)]]),
        ("carer", [vec![], vec![(3, 1)], vec![(3, 7)]]),
        ("cluster", [vec![(1, 1), (2, 1)], vec![(2, 3)], vec![]]),
        ("data", [vec![], vec![], vec![(8, 12)]]),
    ]));
}

#[test]
fn an_empty_shard_is_its_count_and_offset_alone() {
    let empty = TermShard::default();
    // The term count, the two offsets and the counts of foreign words and prefix heads.
    assert_eq!(empty.encode(), [0, 0, 0, 0, 0]);
    round_trip(&empty);
}

#[test]
fn a_term_in_one_document_of_one_field() {
    let s = shard(&[("frailty", [vec![], vec![], vec![(41, 3)]])]);
    // count 1; positions at 1234 (two varint bytes); masks at 7; no shared prefix; 7 bytes
    // of suffix; not inline; title 0 docs; summary 0; body 1 doc at 41, tf 3; a positions
    // block of 40 bytes; no words; no foreign words; no prefix heads.
    let mut want = vec![1, 0xd2, 0x09, 7, 0, 7];
    want.extend_from_slice(b"frailty");
    want.extend_from_slice(&[0, 0, 0, 1, 41, 3, 40, 0, 0, 0]);
    assert_eq!(s.encode(), want);
    round_trip(&s);
}

#[test]
fn unicode_terms_share_prefixes_by_byte() {
    let s = shard(&[
        ("café", [vec![(0, 1)], vec![], vec![]]),
        ("cafés", [vec![(1, 1)], vec![], vec![]]),
        ("naïve", [vec![], vec![(2, 2)], vec![]]),
        ("日本", [vec![], vec![], vec![(3, 1)]]),
        ("日本語", [vec![], vec![], vec![(3, 1), (4, 1)]]),
    ]);
    round_trip(&s);
    let bytes = s.encode();
    // Count, positions offset (2 bytes), prefix and length, the suffix, the inline flag, then
    // title (1 doc: gap, tf), summary (0), body (0), the positions block's length and the
    // count of its words.
    let after_cafe = 1 + 2 + 1 + 2 + "café".len() + 1 + 3 + 1 + 1 + 1 + 1;
    assert_eq!(
        bytes[after_cafe],
        "café".len() as u8,
        "cafés shares café's 5 bytes"
    );
}

#[test]
fn large_document_ids_and_frequencies_take_long_varints() {
    let big = u32::MAX - 1;
    round_trip(&shard(&[(
        "x",
        [
            vec![(0, u32::MAX), (big, 1)],
            vec![(1 << 21, 1 << 14)],
            vec![],
        ],
    )]));
}

#[test]
fn a_cut_or_padded_shard_is_refused() {
    let bytes = shard(&[("care", [vec![(0, 1)], vec![], vec![]])]).encode();
    let cut = TermShard::decode(&bytes[..bytes.len() - 1]).unwrap_err();
    assert!(cut.contains("cut short"), "{cut}");
    let mut padded = bytes.clone();
    padded.push(0);
    assert!(TermShard::decode(&padded).is_err());
}

#[test]
fn the_encoder_starts_afresh_after_finish() {
    let mut e = ShardEncoder::default();
    let p: Postings = [vec![(0, 1)], vec![], vec![]];
    e.push(b"alpha", &p, &Default::default(), false, 30, (false, &[]));
    let first = e.finish(0, 0, &[], &[]);
    assert!(e.is_empty());
    assert_eq!(e.len(), 0, "no bytes left from the first shard");
    e.push(
        b"alphabet",
        &p,
        &Default::default(),
        false,
        31,
        (false, &[]),
    );
    let second = TermShard::decode(&e.finish(30, 12, &[], &[])).unwrap();
    assert_eq!((second.positions_at, second.masks_at), (30, 12));
    assert_eq!(
        second.terms[0].0, b"alphabet",
        "no prefix shared across shards"
    );
    assert_eq!(TermShard::decode(&first).unwrap().terms.len(), 1);
}

#[test]
fn field_norm_files_are_named_by_field_and_chunk() {
    assert_eq!(field_norms_file(0, 0), "nt0.bin");
    assert_eq!(field_norms_file(1, 3), "ns3.bin");
    assert_eq!(field_norms_file(2, 12), "nb12.bin");
}

#[test]
fn a_row_file_says_where_each_row_is() {
    let rows = vec![b"first".to_vec(), Vec::new(), b"third row".to_vec()];
    let file = row_file(&rows);
    assert_eq!(
        &file[..4],
        &16u32.to_le_bytes(),
        "four entries of four bytes come first"
    );
    for (k, r) in rows.iter().enumerate() {
        assert_eq!(&file[row_range(&file, k).unwrap()], r.as_slice());
    }
    assert_eq!(
        row_range(&file, 2).unwrap().end,
        file.len(),
        "the last entry ends the file"
    );
    assert_eq!(row_file(&[]), 4u32.to_le_bytes());
}

#[test]
fn rows_round_trip_as_json_arrays() {
    let rows = vec![
        Row(
            "Café \"quotes\" & <tags>".into(),
            "/case-studies/cafe/".into(),
            "case-study".into(),
            "Line\nbreak, tab\t and é…".into(),
            vec![120_000, 64, 70],
        ),
        Row("".into(), "/".into(), "zone".into(), "".into(), Vec::new()),
    ];
    let json: serde_json::Value = serde_json::from_slice(&rows[1].encode()).unwrap();
    assert_eq!(
        json,
        serde_json::json!(["", "/", "zone", "", []]),
        "rows are arrays"
    );
    for r in &rows {
        assert_eq!(&Row::decode(&r.encode()).unwrap(), r);
    }
}

#[test]
fn facet_lists_round_trip_and_store_gaps() {
    let mut f = FacetLists::default();
    f.ids
        .entry("board".into())
        .or_default()
        .insert("lothian".into(), vec![0, 3, 4, 100_000]);
    f.ids
        .entry("board".into())
        .or_default()
        .insert("tayside".into(), vec![7]);
    f.ids.entry("kind".into()).or_default();
    let bytes = f.encode();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        json["board"]["lothian"],
        serde_json::json!([0, 3, 1, 99_996])
    );
    assert_eq!(FacetLists::decode(&bytes).unwrap(), f);
    assert_eq!(FacetLists::default().encode(), b"{}");
}

#[test]
fn meta_round_trips_with_f32s_widened_as_before() {
    let meta = Meta {
        version: 2,
        n: 3,
        boosts: [3.0, 2.0, 1.0],
        tokens: [9, 20, u64::from(u32::MAX) + 1],
        fieldnorms: vec![0, 1, 2],
        idf_fix: [("7".to_string(), 0.1f32)].into(),
        norm_chunk: 16_384,
        max_expansions: 16,
        min_prefix: 2,
        fuzzy: crate::search::query::FUZZY,
        position_group: 2,
        words: vec![3, 4],
        synonyms: crate::search::synonyms::Synonyms::new(&[vec![
            "OOH".into(),
            "out of hours".into(),
        ]]),
    };
    let bytes = meta.encode();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("\"idfFix\":{\"7\":0.10000000149011612}"),
        "{text}"
    );
    assert!(
        text.contains("\"normChunk\":16384") && !text.contains("names"),
        "{text}"
    );
    assert!(
        text.contains("\"fieldnorms\":[0,1,1]"),
        "the fieldnorm table as gaps: {text}"
    );
    let d = ShardDirectory(
        4,
        vec!["".into(), "a".into(), "日本".into(), "日本語".into()],
        vec![(1, 0, 95)],
    );
    assert_eq!(
        String::from_utf8(d.encode()).unwrap(),
        "[4,\"0 0a 0日本 2語\",[0,1,95]]",
        "shard starts front-coded by character"
    );
    assert_eq!(Meta::decode(&bytes).unwrap(), meta);
}

#[test]
fn shard_starts_front_code_and_back() {
    let starts: Vec<String> = [
        "",
        "1",
        "10",
        "100",
        "103",
        "2",
        "care",
        "carer",
        "caté",
        "catéchisme",
    ]
    .map(String::from)
    .to_vec();
    let coded = shard_starts::encode(&starts);
    assert_eq!(coded, "0 01 10 20 23 02 0care 4r 2té 4chisme");
    assert_eq!(shard_starts::decode(&coded), starts);
    assert_eq!(
        shard_starts::decode(&shard_starts::encode(&[])),
        Vec::<String>::new()
    );
}

#[test]
fn section_masks_are_two_bytes_each_and_section_blocks_json() {
    assert_eq!(mask_block(&[1, 0x8001, 0]), [1, 0, 1, 0x80, 0, 0]);
    let b = section_block("what-they-did", "What \"they\" did", "Snippet…");
    let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(
        v,
        serde_json::json!(["what-they-did", "What \"they\" did", "Snippet…"])
    );
}
