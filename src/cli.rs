//! What the command line prints: the build's progress bar and verdict, and search results.
//! `main.rs` only parses arguments and calls these.

use crate::build::{build, BuildOptions, BuildReport};
use crate::diagnostics::Severity;
use std::io::IsTerminal;
use std::process::ExitCode;

/// `ithub build`: build, print each stage's time when `timings` is set, then the diagnostics
/// and the verdict.
pub fn build_site(opts: &BuildOptions, timings: bool) -> ExitCode {
    let report = run_with_progress(opts);
    if timings {
        for (stage, d) in &report.stages {
            eprintln!("{:>9.1} ms  {stage}", d.as_secs_f64() * 1000.0);
        }
    }
    finish(&report, |r| {
        format!(
            "built {} pages in {:.2} s",
            r.pages,
            r.elapsed.as_secs_f64()
        )
    })
}

/// `ithub new`: write the new file (or entry), print its path and any notes about it.
pub fn new_item(opts: &crate::scaffold::NewOptions) -> ExitCode {
    match crate::scaffold::new_item(opts) {
        Ok(created) => {
            println!("{}", created.path.display());
            for n in &created.notes {
                eprintln!("note: {n}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `ithub check`: run every check and print the findings in `format`; fails on errors, or on
/// warnings too with `deny_warnings`.
pub fn check(
    opts: &crate::check::CheckOptions,
    format: crate::check::Format,
    deny_warnings: bool,
) -> ExitCode {
    if crate::check::run_cli(opts, format, deny_warnings) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Build with a progress bar on a terminal, for builds long enough to want one.
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

/// Print the diagnostics and the verdict; the exit code says whether the build failed.
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

/// Run `req` on the index in `dir` and print the results, as text or JSON.
pub fn search(dir: &std::path::Path, req: &crate::search::query::Request, json: bool) -> ExitCode {
    let index = match tantivy::Index::open_in_dir(dir) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: no search index in {}: {e}\n  = help: run `ithub build` first, or pass `--index DIR`", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let results = match crate::search::query::run(&index, req) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: search failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&results).unwrap_or_default()
        );
        return ExitCode::SUCCESS;
    }
    if let Some(corrected) = &results.corrected {
        println!(
            "Showing results for \"{}\"; search instead for \"{}\" with --verbatim\n",
            corrected.trim(),
            req.text.trim()
        );
    }
    let hits = results.hits;
    if hits.is_empty() {
        println!("no results for \"{}\"", req.text);
    }
    let bold = std::io::stdout().is_terminal();
    for (i, h) in hits.iter().enumerate() {
        let snippet = h
            .snippet
            .replace("<mark>", if bold { "\x1b[1m" } else { "[" })
            .replace("</mark>", if bold { "\x1b[0m" } else { "]" });
        let snippet = crate::escape::unescape(&snippet);
        println!(
            "{}. {} ({}, score {:.3})\n   {}\n   {}",
            i + 1,
            h.title,
            h.kind,
            h.score,
            h.url,
            snippet.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        if let Some(s) = &h.section {
            println!(
                "   Section: {}\n     {}\n     {}",
                s.heading, s.url, s.snippet
            );
        }
        println!();
    }
    ExitCode::SUCCESS
}

/// Print the pages two builds differ by, as Markdown or JSON.
pub fn diff(
    old: &std::path::Path,
    new: &std::path::Path,
    format: crate::diff::Format,
    base_url: Option<&str>,
) -> ExitCode {
    match crate::diff::diff(old, new, base_url) {
        Ok(d) => {
            match format {
                crate::diff::Format::Markdown => print!("{}", d.markdown()),
                crate::diff::Format::Json => {
                    println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default())
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}\n  = help: pass two folders that `ithub build --output` wrote");
            ExitCode::FAILURE
        }
    }
}
