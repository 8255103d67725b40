//! Where documents come from: files, folders (searched recursively, sorted),
//! stdin, and jsonl records; decoding (UTF-8 with or without BOM, UTF-16 by
//! its BOM, or a named legacy encoding) and the checks that turn bad input
//! into an [`InputError`] naming the problem instead of a panic.
//!
//! Enumerating sources is cheap and sequential (it keeps input order);
//! reading and decoding a source is done by [`load`], which the worker
//! threads call, so a slow disk or a big file does not stall the rest.

use crate::calendar::Date;
use crate::error::InputError;
use encoding_rs::Encoding;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How the input is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// One document per file (or stdin).
    #[default]
    Text,
    /// One JSON object per line: `{"id", "text", "published"?}`.
    Jsonl,
    /// Saved release pages: their main text is read (see `page.rs`).
    Html,
}

/// How to read input bytes.
#[derive(Clone, Copy, Debug, Default)]
pub struct InputConfig {
    /// Text or jsonl.
    pub format: InputFormat,
    /// `--encoding`: decode with this instead of UTF-8.
    pub encoding: Option<&'static Encoding>,
    /// `--max-bytes`: larger documents (or jsonl lines) are refused.
    pub max_bytes: Option<u64>,
}

/// Where one document comes from. `origin` names it in error messages.
#[derive(Debug)]
pub enum Source {
    /// A text file, read by the worker.
    File { path: PathBuf, id: String },
    /// The whole of stdin as one text.
    Bytes {
        origin: String,
        id: String,
        bytes: Vec<u8>,
    },
    /// One jsonl line (without its line end).
    JsonlLine {
        origin: String,
        line: usize,
        bytes: Vec<u8>,
    },
}

/// A document ready for extraction.
#[derive(Debug)]
pub struct Loaded {
    /// Its id.
    pub id: String,
    /// Its decoded text.
    pub text: String,
    /// A release date given with it (jsonl `published`).
    pub published: Option<Date>,
}

/// A document that could not be read: its id, where it came from, and why.
#[derive(Debug)]
pub struct Failed {
    /// The id its error record carries.
    pub id: String,
    /// Path or `stdin:LINE`, for the message `pressx: <origin>: <error>`.
    pub origin: String,
    /// What went wrong.
    pub error: InputError,
}

impl Source {
    /// The id this source's record (or error record) will carry, when known before loading.
    fn fallback_id(&self) -> String {
        match self {
            Source::File { id, .. } | Source::Bytes { id, .. } => id.clone(),
            Source::JsonlLine { origin, line, .. } => format!("{origin}:{line}"),
        }
    }
    fn origin(&self) -> String {
        match self {
            Source::File { path, .. } => path.display().to_string(),
            Source::Bytes { origin, .. } => origin.clone(),
            Source::JsonlLine { origin, line, .. } => format!("{origin}:{line}"),
        }
    }
}

/// Every source the command line names, in order, as a stream: folders are
/// walked (sorted by path; symbolic links to folders are not followed, so a
/// link loop cannot trap the walk), jsonl files and stdin are read a line at
/// a time. `-` (or no path) is stdin.
pub fn sources(
    paths: &[PathBuf],
    config: InputConfig,
) -> impl Iterator<Item = Result<Source, Failed>> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    paths.into_iter().flat_map(move |p| expand(p, config))
}

type Stream = Box<dyn Iterator<Item = Result<Source, Failed>>>;

fn expand(path: PathBuf, config: InputConfig) -> Stream {
    let jsonl = config.format == InputFormat::Jsonl;
    if path.as_os_str() == "-" {
        if jsonl {
            return Box::new(jsonl_lines(
                "stdin".into(),
                Box::new(std::io::stdin().lock()),
                config,
            ));
        }
        let result =
            read_limited(std::io::stdin().lock(), config.max_bytes).map(|bytes| Source::Bytes {
                origin: "stdin".into(),
                id: "stdin".into(),
                bytes,
            });
        return Box::new(std::iter::once(result.map_err(|error| Failed {
            id: "stdin".into(),
            origin: "stdin".into(),
            error,
        })));
    }
    let meta = match fs::metadata(&path) {
        Ok(m) => m,
        Err(e) => return Box::new(std::iter::once(Err(unreadable(&path, stem(&path), e)))),
    };
    if meta.is_dir() {
        let ext: &'static [&'static str] = match config.format {
            InputFormat::Jsonl => &["jsonl"],
            InputFormat::Html => &["html", "htm"],
            InputFormat::Text => &["txt"],
        };
        let files = Walk::new(path, ext).map(move |found| match found {
            Err(failed) => Box::new(std::iter::once(Err(failed))) as Stream,
            Ok((_, p)) if jsonl => open_jsonl(p, config),
            Ok((rel, p)) => Box::new(std::iter::once(Ok(Source::File { path: p, id: rel }))),
        });
        return Box::new(files.flatten());
    }
    if jsonl {
        return open_jsonl(path, config);
    }
    let id = stem(&path);
    Box::new(std::iter::once(Ok(Source::File { path, id })))
}

