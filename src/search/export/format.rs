//! The bytes of each kind of file in the export, as typed values. Each kind encodes to exactly
//! what the client (`search.js`) reads; the decoders are the client's reading in Rust, for the
//! round-trip tests. The files are written gzip'd, and the blocks read by range compressed
//! with raw deflate (`writer`); these are the bytes inside.

use super::codec;
#[cfg(test)]
use crate::search::vocabulary::get_against;
use crate::search::vocabulary::put_against;

mod directory;
mod head;
mod meta;
mod prefix_head;
mod rows;
mod trailer;
#[cfg(test)]
pub(crate) use directory::key_of;
pub(crate) use directory::{directory_file, ShardDirectory, KEYS};
pub(crate) use head::{HeadFile, HEAD};
use meta::shard_starts;
pub(crate) use meta::Meta;
pub(crate) use prefix_head::PrefixHeadFile;
#[cfg(test)]
pub(crate) use rows::row_range;
pub(crate) use rows::{row_file, section_block, Row};
use serde::Serialize;
use std::collections::BTreeMap;
#[cfg(test)]
use trailer::get_trailer;
pub(crate) use trailer::{put_trailer, PrefixAt};

/// One posting: (document id, term frequency).
pub(crate) type Posting = (u32, u32);
/// A term's postings in the title, summary and body fields, each sorted by document id.
pub(crate) type Postings = [Vec<Posting>; 3];
/// A term's positions in each field: for each posting in document order, its term-frequency
/// many positions as varints, the first as it is and each later one as the gap from the last.
pub(crate) type Positions = [Vec<u8>; 3];

/// A term's postings and positions in the three text fields.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct TermPostings {
    pub(crate) lists: Postings,
    pub(crate) positions: Positions,
}

/// Append one posting's `positions` (ascending) to `out`.
pub(crate) fn encode_positions(out: &mut Vec<u8>, positions: &[u32]) {
    let mut last = 0;
    for (i, &p) in positions.iter().enumerate() {
        codec::put(out, u64::from(if i == 0 { p } else { p - last }));
        last = p;
    }
}

/// `f(k, positions)` for each posting `k` of `list` in turn, its positions read from its
/// field's position `bytes` into one buffer reused for every posting.
pub(crate) fn for_each_positions(list: &[Posting], bytes: &[u8], mut f: impl FnMut(usize, &[u32])) {
    let mut at = 0usize;
    let mut buf: Vec<u32> = Vec::new();
    for (k, &(_, tf)) in list.iter().enumerate() {
        buf.clear();
        let mut last = 0u32;
        for i in 0..tf {
            let v = codec::get(bytes, &mut at).unwrap_or(0) as u32;
            last = if i == 0 { v } else { last.saturating_add(v) };
            buf.push(last);
        }
        f(k, &buf);
    }
}

/// Where the `k`-th posting of `list` starts in its field's position bytes.
pub(crate) fn positions_offset(list: &[Posting], bytes: &[u8], k: usize) -> usize {
    let mut at = 0;
    for &(_, tf) in &list[..k.min(list.len())] {
        for _ in 0..tf {
            while bytes.get(at).is_some_and(|b| b & 0x80 != 0) {
                at += 1;
            }
            at += 1;
        }
    }
    at.min(bytes.len())
}

/// `w<L>.bin`: every indexed term of `L` characters, in byte order, front-coded as term shards
/// are, each followed by the documents holding it (summed over the text fields): what the
/// client corrects a misspelt word from, fetching only the lengths one or two edits away.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct WordList {
    pub(crate) words: Vec<(Vec<u8>, u64)>,
}

impl WordList {
    /// The file's bytes.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put(&mut out, self.words.len() as u64);
        let mut prev: &[u8] = &[];
        for (w, n) in &self.words {
            put_against(&mut out, prev, w);
            codec::put(&mut out, *n);
            prev = w;
        }
        out
    }

    /// Read the file back.
    #[cfg(test)]
    pub(crate) fn decode(bytes: &[u8]) -> Result<WordList, String> {
        let at = &mut 0;
        let get =
            |at: &mut usize| codec::get(bytes, at).ok_or_else(|| format!("cut short at {at}"));
        let count = get(at)?;
        let mut words: Vec<(Vec<u8>, u64)> = Vec::new();
        for _ in 0..count {
            let prev = words.last().map_or(&[][..], |(p, _)| p.as_slice());
            let w = get_against(bytes, at, prev)?;
            words.push((w, get(at)?));
        }
        Ok(WordList { words })
    }
}

