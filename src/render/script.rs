//! Theme scripts as the site ships them: minified (oxc's parser, compressor, name mangler and
//! printer), which takes the search client a reader's first query fetches from 11.4 to about
//! 9 KB gzip'd and every other page's scripts down by half. The scripts are classic scripts,
//! not modules, so the names they give the page (`IthubSearch`, `IthubStem`) are top-level
//! and never renamed; a theme's own module scripts are minified as modules. A script that does not parse is an error at its line and column, so a
//! theme's slip is caught by `ithub build` rather than by the first reader whose browser
//! stops at it.

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_minifier::{Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

/// Why a script cannot be shipped: the parser's first error and the byte offset it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScriptError {
    pub(crate) offset: usize,
    pub(crate) message: String,
}

/// `text` (a `.js` file of a theme) as it is shipped: a classic script, or a module if it has
/// `import` or `export` (a theme may load its own with `type="module"`), whose top-level names
/// are its own to rename.
pub(crate) fn shipped(text: &str) -> Result<String, ScriptError> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, SourceType::unambiguous()).parse();
    if let Some(e) = parsed.diagnostics.errors().next() {
        let offset = e.labels.first().map_or(0, |l| l.offset() as usize);
        return Err(ScriptError {
            offset: offset.min(text.len()),
            message: e.message.to_string(),
        });
    }
    if parsed.panicked {
        return Err(ScriptError {
            offset: 0,
            message: "the script could not be read".to_string(),
        });
    }
    let mut program = parsed.program;
    // The minifier is another project's code run on a theme's: should it fail on a script
    // that parsed, the script ships as written rather than the build stopping.
    let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let minified = Minifier::new(MinifierOptions::default()).minify(&allocator, &mut program);
        Codegen::new()
            .with_options(CodegenOptions::minify())
            .with_scoping(minified.scoping)
            .build(&program)
            .code
    }));
    Ok(code.unwrap_or_else(|_| text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::shipped;

    #[test]
    fn comments_space_and_local_names_go_but_the_behaviour_stays() {
        let js = "// header\n(function (root) {\n  /* doc */\n  function addTogether(first, second) {\n    return first + second;\n  }\n  root.answer = addTogether(40, 2);\n})(this);\n";
        let out = shipped(js).unwrap();
        assert!(out.len() < js.len() / 2, "{out}");
        assert!(
            !out.contains("header") && !out.contains("addTogether"),
            "{out}"
        );
        assert!(out.contains("answer"), "a property keeps its name: {out}");
    }

    #[test]
    fn top_level_names_a_page_reads_are_kept() {
        let out = shipped("var IthubThing = { go: function () { return 1; } };\n").unwrap();
        assert!(out.contains("IthubThing"), "{out}");
    }

    #[test]
    fn a_module_ships_minified_with_its_imports_and_exports() {
        let js = "import { helper } from './helper.js';\nconst localName = helper(2);\nexport function doubled() {\n  return localName * 2;\n}\n";
        let out = shipped(js).unwrap();
        assert!(
            out.contains("./helper.js") && out.contains("doubled"),
            "{out}"
        );
        assert!(!out.contains("localName"), "{out}");
    }

    #[test]
    fn a_script_that_does_not_parse_is_an_error_at_its_place() {
        let js = "function f() {\n  return 1 +;\n}\n";
        let e = shipped(js).unwrap_err();
        assert_eq!(&js[e.offset..e.offset + 1], ";", "{e:?}");
        assert!(!e.message.is_empty());
    }

    #[test]
    fn every_shipped_theme_script_minifies_to_less() {
        for (rel, text) in crate::render::theme::DEFAULT_FILES {
            if !rel.ends_with(".js") {
                continue;
            }
            let out = shipped(text).unwrap_or_else(|e| panic!("{rel}: {e:?}"));
            assert!(
                out.len() * 3 < text.len() * 2,
                "{rel} ships at most two thirds of its size"
            );
        }
    }
}
