//! `ithub serve` for real: the binary on a free loopback port against a copy of the fixture,
//! observed over HTTP and its live-reload event stream while files are edited.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(hub: &Hub) -> Server {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ithub"))
        .args(["serve", "--port", &port.to_string(), "--content"])
        .arg(hub.content())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The first line says where it serves, once the site is built and the port is bound.
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.starts_with("serving http://127.0.0.1:"), "{line}");
    // Keep reading so the server's later lines have somewhere to go.
    std::thread::spawn(move || for _ in out.lines() {});
    Server { child, port }
}

/// A minimal HTTP/1.1 GET: (status, headers, body).
fn get(port: u16, path: &str) -> (u16, String, String) {
    get_with(port, path, "")
}

/// `get` with more request header lines (each ending in `\r\n`).
fn get_with(port: u16, path: &str, headers: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap();
    (status, head.to_lowercase(), body.to_string())
}

/// Event names from the server-sent event stream, delivered as they arrive.
fn events(port: u16) -> mpsc::Receiver<String> {
    events_showing(port, None)
}

/// `events` from a browser showing the page at URL path `page`, as live.js subscribes.
fn events_showing(port: u16, page: Option<&str>) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let query = page.map_or(String::new(), |p| {
        format!("?page={}", p.replace('/', "%2F"))
    });
    write!(
        s,
        "GET /__ithub/events{query} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if let Some(ev) = line.strip_prefix("event: ") {
                if tx.send(ev.to_string()).is_err() {
                    return;
                }
            }
        }
    });
    // Let the subscription reach the server before anything changes.
    std::thread::sleep(Duration::from_millis(300));
    rx
}

fn wait_for(rx: &mpsc::Receiver<String>, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(ev) = rx.recv_timeout(Duration::from_millis(200)) {
            if ev == want {
                return;
            }
        }
    }
    panic!("no `{want}` event");
}

fn h1(body: &str) -> Vec<String> {
    texts(&scraper::Html::parse_document(body), "main h1")
}

#[test]
fn serves_pages_and_reloads_after_an_edit() {
    let hub = Hub::copy(FIXTURE);
    let srv = start(&hub);
    let (status, head, body) = get(srv.port, "/case-studies/alpha/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"));
    assert_eq!(h1(&body), ["Alpha cluster improves diabetes care"]);
    let doc = scraper::Html::parse_document(&body);
    assert_eq!(
        doc.select(&sel("script[src='/__ithub/live.js']")).count(),
        1,
        "live reload script injected"
    );
    let (status, head, _) = get(srv.port, "/__ithub/live.js");
    assert_eq!(status, 200);
    assert!(head.contains("text/javascript"));

    let rx = events(srv.port);
    hub.edit(
        "case-studies/alpha.md",
        "title: Alpha cluster improves diabetes care",
        "title: Alpha cluster, edited",
    );
    wait_for(&rx, "reload");
    assert_eq!(
        h1(&get(srv.port, "/case-studies/alpha/").2),
        ["Alpha cluster, edited"]
    );
    // Lists that show it change too.
    let list = get(srv.port, "/case-studies/board/lothian/").2;
    assert!(texts(
        &scraper::Html::parse_document(&list),
        ".list-main .card-title"
    )
    .contains(&"Alpha cluster, edited".to_string()));

    // A new file appears, a deleted one goes.
    hub.write("case-studies/epsilon.md", "---\ntitle: Epsilon\nsummary: New.\ncluster: E\nboard: fife\nzones: [data]\ncomponents: [data]\npublished: 2024-01-01\n---\nBody.\n");
    wait_for(&rx, "reload");
    assert_eq!(get(srv.port, "/case-studies/epsilon/").0, 200);
    let newest = |port| {
        let list = get(port, "/case-studies/").2;
        texts(
            &scraper::Html::parse_document(&list),
            ".list-main .card-title",
        )
    };
    assert_eq!(
        newest(srv.port).first().map(String::as_str),
        Some("Epsilon")
    );
    assert_eq!(search_urls(srv.port, "epsilon"), ["case-studies/epsilon/"]);
    std::fs::remove_file(hub.content().join("case-studies/epsilon.md")).unwrap();
    wait_for(&rx, "reload");
    assert_eq!(get(srv.port, "/case-studies/epsilon/").0, 404);
    assert!(!newest(srv.port).contains(&"Epsilon".to_string()));
    assert!(search_urls(srv.port, "epsilon").is_empty());
}

