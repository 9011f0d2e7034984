//! Handing the memory a build has freed back to the system.
//!
//! glibc keeps freed small blocks for reuse by later small allocations, so memory a build's
//! stage has let go (bodies' Markdown, the terms' positions once the export has compressed
//! them) still counts in the process's resident size while the next stage maps its large
//! buffers afresh. A build calls `give_back` where it has just let go of much.
//!
//! The `ithub` binary allocates with mimalloc (`allocator.rs`), which hands freed pages back
//! on its own 5 ms after they are freed; there the glibc heap is all but empty and this costs
//! next to nothing. It serves the library where glibc allocates (its tests).

/// Return the pages of memory freed so far to the system (glibc's `malloc_trim`); nothing on
/// other C libraries.
pub(crate) fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns free memory to the system; it touches no live
        // allocation and may be called from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
