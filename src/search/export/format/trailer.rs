//! What a term shard and a head end with (`put_trailer`): the strings sorting into the shard
//! that are not its terms.

use super::codec;
#[cfg(test)]
use crate::search::vocabulary::get_against;
use crate::search::vocabulary::put_against;

/// What a term shard and a head end with: the strings that sort into the shard's range but are
/// not its terms. First the words whose stems are in other shards: a count, then each word
/// front-coded against the one before and its stem front-coded against the word. Then the
/// beginnings of words whose query alone the export ranked ahead of time (`PrefixHeadFile`),
/// listed in the shard of the first common word each begins: a count, then each beginning
/// front-coded against the one before, where its head starts in `q.bin` and its length, as
/// varints.
pub(crate) fn put_trailer<'a>(
    out: &mut Vec<u8>,
    foreign: impl ExactSizeIterator<Item = (&'a [u8], &'a [u8])>,
    prefixes: &[PrefixAt],
) {
    codec::put(out, foreign.len() as u64);
    let mut prev: &[u8] = &[];
    for (word, stem) in foreign {
        put_against(out, prev, word);
        put_against(out, word, stem);
        prev = word;
    }
    codec::put(out, prefixes.len() as u64);
    let mut prev: &[u8] = &[];
    for (p, at, len) in prefixes {
        put_against(out, prev, p);
        codec::put(out, *at);
        codec::put(out, *len);
        prev = p;
    }
}

/// A typed beginning whose query alone has a head in `q.bin`: the beginning, where the head
/// starts and its length.
pub(crate) type PrefixAt = (Vec<u8>, u64, u64);

/// Words with their stems: (word, stem).
#[cfg(test)]
pub(crate) type Foreign = Vec<(Vec<u8>, Vec<u8>)>;

/// The trailer `put_trailer` wrote at `*at`: the foreign words and the prefix heads' places.
#[cfg(test)]
pub(crate) fn get_trailer(
    bytes: &[u8],
    at: &mut usize,
) -> Result<(Foreign, Vec<PrefixAt>), String> {
    let count = codec::get(bytes, at).ok_or("foreign word count cut short")?;
    let mut foreign: Foreign = Vec::new();
    for _ in 0..count {
        let prev = foreign.last().map_or(&[][..], |(w, _)| w.as_slice());
        let word = get_against(bytes, at, prev)?;
        let stem = get_against(bytes, at, &word)?;
        foreign.push((word, stem));
    }
    let count = codec::get(bytes, at).ok_or("prefix count cut short")?;
    let mut prefixes: Vec<PrefixAt> = Vec::new();
    for _ in 0..count {
        let prev = prefixes.last().map_or(&[][..], |(p, ..)| p.as_slice());
        let p = get_against(bytes, at, prev)?;
        let place = codec::get(bytes, at).ok_or("prefix head offset cut short")?;
        let len = codec::get(bytes, at).ok_or("prefix head length cut short")?;
        prefixes.push((p, place, len));
    }
    Ok((foreign, prefixes))
}
