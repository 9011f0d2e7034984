//! Stage 5: write the site into a staging folder beside the output, and swap it in only when the
//! whole build succeeded. A failed or interrupted build leaves the previous output untouched.

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
        self.files.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for MemorySite {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(rel.to_string(), bytes.to_vec());
        Ok(())
    }
}

pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
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
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Swap the staged site in for the target.
    pub fn commit(mut self) -> io::Result<()> {
        let old = self.target.with_file_name(format!(
            ".{}.old-{}",
            self.target
                .file_name()
                .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned()),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            if old.exists() {
                std::fs::remove_dir_all(&old)?;
            }
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(path, bytes)
    }

    fn copy(&self, from: &Path, rel: &str) -> io::Result<()> {
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
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
