//! Patient-identifiable data: CHI numbers, email addresses and phone numbers.
//!
//! The hub and its repository are public, so every byte of every content file is scanned: body,
//! front matter, even YAML comments. The loader runs it on each file's raw text as soon as the
//! file is read, before its front matter is parsed, so every path that reads a file (build,
//! check, each of serve's) runs it, and no other error in the file can hide it. Emails and phone
//! numbers may appear only in a case study's `contact` field.
//!
//! Messages never repeat the number or address itself: CI logs are public too.

use crate::content::kind::Kind as ContentKind;
use crate::diagnostics::Diagnostics;
use crate::source::{pos_of_offset, SourceFile};
use chrono::NaiveDate;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Chi,
    Email,
    Phone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    /// Byte range in the scanned text.
    pub range: Range<usize>,
}

/// Ten digits, whole or in the groupings people write CHI (and NHS) numbers in.
static CHI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{10}|\d{6}[ -]\d{4}|\d{2}[ -]\d{2}[ -]\d{2}[ -]\d{4}|\d{3}[ -]\d{3}[ -]\d{4}")
        .expect("CHI pattern")
});

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}",
    )
    .expect("email pattern")
});

/// UK numbers: +44 forms, an area code in brackets, spaced or hyphenated national forms, and the
/// 11-digit run. Digit counts and prefixes are checked after matching.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\+44[ -]?(?:\(0\)[ -]?)?\d{2,5}(?:[ -]?\d{3,7}){1,2}|\(0\d{2,5}\)[ -]?\d{3,7}(?:[ -]\d{3,4})?|0\d{2,5}(?:[ -]\d{3,7}){1,2}|0\d{10}",
    )
    .expect("phone pattern")
});

/// Digits inside a web address are page ids, dates and the like, not phone numbers.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:https?://|www\.)[^\s<>"'()\[\]]+"#).expect("url pattern")
});

/// Scan one file's raw text and report what it holds.
pub fn guard(src: &SourceFile, diags: &Diagnostics) {
    report(src, contact_range(&src.text), diags);
}

fn report(src: &SourceFile, contact: Option<Range<usize>>, diags: &Diagnostics) {
    let mut found = crate::diagnostics::Limited::default();
    let in_contact = |r: &Range<usize>| {
        contact
            .as_ref()
            .is_some_and(|c| c.start <= r.start && r.end <= c.end)
    };
    for f in scan(&src.text) {
        if f.kind != Kind::Chi && in_contact(&f.range) {
            continue;
        }
        let (message, help) = match f.kind {
            Kind::Chi => (
                "this looks like a CHI number: patient-identifiable data must never be published",
                "remove it: the hub and its repository are public. If it is not patient data (an ISBN, say), write `ISBN` before it",
            ),
            Kind::Email => (
                "an email address outside the `contact` field",
                if contact_allowed(src) {
                    "the hub is public: remove it, or move it to the `contact:` field in the front matter"
                } else {
                    "the hub is public: remove it (only a case study's `contact` field may hold one)"
                },
            ),
            Kind::Phone => (
                "a phone number outside the `contact` field",
                if contact_allowed(src) {
                    "the hub is public: remove it, or move it to the `contact:` field in the front matter"
                } else {
                    "the hub is public: remove it (only a case study's `contact` field may hold one)"
                },
            ),
        };
        // Positions cost a walk from the start of the file: only work them out for reports kept.
        found.push(|| {
            let pos = pos_of_offset(&src.text, f.range.start);
            let width = src.text[f.range.clone()].chars().count();
            src.error(pos, width, message).help(help)
        });
    }
    diags.extend(found.out);
}

fn contact_allowed(src: &SourceFile) -> bool {
    src.rel
        .strip_prefix(ContentKind::CaseStudy.folder())
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Bytes of the front matter's top-level `contact:` field, from its key to the next top-level
/// key or the front matter's end. Read off the raw lines, not the parsed YAML, so a file whose
/// front matter does not parse is still scanned as its author meant it.
fn contact_range(text: &str) -> Option<Range<usize>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut at = first.len();
    let mut start = None;
    for line in lines {
        let end_of_front = line.trim_end() == "---";
        let top_key = line
            .split_once(':')
            .is_some_and(|(k, _)| !k.is_empty() && !k.starts_with([' ', '\t', '#', '-']));
        if let Some(s) = start {
            if end_of_front || top_key {
                return Some(s..at);
            }
        } else if top_key
            && line
                .split_once(':')
                .is_some_and(|(k, _)| k.trim() == "contact")
        {
            start = Some(at);
        }
        if end_of_front {
            return None;
        }
        at += line.len();
    }
    start.map(|s| s..at)
}

