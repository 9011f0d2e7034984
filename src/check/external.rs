//! `--external`: every `http(s)` link in the hub, fetched to see that it still answers.
//!
//! Opt-in only: it needs the network and other sites' goodwill, so CI never runs it by default.
//! Each address is fetched once however often it appears, several at a time, each request
//! bounded by a timeout and retried when the failure may be passing (timeouts, 429, 5xx).

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Pos};
use crate::source::spans::SpanIndex;
use crate::source::{pos_of_offset, SourceFile};
use crate::unpoisoned::Unpoisoned;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// How `--external` fetches web links. The default: a 15 s timeout, 2 retries, 8 requests at
/// a time and 500 ms before the first retry.
#[derive(Debug, Clone)]
pub struct Settings {
    /// For one request, connection to last byte.
    pub timeout: Duration,
    /// Further tries after a failure that may pass.
    pub retries: u32,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Wait before the first retry; doubled for each one after.
    pub backoff: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            timeout: Duration::from_secs(15),
            retries: 2,
            concurrency: 8,
            backoff: Duration::from_millis(500),
        }
    }
}

/// Where a link appears, to report it there.
struct Place<'a> {
    src: &'a SourceFile,
    pos: Pos,
    width: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Ok,
    /// The site says the page is not there (404, 410).
    Broken(u16),
    /// Could not tell: the site did not answer, refused, or failed.
    Unreachable(String),
}

pub(crate) fn check(content: &Content, settings: &Settings, diags: &Diagnostics) {
    let links = collect(content);
    let urls: Vec<&str> = links.keys().map(String::as_str).collect();
    let outcomes = fetch_all(&urls, settings);
    for (url, outcome) in urls.iter().zip(outcomes) {
        for p in &links[*url] {
            let d = match &outcome {
                Outcome::Ok => continue,
                Outcome::Broken(status) => p
                    .src
                    .error(p.pos, p.width, format!("link `{url}` is broken: the site answers {status}"))
                    .help("fix the address or remove the link; if the page has moved, link to where it is now"),
                Outcome::Unreachable(why) => p
                    .src
                    .warning(p.pos, p.width, format!("could not check link `{url}`: {why}"))
                    .help("open it in a browser; if it works there, the site may be down for a while or block automated checks"),
            };
            diags.push(d);
        }
    }
}

fn collect(content: &Content) -> BTreeMap<String, Vec<Place<'_>>> {
    let mut links: BTreeMap<String, Vec<Place<'_>>> = BTreeMap::new();
    for item in content.items().into_iter().map(super::Target::from) {
        for l in super::body::scan(item.body()).links {
            let pos = pos_of_offset(&item.src.text, item.body_offset + l.range.start);
            let width = item.body()[l.range.clone()].chars().count();
            add(
                &mut links,
                &l.dest,
                Place {
                    src: item.src,
                    pos,
                    width,
                },
            );
        }
    }
    for z in &content.zones {
        for (i, r) in z.meta.resources.iter().enumerate() {
            from_yaml(
                &mut links,
                &z.src,
                &z.spans,
                &format!("resources[{i}].url"),
                &r.url,
            );
        }
    }
    for b in &content.baskets {
        for (i, t) in b.meta.topics.iter().enumerate() {
            for (j, r) in t.resources.iter().enumerate() {
                let path = format!("topics[{i}].resources[{j}].url");
                from_yaml(&mut links, &b.src, &b.spans, &path, &r.url);
            }
        }
    }
    for (i, s) in content.config.sources.iter().enumerate() {
        let path = format!("sources[{i}].url");
        from_yaml(
            &mut links,
            &content.config_src,
            &content.config_spans,
            &path,
            &s.url,
        );
    }
    links
}

fn add<'a>(links: &mut BTreeMap<String, Vec<Place<'a>>>, url: &str, place: Place<'a>) {
    if is_web(url) {
        links.entry(url.trim().to_string()).or_default().push(place);
    }
}

fn from_yaml<'a>(
    links: &mut BTreeMap<String, Vec<Place<'a>>>,
    src: &'a SourceFile,
    spans: &SpanIndex,
    path: &str,
    url: &Option<String>,
) {
    if let Some(u) = url {
        let s = spans.value(path);
        add(
            links,
            u,
            Place {
                src,
                pos: s.pos,
                width: s.width,
            },
        );
    }
}

fn is_web(url: &str) -> bool {
    let l = url.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Fetch each address on a few threads; results come back in the order given.
pub(crate) fn fetch_all(urls: &[&str], settings: &Settings) -> Vec<Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(settings.timeout))
        .max_redirects(10)
        .user_agent(concat!("ithub-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; urls.len()]);
    let workers = settings.concurrency.clamp(1, urls.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let o = fetch(&agent, url, settings);
                results.lock().unpoisoned()[i] = Some(o);
            });
        }
    });
    results
        .into_inner()
        .unpoisoned()
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Outcome::Unreachable("not checked".into())))
        .collect()
}

fn fetch(agent: &ureq::Agent, url: &str, settings: &Settings) -> Outcome {
    let mut last = Outcome::Unreachable("not checked".into());
    for attempt in 0..=settings.retries {
        if attempt > 0 {
            std::thread::sleep(settings.backoff * 2u32.saturating_pow(attempt - 1));
        }
        // HEAD is cheap, but some servers refuse or mishandle it: ask again with GET.
        let status = match agent.head(url).call() {
            Ok(r) if r.status().as_u16() < 400 => return Outcome::Ok,
            Ok(_) | Err(_) => match agent.get(url).call() {
                Ok(r) => r.status().as_u16(),
                Err(e) => {
                    last = Outcome::Unreachable(e.to_string());
                    continue;
                }
            },
        };
        last = match status {
            s if s < 400 => return Outcome::Ok,
            404 | 410 => return Outcome::Broken(status),
            429 | 500..=599 => Outcome::Unreachable(format!("the site answers {status}")),
            s => return Outcome::Unreachable(format!("the site answers {s}")),
        };
    }
    last
}