fn open_jsonl(path: PathBuf, config: InputConfig) -> Stream {
    match fs::File::open(&path) {
        Ok(f) => Box::new(jsonl_lines(
            path.display().to_string(),
            Box::new(BufReader::new(f)),
            config,
        )),
        Err(e) => Box::new(std::iter::once(Err(unreadable(&path, stem(&path), e)))),
    }
}

fn unreadable(path: &Path, id: String, e: std::io::Error) -> Failed {
    Failed {
        id,
        origin: path.display().to_string(),
        error: InputError::Unreadable(e.to_string()),
    }
}

/// The file name without its extension: the id of a file named directly.
fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// The `*.ext` files under a folder as (id, path), in order of id (the path
/// relative to the root without the extension, `/` between folders),
/// listing one folder at a time: only the folders on the way down to the
/// current file are held in memory, never the whole tree, so a folder of
/// 100,000 files streams like a jsonl file. An unreadable folder is an error
/// in its place.
struct Walk {
    root: PathBuf,
    /// The extensions wanted, without the dot.
    ext: &'static [&'static str],
    /// Per open folder: its path relative to the root (as an id prefix) and
    /// its entries not yet visited, last to visit first.
    stack: Vec<(String, PathBuf, Vec<WalkEntry>)>,
    /// Errors met while listing a folder, to report before going on.
    pending: Vec<Failed>,
}

/// A folder entry worth visiting: a sub-folder, or a file with the extension.
struct WalkEntry {
    name: std::ffi::OsString,
    dir: bool,
    /// A file's name without its extension, in bytes.
    stem: usize,
}

impl WalkEntry {
    /// The bytes this entry's ids start with: a folder's name and `/`, or a
    /// file's name without the extension. Comparing these gives id order.
    fn key(&self) -> impl Iterator<Item = u8> + '_ {
        let name = self.name.as_encoded_bytes();
        let (base, slash): (&[u8], &[u8]) = if self.dir {
            (name, b"/")
        } else {
            (&name[..self.stem], b"")
        };
        base.iter().chain(slash).copied()
    }
}

impl Walk {
    fn new(root: PathBuf, ext: &'static [&'static str]) -> Walk {
        let mut walk = Walk {
            root,
            ext,
            stack: Vec::new(),
            pending: Vec::new(),
        };
        let root = walk.root.clone();
        if let Some(entries) = walk.list(&root) {
            walk.stack.push((String::new(), root, entries));
        }
        walk
    }

    /// The entries of `dir` to visit, sorted so that `pop` gives the first;
    /// what cannot be read goes to `pending`.
    fn list(&mut self, dir: &Path) -> Option<Vec<WalkEntry>> {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.pending.push(unreadable(dir, stem(dir), e));
                return None;
            }
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.pending.push(unreadable(dir, stem(dir), e));
                    continue;
                }
            };
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            let path = Path::new(&name);
            if kind.is_dir() {
                out.push(WalkEntry {
                    name,
                    dir: true,
                    stem: 0,
                });
            } else if let Some(e) = path
                .extension()
                .filter(|e| self.ext.iter().any(|x| **e == **x))
            {
                let stem = name.len() - e.len() - 1;
                if kind.is_file() || readable_link(&dir.join(&name)) {
                    out.push(WalkEntry {
                        name,
                        dir: false,
                        stem,
                    });
                }
            }
        }
        out.sort_by(|a, b| b.key().cmp(a.key()).then_with(|| b.name.cmp(&a.name)));
        Some(out)
    }
}

