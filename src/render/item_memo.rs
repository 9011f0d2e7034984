//! Each item's piece of the site-wide JSON files (the case-study filter data, the page
//! inventory), kept by `serve` between edits. On a 10,000-item hub writing those files whole
//! cost a tenth of a second after every save; with the pieces kept, only the edited items are
//! serialised again. An edit must `forget` the files it touched.

use crate::unpoisoned::Unpoisoned;
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct ItemMemo {
    filter: Mutex<HashMap<String, String>>,
    inventory: Mutex<HashMap<String, String>>,
}

/// Which file a piece belongs to.
#[derive(Clone, Copy)]
pub enum Piece {
    Filter,
    Inventory,
}

impl ItemMemo {
    /// `rel`'s piece of `file`, made by `make` unless kept.
    pub fn get(&self, file: Piece, rel: &str, make: impl FnOnce() -> String) -> String {
        let map = match file {
            Piece::Filter => &self.filter,
            Piece::Inventory => &self.inventory,
        };
        if let Some(s) = lock(map).get(rel) {
            return s.clone();
        }
        let s = make();
        lock(map).insert(rel.to_string(), s.clone());
        s
    }

    /// Drop what is kept for the content file `rel`.
    pub fn forget(&self, rel: &str) {
        lock(&self.filter).remove(rel);
        lock(&self.inventory).remove(rel);
    }
}

fn lock(m: &Mutex<HashMap<String, String>>) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
    m.lock().unpoisoned()
}

/// Make a piece for `memo`, or straight away without one (a full build).
pub fn piece(
    memo: Option<&ItemMemo>,
    file: Piece,
    rel: &str,
    make: impl FnOnce() -> String,
) -> String {
    match memo {
        Some(m) => m.get(file, rel, make),
        None => make(),
    }
}
