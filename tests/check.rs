//! `ithub check`, `ithub new` and the content inventory, driven through the real binary.
//!
//! Each fault fixture is the test hub with one thing broken; every one is checked in all three
//! output formats for its message, file, line, column and exit code.

mod common;

use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run `ithub` in the hub's folder (so `content/…` paths read as they would in a repository),
/// with no GitHub or proxy settings leaking in from wherever the tests run.
fn ithub(hub: &Hub, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ithub"));
    cmd.current_dir(hub.dir.path()).args(args);
    for v in [
        "GITHUB_WORKSPACE",
        "GITHUB_STEP_SUMMARY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ] {
        cmd.env_remove(v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn check(hub: &Hub, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--content", "content"];
    args.extend_from_slice(extra);
    ithub(hub, &args, &[])
}

fn json_findings(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

/// GitHub's escaping for workflow-command properties, written out independently of ithub's.
fn gh_property(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// A number of the CHI shape whose check digit is right (`valid`) or wrong, for the first nine
/// digits `stem`. Computed here from the modulus-11 rule, independently of ithub.
fn chi(stem: &str, valid: bool) -> String {
    let d: Vec<u32> = stem.chars().map(|c| c.to_digit(10).unwrap()).collect();
    assert_eq!(d.len(), 9);
    let sum: u32 = d.iter().enumerate().map(|(i, x)| x * (10 - i as u32)).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => panic!("{stem} has no valid check digit"),
        c => c,
    };
    let last = if valid { check } else { (check + 1) % 10 };
    format!("{stem}{last}")
}

struct Fault {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: String,
    line: usize,
    column: usize,
    error: bool,
    message: String,
    help: &'static str,
}

fn faults() -> Vec<Fault> {
    let body_chi = chi("150385123", true);
    let yaml_chi = chi("010190123", true);
    let spaced = format!("{} {}", &yaml_chi[..6], &yaml_chi[6..]);
    vec![
        Fault {
            name: "vocabulary (a build error)",
            file: "case-studies/beta.md",
            from: "board: lothian",
            to: "board: lothain".into(),
            line: 5,
            column: 8,
            error: true,
            message: "`lothain` is not a board".into(),
            help: "did you mean `lothian`?",
        },
        Fault {
            name: "heading jump",
            file: "case-studies/alpha.md",
            from: "## What they did\n",
            to: "## What they did\n\n#### Too deep\n".into(),
            line: 31,
            column: 1,
            error: true,
            message: "heading level skipped: `####` comes after a `##` heading".into(),
            help: "use `###` here",
        },
        Fault {
            name: "body h1",
            file: "pages/about.md",
            from: "About text.",
            to: "# About\n\nAbout text.".into(),
            line: 5,
            column: 1,
            error: true,
            message: "a `#` heading in the body: the page title is already the top heading".into(),
            help: "start body headings at `##`, e.g. `## About`",
        },
        Fault {
            name: "vague link text",
            file: "case-studies/gamma.md",
            from: "Gamma body.",
            to: "Gamma body. See [click here](../zones/data.md).".into(),
            line: 12,
            column: 17,
            error: true,
            message: "link text `click here` does not say where the link goes".into(),
            help: "name the destination instead",
        },
        Fault {
            name: "CHI number in a body",
            file: "pages/about.md",
            from: "About text.",
            to: format!("About text. Patient {body_chi} was seen."),
            line: 5,
            column: 21,
            error: true,
            message:
                "this looks like a CHI number: patient-identifiable data must never be published"
                    .into(),
            help: "remove it: the hub and its repository are public",
        },
        Fault {
            name: "spaced CHI number in front matter",
            file: "case-studies/gamma.md",
            from: "summary: Gamma agreed a vision.",
            to: format!("summary: Gamma agreed a vision for {spaced}."),
            line: 3,
            column: 36,
            error: true,
            message:
                "this looks like a CHI number: patient-identifiable data must never be published"
                    .into(),
            help: "remove it: the hub and its repository are public",
        },
        Fault {
            name: "email in a page",
            file: "pages/about.md",
            from: "About text.",
            to: "About text. Write to jo.bloggs@example.org today.".into(),
            line: 5,
            column: 22,
            error: true,
            message: "an email address outside the `contact` field".into(),
            help: "only a case study's `contact` field may hold one",
        },
        Fault {
            name: "phone number in a zone resource",
            file: "zones/data.md",
            from: "provider: NES",
            to: "provider: NES, 0131 536 1234".into(),
            line: 8,
            column: 20,
            error: true,
            message: "a phone number outside the `contact` field".into(),
            help: "the hub is public: remove it",
        },
        Fault {
            name: "placeholder left in",
            file: "case-studies/gamma.md",
            from: "Gamma body.",
            to: "Gamma body.\n\nFILL IN: what happened.".into(),
            line: 14,
            column: 1,
            error: true,
            message: "placeholder from `ithub new` not yet filled in".into(),
            help: "replace it with your own text",
        },
        Fault {
            name: "past review date",
            file: "case-studies/alpha.md",
            from: "review_by: 2099-01-01",
            to: "review_by: 2001-01-01".into(),
            line: 11,
            column: 12,
            error: false,
            message: "review date 2001-01-01 has passed: this page may be out of date".into(),
            help: "set a new date",
        },
        Fault {
            name: "no owner",
            file: "case-studies/alpha.md",
            from: "owner: Test team\n",
            to: String::new(),
            line: 2,
            column: 1,
            error: false,
            message: "no `owner`: nobody is named to keep this page up to date".into(),
            help: "add the team that looks after it",
        },
    ]
}

#[test]
fn the_test_hub_passes_with_warnings_only() {
    let hub = Hub::copy(FIXTURE);
    let r = check(&hub, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("checked "), "{}", r.stdout);
    assert!(r.stdout.contains("no errors"), "{}", r.stdout);
    assert!(!r.stderr.contains("error:"), "{}", r.stderr);
    // The beta case study's review date passed long ago.
    assert!(
        r.stderr
            .contains("warning: review date 2020-01-01 has passed"),
        "{}",
        r.stderr
    );
    // Nothing is written by a check.
    assert!(!hub.output().exists());

    let strict = check(&hub, &["--deny-warnings"]);
    assert_eq!(strict.code, 1);
    assert!(
        strict.stderr.contains("--deny-warnings"),
        "{}",
        strict.stderr
    );
}

#[test]
fn each_fault_is_reported_in_every_format() {
    for f in faults() {
        let hub = Hub::copy(FIXTURE);
        hub.edit(f.file, f.from, &f.to);
        let path = format!("content/{}", f.file);
        let sev = if f.error { "error" } else { "warning" };
        let want_code = if f.error { 1 } else { 0 };

        let human = check(&hub, &[]);
        assert_eq!(human.code, want_code, "{}: {}", f.name, human.stderr);
        let lines: Vec<&str> = human.stderr.lines().collect();
        let head = format!("{sev}: {}", f.message);
        let loc = format!("--> {path}:{}:{}", f.line, f.column);
        let at = (0..lines.len().saturating_sub(1))
            .find(|&i| lines[i] == head && lines[i + 1].ends_with(&loc))
            .unwrap_or_else(|| panic!("{}: no `{head}` at {loc} in\n{}", f.name, human.stderr));
        let help = lines[at + 2..]
            .iter()
            .find(|l| l.contains("= help: "))
            .unwrap();
        assert!(help.contains(f.help), "{}: {help}", f.name);

        let gh = check(&hub, &["--format", "github"]);
        assert_eq!(gh.code, want_code, "{}", f.name);
        let prefix = format!("::{sev} file={path},line={},col={},", f.line, f.column);
        let ann = gh
            .stdout
            .lines()
            .find(|l| {
                l.starts_with(&prefix)
                    && l.contains(&format!("title={}::", gh_property(&f.message)))
            })
            .unwrap_or_else(|| panic!("{}: no `{prefix}` in\n{}", f.name, gh.stdout));
        let body = ann.split_once("::").unwrap().1.split_once("::").unwrap().1;
        assert!(body.starts_with("how to fix: "), "{}: {ann}", f.name);

        let json = check(&hub, &["--format", "json"]);
        assert_eq!(json.code, want_code, "{}", f.name);
        let all = json_findings(&json.stdout);
        let hits: Vec<&Value> = all
            .iter()
            .filter(|v| v["message"] == f.message.as_str() && v["file"] == path.as_str())
            .collect();
        assert_eq!(hits.len(), 1, "{}: {}", f.name, json.stdout);
        let v = hits[0];
        assert_eq!(v["file"], path.as_str(), "{}", f.name);
        assert_eq!(v["line"], f.line, "{}", f.name);
        assert_eq!(v["column"], f.column, "{}", f.name);
        assert_eq!(v["severity"], sev, "{}", f.name);
        assert!(
            v["help"].as_str().unwrap().contains(f.help),
            "{}: {v}",
            f.name
        );
    }
}

#[test]
fn human_format_shows_the_line_and_a_caret() {
    let hub = Hub::copy(FIXTURE);
    hub.edit(
        "case-studies/gamma.md",
        "Gamma body.",
        "Gamma body. See [click here](../zones/data.md).",
    );
    let r = check(&hub, &[]);
    let lines: Vec<&str> = r.stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("error: link text"))
        .unwrap();
    assert_eq!(lines[at + 1], "  --> content/case-studies/gamma.md:12:17");
    assert_eq!(
        lines[at + 3],
        "12 | Gamma body. See [click here](../zones/data.md)."
    );
    assert_eq!(
        lines[at + 4],
        format!("   | {}{}", " ".repeat(16), "^".repeat(30))
    );
    assert!(r.stderr.contains("error: 1 error(s)"), "{}", r.stderr);
}

#[test]
fn chi_numbers_need_a_real_date_and_check_digit() {
    let hub = Hub::copy(FIXTURE);
    let bad_digit = chi("150385123", false);
    let bad_date = chi("320185124", true);
    let isbn = chi("030640615", true);
    hub.edit(
        "pages/about.md",
        "About text.",
        &format!("About text. Ref {bad_digit}, {bad_date}, ISBN {isbn}, 2019-2020, 2022-03-01."),
    );
    let r = check(&hub, &["--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(!r.stdout.contains("CHI"), "{}", r.stdout);

    let good = chi("150385123", true);
    hub.edit(
        "pages/about.md",
        "2022-03-01.",
        &format!("2022-03-01, {good}."),
    );
    let r = check(&hub, &["--format", "json"]);
    assert_eq!(r.code, 1);
    let chis: Vec<Value> = json_findings(&r.stdout)
        .into_iter()
        .filter(|v| v["message"].as_str().unwrap().contains("CHI"))
        .collect();
    assert_eq!(chis.len(), 1, "{}", r.stdout);
    // The message never repeats the number: CI logs are public too.
    assert!(!r.stdout.contains(&good));
}

#[test]
fn build_never_publishes_a_chi_number() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let before = std::fs::read(hub.output().join("index.html")).unwrap();
    hub.edit(
        "case-studies/alpha.md",
        "They used",
        &format!("Patient {} used", chi("010190123", true)),
    );
    let r = ithub(
        &hub,
        &["build", "--content", "content", "--output", "public"],
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("this looks like a CHI number"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was published"), "{}", r.stderr);
    // The previous site is left exactly as it was.
    assert_eq!(
        std::fs::read(hub.output().join("index.html")).unwrap(),
        before
    );
    let lib = hub.build();
    assert!(!lib.ok());
}

#[test]
fn contact_field_may_hold_an_email_and_phone() {
    let hub = Hub::copy(FIXTURE);
    hub.edit(
        "case-studies/alpha.md",
        "owner: Test team\n",
        "owner: Test team\ncontact: Primary care team, team@example.org, 0131 536 1234\n",
    );
    let r = check(&hub, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Outside it, the same address is an error.
    hub.edit(
        "case-studies/alpha.md",
        "## What they did",
        "## What they did\n\nEmail team@example.org.",
    );
    let r = check(&hub, &["--format", "json"]);
    assert_eq!(r.code, 1);
    let emails: Vec<Value> = json_findings(&r.stdout)
        .into_iter()
        .filter(|v| {
            v["message"]
                .as_str()
                .unwrap()
                .starts_with("an email address")
        })
        .collect();
    assert_eq!(emails.len(), 1, "{}", r.stdout);
    assert_eq!(emails[0]["line"], 32);
    assert!(emails[0]["help"]
        .as_str()
        .unwrap()
        .contains("move it to the `contact:` field"));
}

#[test]
fn github_format_caps_annotations_and_summarises_the_rest() {
    let hub = Hub::copy(FIXTURE);
    // Twelve errors; the test hub already has more than ten warnings (no owners).
    let links: String = (1..=12)
        .map(|i| format!("\n\n[click here](../zones/data.md) {i}"))
        .collect();
    hub.edit(
        "pages/about.md",
        "About text.",
        &format!("About text.{links}"),
    );
    let summary = hub.dir.path().join("summary.md");
    std::fs::write(&summary, "## Earlier step\n").unwrap();
    let r = ithub(
        &hub,
        &["check", "--content", "content", "--format", "github"],
        &[("GITHUB_STEP_SUMMARY", &summary)],
    );
    assert_eq!(r.code, 1);
    let errors = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error "))
        .count();
    let warnings = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("::warning "))
        .count();
    assert_eq!((errors, warnings), (10, 10), "{}", r.stdout);

    let all = json_findings(&check(&hub, &["--format", "json"]).stdout);
    let total_warnings = all.iter().filter(|v| v["severity"] == "warning").count();
    assert!(total_warnings > 10);
    let rest = 2 + total_warnings - 10;

    let s = std::fs::read_to_string(&summary).unwrap();
    assert!(
        s.starts_with("## Earlier step\n"),
        "the summary is appended to: {s}"
    );
    assert!(
        s.contains(&format!("12 error(s), {total_warnings} warning(s).")),
        "{s}"
    );
    assert!(s.contains(&format!("The other {rest}:")), "{s}");
    let rows: Vec<&str> = s
        .lines()
        .filter(|l| l.starts_with("| error |") || l.starts_with("| warning |"))
        .collect();
    assert_eq!(rows.len(), rest, "{s}");
    // The errors past the tenth: links 11 and 12, on lines 27 and 29.
    assert!(rows.contains(&"| error | `content/pages/about.md` | 27:1 | link text `click here` does not say where the link goes | name the destination instead, e.g. `[the Data zone](../zones/data.md)` rather than `[click here](../zones/data.md)` |"), "{s}");
    assert!(rows.iter().any(|r| r.contains("| 29:1 |")), "{s}");
}

#[test]
fn annotations_escape_as_github_requires() {
    let hub = Hub::copy(FIXTURE);
    hub.edit(
        "case-studies/beta.md",
        "board: lothian",
        "board: \"a,b: c%\"",
    );
    let r = check(&hub, &["--format", "github"]);
    assert_eq!(r.code, 1);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("::error file=content/case-studies/beta.md,line=5,col=8,"))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(
        line.contains("title=`a%2Cb%3A c%25` is not a board::"),
        "{line}"
    );
    assert!(
        line.ends_with(
            "::how to fix: use one of the boards listed in hub.yaml: fife, lothian, tayside"
        ),
        "{line}"
    );
}

#[test]
fn json_format_is_one_object_per_line() {
    let hub = Hub::copy(FIXTURE);
    let r = check(&hub, &["--format", "json"]);
    assert_eq!(r.code, 0);
    let all = json_findings(&r.stdout);
    assert!(!all.is_empty());
    for v in &all {
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["column", "file", "help", "line", "message", "severity"],
            "{v}"
        );
    }
    // The verdict goes to stderr so stdout stays machine-readable.
    assert!(r.stderr.starts_with("checked "), "{}", r.stderr);
}

/// Answers `/ok` with 200 and anything else with 404, counting requests.
fn local_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("");
            let status = if path == "/ok" {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    (base, hits)
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let (base, hits) = local_server();
    let hub = Hub::copy(FIXTURE);
    hub.edit(
        "zones/data.md",
        "https://example.com/data",
        &format!("{base}/ok"),
    );
    hub.edit(
        "pages/about.md",
        "About text.",
        &format!("About text. See [the guide]({base}/ok) and [the old guide]({base}/gone)."),
    );
    let r = check(&hub, &["--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "no request without --external"
    );

    let r = check(&hub, &["--format", "json", "--external"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let broken: Vec<Value> = json_findings(&r.stdout)
        .into_iter()
        .filter(|v| v["message"].as_str().unwrap().contains("is broken"))
        .collect();
    assert_eq!(broken.len(), 1, "{}", r.stdout);
    let v = &broken[0];
    assert_eq!(
        v["message"],
        format!("link `{base}/gone` is broken: the site answers 404")
    );
    assert_eq!(v["file"], "content/pages/about.md");
    let column = format!("About text. See [the guide]({base}/ok) and ")
        .chars()
        .count()
        + 1;
    assert_eq!(
        (v["line"].as_u64(), v["column"].as_u64()),
        (Some(5), Some(column as u64))
    );
    assert_eq!(v["severity"], "error");
    // `/ok` appears twice but is fetched once; `/gone` is tried by HEAD then GET.
    assert!(
        hits.load(Ordering::SeqCst) <= 3,
        "{} requests",
        hits.load(Ordering::SeqCst)
    );
}

/// What a person does with `ithub new` output: put real values where the placeholders are.
fn fill_in(text: &str) -> String {
    let quoted = regex::Regex::new(r#""FILL IN: [^"]*""#).unwrap();
    let bare = regex::Regex::new(r"(?m)^FILL IN: .*$").unwrap();
    let t = quoted.replace_all(text, "\"Written by a person.\"");
    let t = bare.replace_all(&t, "Written by a person.");
    t.replace("choose-a-board", "lothian")
        .replace("[choose-a-component]", "[data]")
}

/// Every line holding `FILL IN` gets exactly one placeholder error, and nothing else but
/// `choose-a-…` values is wrong.
fn assert_only_placeholders(hub: &Hub, rel: &str) {
    let r = check(hub, &["--format", "json"]);
    assert_eq!(r.code, 1, "unfilled output must fail the check");
    let text = hub.read(rel);
    let want: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("FILL IN"))
        .map(|(i, _)| i + 1)
        .collect();
    let errors: Vec<Value> = json_findings(&r.stdout)
        .into_iter()
        .filter(|v| v["severity"] == "error" && v["file"] == format!("content/{rel}"))
        .collect();
    let mut got: Vec<usize> = Vec::new();
    for e in &errors {
        assert_eq!(e["file"], format!("content/{rel}"), "{e}");
        let m = e["message"].as_str().unwrap();
        if m == "placeholder from `ithub new` not yet filled in" {
            got.push(e["line"].as_u64().unwrap() as usize);
        } else {
            assert!(m.starts_with("`choose-a-"), "unexpected error {e}");
        }
    }
    assert_eq!(got, want, "{}", r.stdout);
}

#[test]
fn new_case_study_passes_check_once_filled_in() {
    let hub = Hub::copy(FIXTURE);
    let title = "Lothian clusters agree: a mission statement";
    let r = ithub(
        &hub,
        &["new", "case-study", title, "--content", "content"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rel = "case-studies/lothian-clusters-agree-a-mission-statement.md";
    assert_eq!(r.stdout.trim(), format!("content/{rel}"));
    let text = hub.read(rel);
    assert!(
        text.contains("title: \"Lothian clusters agree: a mission statement\""),
        "{text}"
    );
    // Every vocabulary is listed from hub.yaml, partnerships under their board.
    for want in [
        "#   lothian (NHS Lothian), tayside (NHS Tayside), fife (NHS Fife)",
        "#   lothian: west-lothian",
        "#   tayside: angus",
        "data, quality-improvement, leadership",
        "vision-purpose (Vision and purpose)",
        "diabetes (Diabetes)",
        "guide (A guide)",
    ] {
        assert!(text.contains(want), "no `{want}` in\n{text}");
    }

    assert_only_placeholders(&hub, rel);
    let r = check(&hub, &["--format", "json"]);
    for key in [
        "`choose-a-board` is not a board",
        "`choose-a-component` is not a component",
    ] {
        assert!(r.stdout.contains(key), "{}", r.stdout);
    }

    hub.write(rel, &fill_in(&text));
    let r = check(&hub, &["--deny-warnings", "--format", "json"]);
    let mine: Vec<Value> = json_findings(&r.stdout)
        .into_iter()
        .filter(|v| v["file"] == format!("content/{rel}"))
        .collect();
    assert!(mine.is_empty(), "{mine:#?}");
    let r = check(&hub, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // The same title again gets its own file.
    let again = ithub(
        &hub,
        &["new", "case-study", title, "--content", "content"],
        &[],
    );
    assert_eq!(
        again.stdout.trim(),
        "content/case-studies/lothian-clusters-agree-a-mission-statement-2.md"
    );
}

#[test]
fn new_page_and_pack_section_pass_check_once_filled_in() {
    let hub = Hub::copy(FIXTURE);
    let r = ithub(
        &hub,
        &[
            "new",
            "page",
            "Accessibility statement",
            "--content",
            "content",
        ],
        &[],
    );
    assert_eq!(
        r.stdout.trim(),
        "content/pages/accessibility-statement.md",
        "{}",
        r.stderr
    );
    // `search` is an address the hub uses itself.
    let r = ithub(
        &hub,
        &["new", "page", "Search", "--content", "content"],
        &[],
    );
    assert_eq!(r.stdout.trim(), "content/pages/search-2.md", "{}", r.stderr);
    std::fs::remove_file(hub.content().join("pages/search-2.md")).unwrap();

    let r = ithub(
        &hub,
        &[
            "new",
            "pack-section",
            "Meeting your cluster",
            "--content",
            "content",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let section = "induction/pql/03-meeting-your-cluster.md";
    assert_eq!(r.stdout.trim(), format!("content/{section}"));
    assert!(hub
        .read(section)
        .contains("short things a new Practice Quality Lead should do"));
    let r = ithub(
        &hub,
        &[
            "new",
            "pack-section",
            "x",
            "--pack",
            "pqk",
            "--content",
            "content",
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("there is no pack `pqk`") && r.stderr.contains("did you mean `pql`?"),
        "{}",
        r.stderr
    );

    for rel in ["pages/accessibility-statement.md", section] {
        assert_only_placeholders(&hub, rel);
    }
    for rel in ["pages/accessibility-statement.md", section] {
        hub.write(rel, &fill_in(&hub.read(rel)));
    }
    let r = check(&hub, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = ithub(
        &hub,
        &["build", "--content", "content", "--output", "public"],
        &[],
    );
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(hub
        .output()
        .join("accessibility-statement/index.html")
        .is_file());
    assert!(hub
        .output()
        .join("induction/pql/meeting-your-cluster/index.html")
        .is_file());
}

#[test]
fn new_zone_resource_and_basket_topic_add_entries_that_pass_check() {
    let hub = Hub::copy(FIXTURE);
    let r = ithub(
        &hub,
        &["new", "zone-resource", "Run charts", "--content", "content"],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("add `--zone` with one of: data, quality-improvement"),
        "{}",
        r.stderr
    );

    let before = hub.read("zones/data.md");
    let r = ithub(
        &hub,
        &[
            "new",
            "zone-resource",
            "Run charts",
            "--zone",
            "data",
            "--content",
            "content",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), "content/zones/data.md");
    let after = hub.read("zones/data.md");
    assert!(
        after.starts_with(before.split("sources:").next().unwrap()),
        "the existing entries are kept:\n{after}"
    );
    assert!(
        after.contains("  - title: \"Run charts\"\n    kind: guide"),
        "{after}"
    );
    let r = ithub(
        &hub,
        &[
            "new",
            "zone-resource",
            "run charts",
            "--zone",
            "data",
            "--content",
            "content",
        ],
        &[],
    );
    assert_eq!(r.code, 1, "a second resource of the same name is refused");

    let r = ithub(
        &hub,
        &["new", "basket-topic", "Frailty", "--content", "content"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), "content/baskets/topics.md");
    assert!(hub
        .read("baskets/topics.md")
        .contains("  - topic: frailty   # a topic key from hub.yaml:"));
    let r = ithub(
        &hub,
        &["new", "basket-topic", "Frailty", "--content", "content"],
        &[],
    );
    assert_eq!(r.code, 1, "the topic is already there");

    assert_only_placeholders(&hub, "zones/data.md");
    assert_only_placeholders(&hub, "baskets/topics.md");
    for rel in ["zones/data.md", "baskets/topics.md"] {
        hub.write(rel, &fill_in(&hub.read(rel)));
    }
    let r = check(&hub, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn build_writes_the_content_inventory() {
    let hub = Hub::copy(FIXTURE);
    hub.build_ok();
    let text = std::fs::read_to_string(hub.output().join("api/pages.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let items = v["items"].as_array().unwrap();
    assert_eq!(v["count"], items.len());
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    // Six zones, three published case studies (the draft is left out), a pack and its two
    // sections, a basket, a roadmap and a page.
    let count = |k: &str| kinds.iter().filter(|x| **x == k).count();
    assert_eq!(
        [
            count("zone"),
            count("case-study"),
            count("pack"),
            count("pack-section"),
            count("basket"),
            count("roadmap"),
            count("page")
        ],
        [6, 3, 1, 2, 1, 1, 1]
    );
    assert_eq!(items.len(), 15);
    let alpha = items
        .iter()
        .find(|i| i["file"] == "case-studies/alpha.md")
        .unwrap();
    assert_eq!(
        alpha,
        &serde_json::json!({
            "kind": "case-study",
            "title": "Alpha cluster improves diabetes care",
            "url": "https://example.org/case-studies/alpha/",
            "path": "case-studies/alpha/",
            "file": "case-studies/alpha.md",
            "owner": "Test team",
            "board": "lothian",
            "published": "2022-03-01",
            "updated": null,
            "review_by": "2099-01-01",
            "overdue": false,
        })
    );
    let beta = items
        .iter()
        .find(|i| i["file"] == "case-studies/beta.md")
        .unwrap();
    assert_eq!(
        (&beta["review_by"], &beta["overdue"], &beta["owner"]),
        (&Value::from("2020-01-01"), &Value::from(true), &Value::Null)
    );
    let section = items
        .iter()
        .find(|i| i["file"] == "induction/pql/02-time.md")
        .unwrap();
    assert_eq!(section["url"], "https://example.org/induction/pql/time/");
    assert!(items.iter().all(|i| hub
        .output()
        .join(i["path"].as_str().unwrap())
        .join("index.html")
        .is_file()));
}
