//! How the `ithub` binary allocates: mimalloc, set up for a build's pattern of allocation.
//!
//! A build makes and lets go of many small strings and vectors on both cores (page contexts,
//! rendered HTML, tokens), and frees large blocks as each stage hands its results on. With
//! glibc's allocator, malloc and free were about 15 % of a build's CPU samples (`perf`, 10,000
//! case studies). mimalloc, with two settings, is faster and holds less (binary of this commit
//! built without LTO, 10,000 case studies on tmpfs, three alternating runs each):
//!
//! | allocator | runs | wall | user CPU | system CPU | peak RSS |
//! | --- | ---: | ---: | ---: | ---: | ---: |
//! | glibc | 3 | 5.85–6.20 s | 9.6–10.3 s | 1.3 s | 276–281 MB |
//! | mimalloc, its defaults | 2 | 5.36–7.68 s | 8.4–11.5 s | 1.3–2.6 s | 402–407 MB |
//! | mimalloc, no huge pages, purge after 1 s (its default) | 2 | 5.13–5.24 s | 8.4–8.5 s | 1.2 s | 328–330 MB |
//! | mimalloc, no huge pages, purge at once | 2 | 5.76–5.84 s | 8.9–9.1 s | 1.8–1.9 s | 253–254 MB |
//! | mimalloc, no huge pages, purge after 5 ms | 3 | 5.14–5.19 s | 8.3–8.4 s | 1.2 s | 255–258 MB |
//!
//! - **No transparent huge pages** (the crate's `no_thp` feature, set in Cargo.toml): with
//!   them mimalloc asks the kernel to back its arenas with 2 MiB pages, and what a build
//!   frees inside such a page stays resident.
//! - **Purge freed pages after 5 ms, not 1 s** (`configure`): after a second, the memory a
//!   stage frees is still counted while the next one grows. Purging at once cost as much
//!   system time as it saved; 1 ms took 0.3 s longer than 3 or 5 ms, which differed by
//!   no more than the noise.
//!
//! The binary declares the allocator (`main.rs`); the library, its tests and the fuzz targets
//! keep the system's.

use std::ffi::c_long;

/// mimalloc's `mi_option_purge_delay`. libmimalloc-sys names only some options; this is the
/// value of that one in the mimalloc v3 Cargo.lock pins (`mimalloc.h`, `mi_option_e`).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds before freed memory is handed back (see the module comment).
const PURGE_AFTER_MS: c_long = 5;

/// Set mimalloc up as a build wants it: called first thing in `main`. Harmless where mimalloc
/// is linked but not the global allocator (its options then govern nothing).
pub fn configure() {
    // SAFETY: setting an option only stores a value mimalloc reads when it next purges; it
    // may be called at any time from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_AFTER_MS) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_the_purge_delay() {
        // purge_delay defaults to 1,000 ms (`options.c`); its neighbours in `mi_option_e` do
        // not (the deprecated eager-commit delay is 1, use_numa_nodes 0), so a renumbering in
        // a new mimalloc fails here rather than setting the wrong option.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reading an option has no preconditions.
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        }
    }
}
