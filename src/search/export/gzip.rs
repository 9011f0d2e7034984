//! Compressing the export's files, and the memo that lets `serve` compress only the files an
//! edit changed. Best compression is slow; `serve` must still match `build` byte for byte.

use crate::unpoisoned::Unpoisoned;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::{Mutex, MutexGuard};

/// `bytes` gzip'd at the best compression.
pub(super) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

/// Compressed files kept by their uncompressed bytes.
#[derive(Default)]
pub(crate) struct GzMemo {
    map: Mutex<HashMap<Vec<u8>, Vec<u8>>>,
}

impl GzMemo {
    /// `raw` gzip'd, compressed only if it is not in the memo yet.
    pub(super) fn gzip(&self, raw: &[u8]) -> Vec<u8> {
        if let Some(z) = self.lock().get(raw) {
            return z.clone();
        }
        let z = gzip(raw);
        self.lock().insert(raw.to_vec(), z.clone());
        z
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<Vec<u8>, Vec<u8>>> {
        self.map.lock().unpoisoned()
    }

    /// Forget every file not in `keep` (the raw bytes of the current export).
    pub(super) fn retain(&self, keep: &HashSet<&[u8]>) {
        self.lock().retain(|k, _| keep.contains(k.as_slice()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(z: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(z)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn the_memo_gives_what_gzip_gives_and_forgets_what_is_gone() {
        let memo = GzMemo::default();
        let (a, b) = (b"first file".as_slice(), b"second file".as_slice());
        assert_eq!(memo.gzip(a), gzip(a));
        assert_eq!(gunzip(&memo.gzip(b)), b);
        memo.retain(&[a].into_iter().collect());
        assert!(memo.lock().contains_key(a));
        assert!(!memo.lock().contains_key(b));
    }
}
