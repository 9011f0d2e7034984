//! Theme scripts as the site ships them: without their comments, blank lines and indentation,
//! which are a third of what the search client costs a reader's first query (15.3 KB gzip'd
//! as written, 10.8 KB shipped). Only whole lines go, so the code itself is never parsed or
//! rewritten; a script where a line break could sit inside a string (a template literal, a
//! line ending in `\`) is shipped as written.

/// `text` (a `.js` file) as it is shipped.
pub(crate) fn shipped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_comment = false;
    for line in text.lines() {
        let t = line.trim();
        if in_comment {
            match t.find("*/") {
                Some(end) => {
                    in_comment = false;
                    push(&mut out, t[end + 2..].trim());
                }
                None => continue,
            }
            continue;
        }
        if t.starts_with("//") {
            continue;
        }
        if let Some(rest) = t.strip_prefix("/*") {
            match rest.find("*/") {
                Some(end) => push(&mut out, rest[end + 2..].trim()),
                None => in_comment = true,
            }
            continue;
        }
        if t.ends_with('\\') {
            return text.to_string();
        }
        push(&mut out, t);
    }
    if out.contains('`') || in_comment {
        return text.to_string();
    }
    out
}

fn push(out: &mut String, line: &str) {
    if !line.is_empty() {
        out.push_str(line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::shipped;

    #[test]
    fn whole_comment_lines_blank_lines_and_indentation_go() {
        let js = "// header\n/**\n * doc\n */\nfunction f(a) {\n  /* one line */\n\n  return a; // kept: not a whole line\n}\n/* a */ g();\n";
        assert_eq!(
            shipped(js),
            "function f(a) {\nreturn a; // kept: not a whole line\n}\ng();\n"
        );
    }

    #[test]
    fn a_string_that_may_span_lines_keeps_the_script_as_written() {
        for js in [
            "const s = `a\n  b`;\n",
            "const s = 'a\\\n  b';\n",
            "/* never closed\nx();\n",
        ] {
            assert_eq!(shipped(js), js);
        }
    }

    #[test]
    fn the_shipped_theme_scripts_lose_only_whole_lines() {
        for (rel, text) in crate::render::theme::DEFAULT_FILES {
            if !rel.ends_with(".js") {
                continue;
            }
            let out = shipped(text);
            assert!(out.len() < text.len(), "{rel} is shipped smaller");
            let kept: Vec<&str> = text.lines().map(str::trim).collect();
            for line in out.lines() {
                assert!(
                    kept.contains(&line),
                    "{rel}: {line:?} is a line of the source"
                );
            }
        }
    }
}
