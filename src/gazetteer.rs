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
    Organisations,
    Countries,
    Cities,
    Regions,
    OrgWords,
    Titles,
    Honorifics,
    GivenNames,
    Months,
    Weekdays,
    Numbers,
}

impl Kind {
    const ALL: [(Kind, &'static [&'static str]); 13] = [
        (Kind::Abbreviations, &["abbreviation", "class"]),
        (Kind::Furniture, &["phrase"]),
        (
            Kind::Organisations,
            &[
                "id", "name", "acronyms", "kind", "parent", "country", "variants",
            ],
        ),
        (
            Kind::Countries,
            &["code", "name", "official", "variants", "demonyms"],
        ),
        (Kind::Cities, &["name", "country", "variants", "capital"]),
        (Kind::Regions, &["name", "variants"]),
        (Kind::OrgWords, &["word", "kind"]),
        (Kind::Titles, &["title", "variants", "kind"]),
        (Kind::Honorifics, &["honorific", "variants"]),
        (Kind::GivenNames, &["name", "origin"]),
        (Kind::Months, &["name", "month", "language"]),
        (Kind::Weekdays, &["name", "weekday", "language"]),
        (Kind::Numbers, &["word", "value", "kind", "language"]),
    ];

    /// The columns of this kind, in order.
    pub fn columns(self) -> &'static [&'static str] {
        Kind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or(&[], |(_, c)| c)
    }

    fn from_header(fields: &[&str]) -> Option<Kind> {
        Kind::ALL
            .iter()
            .find(|(_, c)| *c == fields)
            .map(|(k, _)| *k)
    }
}

/// The built-in gazetteers: (file name, contents).
const BUILTIN: &[(&str, &str)] = &[
    (
        "abbreviations.tsv",
        include_str!("../gazetteers/abbreviations.tsv"),
    ),
    ("furniture.tsv", include_str!("../gazetteers/furniture.tsv")),
    ("org_words.tsv", include_str!("../gazetteers/org_words.tsv")),
    (
        "organisations.tsv",
        include_str!("../gazetteers/organisations.tsv"),
    ),
    (
        "organisations-supraverden.tsv",
        include_str!("../gazetteers/organisations-supraverden.tsv"),
    ),
    ("countries.tsv", include_str!("../gazetteers/countries.tsv")),
    ("cities.tsv", include_str!("../gazetteers/cities.tsv")),
    ("regions.tsv", include_str!("../gazetteers/regions.tsv")),
    ("titles.tsv", include_str!("../gazetteers/titles.tsv")),
    (
        "honorifics.tsv",
        include_str!("../gazetteers/honorifics.tsv"),
    ),
    (
        "given_names.tsv",
        include_str!("../gazetteers/given_names.tsv"),
    ),
    ("months.tsv", include_str!("../gazetteers/months.tsv")),
    ("weekdays.tsv", include_str!("../gazetteers/weekdays.tsv")),
    ("numbers.tsv", include_str!("../gazetteers/numbers.tsv")),
];

/// One entry line: its 1-based line number and its text. Fields are cut
/// out of the line when asked for, so a row costs no allocation (the
/// built-in given names alone are some 22,000 rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// Line number in its file.
    pub line: usize,
    /// The line, without its line break: as many tab-separated fields as the
    /// header has.
    text: &'a str,
}

impl<'a> Row<'a> {
    /// The tab-separated fields, trimmed.
    pub fn fields(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.text.split('\t').map(trim)
    }
    /// The `i`th field, trimmed (`""` past the last).
    pub fn get(&self, i: usize) -> &'a str {
        let bytes = self.text.as_bytes();
        if i == 0 {
            // The key, asked for most, is short: a plain loop beats a memchr call.
            let end = bytes
                .iter()
                .position(|&b| b == b'\t')
                .unwrap_or(bytes.len());
            return trim(&self.text[..end]);
        }
        let mut start = 0;
        for _ in 0..i {
            match memchr::memchr(b'\t', &bytes[start..]) {
                Some(k) => start += k + 1,
                None => return "",
            }
        }
        let end = memchr::memchr(b'\t', &bytes[start..]).map_or(bytes.len(), |k| start + k);
        trim(&self.text[start..end])
    }
    /// The first `N` fields, trimmed, in one pass (`""` past the last): for
    /// a reader that wants several fields of a long row.
    pub fn cut<const N: usize>(&self) -> [&'a str; N] {
        let mut out = [""; N];
        let mut start = 0;
        let mut n = 0;
        for j in memchr::memchr_iter(b'\t', self.text.as_bytes()) {
            if n == N {
                return out;
            }
            out[n] = trim(&self.text[start..j]);
            n += 1;
            start = j + 1;
        }
        if n < N {
            out[n] = trim(&self.text[start..]);
        }
        out
    }
    /// The `i`th field split on `|`, empty items dropped.
    pub fn list(&self, i: usize) -> impl Iterator<Item = &'a str> + use<'a> {
        self.get(i)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// `s.trim()`, without decoding a character when `s` starts and ends with
/// ASCII that is not white space (nearly every field).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    let ascii_solid = |b: u8| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r');
    match s.as_bytes() {
        [first, .., last] if ascii_solid(*first) && ascii_solid(*last) => s,
        [only] if ascii_solid(*only) => s,
        _ => s.trim(),
    }
}

