//! Compressing the export's files, and the memo that lets `serve` compress only the files an
//! edit changed. `serve` must still match `build` byte for byte, so the bytes depend only on
//! the input and the level.
//!
//! libdeflate, not zlib's algorithm: its slow levels take a sixth off the term shards and
//! fieldnorm files that every query fetches, against miniz's best (10,000 case studies: term
//! shards 1.99 MB with miniz, 1.68 MB at libdeflate's level 12 and 1 % more at its level 10; a
//! field's fieldnorms 5.2 to 4.4 KB), and at its default level it compresses the bulky
//! position blocks, fetched only for phrases, faster than miniz's best and as small.

use crate::unpoisoned::Unpoisoned;
use libdeflater::{CompressionLvl, Compressor};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// How hard to compress: by how often a file's bytes go over the wire against how many there
/// are to compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Effort {
    /// Whole files a query fetches (term shards, fieldnorms, `meta.bin`): every byte saved is
    /// saved on every query, and they are a fifth of the export's bytes. Level 10, not 12:
    /// the term shards at 10,000 case studies are 1.4 % smaller at 11 and 2 % at 12, for 28 %
    /// and 62 % more CPU time (0.89, 1.14 and 1.44 s for their 7 MB), and a build compresses
    /// them last, with nothing else left to run beside it (build at 10,000, level 12 to 10:
    /// 6.46 to 5.81 s, median of five).
    Fetched,
    /// Blocks a query reads by range, a few at a time, from among many (result rows, heads,
    /// prefix heads): small enough that the slow levels find nothing more in them. At
    /// 10,000 case studies, level 9 against 10 left the rows 0.4 % larger and the heads 1 %
    /// smaller, and took 2 % off a build's instructions (callgrind, 1,000 case studies: 8.03
    /// to 7.86 G).
    Blocks,
    /// Position blocks: most of the export's bytes, read only for a quoted phrase, where the
    /// slowest level saves 2 % for twice the time.
    Bulk,
}

impl Effort {
    fn level(self) -> CompressionLvl {
        // libdeflate's levels run from 0 to 12; both are in range.
        let level = match self {
            Effort::Fetched => 10,
            Effort::Blocks => 9,
            Effort::Bulk => 6,
        };
        CompressionLvl::new(level).unwrap_or_default()
    }
}

/// A compressor kept for many files: the export compresses tens of thousands of small blocks
/// (every row, every positions block, every section), and a libdeflate compressor's state is
/// hundreds of KB to set up.
pub(super) struct Deflater(Compressor);

impl Deflater {
    pub(super) fn new(effort: Effort) -> Deflater {
        Deflater(Compressor::new(effort.level()))
    }

    /// `bytes` gzip'd: no name, no time and an unknown system in the header, so builds are
    /// reproducible.
    pub(super) fn gzip(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = vec![0; self.0.gzip_compress_bound(bytes.len())];
        match self.0.gzip_compress(bytes, &mut out) {
            Ok(n) => out.truncate(n),
            // The buffer is libdeflate's own bound, so this cannot happen; were it to, the
            // empty result would fail the client's inflate loudly rather than serve wrong bytes.
            Err(_) => out.clear(),
        }
        out
    }

    /// `bytes` compressed as `wrap` says.
    pub(super) fn compress(&mut self, wrap: Wrap, bytes: &[u8]) -> Vec<u8> {
        match wrap {
            Wrap::Gzip => self.gzip(bytes),
            Wrap::Raw => {
                let mut out = vec![0; self.0.deflate_compress_bound(bytes.len())];
                match self.0.deflate_compress(bytes, &mut out) {
                    Ok(n) => out.truncate(n),
                    Err(_) => out.clear(),
                }
                out
            }
        }
    }
}

/// How compressed bytes are wrapped: a whole file in gzip (the client checks its magic
/// bytes, as a host may hand it over inflated already), a block read by an HTTP range request
/// (a result row, a term's positions) in raw deflate, where gzip's 18 bytes of header and
/// trailer were a tenth of a result row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wrap {
    Gzip,
    Raw,
}

/// `bytes` gzip'd as the files a query fetches are (one file; `Deflater` for many).
#[cfg(test)]
pub(super) fn gzip(bytes: &[u8]) -> Vec<u8> {
    Deflater::new(Effort::Fetched).gzip(bytes)
}

