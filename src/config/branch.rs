//! `branch:` is put into every "Suggest a change" address, so it must be a name git accepts
//! (the rules of `git check-ref-format --branch`) and one that needs no escaping in a URL.

/// Why `name` cannot be the branch, or `None` when it can.
pub fn problem(name: &str) -> Option<String> {
    let why = if name.is_empty() {
        "it is empty"
    } else if name.starts_with('-') {
        "git branch names cannot start with `-`"
    } else if name == "@" || name.contains("@{") {
        "git branch names cannot be `@` or contain `@{`"
    } else if name.contains("..") {
        "git branch names cannot contain `..`"
    } else if name.ends_with('/') || name.ends_with('.') || name.ends_with(".lock") {
        "git branch names cannot end with `/`, `.` or `.lock`"
    } else if name
        .split('/')
        .any(|part| part.is_empty() || part.starts_with('.'))
    {
        "each part between `/` must be non-empty and not start with `.`"
    } else if name
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "~^:?*[\\".contains(c))
    {
        "git branch names cannot contain spaces or any of ~ ^ : ? * [ \\"
    } else if name.chars().any(|c| "#%\"<>'`{}|".contains(c)) {
        // git allows these, but each would end or change the edit address.
        "it contains a character that would break the \"Suggest a change\" links: # % \" < > ' ` { } |"
    } else {
        return None;
    };
    Some(why.to_string())
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn git_branch_rules() {
        for ok in ["main", "trunk", "release/2026", "champion-edits_1"] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "-x",
            "a..b",
            "a/",
            "a.lock",
            "a b",
            "a:b",
            "@",
            "a@{1}",
            ".hidden",
            "a//b",
            "x#y",
            "main\"><script>",
        ] {
            assert!(problem(bad).is_some(), "{bad:?}");
        }
    }
}
