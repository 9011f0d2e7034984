//! `ithub build` end to end on the fixture hub, inspected with a real HTML parser.

mod common;

use common::*;
use std::collections::BTreeSet;

#[test]
fn builds_every_kind_of_page() {
    let hub = Hub::copy(FIXTURE);
    let r = hub.build_ok();
    let out = hub.output();
    for p in [
        "index.html",
        "404.html",
        "search/index.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "zones/data/index.html",
        "zones/case-studies/index.html",
        "case-studies/index.html",
        "case-studies/alpha/index.html",
        "case-studies/board/lothian/index.html",
        "case-studies/zone/data/index.html",
        "case-studies/component/data/index.html",
        "case-studies/topic/diabetes/index.html",
        "case-studies/year/2022/index.html",
        "case-studies/board/index.html",
        "induction/index.html",
        "induction/pql/index.html",
        "induction/pql/the-role/index.html",
        "induction/pql/time/index.html",
        "induction/pql/print/index.html",
        "baskets/index.html",
        "baskets/topics/index.html",
        "roadmaps/roadmap/index.html",
        "boards/index.html",
        "boards/lothian/index.html",
        "topics/diabetes/index.html",
        "components/data/index.html",
        "about/index.html",
        "static/chart.svg",
        "case-studies/index.json",
    ] {
        assert!(out.join(p).is_file(), "missing {p}");
    }
    assert_eq!(
        r.pages,
        html_files(&out).len(),
        "pages reported = HTML files written"
    );

    let home = hub.page("");
    assert_eq!(texts(&home, "h1"), ["Fixture hub"]);
    assert_eq!(home.select(&sel(".zone-grid a")).count(), 6);
    // Newest first; the draft is left out.
    assert_eq!(
        texts(&home, ".newest .card-title"),
        [
            "Alpha cluster improves diabetes care",
            "Beta cluster on frailty",
            "Gamma in Tayside"
        ]
    );
}

#[test]
fn every_internal_link_resolves() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let broken = broken_links(&hub.output(), "/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    // Search results for zone resources link to an anchor on the zone page.
    let zone = hub.page("zones/data/");
    assert_eq!(
        texts(&zone, "#resource-1 .resource-title"),
        ["Resource for data (NES)"]
    );
}

#[test]
fn sub_path_build_links_and_feeds_are_right() {
    let hub = Hub::copy(FIXTURE);
    let mut o = hub.options();
    o.base_url = Some("https://example.org/hub/".into());
    let r = ithub::build::build(&o, &|_| {}, &|| {});
    assert!(r.ok(), "{:#?}", r.diagnostics);
    let out = hub.output();
    assert!(
        broken_links(&out, "/hub/").is_empty(),
        "{:#?}",
        broken_links(&out, "/hub/")
    );
    // The 404 page is served at arbitrary paths, so its links must be absolute under /hub/.
    let nf = hub.page("404.html");
    for a in nf.select(&sel("a[href], link[href]")) {
        let href = a.value().attr("href").unwrap();
        assert!(
            href.starts_with("/hub/") || href.starts_with("https://") || href.starts_with('#'),
            "404 link {href}"
        );
    }
    let atom = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(atom.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/hub/case-studies/alpha/\"/>"), "{atom}");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/hub/zones/data/</loc>"));
    assert!(!sitemap.contains("404"));
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/hub/sitemap.xml"));
    // Stylesheets are fingerprinted.
    let home = hub.page("");
    let css: Vec<&str> = home
        .select(&sel("link[rel=stylesheet]"))
        .map(|e| e.value().attr("href").unwrap())
        .collect();
    assert!(
        css.iter()
            .all(|h| h.starts_with("./assets/") && h.split('.').count() == 4),
        "{css:?}"
    );
}

