//! The name matcher shared by the organisation and place stages: every name,
//! acronym and variant of `organisations*.tsv`, `countries.tsv`,
//! `cities.tsv` and `regions.tsv`, indexed by its first word (case-folded)
//! in one hash table built once, the surfaces of a first word in a byte trie.
//! One pass over a document's words finds every candidate, leftmost-longest. (An Aho–Corasick automaton over the
//! ~8,000 surfaces took ~50 ms to build, most of it computing failure
//! transitions; the word index builds in about a millisecond and scans as
//! fast, since only words that begin a surface cost a comparison.)
//!
//! Matching rules: whole words only (a possessive "'s" or a hyphenated
//! suffix may follow); acronyms and all-caps variants case-sensitively
//! ("ECO", never "eco"); other names ignoring ASCII case, but a one-word
//! name only when capitalised ("Interpol", "INTERPOL", not "interpol"); line
//! breaks and tabs inside a name count as spaces (hard-wrapped text); a
//! straight apostrophe in a name also matches a curly one. Where a surface
//! belongs to several entries, organisations come before countries, cities
//! and regions.

use crate::ascii;
use crate::document::{OrgKind, Span, Why};
use crate::error::{GazetteerError, GazetteerErrorKind};
use crate::gazetteer::{Gazetteers, Kind, trim};
pub use crate::surfaces::Target;
use crate::surfaces::{
    Candidate, Group, MAX_FIRST_WORD, NO_SURFACE, Node, Surface, SurfaceIndex, group, hash_span,
    is_word_char,
};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// The surface index of the built-in gazetteers, as `build.rs` wrote it
/// with [`SurfaceIndex`]: `ARENA`, `TABLE`, `GROUPS`, `NODES`, `CANDIDATES`,
/// `EXACT`.
mod compiled {
    use crate::surfaces::{Candidate, Group, Node, Surface, candidate, node, surface};
    include!(concat!(env!("OUT_DIR"), "/names_index.rs"));
}

/// An organisation entry after merging the gazetteers.
#[derive(Clone, Debug)]
pub struct OrgEntry {
    /// Stable id.
    pub id: &'static str,
    /// Official English name.
    pub name: &'static str,
    /// Acronyms, the canonical one first.
    pub acronyms: Vec<&'static str>,
    /// What it is.
    pub kind: OrgKind,
    /// Parent organisation id.
    pub parent: Option<&'static str>,
    /// ISO alpha-2 code of a national body.
    pub country: Option<&'static str>,
    /// Other names.
    pub variants: Vec<&'static str>,
}

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    City,
    Region,
}

/// A place entry.
#[derive(Clone, Debug)]
pub struct PlaceEntry {
    /// Canonical name.
    pub name: &'static str,
    /// ISO alpha-2 code of the country it is (or is in).
    pub country: Option<&'static str>,
    /// Country, city or region.
    pub kind: PlaceKind,
}

/// A match of a gazetteer surface in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Where.
    pub span: Span,
    /// What it names.
    pub target: Target,
    /// The gazetteer row whose name, acronym or variant it is.
    pub why: Why,
}

/// The merged gazetteer entries and their automaton.
#[derive(Clone, Debug)]
pub struct Names {
    /// Organisation entries, in gazetteer order.
    pub orgs: Vec<OrgEntry>,
    /// Place entries.
    pub places: Vec<PlaceEntry>,
    /// Org id → index into `orgs`.
    org_index: FxHashMap<&'static str, usize>,
    /// Acronym → org index (the first entry listing it).
    acronym_index: FxHashMap<&'static str, usize>,
    /// Country code → demonyms and names (for affiliations).
    pub demonyms: FxHashMap<&'static str, &'static str>,
    /// Country code → index into `places`.
    country_index: FxHashMap<&'static str, usize>,
    /// Organisation head words and their kind.
    pub org_words: FxHashMap<&'static str, OrgKind>,
    /// Every distinct surface, case-folded, end to end.
    arena: Cow<'static, [u8]>,
    /// The surfaces, grouped by the hash of their first word, each group
    /// sorted by its folded bytes.
    table: Cow<'static, [Surface]>,
    /// Hash of a folded first word → its range in `table` and the root of
    /// its trie in `nodes` (see [`group`]).
    index: Cow<'static, [Group]>,
    /// The groups' tries: a group's surfaces that the text at a word begins
    /// with are found by following its bytes.
    nodes: Cow<'static, [Node]>,
    /// The hashes of all first words, for a quick "no surface starts here".
    filter: HashFilter,
    /// The candidates of every surface, each surface's in priority order.
    candidates: Cow<'static, [Candidate]>,
    /// The exact surfaces the candidates point into.
    exact: Cow<'static, str>,
}