impl Iterator for Walk {
    type Item = Result<(String, PathBuf), Failed>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if !self.pending.is_empty() {
                return Some(Err(self.pending.remove(0)));
            }
            let (prefix, dir, entries) = self.stack.last_mut()?;
            let Some(entry) = entries.pop() else {
                self.stack.pop();
                continue;
            };
            let path = dir.join(&entry.name);
            let name = entry.name.to_string_lossy();
            if entry.dir {
                let prefix = format!("{prefix}{name}/");
                if let Some(entries) = self.list(&path) {
                    self.stack.push((prefix, path, entries));
                }
            } else {
                let stem = Path::new(&entry.name).file_stem().unwrap_or_default();
                let id = format!("{prefix}{}", stem.to_string_lossy());
                return Some(Ok((id, path)));
            }
        }
    }
}

/// Whether a symlink found in a folder should be listed: it leads to a file,
/// or it leads nowhere (dangling, or a loop), so that `load` reports it
/// instead of the document silently vanishing.
fn readable_link(path: &Path) -> bool {
    path.is_file() || fs::metadata(path).is_err()
}

fn read_limited(reader: impl Read, max: Option<u64>) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    let limit = max.map_or(u64::MAX, |m| m.saturating_add(1));
    reader
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Unreadable(e.to_string()))?;
    match max {
        Some(m) if bytes.len() as u64 > m => Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit: m,
        }),
        _ => Ok(bytes),
    }
}

fn jsonl_lines(
    origin: String,
    mut reader: Box<dyn BufRead>,
    config: InputConfig,
) -> impl Iterator<Item = Result<Source, Failed>> {
    let mut line = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        line += 1;
        let mut bytes = Vec::new();
        let limit = config.max_bytes.map_or(u64::MAX, |m| m.saturating_add(2));
        let read = (&mut reader).take(limit).read_until(b'\n', &mut bytes);
        match read {
            Ok(0) => {
                done = true;
                None
            }
            Ok(_) => {
                let complete = bytes.ends_with(b"\n");
                if complete {
                    bytes.pop();
                    if bytes.ends_with(b"\r") {
                        bytes.pop();
                    }
                }
                match config.max_bytes {
                    Some(m) if bytes.len() as u64 > m => {
                        // Skip the rest of the over-long line.
                        if !complete {
                            let _ = skip_line(&mut reader);
                        }
                        Some(Err(Failed {
                            id: format!("{origin}:{line}"),
                            origin: format!("{origin}:{line}"),
                            error: InputError::TooLarge {
                                size: bytes.len() as u64,
                                limit: m,
                            },
                        }))
                    }
                    _ => Some(Ok(Source::JsonlLine {
                        origin: origin.clone(),
                        line,
                        bytes,
                    })),
                }
            }
            Err(e) => {
                done = true;
                Some(Err(Failed {
                    id: format!("{origin}:{line}"),
                    origin: origin.clone(),
                    error: InputError::Unreadable(e.to_string()),
                }))
            }
        }
    })
}

fn skip_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            reader.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        reader.consume(n);
    }
}

/// [`decode`] for owned bytes: plain UTF-8 (no BOM, no `--encoding`) becomes
/// the text without a copy.
pub fn decode_owned(
    bytes: Vec<u8>,
    encoding: Option<&'static Encoding>,
) -> Result<String, InputError> {
    let plain = Encoding::for_bom(&bytes).is_none()
        && encoding.is_none_or(|e| e == encoding_rs::UTF_8)
        && !bytes.contains(&0);
    if !plain {
        return decode(&bytes, encoding);
    }
    String::from_utf8(bytes).map_err(|e| InputError::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Decodes document bytes: a BOM decides (UTF-8, UTF-16LE/BE); else the
/// `--encoding`; else UTF-8, strictly. NUL bytes mean a binary file.
pub fn decode(bytes: &[u8], encoding: Option<&'static Encoding>) -> Result<String, InputError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        if enc == encoding_rs::UTF_8 {
            return decode_utf8(&bytes[bom..], bom);
        }
        return decode_with(enc, &bytes[bom..]);
    }
    match encoding {
        Some(enc) if enc != encoding_rs::UTF_8 => decode_with(enc, bytes),
        _ => decode_utf8(bytes, 0),
    }
}