/// `t<N>.bin`: a varint term count, then where the shard's positions start in its position
/// file and where its section masks start in its mask file, then each term in byte order,
/// front-coded against the previous one (shared prefix length, suffix length, suffix), then
/// its flags: which fields' lists carry their documents' field lengths inline (bit 0 title, 1
/// summary, 2 body) and whether it has section masks (bit 3), followed by, per field, its document
/// count, all document-id gaps, all term frequencies (columns compress better than rows) and,
/// if that field's are inline, those documents' fieldnorm ids, and last the
/// length of the term's positions block (`position_block`), and last its words
/// (`vocabulary`): flag bit 4 says the term is itself a word of the hub (it is its own stem),
/// and a count gives the other words whose stem it is, each front-coded against the term.
/// After the last term comes the shard's trailer (`put_trailer`): each word of the hub
/// that sorts into this shard's range but whose stem is in another shard (its *foreign words*),
/// with its stem, and each beginning of a word sorting into it whose query the export ranked. So the shard a word sorts into says
/// what its stem is (the client's stem of a query word), and each term says which words it
/// stands for (what the client highlights). After the positions offset, the
/// header gives where the shard's section masks start in its mask file (`mask_block`): each
/// term's block follows the last, two bytes for each of its body postings, for the terms with
/// masks. A query whose lists all have their field lengths inline needs no fieldnorm file
/// (`field_norms_file`). The writer streams shards
/// through `ShardEncoder`; this whole form is what a reader gets back.
#[cfg(test)]
#[derive(Debug, Default, PartialEq)]
pub(crate) struct TermShard {
    /// Byte offset of the first term's positions block in the position file.
    pub(crate) positions_at: u64,
    /// Byte offset of the first term's section masks in the mask file.
    pub(crate) masks_at: u64,
    /// Each term, its postings, its documents' fieldnorm ids in each field whose are inline,
    /// whether it has section masks, the byte length of its positions block, and its words.
    pub(crate) terms: Vec<ShardTerm>,
    /// The words of the shard's range whose stems are in other shards: (word, stem).
    pub(crate) foreign: Vec<(Vec<u8>, Vec<u8>)>,
    /// The beginnings of the shard's range with a prefix head (`put_trailer`).
    pub(crate) prefixes: Vec<PrefixAt>,
}

#[cfg(test)]
impl TermShard {
    /// The shard's bytes (what `ShardEncoder` writes for the same terms).
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut e = ShardEncoder::default();
        for (term, postings, norms, masks, block, words) in &self.terms {
            let others: Vec<&[u8]> = words.others.iter().map(Vec::as_slice).collect();
            e.push(
                term,
                postings,
                norms,
                *masks,
                *block as usize,
                (words.own, &others),
            );
        }
        let foreign: Vec<(&[u8], &[u8])> = self
            .foreign
            .iter()
            .map(|(w, s)| (w.as_slice(), s.as_slice()))
            .collect();
        e.finish(self.positions_at, self.masks_at, &foreign, &self.prefixes)
    }

    /// Read a shard back; an error names what was cut short.
    pub(crate) fn decode(bytes: &[u8]) -> Result<TermShard, String> {
        let at = &mut 0;
        let get = |at: &mut usize, what: &str| codec::get_named(bytes, at, what);
        let count = get(at, "term count")?;
        let positions_at = get(at, "positions offset")?;
        let masks_at = get(at, "masks offset")?;
        let mut terms: Vec<ShardTerm> = Vec::new();
        for _ in 0..count {
            let prev = terms.last().map_or(&[][..], |(t, ..)| t.as_slice());
            let term = get_against(bytes, at, prev).map_err(|e| format!("a term: {e}"))?;
            let flags = get(at, "flags")?;
            if flags > 0b1_1111 {
                return Err(format!("flags {flags:#b} name what a term cannot have"));
            }
            let (inline, masks) = (flags & 0b111, flags & 0b1000 != 0);
            let mut postings = Postings::default();
            let mut norms: [Option<Vec<u8>>; 3] = Default::default();
            for (f, (list, ids)) in postings.iter_mut().zip(&mut norms).enumerate() {
                let docs = get(at, "document count")? as usize;
                let mut doc = 0u32;
                for _ in 0..docs {
                    doc += get(at, "document gap")? as u32;
                    list.push((doc, 0));
                }
                for p in list.iter_mut() {
                    p.1 = get(at, "term frequency")? as u32;
                }
                if inline >> f & 1 == 1 {
                    let run = bytes
                        .get(*at..*at + docs)
                        .ok_or("fieldnorm ids cut short")?;
                    *ids = Some(run.to_vec());
                    *at += docs;
                }
            }
            let block = get(at, "positions length")?;
            let mut words = TermWords {
                own: flags & 0b1_0000 != 0,
                others: Vec::new(),
            };
            for _ in 0..get(at, "word count")? {
                words.others.push(get_against(bytes, at, &term)?);
            }
            terms.push((term, postings, norms, masks, block, words));
        }
        let (foreign, prefixes) = get_trailer(bytes, at)?;
        if *at != bytes.len() {
            return Err(format!("{} bytes after the trailer", bytes.len() - *at));
        }
        Ok(TermShard {
            positions_at,
            masks_at,
            terms,
            foreign,
            prefixes,
        })
    }
}

