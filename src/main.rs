use clap::{Parser, Subcommand};
use ithub::build::{build, BuildOptions, BuildReport};
use ithub::diagnostics::Severity;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

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
    },
    /// Check the content for every problem the build would find, without publishing.
    Check {
        #[command(flatten)]
        common: Common,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            common,
            output,
            base_url,
        } => {
            let mut opts = options(&common, output);
            opts.base_url = base_url;
            let report = run_with_progress(&opts);
            finish(&report, |r| {
                format!(
                    "built {} pages in {:.2} s",
                    r.pages,
                    r.elapsed.as_secs_f64()
                )
            })
        }
        Command::Check { common } => {
            let mut opts = options(&common, PathBuf::from("public"));
            opts.write = false;
            let report = build(&opts, &|_| {}, &|| {});
            finish(&report, |r| {
                format!(
                    "checked {} pages in {:.2} s: no errors",
                    r.pages,
                    r.elapsed.as_secs_f64()
                )
            })
        }
    }
}

fn options(c: &Common, output: PathBuf) -> BuildOptions {
    let mut o = BuildOptions::new(c.content.clone(), output);
    o.drafts = c.drafts;
    o.themes = c.themes.clone();
    o
}

/// A progress bar on a terminal, for builds long enough to want one.
fn run_with_progress(opts: &BuildOptions) -> BuildReport {
    let bar = indicatif::ProgressBar::hidden();
    let on_total = |n: usize| {
        if std::io::stderr().is_terminal() && n > 2_000 {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(n as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
        }
    };
    let on_page = || bar.inc(1);
    let r = build(opts, &on_total, &on_page);
    bar.finish_and_clear();
    r
}

fn finish(report: &BuildReport, summary: impl Fn(&BuildReport) -> String) -> ExitCode {
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = report.diagnostics.len() - errors;
    if errors > 0 {
        eprintln!("error: {errors} error(s), {warnings} warning(s); nothing was published");
        ExitCode::FAILURE
    } else {
        if warnings > 0 {
            eprintln!("{warnings} warning(s)");
        }
        println!("{}", summary(report));
        ExitCode::SUCCESS
    }
}
