//! CONTRIBUTING.md followed as written, on a copy of the repository (its `content/` and
//! `themes/` in a fresh git repository), with the `ithub` binary run as the pull-request
//! workflow runs it:
//! - the case-study template, pasted as it is, gets an annotation on every placeholder line,
//!   naming the file from the top of the repository, with a heading and a "how to fix:" text;
//! - the same template filled in with the examples its own notes give passes the check;
//! - each example error under "How to read an error" is what the check prints for the mistake
//!   its excerpt shows (the guide's examples are built on the template's line numbers);
//! - the commands of "Add a case study from your computer" (`ithub new`, `check`, the two
//!   builds and `ithub diff`) do what the guide says.
//!
//! The guide is read with a Markdown parser, so a change to its template or examples is tested
//! as the change, not as a copy kept here.

mod common;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// The file the guide's walkthrough creates (its step 1 example, and the file of its example
/// errors).
const FILE: &str = "content/case-studies/fife-cluster-peer-review.md";

/// A fenced code block of the guide, with the heading it sits under.
struct Block {
    heading: String,
    lang: String,
    text: String,
}

fn guide_blocks() -> Vec<Block> {
    let md = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("CONTRIBUTING.md"))
        .expect("CONTRIBUTING.md");
    let mut blocks = Vec::new();
    let mut heading = String::new();
    let mut in_heading = false;
    let mut code: Option<(String, String)> = None;
    for ev in Parser::new(&md) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) if level >= HeadingLevel::H2 => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                code = Some((lang.to_string(), String::new()))
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = code.take() {
                    blocks.push(Block {
                        heading: heading.clone(),
                        lang,
                        text,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = code.as_mut() {
                    text.push_str(&t);
                } else if in_heading {
                    heading.push_str(&t);
                }
            }
            _ => {}
        }
    }
    blocks
}

fn blocks_under<'a>(blocks: &'a [Block], heading: &str, lang: &str) -> Vec<&'a Block> {
    let found: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.heading == heading && b.lang == lang)
        .collect();
    assert!(
        !found.is_empty(),
        "CONTRIBUTING.md has no `{lang}` block under \"{heading}\""
    );
    found
}

/// The template exactly as the guide gives it.
fn template() -> String {
    blocks_under(&guide_blocks(), "The case-study template", "markdown")[0]
        .text
        .clone()
}

/// The template filled in as its notes say: each value with a note giving an example
/// (`# … e.g. lothian`) takes the example, and the note goes (the guide says notes may be
/// deleted). Lines without an example keep their text.
fn filled_template() -> String {
    template()
        .lines()
        .map(|line| match line.split_once(" # ") {
            Some((field, note)) if note.contains("e.g. ") => {
                let key = field.split(':').next().unwrap();
                let example = note.split("e.g. ").nth(1).unwrap();
                let example = example.split(';').next().unwrap().trim();
                format!("{key}: {example}")
            }
            _ => line.to_string(),
        })
        .map(|l| l + "\n")
        .collect()
}

/// A copy of the repository's content and themes in a new git repository.
fn repo_copy() -> TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "themes"] {
        common::copy_dir(&root.join(part), &dir.path().join(part));
    }
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "the hub"]);
    dir
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Champion",
            "-c",
            "user.email=champion@example.org",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// `ithub ARGS` in `dir`, as a champion or the workflow runs it there.
fn ithub(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_ithub"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// One `::error` or `::warning` workflow command, taken apart as GitHub reads it.
#[derive(Debug)]
struct Annotation {
    kind: String,
    file: String,
    line: usize,
    title: String,
    text: String,
}

fn annotations(stdout: &str) -> Vec<Annotation> {
    stdout
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("::")?;
            let (kind, rest) = rest.split_once(' ')?;
            let (props, text) = rest.split_once("::")?;
            let prop = |name: &str| {
                props
                    .split(',')
                    .find_map(|p| p.strip_prefix(&format!("{name}=")))
                    .map(|v| {
                        v.replace("%3A", ":")
                            .replace("%2C", ",")
                            .replace("%25", "%")
                    })
            };
            Some(Annotation {
                kind: kind.to_string(),
                file: prop("file")?,
                line: prop("line")?.parse().ok()?,
                title: prop("title")?,
                text: text.to_string(),
            })
        })
        .collect()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Step 1 names the file to create: it must be a name the loader accepts and one the hub does
