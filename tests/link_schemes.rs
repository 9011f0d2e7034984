//! No address from hub.yaml or a content file reaches a page with a scheme other than http, https
//! or mailto. Each field that becomes an `href` is tried with `javascript:`, `data:` and
//! `vbscript:` addresses: front-matter and hub.yaml fields are refused with an error at the value;
//! raw HTML in a body is cleaned, so the page (parsed) holds no such link.

mod common;

use common::*;
use ithub::diagnostics::{Diagnostic, Severity};

const BAD: [&str; 3] = [
    "javascript:alert(document.domain)//",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    " VBScript:msgbox(1)",
];

/// Line and column (1-based, in characters) where `needle` starts in `text`.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text}"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..at].matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
    )
}

/// The build fails, and one of its errors is in `file` at the position of `value`, saying so
/// and with a fix.
fn refused_at(hub: &Hub, file: &str, value: &str, says: &str) -> Diagnostic {
    let r = hub.build();
    assert!(!r.ok(), "a build with {value:?} in {file} must fail");
    let (line, column) = locate(&hub.read(file), value);
    let hits: Vec<&Diagnostic> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.file.ends_with(file))
        .filter(|d| (d.line, d.column) == (line, column))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "want one error at {file}:{line}:{column}, got {:#?}",
        r.diagnostics
    );
    let d = hits[0].clone();
    assert!(d.message.contains(says), "{d:#?}");
    assert!(d.help.is_some(), "{d:#?}");
    assert!(
        !hub.output().exists(),
        "a refused build must publish nothing"
    );
    d
}

fn quoted(url: &str) -> String {
    format!("\"{url}\"")
}

#[test]
fn hub_repository_must_be_https() {
    for bad in BAD.iter().copied().chain(["http://github.com/example/hub"]) {
        let hub = Hub::copy(FIXTURE);
        hub.edit(
            "hub.yaml",
            "repository: https://github.com/example/hub",
            &format!("repository: {}", quoted(bad)),
        );
        let d = refused_at(&hub, "hub.yaml", &quoted(bad), "repository");
        assert!(d.help.unwrap().contains("https://github.com/"));
    }
}

#[test]
fn hub_base_url_must_be_https() {
    for bad in BAD.iter().copied().chain(["http://example.org/"]) {
        let hub = Hub::copy(FIXTURE);
        hub.edit(
            "hub.yaml",
            "base_url: https://example.org/",
            &format!("base_url: {}", quoted(bad)),
        );
        refused_at(&hub, "hub.yaml", &quoted(bad), "base_url");
    }
}

#[test]
fn base_url_given_on_the_command_line_must_be_a_web_address() {
    let hub = Hub::copy(FIXTURE);
    let mut o = hub.options();
    o.base_url = Some(BAD[0].into());
    let r = ithub::build::build(&o, &|_| {}, &|| {});
    assert!(!r.ok());
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.message.contains("--base-url") && d.file.ends_with("hub.yaml")),
        "{:#?}",
        r.diagnostics
    );
    // serve passes a loopback http address: that stays allowed.
    o.base_url = Some("http://127.0.0.1:1111/".into());
    let r = ithub::build::build(&o, &|_| {}, &|| {});
    assert!(r.ok(), "{:#?}", r.diagnostics);
}

#[test]
fn hub_source_urls_must_be_links() {
    for bad in BAD {
        let hub = Hub::copy(FIXTURE);
        hub.edit(
            "hub.yaml",
            "    licence: OGL v3.0\n",
            &format!("    licence: OGL v3.0\n    url: {}\n", quoted(bad)),
        );
        refused_at(&hub, "hub.yaml", &quoted(bad), "source url");
    }
}

#[test]
fn zone_resource_urls_must_be_links() {
    for bad in BAD {
        let hub = Hub::copy(FIXTURE);
        hub.edit(
            "zones/data.md",
            "url: https://example.com/data",
            &format!("url: {}", quoted(bad)),
        );
        let d = refused_at(&hub, "zones/data.md", &quoted(bad), "cannot be a link");
        assert!(d.help.unwrap().contains("e.g. https://"));
    }
}

#[test]
fn basket_topic_resource_urls_must_be_links() {
    for bad in BAD {
        let hub = Hub::copy(FIXTURE);
        hub.edit(
            "baskets/topics.md",
            "        kind: guide\n",
            &format!("        kind: guide\n        url: {}\n", quoted(bad)),
        );
        let d = refused_at(&hub, "baskets/topics.md", &quoted(bad), "cannot be a link");
        assert!(d.help.unwrap().contains("e.g. https://"));
    }
}

#[test]
fn markdown_links_and_images_with_other_schemes_are_refused() {
    for bad in BAD {
        let bad = bad.trim();
        let hub = Hub::copy(FIXTURE);
        let link = format!("[click]({bad})");
        hub.edit(
            "pages/about.md",
            "About text.",
            &format!("About text. {link}"),
        );
        refused_at(&hub, "pages/about.md", &link, "scheme");
        let hub = Hub::copy(FIXTURE);
        let image = format!("![chart]({bad})");
        hub.edit(
            "pages/about.md",
            "About text.",
            &format!("About text. {image}"),
        );
        refused_at(&hub, "pages/about.md", &image, "image");
    }
}

#[test]
fn raw_html_in_bodies_loses_every_other_scheme() {
    let hub = Hub::copy(FIXTURE);
    let mut html = String::from("About text.\n\n");
    for bad in BAD {
        html.push_str(&format!(
            "<p><a href=\"{bad}\">a</a> <img src=\"{bad}\" alt=\"i\"> <area href=\"{bad}\"> <form action=\"{bad}\"><button formaction=\"{bad}\">b</button></form> <iframe src=\"{bad}\"></iframe> <object data=\"{bad}\"></object></p>\n\n"
        ));
    }
    hub.edit("pages/about.md", "About text.", &html);
    hub.build_ok();
    let page = hub.page("about/");
    let mut seen = 0;
    for el in page.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            seen += 1;
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "data:", "vbscript:"] {
                assert!(
                    !v.starts_with(scheme),
                    "<{} {name}=\"{value}\"> reached the page",
                    el.value().name()
                );
            }
        }
    }
    assert!(seen > 20, "the page was not parsed");
    // The links themselves survive, without their addresses.
    assert_eq!(
        texts(&page, "main a:not([href])")
            .iter()
            .filter(|t| *t == "a")
            .count(),
        3
    );
}
