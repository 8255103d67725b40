//! Compiles what start-up would otherwise rebuild from the built-in
//! gazetteers at every run, into `OUT_DIR`:
//! - the people's word lexicon (the 22,000 given names and the other
//!   flagged words, `src/lexicon.rs`) as byte tables that `src/people.rs`
//!   embeds; `--gazetteer` files are added on top at run time;
//! - the name matcher's surface index of organisations and places
//!   (`src/surfaces.rs`) as Rust tables that `src/names.rs` includes; with a
//!   `--gazetteer` file naming organisations or places, the run builds it.
//!
//! Unit tests in `src/people.rs` and `src/names.rs` check that the tables
//! equal what the run-time path builds from the parsed gazetteer files, so
//! this reader cannot drift from `src/gazetteer.rs` and the stages unnoticed.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/lexicon.rs"]
mod lexicon;

#[allow(dead_code)]
#[path = "src/surfaces.rs"]
mod surfaces;

/// The built-in files of organisations and places with their index in
/// `src/gazetteer.rs`'s list of built-ins (what `--explain` names a row by).
const ORGANISATIONS: &[(&str, u16)] = &[
    ("organisations.tsv", 3),
    ("organisations-supraverden.tsv", 4),
];
const COUNTRIES: (&str, u16) = ("countries.tsv", 5);
const CITIES: (&str, u16) = ("cities.tsv", 6);
const REGIONS: (&str, u16) = ("regions.tsv", 7);

/// The files the tables are made of.
const FILES: &[&str] = &[
    "given_names.tsv",
    "org_words.tsv",
    "titles.tsv",
    "honorifics.tsv",
    "countries.tsv",
    "organisations.tsv",
    "organisations-supraverden.tsv",
    "cities.tsv",
    "regions.tsv",
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
    println!("cargo:rerun-if-changed=src/surfaces.rs");
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
    names_index(out);
}

/// The surface index of the built-in organisations and places, added in
/// the order and with the targets `src/names.rs`'s `Names::build` gives
/// them: an organisation's index is where its id first came; places are
/// numbered across countries, cities and regions.
fn names_index(out: &Path) {
    use surfaces::{SurfaceIndex, Target};
    let orgs: Vec<(Row, u16)> = ORGANISATIONS
        .iter()
        .flat_map(|&(name, f)| rows(name).into_iter().map(move |r| (r, f)))
        .collect();
    let places = [COUNTRIES, CITIES, REGIONS].map(|(name, f)| (rows(name), f));
    let place_rows: usize = places.iter().map(|(r, _)| r.len()).sum();
    let mut index = SurfaceIndex::with_capacity(4 * orgs.len() + 2 * place_rows);
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (r, f) in &orgs {
        let next = ids.len();
        let target = Target::Org(*ids.entry(r.get(0)).or_insert(next));
        let row = (*f, r.line);
        index.add(r.get(1), target, row);
        for s in r.list(2).chain(r.list(6)) {
            index.add(s, target, row);
        }
    }
    let mut i = 0;
    for (k, (rows, f)) in places.iter().enumerate() {
        // Countries: name, official name, variants; cities and regions: name, variants.
        let (names, variants): (&[usize], usize) = match k {
            0 => (&[1, 2], 3),
            1 => (&[0], 2),
            _ => (&[0], 1),
        };
        for r in rows {
            let target = Target::Place(i);
            let row = (*f, r.line);
            for &n in names {
                index.add(r.get(n), target, row);
            }
            for s in r.list(variants) {
                index.add(s, target, row);
            }
            i += 1;
        }
    }
    let (arena, table, groups, nodes, candidates, exact) = index.finish();
    std::fs::write(out.join("names.arena"), &arena).expect("writes names.arena");
    std::fs::write(out.join("names.exact"), &exact).expect("writes names.exact");
    let mut src = String::from("// Written by build.rs.\n");
    src.push_str(
        "pub(super) static ARENA: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/names.arena\"));\n\
         pub(super) static EXACT: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/names.exact\"));\n",
    );
    let _ = writeln!(
        src,
        "pub(super) static TABLE: [Surface; {}] = [",
        table.len()
    );
    for e in &table {
        let _ = writeln!(
            src,
            "surface({}, {}, {}, {}, {}),",
            e.start, e.len, e.first, e.cand_start, e.cand_len
        );
    }
    let _ = writeln!(
        src,
        "];\npub(super) static GROUPS: [Group; {}] = [",
        groups.len()
    );
    for (h, from, to, root) in &groups {
        let _ = writeln!(src, "({h}, {from}, {to}, {root}),");
    }
    let _ = writeln!(
        src,
        "];\npub(super) static NODES: [Node; {}] = [",
        nodes.len()
    );
    for n in &nodes {
        let _ = writeln!(
            src,
            "node({}, {}, {}, {}, {}, {}),",
            n.key, n.depth, n.ends, n.first, n.count, n.byte
        );
    }
    let _ = writeln!(
        src,
        "];\npub(super) static CANDIDATES: [Candidate; {}] = [",
        candidates.len()
    );
    for c in &candidates {
        let (org, i) = match c.target {
            Target::Org(i) => (true, i),
            Target::Place(i) => (false, i),
        };
        let _ = writeln!(
            src,
            "candidate({org}, {i}, {:?}, {}, {}, {}),",
            c.exact, c.capitalised, c.row.0, c.row.1
        );
    }
    src.push_str("];\n");
    std::fs::write(out.join("names_index.rs"), src).expect("writes names_index.rs");
}
