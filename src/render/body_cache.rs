//! The bodies `serve` keeps rendered between rebuilds, reused while what they were rendered
//! from is unchanged.

use crate::markdown::Rendered;
use crate::unpoisoned::Unpoisoned;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// Rendered bodies kept between rebuilds by `serve`. A body depends only on its file's text,
/// its page's URL and the URLs of the files it links to (`Rendered::links`), so an entry is
/// reused while those are unchanged: adding or removing a file re-renders only the bodies that
/// link to it. Bodies with problems are never reused, as their messages suggest from every URL.
#[derive(Default)]
pub struct BodyCache {
    map: Mutex<HashMap<String, CachedBody>>,
}

struct CachedBody {
    text: u64,
    page: String,
    /// Each linked file's URL when the body was rendered.
    targets: Vec<Option<String>>,
    body: Rendered,
}

impl BodyCache {
    pub(super) fn get(
        &self,
        rel: &str,
        text: u64,
        page: &str,
        urls: &HashMap<String, String>,
    ) -> Option<Rendered> {
        let map = self.map.lock().unpoisoned();
        let e = map.get(rel)?;
        let same = e.text == text
            && e.page == page
            && e.body.links.len() == e.targets.len()
            && e.body
                .links
                .iter()
                .zip(&e.targets)
                .all(|(l, u)| urls.get(l) == u.as_ref());
        same.then(|| e.body.clone())
    }

    pub(super) fn put(
        &self,
        rel: &str,
        text: u64,
        page: &str,
        urls: &HashMap<String, String>,
        r: &Rendered,
    ) {
        if !r.problems.is_empty() {
            return;
        }
        let targets = r.links.iter().map(|l| urls.get(l).cloned()).collect();
        self.map.lock().unpoisoned().insert(
            rel.to_string(),
            CachedBody {
                text,
                page: page.to_string(),
                targets,
                body: r.clone(),
            },
        );
    }

    /// Forget files no longer in the site.
    pub(super) fn retain(&self, live: &HashSet<&str>) {
        self.map
            .lock()
            .unpoisoned()
            .retain(|k, _| live.contains(k.as_str()));
    }
}
