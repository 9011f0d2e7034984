//! One content file through load, link, render and the checks: the first byte picks which file
//! of the fixture hub the rest replaces.
#![no_main]

use ithub::fuzzing::{item, ITEM_FILES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((&which, bytes)) = data.split_first() {
        item(ITEM_FILES[usize::from(which) % ITEM_FILES.len()], bytes);
    }
});
