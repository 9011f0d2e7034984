//! `ithub serve`: build the hub into memory, serve it over HTTP on loopback, watch the content
//! and theme, rebuild on every change and tell the browser to reload.
//!
//! The pieces: `state` (the site being served and the reload channel), `session` (turning a
//! batch of file changes into a new state, in place when it can), `rebuild` (reporting it),
//! `watch` (notify, debounced), `http` (axum routes: the site, `/search` answered by tantivy,
//! the live-reload event stream).

/// `println!` that ignores a closed stdout: a preview server must not die because the
/// terminal that started it went away.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}
macro_rules! esay {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

mod http;
mod range;
mod rebuild;
pub mod session;
mod state;
mod watch;

use crate::build::BuildOptions;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

/// What `ithub serve` builds and where it listens.
pub struct ServeOptions {
    /// The build to serve. It is built into memory, so `output`, `index` and `write` are unused.
    pub build: BuildOptions,
    /// The address to listen on.
    pub bind: std::net::IpAddr,
    /// The port to listen on; when it is taken, `run` fails and suggests the next one.
    pub port: u16,
    /// Open the hub in a browser (`xdg-open`, else `open`) once it is served.
    pub open: bool,
}

/// Build the hub into memory, serve it over HTTP and rebuild on every change until Ctrl+C.
/// Content errors are reported, not fatal; the exit code is a failure only when the server
/// cannot start or stops with an error.
pub fn run(opts: ServeOptions) -> ExitCode {
    let started = std::time::Instant::now();
    let live = Arc::new(state::Live::new());
    let (session, first) = session::Session::start(opts.build.clone());
    let ok = first
        .errors
        .iter()
        .all(|d| d.severity != crate::diagnostics::Severity::Error);
    rebuild::report(&first.errors);
    live.publish(first, state::Change::Reload);
    let addr = SocketAddr::new(opts.bind, opts.port);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            esay!("error: cannot start the server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match rt.block_on(tokio::net::TcpListener::bind(addr)) {
        Ok(l) => l,
        Err(e) => {
            esay!("error: cannot listen on {addr}: {e}\n  = help: another program may be using the port; try `--port {}`", opts.port.wrapping_add(1));
            return ExitCode::FAILURE;
        }
    };
    let url = format!("http://{}/", listener.local_addr().unwrap_or(addr));
    say!(
        "{} {url} ({} in {:.2} s; watching for changes, Ctrl+C to stop)",
        if ok {
            "serving"
        } else {
            "serving (with errors)"
        },
        live.current().pages_label(),
        started.elapsed().as_secs_f64()
    );
    if opts.open {
        open_browser(&url);
    }
    let _watcher = match watch::start(&opts.build, live.clone(), session) {
        Ok(w) => w,
        Err(e) => {
            esay!("error: cannot watch for changes: {e}");
            return ExitCode::FAILURE;
        }
    };
    let app = http::router(live);
    let served = rt.block_on(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            esay!("error: server stopped: {e}");
            ExitCode::FAILURE
        }
    }
}

fn open_browser(url: &str) {
    for cmd in ["xdg-open", "open"] {
        if std::process::Command::new(cmd).arg(url).spawn().is_ok() {
            return;
        }
    }
    esay!("could not open a browser; visit {url}");
}