#[test]
fn facet_pages_list_exactly_the_tagged_case_studies() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let titles = |p: &str| -> BTreeSet<String> {
        texts(&hub.page(p), ".list-main .card-title")
            .into_iter()
            .collect()
    };
    assert_eq!(
        titles("case-studies/board/lothian/"),
        BTreeSet::from([
            "Alpha cluster improves diabetes care".into(),
            "Beta cluster on frailty".into()
        ])
    );
    assert_eq!(
        titles("case-studies/topic/diabetes/"),
        BTreeSet::from([
            "Alpha cluster improves diabetes care".into(),
            "Beta cluster on frailty".into()
        ])
    );
    assert_eq!(
        titles("case-studies/year/2020/"),
        BTreeSet::from(["Gamma in Tayside".into()])
    );
    assert_eq!(titles("case-studies/").len(), 3);
    // No facet page for the draft's board.
    assert!(!hub.output().join("case-studies/board/fife").exists());
    let browse = hub.page("boards/tayside/");
    assert_eq!(texts(&browse, ".cards .card-title"), ["Gamma in Tayside"]);
}

#[test]
fn pagination_splits_lists_into_pages_of_twenty() {
    let hub = Hub::copy(FIXTURE);
    for i in 0..45 {
        hub.write(&format!("case-studies/extra-{i:02}.md"), &format!(
            "---\ntitle: Extra {i:02}\nsummary: s\ncluster: c\nboard: fife\nzones: [data]\ncomponents: [data]\npublished: 2019-01-{:02}\n---\nBody\n", i % 28 + 1));
    }
    hub.build_ok();
    let p1 = hub.page("case-studies/board/fife/");
    assert_eq!(p1.select(&sel(".list-main .card")).count(), 20);
    let p3 = hub.page("case-studies/board/fife/page/3/");
    assert_eq!(p3.select(&sel(".list-main .card")).count(), 5);
    assert_eq!(texts(&p3, ".pagination a[rel=prev]"), ["Previous page"]);
    assert!(!hub.output().join("case-studies/board/fife/page/4").exists());
    // Browse pages show the newest dozen and link to the full list.
    let browse = hub.page("boards/fife/");
    assert_eq!(browse.select(&sel(".cards .card")).count(), 12);
    let all: Vec<&str> = browse
        .select(&sel("main a"))
        .filter(|a| a.text().collect::<String>() == "All 45 case studies on NHS Fife")
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(all, ["../../case-studies/board/fife/"]);
    assert!(broken_links(&hub.output(), "/").is_empty());
}

#[test]
fn case_study_page_shows_fields_outcomes_related_and_notices() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let a = hub.page("case-studies/alpha/");
    assert_eq!(
        texts(&a, "main h1"),
        ["Alpha cluster improves diabetes care"]
    );
    let svg = a
        .select(&sel("figure.chart svg[role=img]"))
        .next()
        .expect("outcome chart");
    assert_eq!(svg.select(&sel("rect")).count(), 2);
    assert_eq!(
        texts(&a, "table.outcomes:not(.outcomes-once) tbody tr > *"),
        [
            "Reviews done",
            "40 %",
            "85 %",
            "2021-22",
            "the cluster's practices"
        ]
    );
    // A reach figure is tabled as measured once, never as a before or an after.
    assert_eq!(
        texts(&a, "table.outcomes-once tbody tr > *"),
        [
            "Practices taking part",
            "6 practices",
            "How many the work reached",
            "2021-22",
            "the cluster's practices"
        ]
    );
    for t in a.select(&sel("div.table-scroll[role=region][tabindex='0']")) {
        let id = t.value().attr("aria-labelledby").unwrap();
        assert_eq!(t.select(&sel(&format!("caption#{id}"))).count(), 1);
    }
    assert_eq!(a.select(&sel("div.table-scroll > table")).count(), 2);
    assert_eq!(
        texts(&a, "#related ~ .cards .card-title"),
        ["Beta cluster on frailty"]
    );
    let edit: Vec<&str> = a
        .select(&sel("a.suggest"))
        .map(|e| e.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        edit,
        ["https://github.com/example/hub/edit/main/content/case-studies/alpha.md"]
    );
    assert_eq!(
        a.select(&sel(".notice-review")).count(),
        0,
        "review_by is in the future"
    );
    assert!(texts(&a, ".sources li")[0].starts_with("A guide, Someone, 2019"));
    // Code is highlighted into classes, images resolved.
    assert!(a.select(&sel("pre.code span[class^=hl-]")).count() > 0);
    let img = a.select(&sel(".prose img")).next().unwrap();
    assert_eq!(img.value().attr("src"), Some("../../static/chart.svg"));
    assert_eq!(img.value().attr("alt"), Some("A run chart of reviews"));

    let b = hub.page("case-studies/beta/");
    assert_eq!(
        texts(&b, ".notice-review strong"),
        ["This page may be out of date."]
    );
}