/// A list cell's items (`|` between them), empty items dropped, as
/// [`crate::gazetteer::Row::list`] gives them.
fn list(cell: &'static str) -> impl Iterator<Item = &'static str> {
    let mut rest = cell;
    std::iter::from_fn(move || {
        while !rest.is_empty() {
            let end = rest.bytes().position(|b| b == b'|').unwrap_or(rest.len());
            let item = trim(&rest[..end]);
            rest = rest.get(end + 1..).unwrap_or("");
            if !item.is_empty() {
                return Some(item);
            }
        }
        None
    })
}

impl Names {
    /// Merges the gazetteers (a later row with a known id replaces the fields
    /// it gives and adds its acronyms and variants) and builds the automaton.
    pub fn build(g: &Gazetteers) -> Result<Names, GazetteerError> {
        let org_rows: usize = g.of(Kind::Organisations).map(|f| f.rows.len()).sum();
        let place_rows: usize = [Kind::Countries, Kind::Cities, Kind::Regions]
            .iter()
            .flat_map(|&k| g.of(k))
            .map(|f| f.rows.len())
            .sum();
        // The built-in files' surfaces are indexed by `build.rs`; with a user
        // file naming organisations or places, they are indexed here, about
        // four surfaces an organisation and two a place.
        let compiled = g.has_builtins()
            && !g.has_user(&[
                Kind::Organisations,
                Kind::Countries,
                Kind::Cities,
                Kind::Regions,
            ]);
        let mut index =
            (!compiled).then(|| SurfaceIndex::with_capacity(4 * org_rows + 2 * place_rows));
        let mut surfaces = |surface, target, row| {
            if let Some(index) = index.as_mut() {
                index.add(surface, target, row);
            }
        };
        let mut orgs: Vec<OrgEntry> = Vec::with_capacity(org_rows);
        let mut org_index: FxHashMap<&'static str, usize> = FxHashMap::default();
        org_index.reserve(org_rows);
        let mut acronym_index: FxHashMap<&'static str, usize> = FxHashMap::default();
        acronym_index.reserve(org_rows);
        let mut parent_checks: Vec<(&str, &str, usize)> = Vec::new();
        let at = |file: u16, row: &crate::gazetteer::Row<'_>| {
            (file, u32::try_from(row.line).unwrap_or(u32::MAX))
        };
        for (f, file) in g.of_indexed(Kind::Organisations) {
            for row in &file.rows {
                let why = at(f, row);
                let [id, name, acronyms, kind, parent, country, variants] = row.cut();
                let kind = OrgKind::parse(kind);
                if !parent.is_empty() {
                    parent_checks.push((parent, &file.path, row.line));
                }
                let new_variants;
                let i = match org_index.get(id) {
                    Some(&i) => {
                        let e = &mut orgs[i];
                        if !name.is_empty() {
                            e.name = name;
                        }
                        if let Some(k) = kind {
                            e.kind = k;
                        }
                        if !parent.is_empty() {
                            e.parent = Some(parent);
                        }
                        if !country.is_empty() {
                            e.country = Some(country);
                        }
                        for a in list(acronyms) {
                            if !e.acronyms.contains(&a) {
                                e.acronyms.push(a);
                            }
                        }
                        let from = e.variants.len();
                        e.variants.extend(list(variants));
                        new_variants = from..e.variants.len();
                        i
                    }
                    None => {
                        if name.is_empty() {
                            return Err(file.error(row, GazetteerErrorKind::EmptyField("name")));
                        }
                        let Some(kind) = kind else {
                            return Err(file.error(row, GazetteerErrorKind::EmptyField("kind")));
                        };
                        let i = orgs.len();
                        org_index.insert(id, i);
                        orgs.push(OrgEntry {
                            id,
                            name,
                            acronyms: list(acronyms).collect(),
                            kind,
                            parent: (!parent.is_empty()).then_some(parent),
                            country: (!country.is_empty()).then_some(country),
                            variants: list(variants).collect(),
                        });
                        new_variants = 0..orgs[i].variants.len();
                        i
                    }
                };
                // Every name, acronym and variant any row gave (a replaced
                // name stays a surface); organisations come first, so they
                // win a surface they share with a place.
                let target = Target::Org(i);
                surfaces(name, target, why);
                for a in list(acronyms) {
                    // The first organisation listing it (in gazetteer order).
                    acronym_index
                        .entry(a)
                        .and_modify(|j| *j = (*j).min(i))
                        .or_insert(i);
                    surfaces(a, target, why);
                }
                for &s in &orgs[i].variants[new_variants] {
                    surfaces(s, target, why);
                }
            }
        }
        for (parent, path, line) in parent_checks {
            if !org_index.contains_key(parent) {
                return Err(GazetteerError {
                    path: path.to_string(),
                    line,
                    kind: GazetteerErrorKind::BadValue {
                        column: "parent",
                        value: parent.to_string(),
                        why: "is not the id of any organisation",
                    },
                });
            }
        }

        let mut places = Vec::with_capacity(place_rows);
        let mut demonyms = FxHashMap::default();
        let mut country_index: FxHashMap<&'static str, usize> = FxHashMap::default();
        for (f, file) in g.of_indexed(Kind::Countries) {
            for row in &file.rows {
                let why = at(f, row);
                let [code, name, official, variants, names] = row.cut();
                let i = places.len();
                country_index.insert(code, i);
                places.push(PlaceEntry {
                    name,
                    country: Some(code),
                    kind: PlaceKind::Country,
                });
                let target = Target::Place(i);
                surfaces(name, target, why);
                surfaces(official, target, why);
                for s in list(variants) {
                    surfaces(s, target, why);
                }
                for d in list(names) {
                    demonyms.insert(d, code);
                }
            }
        }
        for (f, file) in g.of_indexed(Kind::Cities) {
            for row in &file.rows {
                let why = at(f, row);
                let [name, code, variants] = row.cut();
                let i = places.len();
                places.push(PlaceEntry {
                    name,
                    country: Some(code),
                    kind: PlaceKind::City,
                });
                let target = Target::Place(i);
                surfaces(name, target, why);
                for s in list(variants) {
                    surfaces(s, target, why);
                }
            }
        }
        for (f, file) in g.of_indexed(Kind::Regions) {
            for row in &file.rows {
                let why = at(f, row);
                let [name, variants] = row.cut();
                let i = places.len();
                places.push(PlaceEntry {
                    name,
                    country: None,
                    kind: PlaceKind::Region,
                });
                let target = Target::Place(i);
                surfaces(name, target, why);
                for s in list(variants) {
                    surfaces(s, target, why);
                }
            }
        }
        let mut org_words = FxHashMap::default();
        for file in g.of(Kind::OrgWords) {
            for row in &file.rows {
                let [word, kind] = row.cut();
                if let Some(kind) = OrgKind::parse(kind) {
                    org_words.insert(word, kind);
                }
            }
        }

        let (arena, table, index, nodes, candidates, exact) = match index {
            Some(index) => {
                let (arena, table, index, nodes, candidates, exact) = index.finish();
                (
                    Cow::Owned(arena),
                    Cow::Owned(table),
                    Cow::Owned(index),
                    Cow::Owned(nodes),
                    Cow::Owned(candidates),
                    Cow::Owned(exact),
                )
            }
            None => (
                Cow::Borrowed(compiled::ARENA),
                Cow::Borrowed(&compiled::TABLE[..]),
                Cow::Borrowed(&compiled::GROUPS[..]),
                Cow::Borrowed(&compiled::NODES[..]),
                Cow::Borrowed(&compiled::CANDIDATES[..]),
                Cow::Borrowed(compiled::EXACT),
            ),
        };
        Ok(Names {
            orgs,
            places,
            org_index,
            acronym_index,
            demonyms,
            country_index,
            org_words,
            arena,
            table,
            filter: HashFilter::new(index.iter().filter(|g| g.2 != 0).map(|g| g.0)),
            index,
            nodes,
            candidates,
            exact,
        })
    }

    /// The organisation with this id.
    pub fn org(&self, id: &str) -> Option<&OrgEntry> {
        self.org_index.get(id).map(|&i| &self.orgs[i])
    }

    /// The organisation index with this acronym.
    pub fn org_by_acronym(&self, acronym: &str) -> Option<usize> {
        self.acronym_index.get(acronym).copied()
    }

    /// The country entry of an alpha-2 code.
    pub fn country(&self, code: &str) -> Option<&PlaceEntry> {
        self.country_index.get(code).map(|&i| &self.places[i])
    }

    /// Every gazetteer surface in `text`, leftmost-longest, whole words.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        // Release text has about a hit every 65 bytes: room for a few more
        // saves copying the list as it grows.
        let mut hits = Vec::with_capacity(text.len() / 48 + 4);
        // The surfaces of a group that the text begins with, shortest first.
        let mut prefixes: Vec<u32> = Vec::new();
        let mut words = Words::new(text, 0);
        while let Some((start, end)) = words.next() {
            if end - start > MAX_FIRST_WORD {
                continue;
            }
            let hash = hash_span(bytes, start, end);
            if !self.filter.contains(hash) {
                continue;
            }
            let Some(&(_, _, _, root)) = group(&self.index, hash) else {
                continue;
            };
            self.prefixes(root, bytes, start, &mut prefixes);
            let hit = prefixes
                .iter()
                .rev()
                .find_map(|&i| self.accept(&self.table[i as usize], text, start));
            if let Some(hit) = hit {
                words.skip_to(hit.span.end);
                hits.push(hit);
            }
        }
        hits
    }

    /// The hit of surface `e`, already known to match the folded text at
    /// `start` (where a word starts), when it ends a whole word on a
    /// character and one of its candidates takes the text as written.
    #[inline]
    fn accept(&self, e: &Surface, text: &str, start: usize) -> Option<Hit> {
        let stop = start + e.len as usize;
        debug_assert!(start == 0 || !text[..start].chars().next_back().is_some_and(is_word_char));
        if !ends_word(text, stop) {
            return None;
        }
        let surface = &text[start..stop];
        let cands = &self.candidates[e.cand_start as usize..(e.cand_start + e.cand_len) as usize];
        let c = cands.iter().find(|c| match c.exact {
            Some((from, len)) => {
                self.exact.get(from as usize..(from + len) as usize) == Some(surface)
            }
            None => !c.capitalised || starts_capitalised(surface),
        })?;
        Some(Hit {
            span: Span::new(start, stop),
            target: c.target,
            why: Why::Gazetteer {
                file: c.row.0,
                line: c.row.1,
            },
        })
    }

    /// Fills `out` with the surfaces (indexes into the table) of the group
    /// whose trie starts at `root` that the folded text at `start` begins
    /// with, shortest first: down the trie, comparing the bytes each node's
    /// surfaces share and taking the child of the text's next byte. So a
    /// large group ("ministry of …") costs a comparison a node, not a scan.
    #[inline]
    fn prefixes(&self, root: u32, bytes: &[u8], start: usize, out: &mut Vec<u32>) {
        out.clear();
        let mut node = &self.nodes[root as usize];
        // The text's bytes already compared (the first node's are not).
        let mut from = 0;
        loop {
            let (key, depth) = (node.key as usize, node.depth as usize);
            let stop = start + depth;
            if stop > bytes.len()
                || !eq_folded(
                    &bytes[start + from..stop],
                    &self.arena[key + from..key + depth],
                )
            {
                return;
            }
            if node.ends != NO_SURFACE {
                out.push(node.ends);
            }
            let Some(&b) = bytes.get(stop) else {
                return;
            };
            let c = fold_byte(b);
            let children = &self.nodes[node.first as usize..(node.first + node.count) as usize];
            let Some(child) = children.iter().find(|n| n.byte == c) else {
                return;
            };
            node = child;
            from = depth + 1;
        }
    }
}

