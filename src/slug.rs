//! The file-name slug rule: which file stems may become URL segments, and how to turn any
//! text into one. The loader's check, its rename hint and `ithub new`'s file names all come
//! from here, so a suggested name is always one the loader accepts.

/// Slugs become URL segments, so keep them to lower-case ASCII letters, digits and single
/// hyphens, neither first nor last.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Longest slug made from a title; long titles make long addresses.
const MAX_LEN: usize = 60;

/// Any text → a slug `is_valid` accepts: accents folded to ASCII (`Café` → `cafe`), `&` read
/// as `and`, apostrophes dropped, every other run of characters a single hyphen, cut at a
/// word to at most 60 bytes, and `untitled` when nothing is left.
pub(crate) fn from_text(text: &str) -> String {
    let mut out = hyphenate(text, |c| match c {
        'a'..='z' | '0'..='9' => Piece::Char(c),
        '&' => Piece::Str("and"),
        _ => fold_latin(c).map_or(Piece::Break, Piece::Str),
    });
    while out.len() > MAX_LEN {
        match out.rfind('-') {
            Some(i) => out.truncate(i),
            // Only ASCII is left, so any byte index is a char boundary.
            None => out.truncate(MAX_LEN),
        }
    }
    if out.is_empty() {
        "untitled".into()
    } else {
        out
    }
}

/// What one lower-cased character contributes to a hyphenated name.
pub(crate) enum Piece {
    /// Kept as it is.
    Char(char),
    /// Replaced by this text.
    Str(&'static str),
    /// Separates words: a run of these becomes one hyphen between words.
    Break,
}

/// Lower-case `text` and join its words with single hyphens, `piece` deciding what each
/// character is. Apostrophes vanish ("What's" reads better as `whats` than `what-s`). Shared
/// with heading ids, which keep other letters but hyphenate the same way.
pub(crate) fn hyphenate(text: &str, piece: impl Fn(char) -> Piece) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        let p = piece(c);
        if matches!(p, Piece::Break) {
            dash = true;
            continue;
        }
        if dash && !out.is_empty() {
            out.push('-');
        }
        dash = false;
        match p {
            Piece::Char(c) => out.push(c),
            Piece::Str(s) => out.push_str(s),
            Piece::Break => {}
        }
    }
    out
}

/// A lower-case Latin letter with a mark → its plain ASCII spelling (Gaelic's graves, the
/// acutes and umlauts of names and loan words, and a few ligatures).
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_slugs_are_url_safe() {
        assert!(is_valid("west-lothian-2022"));
        assert!(is_valid("2022-review"));
        for bad in ["West", "a b", "-a", "a-", "a--b", "", "é", "a_b", "a.b"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn titles_become_short_readable_slugs() {
        assert_eq!(
            from_text("West Lothian clusters agree a mission statement"),
            "west-lothian-clusters-agree-a-mission-statement"
        );
        assert_eq!(
            from_text("  Café & Kids' health: 2024/25!  "),
            "cafe-and-kids-health-2024-25"
        );
        assert_eq!(from_text("Café-Kids"), "cafe-kids");
        assert_eq!(from_text("Slàinte Mhath"), "slainte-mhath");
        assert_eq!(from_text("???"), "untitled");
        let long = from_text(&"word ".repeat(30));
        assert!(long.len() <= MAX_LEN && long.ends_with("word"), "{long}");
    }

    /// The loader must accept every name it suggests, whatever the person typed.
    #[test]
    fn every_suggestion_is_accepted() {
        let long_word = "a".repeat(200);
        let inputs = [
            "Café-Kids",
            "café-kids",
            "Ceòl agus Òran: Comhairle nan Eilean Siar",
            "Àrd-sgoil Phort Rìgh",
            "Ùisdean's clinic",
            "Dùn Èideann — Edinburgh",
            "Łódź & Kraków",
            "Straße Œuvre Ærø Þing",
            "🎉🚀 launch 🎉",
            "🎉",
            "2024 review",
            "01-intro",
            "",
            "   ",
            "---",
            "?!*&%$",
            "'’'",
            "a--b__c..d",
            "-leading and trailing-",
            "Ünïcödé — Ελληνικά title",
            "日本語のタイトル",
            "x\u{301}y", // a combining accent on its own
            &long_word,
            &"Cluster quality improvement ".repeat(10),
            "İstanbul", // lower-cases to `i` plus a combining dot
        ];
        for input in inputs {
            let s = from_text(input);
            assert!(is_valid(&s), "{input:?} → {s:?}");
            assert!(s.len() <= MAX_LEN, "{input:?} → {s:?}");
            assert_eq!(from_text(&s), s, "a slug is its own slug");
        }
    }
}