#[test]
fn raw_html_from_content_is_sanitised() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let b = hub.page("case-studies/beta/");
    let prose = b.select(&sel(".prose")).next().unwrap();
    assert_eq!(prose.select(&sel("script")).count(), 0);
    for el in prose.descendants().filter_map(scraper::ElementRef::wrap) {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}");
            assert!(!value.to_lowercase().contains("javascript:"));
        }
    }
    assert_eq!(texts(&b, ".prose span.x"), ["Raw"]);
}

#[test]
fn drafts_only_with_the_drafts_flag() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    assert!(!hub.output().join("case-studies/delta-draft").exists());
    let mut o = hub.options();
    o.drafts = true;
    assert!(ithub::build::build(&o, &|_| {}, &|| {}).ok());
    assert!(hub
        .output()
        .join("case-studies/delta-draft/index.html")
        .is_file());
    assert!(hub
        .output()
        .join("case-studies/board/fife/index.html")
        .is_file());
}

#[test]
fn packs_have_contents_prev_next_and_a_printable_page() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let pack = hub.page("induction/pql/");
    assert_eq!(
        texts(&pack, ".pack-contents > li > a"),
        ["The role", "Protected time"]
    );
    let s1 = hub.page("induction/pql/the-role/");
    assert_eq!(s1.select(&sel(".prev-next a[rel=prev]")).count(), 0);
    assert_eq!(
        s1.select(&sel(".prev-next a[rel=next]"))
            .next()
            .unwrap()
            .value()
            .attr("href"),
        Some("../../../induction/pql/time/")
    );
    assert_eq!(
        s1.select(&sel(".checklist input[type=checkbox]")).count(),
        2
    );
    let print = hub.page("induction/pql/print/");
    assert_eq!(
        texts(&print, ".print-section > h2"),
        ["1. The role", "2. Protected time"]
    );
}

#[test]
fn basket_and_roadmap_pages() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let b = hub.page("baskets/topics/");
    let topic = b
        .select(&sel("section#diabetes"))
        .next()
        .expect("topic section");
    let cards: Vec<String> = topic
        .select(&sel(".card-title"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        cards,
        [
            "Alpha cluster improves diabetes care",
            "Beta cluster on frailty"
        ]
    );
    let r = hub.page("roadmaps/roadmap/");
    assert_eq!(r.select(&sel("section.roadmap-component")).count(), 3);
    assert_eq!(
        r.select(&sel("#data .stage-choice input[type=radio]"))
            .count(),
        2,
        "one choice per stage"
    );
    assert_eq!(
        texts(&r, "#vision-purpose table.descriptors td:last-child"),
        ["No shared vision yet.", "Shared vision guides work."]
    );
}

#[test]
fn another_theme_overrides_templates_one_by_one() {
    let hub = Hub::copy(FIXTURE);
    let theme = hub.dir.path().join("themes/plain/templates");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(theme.join("page.html"), "{% extends \"base.html\" %}{% block content %}<h1 class=\"plain\">{{ page.title }}</h1>{% endblock content %}").unwrap();
    hub.edit(
        "hub.yaml",
        "language: en-GB",
        "language: en-GB\ntheme: plain",
    );
    hub.build_ok();
    assert_eq!(texts(&hub.page("about/"), "h1.plain"), ["About"]);
    // Everything else still comes from the default theme.
    assert_eq!(
        texts(&hub.page("case-studies/alpha/"), "main h1"),
        ["Alpha cluster improves diabetes care"]
    );
}
