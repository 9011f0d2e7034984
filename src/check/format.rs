//! The three ways `check` reports: rustc-style text for people, workflow commands that GitHub
//! turns into annotations on the pull request, and JSON lines for other tools.

use crate::build::BuildReport;
use crate::diagnostics::{Diagnostic, Severity};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How `ithub check` reports what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// rustc-style text for people, each finding with its source line and a caret under it.
    #[default]
    Human,
    /// GitHub workflow commands: the first ten errors and ten warnings become annotations on the
    /// pull request, and the rest are tabled in the step summary.
    Github,
    /// One JSON object per finding, a line each, for other tools.
    Json,
}

/// GitHub shows at most this many annotations of each kind from one step; more are dropped
/// silently, so the rest go to the step summary instead.
pub(crate) const ANNOTATIONS_PER_KIND: usize = 10;

/// Where file paths in annotations are made relative to (the repository root).
#[derive(Debug, Clone, Default)]
pub(crate) struct Env {
    /// `$GITHUB_WORKSPACE`, else the working folder.
    pub root: Option<PathBuf>,
}

/// What to print, and whether the run failed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Output {
    pub stdout: String,
    pub stderr: String,
    /// Markdown for `$GITHUB_STEP_SUMMARY` (github format only).
    pub summary: Option<String>,
    pub failed: bool,
}

pub(crate) fn render(
    report: &BuildReport,
    format: Format,
    deny_warnings: bool,
    env: &Env,
) -> Output {
    let ds = &report.diagnostics;
    let errors = ds.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = ds.len() - errors;
    let failed = errors > 0 || (deny_warnings && warnings > 0);
    let verdict = verdict(errors, warnings, deny_warnings, report);
    let mut out = Output {
        failed,
        ..Output::default()
    };
    match format {
        Format::Human => {
            for d in ds {
                let _ = writeln!(out.stderr, "{d}");
            }
            if failed {
                out.stderr.push_str(&verdict);
            } else {
                out.stdout.push_str(&verdict);
            }
        }
        Format::Json => {
            for d in ds {
                out.stdout.push_str(&json_line(d));
                out.stdout.push('\n');
            }
            out.stderr.push_str(&verdict);
        }
        Format::Github => {
            let (shown, rest) = split_for_annotations(ds);
            for d in &shown {
                out.stdout.push_str(&annotation(d, env));
                out.stdout.push('\n');
            }
            out.stdout.push_str(&verdict);
            out.summary = Some(step_summary(errors, warnings, &rest, env));
        }
    }
    out
}

fn verdict(errors: usize, warnings: usize, deny_warnings: bool, report: &BuildReport) -> String {
    if errors > 0 {
        format!("error: {errors} error(s), {warnings} warning(s); fix the errors before this can be published\n")
    } else if deny_warnings && warnings > 0 {
        format!("error: {warnings} warning(s), and --deny-warnings makes them fail the check\n")
    } else {
        let w = if warnings > 0 {
            format!(", {warnings} warning(s)")
        } else {
            String::new()
        };
        format!(
            "checked {} pages in {:.2} s: no errors{w}\n",
            report.pages,
            report.elapsed.as_secs_f64()
        )
    }
}

/// The first ten errors and first ten warnings, and everything else.
fn split_for_annotations(ds: &[Diagnostic]) -> (Vec<&Diagnostic>, Vec<&Diagnostic>) {
    let (mut errors, mut warnings) = (0, 0);
    ds.iter().partition(|d| {
        let n = if d.severity == Severity::Error {
            &mut errors
        } else {
            &mut warnings
        };
        *n += 1;
        *n <= ANNOTATIONS_PER_KIND
    })
}

/// `::error file=…,line=…,col=…,endColumn=…,title=…::…`: the problem as the title, the fix as
/// the message, so the pull request shows both beside the line.
pub(crate) fn annotation(d: &Diagnostic, env: &Env) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = format!(
        "file={},line={},col={}",
        escape_property(&repo_path(&d.file, env)),
        d.line,
        d.column
    );
    if d.source_line.is_some() && d.width > 1 {
        let _ = write!(props, ",endColumn={}", d.column + d.width);
    }
    let _ = write!(props, ",title={}", escape_property(&d.message));
    let body = d
        .help
        .as_deref()
        .map_or(d.message.clone(), |h| format!("how to fix: {h}"));
    format!("::{kind} {props}::{}", escape_data(&body))
}

