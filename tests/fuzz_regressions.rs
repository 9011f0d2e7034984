//! What the fuzz targets in `fuzz/` found, kept as ordinary tests (see CONTRIBUTING.md,
//! "Fuzzing the loader and the search parser").

use ithub::search::documents::SearchDoc;
use ithub::search::query::{search, Request};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts the bytes each thread has allocated and not freed, so a test can see what a call
/// leaves behind without the other tests' threads in the figure.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.with(|l| l.set(l.get() + layout.size() as isize));
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.with(|l| l.set(l.get() - layout.size() as isize));
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_bytes() -> isize {
    LIVE.with(Cell::get)
}

fn doc(key: &str, title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        key: key.into(),
        kind: "case-study",
        title: title.into(),
        summary: String::new(),
        body: body.into(),
        url: key.into(),
        date: None,
        board: vec!["lothian".into()],
        zone: vec![],
        component: vec![],
        topic: vec![],
        sections: Vec::new(),
    }
}

/// The query target's RSS grew with every distinct search: each search opened its readers with
/// tantivy's default reload policy, which leaves an entry in the index's watch list until the
/// next commit, so `serve` grew with every search between two edits.
#[test]
fn searches_leave_nothing_behind() {
    let index = ithub::search::index::in_ram(
        &[
            doc("a", "Diabetes reviews", "Practices shared data."),
            doc(
                "b",
                "Frailty",
                "Diabetic patients also benefit from reviews.",
            ),
        ],
        &Default::default(),
    )
    .unwrap();
    let req = Request {
        text: "diab".into(),
        filters: vec![("board".into(), "lothian".into())],
        limit: 10,
        ..Default::default()
    };
    let run = |n: usize| {
        for _ in 0..n {
            assert_eq!(search(&index, &req).unwrap().len(), 2);
        }
    };
    // The first searches fill caches that are kept on purpose.
    run(50);
    let before = live_bytes();
    run(1000);
    let grown = live_bytes() - before;
    assert!(
        grown < 4096,
        "1000 searches left {grown} bytes allocated (the leak left about 100 a search)"
    );
}