/// A term as a shard holds it: the term, its postings, its documents' fieldnorm ids in each
/// field whose are inline, whether it has section masks, the length of its positions
/// block, and its words.
#[cfg(test)]
pub(crate) type ShardTerm = (Vec<u8>, Postings, InlineNorms, bool, u64, TermWords);

/// A term's words as its shard lists them (`vocabulary`).
#[cfg(test)]
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct TermWords {
    /// Whether the term is itself a word of the hub, its own stem.
    pub(crate) own: bool,
    /// The other words of the hub whose stem it is, in byte order.
    pub(crate) others: Vec<Vec<u8>>,
}

/// How a term is listed with its words: whether it is one itself, and the others.
pub(crate) type Words<'a> = (bool, &'a [&'a [u8]]);

/// A term's documents' fieldnorm ids in each field whose lists carry them inline.
pub(crate) type InlineNorms = [Option<Vec<u8>>; 3];

/// Writes a term shard one term at a time, so the writer can decide where a shard ends from
/// the bytes it has grown to.
#[derive(Default)]
pub(crate) struct ShardEncoder {
    body: Vec<u8>,
    count: u64,
    prev: Vec<u8>,
}

impl ShardEncoder {
    /// Add `term` (greater than the last one) with its postings, its documents' fieldnorm ids
    /// in the fields where they go inline, whether it has a block of section masks, the
    /// length of its positions block, and its words; returns the bytes it took.
    pub(crate) fn push(
        &mut self,
        term: &[u8],
        postings: &Postings,
        norms: &InlineNorms,
        masks: bool,
        block: usize,
        (own, others): Words<'_>,
    ) -> usize {
        let before = self.body.len();
        let buf = &mut self.body;
        put_against(buf, &self.prev, term);
        let inline: u64 = (0..3).filter(|&f| norms[f].is_some()).map(|f| 1 << f).sum();
        let flags = inline | if masks { 0b1000 } else { 0 } | if own { 0b1_0000 } else { 0 };
        codec::put(buf, flags);
        for (list, ids) in postings.iter().zip(norms) {
            codec::put(buf, list.len() as u64);
            let mut last = 0u32;
            for &(doc, _) in list {
                codec::put(buf, u64::from(doc - last));
                last = doc;
            }
            for &(_, tf) in list {
                codec::put(buf, u64::from(tf));
            }
            if let Some(ids) = ids {
                buf.extend_from_slice(ids);
            }
        }
        codec::put(buf, block as u64);
        codec::put(buf, others.len() as u64);
        for w in others {
            put_against(buf, term, w);
        }
        self.prev.clear();
        self.prev.extend_from_slice(term);
        self.count += 1;
        self.body.len() - before
    }

    /// Bytes of the terms so far (without the count in front).
    pub(crate) fn len(&self) -> usize {
        self.body.len()
    }

    /// Whether no term was pushed since the last `finish`.
    pub(crate) fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The shard's bytes, its positions starting at `positions_at` in its position file and
    /// its masks at `masks_at` in its mask file; the encoder starts a new, empty shard.
    #[cfg(test)]
    pub(crate) fn finish(
        &mut self,
        positions_at: u64,
        masks_at: u64,
        foreign: &[(&[u8], &[u8])],
        prefixes: &[PrefixAt],
    ) -> Vec<u8> {
        self.take().file(positions_at, masks_at, foreign, prefixes)
    }

    /// The shard's terms, to be given their positions' offset later (`EncodedShard::file`);
    /// the encoder starts a new, empty shard.
    pub(crate) fn take(&mut self) -> EncodedShard {
        self.prev.clear();
        EncodedShard {
            count: std::mem::take(&mut self.count),
            body: std::mem::take(&mut self.body),
        }
    }
}

/// A term shard's terms, encoded, waiting for where its positions start.
pub(crate) struct EncodedShard {
    count: u64,
    body: Vec<u8>,
}

impl EncodedShard {
    /// The shard's bytes, its positions starting at `positions_at` in its position file and
    /// its masks at `masks_at` in its mask file, and its trailer (`put_trailer`) last.
    pub(crate) fn file(
        self,
        positions_at: u64,
        masks_at: u64,
        foreign: &[(&[u8], &[u8])],
        prefixes: &[PrefixAt],
    ) -> Vec<u8> {
        let mut file = Vec::with_capacity(self.body.len() + 24);
        codec::put(&mut file, self.count);
        codec::put(&mut file, positions_at);
        codec::put(&mut file, masks_at);
        file.extend_from_slice(&self.body);
        put_trailer(&mut file, foreign.iter().copied(), prefixes);
        file
    }
}

/// One term's section masks in an `m<K>.bin`: for each of its body postings, the sections of
/// that document holding the term (`search::sections::mask`) as a little-endian `u16`. Fixed
/// width and uncompressed, so that the client reads the two bytes of just the documents it
/// shows by HTTP range requests: compressed, a common word's masks cost more than its postings.
/// A term in no section of any document has no block (its shard says so), and a query for it
/// reads no masks: a board's name, say, which stands in each case study's opening lines.
pub(crate) fn mask_block(masks: &[u32]) -> Vec<u8> {
    if masks.iter().all(|&m| m == 0) {
        return Vec::new();
    }
    masks
        .iter()
        .flat_map(|&m| (m as u16).to_le_bytes())
        .collect()
}

/// One term's positions block in a `p<K>.bin`: raw deflate of the term's positions in title, summary
/// and body, one after the other (the term shard's frequencies say how many each posting has).
/// Blocks are compressed one by one, so the client fetches just the block a phrase needs with
/// an HTTP range request; a position file is the blocks of a run of term shards, back to back.
pub(crate) fn position_block(positions: &Positions) -> Vec<u8> {
    positions.concat()
}

/// `nt<N>.bin`, `ns<N>.bin`, `nb<N>.bin`: the fieldnorm id of each of a run of documents in one
/// field (title, summary, body), one byte each. A field has them only if some term's list in
/// it is too long to carry its field lengths inline, and a query fetches a field's only for
/// such a list: a common word's body list needs the bodies' (5 KB gzip'd at 10,000 documents), not
/// every field's (15 KB).
///
/// The file's name (without the export's folder) for field `field`'s documents of chunk
/// `chunk`; its bytes are those documents' fieldnorm ids as they are.
pub(crate) fn field_norms_file(field: usize, chunk: usize) -> String {
    format!("n{}{chunk}.bin", ['t', 's', 'b'][field])
}

/// `f.bin`: for each facet, each value's document ids, written as a JSON object of objects
/// whose lists hold the gaps between ids (the first gap is the first id).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FacetLists {
    /// Facet name → value → ascending document ids.
    pub(crate) ids: BTreeMap<String, BTreeMap<String, Vec<u32>>>,
}

