//! Sub-results: the headings of a document's body, each with its own opening words, and which
//! of them a search matches best.
//!
//! A section starts at its heading and runs to the next one; text before the first heading is
//! in none. Where a section starts is kept as a token position, the number tantivy gives the
//! section's first word, so that which sections hold a term follows from the term's positions
//! alone: `ithub search` reads them from tantivy, the export from the same positions, and the
//! static client gets each posting's sections as a bit mask (`mask`) beside it. Every side
//! then picks the section by one rule (`best`).

use serde::{Deserialize, Serialize};

/// Sections a document offers at most: its first headings; the text after the last of them
/// belongs to it. A mask of them fits the two bytes the export gives each (`mask_block`).
pub const MAX_SECTIONS: usize = 16;

/// Characters of a section's opening words a result shows.
const SNIPPET_CHARS: usize = 120;

/// One heading of a body, as a result offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading's id on its page (`#anchor`).
    pub anchor: String,
    /// The heading's text.
    pub heading: String,
    /// The section's opening words after its heading, cut short.
    pub snippet: String,
    /// tantivy's position of the section's first word in the body (its heading's first word).
    pub position: u32,
}

/// A heading of a body's text: its id, its text, and the byte offset its text starts at.
pub struct HeadingAt<'a> {
    /// The heading's id.
    pub anchor: &'a str,
    /// The heading's text.
    pub text: &'a str,
    /// Where the heading's text starts in the body.
    pub offset: usize,
}

/// The sections of `body`, whose headings are `headings` (in order). Positions are counted as
/// tantivy's tokenizer counts them: every later filter of the chain keeps the position the
/// tokenizer gave, so the tokenizer alone says where each word stands.
pub fn resolve(body: &str, headings: &[HeadingAt<'_>]) -> Vec<Section> {
    let headings = &headings[..headings.len().min(MAX_SECTIONS)];
    if headings.is_empty() {
        return Vec::new();
    }
    let offsets: Vec<usize> = headings.iter().map(|h| h.offset).collect();
    let positions = words_before(body, &offsets);
    headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let from = (h.offset + h.text.len()).min(body.len());
            let to = headings
                .get(i + 1)
                .map_or(body.len(), |n| n.offset)
                .max(from);
            Section {
                anchor: h.anchor.to_string(),
                heading: h.text.to_string(),
                snippet: super::excerpt::excerpt(body.get(from..to).unwrap_or(""), SNIPPET_CHARS),
                position: positions[i],
            }
        })
        .collect()
}

/// `sections` as the index stores them (tantivy's `sections` field).
pub(crate) fn to_stored(sections: &[Section]) -> String {
    serde_json::to_string(sections).unwrap_or_default()
}

/// The sections an index stored (`to_stored`); none if the field is absent or unreadable.
pub(crate) fn from_stored(stored: &str) -> Vec<Section> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// For each of `offsets` (ascending), how many words of `body` start before it: the position
/// tantivy gives the first word at or after it. Words are cut as tantivy's `SimpleTokenizer`
/// cuts them, runs of alphanumeric characters, but counted without making each word's string
/// as the tokenizer does (which cost a build as much as a tenth of its indexing; a test holds
/// the two equal).
fn words_before(body: &str, offsets: &[usize]) -> Vec<u32> {
    let mut out = Vec::with_capacity(offsets.len());
    let (mut words, mut in_word) = (0u32, false);
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while out.len() < offsets.len() && offsets[out.len()] <= i {
            out.push(words);
        }
        if out.len() == offsets.len() {
            return out;
        }
        // Byte by byte through ASCII, which is most of any text, decoding only the rest.
        let (alphanumeric, width) = match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => body[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
        };
        if alphanumeric && !in_word {
            words += 1;
        }
        in_word = alphanumeric;
        i += width;
    }
    out.resize(offsets.len(), words);
    out
}

/// The sections, among those starting at `starts` (ascending), that hold a word at any of
/// `positions`: bit `i` for section `i`. A word before the first section sets none.
pub fn mask(positions: impl IntoIterator<Item = u32>, starts: &[u32]) -> u32 {
    let mut m = 0u32;
    for p in positions {
        let after = starts.partition_point(|&s| s <= p);
        if after > 0 {
            m |= 1 << (after - 1);
        }
    }
    m
}

