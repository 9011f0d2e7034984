//! Which web addresses content may put on a page. Every field that becomes an `href` (hub.yaml's
//! `repository`, `base_url` and source URLs, resource URLs, Markdown links) is checked here, so
//! a `javascript:` or `data:` address is refused the same way wherever it is written.

/// The schemes a link from content may use. Raw HTML is held to the same list by the sanitiser.
pub const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The scheme of `dest` in lower case (`javascript` for ` JavaScript:alert(1)`), or `None` for
/// a relative path. Whitespace and control characters are ignored, as browsers ignore them.
pub fn scheme_of(dest: &str) -> Option<String> {
    let trimmed: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let colon = trimmed.find(':')?;
    let scheme = &trimmed[..colon];
    let ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    ok.then(|| scheme.to_ascii_lowercase())
}

/// Why `url` may not be a link to another site, or `None` when it may: an absolute `http`,
/// `https` or `mailto` address with nothing a browser would read differently from us.
pub fn link_problem(url: &str) -> Option<String> {
    match scheme_of(url) {
        Some(s) if s == "mailto" => plain(url),
        Some(s) if s == "http" || s == "https" => web(url, &s),
        Some(s) => Some(format!(
            "`{s}:` addresses may not be links on a page; only http, https and mailto are allowed"
        )),
        None => Some("it is not a full web address".to_string()),
    }
}

/// Why `url` is not an `https://` address of a site (no query or fragment, since paths are
/// added to it), or `None` when it is.
pub fn https_problem(url: &str) -> Option<String> {
    match scheme_of(url) {
        Some(s) if s == "https" => web(url, "https").or_else(|| {
            url.contains(['?', '#'])
                .then(|| "it has a `?` or `#` part; paths are added to this address".to_string())
        }),
        Some(s) => Some(format!("it uses `{s}:`; only https addresses are allowed")),
        None => Some("it is not a full https:// web address".to_string()),
    }
}

/// Why `url` is not an `http://` or `https://` address of a site, or `None` when it is.
pub fn site_problem(url: &str) -> Option<String> {
    match scheme_of(url) {
        Some(s) if s == "http" || s == "https" => web(url, &s),
        _ => Some("it is not a full http:// or https:// web address".to_string()),
    }
}

/// `http(s)://host[:port][/path…]` with a real host and no characters a browser would fix up.
fn web(url: &str, scheme: &str) -> Option<String> {
    if let Some(p) = plain(url) {
        return Some(p);
    }
    let Some(rest) = url.strip_prefix(scheme).and_then(|r| r.strip_prefix("://")) else {
        return Some(format!(
            "write it as `{scheme}://` followed by the site's name"
        ));
    };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host_port.contains('@') {
        return Some("it has a user name before the site's name".to_string());
    }
    let host = match host_port.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host_port,
    };
    let host_ok = !host.is_empty()
        && host
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    (!host_ok).then(|| format!("`{host}` is not a site's name"))
}

/// No spaces, control characters or quotes, which a browser would strip or which end the
/// attribute, so what we check is what the browser follows.
fn plain(url: &str) -> Option<String> {
    url.chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(*c))
        .map(|c| format!("it contains {c:?}, which is not allowed in a web address"))
}

/// The help given with every refused link: what to write instead.
pub const LINK_HELP: &str = "write the full address, e.g. https://www.nes.scot.nhs.uk/";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_allow_only_web_and_mail_addresses() {
        for ok in [
            "https://example.org/a?b#c",
            "http://localhost:8080/",
            "mailto:team@example.org",
        ] {
            assert_eq!(link_problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>x</script>",
            "vbscript:msgbox(1)",
            "https://exa mple.org/",
            "https:///nohost",
            "https://user@example.org/",
            "example.org",
            "https:example.org",
        ] {
            assert!(link_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn https_addresses_refuse_other_schemes_and_fragments() {
        assert_eq!(https_problem("https://github.com/nhs/hub"), None);
        assert_eq!(https_problem("https://example.org:8443/hub/"), None);
        for bad in [
            "javascript:alert(document.domain)//",
            "http://github.com/nhs/hub",
            "https://github.com/nhs/hub#x",
            "https://github.com/nhs/hub?x=1",
            "github.com/nhs/hub",
        ] {
            assert!(https_problem(bad).is_some(), "{bad}");
        }
    }
}