/// The URLs `/search?q=` answers with.
fn search_urls(port: u16, q: &str) -> Vec<String> {
    let (status, _, body) = get(port, &format!("/search?q={q}"));
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn broken_content_keeps_the_last_good_site_with_an_overlay() {
    let hub = Hub::copy(FIXTURE);
    let srv = start(&hub);
    let rx = events(srv.port);
    hub.edit("case-studies/beta.md", "board: lothian", "board: lothain");
    wait_for(&rx, "reload");
    let (status, _, body) = get(srv.port, "/case-studies/beta/");
    assert_eq!(status, 200, "still serving");
    assert_eq!(h1(&body), ["Beta cluster on frailty"]);
    let doc = scraper::Html::parse_document(&body);
    let overlay = texts(&doc, "#ithub-errors li");
    assert_eq!(overlay.len(), 1, "{overlay:?}");
    assert!(
        overlay[0].contains("case-studies/beta.md:5:8 `lothain` is not a board"),
        "{overlay:?}"
    );
    assert!(
        overlay[0].contains("Fix: did you mean `lothian`?"),
        "{overlay:?}"
    );
    // The pages' Content-Security-Policy forbids inline styles: the overlay is styled by a
    // stylesheet serve itself serves.
    assert_eq!(
        doc.select(&sel("#ithub-errors [style], #ithub-errors"))
            .filter(|e| e.value().attr("style").is_some())
            .count(),
        0
    );
    let css = doc
        .select(&sel("link[rel=stylesheet][href^='/__ithub/']"))
        .filter_map(|e| e.value().attr("href"))
        .collect::<Vec<_>>();
    assert_eq!(css, ["/__ithub/overlay.css"]);
    let (status, _, sheet) = get(srv.port, css[0]);
    assert_eq!(status, 200);
    assert!(sheet.contains("#ithub-errors"), "{sheet}");
    // Every page shows it, until it is fixed.
    assert_eq!(
        scraper::Html::parse_document(&get(srv.port, "/").2)
            .select(&sel("#ithub-errors"))
            .count(),
        1
    );
    hub.edit("case-studies/beta.md", "board: lothain", "board: lothian");
    wait_for(&rx, "reload");
    assert_eq!(
        scraper::Html::parse_document(&get(srv.port, "/").2)
            .select(&sel("#ithub-errors"))
            .count(),
        0
    );
}

#[test]
fn only_site_files_are_served() {
    let hub = Hub::copy(FIXTURE);
    let srv = start(&hub);
    for bad in [
        "/../hub.yaml",
        "/%2e%2e/content/hub.yaml",
        "/case-studies/%2E%2E/%2E%2E/hub.yaml",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/..%5Chub.yaml",
    ] {
        let (status, _, body) = get(srv.port, bad);
        assert!(status == 400 || status == 404, "{bad}: {status}");
        assert!(!body.contains("base_url"), "{bad} leaked hub.yaml");
    }
    let (status, _, body) = get(srv.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert_eq!(h1(&body), ["Page not found"]);
    // A folder without its slash redirects; it is never listed.
    let (status, head, _) = get(srv.port, "/zones/data");
    assert_eq!(status, 301);
    assert!(head.contains("location: /zones/data/"));
    let (status, head, _) = get(srv.port, "/sitemap.xml");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/xml"));
}

#[test]
fn search_is_answered_by_tantivy() {
    let hub = Hub::copy(FIXTURE);
    let srv = start(&hub);
    let (status, head, body) = get(srv.port, "/search?q=diab&board=lothian");
    assert_eq!(status, 200);
    assert!(head.contains("application/json"));
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let urls: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls.first(), Some(&"case-studies/alpha/"), "{body}");
    assert!(
        urls.iter().all(|u| u.starts_with("case-studies/")),
        "{body}"
    );
    // The static client's files are served too, and by range, as static hosts serve them:
    // the client fetches one term's positions from a position file that way.
    assert_eq!(get(srv.port, "/search/idx/meta.bin").0, 200);
    let (_, head, whole) = get(srv.port, "/robots.txt");
    assert!(head.contains("accept-ranges: bytes"), "{head}");
    let (status, head, part) = get_with(srv.port, "/robots.txt", "Range: bytes=2-6\r\n");
    assert_eq!(status, 206, "{head}");
    assert_eq!(part, whole[2..7]);
    assert!(
        head.contains(&format!("content-range: bytes 2-6/{}", whole.len())),
        "{head}"
    );
    let (status, _, _) = get_with(srv.port, "/search/idx/p0.bin", "Range: bytes=0-9\r\n");
    assert_eq!(status, 206);
    let (status, head, _) = get_with(srv.port, "/robots.txt", "Range: bytes=99999-\r\n");
    assert_eq!(status, 416, "{head}");
}

#[test]
fn an_edit_reaches_search_in_place() {
    let hub = Hub::copy(FIXTURE);
    let srv = start(&hub);
    let rx = events(srv.port);
    let found = |q: &str| search_urls(srv.port, q);
    assert!(found("zanzibarite").is_empty());
    let meta_before = get(srv.port, "/search/idx/meta.bin").2;
    let t = hub.read("case-studies/alpha.md");
    hub.write(
        "case-studies/alpha.md",
        &format!("{t}\nThe practices also audited zanzibarite prescribing.\n"),
    );
    wait_for(&rx, "reload");
    // Asked straight after the reload event, search answers from the edited index: requests
    // wait for the search half of the update rather than see the old one.
    assert_eq!(found("zanzibarite"), ["case-studies/alpha/"]);
    assert_ne!(
        get(srv.port, "/search/idx/meta.bin").2,
        meta_before,
        "the export's token totals follow the edit"
    );
    // The page itself changed, and only through the in-place path's usual pages.
    let body = get(srv.port, "/case-studies/alpha/").2;
    assert!(texts(&scraper::Html::parse_document(&body), "main p")
        .iter()
        .any(|p| p.contains("zanzibarite")));
}

/// Polls `cond` until it holds (or fails after 20 s): for changes that may take more than one
/// rebuild to settle.
fn eventually(what: &str, cond: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what}: never happened");
}

