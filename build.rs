//! Compiles what start-up would otherwise rebuild from the built-in
//! gazetteers at every run: the people's word lexicon (the 22,000 given
//! names and the other flagged words, `src/lexicon.rs`), written to
//! `OUT_DIR` as byte tables that `src/people.rs` embeds. `--gazetteer`
//! files are added at run time on top. A unit test in `src/people.rs`
//! checks that the tables equal what the run-time path builds from the
//! parsed gazetteer files, so this reader cannot drift from
//! `src/gazetteer.rs` unnoticed.

use std::path::Path;

#[allow(dead_code)]
#[path = "src/lexicon.rs"]
mod lexicon;

/// The files the tables are made of.
const FILES: &[&str] = &[
    "given_names.tsv",
    "org_words.tsv",
    "titles.tsv",
    "honorifics.tsv",
    "countries.tsv",
];

/// One entry row: its 1-based line and its fields, trimmed.
struct Row {
    line: u32,
    fields: Vec<&'static str>,
}

impl Row {
    fn get(&self, i: usize) -> &'static str {
        self.fields.get(i).copied().unwrap_or("")
    }

    /// The `i`th field's items between `|`, trimmed, empty ones dropped.
    fn list(&self, i: usize) -> impl Iterator<Item = &'static str> {
        self.get(i)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// The entry rows of a built-in file as `src/gazetteer.rs` reads them: lines
/// without their line break and trailing carriage returns, the first without
/// a byte-order mark; blank lines, `#` comments and the header left out.
fn rows(name: &str) -> Vec<Row> {
    let path = Path::new("gazetteers").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .leak();
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = if i == 0 {
            raw.trim_start_matches('\u{feff}')
        } else {
            raw
        };
        let raw = raw.trim_end_matches('\r');
        if raw.starts_with('#') || raw.trim_start().is_empty() {
            continue;
        }
        out.push(Row {
            line: u32::try_from(i + 1).expect("a built-in file has fewer than 2^32 lines"),
            fields: raw.split('\t').map(str::trim).collect(),
        });
    }
    // The first entry line is the header.
    out.remove(0);
    out
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/lexicon.rs");
    for name in FILES {
        println!("cargo:rerun-if-changed=gazetteers/{name}");
    }
    let given: Vec<(&str, u32)> = rows("given_names.tsv")
        .iter()
        .map(|r| (r.get(0), r.line))
        .collect();
    let org_words = rows("org_words.tsv");
    let mut surfaces = Vec::new();
    for file in ["titles.tsv", "honorifics.tsv"] {
        for r in rows(file) {
            for s in std::iter::once(r.get(0)).chain(r.list(1)) {
                surfaces.push((s.to_string(), ()));
            }
        }
    }
    let forms = lexicon::cue_forms(surfaces);
    let starts = lexicon::cue_starts(forms.iter().map(|(s, _)| s.as_str()));
    let countries = rows("countries.tsv");
    let lexicon = lexicon::Lexicon::from_words(
        &given,
        org_words.iter().map(|r| r.get(0)),
        &starts,
        countries.iter().flat_map(|r| r.list(4)),
    );
    let (text, entries, slots) = lexicon.tables();
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    for (name, bytes) in [
        ("lexicon.text", text.as_bytes()),
        ("lexicon.entries", entries),
        ("lexicon.slots", slots),
    ] {
        std::fs::write(out.join(name), bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
