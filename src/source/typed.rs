//! Front matter YAML → a typed struct, with every schema problem reported at its position.

use super::front_matter::Split;
use super::recover::{Next, Patched, Placeholders};
use super::spans::SpanIndex;
use super::SourceFile;
use crate::diagnostics::{did_you_mean, Diagnostic, Pos};
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

/// Front matter that is not what its kind needs: every problem found, and, when each failing
/// field could be given a stand-in, the item as parsed with those stand-ins, so the rules can
/// still check its other fields.
#[derive(Debug)]
pub struct Rejected<T> {
    /// Every problem, each once, at its position.
    pub errors: Vec<Diagnostic>,
    /// The item with stand-ins for the failing fields, and what the stand-ins cover.
    pub recovered: Option<(T, SpanIndex, Placeholders)>,
}

/// Parsing stops trying stand-ins after this many attempts: a file worse than this is
/// reported as far as it got.
const MAX_ATTEMPTS: usize = 64;

/// Front matter longer than this gets no stand-ins (each attempt parses it all again): real
/// front matter is a few kilobytes, and a huge block should not cost 64 parses.
const MAX_RECOVER_BYTES: usize = 64 * 1024;

/// Parse the front matter of `split` as `T`.
///
/// Unknown top-level fields are all reported (serde alone would stop at the first); then each
/// field serde refuses is reported and given a stand-in (`recover`), until the rest parses, so
/// one run names every field's problem.
pub fn parse<T: DeserializeOwned>(
    src: &SourceFile,
    split: &Split<'_>,
) -> Result<(T, SpanIndex), Rejected<T>> {
    if let Some(d) = too_deep(src, split) {
        return Err(Rejected {
            errors: vec![d],
            recovered: None,
        });
    }
    let spans = SpanIndex::build(split.yaml, split.yaml_line);
    let fields = struct_fields::<T>();
    let unknown = unknown_top_level(src, &spans, fields);
    let mut patched = Patched::new(split.yaml, &spans);
    for (key, _, _) in &unknown {
        patched.remove(key);
    }
    // A misspelt field's correct name is not reported missing as well.
    let suggested: Vec<&str> = unknown.iter().filter_map(|(_, _, s)| *s).collect();
    let mut errors: Vec<Diagnostic> = unknown.into_iter().map(|(_, d, _)| d).collect();
    let attempts = if split.yaml.len() > MAX_RECOVER_BYTES {
        1
    } else {
        MAX_ATTEMPTS
    };
    for _ in 0..attempts {
        let e = match serde_yaml::from_str::<T>(&patched.text()) {
            Ok(v) if errors.is_empty() => return Ok((v, spans)),
            Ok(v) => {
                let placeholders = patched.placeholders.clone();
                return Err(Rejected {
                    errors,
                    recovered: Some((v, spans, placeholders)),
                });
            }
            Err(e) => e,
        };
        let d = from_serde_error(src, split, &spans, &e, fields);
        let missing = top_level_missing(&d.message).map(str::to_string);
        let Some(field) = missing
            .clone()
            .or_else(|| patched.field_of(&d.message, d.line))
        else {
            errors.push(d);
            break;
        };
        let ours =
            patched.tried(&field) || missing.as_deref().is_some_and(|m| suggested.contains(&m));
        if !ours
            && !errors
                .iter()
                .any(|x| (x.line, x.column) == (d.line, d.column))
        {
            errors.push(d.clone());
        }
        if let Next::GiveUp = patched.stand_in(&field, &d.message) {
            break;
        }
    }
    Err(Rejected {
        errors,
        recovered: None,
    })
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

/// Each top-level key `T` does not have: the key, its error, and the field it is probably a
/// misspelling of.
fn unknown_top_level<'a>(
    src: &SourceFile,
    spans: &'a SpanIndex,
    fields: &'static [&'static str],
) -> Vec<(&'a str, Diagnostic, Option<&'static str>)> {
    if fields.is_empty() {
        return Vec::new();
    }
    spans
        .top_keys()
        .into_iter()
        .filter(|(k, _)| !fields.contains(k))
        .map(|(k, span)| {
            let d = src.error(span.pos, span.width, format!("unknown field `{k}`"));
            let guess = did_you_mean(k, fields.iter().copied());
            let d = match guess {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!(
                    "the fields allowed here are: {}",
                    fields.join(", ")
                )),
            };
            (k, d, guess)
        })
        .collect()
}