/// The ways editors and tools change files: an atomic save (write a hidden temporary file,
/// rename it over the original), a rename, and a burst of new files written at once.
#[test]
fn atomic_saves_renames_and_bursts_are_followed() {
    let hub = Hub::copy(FIXTURE);
    let srv = start(&hub);
    let rx = events(srv.port);

    let t = hub.read("case-studies/alpha.md").replace(
        "title: Alpha cluster improves diabetes care",
        "title: Saved atomically",
    );
    let tmp = hub.content().join("case-studies/.alpha.md.swp");
    std::fs::write(&tmp, t).unwrap();
    std::fs::rename(&tmp, hub.content().join("case-studies/alpha.md")).unwrap();
    wait_for(&rx, "reload");
    eventually("the atomic save shows", || {
        h1(&get(srv.port, "/case-studies/alpha/").2) == ["Saved atomically"]
    });

    std::fs::rename(
        hub.content().join("case-studies/gamma.md"),
        hub.content().join("case-studies/gamma-renamed.md"),
    )
    .unwrap();
    eventually("the renamed case study moves", || {
        get(srv.port, "/case-studies/gamma/").0 == 404
            && get(srv.port, "/case-studies/gamma-renamed/").0 == 200
    });

    for n in 0..6 {
        hub.write(
            &format!("case-studies/burst-{n}.md"),
            &format!("---\ntitle: Burst {n}\nsummary: One of a burst.\ncluster: B\nboard: fife\nzones: [data]\ncomponents: [data]\npublished: 2023-0{}-01\n---\nBody {n}.\n", n + 1),
        );
    }
    eventually("every file of the burst is served", || {
        (0..6).all(|n| get(srv.port, &format!("/case-studies/burst-{n}/")).0 == 200)
    });
    let list = get(srv.port, "/case-studies/year/2023/").2;
    let titles = texts(
        &scraper::Html::parse_document(&list),
        ".list-main .card-title",
    );
    for n in 0..6 {
        assert!(titles.contains(&format!("Burst {n}")), "{titles:?}");
    }
    assert!(search_urls(srv.port, "burst").len() >= 6);
}

/// The stylesheets a page links.
fn stylesheets(body: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(body);
    doc.select(&sel("link[rel=stylesheet]"))
        .filter_map(|l| l.value().attr("href").map(str::to_string))
        .collect()
}

