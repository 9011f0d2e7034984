//! The values of `hub.yaml` that reach every page (addresses, branch, language) are checked once,
//! where the file is read, and each problem is reported at the value.

use super::{address, branch, language, synonyms, HubConfig};
use crate::diagnostics::Diagnostics;
use crate::source::spans::SpanIndex;
use crate::source::SourceFile;

/// Report every bad value in `cfg`. An address that may not be a link is also removed, so that
/// even a run that goes on to render (check, serve) never puts it on a page.
pub fn check(cfg: &mut HubConfig, src: &SourceFile, spans: &SpanIndex, diags: &Diagnostics) {
    let report = |path: &str, message: String, help: String| {
        let span = spans.value(path);
        diags.push(src.error(span.pos, span.width, message).help(help));
    };
    if let Some(why) = address::https_problem(&cfg.base_url) {
        report(
            "base_url",
            format!("base_url `{}` cannot be used: {why}", cfg.base_url),
            "write the https address the hub is published at, e.g. `https://example.org/hub/`"
                .into(),
        );
    }
    if let Some(why) = cfg.repository.as_deref().and_then(address::https_problem) {
        let r = cfg.repository.take().unwrap_or_default();
        report(
            "repository",
            format!("repository `{r}` cannot be used: {why}"),
            "write the repository's https address, e.g. `https://github.com/improving-together/hub`"
                .into(),
        );
    }
    if let Some(why) = branch::problem(&cfg.branch) {
        report(
            "branch",
            format!("branch `{}` cannot be used: {why}", cfg.branch),
            "write the name of the branch the site is published from, e.g. `main`".into(),
        );
    }
    if let Some((message, fix)) = language::problem(&cfg.language) {
        let help = match fix {
            Some(f) => format!("did you mean `{f}`?"),
            None => {
                "write a language tag such as `en-GB`, `en`, `gd` (Gaelic) or `sco` (Scots)".into()
            }
        };
        report("language", message, help);
    }
    for p in synonyms::problems(&cfg.search.synonyms) {
        let path = match p.entry {
            Some(e) => format!("search.synonyms[{}][{e}]", p.group),
            None => format!("search.synonyms[{}]", p.group),
        };
        report(&path, p.message, p.help);
    }
    for (i, s) in cfg.sources.iter_mut().enumerate() {
        if let Some(why) = s.url.as_deref().and_then(address::link_problem) {
            let url = s.url.take().unwrap_or_default();
            report(
                &format!("sources[{i}].url"),
                format!("source url `{url}` cannot be a link: {why}"),
                "write the full address of the document, e.g. `https://www.gov.scot/publications/…`"
                    .into(),
            );
        }
    }
}