fn decode_utf8(bytes: &[u8], shift: usize) -> Result<String, InputError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::Binary {
            offset: offset + shift,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(InputError::InvalidUtf8 {
            offset: e.valid_up_to() + shift,
        }),
    }
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Result<String, InputError> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    if let Some(offset) = text.find('\0') {
        return Err(InputError::Binary { offset });
    }
    Ok(text.into_owned())
}

/// The encoding `--encoding NAME` names (WHATWG labels: windows-1252, latin1, utf-16le, …).
pub fn encoding_for(name: &str) -> Option<&'static Encoding> {
    let label = match name.to_ascii_lowercase().as_str() {
        "utf-16" | "utf16" => "utf-16le",
        other => return Encoding::for_label(other.as_bytes()),
    };
    Encoding::for_label(label.as_bytes())
}

#[derive(serde::Deserialize)]
struct JsonlRecord {
    id: Option<serde_json::Value>,
    // Defaulted so that a record without text still gives its id to the error record.
    #[serde(default)]
    text: serde_json::Value,
    #[serde(default)]
    published: Option<String>,
}

/// The text pressx reads: a saved page's main text with `--input html`.
fn main_text(decoded: String, config: &InputConfig) -> String {
    if config.format == InputFormat::Html {
        crate::page::main_text(&decoded)
    } else {
        decoded
    }
}

