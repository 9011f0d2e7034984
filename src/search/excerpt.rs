//! Text cut short for a result: a summary, or a section's opening words.

/// `text` with its runs of white space made single spaces, cut at a word boundary to at most
/// `max_chars` characters, with an ellipsis if cut.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    // Words are taken until one would pass the limit: a section's text may be long, and only
    // its opening words are read.
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count() + usize::from(!out.is_empty());
        if chars + n > max_chars {
            if out.is_empty() {
                // One word longer than the limit: cut inside it.
                out.extend(word.chars().take(max_chars));
            }
            let kept = out.trim_end_matches([',', ';', ':', '.']).len();
            out.truncate(kept);
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        chars += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_at_a_word_with_an_ellipsis() {
        let long = "word, ".repeat(60);
        let e = excerpt(&long, 200);
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= 201);
        assert_eq!(excerpt("short", 200), "short");
        let unicode = "é".repeat(200);
        assert_eq!(
            excerpt(&unicode, 200),
            unicode,
            "counts characters, not bytes"
        );
    }

    #[test]
    fn white_space_is_made_single_spaces() {
        assert_eq!(excerpt("  two\nlines\t here ", 200), "two lines here");
    }
}