/// The words of a text (maximal runs of letters and digits, non-ASCII ones
/// included), a block of 64 bytes at a time: one pass of vector compares
/// gives the block's ASCII letters and digits as a bit mask, and each word
/// then costs a few bit operations. A non-ASCII character is decoded to tell
/// letters from punctuation, once per block.
#[derive(Clone, Debug)]
struct Words<'a> {
    text: &'a str,
    /// Where the current block starts: never inside a word.
    base: usize,
    /// The bytes of the block's word characters (bit `k` for byte `base + k`).
    word: u64,
    /// Where the block's words start, the ones not given yet.
    starts: u64,
}

impl<'a> Words<'a> {
    /// The words of `text` from byte `from` on, which is no word's inside.
    fn new(text: &'a str, from: usize) -> Words<'a> {
        let mut words = Words {
            text,
            base: 0,
            word: 0,
            starts: 0,
        };
        words.load(from);
        words
    }

    /// Reads the block at `at` (at most the text's length; no word goes on
    /// over it).
    #[inline]
    fn load(&mut self, at: usize) {
        let bytes = self.text.as_bytes();
        let block = ascii::Block::of(&bytes[at..bytes.len().min(at + 64)]);
        self.base = at;
        self.word = block.alnum;
        if block.high != 0 {
            self.word |= self.letters(block.high);
        }
        self.starts = self.word & !(self.word << 1);
    }

    /// The bytes of the word characters among the block's non-ASCII bytes
    /// `high`: each character that starts in the block is decoded (the
    /// continuation bytes of one that starts before it belong to no word:
    /// the block starts where no word goes on).
    #[cold]
    fn letters(&self, mut high: u64) -> u64 {
        let mut word = 0;
        while high != 0 {
            let k = high.trailing_zeros() as usize;
            let at = self.base + k;
            let Some(c) = self.text.get(at..).and_then(|t| t.chars().next()) else {
                // A continuation byte.
                high &= high - 1;
                continue;
            };
            let len = c.len_utf8();
            if is_word_char(c) {
                word |= (u64::MAX >> (64 - len)) << k;
            }
            // The character's bytes are done (those past the block are shifted out).
            high &= !((u64::MAX >> (64 - len)) << k);
        }
        word
    }

    /// Goes on from byte `pos` (at or after the last word given, no word's inside).
    #[inline]
    fn skip_to(&mut self, pos: usize) {
        let k = pos - self.base;
        if k < 64 {
            self.starts &= u64::MAX << k;
        } else {
            self.load(pos);
        }
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        while self.starts == 0 {
            let next = self.base + 64;
            if next >= self.text.len() {
                return None;
            }
            // The block's last byte ends no word that goes on (such a word
            // moves the block to its end), so `next` is no word's inside.
            self.load(next);
        }
        let k = self.starts.trailing_zeros();
        self.starts &= self.starts - 1;
        let len = (!(self.word >> k)).trailing_zeros();
        let start = self.base + k as usize;
        if k + len < 64 {
            return Some((start, start + len as usize));
        }
        // The word reaches the end of the block: it may go on (from the
        // start of the character the block ends in).
        let mut at = self.base + 64;
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let end = word_end_from(self.text, at);
        self.load(end);
        Some((start, end))
    }
}

/// The end of the word that goes on at `i` (a char boundary inside it or
/// just after it).
#[inline]
fn word_end_from(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        i = ascii::alnum_end(bytes, i, bytes.len());
        match bytes.get(i) {
            Some(&b) if b >= 0x80 => match text[i..].chars().next() {
                Some(c) if is_word_char(c) => i += c.len_utf8(),
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// Bit 7 of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// A byte ASCII case folded, with line breaks and tabs as spaces.
#[inline]
fn fold_byte(b: u8) -> u8 {
    match b {
        b'\n' | b'\t' | b'\r' => b' ',
        b => b.to_ascii_lowercase(),
    }
}

/// [`fold_byte`] on each byte of a little-endian word: upper-case ASCII
/// letters get bit 5, tabs and line breaks become spaces (the bit tricks of
/// [`ascii::alnum_bytes`]).
#[inline]
fn fold8(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let t = v & !HIGH;
    let upper =
        (t + ONES * u64::from(0x80 - b'A')) & !(t + ONES * u64::from(0x7F - b'Z')) & !v & HIGH;
    let v = v | (upper >> 2);
    // ASCII control bytes (tabs and line breaks among them) are rare: with
    // none, the letters are all there is to fold. (`t | HIGH` less 0x20 a byte
    // borrows from no other byte, and keeps the high bit where `t` is 0x20 or more.)
    let control = !((t | HIGH) - ONES * 0x20) & !v & HIGH;
    if control == 0 {
        return v;
    }
    // The high bit of each byte of `v` equal to `c`.
    let equal = |c: u8| {
        let x = v ^ (ONES * u64::from(c));
        !(((x & !HIGH) + !HIGH) | x) & HIGH
    };
    let space = (equal(b'\t') | equal(b'\n') | equal(b'\r')) >> 7;
    (v & !(space * 0xFF)) | (space * 0x20)
}

/// Whether `text` folds to `key` (already folded): eight bytes at a time,
/// then byte by byte.
#[inline]
fn eq_folded(text: &[u8], key: &[u8]) -> bool {
    if text.len() != key.len() {
        return false;
    }
    let (mut t, mut k) = (text.chunks_exact(8), key.chunks_exact(8));
    for (a, b) in (&mut t).zip(&mut k) {
        if fold8(ascii::load(a, 0)) != ascii::load(b, 0) {
            return false;
        }
    }
    t.remainder()
        .iter()
        .zip(k.remainder())
        .all(|(&a, &b)| fold_byte(a) == b)
}

/// A one-hash Bloom filter of 2^16 bits (8 KiB, stays in L1): most words of a
/// release begin no surface, and this answers that without a table probe.
#[derive(Clone, Debug)]
struct HashFilter {
    bits: Box<[u64; 1024]>,
}

impl HashFilter {
    fn new(hashes: impl Iterator<Item = u64>) -> HashFilter {
        let mut bits = Box::new([0u64; 1024]);
        for h in hashes {
            let i = (h >> 48) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
        HashFilter { bits }
    }

    #[inline]
    fn contains(&self, h: u64) -> bool {
        let i = (h >> 48) as usize;
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

/// Whole words: no letter or digit just before or just after.
/// An ASCII byte next to the span is tested as a byte, a non-ASCII character decoded.
pub(crate) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let before = match start.checked_sub(1).map(|k| bytes[k]) {
        None => false,
        Some(b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text[..start].chars().next_back().is_some_and(is_word_char),
    };
    let after = match bytes.get(end) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text[end..].chars().next().is_some_and(is_word_char),
    };
    !before && !after
}

/// Whether a word may end at `at`: a character boundary where no letter or
/// digit follows (an ASCII byte tested as a byte).
#[inline]
fn ends_word(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => at == text.len(),
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => text
            .get(at..)
            .is_some_and(|rest| !rest.chars().next().is_some_and(is_word_char)),
    }
}

/// Whether `s` starts with a capital (an ASCII letter tested as a byte).
#[inline]
fn starts_capitalised(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        _ => s.chars().next().is_some_and(char::is_uppercase),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surfaces::{Shape, fold_in_place, hash_word};

    /// The words of `text`, a character at a time.
    fn words_reference(text: &str) -> Vec<(usize, usize)> {
        let flags = text.char_indices().map(|(i, c)| (i, is_word_char(c)));
        crate::testing::runs(flags, text.len())
    }

    fn random_text(rng: &mut crate::testing::Rng, alphabet: &[char], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect()
    }

    #[test]
    fn words_and_hash_span_agree_with_a_char_loop() {
        let alphabet: Vec<char> = "aZ09 -.,\n\t'’é\u{a0}ΣσİıΩ—…\u{2028}@[`{".chars().collect();
        let mut rng = crate::testing::Rng::new(0x2545_f491_4f6c_dd1d);
        for round in 0..4000 {
            // Long runs of one letter make words that cross blocks.
            let len = rng.below(if round % 4 == 0 { 300 } else { 40 });
            let mut text = random_text(&mut rng, &alphabet, len);
            if round % 3 == 0 {
                let at = text
                    .char_indices()
                    .nth(rng.below(len + 1))
                    .map_or(text.len(), |(i, _)| i);
                let run = ["a", "é", "Σ"][rng.below(3)].repeat(rng.below(90));
                text.insert_str(at, &run);
            }
            let got: Vec<(usize, usize)> = Words::new(&text, 0).collect();
            let want = words_reference(&text);
            assert_eq!(got, want, "{text:?}");
            for &(s, e) in &want {
                // The text's word and its folded copy hash alike; a word
                // of another case or length does not collide here.
                let mut folded = text.as_bytes()[s..e].to_vec();
                fold_in_place(&mut folded);
                assert_eq!(hash_span(text.as_bytes(), s, e), hash_word(&folded));
                let upper = text[s..e].to_ascii_uppercase();
                assert_eq!(hash_word(upper.as_bytes()), hash_word(&folded));
                if e - s > 1 {
                    assert_ne!(hash_word(&folded[1..]), hash_word(&folded), "{text:?}");
                }
            }
            // Skipping, as a hit does, to the end of a word at or after the
            // last one given: the words that start there or later follow.
            let mut words = Words::new(&text, 0);
            let mut got = Vec::new();
            while let Some((s, e)) = words.next() {
                got.push((s, e));
                if rng.below(3) == 0 {
                    let later: Vec<usize> = want.iter().map(|w| w.1).filter(|&x| x >= e).collect();
                    let to = later[rng.below(later.len())];
                    words.skip_to(to);
                    got.extend(want.iter().filter(|w| w.0 >= e && w.0 < to));
                }
            }
            assert_eq!(got, want, "{text:?} with skips");
        }
    }

    #[test]
    fn is_word_char_is_alphanumeric() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn fold8_is_fold_byte_on_each_byte() {
        let mut rng = crate::testing::Rng::new(0x1234_5678_9abc_def1);
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = [0u8; 8];
                for w in &mut word {
                    *w = rng.below(256) as u8;
                }
                word[at] = b;
                let want = word.map(fold_byte);
                assert_eq!(
                    fold8(u64::from_le_bytes(word)).to_le_bytes(),
                    want,
                    "{word:?}"
                );
            }
        }
    }

    /// [`eq_folded`] a byte at a time.
    fn eq_folded_reference(text: &[u8], key: &[u8]) -> bool {
        text.len() == key.len() && text.iter().zip(key).all(|(&t, &k)| fold_byte(t) == k)
    }

    #[test]
    fn eq_folded_agrees_with_a_byte_loop() {
        let alphabet = b"aAzZ@[`{ \t\n\r\xc3\xa9";
        let mut rng = crate::testing::Rng::new(0x9b05_688c_2b3e_6c1f);
        for _ in 0..20_000 {
            let len = rng.below(20);
            let text: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let mut key = text.clone();
            fold_in_place(&mut key);
            // Mostly the text's own folding, sometimes a byte off or a length off.
            match rng.below(4) {
                0 if len > 0 => key[rng.below(len)] = alphabet[rng.below(alphabet.len())],
                1 if len > 0 => {
                    key.pop();
                }
                _ => {}
            }
            let want = eq_folded_reference(&text, &key);
            assert_eq!(eq_folded(&text, &key), want, "{text:?} {key:?}");
        }
    }

    /// [`Names::find`] without its tries: every surface of the word's group
    /// that the text folds to (compared a byte at a time), longest first.
    fn find_reference(n: &Names, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        let mut pos = 0;
        for (start, end) in words_reference(text) {
            if start < pos || end - start > MAX_FIRST_WORD {
                continue;
            }
            let Some(&(_, from, to, _)) = group(&n.index, hash_span(bytes, start, end)) else {
                continue;
            };
            let mut matching: Vec<&Surface> = n.table[from as usize..to as usize]
                .iter()
                .filter(|e| {
                    let key = &n.arena[e.start as usize..(e.start + e.len) as usize];
                    bytes
                        .get(start..start + key.len())
                        .is_some_and(|t| eq_folded_reference(t, key))
                })
                .collect();
            matching.sort_by_key(|e| std::cmp::Reverse(e.len));
            if let Some(hit) = matching.iter().find_map(|e| n.accept(e, text, start)) {
                pos = hit.span.end;
                hits.push(hit);
            }
        }
        hits
    }

    /// Texts made of the built-in surfaces (whole, cut short, in other
    /// cases) between separators and other words: the scan with its first
    /// tests finds what the plain one finds.
    #[test]
    fn find_agrees_with_a_plain_scan() {
        let n = Names::build(&Gazetteers::builtin()).expect("built-ins build");
        let mut rng = crate::testing::Rng::new(0x6a09_e667_f3bc_c908);
        let glue = [
            " ", ", ", "\n", "'s ", "’s ", "-", " the ", "\t", ". ", " (", ") ", "é", "x", "",
        ];
        for _ in 0..600 {
            let mut text = String::new();
            for _ in 0..rng.below(12) {
                let e = &n.table[rng.below(n.table.len())];
                let key = &n.arena[e.start as usize..(e.start + e.len) as usize];
                let mut piece = String::from_utf8_lossy(key).into_owned();
                match rng.below(5) {
                    0 => piece = piece.to_uppercase(),
                    1 => {
                        let cut = rng.below(piece.len() + 1);
                        piece = piece.get(..cut).unwrap_or(&piece).to_string();
                    }
                    2 => {
                        let mut c = piece.chars();
                        if let Some(f) = c.next() {
                            piece = f.to_uppercase().chain(c).collect();
                        }
                    }
                    _ => {}
                }
                text.push_str(&piece);
                text.push_str(glue[rng.below(glue.len())]);
            }
            let got = n.find(&text);
            assert_eq!(got, find_reference(&n, &text), "{text:?}");
        }
    }

    #[test]
    fn word_boundaries_agree_with_char_tests() {
        let alphabet: Vec<char> = "aZ0 -.’éΣİ\u{a0}".chars().collect();
        let mut rng = crate::testing::Rng::new(0x853c_49e6_748f_ea9b);
        for _ in 0..2000 {
            let len = rng.below(8);
            let text = random_text(&mut rng, &alphabet, len);
            let cuts: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for &a in &cuts {
                for &b in cuts.iter().filter(|&&b| b >= a) {
                    let before = text[..a].chars().next_back();
                    let after = text[b..].chars().next();
                    let want = !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric);
                    assert_eq!(is_word_boundary(&text, a, b), want, "{text:?} {a} {b}");
                }
            }
        }
    }

    #[test]
    fn ends_word_and_starts_capitalised_agree_with_char_tests() {
        let alphabet: Vec<char> = "aZ0 -.’éΣİ\u{a0}".chars().collect();
        let mut rng = crate::testing::Rng::new(0x2b99_2ddf_a232_49d6);
        for _ in 0..2000 {
            let len = rng.below(8);
            let text = random_text(&mut rng, &alphabet, len);
            for at in 0..=text.len() {
                let want = text.is_char_boundary(at)
                    && !text[at..].chars().next().is_some_and(char::is_alphanumeric);
                assert_eq!(ends_word(&text, at), want, "{text:?} {at}");
            }
            let want = text.chars().next().is_some_and(char::is_uppercase);
            assert_eq!(starts_capitalised(&text), want, "{text:?}");
        }
    }

    #[test]
    fn list_splits_trims_and_drops_empty_items() {
        let got: Vec<&str> = list(" a | b c ||d|").collect();
        assert_eq!(got, ["a", "b c", "d"]);
        assert_eq!(list("").count(), 0);
        assert_eq!(list("|").count(), 0);
    }

    #[test]
    fn shape_of_surfaces() {
        let all_caps = |s| Shape::of(s).all_caps;
        assert!(all_caps("ECO"));
        assert!(all_caps("G-20"));
        assert!(all_caps("ÉCOWAS"));
        assert!(!all_caps("Eco"));
        assert!(!all_caps("ÉCOWAs"));
        assert!(!all_caps("20"));
        assert!(!all_caps("ŞCo"));
        assert!(Shape::of("a b").spaced);
        assert!(!Shape::of("a\tb").spaced);
        assert!(Shape::of("Cote d'Ivoire").apostrophe);
        assert!(!Shape::of("Côte d’Ivoire").apostrophe);
    }

    #[test]
    fn fold_in_place_is_fold_byte() {
        let mut bytes: Vec<u8> = (0..=255).collect();
        fold_in_place(&mut bytes);
        for b in 0..=255u8 {
            assert_eq!(bytes[b as usize], fold_byte(b), "{b}");
        }
    }

    fn org(i: usize) -> Candidate {
        Candidate {
            target: Target::Org(i),
            exact: None,
            capitalised: false,
            row: (0, 0),
        }
    }

    #[test]
    fn equal_surfaces_merge_their_candidates_in_order() {
        let mut ix = SurfaceIndex::with_capacity(1);
        ix.add_folded("World Bank", org(0), None);
        ix.add_folded("WORLD\nbank", org(1), None);
        ix.add_folded("World Bank", org(0), None);
        ix.add_folded("World Bank Group", org(2), None);
        ix.add_folded("(bad", org(3), None);
        // The same target written all-caps is a second candidate; its exact
        // surface is kept once.
        ix.add_folded("WB", org(5), Some("WB"));
        ix.add_folded("wb", org(5), None);
        ix.add_folded("Wb", org(5), Some("WB"));
        let (arena, table, index, nodes, candidates, exact) = ix.finish();
        assert_eq!(arena, b"world bankworld bank groupwb");
        assert_eq!(exact, "WB");
        let &(_, from, _, _) = crate::surfaces::group(&index, hash_word(b"wb")).expect("a group");
        let wb = &table[from as usize];
        let wb = &candidates[wb.cand_start as usize..(wb.cand_start + wb.cand_len) as usize];
        assert_eq!(
            wb.iter().map(|c| c.exact).collect::<Vec<_>>(),
            [Some((0, 2)), None]
        );
        let &(_, from, to, root) = group(&index, hash_word(b"world")).expect("a group");
        let group = &table[from as usize..to as usize];
        assert_eq!(group.len(), 2);
        // Sorted by their bytes.
        assert_eq!((group[0].len, group[1].len), (10, 16));
        let of = |e: &Surface| {
            candidates[e.cand_start as usize..(e.cand_start + e.cand_len) as usize]
                .iter()
                .map(|c| c.target)
                .collect::<Vec<_>>()
        };
        assert_eq!(of(&group[0]), [Target::Org(0), Target::Org(1)]);
        assert_eq!(of(&group[1]), [Target::Org(2)]);
        let rest = &arena[(group[0].start + group[0].first) as usize..][..5];
        assert_eq!(rest, b" bank");
        // The trie: "world bank", then, by a space, " group".
        let root = nodes[root as usize];
        assert_eq!(
            (root.key, root.depth, root.ends, root.count),
            (0, 10, from, 1)
        );
        let child = nodes[root.first as usize];
        assert_eq!(child.byte, b' ');
        assert_eq!((child.depth, child.ends, child.count), (16, from + 1, 0));
        assert_eq!(index.iter().filter(|g| g.2 != 0).count(), 2);
        assert_eq!(crate::surfaces::group(&index, hash_word(b"bank")), None);
    }

    #[test]
    fn the_table_grows() {
        let words: Vec<String> = (0..1000).map(|i| format!("Word{i} Thing")).collect();
        let mut ix = SurfaceIndex::with_capacity(1);
        for (i, w) in words.iter().enumerate() {
            ix.add_folded(w, org(i), None);
            ix.add_folded(&w.to_uppercase(), org(i + 1), None);
        }
        let (_, table, index, _, candidates, _) = ix.finish();
        let groups = index.iter().filter(|g| g.2 != 0).count();
        assert_eq!((table.len(), groups, candidates.len()), (1000, 1000, 2000));
        for (i, w) in words.iter().enumerate() {
            let first = w.split(' ').next().expect("a word").to_ascii_lowercase();
            let &(_, from, to, _) = group(&index, hash_word(first.as_bytes())).expect("a group");
            let e = &table[from as usize];
            assert_eq!((to - from, e.cand_len), (1, 2), "{w}");
            assert_eq!(candidates[e.cand_start as usize].target, Target::Org(i));
        }
    }

    #[test]
    fn build_merges_rows_and_finds_names() {
        let orgs = "id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n\
            un\tUnited Nations\tUN\tigo\t\t\tU.N.\n\
            undp\tUnited Nations Development Programme\tUNDP|PNUD\tagency\tun\t\t\n\
            pnud\tPrograma de las Naciones Unidas\tPNUD\tagency\t\t\t\n";
        let user = "id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n\
            un\tThe United Nations\tONU\t\t\t\tUnited Nations Organization|Nations' Union\n";
        let countries = "code\tname\tofficial\tvariants\tdemonyms\n\
            CI\tCote d'Ivoire\tRepublic of Cote d'Ivoire\tIvory Coast\tIvorian\n";
        let cities = "name\tcountry\tvariants\tcapital\nAbidjan\tCI\t\t\n";
        let g = Gazetteers::from_texts(&[
            ("organisations.tsv", orgs),
            ("user.tsv", user),
            ("countries.tsv", countries),
            ("cities.tsv", cities),
        ])
        .expect("test gazetteers parse");
        let n = Names::build(&g).expect("builds");
        let un = n.org("un").expect("un");
        assert_eq!(un.name, "The United Nations");
        assert_eq!(un.acronyms, ["UN", "ONU"]);
        assert_eq!(
            un.variants,
            ["U.N.", "United Nations Organization", "Nations' Union"]
        );
        assert_eq!(n.org("undp").and_then(|o| o.parent), Some("un"));
        assert_eq!(n.org_by_acronym("PNUD"), Some(1));
        assert_eq!(n.org_by_acronym("ONU"), Some(0));
        assert_eq!(n.country("CI").map(|c| c.name), Some("Cote d'Ivoire"));
        assert_eq!(n.demonyms.get("Ivorian"), Some(&"CI"));
        let text = "The UNITED NATIONS and the un met in Côte d’Ivoire, Cote d’Ivoire \
            and Abidjan; the Nations’ Union and ONU too.";
        let found: Vec<(&str, Target)> = n
            .find(text)
            .iter()
            .map(|h| (&text[h.span.start..h.span.end], h.target))
            .collect();
        assert_eq!(
            found,
            [
                ("The UNITED NATIONS", Target::Org(0)),
                ("Cote d’Ivoire", Target::Place(0)),
                ("Abidjan", Target::Place(1)),
                ("Nations’ Union", Target::Org(0)),
                ("ONU", Target::Org(0)),
            ]
        );
    }

    /// A large group is searched down its trie; it still gives the longest
    /// surface that ends a whole word, and a shorter one when the longest
    /// does not.
    #[test]
    fn a_large_group_gives_the_longest_whole_word_surface() {
        let mut orgs = String::from("id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n");
        orgs.push_str("m\tMinistry\t\tministry\t\t\t\n");
        orgs.push_str("mh\tMinistry of Health\t\tministry\t\t\t\n");
        orgs.push_str("mfa\tMinistry of Foreign Affairs\t\tministry\t\t\t\n");
        for i in 0..84 {
            orgs.push_str(&format!(
                "mfa{i}\tMinistry of Foreign Affairs of Country{i}\t\tministry\t\t\t\n"
            ));
        }
        let orgs: &'static str = orgs.leak();
        let g =
            Gazetteers::from_texts(&[("organisations.tsv", orgs)]).expect("test gazetteers parse");
        let n = Names::build(&g).expect("builds");
        let &(_, from, to, _) = group(&n.index, hash_word(b"ministry")).expect("a group");
        assert_eq!(to - from, 87);
        let id = |t: Target| match t {
            Target::Org(i) => n.orgs[i].id,
            Target::Place(_) => "place",
        };
        for (text, expected) in [
            (
                "the Ministry of Foreign Affairs of Country12 said",
                vec!["mfa12"],
            ),
            ("MINISTRY OF FOREIGN AFFAIRS OF COUNTRY7", vec!["mfa7"]),
            ("Ministry of Foreign Affairs of Country70.", vec!["mfa70"]),
            ("Ministry of Foreign Affairs of Country1x", vec!["mfa"]),
            ("Ministry of Foreign Affairs of Country", vec!["mfa"]),
            ("Ministry of Foreign Aff", vec!["m"]),
            ("Ministry of Healthcare", vec!["m"]),
            ("the ministry of health and the Ministry", vec!["mh", "m"]),
            ("ministry", vec![]),
            ("Ministryx of Health", vec![]),
        ] {
            let found: Vec<&str> = n.find(text).iter().map(|h| id(h.target)).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn the_compiled_index_is_what_the_gazetteers_give() {
        // Built at run time from the files as the parser reads them, and
        // taken from the tables `build.rs` wrote.
        let scratch = Names::build(&Gazetteers::builtin_parsed()).expect("parsed built-ins");
        let compiled = Names::build(&Gazetteers::builtin()).expect("built-ins");
        assert!(matches!(scratch.table, Cow::Owned(_)));
        assert!(matches!(compiled.table, Cow::Borrowed(_)));
        assert!(scratch.table.len() > 5_000);
        assert_eq!(scratch.arena, compiled.arena);
        assert_eq!(scratch.table, compiled.table);
        assert_eq!(scratch.index, compiled.index);
        assert_eq!(scratch.nodes, compiled.nodes);
        assert_eq!(scratch.candidates, compiled.candidates);
        assert_eq!(scratch.exact, compiled.exact);
        assert_eq!(scratch.filter.bits, compiled.filter.bits);
        assert_eq!(scratch.orgs.len(), compiled.orgs.len());
        assert_eq!(scratch.places.len(), compiled.places.len());
    }

    /// Each built-in surface, as a text, is the last of the surfaces its
    /// trie finds there; the others found are the surfaces of its group it
    /// begins with; and every node's children go deeper, in order of byte.
    #[test]
    fn the_tries_find_every_surface_and_its_prefixes() {
        let n = Names::build(&Gazetteers::builtin()).expect("built-ins build");
        let mut out = Vec::new();
        for &(_, from, to, root) in n.index.iter().filter(|g| g.2 != 0) {
            let group = from as usize..to as usize;
            for i in group.clone() {
                let e = &n.table[i];
                let key = &n.arena[e.start as usize..(e.start + e.len) as usize];
                n.prefixes(root, key, 0, &mut out);
                let want: Vec<u32> = group
                    .clone()
                    .filter(|&j| {
                        let f = &n.table[j];
                        key.starts_with(&n.arena[f.start as usize..(f.start + f.len) as usize])
                    })
                    .map(|j| j as u32)
                    .collect();
                assert_eq!(
                    out.last(),
                    Some(&(i as u32)),
                    "{:?}",
                    String::from_utf8_lossy(key)
                );
                let mut sorted = out.clone();
                sorted.sort_by_key(|&j| n.table[j as usize].len);
                assert_eq!((&out, &sorted), (&want, &want));
            }
        }
        for node in n.nodes.iter() {
            let children = &n.nodes[node.first as usize..(node.first + node.count) as usize];
            assert!(children.windows(2).all(|w| w[0].byte < w[1].byte));
            assert!(children.iter().all(|c| c.depth > node.depth));
        }
    }

    #[test]
    fn a_user_file_of_organisations_is_indexed_with_the_built_ins() {
        let user = crate::gazetteer::parse(
            "mine.tsv",
            "id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n\
             zorb\tZorblax Agency\tZA\tagency\t\t\t\n\
             sco\t\tSHOS\t\t\t\t\n",
        )
        .expect("parses");
        let g = Gazetteers::builtin().with_file(user);
        let file = (g.file_names().len() - 1) as u16;
        let n = Names::build(&g).expect("builds");
        assert!(matches!(n.table, Cow::Owned(_)));
        let text = "The Zorblax Agency (ZA), the SHOS, the United Nations and Kazakhstan.";
        let found: Vec<(&str, Why)> = n
            .find(text)
            .iter()
            .map(|h| (h.span.of(text), h.why))
            .collect();
        let ours = |line| Why::Gazetteer { file, line };
        assert_eq!(found[0], ("Zorblax Agency", ours(2)));
        assert_eq!(found[1], ("ZA", ours(2)));
        assert_eq!(found[2], ("SHOS", ours(3)));
        assert_eq!(found[3].0, "United Nations");
        assert_eq!(found[4].0, "Kazakhstan");
        assert_eq!(
            n.org("sco").map(|o| o.acronyms.contains(&"SHOS")),
            Some(true)
        );
    }

    #[test]
    fn an_unknown_parent_is_an_error() {
        let orgs = "id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n\
            a\tAlpha\t\tigo\tzz\t\t\n";
        let g = Gazetteers::from_texts(&[("organisations.tsv", orgs)]).expect("parses");
        let e = Names::build(&g).expect_err("zz is no organisation");
        assert_eq!(e.line, 2);
    }
}
