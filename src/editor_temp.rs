//! Files that editors and tools create beside real ones (swap files, backups, autosaves,
//! hidden files) and that never affect the site. The loader skips them and the watcher does
//! not rebuild for them, from this one rule.

/// Whether a file called `name` (no folder) is an editor or tool temporary: hidden (`.x`,
/// `.x.swp`), an Emacs autosave (`#x#`), a backup (`x~`), a Vim swap (`.swp`, `.swx`), a
/// `.tmp`, or Vim's write-permission probe `4913`.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::is_editor_temp;

    #[test]
    fn editor_droppings_are_temporary_and_content_is_not() {
        for t in [
            ".x.md.swp",
            ".x.md.swx",
            "x.md~",
            "#x.md#",
            ".#x.md",
            "x.md.tmp",
            "4913",
            ".DS_Store",
        ] {
            assert!(is_editor_temp(t), "{t}");
        }
        for real in [
            "x.md", "hub.yaml", "a.png", "49130.md", "swp.md", "x.md.bak",
        ] {
            assert!(!is_editor_temp(real), "{real}");
        }
    }
}