/// Every CHI number, email address and phone number in `text`, in order.
pub fn scan(text: &str) -> Vec<Finding> {
    let urls: Vec<Range<usize>> = URL.find_iter(text).map(|m| m.range()).collect();
    let in_url = |r: &Range<usize>| overlaps(&urls, r);
    let mut out: Vec<Finding> = Vec::new();
    for m in CHI.find_iter(text) {
        let r = m.range();
        if bounded(text, &r) && !in_url(&r) && !after_isbn(text, r.start) && is_chi(m.as_str()) {
            out.push(Finding {
                kind: Kind::Chi,
                range: r,
            });
        }
    }
    for m in EMAIL.find_iter(text) {
        let r = m.range();
        if !in_url(&r) && !file_name_like(m.as_str()) {
            out.push(Finding {
                kind: Kind::Email,
                range: r,
            });
        }
    }
    let chis: Vec<Range<usize>> = out
        .iter()
        .filter(|f| f.kind == Kind::Chi)
        .map(|f| f.range.clone())
        .collect();
    for m in PHONE.find_iter(text) {
        let r = m.range();
        let overlaps_chi = overlaps(&chis, &r);
        if bounded(text, &r)
            && !in_url(&r)
            && !overlaps_chi
            && !after_isbn(text, r.start)
            && is_uk_phone(m.as_str())
        {
            out.push(Finding {
                kind: Kind::Phone,
                range: r,
            });
        }
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// Whether `r` overlaps any of `sorted`, which are in order and do not overlap each other
/// (as regex matches are). A binary search keeps a file full of links and numbers linear.
fn overlaps(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|u| u.end <= r.start);
    sorted.get(i).is_some_and(|u| u.start < r.end)
}

/// A match stands alone: not the middle of a longer number, a decimal, a word or a path.
fn bounded(text: &str, r: &Range<usize>) -> bool {
    let before = text[..r.start].chars().next_back();
    let after: Vec<char> = text[r.end..].chars().take(2).collect();
    let bad_before = before.is_some_and(|c| c.is_alphanumeric() || ".-/_+@%#&=".contains(c));
    let bad_after = match after.as_slice() {
        [c, ..] if c.is_alphanumeric() || *c == '@' || *c == '/' => true,
        ['.' | ',' | '-', d, ..] if d.is_ascii_digit() => true,
        _ => false,
    };
    !bad_before && !bad_after
}

fn after_isbn(text: &str, start: usize) -> bool {
    let from = start.saturating_sub(16);
    let from = (0..=from)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text[from..start].to_ascii_uppercase().contains("ISBN")
}

/// `logo@2x.png` is an image name, not an address.
fn file_name_like(s: &str) -> bool {
    let ext = s.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp" | "pdf"
    )
}

/// Ten digits whose first six are a date of birth (DDMMYY) and whose last is the modulus-11
/// check digit over the first nine (weights 10 down to 2).
pub fn is_chi(s: &str) -> bool {
    let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 10 {
        return false;
    }
    let (day, month, yy) = (
        d[0] * 10 + d[1],
        d[2] * 10 + d[3],
        (d[4] * 10 + d[5]) as i32,
    );
    let dob = [1900, 2000]
        .iter()
        .any(|c| NaiveDate::from_ymd_opt(c + yy, month, day).is_some());
    dob && chi_check_digit(&d[..9]) == Some(d[9])
}

/// The CHI check digit for nine digits, or `None` where the scheme has no valid digit (11 − r = 10).
pub fn chi_check_digit(first9: &[u32]) -> Option<u32> {
    let sum: u32 = first9.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        c => Some(c),
    }
}