/// One parsed gazetteer file; its rows borrow from its text (built-ins are
/// `'static`; a user file's text is kept for the whole run).
#[derive(Clone, Debug)]
pub struct File<'a> {
    /// Its path as named (built-ins: `builtin:NAME`).
    pub path: String,
    /// Its kind, from the header.
    pub kind: Kind,
    /// Its entries.
    pub rows: Vec<Row<'a>>,
    /// A built-in file whose rows `build.rs` compiled into tables (the
    /// given names, into the people's lexicon): they are not parsed at
    /// start-up, and `rows` is empty.
    pub compiled: bool,
}

impl File<'_> {
    /// A `path:line` error for `row` in this file.
    pub fn error(&self, row: &Row<'_>, kind: GazetteerErrorKind) -> GazetteerError {
        GazetteerError {
            path: self.path.clone(),
            line: row.line,
            kind,
        }
    }
}

/// Parses one gazetteer file; the header tells its kind. Stops at the first bad line.
pub fn parse<'a>(path: &str, text: &'a str) -> Result<File<'a>, GazetteerError> {
    let (file, mut errors) = parse_all(path, text);
    match file {
        Some(f) if errors.is_empty() => Ok(f),
        _ => Err(errors.swap_remove(0)),
    }
}

/// Parses one gazetteer file and reports every bad line (for `pressx gazetteer lint`).
/// The file is `None` when it has no usable header.
pub fn parse_all<'a>(path: &str, text: &'a str) -> (Option<File<'a>>, Vec<GazetteerError>) {
    let err = |line, kind| GazetteerError {
        path: path.to_string(),
        line,
        kind,
    };
    let mut lines = entry_lines(text);
    let kind = match header(&mut lines) {
        Ok(kind) => kind,
        Err((line, kind)) => return (None, vec![err(line, kind)]),
    };
    let expected = kind.columns().len();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (line, text) in lines {
        let got = text.bytes().filter(|&b| b == b'\t').count() + 1;
        if got != expected {
            errors.push(err(line, GazetteerErrorKind::FieldCount { expected, got }));
            continue;
        }
        let row = Row { line, text };
        match kind.check(&row) {
            Ok(()) => rows.push(row),
            Err(e) => errors.push(err(line, e)),
        }
    }
    (
        Some(File {
            path: path.to_string(),
            kind,
            rows,
            compiled: false,
        }),
        errors,
    )
}

/// Parses a built-in file without checking its rows: a unit test checks
/// every built-in file ([`parse`] on each), so a built binary's are good,
/// and checking 22,000 given names again at every start-up would be waste.
/// A `compiled` file's rows are left out (its header is still read).
fn parse_builtin(path: String, text: &'static str, compiled: bool) -> File<'static> {
    let mut lines = entry_lines(text);
    let kind = header(&mut lines).expect("every built-in file has a known header (unit-tested)");
    let rows = if compiled {
        Vec::new()
    } else {
        // Sized by the line breaks, so the rows are never moved while growing.
        let mut rows = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count());
        rows.extend(lines.map(|(line, text)| Row { line, text }));
        rows
    };
    File {
        path,
        kind,
        rows,
        compiled,
    }
}

/// The built-in files that `build.rs` compiles into tables (the given
/// names, into the people's lexicon): their rows are not parsed at start-up.
const COMPILED: &[&str] = &["given_names.tsv"];

/// The entry lines of a file (header included): (1-based line number, line)
/// for each line that is neither blank nor a `#` comment, without its line
/// break, trailing carriage returns or the first line's byte-order mark.
fn entry_lines(text: &str) -> EntryLines<'_> {
    EntryLines {
        text,
        pos: 0,
        line: 0,
    }
}

