//! What `serve` is serving right now, and the channel that tells browsers to reload.

use crate::diagnostics::Diagnostic;
use crate::unpoisoned::Unpoisoned;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use tokio::sync::{broadcast, watch};

/// Site path → bytes. Shared, so a snapshot that changes a few pages copies only the map.
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

pub fn shared(files: BTreeMap<String, Vec<u8>>) -> Files {
    files.into_iter().map(|(k, v)| (k, Arc::new(v))).collect()
}

/// One built version of the site.
pub struct Snapshot {
    pub files: Files,
    pub index: Option<tantivy::Index>,
    /// Problems of the last rebuild; when it failed, `files` are the last good site's.
    pub errors: Vec<Diagnostic>,
    pub version: u64,
    pub pages: usize,
}

impl Snapshot {
    pub fn pages_label(&self) -> String {
        format!("{} pages", self.pages)
    }

    pub fn has_errors(&self) -> bool {
        self.errors
            .iter()
            .any(|d| d.severity == crate::diagnostics::Severity::Error)
    }
}

/// What browsers should do after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Reload,
    /// Only stylesheets changed: asset name → new fingerprinted path.
    Css(BTreeMap<String, String>),
}

/// The result of a full rebuild, before it is published.
pub struct Outcome {
    /// `None` when the build failed: keep serving the last good files.
    pub files: Option<BTreeMap<String, Vec<u8>>>,
    pub index: Option<tantivy::Index>,
    pub errors: Vec<Diagnostic>,
    pub pages: usize,
}

pub struct Live {
    current: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<(u64, Change)>,
    /// True while an in-place edit has published its pages but not yet the files that follow
    /// them (`patch::follows_pages`): requests for those wait.
    data_pending: watch::Sender<bool>,
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

impl Live {
    pub fn new() -> Live {
        let (events, _) = broadcast::channel(64);
        Live {
            current: RwLock::new(Arc::new(Snapshot {
                files: BTreeMap::new(),
                index: None,
                errors: Vec::new(),
                version: 0,
                pages: 0,
            })),
            events,
            data_pending: watch::Sender::new(false),
        }
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.current.read().unpoisoned().clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<(u64, Change)> {
        self.events.subscribe()
    }

    /// The snapshot once the files that follow the pages are current.
    pub async fn settled(&self) -> Arc<Snapshot> {
        let mut rx = self.data_pending.subscribe();
        let _ = rx.wait_for(|pending| !*pending).await;
        self.current()
    }

    /// Swap in a full rebuild's outcome and tell every connected browser.
    pub fn publish(&self, outcome: Outcome, change: Change) {
        let version = {
            let mut cur = self.current.write().unpoisoned();
            let version = cur.version + 1;
            let (files, index, pages) = match outcome.files {
                Some(f) => (shared(f), outcome.index, outcome.pages),
                None => (cur.files.clone(), cur.index.clone(), cur.pages),
            };
            *cur = Arc::new(Snapshot {
                files,
                index,
                errors: outcome.errors,
                version,
                pages,
            });
            version
        };
        self.data_pending.send_replace(false);
        // No browser connected is fine.
        let _ = self.events.send((version, change));
    }

    /// Swap in the pages an in-place edit rewrote, and tell browsers (to reload, or to swap
    /// stylesheets). Requests for the files that follow wait until `publish_data`.
    pub fn publish_pages(
        &self,
        changed: BTreeMap<String, Vec<u8>>,
        removed: &[String],
        pages: usize,
        diagnostics: Vec<crate::diagnostics::Diagnostic>,
        change: Change,
    ) {
        self.data_pending.send_replace(true);
        let version = self.patch(changed, removed, Some((pages, diagnostics)));
        let _ = self.events.send((version, change));
    }

    /// Swap in the rest of an in-place edit (site-wide files, search); waiting requests go on.
    pub fn publish_data(&self, changed: BTreeMap<String, Vec<u8>>, removed: &[String]) {
        self.patch(changed, removed, None);
        self.data_pending.send_replace(false);
    }

    fn patch(
        &self,
        changed: BTreeMap<String, Vec<u8>>,
        removed: &[String],
        pages: Option<(usize, Vec<crate::diagnostics::Diagnostic>)>,
    ) -> u64 {
        let mut cur = self.current.write().unpoisoned();
        let mut files = cur.files.clone();
        for k in removed {
            files.remove(k);
        }
        for (k, v) in changed {
            files.insert(k, Arc::new(v));
        }
        let version = cur.version + 1;
        let (pages, errors) = pages.unwrap_or_else(|| (cur.pages, cur.errors.clone()));
        *cur = Arc::new(Snapshot {
            files,
            index: cur.index.clone(),
            errors,
            version,
            pages,
        });
        version
    }
}