/// A UK number of the right length, with a prefix that is dialled (01, 02, 03, 05, 07, 08, 09).
fn is_uk_phone(s: &str) -> bool {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = s.strip_prefix("+44") {
        let rest: String = rest
            .replacen("(0)", "", 1)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        format!("0{rest}")
    } else {
        digits
    };
    let ok_prefix = national
        .as_bytes()
        .get(1)
        .is_some_and(|b| b"1235789".contains(b));
    let mobile = national.starts_with("07");
    ok_prefix && (national.len() == 11 || (national.len() == 10 && !mobile))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A number with a valid check digit for the first six digits `dob` (the serial is the
    /// first from `serial` on that has one), computed rather than guessed.
    fn chi(dob: &str, serial: &str) -> String {
        let from: u32 = serial.parse().unwrap();
        for n in from..1000 {
            let stem = format!("{dob}{n:03}");
            let d: Vec<u32> = stem.chars().filter_map(|c| c.to_digit(10)).collect();
            if let Some(last) = chi_check_digit(&d) {
                return format!("{stem}{last}");
            }
        }
        panic!("no serial from {serial} for {dob}");
    }

    #[test]
    fn the_contact_field_is_found_on_raw_lines_even_when_the_yaml_is_broken() {
        let text =
            "---\ntitle: [unclosed\ncontact: a@b.org\n  01234 567890\nbord: x\n---\nbody a@b.org\n";
        let r = contact_range(text).unwrap();
        assert_eq!(&text[r], "contact: a@b.org\n  01234 567890\n");
        assert_eq!(contact_range("no front matter\ncontact: x\n"), None);
        assert_eq!(contact_range("---\ntitle: t\n---\ncontact: x\n"), None);
        let last = "---\ncontact: x\n---\n";
        assert_eq!(&last[contact_range(last).unwrap()], "contact: x\n");
    }

    fn kinds(text: &str) -> Vec<Kind> {
        scan(text).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn check_digit_follows_modulus_11() {
        // 0,1,0,1,9,0,1,2,3 × 10..2 = 0+9+0+7+54+0+4+6+6 = 86; 86 mod 11 = 9; 11 − 9 = 2.
        assert_eq!(chi_check_digit(&[0, 1, 0, 1, 9, 0, 1, 2, 3]), Some(2));
        assert!(is_chi("0101901232"));
        for wrong in ["0101901230", "0101901231", "0101901233", "0101901239"] {
            assert!(!is_chi(wrong), "{wrong}");
        }
        // The first stem of 010190nnn whose weighted sum leaves `remainder` mod 11.
        let stem_with = |remainder: u32| {
            (0..1000)
                .map(|n| format!("010190{n:03}"))
                .find(|s| {
                    let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
                    d.iter()
                        .zip((2..=10).rev())
                        .map(|(d, w)| d * w)
                        .sum::<u32>()
                        % 11
                        == remainder
                })
                .unwrap()
        };
        // 11 − r = 11 gives 0.
        let zero = stem_with(0);
        assert!(is_chi(&format!("{zero}0")), "{zero}0");
        // Remainder 1 gives 10, which has no check digit: no number with such a stem is a CHI.
        let ten = stem_with(1);
        let d: Vec<u32> = ten.chars().filter_map(|c| c.to_digit(10)).collect();
        assert_eq!(chi_check_digit(&d), None);
        assert!((0..10).all(|last| !is_chi(&format!("{ten}{last}"))));
    }

    #[test]
    fn finds_chi_numbers_in_the_usual_groupings() {
        let c = chi("150385", "123");
        let spaced = format!("{} {}", &c[..6], &c[6..]);
        let pairs = format!("{} {} {} {}", &c[..2], &c[2..4], &c[4..6], &c[6..]);
        let nhs = format!("{} {} {}", &c[..3], &c[3..6], &c[6..]);
        for t in [c.clone(), spaced, pairs, nhs, format!("CHI: {c}.")] {
            assert_eq!(kinds(&t), [Kind::Chi], "{t}");
        }
        let wrong_digit = format!("{}{}", &c[..9], (c.as_bytes()[9] - b'0' + 1) % 10);
        assert_eq!(kinds(&wrong_digit), [], "bad check digit");
        let bad_date = chi("320185", "123");
        assert_eq!(kinds(&bad_date), [], "32nd of January");
        assert_eq!(
            kinds(&chi("290200", "555")),
            [Kind::Chi],
            "2000 was a leap year"
        );
    }

    #[test]
    fn leaves_dates_years_isbns_and_urls_alone() {
        let c = chi("010190", "123");
        for t in [
            "Published 2022-03-01, reviewed 2019 2020 2021.".to_string(),
            format!("ISBN {c}"),
            format!("ISBN-10: {c}"),
            format!("https://example.org/report/{c}/page"),
            format!("https://example.org/?q=0131 536 1234&id={c}"),
            format!("9{c}"),
            format!("1.{c}"),
            "Referrals fell from 1200 to 850 (2019-20 to 2021-22).".to_string(),
            "Version 0.10.2 and 07:30 to 09:00.".to_string(),
            "![Logo](../static/logo@2x.png)".to_string(),
        ] {
            assert_eq!(kinds(&t), [], "{t}");
        }
    }

    #[test]
    fn finds_emails_and_uk_phone_numbers() {
        for (t, k) in [
            ("Email jane.doe@nhs.scot for more.", Kind::Email),
            ("[mail](mailto:team@example.org)", Kind::Email),
            ("Call 0131 536 1234.", Kind::Phone),
            ("Call 01315361234", Kind::Phone),
            ("Ring 020 7946 0000", Kind::Phone),
            ("Mobile 07700 900123", Kind::Phone),
            ("Mobile 07700-900-123", Kind::Phone),
            ("Phone +44 131 536 1234", Kind::Phone),
            ("Phone +44 (0)131 536 1234", Kind::Phone),
            ("Phone (01463) 704000", Kind::Phone),
            ("Freephone 0800 123 456", Kind::Phone),
            ("Lerwick 01595 743000", Kind::Phone),
        ] {
            assert_eq!(kinds(t), [k], "{t}");
        }
        for t in ["0800 team", "07700 90", "Room 0123", "06 123 4567 8"] {
            assert_eq!(kinds(t), [], "{t}");
        }
    }
}
