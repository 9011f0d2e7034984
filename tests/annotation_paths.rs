//! `check --format github` names files relative to the repository root, however the content
//! folder was given, so GitHub places each annotation on the changed line.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn check_github(content: &Path, cwd: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_ithub"))
        .args(["check", "--format", "github", "--content"])
        .arg(content)
        .current_dir(cwd)
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the check must fail on the bad board"
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The `file=` of the annotation about the misspelt board.
fn annotated_file(stdout: &str) -> &str {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("::error ") && l.contains("lothain"))
        .unwrap_or_else(|| panic!("no annotation for the bad board:\n{stdout}"));
    let props = line.strip_prefix("::error ").unwrap();
    props
        .split(',')
        .find_map(|p| p.strip_prefix("file="))
        .unwrap()
}

fn bad_hub(under: &Path) -> std::path::PathBuf {
    let content = under.join("content");
    copy_dir(Path::new(FIXTURE), &content);
    let beta = content.join("case-studies/beta.md");
    let text = std::fs::read_to_string(&beta).unwrap();
    std::fs::write(&beta, text.replacen("board: lothian", "board: lothain", 1)).unwrap();
    content
}

#[test]
fn absolute_content_path_is_made_relative_to_the_git_root() {
    let repo = tempfile::tempdir().unwrap();
    let git = Command::new("git")
        .args(["init", "--quiet"])
        .arg(repo.path())
        .status()
        .unwrap();
    assert!(git.success());
    let content = bad_hub(&repo.path().join("hub"));
    let elsewhere = tempfile::tempdir().unwrap();
    let abs = content.canonicalize().unwrap();
    assert!(abs.is_absolute());
    let out = check_github(&abs, elsewhere.path());
    assert_eq!(annotated_file(&out), "hub/content/case-studies/beta.md");
    assert!(!out.contains("file=/"), "{out}");
    // The same from inside the repository, with a relative path.
    let out = check_github(Path::new("content"), &repo.path().join("hub"));
    assert_eq!(annotated_file(&out), "hub/content/case-studies/beta.md");
}

#[test]
fn without_git_paths_are_relative_to_the_working_folder() {
    let dir = tempfile::tempdir().unwrap();
    let content = bad_hub(dir.path());
    let out = check_github(&content.canonicalize().unwrap(), dir.path());
    assert_eq!(annotated_file(&out), "content/case-studies/beta.md");
}
