//! One search request (text, then `facet=value` and `limit=N` lines) against the fixture hub.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ithub::fuzzing::query(data));
