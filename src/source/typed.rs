//! Front matter YAML → a typed struct, with every schema problem reported at its position.

use super::front_matter::Split;
use super::spans::SpanIndex;
use super::SourceFile;
use crate::diagnostics::{did_you_mean, Diagnostic, Pos};
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

/// Parse the front matter of `split` as `T`.
///
/// Unknown top-level fields are all reported (serde alone would stop at the first); then serde
/// reports the first remaining schema problem, at the position libyaml gives.
pub fn parse<T: DeserializeOwned>(
    src: &SourceFile,
    split: &Split<'_>,
) -> Result<(T, SpanIndex), Vec<Diagnostic>> {
    if let Some(d) = too_deep(src, split) {
        return Err(vec![d]);
    }
    let spans = SpanIndex::build(split.yaml, split.yaml_line);
    let mut errors = unknown_top_level(src, &spans, struct_fields::<T>());
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    match serde_yaml::from_str::<T>(yaml) {
        Ok(v) if errors.is_empty() => Ok((v, spans)),
        Ok(_) => Err(errors),
        Err(e) => {
            let d = from_serde_error(src, split, &spans, &e, struct_fields::<T>());
            // The unknown-field pass already named this one, with a better message.
            if !(errors
                .iter()
                .any(|x| x.line == d.line && x.column == d.column))
            {
                errors.push(d);
            }
            Err(errors)
        }
    }
}

/// Front matter nested deeper than any real item is refused before parsing: both YAML parsers
/// slow down badly on pathological nesting, and nothing a person writes goes past a few levels.
pub const MAX_NESTING: usize = 32;

fn too_deep(src: &SourceFile, split: &Split<'_>) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in split.yaml.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '\n') => quote = None,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_NESTING {
                    let offset = split.yaml.as_ptr() as usize - src.text.as_ptr() as usize + i;
                    return Some(
                        src.error(super::pos_of_offset(&src.text, offset), 1, format!("front matter is nested more than {MAX_NESTING} levels deep"))
                            .help("front matter needs only a few levels of lists and fields; check for unbalanced brackets"),
                    );
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn unknown_top_level(src: &SourceFile, spans: &SpanIndex, fields: &[&str]) -> Vec<Diagnostic> {
    if fields.is_empty() {
        return Vec::new();
    }
    spans
        .top_keys()
        .iter()
        .filter(|(k, _)| !fields.contains(&k.as_str()))
        .map(|(k, span)| {
            let d = src.error(span.pos, span.width, format!("unknown field `{k}`"));
            match did_you_mean(k, fields.iter().copied()) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!(
                    "the fields allowed here are: {}",
                    fields.join(", ")
                )),
            }
        })
        .collect()
}

fn from_serde_error(
    src: &SourceFile,
    split: &Split<'_>,
    spans: &SpanIndex,
    e: &serde_yaml::Error,
    fields: &[&str],
) -> Diagnostic {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let pos = match e.location() {
        Some(l) => Pos::new(split.yaml_line + l.line() - 1, l.column()),
        None => spans.start().pos,
    };
    let width = src
        .text
        .lines()
        .nth(pos.line.saturating_sub(1))
        .map(|l| {
            l.chars()
                .skip(pos.column.saturating_sub(1))
                .take_while(|c| *c != ':')
                .count()
        })
        .unwrap_or(1);
    let mut d = src.error(pos, width.max(1), message.clone());
    if let Some(missing) = between(&message, "missing field `", "`") {
        d = d.help(format!("add `{missing}:` to the front matter"));
        // libyaml points at the end of the mapping; the start of the block is more useful.
        if !message.contains('.') && !message.contains('[') {
            d = src
                .error(spans.start().pos, 3, message.clone())
                .help(format!("add `{missing}:` to the front matter"));
        }
    } else if let Some(unknown) = between(&message, "unknown field `", "`") {
        let expected = expected_fields(&message);
        let candidates: Vec<&str> = if expected.is_empty() {
            fields.to_vec()
        } else {
            expected.iter().map(String::as_str).collect()
        };
        d = match did_you_mean(unknown, candidates.iter().copied()) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!(
                "the fields allowed here are: {}",
                candidates.join(", ")
            )),
        };
    } else if message.contains("unknown variant") {
        d = d.help(message.split("expected ").nth(1).map_or_else(
            || "use one of the allowed values".to_string(),
            |rest| format!("use one of: {rest}"),
        ));
    } else if message.contains("invalid type") {
        d = d.help("check the value's shape: a list needs `- item` lines or `[a, b]`, text with `: ` in it needs quotes");
    }
    d
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

/// serde's "expected one of `a`, `b`" list.
fn expected_fields(message: &str) -> Vec<String> {
    message
        .split("expected one of ")
        .nth(1)
        .map(|rest| {
            rest.split(", ")
                .map(|f| f.trim().trim_matches('`').to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The field names a derived `Deserialize` struct accepts, read by asking it to deserialise
/// from a probe that records what `deserialize_struct` is given.
pub fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut out: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldProbe(&mut out));
    out
}

struct FieldProbe<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("field probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _v: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("field probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter::split;
    use std::path::Path;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        board: String,
        #[serde(default)]
        zones: Vec<String>,
    }

    fn run(text: &str) -> Result<(Meta, SpanIndex), Vec<Diagnostic>> {
        let src = SourceFile::from_text(Path::new("c"), "x.md", text.to_string());
        let sp = split(&src).unwrap();
        parse::<Meta>(&src, &sp)
    }

    #[test]
    fn probe_lists_struct_fields() {
        assert_eq!(struct_fields::<Meta>(), ["title", "board", "zones"]);
    }

    #[test]
    fn reports_every_unknown_field_with_a_suggestion() {
        let errs = run("---\ntitle: A\nbord: x\nzoness: []\n---\n").unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!((errs[0].line, errs[0].column), (3, 1));
        assert_eq!(errs[0].message, "unknown field `bord`");
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `board`?"));
        assert_eq!((errs[1].line, errs[1].column), (4, 1));
        assert_eq!(errs[1].help.as_deref(), Some("did you mean `zones`?"));
    }

    #[test]
    fn reports_missing_fields_and_bad_shapes() {
        let errs = run("---\ntitle: A\n---\n").unwrap_err();
        assert_eq!(errs[0].message, "missing field `board`");
        assert_eq!(errs[0].line, 2);
        let errs = run("---\ntitle: A\nboard: b\nzones: data\n---\n").unwrap_err();
        assert_eq!(errs[0].line, 4, "{errs:?}");
        assert!(errs[0].message.contains("invalid type"), "{errs:?}");
    }

    #[test]
    fn survives_alias_bombs_and_deep_nesting() {
        let mut bomb = String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (i, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            bomb.push_str(&format!(
                "{i}: &{i} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n",
                p = prev
            ));
        }
        bomb.push_str("title: x\nboard: y\n---\n");
        assert!(run(&bomb).is_err());
        let deep = format!(
            "---\ntitle: {}{}\nboard: b\n---\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(run(&deep).is_err());
    }
}
