//! Code highlighting into CSS classes (`hl-*`); the theme ships the matching stylesheet.

use crate::escape::escape;
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Owns the syntax set, which takes tens of milliseconds to load: it is loaded the first time a
/// fenced block names a language, and never for content without code.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    pub fn new() -> Highlighter {
        Highlighter::default()
    }

    /// Inner HTML for a `<code>` element: highlighted when `lang` is known, escaped otherwise.
    pub fn highlight(&self, code: &str, lang: &str) -> String {
        if lang.is_empty() {
            return escape(code);
        }
        let ss = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let Some(syntax) = ss.find_syntax_by_token(lang) else {
            return escape(code);
        };
        let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, ss, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if gen
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return escape(code);
            }
        }
        gen.finalize()
    }
}
