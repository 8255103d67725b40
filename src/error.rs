//! Error types: a bad gazetteer line (stops the run), a bad input document
//! (reported, the batch goes on), and the top-level [`Error`].

use std::fmt;
use std::path::PathBuf;

/// What is wrong with one gazetteer line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GazetteerErrorKind {
    /// The file cannot be read.
    Unreadable(String),
    /// The file is not valid UTF-8.
    NotUtf8,
    /// No header row before the first entry.
    MissingHeader,
    /// The header does not name the columns of any known gazetteer kind.
    UnknownHeader(String),
    /// A line has the wrong number of tab-separated fields.
    FieldCount { expected: usize, got: usize },
    /// A required field is empty.
    EmptyField(&'static str),
    /// A field's value is not allowed.
    BadValue {
        column: &'static str,
        value: String,
        why: &'static str,
    },
    /// The same key appears twice in one file.
    Duplicate(String),
}

/// A gazetteer problem at `path:line` (line 0 = the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerError {
    /// The file, as the user named it (or `builtin:NAME`).
    pub path: String,
    /// 1-based line number, or 0 when the problem is the whole file.
    pub line: usize,
    /// What is wrong.
    pub kind: GazetteerErrorKind,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.path, self.line)?;
        } else {
            write!(f, "{}: ", self.path)?;
        }
        match &self.kind {
            GazetteerErrorKind::Unreadable(e) => write!(f, "cannot read: {e}"),
            GazetteerErrorKind::NotUtf8 => write!(f, "not valid UTF-8"),
            GazetteerErrorKind::MissingHeader => write!(f, "no header row naming the columns"),
            GazetteerErrorKind::UnknownHeader(h) => {
                write!(f, "header {h:?} names no known gazetteer kind")
            }
            GazetteerErrorKind::FieldCount { expected, got } => {
                write!(f, "expected {expected} tab-separated fields, found {got}")
            }
            GazetteerErrorKind::EmptyField(c) => write!(f, "empty {c}"),
            GazetteerErrorKind::BadValue { column, value, why } => {
                write!(f, "{column} {value:?}: {why}")
            }
            GazetteerErrorKind::Duplicate(k) => write!(f, "{k:?} is listed twice"),
        }
    }
}

impl std::error::Error for GazetteerError {}

/// Why one input document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The file or stream could not be read (I/O error text).
    Unreadable(String),
    /// Bytes that are not UTF-8, at this byte offset.
    InvalidUtf8 { offset: usize },
    /// A NUL byte at this offset: a binary file, not text.
    Binary { offset: usize },
    /// Larger than `--max-bytes`.
    TooLarge { size: u64, limit: u64 },
    /// A jsonl line that is not a usable record.
    BadJsonl(String),
    /// A saved page whose main text could not be found.
    BadHtml(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Unreadable(e) => write!(f, "cannot read: {e}"),
            InputError::InvalidUtf8 { offset } => write!(
                f,
                "invalid UTF-8 at byte {offset}; if the file uses another encoding, \
                 name it with --encoding (e.g. --encoding windows-1252)"
            ),
            InputError::Binary { offset } => {
                write!(f, "binary data (NUL byte at byte {offset}), not text")
            }
            InputError::TooLarge { size, limit } => {
                write!(f, "{size} bytes is more than --max-bytes {limit}")
            }
            InputError::BadJsonl(e) => write!(f, "bad jsonl record: {e}"),
            InputError::BadHtml(e) => write!(f, "bad html: {e}"),
        }
    }
}

impl std::error::Error for InputError {}

/// Any error the library reports.
#[derive(Debug)]
pub enum Error {
    /// A gazetteer problem (exit status 2).
    Gazetteer(GazetteerError),
    /// An input document problem, with the document's path or id.
    Input { source: String, error: InputError },
    /// Bad usage: a bad option value or combination (exit status 2).
    Usage(String),
    /// Writing output failed.
    Output { path: PathBuf, error: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Gazetteer(e) => e.fmt(f),
            Error::Input { source, error } => write!(f, "{source}: {error}"),
            Error::Usage(e) => f.write_str(e),
            Error::Output { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

impl From<GazetteerError> for Error {
    fn from(e: GazetteerError) -> Error {
        Error::Gazetteer(e)
    }
}