impl FacetLists {
    /// The file's bytes.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let gaps: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = self
            .ids
            .iter()
            .map(|(facet, values)| {
                let values = values
                    .iter()
                    .map(|(v, ids)| {
                        let gaps = ids
                            .iter()
                            .scan(0, |last, &d| Some(d - std::mem::replace(last, d)));
                        (v.as_str(), gaps.collect())
                    })
                    .collect();
                (facet.as_str(), values)
            })
            .collect();
        json(&gaps)
    }

    /// Read the file back.
    #[cfg(test)]
    pub(crate) fn decode(bytes: &[u8]) -> Result<FacetLists, String> {
        let gaps: BTreeMap<String, BTreeMap<String, Vec<u32>>> =
            serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        let ids = gaps
            .into_iter()
            .map(|(facet, values)| {
                let values = values
                    .into_iter()
                    .map(|(v, gaps)| {
                        let ids = gaps.iter().scan(0, |at, &g| {
                            *at += g;
                            Some(*at)
                        });
                        (v, ids.collect())
                    })
                    .collect();
                (facet, values)
            })
            .collect();
        Ok(FacetLists { ids })
    }
}

/// Compact JSON by way of `serde_json::Value`, as the export has always been written: the
/// value writes an f32 as the f64 it widens to (`0.10000000149011612`), where serializing
/// directly would write the shortest f32 (`0.1`), and its objects sort their keys.
pub(super) fn json(v: &impl Serialize) -> Vec<u8> {
    // Only maps with non-string keys fail to convert, and every map here has string keys.
    serde_json::to_value(v)
        .map(|v| v.to_string().into_bytes())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