/// The theme is watched too: a stylesheet edit swaps the stylesheet in open pages without a
/// reload (the `css` event names the new fingerprinted file), and a template edit re-renders
/// every page and reloads them.
#[test]
fn theme_edits_swap_stylesheets_and_re_render_templates() {
    let hub = Hub::copy(FIXTURE);
    let themes = hub.with_themes();
    let srv = start(&hub);
    let rx = events(srv.port);
    let before = stylesheets(&get(srv.port, "/case-studies/alpha/").2);

    let css = themes.join("default/static/style.css");
    let text = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{text}\n.serve-test {{ color: #000; }}\n")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let css_event = loop {
        let ev = rx.recv_timeout(Duration::from_secs(20)).expect("an event");
        assert_ne!(ev, "reload", "a stylesheet edit must not reload the page");
        if ev == "css" || Instant::now() > deadline {
            break ev;
        }
    };
    assert_eq!(css_event, "css");
    let after = stylesheets(&get(srv.port, "/case-studies/alpha/").2);
    assert_eq!(before.len(), after.len());
    let moved: Vec<&String> = after.iter().filter(|h| !before.contains(h)).collect();
    assert_eq!(
        moved.len(),
        1,
        "only style.css moves: {before:?} → {after:?}"
    );
    // Hrefs are relative to the page (`../../assets/style.<hash>.css`).
    let file = moved[0].rsplit_once("assets/").map(|(_, f)| f).unwrap();
    let (status, head, served) = get(srv.port, &format!("/assets/{file}"));
    assert_eq!(status, 200);
    assert!(head.contains("text/css"));
    assert!(served.contains(".serve-test"));

    let base = themes.join("default/templates/base.html");
    let t = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        t.replacen(
            "<footer class=\"site-footer\">",
            "<footer class=\"site-footer\"><p id=\"serve-test\">Template edited</p>",
            1,
        ),
    )
    .unwrap();
    wait_for(&rx, "reload");
    for page in ["/", "/case-studies/alpha/", "/zones/data/"] {
        let body = get(srv.port, page).2;
        assert_eq!(
            texts(&scraper::Html::parse_document(&body), "#serve-test"),
            ["Template edited"],
            "{page}"
        );
    }
}

/// With a list page open, an added case study reloads that page first; every other page it
/// changed, asked for at once, is served as it now is (the request waits for it), never as
/// it was.
#[test]
fn the_page_in_view_reloads_first_and_no_page_is_served_stale() {
    let hub = Hub::copy(FIXTURE);
    let srv = start(&hub);
    let rx = events_showing(srv.port, Some("/case-studies/"));
    hub.write("case-studies/epsilon.md", "---\ntitle: Epsilon\nsummary: New.\ncluster: E\nboard: fife\nzones: [data]\ncomponents: [data]\npublished: 2030-01-01\n---\nBody.\n");
    wait_for(&rx, "reload");
    let titles = |path: &str| {
        let (status, _, body) = get(srv.port, path);
        assert_eq!(status, 200, "{path}");
        texts(
            &scraper::Html::parse_document(&body),
            ".list-main .card-title",
        )
    };
    for path in [
        "/case-studies/",
        "/case-studies/board/fife/",
        "/case-studies/zone/data/",
    ] {
        assert_eq!(
            titles(path).first().map(String::as_str),
            Some("Epsilon"),
            "{path} after the reload"
        );
    }
    assert_eq!(h1(&get(srv.port, "/case-studies/epsilon/").2), ["Epsilon"]);
    assert_eq!(search_urls(srv.port, "epsilon"), ["case-studies/epsilon/"]);
}

/// A template edit renders the page in view first; when another page then fails to render,
/// that early page is taken back with the rest: the last good site is served, with the
/// overlay, never half of the broken theme.
#[test]
fn pages_shown_early_are_taken_back_when_the_rest_fails() {
    let hub = Hub::copy(FIXTURE);
    let themes = hub.with_themes();
    let srv = start(&hub);
    let _rx = events_showing(srv.port, Some("/case-studies/"));
    let doc = |body: &str| scraper::Html::parse_document(body);
    // In one save: case-study pages fail to render, and the list in view (whose template
    // they do not use) changes. Written in this order, a save split in two by the watcher
    // still ends with the list as it was.
    let content_begins = |template: &str, with: &str| {
        let file = themes.join("default/templates").join(template);
        let t = std::fs::read_to_string(&file).unwrap();
        let at = "{% block content %}";
        assert!(t.contains(at), "{template}");
        (file, t.replacen(at, &format!("{at}{with}"), 1))
    };
    let broken = content_begins("case_study.html", "{{ no_such_variable }}");
    let marked = content_begins(
        "case_study_list.html",
        "<p id=\"serve-test\">List edited</p>",
    );
    std::fs::write(&broken.0, broken.1).unwrap();
    std::fs::write(&marked.0, marked.1).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let body = loop {
        let body = get(srv.port, "/case-studies/").2;
        if !texts(&doc(&body), "#ithub-errors h2").is_empty() {
            break body;
        }
        assert!(
            Instant::now() < deadline,
            "the broken template was not reported"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        texts(&doc(&body), "#serve-test").is_empty(),
        "the page rendered early with the broken theme was left up"
    );
}