/// Reads and decodes one source. On failure the error carries the id the
/// error record should have.
pub fn load(source: Source, config: &InputConfig) -> Result<Loaded, Failed> {
    let id = source.fallback_id();
    let origin = source.origin();
    let fail = |error| Failed {
        id: id.clone(),
        origin: origin.clone(),
        error,
    };
    match source {
        Source::File { path, id } => {
            let file =
                fs::File::open(&path).map_err(|e| fail(InputError::Unreadable(e.to_string())))?;
            if let (Some(limit), Ok(meta)) = (config.max_bytes, file.metadata()) {
                if meta.len() > limit {
                    return Err(fail(InputError::TooLarge {
                        size: meta.len(),
                        limit,
                    }));
                }
            }
            let bytes = read_limited(file, config.max_bytes).map_err(fail)?;
            let text = main_text(decode_owned(bytes, config.encoding).map_err(fail)?, config);
            Ok(Loaded {
                id,
                text,
                published: None,
            })
        }
        Source::Bytes { id, bytes, .. } => {
            let text = main_text(decode_owned(bytes, config.encoding).map_err(fail)?, config);
            Ok(Loaded {
                id,
                text,
                published: None,
            })
        }
        Source::JsonlLine { bytes, .. } => {
            let line = decode_owned(bytes, config.encoding).map_err(fail)?;
            let bad = |e: String| fail(InputError::BadJsonl(e));
            let value: serde_json::Value =
                serde_json::from_str(&line).map_err(|e| bad(format!("not JSON: {e}")))?;
            if !value.is_object() {
                return Err(bad("not a JSON object".into()));
            }
            let rec: JsonlRecord = serde_json::from_value(value).map_err(|e| {
                bad(e
                    .to_string()
                    .replace("missing field `text`", "no \"text\" field"))
            })?;
            let id = match rec.id {
                None | Some(serde_json::Value::Null) => id.clone(),
                Some(serde_json::Value::String(s)) => s,
                Some(serde_json::Value::Number(n)) => n.to_string(),
                Some(_) => return Err(bad("\"id\" must be a string or a number".into())),
            };
            let fail = |e: String| Failed {
                id: id.clone(),
                origin: origin.clone(),
                error: InputError::BadJsonl(e),
            };
            let serde_json::Value::String(text) = rec.text else {
                let what = match rec.text {
                    serde_json::Value::Null => "no \"text\" field",
                    _ => "\"text\" must be a string",
                };
                return Err(fail(what.into()));
            };
            let published = match rec.published {
                None => None,
                Some(p) => Some(Date::parse_iso(&p).ok_or_else(|| {
                    fail(format!("\"published\" {p:?} is not a YYYY-MM-DD date"))
                })?),
            };
            Ok(Loaded {
                id,
                text,
                published,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        let cases: &[(&str, &[u8], Option<&str>, Result<&str, InputError>)] = &[
            ("utf-8", b"Caf\xc3\xa9", None, Ok("Café")),
            ("utf-8 bom", b"\xef\xbb\xbfHi", None, Ok("Hi")),
            ("utf-16le bom", b"\xff\xfeH\x00i\x00", None, Ok("Hi")),
            ("utf-16be bom", b"\xfe\xff\x00H\x00i", None, Ok("Hi")),
            (
                "invalid",
                b"ab\xe9cd",
                None,
                Err(InputError::InvalidUtf8 { offset: 2 }),
            ),
            (
                "invalid after bom",
                b"\xef\xbb\xbfab\xff",
                None,
                Err(InputError::InvalidUtf8 { offset: 5 }),
            ),
            (
                "binary",
                b"ab\x00cd",
                None,
                Err(InputError::Binary { offset: 2 }),
            ),
            (
                "windows-1252",
                b"caf\xe9 \x93x\x94",
                Some("windows-1252"),
                Ok("café “x”"),
            ),
            ("latin1", b"caf\xe9", Some("latin1"), Ok("café")),
            ("utf-16 named", b"H\x00i\x00", Some("utf-16"), Ok("Hi")),
            ("empty", b"", None, Ok("")),
        ];
        for (name, bytes, enc, want) in cases {
            let enc = enc.map(|e| encoding_for(e).expect("known encoding"));
            let got = decode(bytes, enc);
            assert_eq!(got.as_deref().map_err(Clone::clone), want.clone(), "{name}");
        }
    }

    #[test]
    fn a_folder_walk_gives_ids_in_sorted_order() {
        let root = std::env::temp_dir().join(format!("pressx-walk-{}", std::process::id()));
        let files = [
            "b/c/d.txt",
            "a/x.txt",
            "a-b.txt",
            "a.txt",
            "a.b.txt",
            "skip.md",
            "e/empty/.keep",
        ];
        for f in files {
            let p = root.join(f);
            fs::create_dir_all(p.parent().expect("has a parent")).expect("temp folder");
            fs::write(&p, "x").expect("temp file");
        }
        let ids: Vec<String> = Walk::new(root.clone(), &["txt"])
            .map(|r| r.map(|(id, _)| id).map_err(|f| f.origin))
            .collect::<Result<_, _>>()
            .expect("readable");
        let _ = fs::remove_dir_all(&root);
        // The order a global sort of the ids gives ('-' < '.' < '/').
        assert_eq!(ids, ["a", "a-b", "a.b", "a/x", "b/c/d"]);
    }

    #[test]
    fn jsonl_records() {
        let config = InputConfig {
            format: InputFormat::Jsonl,
            ..InputConfig::default()
        };
        let load_line = |s: &str| {
            load(
                Source::JsonlLine {
                    origin: "in".into(),
                    line: 3,
                    bytes: s.as_bytes().to_vec(),
                },
                &config,
            )
        };
        let ok = load_line(r#"{"id":"a","text":"T","published":"2020-05-21"}"#).expect("valid");
        assert_eq!((ok.id.as_str(), ok.text.as_str()), ("a", "T"));
        assert_eq!(
            ok.published.map(|d| d.to_string()).as_deref(),
            Some("2020-05-21")
        );
        assert_eq!(load_line(r#"{"text":"T"}"#).expect("valid").id, "in:3");
        assert_eq!(load_line(r#"{"id":7,"text":"T"}"#).expect("valid").id, "7");
        let errors: &[(&str, &str, &str)] = &[
            ("not json", "{nope", "in:3"),
            ("not object", "[1,2]", "in:3"),
            ("no text", r#"{"id":"b"}"#, "b"),
            ("text not string", r#"{"id":"b","text":5}"#, "b"),
            (
                "bad published",
                r#"{"id":"b","text":"T","published":"May 2020"}"#,
                "b",
            ),
            ("bad id", r#"{"id":[1],"text":"T"}"#, "in:3"),
        ];
        for (name, line, want_id) in errors {
            let e = load_line(line).expect_err(name);
            assert_eq!(e.id, *want_id, "{name}");
            assert!(
                matches!(e.error, InputError::BadJsonl(_)),
                "{name}: {:?}",
                e.error
            );
        }
    }
}
