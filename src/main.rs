//! `ithub`: parses the command line and dispatches to the library; what each command prints
//! lives in `cli.rs`.

use clap::{Parser, Subcommand};
use ithub::build::BuildOptions;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc, set up by `ithub::allocator::configure` (why: `src/allocator.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ithub",
    version,
    about = "Builds the Improving Together learning hub"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Common {
    /// Folder holding hub.yaml and the content.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Folder holding themes (default: `themes` beside the content folder).
    #[arg(long)]
    themes: Option<PathBuf>,
    /// Include case studies marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        common: Common,
        /// Where to write the site; replaced only when the build succeeds.
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// Publish under this address instead of hub.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Where to write the search index (default: `search-index` beside the content folder).
        #[arg(long)]
        index: Option<PathBuf>,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Check the content for every problem the build would find, and more, without publishing.
    Check {
        #[command(flatten)]
        common: Common,
        /// How to report: rustc-style text, GitHub annotations, or one JSON object per line.
        #[arg(long, value_enum, default_value = "human")]
        format: ithub::check::Format,
        /// Also fetch every web link to see that it still answers (needs the network).
        #[arg(long)]
        external: bool,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Start a new item: writes its file (or entry) with every field explained.
    New {
        /// What to start.
        #[arg(value_enum)]
        kind: ithub::scaffold::Kind,
        /// Its title, in quotes.
        title: String,
        /// Folder holding hub.yaml and the content.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// zone-resource: the zone to add it to (data, quality-improvement, leadership, ...).
        #[arg(long)]
        zone: Option<String>,
        /// pack-section: the pack folder under induction/ (needed when there is more than one).
        #[arg(long)]
        pack: Option<String>,
        /// basket-topic: the basket file under baskets/, without `.md` (needed when there is more than one).
        #[arg(long)]
        basket: Option<String>,
    },
    /// Build the hub into memory, serve it on loopback, and rebuild and reload on every change.
    Serve {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; the default keeps the preview on this machine.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the hub in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Compare two builds: the pages a change adds, changes and removes (for pull-request previews).
    Diff {
        /// The folder the build before the change was written to.
        old: PathBuf,
        /// The folder the build after the change was written to.
        new: PathBuf,
        /// Markdown lists for a pull-request comment, or JSON for other tools.
        #[arg(long, value_enum, default_value = "markdown")]
        format: ithub::diff::Format,
        /// Link each added or changed page under this address (where NEW is published).
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Search the index the last build wrote.
    Search {
        /// What to look for: words, and "phrases in double quotes"; the last word also matches
        /// as the start of a word, and a word the hub does not hold is read as the nearest one
        /// it does.
        query: String,
        /// Content folder, to find `search-index/` beside it.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The index folder (default: `search-index` beside the content folder).
        #[arg(long)]
        index: Option<PathBuf>,
        /// Only this kind of item: case-study, zone, resource, pack-section, basket-topic, roadmap-component, page.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        board: Option<String>,
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        topic: Option<String>,
        #[arg(long)]
        component: Option<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
        /// Search for the words exactly as typed, correcting none.
        #[arg(long)]
        verbatim: bool,
    },
}

fn main() -> ExitCode {
    ithub::allocator::configure();
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            common,
            output,
            base_url,
            index,
            timings,
        } => {
            let mut opts = options(&common, output);
            opts.base_url = base_url;
            opts.index = index;
            ithub::cli::build_site(&opts, timings)
        }
        Command::Serve {
            common,
            port,
            bind,
            open,
        } => {
            let mut build = options(&common, PathBuf::from("public"));
            build.base_url = Some(format!("http://{bind}:{port}/"));
            ithub::serve::run(ithub::serve::ServeOptions {
                build,
                bind,
                port,
                open,
            })
        }
        Command::Search {
            query,
            content,
            index,
            kind,
            board,
            zone,
            topic,
            component,
            limit,
            json,
            verbatim,
        } => {
            let dir =
                index.unwrap_or_else(|| ithub::build::beside_content(&content, "search-index"));
            let filters = [
                ("kind", kind),
                ("board", board),
                ("zone", zone),
                ("topic", topic),
                ("component", component),
            ]
            .into_iter()
            .filter_map(|(f, v)| v.map(|v| (f.to_string(), v)))
            .collect();
            let req = ithub::search::query::Request {
                text: query,
                filters,
                limit,
                verbatim,
            };
            ithub::cli::search(&dir, &req, json)
        }
        Command::Diff {
            old,
            new,
            format,
            base_url,
        } => ithub::cli::diff(&old, &new, format, base_url.as_deref()),
        Command::Check {
            common,
            format,
            external,
            deny_warnings,
        } => {
            let opts = ithub::check::CheckOptions {
                build: options(&common, PathBuf::from("public")),
                external: external.then(ithub::check::ExternalSettings::default),
            };
            ithub::cli::check(&opts, format, deny_warnings)
        }
        Command::New {
            kind,
            title,
            content,
            zone,
            pack,
            basket,
        } => {
            let opts = ithub::scaffold::NewOptions {
                kind,
                title,
                content,
                zone,
                pack,
                basket,
                today: chrono::Local::now().date_naive(),
            };
            ithub::cli::new_item(&opts)
        }
    }
}

fn options(c: &Common, output: PathBuf) -> BuildOptions {
    let mut o = BuildOptions::new(c.content.clone(), output);
    o.drafts = c.drafts;
    o.themes = c.themes.clone();
    o
}
