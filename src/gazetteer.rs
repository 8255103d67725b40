//! Gazetteers: UTF-8 TSV files with a header row naming the columns, `#`
//! comments, one entry a line, `|` between the items of a list cell. The
//! built-in files are compiled in; `--gazetteer` files go through the same
//! parser and are merged over them (stages apply "a later entry with the same
//! key replaces or extends"). A file's kind is told by its header, so a user
//! file may have any name. A bad line is an error naming `file:line`.

use crate::error::{GazetteerError, GazetteerErrorKind};
use std::path::{Path, PathBuf};

/// The kinds of gazetteer, each with its exact header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Abbreviations,
    Furniture,
    Months,
    Weekdays,
    Numbers,
}

impl Kind {
    const ALL: [(Kind, &'static [&'static str]); 5] = [
        (Kind::Abbreviations, &["abbreviation", "class"]),
        (Kind::Furniture, &["phrase"]),
        (Kind::Months, &["name", "month", "language"]),
        (Kind::Weekdays, &["name", "weekday", "language"]),
        (Kind::Numbers, &["word", "value", "kind", "language"]),
    ];

    /// The columns of this kind, in order.
    pub fn columns(self) -> &'static [&'static str] {
        Kind::ALL.iter().find(|(k, _)| *k == self).map_or(&[], |(_, c)| c)
    }

    fn from_header(fields: &[&str]) -> Option<Kind> {
        Kind::ALL.iter().find(|(_, c)| *c == fields).map(|(k, _)| *k)
    }
}

/// The built-in gazetteers: (file name, contents).
const BUILTIN: &[(&str, &str)] = &[
    ("abbreviations.tsv", include_str!("../gazetteers/abbreviations.tsv")),
    ("furniture.tsv", include_str!("../gazetteers/furniture.tsv")),
    ("months.tsv", include_str!("../gazetteers/months.tsv")),
    ("weekdays.tsv", include_str!("../gazetteers/weekdays.tsv")),
    ("numbers.tsv", include_str!("../gazetteers/numbers.tsv")),
];

/// One entry line: its 1-based line number and its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Line number in its file.
    pub line: usize,
    /// The tab-separated fields, as many as the header has.
    pub fields: Vec<String>,
}

impl Row {
    /// The `i`th field.
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", String::as_str)
    }
    /// The `i`th field split on `|`, empty items dropped.
    pub fn list(&self, i: usize) -> impl Iterator<Item = &str> {
        self.get(i).split('|').map(str::trim).filter(|s| !s.is_empty())
    }
}

/// One parsed gazetteer file.
#[derive(Clone, Debug)]
pub struct File {
    /// Its path as named (built-ins: `builtin:NAME`).
    pub path: String,
    /// Its kind, from the header.
    pub kind: Kind,
    /// Its entries.
    pub rows: Vec<Row>,
}

impl File {
    /// A `path:line` error for `row` in this file.
    pub fn error(&self, row: &Row, kind: GazetteerErrorKind) -> GazetteerError {
        GazetteerError { path: self.path.clone(), line: row.line, kind }
    }
}

/// Parses one gazetteer file; the header tells its kind.
pub fn parse(path: &str, text: &str) -> Result<File, GazetteerError> {
    let err = |line, kind| GazetteerError { path: path.to_string(), line, kind };
    let mut kind = None;
    let mut rows = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = if line == 1 { raw.trim_start_matches('\u{feff}') } else { raw };
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        let Some(k) = kind else {
            let trimmed: Vec<&str> = fields.iter().map(|f| f.trim()).collect();
            kind = Some(Kind::from_header(&trimmed).ok_or_else(|| {
                err(line, GazetteerErrorKind::UnknownHeader(trimmed.join("\t")))
            })?);
            continue;
        };
        let expected = Kind::columns(k).len();
        if fields.len() != expected {
            return Err(err(line, GazetteerErrorKind::FieldCount { expected, got: fields.len() }));
        }
        if fields[0].trim().is_empty() {
            return Err(err(line, GazetteerErrorKind::EmptyField(Kind::columns(k)[0])));
        }
        rows.push(Row { line, fields: fields.iter().map(|f| f.trim().to_string()).collect() });
    }
    let kind = kind.ok_or_else(|| err(0, GazetteerErrorKind::MissingHeader))?;
    Ok(File { path: path.to_string(), kind, rows })
}

/// Reads and parses one file from disk.
pub fn read(path: &Path) -> Result<File, GazetteerError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| GazetteerError {
        path: shown.clone(),
        line: 0,
        kind: GazetteerErrorKind::Unreadable(e.to_string()),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| GazetteerError {
        path: shown.clone(),
        line: 0,
        kind: GazetteerErrorKind::NotUtf8,
    })?;
    parse(&shown, &text)
}

/// The `.tsv` files a user path names: the file itself, or a folder's `*.tsv` in sorted order.
pub fn files_under(path: &Path) -> Result<Vec<PathBuf>, GazetteerError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let unreadable = |e: std::io::Error| GazetteerError {
        path: path.display().to_string(),
        line: 0,
        kind: GazetteerErrorKind::Unreadable(e.to_string()),
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).map_err(unreadable)? {
        let p = entry.map_err(unreadable)?.path();
        if p.is_file() && p.extension().is_some_and(|e| e == "tsv") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// All gazetteer files in merge order: built-ins first, then the user's.
#[derive(Clone, Debug)]
pub struct Gazetteers {
    files: Vec<File>,
}

impl Gazetteers {
    /// The built-in gazetteers only.
    pub fn builtin() -> Gazetteers {
        let files = BUILTIN
            .iter()
            .map(|(name, text)| {
                // The built-ins are checked by a unit test, so this holds in any built binary.
                parse(&format!("builtin:{name}"), text).expect("built-in gazetteer parses")
            })
            .collect();
        Gazetteers { files }
    }

    /// The built-ins merged with the user's files or folders.
    pub fn with_user(paths: &[PathBuf]) -> Result<Gazetteers, GazetteerError> {
        let mut g = Gazetteers::builtin();
        for p in paths {
            for f in files_under(p)? {
                g.files.push(read(&f)?);
            }
        }
        Ok(g)
    }

    /// The files of one kind, in merge order.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &File> {
        self.files.iter().filter(move |f| f.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_file_parses() {
        for (name, text) in BUILTIN {
            if let Err(e) = parse(name, text) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let cases: &[(&str, &str, &str)] = &[
            ("no header", "Mr.\ttitle\n", "x.tsv:1: header \"Mr.\\ttitle\" names no known gazetteer kind"),
            ("field count", "abbreviation\tclass\nMr.\n", "x.tsv:2: expected 2 tab-separated fields, found 1"),
            ("too many", "# c\nabbreviation\tclass\nMr.\ttitle\tx\n", "x.tsv:3: expected 2 tab-separated fields, found 3"),
            ("empty key", "abbreviation\tclass\n\ttitle\n", "x.tsv:2: empty abbreviation"),
            ("only comments", "# nothing\n\n", "x.tsv: no header row naming the columns"),
        ];
        for (name, text, want) in cases {
            let got = parse("x.tsv", text).map(|_| ()).unwrap_err().to_string();
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn rows_keep_line_numbers_and_lists() {
        let f = parse("x.tsv", "# c\nabbreviation\tclass\n\nMr.\ttitle|x\r\n").expect("parses");
        assert_eq!(f.kind, Kind::Abbreviations);
        assert_eq!(f.rows[0].line, 4);
        assert_eq!(f.rows[0].list(1).collect::<Vec<_>>(), ["title", "x"]);
    }
}
