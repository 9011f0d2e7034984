//! The end of a build on disk: pages, search index and export into a staging folder beside
//! the output, swapped in when all of it succeeded.

use super::{search_failed, BuildOptions, ExportWriter, Laps};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::link;
use crate::render::{self, bodies, theme};
use crate::search;
use crate::write::{Sink, Staging};

/// Render, index (`docs`, the search documents) and export into a staging folder, then swap
/// it in.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_to_disk(
    opts: &BuildOptions,
    site: &link::Site,
    bodies: &bodies::Bodies,
    mut docs: Vec<search::documents::SearchDoc>,
    theme: &theme::Theme,
    diags: &Diagnostics,
    (on_total, on_page): (&(dyn Fn(usize) + Sync), render::Progress<'_>),
    laps: &mut Laps,
) -> usize {
    let target = opts.output.clone();
    let staging = match Staging::new(&target) {
        Ok(s) => s,
        Err(e) => {
            diags.push(Diagnostic::error(
                &target,
                Pos::new(1, 1),
                format!("cannot create output folder: {e}"),
            ));
            return 0;
        }
    };
    let placement = render::pages::Placement::new(site);
    let dir = opts.index_dir();
    // Pages and the search index need only what `prepare` made, so they run side by side: the
    // pages spread over every core, while tantivy's writer keeps to one thread.
    let (page_paths, index) = rayon::join(
        || {
            render::render_site(
                site,
                bodies,
                theme,
                &placement,
                &staging,
                &opts.content,
                on_total,
                on_page,
                diags,
            )
        },
        || {
            let left = render::search_docs::CaseStudyBodies::new(site, bodies);
            // Bodies are let go as their documents are indexed, in many small blocks between
            // tantivy's large ones: given back eight times over, or they would still count in
            // the peak that tantivy's growth makes (peak RSS at 10,000 case studies: 275 MB
            // without, 255 MB with).
            let every = (docs.len() / 8).max(1024);
            let mut completed = 0;
            let mut complete = |d: &mut search::documents::SearchDoc| {
                left.complete(d);
                completed += 1;
                if completed % every == 0 {
                    crate::freed_memory::give_back();
                }
            };
            let synonyms = render::search_docs::synonyms(site);
            let index = search::index::stage(&dir, &mut docs, &mut complete, &synonyms)
                .map_err(|e| search_failed(diags, &dir, &e))
                .ok()?;
            crate::freed_memory::give_back();
            export_search(&index.index, docs, &staging, diags)?;
            Some(index)
        },
    );
    let pages = page_paths.len();
    let Some(index) = index.filter(|_| !diags.has_errors()) else {
        return 0;
    };
    laps.lap("pages, search index and export");
    if let Err(e) = staging.commit() {
        diags.push(Diagnostic::error(
            &opts.output,
            Pos::new(1, 1),
            format!("cannot replace the output folder: {e}"),
        ));
        return 0;
    }
    if let Err(e) = index.commit() {
        diags.push(Diagnostic::error(
            &dir,
            Pos::new(1, 1),
            format!("cannot replace the search index: {e}"),
        ));
        return 0;
    }
    laps.lap("swap in");
    pages
}

/// Stage 4's second half: the static search index, exported into the site, each file
/// written as soon as it is made (`ExportWriter`).
fn export_search(
    index: &tantivy::Index,
    docs: Vec<search::documents::SearchDoc>,
    sink: &dyn Sink,
    diags: &Diagnostics,
) -> Option<()> {
    let w = ExportWriter::new(sink, diags);
    search::export::export(index, docs, &|(path, bytes)| w.write(&path, &bytes))
        .map_err(|e| search_failed(diags, &sink.describe(search::export::DIR), &e))
        .ok()?;
    w.finish()
}
