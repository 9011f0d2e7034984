//! Rendering bodies: links, headings, unsafe content, images, code and GitHub extensions.

use super::*;

fn run(body: &str, rel: &str, page: &str) -> Rendered {
    let mut urls = HashMap::new();
    urls.insert("zones/data.md".to_string(), "zones/data/".to_string());
    urls.insert(
        "case-studies/a.md".to_string(),
        "case-studies/a/".to_string(),
    );
    urls.insert(
        "static/chart.png".to_string(),
        "static/chart.png".to_string(),
    );
    let hl = Highlighter::new();
    render(
        body,
        &DocContext { rel, page },
        &LinkTargets { urls: &urls },
        &hl,
    )
}

#[test]
fn resolves_md_links_relative_to_the_page() {
    let r = run(
        "See [data](../zones/data.md#sources) and [b](a.md).",
        "case-studies/b.md",
        "case-studies/b/",
    );
    assert!(
        r.html.contains(r#"href="../../zones/data/#sources""#),
        "{}",
        r.html
    );
    assert!(r.html.contains(r#"href="../a/""#), "{}", r.html);
    assert_eq!(r.anchors.len(), 1);
    assert_eq!(r.anchors[0].target_rel, "zones/data.md");
    assert!(r.problems.is_empty());
}

#[test]
fn reports_broken_links_with_suggestions() {
    let r = run(
        "Intro\n\n[x](../zones/dta.md)",
        "case-studies/b.md",
        "case-studies/b/",
    );
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].offset, 7);
    assert_eq!(
        r.problems[0].help.as_deref(),
        Some("did you mean `../zones/data.md`?")
    );
}

#[test]
fn headings_get_unique_ids() {
    let r = run(
        "## What they did\n\n## What they did\n\n### Kids' health & care",
        "pages/a.md",
        "a/",
    );
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        ["what-they-did", "what-they-did-1", "kids-health-care"]
    );
    assert!(r.html.contains(r##"<h2 id="what-they-did"><a class="heading-link" href="#what-they-did">What they did</a></h2>"##), "{}", r.html);
}

#[test]
fn blocks_script_urls_and_raw_script() {
    let r = run(
        "[x](javascript:alert(1)) <script>alert(2)</script> <b onmouseover=\"y()\">b</b>",
        "pages/a.md",
        "a/",
    );
    assert!(!r.html.contains("javascript"), "{}", r.html);
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(!r.html.contains("onmouseover"), "{}", r.html);
    assert_eq!(r.problems.len(), 1);
}

#[test]
fn images_need_alt_text_and_a_local_file() {
    let r = run("![](../static/chart.png)\n\n![A chart](../static/nope.png)\n\n![Logo](https://x.org/a.png)", "case-studies/b.md", "case-studies/b/");
    let msgs: Vec<&str> = r.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "image has no alt text",
            "image `../static/nope.png` does not exist",
            "image `https://x.org/a.png` is on another site"
        ]
    );
}

#[test]
fn code_is_highlighted_and_left_out_of_text() {
    let r = run(
        "Words here.\n\n```rust\nfn main() {}\n```\n",
        "pages/a.md",
        "a/",
    );
    assert!(r.html.contains("hl-"), "{}", r.html);
    assert!(!r.text.contains("fn main"));
    assert!(r.text.contains("Words here."));
}

#[test]
fn gfm_extensions() {
    let r = run(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ - [x] done\n\nNote[^1]\n\n[^1]: foot",
        "pages/a.md",
        "a/",
    );
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("footnote"));
}
