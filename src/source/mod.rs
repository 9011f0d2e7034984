//! Reading content files: bytes → checked UTF-8 → front matter + body, with positions kept so
//! every later problem can be reported at its line and column.

pub mod front_matter;
pub mod personal_data;
pub mod recover;
pub mod spans;
pub mod typed;

use crate::diagnostics::{Diagnostic, Pos};
use std::path::{Path, PathBuf};

/// Content files larger than this are refused: nothing a person writes by hand is this big, and
/// it keeps a stray binary or generated file from stalling the build.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// One file under `content/`, read and decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path for messages: the content dir as the user gave it, joined with `rel`.
    pub path: PathBuf,
    /// Path relative to the content dir, with `/` separators (`case-studies/x.md`).
    pub rel: String,
    pub text: String,
}

impl SourceFile {
    pub fn read(content_dir: &Path, rel: &str) -> Result<SourceFile, Diagnostic> {
        let path = content_dir.join(rel);
        let meta = std::fs::metadata(&path).map_err(|e| {
            Diagnostic::error(&path, Pos::new(1, 1), format!("cannot read file: {e}"))
        })?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                &path,
                Pos::new(1, 1),
                format!(
                    "file is {} bytes; content files may be at most {} bytes",
                    meta.len(),
                    MAX_FILE_BYTES
                ),
            )
            .help("split it into several items, or move large downloads to content/static/"));
        }
        let bytes = std::fs::read(&path).map_err(|e| {
            Diagnostic::error(&path, Pos::new(1, 1), format!("cannot read file: {e}"))
        })?;
        let text = decode_utf8(&path, bytes)?;
        Ok(SourceFile {
            path,
            rel: rel.to_string(),
            text,
        })
    }

    /// Build from text already in memory (tests, `serve`).
    pub fn from_text(content_dir: &Path, rel: &str, text: String) -> SourceFile {
        SourceFile {
            path: content_dir.join(rel),
            rel: rel.to_string(),
            text,
        }
    }

    pub fn error(&self, pos: Pos, width: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, pos, message).excerpt(&self.text, width)
    }

    pub fn warning(&self, pos: Pos, width: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, pos, message).excerpt(&self.text, width)
    }
}

fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(Diagnostic::error(
                path,
                Pos::new(line, column),
                "file is not valid UTF-8",
            )
            .help("save the file with UTF-8 encoding (most editors offer it under \"Save with encoding\")"))
        }
    }
}

/// 1-based line and column of a byte offset into `text`.
pub fn pos_of_offset(text: &str, offset: usize) -> Pos {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos::new(line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_is_reported_at_the_bad_byte() {
        let mut bytes = b"---\ntitle: ok\n".to_vec();
        bytes.extend_from_slice(b"summary: caf\xe9\n");
        let e = decode_utf8(Path::new("x.md"), bytes).unwrap_err();
        assert_eq!((e.line, e.column), (3, 13));
    }

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let t = "ab\ncdé\nf";
        assert_eq!(pos_of_offset(t, 0), Pos::new(1, 1));
        assert_eq!(pos_of_offset(t, 4), Pos::new(2, 2));
        assert_eq!(pos_of_offset(t, t.len()), Pos::new(3, 2));
    }
}