/// not already have (GitHub's editor refuses to create a file that exists).
#[test]
fn the_walkthroughs_file_name_is_new_and_accepted() {
    let md = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("CONTRIBUTING.md"))
        .unwrap();
    let name = FILE.rsplit('/').next().unwrap();
    assert!(
        md.contains(&format!("`{name}`")),
        "the guide no longer suggests {name}"
    );
    assert!(
        !Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE).exists(),
        "{FILE} is already in the hub"
    );
    let repo = repo_copy();
    write(repo.path(), FILE, &filled_template());
    assert!(ithub(repo.path(), &["check"]).ok);
}

#[test]
fn the_template_as_pasted_gets_an_annotation_on_every_placeholder() {
    let repo = repo_copy();
    let template = template();
    write(repo.path(), FILE, &template);
    let run = ithub(repo.path(), &["check", "--format", "github"]);
    assert!(
        !run.ok,
        "a template with its placeholders must fail the check"
    );
    let ours: Vec<Annotation> = annotations(&run.stdout)
        .into_iter()
        .filter(|a| a.file == FILE)
        .collect();
    let placeholders = [
        "board-key",
        "hscp-key",
        "component-key",
        "topic-key",
        "YYYY-MM-DD",
        "source-key",
    ];
    for (i, line) in template.lines().enumerate() {
        let value = line.split(" # ").next().unwrap();
        if placeholders.iter().any(|p| value.contains(p)) {
            let on_line: Vec<&Annotation> = ours.iter().filter(|a| a.line == i + 1).collect();
            assert!(
                on_line.iter().any(|a| a.kind == "error"),
                "no error annotation on line {} `{line}`; annotations: {ours:#?}\n{}",
                i + 1,
                run.stdout
            );
        }
    }
    // What the guide says an annotation is: a heading, and a "how to fix:" text under it.
    for a in &ours {
        assert!(!a.title.is_empty(), "{a:#?}");
        assert!(a.text.starts_with("how to fix: "), "{a:#?}");
    }
    assert!(ours.len() >= placeholders.len(), "{ours:#?}");
}

#[test]
fn the_template_filled_in_from_its_own_examples_passes_the_check() {
    let repo = repo_copy();
    let filled = filled_template();
    assert!(
        !filled.contains(" # "),
        "every note gave an example: {filled}"
    );
    write(repo.path(), FILE, &filled);
    let run = ithub(repo.path(), &["check", "--format", "github"]);
    let errors: Vec<Annotation> = annotations(&run.stdout)
        .into_iter()
        .filter(|a| a.kind == "error")
        .collect();
    assert!(
        run.ok && errors.is_empty(),
        "{filled}\n{errors:#?}\n{}",
        run.stdout
    );
    let human = ithub(repo.path(), &["check"]);
    assert!(human.ok, "{}", human.stderr);
}