/// The section a search matches best, given each of its terms' `masks` in a document with
/// `count` sections: the one holding the most of the terms, the first of equals; none if no
/// section holds any. (The static client's `bestSection` is this rule in JavaScript.)
pub fn best(masks: &[u32], count: usize) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for i in 0..count.min(MAX_SECTIONS) {
        let held = masks.iter().filter(|&&m| m >> i & 1 == 1).count();
        if held > 0 && best.is_none_or(|(_, most)| held > most) {
            best = Some((i, held));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(body: &'a str, anchor: &'a str, text: &'a str) -> HeadingAt<'a> {
        HeadingAt {
            anchor,
            text,
            offset: body.find(text).unwrap(),
        }
    }

    #[test]
    fn sections_start_at_their_headings_first_word() {
        let body = "Lead words here.\nWhat they did\nThey audited care homes.\nWhat happened\nFewer admissions.";
        let hs = [
            at(body, "what-they-did", "What they did"),
            at(body, "what-happened", "What happened"),
        ];
        let s = resolve(body, &hs);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].position, 3, "after the three lead words");
        assert_eq!(s[1].position, 3 + 3 + 4);
        assert_eq!(s[0].snippet, "They audited care homes.");
        assert_eq!(s[1].snippet, "Fewer admissions.");
        assert_eq!(s[1].heading, "What happened");
    }

    #[test]
    fn a_heading_after_the_last_word_and_too_many_headings() {
        let body = "one two\nEnd";
        let hs = [HeadingAt {
            anchor: "a",
            text: "",
            offset: body.len(),
        }];
        assert_eq!(resolve(body, &hs)[0].position, 3);
        let many: String = (0..40).map(|i| format!("H{i}\nw\n")).collect();
        let names: Vec<String> = (0..40).map(|i| format!("H{i}")).collect();
        let hs: Vec<HeadingAt> = names
            .iter()
            .map(|n| HeadingAt {
                anchor: n,
                text: n,
                offset: many.find(&format!("{n}\n")).unwrap(),
            })
            .collect();
        assert_eq!(resolve(&many, &hs).len(), MAX_SECTIONS);
    }

    /// Where tantivy's tokenizer puts the first word at or after each offset.
    fn tokenizer_positions(body: &str, offsets: &[usize]) -> Vec<u32> {
        use tantivy::tokenizer::{SimpleTokenizer, TokenStream, Tokenizer};
        let mut tokenizer = SimpleTokenizer::default();
        let mut stream = tokenizer.token_stream(body);
        let mut starts = Vec::new();
        while stream.advance() {
            let t = stream.token();
            assert_eq!(t.position, starts.len(), "positions count words");
            starts.push(t.offset_from);
        }
        offsets
            .iter()
            .map(|&o| starts.iter().filter(|&&s| s < o).count() as u32)
            .collect()
    }

    #[test]
    fn words_are_counted_as_tantivys_tokenizer_counts_them() {
        // Letters and digits of several scripts, marks, symbols and punctuation that end or
        // do not end a word, in pseudo-random texts.
        let pool: Vec<char> = "ab Z9_-'.\n\té ß中文٣²ǅ\u{301}🙂—, x".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..400 {
            let len = next(60);
            let body: String = (0..len).map(|_| pool[next(pool.len())]).collect();
            let mut offsets: Vec<usize> = (0..next(5))
                .map(|_| next(body.len() + 3))
                .filter(|&o| o > body.len() || body.is_char_boundary(o))
                .collect();
            offsets.sort_unstable();
            assert_eq!(
                words_before(&body, &offsets),
                tokenizer_positions(&body, &offsets),
                "{body:?} at {offsets:?}"
            );
        }
    }

    #[test]
    fn masks_and_the_best_section() {
        let starts = [3, 10, 20];
        assert_eq!(mask([0, 1], &starts), 0, "the lead is in no section");
        assert_eq!(mask([3, 9, 25], &starts), 0b101);
        assert_eq!(mask([10], &starts), 0b010);
        // Two terms: section 1 holds both, section 0 one.
        assert_eq!(best(&[0b011, 0b010], 3), Some(1));
        // Equals: the first.
        assert_eq!(best(&[0b110], 3), Some(1));
        assert_eq!(best(&[0, 0], 3), None);
        assert_eq!(
            best(&[0b1000], 3),
            None,
            "a bit past the sections counts for none"
        );
    }
}
