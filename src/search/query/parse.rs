//! The query syntax: words, and phrases in double quotes. `"protected time" cql` is a phrase
//! and a word; a quote left open runs to the end of the text. The last word also matches as a
//! prefix while it is still being typed (the text ends in a letter or digit, outside quotes).
//! A quoted single word is searched exactly: not as a prefix, never corrected.

use super::words::{analyse, Token};

/// One part of a query, in the order typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    /// A word outside quotes; `prefix` if it is the last one and still being typed.
    Word { token: Token, prefix: bool },
    /// A quoted word, searched as it is.
    Exact(Token),
    /// Two or more quoted words, which must stand together in this order.
    Phrase(Vec<Token>),
}

/// The parts of `text`.
pub(crate) fn parse(text: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, segment) in text.split('"').enumerate() {
        let mut tokens = analyse(segment);
        for t in &mut tokens {
            t.from += start;
            t.to += start;
        }
        start += segment.len() + 1;
        if i % 2 == 0 {
            parts.extend(tokens.into_iter().map(|token| Part::Word {
                token,
                prefix: false,
            }));
        } else if tokens.len() == 1 {
            parts.extend(tokens.pop().map(Part::Exact));
        } else if !tokens.is_empty() {
            parts.push(Part::Phrase(tokens));
        }
    }
    let typing = text.chars().last().is_some_and(char::is_alphanumeric);
    let outside = text.matches('"').count().is_multiple_of(2);
    if let (true, true, Some(Part::Word { prefix, .. })) = (typing, outside, parts.last_mut()) {
        *prefix = true;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<String> {
        parse(text)
            .into_iter()
            .map(|p| match p {
                Part::Word { token, prefix } => {
                    format!("{}{}", token.term, if prefix { "*" } else { "" })
                }
                Part::Exact(t) => format!("={}", t.term),
                Part::Phrase(ts) => format!(
                    "\"{}\"",
                    ts.iter()
                        .map(|t| t.term.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            })
            .collect()
    }

    #[test]
    fn words_phrases_and_the_prefix() {
        assert_eq!(
            shape("\"protected time\" cql"),
            ["\"protect time\"", "cql*"]
        );
        assert_eq!(shape("cql \"protected time\""), ["cql", "\"protect time\""]);
        assert_eq!(shape("diabetes review "), ["diabet", "review"]);
        assert_eq!(shape("\"open phrase ends"), ["\"open phrase end\""]);
        assert_eq!(shape("\"ooh\" care"), ["=ooh", "care*"]);
        assert_eq!(shape("\"\" \" , \""), Vec::<String>::new());
    }

    #[test]
    fn token_places_are_in_the_whole_text() {
        let text = "a \"b c\" d";
        for p in parse(text) {
            let tokens = match p {
                Part::Word { token, .. } | Part::Exact(token) => vec![token],
                Part::Phrase(ts) => ts,
            };
            for t in tokens {
                assert_eq!(&text[t.from..t.to], t.raw);
            }
        }
    }
}