/// Each example under "How to read an error" that shows a line of the file (`5 | board:
/// lothain`) is made by writing that line into the filled template at that line number; the
/// check must then print the guide's example exactly.
#[test]
fn the_guides_example_errors_are_what_the_check_prints() {
    let blocks = guide_blocks();
    let examples = blocks_under(&blocks, "How to read an error", "text");
    let mut checked = 0;
    for block in examples {
        let errors: Vec<String> = block
            .text
            .split("\n\n")
            .map(|e| e.trim_end().to_string())
            .filter(|e| e.starts_with("error:"))
            .collect();
        let mut file: Vec<String> = filled_template().lines().map(String::from).collect();
        let mut shown = Vec::new();
        for e in &errors {
            for l in e.lines() {
                let Some((n, text)) = l.split_once(" | ") else {
                    continue;
                };
                if let Ok(n) = n.trim().parse::<usize>() {
                    file[n - 1] = text.to_string();
                    shown.push(e.clone());
                }
            }
        }
        if shown.is_empty() {
            continue;
        }
        let repo = repo_copy();
        write(repo.path(), FILE, &(file.join("\n") + "\n"));
        let run = ithub(repo.path(), &["check"]);
        assert!(!run.ok);
        for e in shown {
            assert!(
                run.stderr.contains(&e),
                "the guide shows\n{e}\nbut the check printed\n{}",
                run.stderr
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 3,
        "only {checked} of the guide's examples were checked"
    );
}

/// "Add a case study from your computer": `ithub new` writes the file the guide names, the
/// check reports the placeholders left in it, and the guide's branch, build and diff commands
/// list the new case study as added.
#[test]
fn from_your_computer_new_check_build_and_diff_work_as_written() {
    let blocks = guide_blocks();
    let steps = blocks_under(&blocks, "Add a case study from your computer", "sh");
    let repo = repo_copy();
    let tmp = tempfile::tempdir().unwrap();
    let mut new_file: Option<PathBuf> = None;
    let mut diff_output = None;
    let mut filled = false;
    for block in steps {
        for cmd in block.text.lines().filter(|l| !l.trim().is_empty()) {
            let words = shell_words(&cmd.replace("/tmp/", &format!("{}/", tmp.path().display())));
            let args: Vec<&str> = words.iter().map(String::as_str).collect();
            match args.as_slice() {
                ["git", "clone", ..] | ["cd", ..] | ["cargo", "install", ..] => {}
                ["ithub", "serve", ..] => {}
                ["git", rest @ ..] => git(repo.path(), rest),
                ["ithub", "new", ..] => {
                    let run = ithub(repo.path(), &args[1..]);
                    assert!(run.ok, "{cmd}: {}", run.stderr);
                    let path = PathBuf::from(run.stdout.trim());
                    assert!(
                        path.starts_with("content/case-studies") || path.is_absolute(),
                        "{path:?}"
                    );
                    let full = repo.path().join(&path);
                    assert!(
                        full.is_file(),
                        "{cmd} printed {path:?}, which is not a file"
                    );
                    new_file = Some(full);
                }
                ["ithub", "check", ..] if filled => {
                    let run = ithub(repo.path(), &args[1..]);
                    assert!(run.ok, "{cmd}: {}{}", run.stdout, run.stderr);
                }
                ["ithub", "check", rest @ ..] => {
                    // The file `ithub new` wrote still holds its placeholders: the check says
                    // so, naming the file; filled in, it passes.
                    let before = ithub(repo.path(), &args[1..]);
                    assert!(!before.ok, "{cmd} passed with placeholders left");
                    let out = before.stdout.clone() + &before.stderr;
                    let name = new_file
                        .as_ref()
                        .unwrap()
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    assert!(out.contains(&name), "{cmd}: {out}");
                    std::fs::write(new_file.as_ref().unwrap(), filled_template()).unwrap();
                    let after = ithub(repo.path(), &args[1..]);
                    assert!(after.ok, "{cmd} {rest:?}: {}{}", after.stdout, after.stderr);
                    git(repo.path(), &["add", "-A"]);
                    git(repo.path(), &["commit", "-q", "-m", "Add a case study"]);
                    filled = true;
                }
                ["ithub", "build", ..] => {
                    let run = ithub(repo.path(), &args[1..]);
                    assert!(run.ok, "{cmd}: {}", run.stderr);
                }
                ["ithub", "diff", ..] => {
                    let run = ithub(repo.path(), &args[1..]);
                    assert!(run.ok, "{cmd}: {}", run.stderr);
                    diff_output = Some(run.stdout);
                }
                other => panic!("the guide gives a command this test does not know: {other:?}"),
            }
        }
    }
    let diff = diff_output.expect("the guide's steps end with `ithub diff`");
    let stem = new_file
        .unwrap()
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let added = diff
        .lines()
        .skip_while(|l| !l.to_lowercase().contains("added"))
        .take_while(|l| {
            !l.to_lowercase().contains("changed") && !l.to_lowercase().contains("removed")
        })
        .any(|l| l.contains(&format!("case-studies/{stem}")));
    assert!(added, "`ithub diff` does not list {stem} as added:\n{diff}");
}

/// Split a command line as a shell would for the plain commands the guide gives (words, and
/// double-quoted strings).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}