/// Workflow-command escaping for the message part.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command escaping for property values, where `:` and `,` are separators.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `file` relative to the repository root, with `/`, as GitHub matches it against the diff.
/// The root is the git work tree holding the file (the content folder may be given as any
/// absolute or relative path), else `env.root`; a file outside both keeps its full path.
pub(crate) fn repo_path(file: &Path, env: &Env) -> String {
    let real = std::fs::canonicalize(file).ok();
    let roots = [
        real.as_deref().and_then(git_root),
        env.root
            .as_deref()
            .and_then(|r| std::fs::canonicalize(r).ok()),
        env.root.clone(),
    ];
    let rel = roots
        .iter()
        .flatten()
        .find_map(|root| {
            real.as_deref()
                .and_then(|f| f.strip_prefix(root).ok())
                .or_else(|| file.strip_prefix(root).ok())
        })
        .unwrap_or(file);
    let parts: Vec<_> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(p) => Some(p.to_string_lossy()),
            std::path::Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect();
    let joined = parts.join("/");
    if rel.has_root() {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The nearest folder above `file` holding `.git` (a folder, or a file in a worktree).
fn git_root(file: &Path) -> Option<std::path::PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

fn step_summary(errors: usize, warnings: usize, rest: &[&Diagnostic], env: &Env) -> String {
    let mut s = format!("### ithub check\n\n{errors} error(s), {warnings} warning(s).\n");
    if rest.is_empty() {
        return s;
    }
    let _ = write!(
        s,
        "\nThe first {ANNOTATIONS_PER_KIND} errors and {ANNOTATIONS_PER_KIND} warnings are shown beside the lines they are about. The other {}:\n\n",
        rest.len()
    );
    s.push_str("| | file | line | problem | how to fix |\n| --- | --- | --- | --- | --- |\n");
    for d in rest {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            s,
            "| {kind} | `{}` | {}:{} | {} | {} |",
            cell(&repo_path(&d.file, env)),
            d.line,
            d.column,
            cell(&d.message),
            cell(d.help.as_deref().unwrap_or(""))
        );
    }
    s
}

/// A table cell must stay on one line and not end early at a `|`.
fn cell(s: &str) -> String {
    s.replace(['\r', '\n'], " ").replace('|', "\\|")
}

/// One finding as a JSON object on one line.
pub(crate) fn json_line(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    serde_json::json!({
        "file": d.file.to_string_lossy().replace('\\', "/"),
        "line": d.line,
        "column": d.column,
        "severity": severity,
        "message": d.message,
        "help": d.help,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pos;

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a: b, c%"), "a%3A b%2C c%25");
    }

    #[test]
    fn annotation_carries_position_title_and_fix() {
        let d = Diagnostic::error(
            Path::new("/repo/content/x.md"),
            Pos::new(5, 8),
            "`a, b: c` is not a board",
        )
        .excerpt("\n\n\n\nboard: lothain\n", 7)
        .help("did you mean `lothian`?\nor another");
        let env = Env {
            root: Some(PathBuf::from("/repo")),
        };
        assert_eq!(
            annotation(&d, &env),
            "::error file=content/x.md,line=5,col=8,endColumn=15,title=`a%2C b%3A c` is not a board::how to fix: did you mean `lothian`?%0Aor another"
        );
        assert_eq!(
            repo_path(Path::new("./content/x.md"), &Env::default()),
            "content/x.md"
        );
    }

    #[test]
    fn paths_outside_every_root_keep_one_leading_slash() {
        let env = Env {
            root: Some(PathBuf::from("/elsewhere")),
        };
        assert_eq!(
            repo_path(Path::new("/no/such/hub/content/x.md"), &env),
            "/no/such/hub/content/x.md"
        );
    }

    #[test]
    fn paths_are_relative_to_the_git_root_above_the_file() {
        let repo = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(repo.path().join(".git")).unwrap();
        std::fs::create_dir_all(repo.path().join("site/content")).unwrap();
        let file = repo.path().join("site/content/x.md");
        std::fs::write(&file, "x").unwrap();
        let env = Env {
            root: Some(PathBuf::from("/elsewhere")),
        };
        assert_eq!(repo_path(&file, &env), "site/content/x.md");
    }
}
