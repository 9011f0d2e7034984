//! Adding an item to a block list in a file's YAML front matter in place, keeping every other
//! byte (comments included), since the file is someone's hand-written text.

use super::ScaffoldError;
use crate::source::{front_matter, SourceFile};
use std::path::Path;

/// Add `entry` (lines of one list item, the first starting `- `) at the end of the top-level
/// block list `key:` in the front matter, creating the list if there is none. Keeps every other
/// byte of the file, comments included.
pub fn append_to_list(text: &str, key: &str, entry: &[String]) -> Result<String, ScaffoldError> {
    let src = SourceFile::from_text(Path::new(""), "x.md", text.to_string());
    let split = front_matter::split(&src).map_err(|d| ScaffoldError::new(d.message))?;
    let yaml_start = split.yaml.as_ptr() as usize - src.text.as_ptr() as usize;
    let yaml_end = yaml_start + split.yaml.len();
    let lines = line_offsets(text, yaml_start, yaml_end);
    let head = format!("{key}:");
    let found = lines.iter().position(|&(s, e)| {
        let l = &text[s..e];
        l.starts_with(&head) && {
            let rest = l[head.len()..].trim_start();
            rest.is_empty() || rest.starts_with('#') || rest.starts_with('[')
        }
    });
    let item =
        |indent: &str| -> String { entry.iter().map(|l| format!("{indent}{l}\n")).collect() };
    let Some(k) = found else {
        let mut out = text[..yaml_end].to_string();
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{head}\n{}", item("  ")));
        out.push_str(&text[yaml_end..]);
        return Ok(out);
    };
    let (ks, ke) = lines[k];
    let rest = text[ks + head.len()..ke].trim();
    if rest.starts_with('[') {
        if rest.split('#').next().unwrap_or("").trim() != "[]" {
            return Err(ScaffoldError::new(format!(
                "`{key}:` is written as a [bracketed] list, so the entry cannot be added for you"
            ))
            .help(format!(
                "add it by hand, one field per line:\n{}",
                item("  ")
            )));
        }
        let after = (ke + 1).min(text.len());
        return Ok(format!(
            "{}{head}\n{}{}",
            &text[..ks],
            item("  "),
            &text[after..]
        ));
    }
    // The list runs until the next line that starts at column 0 with something other than a
    // list dash or a comment.
    let mut last = k;
    let mut indent: Option<String> = None;
    for (i, &(s, e)) in lines.iter().enumerate().skip(k + 1) {
        let l = &text[s..e];
        let t = l.trim_start();
        if t.is_empty() {
            continue;
        }
        // An indented note belongs to the entry above it; one at column 0 may introduce the
        // next field, so it stays after the new entry.
        if t.starts_with('#') {
            if l.len() > t.len() {
                last = i;
            }
            continue;
        }
        if !l.starts_with([' ', '\t', '-']) {
            break;
        }
        if indent.is_none() && t.starts_with('-') {
            indent = Some(l[..l.len() - t.len()].to_string());
        }
        last = i;
    }
    let at = lines.get(last + 1).map_or(yaml_end, |&(s, _)| s);
    let mut out = text[..at].to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&item(indent.as_deref().unwrap_or("  ")));
    out.push_str(&text[at..]);
    Ok(out)
}

/// (start, end) of each line between `from` and `to`, without the newline.
pub(super) fn line_offsets(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut s = from;
    while s < to {
        let e = text[s..to].find('\n').map_or(to, |i| s + i);
        v.push((s, e.min(to)));
        s = e + 1;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_to_block_lists_keeping_everything_else() {
        let entry = vec!["- title: New".to_string(), "  kind: guide".to_string()];
        let t = "---\ntitle: Z\nresources:\n    - title: A   # note\n      kind: guide\n\n# a comment\nsources: [x]\n---\nBody\n";
        let out = append_to_list(t, "resources", &entry).unwrap();
        assert_eq!(out, "---\ntitle: Z\nresources:\n    - title: A   # note\n      kind: guide\n    - title: New\n      kind: guide\n\n# a comment\nsources: [x]\n---\nBody\n");
        let none = append_to_list("---\ntitle: Z\n---\nB\n", "resources", &entry).unwrap();
        assert_eq!(
            none,
            "---\ntitle: Z\nresources:\n  - title: New\n    kind: guide\n---\nB\n"
        );
        let empty = append_to_list(
            "---\ntitle: Z\nresources: []\nsources: [x]\n---\n",
            "resources",
            &entry,
        )
        .unwrap();
        assert_eq!(
            empty,
            "---\ntitle: Z\nresources:\n  - title: New\n    kind: guide\nsources: [x]\n---\n"
        );
        let at_end = append_to_list(
            "---\nresources:\n- title: A\n  kind: guide\n---\n",
            "resources",
            &entry,
        )
        .unwrap();
        assert_eq!(
            at_end,
            "---\nresources:\n- title: A\n  kind: guide\n- title: New\n  kind: guide\n---\n"
        );
        let noted = vec!["- title: B".to_string(), "  # a note on B".to_string()];
        let twice = append_to_list(
            &append_to_list(&none, "resources", &noted).unwrap(),
            "resources",
            &entry,
        )
        .unwrap();
        assert_eq!(twice, "---\ntitle: Z\nresources:\n  - title: New\n    kind: guide\n  - title: B\n    # a note on B\n  - title: New\n    kind: guide\n---\nB\n");
        assert!(append_to_list(
            "---\nresources: [{title: A, kind: guide}]\n---\n",
            "resources",
            &entry
        )
        .is_err());
    }
}
