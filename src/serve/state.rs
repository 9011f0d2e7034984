//! What `serve` is serving right now, and the channel that tells browsers to reload.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// One built version of the site.
pub struct Snapshot {
    pub files: BTreeMap<String, Vec<u8>>,
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

/// The result of a rebuild, before it is published.
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
        }
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<(u64, Change)> {
        self.events.subscribe()
    }

    /// Swap in a rebuild's outcome and tell every connected browser.
    pub fn publish(&self, outcome: Outcome, change: Change) {
        let version = {
            let mut cur = self.current.write().unwrap_or_else(|p| p.into_inner());
            let version = cur.version + 1;
            let (files, index, pages) = match outcome.files {
                Some(f) => (f, outcome.index, outcome.pages),
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
        // No browser connected is fine.
        let _ = self.events.send((version, change));
    }
}
