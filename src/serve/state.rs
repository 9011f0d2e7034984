//! What `serve` is serving right now, and the channel that tells browsers to reload.

use crate::diagnostics::Diagnostic;
use crate::unpoisoned::Unpoisoned;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::{broadcast, watch};

/// Site path → bytes. Shared, so a snapshot that changes a few pages copies only the map.
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// Site path → the bytes a publication replaced there (`None`: the file was new).
pub type Replaced = BTreeMap<String, Option<Arc<Vec<u8>>>>;

pub fn shared(files: BTreeMap<String, Vec<u8>>) -> Files {
    files.into_iter().map(|(k, v)| (k, Arc::new(v))).collect()
}

/// One built version of the site.
pub struct Snapshot {
    pub files: Files,
    pub index: Option<tantivy::Index>,
    /// Problems of the last rebuild; when it failed, `files` are the last good site's.
    /// Shared: an edit's two or three publications carry the same list.
    pub errors: Arc<Vec<Diagnostic>>,
    pub version: u64,
    pub pages: usize,
    /// While an edit's pages are being rendered, the files published ahead of the rest (the
    /// pages open in a browser), with what each replaced: any other page, or a file not there
    /// yet, waits; if the rest fails and so does the rebuild, the last good site has the
    /// replaced files back (`Live::publish`).
    pub early: Option<Arc<Replaced>>,
}

impl Snapshot {
    /// Whether a request for `key` must wait for the rest of an edit's pages.
    pub fn waits_for_pages(&self, key: &str) -> bool {
        self.early.as_ref().is_some_and(|early| {
            !early.contains_key(key) && (key.ends_with(".html") || !self.files.contains_key(key))
        })
    }

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

/// How much of an in-place edit is still to be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    Nothing,
    /// The files that follow the pages (`patch::follows_pages`): requests for those wait.
    Data,
    /// Pages besides the ones open in a browser, then the data (`Snapshot::waits_for_pages`).
    Pages,
}

pub struct Live {
    current: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<(u64, Change)>,
    pending: watch::Sender<Pending>,
    /// Site path → how many browsers have it open (from the live-reload connections).
    open: Mutex<HashMap<String, usize>>,
}

/// A browser's page open while it is held (`Live::open_page`).
pub struct Open {
    live: Arc<Live>,
    path: String,
}

impl Drop for Open {
    fn drop(&mut self) {
        let mut open = self.live.open.lock().unpoisoned();
        if let Some(n) = open.get_mut(&self.path) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.path);
            }
        }
    }
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
                errors: Arc::default(),
                version: 0,
                pages: 0,
                early: None,
            })),
            events,
            pending: watch::Sender::new(Pending::Nothing),
            open: Mutex::new(HashMap::new()),
        }
    }

    /// Note that a browser has the page at site path `path` open, until the guard drops.
    pub fn open_page(self: &Arc<Live>, path: String) -> Open {
        *self
            .open
            .lock()
            .unpoisoned()
            .entry(path.clone())
            .or_default() += 1;
        Open {
            live: self.clone(),
            path,
        }
    }

    /// The site paths of the pages open in browsers now.
    pub fn open_pages(&self) -> HashSet<String> {
        self.open.lock().unpoisoned().keys().cloned().collect()
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.current.read().unpoisoned().clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<(u64, Change)> {
        self.events.subscribe()
    }

    /// The snapshot once the files that follow the pages are current.
    pub async fn settled(&self) -> Arc<Snapshot> {
        self.until(Pending::Nothing).await
    }

    /// The snapshot once every page of the last edit is.
    pub async fn pages_settled(&self) -> Arc<Snapshot> {
        self.until(Pending::Data).await
    }

    async fn until(&self, at_most: Pending) -> Arc<Snapshot> {
        let mut rx = self.pending.subscribe();
        let _ = rx.wait_for(|p| *p <= at_most).await;
        self.current()
    }

    /// Swap in a full rebuild's outcome and tell every connected browser.
    pub fn publish(&self, outcome: Outcome, change: Change) {
        let version = {
            let mut cur = self.current.write().unpoisoned();
            let version = cur.version + 1;
            let (files, index, pages) = match outcome.files {
                Some(f) => (shared(f), outcome.index, outcome.pages),
                None => {
                    let mut files = cur.files.clone();
                    for (k, old) in cur.early.iter().flat_map(|e| e.iter()) {
                        match old {
                            Some(v) => files.insert(k.clone(), v.clone()),
                            None => files.remove(k),
                        };
                    }
                    (files, cur.index.clone(), cur.pages)
                }
            };
            *cur = Arc::new(Snapshot {
                files,
                index,
                errors: Arc::new(outcome.errors),
                version,
                pages,
                early: None,
            });
            version
        };
        self.pending.send_replace(Pending::Nothing);
        // No browser connected is fine.
        let _ = self.events.send((version, change));
    }

    /// Swap in the pages an in-place edit rewrote, and tell browsers (to reload, or to swap
    /// stylesheets). Requests for the files that follow wait until `publish_data`; with
    /// `more_pages`, requests for any page but these wait until `publish_rest`.
    pub fn publish_pages(
        &self,
        changed: BTreeMap<String, Vec<u8>>,
        removed: &[String],
        pages: usize,
        diagnostics: Vec<Diagnostic>,
        change: Change,
        more_pages: bool,
    ) {
        let early = more_pages.then(|| {
            let cur = self.current();
            let replaced = changed
                .keys()
                .map(|k| (k.clone(), cur.files.get(k).cloned()));
            Arc::new(replaced.collect())
        });
        self.pending.send_replace(if more_pages {
            Pending::Pages
        } else {
            Pending::Data
        });
        let version = self.patch(changed, removed, Some(pages), Some(diagnostics), early);
        let _ = self.events.send((version, change));
    }

    /// Swap in the rest of an edit's pages (after `publish_pages` with `more_pages`).
    pub fn publish_rest(
        &self,
        changed: BTreeMap<String, Vec<u8>>,
        removed: &[String],
        pages: usize,
    ) {
        self.patch(changed, removed, Some(pages), None, None);
        self.pending.send_replace(Pending::Data);
    }

    /// Swap in the rest of an in-place edit (site-wide files, search); waiting requests go on.
    pub fn publish_data(&self, changed: BTreeMap<String, Vec<u8>>, removed: &[String]) {
        self.patch(changed, removed, None, None, None);
        self.pending.send_replace(Pending::Nothing);
    }

    fn patch(
        &self,
        changed: BTreeMap<String, Vec<u8>>,
        removed: &[String],
        pages: Option<usize>,
        errors: Option<Vec<Diagnostic>>,
        early: Option<Arc<Replaced>>,
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
        let pages = pages.unwrap_or(cur.pages);
        let errors = errors.map_or_else(|| cur.errors.clone(), Arc::new);
        *cur = Arc::new(Snapshot {
            files,
            index: cur.index.clone(),
            errors,
            version,
            pages,
            early,
        });
        version
    }
}
