//! A build's export, which lets its table go and hands each file on as it is made, writes
//! the files serve's export keeps.

use super::super::{GzMemo, Layout, Table};
use super::docs;
use std::collections::BTreeMap;

#[test]
fn a_build_that_lets_the_table_go_writes_the_files_serve_writes() {
    // A build's export gives up the table as it goes and hands each file on as it is made
    // (`into_files`); serve keeps it and compresses through its memo (`files`). Both must
    // write the same files.
    let docs = docs(300);
    let layout = Layout { norm_chunk: 128 };
    let index = crate::search::index::in_ram(&docs, &Default::default()).unwrap();
    let table = || Table::read(&index, &docs, layout).unwrap();
    let kept = table().files(None);
    let delivered = std::sync::Mutex::new(BTreeMap::new());
    let let_go = table().into_files(&|(path, bytes)| {
        let twice = delivered.lock().unwrap().insert(path, bytes).is_some();
        assert!(!twice, "a file delivered twice");
    });
    let delivered = delivered.into_inner().unwrap();
    assert_eq!(kept.shards, let_go.shards);
    assert!(let_go.files.is_empty(), "a delivered file kept too");
    assert!(kept.files.len() > 10, "{} files", kept.files.len());
    let as_map = |files: Vec<(String, Vec<u8>)>| files.into_iter().collect::<BTreeMap<_, _>>();
    assert_eq!(kept.files.len(), delivered.len());
    assert!(as_map(kept.files) == delivered, "the two exports differ");
    let memo = GzMemo::default();
    assert!(
        as_map(table().files(Some(&memo)).files) == delivered,
        "the memo changed the files"
    );
}
