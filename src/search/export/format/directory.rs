//! `d<K>.bin`: where the term shards holding the words that begin with one character start.
//!
//! A query's words are looked up in the shard whose range holds them, and the client needs
//! every shard's start to find it. In `meta.bin` the starts cost a first query 1.1 KB at
//! 10,000 case studies; split by a term's first character, a query fetches the starts of its
//! own words' characters alone (one file of a few dozen starts for a one-word query), and as
//! the name comes from the word itself, it fetches them beside `meta.bin`, not after it.

use super::json;
use super::shard_starts;
use serde::{Deserialize, Serialize};

/// The directories, one per key: a term's first character when it is an ASCII digit or
/// letter (every ASCII term begins with one: the tokenizer keeps letters and digits and lower-cases
/// them), `_` for every other, all of which sort after them (their UTF-8 begins at 0xC2).
pub(crate) const KEYS: &str = "0123456789abcdefghijklmnopqrstuvwxyz_";

/// The key of the directory a term (or a word) is found through (`search.js` `dirKey`).
#[cfg(test)]
pub(crate) fn key_of(term: &[u8]) -> char {
    match term.first() {
        Some(&b) if b.is_ascii_digit() || b.is_ascii_lowercase() => char::from(b),
        _ => '_',
    }
}

/// The file's name (without the export's folder) for `key`.
pub(crate) fn directory_file(key: char) -> String {
    format!("d{key}.bin")
}

/// One directory: the index of the first shard it lists, the starts of the shards whose
/// ranges hold terms with its key, in order (the shard holding the key's first possible term,
/// then every shard starting with the key; a key no term has lists the one shard its terms
/// would be in), and for those of them holding one common word alone, where its head is in
/// `h.bin`: (place in the list, offset, length). As JSON, `[first, starts, heads]`, the
/// starts front-coded (`shard_starts`), the heads flat (`heads`).
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ShardDirectory(
    pub(crate) usize,
    #[serde(with = "shard_starts")] pub(crate) Vec<String>,
    #[serde(with = "heads")] pub(crate) Vec<(usize, u64, u64)>,
);

/// A directory's heads as one flat list: the offset of the first in `h.bin`, then for each its
/// place in the list and its length. The heads of a directory's shards lie back to back in
/// `h.bin`, as its shards do in order, so each offset is the one before plus its length.
mod heads {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        heads: &[(usize, u64, u64)],
        out: S,
    ) -> Result<S::Ok, S::Error> {
        let first = heads.first().map(|h| h.1);
        out.collect_seq(
            first
                .into_iter()
                .chain(heads.iter().flat_map(|&(k, _, len)| [k as u64, len])),
        )
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        input: D,
    ) -> Result<Vec<(usize, u64, u64)>, D::Error> {
        let flat = Vec::<u64>::deserialize(input)?;
        let mut at = flat.first().copied().unwrap_or(0);
        Ok(flat
            .get(1..)
            .unwrap_or_default()
            .chunks(2)
            .filter_map(|c| {
                let &[k, len] = c else { return None };
                let head = (k as usize, at, len);
                at += len;
                Some(head)
            })
            .collect())
    }
}

impl ShardDirectory {
    /// The directory of `key` over shards starting at `starts` (the first at ""), whose heads
    /// are at `heads` in `h.bin` (offset, length), for the shards that have one.
    pub(crate) fn of(key: char, starts: &[String], heads: &[Option<(u64, u64)>]) -> ShardDirectory {
        let (lo, hi) = match key {
            '_' => ("\u{80}".to_string(), None),
            c => {
                let next = char::from(c as u8 + 1);
                (c.to_string(), Some(next.to_string()))
            }
        };
        let first = starts
            .partition_point(|s| s.as_str() <= lo.as_str())
            .saturating_sub(1);
        let end = hi.map_or(starts.len(), |hi| {
            starts.partition_point(|s| s.as_str() < hi.as_str())
        });
        let listed = first.min(end)..end;
        let listed_heads = listed
            .clone()
            .filter_map(|s| {
                heads
                    .get(s)
                    .copied()
                    .flatten()
                    .map(|(at, len)| (s - first, at, len))
            })
            .collect();
        ShardDirectory(first, starts[listed].to_vec(), listed_heads)
    }

    /// The file's bytes.
    pub(crate) fn encode(&self) -> Vec<u8> {
        json(self)
    }

    /// Read the file back.
    #[cfg(test)]
    pub(crate) fn decode(bytes: &[u8]) -> Result<ShardDirectory, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_key_lists_the_shard_holding_its_first_term_and_every_shard_starting_with_it() {
        let all = starts(&["", "ba", "c", "cat", "co", "d", "é", "日"]);
        assert_eq!(
            ShardDirectory::of('c', &all, &[]),
            ShardDirectory(2, starts(&["c", "cat", "co"]), vec![])
        );
        // "b…" terms begin in the first shard (before "ba") and run on in "ba".
        assert_eq!(
            ShardDirectory::of('b', &all, &[]),
            ShardDirectory(0, starts(&["", "ba"]), vec![])
        );
        // No shard starts with "q": its terms would be in "d"'s, the last before it.
        assert_eq!(
            ShardDirectory::of('q', &all, &[]),
            ShardDirectory(5, starts(&["d"]), vec![])
        );
        assert_eq!(
            ShardDirectory::of('_', &all, &[]),
            ShardDirectory(5, starts(&["d", "é", "日"]), vec![])
        );
        assert_eq!(
            ShardDirectory::of('a', &[], &[]),
            ShardDirectory(0, Vec::new(), Vec::new())
        );
        // Shards 3 and 6 have heads: "cat" is second in c's list, "é" second in _'s.
        let heads = [
            None,
            None,
            None,
            Some((0, 90)),
            None,
            None,
            Some((90, 80)),
            None,
        ];
        assert_eq!(ShardDirectory::of('c', &all, &heads).2, vec![(1, 0, 90)]);
        assert_eq!(ShardDirectory::of('_', &all, &heads).2, vec![(1, 90, 80)]);
    }

    #[test]
    fn every_term_is_found_through_its_key() {
        let all = starts(&["", "ba", "c", "cat", "co", "d", "é", "日"]);
        for term in [
            "a", "b", "bz", "c", "caz", "cb", "cz", "d", "zz", "0", "é", "éa", "日本", "ü",
        ] {
            let d = ShardDirectory::of(key_of(term.as_bytes()), &all, &[]);
            let local = d.1.partition_point(|s| s.as_str() <= term) - 1;
            let global = all.partition_point(|s| s.as_str() <= term) - 1;
            assert_eq!(d.0 + local, global, "{term}");
        }
    }

    #[test]
    fn round_trips() {
        let d = ShardDirectory(
            3,
            starts(&["c", "cat", "co"]),
            vec![(1, 30, 90), (2, 120, 40)],
        );
        assert_eq!(ShardDirectory::decode(&d.encode()), Ok(d));
    }
}