/// The iterator of [`entry_lines`]: one `memchr` a line.
struct EntryLines<'a> {
    text: &'a str,
    /// Where the next line starts.
    pos: usize,
    /// The number of the line before it.
    line: usize,
}

impl<'a> Iterator for EntryLines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        while self.pos < self.text.len() {
            let rest = &self.text[self.pos..];
            let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
            self.pos += end + 1;
            self.line += 1;
            let mut raw = &rest[..end];
            if self.line == 1 {
                raw = raw.trim_start_matches('\u{feff}');
            }
            let raw = raw.trim_end_matches('\r');
            if !raw.starts_with('#') && !raw.trim_start().is_empty() {
                return Some((self.line, raw));
            }
        }
        None
    }
}

/// The kind the first entry line (the header) names, or the error at its line.
fn header<'a>(
    lines: &mut impl Iterator<Item = (usize, &'a str)>,
) -> Result<Kind, (usize, GazetteerErrorKind)> {
    let Some((line, text)) = lines.next() else {
        return Err((0, GazetteerErrorKind::MissingHeader));
    };
    let names: Vec<&str> = text.split('\t').map(str::trim).collect();
    Kind::from_header(&names)
        .ok_or_else(|| (line, GazetteerErrorKind::UnknownHeader(names.join("\t"))))
}

fn bad_value(column: &'static str, value: &str, why: &'static str) -> GazetteerErrorKind {
    GazetteerErrorKind::BadValue {
        column,
        value: value.to_string(),
        why,
    }
}

/// Lower-case ASCII letters, digits and inner hyphens.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// Two upper-case ASCII letters.
pub(crate) fn valid_country(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Starts with an upper-case letter.
fn starts_with_capital(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

impl Kind {
    /// Checks the values of one row of this kind (the field count is already right).
    fn check(self, row: &Row<'_>) -> Result<(), GazetteerErrorKind> {
        let columns = self.columns();
        if row.get(0).is_empty() {
            return Err(GazetteerErrorKind::EmptyField(columns[0]));
        }
        if row
            .fields()
            .any(|f| f.split('|').count() > 1 && f.split('|').any(|x| x.trim().is_empty()))
        {
            return Err(GazetteerErrorKind::BadValue {
                column: "list",
                value: row
                    .fields()
                    .find(|f| f.contains("||") || f.starts_with('|') || f.ends_with('|'))
                    .map_or_else(String::new, |f| f.to_string()),
                why: "has an empty item between '|'",
            });
        }
        let org_kind = |v: &str| crate::document::OrgKind::parse(v).is_some();
        match self {
            Kind::Abbreviations => {
                if !row.get(0).ends_with('.') {
                    return Err(bad_value(
                        "abbreviation",
                        row.get(0),
                        "must end in a full stop",
                    ));
                }
                if !matches!(row.get(1), "title" | "inner" | "number" | "final") {
                    return Err(bad_value(
                        "class",
                        row.get(1),
                        "must be title, inner, number or final",
                    ));
                }
            }
            Kind::Organisations => {
                if !valid_id(row.get(0)) {
                    return Err(bad_value(
                        "id",
                        row.get(0),
                        "must be lower-case letters, digits and hyphens",
                    ));
                }
                if !row.get(3).is_empty() && !org_kind(row.get(3)) {
                    return Err(bad_value(
                        "kind",
                        row.get(3),
                        "must be igo, agency, police, ministry, government, ngo, company or other",
                    ));
                }
                if !row.get(5).is_empty() && !valid_country(row.get(5)) {
                    return Err(bad_value(
                        "country",
                        row.get(5),
                        "must be an ISO 3166 alpha-2 code",
                    ));
                }
                if !row.get(4).is_empty() && !valid_id(row.get(4)) {
                    return Err(bad_value(
                        "parent",
                        row.get(4),
                        "must be an organisation id",
                    ));
                }
            }
            Kind::Countries => {
                if !valid_country(row.get(0)) {
                    return Err(bad_value(
                        "code",
                        row.get(0),
                        "must be an ISO 3166 alpha-2 code",
                    ));
                }
                if row.get(1).is_empty() {
                    return Err(GazetteerErrorKind::EmptyField("name"));
                }
            }
            Kind::Cities => {
                if !valid_country(row.get(1)) {
                    return Err(bad_value(
                        "country",
                        row.get(1),
                        "must be an ISO 3166 alpha-2 code",
                    ));
                }
                if !matches!(row.get(3), "" | "yes") {
                    return Err(bad_value("capital", row.get(3), "must be yes or empty"));
                }
            }
            Kind::OrgWords => {
                if !org_kind(row.get(1)) {
                    return Err(bad_value(
                        "kind",
                        row.get(1),
                        "must be an organisation kind",
                    ));
                }
            }
            Kind::Titles => {
                if !matches!(row.get(2), "office" | "rank") {
                    return Err(bad_value("kind", row.get(2), "must be office or rank"));
                }
                if !starts_with_capital(row.get(0)) {
                    return Err(bad_value(
                        "title",
                        row.get(0),
                        "must start with a capital letter",
                    ));
                }
            }
            Kind::Honorifics => {
                if !starts_with_capital(row.get(0)) {
                    return Err(bad_value(
                        "honorific",
                        row.get(0),
                        "must start with a capital letter",
                    ));
                }
            }
            Kind::GivenNames => {
                if !starts_with_capital(row.get(0))
                    || !row
                        .get(0)
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | ' ' | '\'' | '’'))
                {
                    return Err(bad_value(
                        "name",
                        row.get(0),
                        "must be a capitalised word of letters, hyphens or apostrophes",
                    ));
                }
            }
            Kind::Months | Kind::Weekdays => {
                let (column, max) = if self == Kind::Months {
                    ("month", 12)
                } else {
                    ("weekday", 7)
                };
                if !row
                    .get(1)
                    .parse::<u8>()
                    .is_ok_and(|n| (1..=max).contains(&n))
                {
                    return Err(bad_value(
                        column,
                        row.get(1),
                        if max == 12 {
                            "must be a number from 1 to 12"
                        } else {
                            "must be a number from 1 (Monday) to 7 (Sunday)"
                        },
                    ));
                }
            }
            Kind::Numbers => {
                if !row.get(1).parse::<u32>().is_ok_and(|n| n <= 1000) {
                    return Err(bad_value(
                        "value",
                        row.get(1),
                        "must be a number from 0 to 1000",
                    ));
                }
                if !matches!(row.get(2), "cardinal" | "ordinal") {
                    return Err(bad_value("kind", row.get(2), "must be cardinal or ordinal"));
                }
            }
            Kind::Furniture | Kind::Regions => {}
        }
        Ok(())
    }
}

