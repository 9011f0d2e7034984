//! A file name the loader refuses gets a suggested name, and that name is one it accepts: the
//! hint and the check are the same rule (`ithub::slug`).

mod common;

use common::*;
use ithub::diagnostics::Severity;

/// The name inside the first pair of backticks after `e.g.` in a help text.
fn suggested(help: &str) -> &str {
    let after = &help[help.find("e.g. `").expect("help gives an example") + 6..];
    &after[..after.find('`').expect("closing backtick")]
}

#[test]
fn renaming_to_the_suggested_name_builds_cleanly() {
    for bad in ["Café-Kids", "Slàinte_Mhath 2024", "🎉 Launch!", "--"] {
        let hub = Hub::copy(FIXTURE);
        let text = hub
            .read("case-studies/alpha.md")
            .replace("title: ", "title: Renamed ");
        let bad_rel = format!("case-studies/{bad}.md");
        hub.write(&bad_rel, &text);
        let r = hub.build();
        let errs: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(errs.len(), 1, "{bad}: {errs:#?}");
        let d = errs[0];
        assert!(d.file.ends_with(&bad_rel), "{bad}: {d:#?}");
        assert_eq!((d.line, d.column), (1, 1));
        let name = suggested(d.help.as_deref().expect("a rename hint")).to_string();
        assert!(ithub::slug::is_valid(&name), "{bad} → {name}");

        std::fs::rename(
            hub.content().join(&bad_rel),
            hub.content().join(format!("case-studies/{name}.md")),
        )
        .unwrap();
        hub.build_ok();
        let doc = hub.page(&format!("case-studies/{name}/"));
        assert!(
            texts(&doc, "h1").iter().any(|t| t.starts_with("Renamed")),
            "{bad} → {name}: {:?}",
            texts(&doc, "h1")
        );
    }
}