/// Put between a custom serde error's message and its fix, so the fix is shown as the help
/// (and as the "how to fix" of an annotation) rather than run on in the message.
pub const HELP_MARK: &str = "\n= help: ";

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
    let (message, fix) = match message.split_once(HELP_MARK) {
        Some((m, h)) => (m.to_string(), Some(h.to_string())),
        None => (message, None),
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
        if top_level_missing(&message).is_some() {
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
    } else if let Some(fix) = fix {
        d = d.help(fix);
    }
    d
}

/// The field named by "missing field `x`" when it is missing from the front matter itself,
/// not from a nested entry (serde puts a path such as `outcomes[0]: ` before those).
fn top_level_missing(message: &str) -> Option<&str> {
    between(message, "missing field `", "`").filter(|_| !message.contains(['.', '[', ':']))
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
        parse::<Meta>(&src, &sp).map_err(|r| r.errors)
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

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Dated {
        title: String,
        count: u32,
        kind: Kind,
        #[serde(default)]
        zones: Vec<String>,
        note: Option<String>,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        Change,
        Reach,
    }

    fn run_dated(text: &str) -> Result<(Dated, SpanIndex), Rejected<Dated>> {
        let src = SourceFile::from_text(Path::new("c"), "x.md", text.to_string());
        let sp = split(&src).unwrap();
        parse::<Dated>(&src, &sp)
    }

    #[test]
    fn every_failing_field_is_reported_once_and_the_rest_still_parses() {
        let r = run_dated(
            "---\ntitle: [not, text]\ncount: lots\nkind: chnage\nzones: data\nnote: fine\ncolour: red\n---\n",
        )
        .unwrap_err();
        let at: Vec<(usize, usize)> = r.errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(
            at,
            [(7, 1), (2, 8), (3, 8), (4, 7), (5, 8)],
            "{:#?}",
            r.errors
        );
        assert!(
            r.errors[3].message.contains("unknown variant"),
            "{:#?}",
            r.errors
        );
        let (meta, _, placeholders) = r.recovered.expect("stand-ins for each field");
        assert_eq!(meta.note.as_deref(), Some("fine"));
        assert_eq!(
            meta.kind,
            Kind::Change,
            "an enum's stand-in is its first value"
        );
        for line in 2..=5 {
            let d = Diagnostic::error(Path::new("c/x.md"), Pos::new(line, 8), "about a stand-in");
            assert!(placeholders.covers(&d), "line {line}");
        }
        let d = Diagnostic::error(Path::new("c/x.md"), Pos::new(6, 7), "about `note`");
        assert!(!placeholders.covers(&d));
    }

    #[test]
    fn a_missing_field_is_reported_and_stood_in_for_unless_a_misspelling_names_it() {
        let r = run_dated("---\ntitle: A\nkind: reach\n---\n").unwrap_err();
        assert_eq!(r.errors.len(), 1, "{:#?}", r.errors);
        assert_eq!(r.errors[0].message, "missing field `count`");
        let (meta, _, p) = r.recovered.unwrap();
        assert_eq!(meta.kind, Kind::Reach);
        assert!(p.covers(&Diagnostic::error(
            Path::new("c/x.md"),
            Pos::new(2, 1),
            "count"
        )));
        let r = run_dated("---\ntitle: A\ncuont: 3\nkind: reach\n---\n").unwrap_err();
        let messages: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages, ["unknown field `cuont`"]);
        assert!(r.recovered.is_some());
    }

    #[test]
    fn huge_front_matter_is_parsed_once_and_reports_its_first_problem() {
        let filler: String = (0..4000)
            .map(|i| format!("note{i}: [a, b, c, d]\n"))
            .collect();
        let text = format!("---\ntitle: [x]\ncount: lots\nkind: chnage\n{filler}---\n");
        assert!(text.len() > MAX_RECOVER_BYTES);
        let started = std::time::Instant::now();
        let r = run_dated(&text).unwrap_err();
        assert!(r.recovered.is_none());
        // Every unknown field is still named (that pass is cheap); serde's first problem too.
        assert_eq!(r.errors.len(), 4001, "{:?}", r.errors.last());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
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
