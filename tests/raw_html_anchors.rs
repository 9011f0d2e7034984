//! README-style Markdown (badges, raw HTML anchors, nested lists, tables, details) builds
//! cleanly: `#x` links to `<a name="x">` or `id="x"` targets count, the targets survive the
//! sanitiser as ids, and a case slip gets a suggestion.

mod common;

use common::*;
use ithub::diagnostics::Severity;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/readme-style");

fn readme_hub() -> Hub {
    let hub = Hub::copy(FIXTURE);
    for f in ["guide.md", "other.md"] {
        let text = std::fs::read_to_string(format!("{README}/{f}")).unwrap();
        hub.write(&format!("pages/{f}"), &text);
    }
    hub
}

fn ids(doc: &scraper::Html) -> Vec<String> {
    doc.select(&sel("main [id]"))
        .filter_map(|e| e.value().attr("id").map(str::to_string))
        .collect()
}

#[test]
fn readme_style_markdown_builds_cleanly_and_every_anchor_resolves() {
    let hub = readme_hub();
    let r = hub.build_ok();
    assert!(
        r.diagnostics.is_empty(),
        "a README-style page must build without findings: {:#?}",
        r.diagnostics
    );
    let guide = hub.page("guide/");
    let have = ids(&guide);
    for id in [
        "top",
        "install",
        "usage",
        "performance",
        "data-sources",
        "faq",
    ] {
        assert!(have.iter().any(|h| h == id), "no #{id} in {have:?}");
    }
    // `<a name>` became an id: nothing relies on the obsolete attribute.
    assert!(guide.select(&sel("main a[name]")).next().is_none());
    let other = hub.page("other/");
    let have = ids(&other);
    assert!(have.contains(&"setup".to_string()) && have.contains(&"notes".to_string()));
    // The parts of a README that are not anchors came through too.
    assert_eq!(guide.select(&sel("main table tbody tr")).count(), 2);
    assert_eq!(
        guide
            .select(&sel("main ol > li > ul > li > ul > li"))
            .count(),
        2
    );
    assert_eq!(guide.select(&sel("main a > img")).count(), 2);
    assert_eq!(guide.select(&sel("main input[type=checkbox]")).count(), 2);
    let broken = broken_links(&hub.output(), "/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn a_case_slip_in_an_anchor_gets_the_right_spelling() {
    let hub = readme_hub();
    hub.edit(
        "pages/guide.md",
        "[Performance](#performance)",
        "[Performance](#Performance)",
    );
    hub.edit("pages/guide.md", "(other.md#setup)", "(other.md#Setup)");
    let r = hub.build();
    let errors: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    let text = hub.read("pages/guide.md");
    for (anchor, fix) in [
        ("#Performance", "#performance"),
        ("other.md#Setup", "#setup"),
    ] {
        let d = errors
            .iter()
            .find(|d| d.message.contains(anchor.rsplit('#').next().unwrap()))
            .unwrap_or_else(|| panic!("no error for {anchor}: {errors:#?}"));
        assert_eq!(
            d.help.as_deref(),
            Some(format!("did you mean `{fix}`?").as_str())
        );
        let line = text.lines().position(|l| l.contains(anchor)).unwrap() + 1;
        assert_eq!(d.line, line, "{d:#?}");
    }
}

#[test]
fn raw_html_images_from_other_sites_are_dropped() {
    let hub = readme_hub();
    hub.edit(
        "pages/guide.md",
        "<a name=\"top\"></a>",
        "<a name=\"top\"></a>\n<img src=\"https://img.shields.io/badge/x-y-green\" alt=\"badge\"> <img src=\"//tracker.example/p.gif\" alt=\"p\">",
    );
    hub.build_ok();
    let guide = hub.page("guide/");
    let srcs: Vec<&str> = guide
        .select(&sel("main img"))
        .filter_map(|e| e.value().attr("src"))
        .collect();
    assert!(
        srcs.iter().all(|s| !s.contains("//")),
        "a page may load nothing from another site: {srcs:?}"
    );
    assert_eq!(guide.select(&sel("main img[alt=badge]")).count(), 1);
}
