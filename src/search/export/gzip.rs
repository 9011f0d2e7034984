//! Compressing the export's files, and the memo that lets `serve` compress only the files an
//! edit changed. Best compression is slow; `serve` must still match `build` byte for byte.

use crate::unpoisoned::Unpoisoned;
use flate2::{Compress, Compression, Crc, FlushCompress, Status};
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

/// The gzip header flate2's `GzEncoder` writes at the best compression: no name, no time,
/// "best" in the extra flags, an unknown system (so builds are reproducible).
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255];

/// A deflate state kept for many files. Making one costs more than compressing a small block
/// (each is hundreds of KB to set up), and the export compresses tens of thousands of small
/// blocks: every row, every positions block, every section.
pub(super) struct Deflater(Compress);

impl Default for Deflater {
    fn default() -> Deflater {
        Deflater(Compress::new(Compression::best(), false))
    }
}

impl Deflater {
    /// `bytes` gzip'd at the best compression: the bytes flate2's `GzEncoder` gives.
    pub(super) fn gzip(&mut self, bytes: &[u8]) -> Vec<u8> {
        let c = &mut self.0;
        c.reset();
        let mut out = Vec::with_capacity(HEADER.len() + bytes.len() / 2 + 64);
        out.extend_from_slice(&HEADER);
        loop {
            let read = c.total_in() as usize;
            match c.compress_vec(
                &bytes[read.min(bytes.len())..],
                &mut out,
                FlushCompress::Finish,
            ) {
                Ok(Status::StreamEnd) => break,
                Ok(_) => out.reserve(out.capacity().max(64)),
                // Deflating bytes in memory has no way to fail; were it to, the empty result
                // would fail the client's inflate loudly rather than serve wrong bytes.
                Err(_) => return Vec::new(),
            }
        }
        let mut crc = Crc::new();
        crc.update(bytes);
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out
    }
}

/// `bytes` gzip'd at the best compression (one file; `Deflater` for many).
#[cfg(test)]
pub(super) fn gzip(bytes: &[u8]) -> Vec<u8> {
    Deflater::default().gzip(bytes)
}

/// Compressed files kept by their uncompressed bytes.
#[derive(Default)]
pub(crate) struct GzMemo {
    map: Mutex<HashMap<Vec<u8>, Vec<u8>>>,
}

impl GzMemo {
    /// `raw` gzip'd with `d`, compressed only if it is not in the memo yet.
    pub(super) fn gzip(&self, d: &mut Deflater, raw: &[u8]) -> Vec<u8> {
        if let Some(z) = self.lock().get(raw) {
            return z.clone();
        }
        let z = d.gzip(raw);
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
    fn one_deflater_gives_what_flate2s_encoder_gives_file_after_file() {
        use std::io::Write;
        let d = &mut Deflater::default();
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i * 7919 % 251).to_le_bytes())
            .collect();
        for bytes in [
            &b""[..],
            b"a",
            b"care homes care homes care homes",
            &big,
            b"again",
        ] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), Compression::best());
            e.write_all(bytes).unwrap();
            let want = e.finish().unwrap();
            let got = d.gzip(bytes);
            assert_eq!(got, want, "{} bytes", bytes.len());
            assert_eq!(gunzip(&got), bytes);
        }
    }

    #[test]
    fn the_memo_gives_what_gzip_gives_and_forgets_what_is_gone() {
        let memo = GzMemo::default();
        let (a, b) = (b"first file".as_slice(), b"second file".as_slice());
        let d = &mut Deflater::default();
        assert_eq!(memo.gzip(d, a), gzip(a));
        assert_eq!(gunzip(&memo.gzip(d, b)), b);
        memo.retain(&[a].into_iter().collect());
        assert!(memo.lock().contains_key(a));
        assert!(!memo.lock().contains_key(b));
    }
}
