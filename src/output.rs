//! Where records are written, safely. Document ids come from untrusted input
//! (jsonl ids, file names), so an id is turned into a path inside the output
//! folder only when every component is a plain name ("../x", "/abs", "",
//! ".", NUL are refused); no symlink inside the folder is followed or written
//! through; a file that is an input of the run is never overwritten; and two
//! documents that map to the same file do not overwrite each other: the
//! second is an error. Files are written through a temporary created with
//! `create_new` (which never follows a symlink) and renamed into place.
//!
//! The checks run before each write; a process that races them (swapping a
//! folder for a symlink between the check and the rename) is out of scope.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The input files and folders of a run, to tell whether a path is one of them.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// Files named on the command line, canonical.
    files: Vec<PathBuf>,
    /// Folders named on the command line, canonical.
    folders: Vec<PathBuf>,
    /// The extensions of the files read from those folders (`txt`, `jsonl`, `html`…).
    exts: Vec<String>,
}

impl Inputs {
    /// The inputs named by `paths` (`-` is stdin and names no file); `exts`
    /// are what a folder is searched for.
    pub fn new(paths: &[PathBuf], exts: &[&str]) -> Inputs {
        let mut inputs = Inputs {
            exts: exts.iter().map(|e| e.to_string()).collect(),
            ..Inputs::default()
        };
        for p in paths.iter().filter(|p| p.as_os_str() != "-") {
            if let Ok(c) = fs::canonicalize(p) {
                if c.is_dir() {
                    inputs.folders.push(c);
                } else {
                    inputs.files.push(c);
                }
            }
        }
        inputs
    }

    /// Whether `path` is an input: a file named on the command line, or a
    /// file a named folder's search would read.
    pub fn contains(&self, path: &Path) -> bool {
        let Ok(c) = fs::canonicalize(path) else {
            return false;
        };
        self.files.contains(&c)
            || (c
                .extension()
                .is_some_and(|e| self.exts.iter().any(|x| *e == **x))
                && self.folders.iter().any(|f| c.starts_with(f)))
    }
}

/// The path, relative to the output folder, of the record of document `id`:
/// its `/`-separated plain components, `.ext` added to the last.
pub fn relative_path(id: &str, ext: &str) -> Result<PathBuf, String> {
    let refuse = || {
        Err(format!(
            "id {id:?} cannot name a file inside the output folder"
        ))
    };
    if id.contains('\0') {
        return refuse();
    }
    let mut rel = PathBuf::new();
    for c in Path::new(id).components() {
        match c {
            Component::Normal(name) => rel.push(name),
            _ => return refuse(),
        }
    }
    let Some(name) = rel.file_name() else {
        return refuse();
    };
    let mut name = name.to_os_string();
    name.push(".");
    name.push(ext);
    rel.set_file_name(name);
    Ok(rel)
}

/// An output folder receiving one `<id>.<ext>` per document.
#[derive(Debug)]
pub struct OutputDir {
    root: PathBuf,
    ext: String,
    inputs: Inputs,
    /// Relative paths written (or attempted) in this run.
    written: HashSet<PathBuf>,
    /// Relative paths kept for something else, and what.
    reserved: Vec<(PathBuf, String)>,
}

impl OutputDir {
    /// The folder `root` (created if missing; it may itself be a symlink the
    /// user chose) for `<id>.<ext>` files, never overwriting a file of `inputs`.
    pub fn create(root: &Path, ext: &str, inputs: Inputs) -> io::Result<OutputDir> {
        fs::create_dir_all(root)?;
        Ok(OutputDir {
            root: root.to_path_buf(),
            ext: ext.to_string(),
            inputs,
            written: HashSet::new(),
            reserved: Vec::new(),
        })
    }

    /// The folder, as named.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Keeps the file of `id` for `what` (e.g. the index page): a document
    /// with that id is an error instead of being overwritten by it.
    pub fn reserve(&mut self, id: &str, what: &str) {
        if let Ok(rel) = relative_path(id, &self.ext) {
            self.reserved.push((rel, what.to_string()));
        }
    }

    /// Writes the record of `id`; returns where, or why it was not written.
    pub fn write(&mut self, id: &str, bytes: &[u8]) -> Result<PathBuf, String> {
        let rel = relative_path(id, &self.ext)?;
        let target = self.root.join(&rel);
        let shown = target.display().to_string();
        if let Some((_, what)) = self.reserved.iter().find(|(r, _)| *r == rel) {
            return Err(format!("{shown}: is kept for {what}"));
        }
        if !self.written.insert(rel.clone()) {
            return Err(format!(
                "{shown}: another document of this run was written there (id {id:?} \
                 appears twice, or two ids name the same file); not overwriting it"
            ));
        }
        let mut dir = self.root.clone();
        if let Some(parent) = rel.parent() {
            for c in parent.components() {
                dir.push(c);
                enter(&dir)?;
            }
        }
        match fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(format!("{shown}: is a symlink; not writing through it"));
            }
            Ok(m) if m.is_dir() => return Err(format!("{shown}: is a folder")),
            Ok(_) if self.inputs.contains(&target) => {
                return Err(format!("{shown}: is an input file; not overwriting it"));
            }
            _ => {}
        }
        write_atomic(&target, bytes).map_err(|e| format!("{shown}: {e}"))?;
        Ok(target)
    }
}

/// Makes sure `dir` is a real folder (not a symlink), creating it if missing.
fn enter(dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) if m.file_type().is_symlink() => {
            Err(format!("{shown}: is a symlink; not writing through it"))
        }
        Ok(_) => Err(format!("{shown}: is not a folder")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(dir) {
            Ok(()) => Ok(()),
            // Created meanwhile by someone else: check again what it is.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match fs::symlink_metadata(dir) {
                Ok(m) if m.is_dir() => Ok(()),
                _ => Err(format!("{shown}: is not a folder")),
            },
            Err(e) => Err(format!("{shown}: {e}")),
        },
        Err(e) => Err(format!("{shown}: {e}")),
    }
}

/// The temporary beside `path` that [`write_atomic`] renames into place.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.pressx-{}.tmp", std::process::id()))
}

/// Creates the temporary for `path`: `create_new`, so an existing file or
/// symlink there (a stale temporary) is removed, never written through.
pub fn create_temp(path: &Path) -> io::Result<(PathBuf, fs::File)> {
    let temp = temp_path(path);
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
    };
    let file = match open() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(&temp)?;
            open()?
        }
        other => other?,
    };
    Ok((temp, file))
}

/// Writes `bytes` to `path` through a temporary renamed into place (a
/// reader never sees half a record; a symlink at `path` is replaced, not followed).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (temp, mut file) = create_temp(path)?;
    let result = file
        .write_all(bytes)
        .and_then(|()| file.flush())
        .and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_plain_relative_paths() {
        let cases: &[(&str, Option<&str>)] = &[
            ("a", Some("a.json")),
            ("sub/a", Some("sub/a.json")),
            ("sub//a/", Some("sub/a.json")),
            ("a/./b", Some("a/b.json")),
            ("...", Some("....json")),
            ("x.json", Some("x.json.json")),
            ("", None),
            (".", None),
            ("./", None),
            ("..", None),
            ("../x", None),
            ("a/../../x", None),
            ("/etc/passwd", None),
            ("a\0b", None),
        ];
        for (id, want) in cases {
            let got = relative_path(id, "json").ok();
            assert_eq!(got.as_deref(), want.map(Path::new), "{id:?}");
        }
    }
}