/// Compressed files kept by their uncompressed bytes.
#[derive(Default)]
pub(crate) struct GzMemo {
    maps: Mutex<Maps>,
}

/// One map per `Effort` and `Wrap` (the same bytes compress differently with each): raw
/// bytes → the compressed bytes, and whether an export has asked for them since the last
/// `sweep`.
type Maps = [HashMap<Vec<u8>, (Vec<u8>, bool)>; 6];

impl GzMemo {
    /// `raw` compressed with `d` (of `effort`) and wrapped as `wrap` says, compressed only if
    /// it is not in the memo yet.
    pub(super) fn compress(
        &self,
        d: &mut Deflater,
        effort: Effort,
        wrap: Wrap,
        raw: &[u8],
    ) -> Vec<u8> {
        let map = 2 * effort as usize + wrap as usize;
        if let Some((z, used)) = self.lock()[map].get_mut(raw) {
            *used = true;
            return z.clone();
        }
        let z = d.compress(wrap, raw);
        self.lock()[map].insert(raw.to_vec(), (z.clone(), true));
        z
    }

    fn lock(&self) -> MutexGuard<'_, Maps> {
        self.maps.lock().unpoisoned()
    }

    /// Forget every file the export just made did not ask for: an export asks for every
    /// file it has, so what is left unasked belongs to none.
    pub(super) fn sweep(&self) {
        for map in self.lock().iter_mut() {
            map.retain(|_, (_, used)| std::mem::take(used));
        }
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
    fn a_deflater_kept_for_many_files_gives_what_a_new_one_gives() {
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i * 7919 % 251).to_le_bytes())
            .collect();
        for effort in [Effort::Fetched, Effort::Blocks, Effort::Bulk] {
            let d = &mut Deflater::new(effort);
            for bytes in [
                &b""[..],
                b"a",
                b"care homes care homes care homes",
                &big,
                b"again",
            ] {
                let got = d.gzip(bytes);
                assert_eq!(
                    got,
                    Deflater::new(effort).gzip(bytes),
                    "{} bytes",
                    bytes.len()
                );
                // Another implementation reads it back, and the header names no time or
                // file, so the same input always gives the same file.
                assert_eq!(gunzip(&got), bytes);
                assert_eq!(got[..10], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, got[8], got[9]]);
            }
        }
    }

    #[test]
    fn the_slow_level_is_smaller_on_what_queries_fetch() {
        // A run of postings-like bytes: where the extra effort pays.
        let bytes: Vec<u8> = (0..40_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 27) as u8 % 7)
            .collect();
        let fetched = Deflater::new(Effort::Fetched).gzip(&bytes);
        let bulk = Deflater::new(Effort::Bulk).gzip(&bytes);
        assert!(
            fetched.len() < bulk.len(),
            "{} {}",
            fetched.len(),
            bulk.len()
        );
    }

    #[test]
    fn the_memo_gives_what_gzip_gives_and_forgets_what_is_gone() {
        let memo = GzMemo::default();
        let (a, b) = (b"first file".as_slice(), b"second file".as_slice());
        let d = &mut Deflater::new(Effort::Fetched);
        let fetched = |d: &mut Deflater, raw| memo.compress(d, Effort::Fetched, Wrap::Gzip, raw);
        assert_eq!(fetched(d, a), gzip(a));
        assert_eq!(gunzip(&fetched(d, b)), b);
        memo.sweep();
        // The next export has `a` but not `b`.
        assert_eq!(fetched(d, a), gzip(a));
        memo.sweep();
        assert!(memo.lock()[2 * Effort::Fetched as usize].contains_key(a));
        assert!(!memo.lock()[2 * Effort::Fetched as usize].contains_key(b));
    }

    #[test]
    fn a_block_is_raw_deflate_and_the_memo_keeps_it_apart_from_a_file_of_the_same_bytes() {
        let memo = GzMemo::default();
        let d = &mut Deflater::new(Effort::Fetched);
        let bytes = b"care homes care homes care homes".as_slice();
        let block = memo.compress(d, Effort::Fetched, Wrap::Raw, bytes);
        let file = memo.compress(d, Effort::Fetched, Wrap::Gzip, bytes);
        assert_eq!(file, gzip(bytes));
        assert_eq!(
            block.len() + 18,
            file.len(),
            "gzip's header and trailer, no more"
        );
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(&block[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, bytes);
    }
}
