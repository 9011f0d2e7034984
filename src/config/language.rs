//! `language:` becomes every page's `<html lang>`, which screen readers use to pick a voice, so
//! it must be a language tag a browser knows (BCP 47: `en-GB`, `en`, `gd`, `sco`).

/// ISO 639-1 codes, and the ISO 639-3 codes of languages spoken in Scotland and by its larger
/// communities that have no two-letter code.
const LANGUAGES: &str =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch \
co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he \
hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv \
kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny \
oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su \
sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu \
sco yue cmn";

/// Why `tag` is not a language tag we accept, with the tag to write instead when one is close.
pub fn problem(tag: &str) -> Option<(String, Option<String>)> {
    let mut parts = tag.split(['-', '_']);
    let lang = parts.next().unwrap_or("").to_ascii_lowercase();
    if !LANGUAGES.split_whitespace().any(|l| l == lang) {
        return Some((format!("`{tag}` is not a known language"), None));
    }
    let mut canonical = vec![lang];
    for (i, sub) in parts.enumerate() {
        let alpha = sub.chars().all(|c| c.is_ascii_alphabetic());
        let next = match sub.len() {
            // A script (`Latn`) may come first, then a region (`GB`, `419`).
            4 if i == 0 && alpha => format!(
                "{}{}",
                sub[..1].to_ascii_uppercase(),
                sub[1..].to_ascii_lowercase()
            ),
            2 if alpha => sub.to_ascii_uppercase(),
            3 if sub.chars().all(|c| c.is_ascii_digit()) => sub.to_string(),
            _ => {
                return Some((
                    format!("`{sub}` in `{tag}` is not a region or script"),
                    None,
                ))
            }
        };
        canonical.push(next);
    }
    // BCP 47 ignores case, but `_` is a locale spelling that browsers do not read.
    tag.contains('_').then(|| {
        (
            format!("`{tag}` is not a language tag"),
            Some(canonical.join("-")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn known_tags_pass_and_others_get_a_fix() {
        for ok in ["en-GB", "en", "gd", "sco", "zh-Hant-TW", "es-419"] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        assert_eq!(problem("en_GB").unwrap().1.as_deref(), Some("en-GB"));
        assert_eq!(problem("en-gb"), None);
        assert!(problem("english").is_some());
        assert!(problem("xx-GB").is_some());
        assert!(problem("en-Great-Britain").is_some());
        assert!(problem("").is_some());
    }
}