/// Reads and parses one file from disk. Its text lives as long as the
/// process: gazetteers are loaded once per run.
pub fn read(path: &Path) -> Result<File<'static>, GazetteerError> {
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
    parse(&shown, Box::leak(text.into_boxed_str()))
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
    files: Vec<File<'static>>,
    /// The files start with every built-in one (what the tables `build.rs`
    /// made hold).
    builtins: bool,
}

impl Gazetteers {
    /// The built-in gazetteers only.
    pub fn builtin() -> Gazetteers {
        let files = BUILTIN
            .iter()
            .map(|(name, text)| {
                parse_builtin(format!("builtin:{name}"), text, COMPILED.contains(name))
            })
            .collect();
        Gazetteers {
            files,
            builtins: true,
        }
    }

    /// Whether these gazetteers start with every built-in file, so that a
    /// stage may start from the tables `build.rs` made of them.
    pub(crate) fn has_builtins(&self) -> bool {
        self.builtins
    }

    /// Whether a file other than a built-in one is of one of these kinds.
    pub(crate) fn has_user(&self, kinds: &[Kind]) -> bool {
        let skip = if self.builtins { BUILTIN.len() } else { 0 };
        self.files[skip..].iter().any(|f| kinds.contains(&f.kind))
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

    /// These gazetteers with `file` merged over them (as a `--gazetteer` file is).
    pub fn with_file(mut self, file: File<'static>) -> Gazetteers {
        self.files.push(file);
        self
    }

    /// Gazetteers made of the given (name, contents) files only, for tests.
    pub fn from_texts(files: &[(&str, &'static str)]) -> Result<Gazetteers, GazetteerError> {
        let files = files
            .iter()
            .map(|(name, text)| parse(name, text))
            .collect::<Result<_, _>>()?;
        Ok(Gazetteers {
            files,
            builtins: false,
        })
    }

    /// Every built-in file parsed and checked, [`COMPILED`] ones included,
    /// as a user file would be: what `build.rs`'s tables must equal.
    #[cfg(test)]
    pub(crate) fn builtin_parsed() -> Gazetteers {
        let files = BUILTIN
            .iter()
            .map(|(name, text)| {
                let mut f = parse(name, text).expect("built-in files are valid");
                f.path = format!("builtin:{name}");
                f
            })
            .collect();
        Gazetteers {
            files,
            builtins: false,
        }
    }

    /// The files of one kind, in merge order.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &File<'static>> {
        self.files.iter().filter(move |f| f.kind == kind)
    }

    /// The files of one kind with their index in [`Gazetteers::file_names`]
    /// (what `--explain` names a gazetteer row by).
    pub fn of_indexed(&self, kind: Kind) -> impl Iterator<Item = (u16, &File<'static>)> {
        self.files
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.kind == kind)
            // Far fewer than 65,536 files: `--gazetteer` names a handful.
            .map(|(i, f)| (u16::try_from(i).unwrap_or(u16::MAX), f))
    }

    /// Every file's name as `--explain` shows it: a built-in's file name
    /// (`organisations.tsv`), a user file's path as given.
    pub fn file_names(&self) -> Vec<String> {
        self.files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix("builtin:")
                    .unwrap_or(&f.path)
                    .to_string()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_file_parses() {
        for (name, text) in BUILTIN {
            let checked = parse(name, text).unwrap_or_else(|e| panic!("{e}"));
            // Start-up takes the built-ins unchecked: it must see the same rows.
            let unchecked = parse_builtin(name.to_string(), text, false);
            assert_eq!(unchecked.kind, checked.kind, "{name}");
            assert_eq!(unchecked.rows, checked.rows, "{name}");
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}a",
            "a\u{2003}",
            "\u{b}x",
            "x\u{c}",
            "ab",
            "é",
            " é ",
            "\tab\u{b}",
            "\u{a0}x\u{a0}",
            "x\u{b}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn entry_lines_are_str_lines_without_blanks_and_comments() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "\u{feff}a\r\n\r\n# c\n b\r\r\n\t\n\nc",
            "\u{feff}# c\nx\ty\n",
            "a\n\n\n",
            "a\r",
        ] {
            let want: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .filter_map(|(i, raw)| {
                    let raw = if i == 0 {
                        raw.trim_start_matches('\u{feff}')
                    } else {
                        raw
                    };
                    let raw = raw.trim_end_matches('\r');
                    (!raw.trim().is_empty() && !raw.starts_with('#')).then_some((i + 1, raw))
                })
                .collect();
            assert_eq!(entry_lines(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn fields_are_cut_on_demand() {
        let row = Row {
            line: 3,
            text: " a \tb| c|\t",
        };
        assert_eq!(row.get(0), "a");
        assert_eq!(row.get(1), "b| c|");
        assert_eq!(row.get(2), "");
        assert_eq!(row.get(3), "");
        assert_eq!(row.list(1).collect::<Vec<_>>(), ["b", "c"]);
        assert_eq!(row.fields().collect::<Vec<_>>(), ["a", "b| c|", ""]);
        assert_eq!(row.cut::<2>(), ["a", "b| c|"]);
        assert_eq!(row.cut::<4>(), ["a", "b| c|", "", ""]);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "no header",
                "Mr.\ttitle\n",
                "x.tsv:1: header \"Mr.\\ttitle\" names no known gazetteer kind",
            ),
            (
                "field count",
                "abbreviation\tclass\nMr.\n",
                "x.tsv:2: expected 2 tab-separated fields, found 1",
            ),
            (
                "too many",
                "# c\nabbreviation\tclass\nMr.\ttitle\tx\n",
                "x.tsv:3: expected 2 tab-separated fields, found 3",
            ),
            (
                "empty key",
                "abbreviation\tclass\n\ttitle\n",
                "x.tsv:2: empty abbreviation",
            ),
            (
                "only comments",
                "# nothing\n\n",
                "x.tsv: no header row naming the columns",
            ),
        ];
        for (name, text, want) in cases {
            let got = parse("x.tsv", text).map(|_| ()).unwrap_err().to_string();
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn lint_reports_every_bad_line() {
        let text = "abbreviation\tclass\nMr\ttitle\nDr.\ttitle\nx.\tnone\nonly-one-field\n";
        let (file, errors) = parse_all("x.tsv", text);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert_eq!(file.map(|f| f.rows.len()), Some(1));
    }

    #[test]
    fn rows_keep_line_numbers_and_lists() {
        let f = parse(
            "x.tsv",
            "# c\nname\tvariants\n\nAsia\tAsian region| Asia-Pacific\r\n",
        )
        .expect("parses");
        assert_eq!(f.kind, Kind::Regions);
        assert_eq!(f.rows[0].line, 4);
        assert_eq!(
            f.rows[0].list(1).collect::<Vec<_>>(),
            ["Asian region", "Asia-Pacific"]
        );
    }
}
