//! Text `ithub new` wrote for a person to replace. It is valid YAML on purpose, so the rest of
//! the file can still be checked; this makes sure none of it reaches the site.

use super::Target;
use crate::diagnostics::Diagnostic;
use crate::source::pos_of_offset;

/// Starts every placeholder `ithub new` writes.
pub const MARKER: &str = "FILL IN";

pub fn check(item: &Target<'_>) -> Vec<Diagnostic> {
    let text = &item.src.text;
    let mut out = crate::diagnostics::Limited::default();
    for (at, _) in text.match_indices(MARKER) {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        // A quoted placeholder ends at its closing quote; a note may follow it.
        let quoted = text[..at].ends_with('"');
        let end = if quoted {
            text[at..line_end].find('"').map_or(line_end, |i| at + i)
        } else {
            line_end
        };
        let width = text[at..end].trim_end().chars().count();
        let help = if at < item.body_offset {
            "replace it with the real value (the note beside the field says what it takes), or delete the line if the field is optional"
        } else {
            "replace it with your own text"
        };
        out.push(|| {
            item.src
                .error(
                    pos_of_offset(text, at),
                    width,
                    "placeholder from `ithub new` not yet filled in",
                )
                .help(help)
        });
    }
    out.out
}
