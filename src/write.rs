//! Stage 5: write the site into a staging folder beside the output, and swap it in only when the
//! whole build succeeded. A failed or interrupted build leaves the previous output untouched.

use crate::unpoisoned::Unpoisoned;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where rendered files go: a staging folder for `build`, memory for `serve`.
pub trait Sink: Sync {
    /// Write `bytes` at the site path `rel`.
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Copy a file from disk to the site path `rel`.
    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        self.write(rel, &std::fs::read(from)?)
    }

    /// Where `rel` would be, for messages.
    fn describe(&self, rel: &str) -> PathBuf {
        PathBuf::from(rel)
    }
}

/// A site held in memory, as `serve` keeps it.
#[derive(Debug, Default)]
pub struct MemorySite {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySite {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unpoisoned()
    }
}

impl Sink for MemorySite {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.files
            .lock()
            .unpoisoned()
            .insert(rel.to_string(), bytes.to_vec());
        Ok(())
    }
}

/// A site rendered for its errors alone, as `check` does: every write is accepted and dropped.
#[derive(Debug, Default)]
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _rel: &str, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn copy(&self, from: &Path, _rel: &str) -> io::Result<()> {
        // A static file that cannot be read is still an error a build would meet.
        std::fs::metadata(from).map(|_| ())
    }
}

/// The output being built, beside the target folder.
///
/// The previous output is kept as a hidden spare (`.public.spare`) and reused as the next
/// build's staging folder: files are overwritten in place and only pages that no longer exist
/// are removed, because deleting and recreating thousands of files costs more than rendering
/// them on many disks.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    spare: PathBuf,
    written: Mutex<std::collections::HashSet<String>>,
    committed: bool,
}

impl Staging {
    pub fn new(target: &Path) -> io::Result<Staging> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = target
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.building-{}", std::process::id()));
        let spare = parent.join(format!(".{name}.spare"));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        if spare.is_dir() && std::fs::rename(&spare, &dir).is_ok() {
            // Reused: stale files are removed at commit.
        } else {
            std::fs::create_dir_all(&dir)?;
        }
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            spare,
            written: Mutex::default(),
            committed: false,
        })
    }

    fn record(&self, rel: &str) {
        self.written.lock().unpoisoned().insert(rel.to_string());
    }

    /// Remove what a reused staging folder holds from an older build but this one did not write.
    fn remove_stale(&self) -> io::Result<()> {
        let written = self.written.lock().unpoisoned();
        let mut dirs = Vec::new();
        for e in walkdir::WalkDir::new(&self.dir)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = e
                .path()
                .strip_prefix(&self.dir)
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if e.file_type().is_dir() {
                dirs.push(e.path().to_path_buf());
            } else if !written.contains(&rel) {
                std::fs::remove_file(e.path())?;
            }
        }
        // Deepest first, so emptied parents go too; non-empty folders stay.
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in dirs {
            let _ = std::fs::remove_dir(d);
        }
        Ok(())
    }

    /// Swap the staged site in for the target; the old output becomes the spare.
    pub fn commit(mut self) -> io::Result<()> {
        self.remove_stale()?;
        let had_old = self.target.exists();
        if had_old {
            if self.spare.exists() {
                std::fs::remove_dir_all(&self.spare)?;
            }
            std::fs::rename(&self.target, &self.spare)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&self.spare, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.record(rel);
        let path = self.dir.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(path, bytes)
    }

    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
        self.record(rel);
        let path = self.dir.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::copy(from, path).map(|_| ())
    }

    fn describe(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }
}

impl Drop for Staging {
    /// A failed build's half-written folder becomes the spare (its stale files are cleaned by
    /// the next build); the published output is never touched.
    fn drop(&mut self) {
        if !self.committed && std::fs::rename(&self.dir, &self.spare).is_err() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
