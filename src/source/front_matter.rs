//! Splitting a Markdown file into its YAML front matter and its body.

use super::SourceFile;
use crate::diagnostics::{Diagnostic, Pos};

#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// File line (1-based) on which the YAML's first line sits.
    pub yaml_line: usize,
    /// Byte offset of the body within the file text.
    pub body_offset: usize,
}

pub fn split(src: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = src.text.as_str();
    if text.trim().is_empty() {
        return Err(src
            .error(Pos::new(1, 1), 1, "file is empty")
            .help("start the file with front matter between two `---` lines, e.g. `---\\ntitle: My title\\n---`"));
    }
    let mut lines = line_spans(text);
    let (first_start, first_end) = lines.next().unwrap_or((0, 0));
    let first = &text[first_start..first_end];
    if first.trim_end() != "---" {
        return Err(src
            .error(
                Pos::new(1, 1),
                first.chars().count(),
                "missing front matter",
            )
            .help(
                "the first line must be `---`, followed by the YAML fields and another `---` line",
            ));
    }
    let yaml_start = after_newline(text, first_end);
    for (start, end) in lines {
        let line = text[start..end].trim_end();
        if line == "---" || line == "..." {
            let body_offset = after_newline(text, end);
            return Ok(Split {
                yaml: &text[yaml_start..start],
                yaml_line: 2,
                body_offset,
            });
        }
    }
    Err(src
        .error(Pos::new(1, 1), 3, "front matter is not closed")
        .help("add a line containing only `---` after the last front-matter field"))
}

/// (start, end) byte spans of each line, excluding the newline.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let span = (start, end);
        start = end + 1;
        Some(span)
    })
}

fn after_newline(text: &str, end: usize) -> usize {
    if end < text.len() {
        end + 1
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn src(t: &str) -> SourceFile {
        SourceFile::from_text(Path::new("c"), "x.md", t.to_string())
    }

    #[test]
    fn splits_yaml_and_body() {
        let s = src("---\ntitle: A\n---\n# Body\n");
        let sp = split(&s).unwrap();
        assert_eq!(sp.yaml, "title: A\n");
        assert_eq!(&s.text[sp.body_offset..], "# Body\n");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert!(split(&src("")).unwrap_err().message.contains("empty"));
        assert!(split(&src("# hi\n"))
            .unwrap_err()
            .message
            .contains("missing front matter"));
        assert!(split(&src("---\ntitle: a\n"))
            .unwrap_err()
            .message
            .contains("not closed"));
    }
}
