//! The HTTP side of `serve`: the site from memory, `/search` answered by tantivy, and the
//! live-reload event stream.

use super::range::Asked;
use super::state::{Change, Live, Snapshot};
use crate::search::query::{self, Request};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

pub const EVENTS: &str = "/__ithub/events";
pub const LIVE_JS: &str = "/__ithub/live.js";
/// The error overlay's stylesheet (pages forbid inline styles).
pub const OVERLAY_CSS: &str = "/__ithub/overlay.css";

pub fn router(live: Arc<Live>) -> Router {
    Router::new()
        .route(EVENTS, get(events))
        .route(
            LIVE_JS,
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    include_str!("live.js"),
                )
            }),
        )
        .route(
            OVERLAY_CSS,
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                    include_str!("overlay.css"),
                )
            }),
        )
        .route("/search", get(search))
        .fallback(get(file))
        .with_state(live)
}

/// The live-reload stream. `?page=` names the page the browser shows (its URL path): while
/// the stream is open, an edit renders that page first (`Live::open_pages`).
async fn events(
    State(live): State<Arc<Live>>,
    Query(q): Query<HashMap<String, String>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let open = q
        .get("page")
        .and_then(|p| site_path(p))
        .map(|rel| live.open_page(page_of(&rel).to_string()));
    let stream = BroadcastStream::new(live.subscribe()).filter_map(move |msg| {
        let _open = &open;
        let (version, change) = msg.ok()?;
        Some(Ok(match change {
            Change::Reload => Event::default().event("reload").data(version.to_string()),
            Change::Css(assets) => Event::default()
                .event("css")
                .data(serde_json::json!({"version": version, "assets": assets}).to_string()),
        }))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The page a site path shows, as `routes` spells pages: `zones/index.html` is `zones/`.
fn page_of(rel: &str) -> &str {
    match rel.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => dir,
        _ => rel,
    }
}

/// `/search?q=…[&kind=…&board=…&zone=…&topic=…&component=…&limit=…]`, answered by tantivy.
async fn search(
    State(live): State<Arc<Live>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(q) = params.get("q") else {
        return (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, "/search/")],
        )
            .into_response();
    };
    let snap = live.settled().await;
    let Some(index) = snap.index.as_ref() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "the site has not built yet",
        )
            .into_response();
    };
    let filters = crate::search::FACETS
        .iter()
        .filter_map(|f| {
            params
                .get(*f)
                .filter(|v| !v.is_empty())
                .map(|v| (f.to_string(), v.clone()))
        })
        .collect::<Vec<_>>();
    let limit = params
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(10usize)
        .clamp(1, 100);
    let req = Request {
        text: q.clone(),
        filters,
        limit,
        verbatim: params.get("verbatim").is_some_and(|v| v == "1"),
    };
    match query::run(index, &req) {
        Ok(r) => {
            let body = serde_json::json!({
                "query": q,
                "total": r.total,
                "results": r.hits,
                "corrected": r.corrected,
                "corrections": r.corrections,
            })
            .to_string();
            ([(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("search failed: {e}"),
        )
            .into_response(),
    }
}

/// Percent-decoded site path for a request, or `None` if it tries to leave the site.
pub fn site_path(uri_path: &str) -> Option<String> {
    let bytes = uri_path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    let rel = path.strip_prefix('/')?;
    if rel.contains('\\')
        || rel.contains('\0')
        || rel.starts_with('/')
        || rel.split('/').any(|s| s == ".." || s == ".")
    {
        return None;
    }
    Some(rel.to_string())
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

async fn file(State(live): State<Arc<Live>>, uri: Uri, headers: HeaderMap) -> Response {
    let Some(rel) = site_path(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    let key = crate::routes::file_of(&rel);
    let mut snap = if crate::patch::follows_pages(&rel) {
        live.settled().await
    } else {
        live.current()
    };
    if snap.waits_for_pages(&key) {
        snap = live.pages_settled().await;
    }
    if let Some(bytes) = snap.files.get(&key) {
        let asked = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
        return match super::range::asked(asked, bytes.len()) {
            Asked::Part(r) if !content_type(&key).starts_with("text/html") => {
                let mut res = respond(&snap, &key, &bytes[r.clone()], StatusCode::PARTIAL_CONTENT);
                let whole = format!("bytes {}-{}/{}", r.start, r.end - 1, bytes.len());
                if let Ok(v) = HeaderValue::from_str(&whole) {
                    res.headers_mut().insert(header::CONTENT_RANGE, v);
                }
                res
            }
            Asked::Unsatisfiable => {
                let whole = format!("bytes */{}", bytes.len());
                let mut res = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
                if let Ok(v) = HeaderValue::from_str(&whole) {
                    res.headers_mut().insert(header::CONTENT_RANGE, v);
                }
                res
            }
            _ => respond(&snap, &key, bytes, StatusCode::OK),
        };
    }
    // `/zones/data` → `/zones/data/`, as static hosts do; never a directory listing.
    if snap
        .files
        .contains_key(&crate::routes::file_of(&format!("{rel}/")))
    {
        let to = format!("{}/", uri.path());
        return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response();
    }
    match snap.files.get(crate::routes::NOT_FOUND) {
        Some(b) => respond(&snap, crate::routes::NOT_FOUND, b, StatusCode::NOT_FOUND),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn respond(snap: &Snapshot, key: &str, bytes: &[u8], status: StatusCode) -> Response {
    let ct = content_type(key);
    let body = if ct.starts_with("text/html") {
        inject(snap, bytes)
    } else {
        bytes.to_vec()
    };
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r.headers_mut()
        .insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    r
}

/// Add the live-reload script, and the error overlay while the content is broken.
fn inject(snap: &Snapshot, html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if snap.has_errors() {
        extra.push_str(&overlay(snap));
    }
    extra.push_str(&format!("<script src=\"{LIVE_JS}\" defer></script>"));
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn overlay(snap: &Snapshot) -> String {
    let esc = crate::escape::escape;
    let mut items = String::new();
    for d in snap
        .errors
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .take(50)
    {
        items.push_str(&format!(
            "<li><code>{}:{}:{}</code> {}{}</li>",
            esc(&d.file.display().to_string()),
            d.line,
            d.column,
            esc(&d.message),
            d.help
                .as_deref()
                .map(|h| format!("<br><em>Fix: {}</em>", esc(h)))
                .unwrap_or_default()
        ));
    }
    format!(
        "<link rel=\"stylesheet\" href=\"{OVERLAY_CSS}\"><div id=\"ithub-errors\" role=\"alert\"><h2>The content has errors: showing the last version that built</h2><ul>{items}</ul></div>"
    )
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn refuses_paths_that_leave_the_site() {
        assert_eq!(site_path("/zones/data/").as_deref(), Some("zones/data/"));
        assert_eq!(site_path("/a%20b.png").as_deref(), Some("a b.png"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/x/%2E%2E/%2E%2E/y",
            "//etc/passwd",
            "/%2Fetc%2Fpasswd",
            "/a%5C..%5Cb",
            "/x/./y",
            "/%00",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }
}
