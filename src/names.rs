//! The name matcher shared by the organisation and place stages: every name,
//! acronym and variant of `organisations*.tsv`, `countries.tsv`,
//! `cities.tsv` and `regions.tsv`, indexed by its first word (case-folded)
//! in one hash table built once. One pass over a document's words finds
//! every candidate, leftmost-longest. (An Aho–Corasick automaton over the
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

use crate::document::{OrgKind, Span, Why};
use crate::error::{GazetteerError, GazetteerErrorKind};
use crate::gazetteer::{Gazetteers, Kind};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// An organisation entry after merging the gazetteers.
#[derive(Clone, Debug)]
pub struct OrgEntry {
    /// Stable id.
    pub id: String,
    /// Official English name.
    pub name: String,
    /// Acronyms, the canonical one first.
    pub acronyms: Vec<String>,
    /// What it is.
    pub kind: OrgKind,
    /// Parent organisation id.
    pub parent: Option<String>,
    /// ISO alpha-2 code of a national body.
    pub country: Option<String>,
    /// Other names.
    pub variants: Vec<String>,
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
    pub name: String,
    /// ISO alpha-2 code of the country it is (or is in).
    pub country: Option<String>,
    /// Country, city or region.
    pub kind: PlaceKind,
}

/// What a surface names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Index into [`Names::orgs`].
    Org(usize),
    /// Index into [`Names::places`].
    Place(usize),
}

/// A distinct surface: its folded bytes in the arena, the length of its
/// first word, and its candidates.
#[derive(Clone, Copy, Debug)]
struct Surface {
    start: u32,
    len: u32,
    first: u32,
    cand_start: u32,
    cand_len: u32,
    /// Up to two folded bytes after the first word: a cheap first test.
    next: [u8; 2],
}

#[derive(Clone, Debug)]
struct Candidate {
    target: Target,
    /// The exact surface, when it must match case-sensitively.
    exact: Option<Cow<'static, str>>,
    /// A one-word name: matched only when it starts with a capital.
    capitalised: bool,
    /// The gazetteer row that gave the surface (`--explain`).
    why: Why,
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
    org_index: FxHashMap<String, usize>,
    /// Acronym → org index (the first entry listing it).
    acronym_index: FxHashMap<String, usize>,
    /// Country code → demonyms and names (for affiliations).
    pub demonyms: FxHashMap<String, String>,
    /// Country code → index into `places`.
    country_index: FxHashMap<String, usize>,
    /// Organisation head words and their kind.
    pub org_words: FxHashMap<String, OrgKind>,
    /// Every distinct surface, case-folded, end to end.
    arena: Vec<u8>,
    /// The surfaces, grouped by the hash of their first word, longest first.
    table: Vec<Surface>,
    /// Hash of a folded first word → its range in `table`.
    index: FxHashMap<u64, (u32, u32)>,
    /// The hashes of all first words, for a quick "no surface starts here".
    filter: HashFilter,
    /// The candidates of every surface, each surface's in priority order.
    candidates: Vec<Candidate>,
}

/// A list cell's items (`|` between them), empty items dropped, as
/// [`crate::gazetteer::Row::list`] gives them.
fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// No lower-case letter: an acronym or an all-caps variant, matched case-sensitively.
fn all_caps(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

impl Names {
    /// Merges the gazetteers (a later row with a known id replaces the fields
    /// it gives and adds its acronyms and variants) and builds the automaton.
    pub fn build(g: &Gazetteers) -> Result<Names, GazetteerError> {
        let mut orgs: Vec<OrgEntry> = Vec::new();
        let mut org_index: FxHashMap<String, usize> = FxHashMap::default();
        let mut parent_checks: Vec<(&str, &str, usize)> = Vec::new();
        for file in g.of(Kind::Organisations) {
            for row in &file.rows {
                let [id, name, acronyms, kind, parent, country, variants] = row.cut();
                let kind = OrgKind::parse(kind);
                let country = (!country.is_empty()).then(|| country.to_string());
                if !parent.is_empty() {
                    parent_checks.push((parent, &file.path, row.line));
                }
                let parent = (!parent.is_empty()).then(|| parent.to_string());
                let acronyms: Vec<String> = list(acronyms).map(str::to_string).collect();
                let variants: Vec<String> = list(variants).map(str::to_string).collect();
                match org_index.get(id) {
                    Some(&i) => {
                        let e = &mut orgs[i];
                        if !name.is_empty() {
                            e.name = name.to_string();
                        }
                        if let Some(k) = kind {
                            e.kind = k;
                        }
                        if parent.is_some() {
                            e.parent = parent;
                        }
                        if country.is_some() {
                            e.country = country;
                        }
                        for a in acronyms {
                            if !e.acronyms.contains(&a) {
                                e.acronyms.push(a);
                            }
                        }
                        e.variants.extend(variants);
                    }
                    None => {
                        if name.is_empty() {
                            return Err(file.error(row, GazetteerErrorKind::EmptyField("name")));
                        }
                        let Some(kind) = kind else {
                            return Err(file.error(row, GazetteerErrorKind::EmptyField("kind")));
                        };
                        org_index.insert(id.to_string(), orgs.len());
                        orgs.push(OrgEntry {
                            id: id.to_string(),
                            name: name.to_string(),
                            acronyms,
                            kind,
                            parent,
                            country,
                            variants,
                        });
                    }
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

        let mut places = Vec::new();
        let mut surfaces: Vec<(Cow<'static, str>, Candidate)> = Vec::new();
        let mut demonyms = FxHashMap::default();
        let mut country_index = FxHashMap::default();
        let at = |file: u16, row: &crate::gazetteer::Row<'_>| Why::Gazetteer {
            file,
            line: u32::try_from(row.line).unwrap_or(u32::MAX),
        };
        for (f, file) in g.of_indexed(Kind::Countries) {
            for row in &file.rows {
                let code = row.get(0);
                let i = places.len();
                country_index.insert(code.to_string(), i);
                places.push(PlaceEntry {
                    name: row.get(1).to_string(),
                    country: Some(code.to_string()),
                    kind: PlaceKind::Country,
                });
                for s in std::iter::once(row.get(1))
                    .chain(std::iter::once(row.get(2)))
                    .chain(row.list(3))
                {
                    push_surface(
                        &mut surfaces,
                        Cow::Borrowed(s),
                        Target::Place(i),
                        at(f, row),
                    );
                }
                for d in row.list(4) {
                    demonyms.insert(d.to_string(), code.to_string());
                }
            }
        }
        for (f, file) in g.of_indexed(Kind::Cities) {
            for row in &file.rows {
                let code = row.get(1);
                let i = places.len();
                places.push(PlaceEntry {
                    name: row.get(0).to_string(),
                    country: Some(code.to_string()),
                    kind: PlaceKind::City,
                });
                for s in std::iter::once(row.get(0)).chain(row.list(2)) {
                    push_surface(
                        &mut surfaces,
                        Cow::Borrowed(s),
                        Target::Place(i),
                        at(f, row),
                    );
                }
            }
        }
        for (f, file) in g.of_indexed(Kind::Regions) {
            for row in &file.rows {
                let i = places.len();
                places.push(PlaceEntry {
                    name: row.get(0).to_string(),
                    country: None,
                    kind: PlaceKind::Region,
                });
                for s in std::iter::once(row.get(0)).chain(row.list(1)) {
                    push_surface(
                        &mut surfaces,
                        Cow::Borrowed(s),
                        Target::Place(i),
                        at(f, row),
                    );
                }
            }
        }
        let mut acronym_index = FxHashMap::default();
        let mut org_surfaces = Vec::new();
        for (i, o) in orgs.iter().enumerate() {
            for a in &o.acronyms {
                acronym_index.entry(a.clone()).or_insert(i);
            }
        }
        // Every name, acronym and variant any row gave (a replaced name stays a surface).
        for (f, row) in g
            .of_indexed(Kind::Organisations)
            .flat_map(|(f, file)| file.rows.iter().map(move |r| (f, r)))
        {
            let [id, name, acronyms, _, _, _, variants] = row.cut();
            let Some(&i) = org_index.get(id) else {
                continue;
            };
            for s in std::iter::once(name)
                .chain(list(acronyms))
                .chain(list(variants))
            {
                push_surface(
                    &mut org_surfaces,
                    Cow::Borrowed(s),
                    Target::Org(i),
                    at(f, row),
                );
            }
        }
        // Organisations first: they win a surface they share with a place.
        org_surfaces.extend(surfaces);
        let mut org_words = FxHashMap::default();
        for file in g.of(Kind::OrgWords) {
            for row in &file.rows {
                if let Some(kind) = OrgKind::parse(row.get(1)) {
                    org_words.insert(row.get(0).to_string(), kind);
                }
            }
        }

        let (arena, table, index, candidates) = index_surfaces(org_surfaces);
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
            filter: HashFilter::new(index.keys().copied()),
            index,
            candidates,
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
        let mut hits = Vec::new();
        let mut pos = 0;
        while let Some((start, end, hash)) = next_word(text, pos) {
            pos = end;
            if end - start > MAX_FIRST_WORD || !self.filter.contains(hash) {
                continue;
            }
            let Some(&(from, to)) = self.index.get(&hash) else {
                continue;
            };
            let next = [
                bytes.get(end).copied().map_or(0, fold_byte),
                bytes.get(end + 1).copied().map_or(0, fold_byte),
            ];
            for e in &self.table[from as usize..to as usize] {
                let rest_len = e.len - e.first;
                if (rest_len >= 1 && e.next[0] != next[0])
                    || (rest_len >= 2 && e.next[1] != next[1])
                {
                    continue;
                }
                let key = &self.arena[e.start as usize..(e.start + e.len) as usize];
                let stop = start + e.len as usize;
                // The last byte before the whole surface: it rejects most of a
                // long group ("ministry of …") without comparing the rest.
                if stop > bytes.len()
                    || key.last().copied() != Some(fold_byte(bytes[stop - 1]))
                    || !eq_folded(&bytes[start..stop], key)
                    || !text.is_char_boundary(stop)
                    || !is_word_boundary(text, start, stop)
                {
                    continue;
                }
                let surface = &text[start..stop];
                let cands =
                    &self.candidates[e.cand_start as usize..(e.cand_start + e.cand_len) as usize];
                let hit = cands.iter().find(|c| match &c.exact {
                    Some(exact) => surface == exact.as_ref(),
                    None => {
                        !c.capitalised || surface.chars().next().is_some_and(char::is_uppercase)
                    }
                });
                if let Some(c) = hit {
                    hits.push(Hit {
                        span: Span::new(start, stop),
                        target: c.target,
                        why: c.why,
                    });
                    pos = stop;
                    break;
                }
            }
        }
        hits
    }
}

/// Byte classes for the word scanner: 0 separator, 1 ASCII letter or digit,
/// 2 the start or continuation of a non-ASCII character (decoded to decide).
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b >= 0x80 {
            2
        } else if (b as u8).is_ascii_alphanumeric() {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The next word at or after `pos`: (start, end, hash of its folded bytes).
/// One pass, one table lookup a byte; non-ASCII characters are decoded to
/// tell letters from punctuation.
#[inline]
fn next_word(text: &str, mut i: usize) -> Option<(usize, usize, u64)> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Skip to a word start.
    loop {
        while i < n && CLASS[bytes[i] as usize] == 0 {
            i += 1;
        }
        if i >= n {
            return None;
        }
        if CLASS[bytes[i] as usize] == 1 {
            break;
        }
        let c = text[i..].chars().next()?;
        if is_word_char(c) {
            break;
        }
        i += c.len_utf8();
    }
    let start = i;
    let mut h = FNV_OFFSET;
    while i < n {
        match CLASS[bytes[i] as usize] {
            1 => {
                h = (h ^ u64::from(bytes[i].to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                i += 1;
            }
            2 => {
                let Some(c) = text[i..].chars().next().filter(|&c| is_word_char(c)) else {
                    break;
                };
                for &b in &bytes[i..i + c.len_utf8()] {
                    h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
                i += c.len_utf8();
            }
            _ => break,
        }
    }
    Some((start, i, h))
}

/// The longest first word a surface may have, in bytes; longer ones are left
/// out of the index (no real name has one).
const MAX_FIRST_WORD: usize = 48;

/// A byte ASCII case folded, with line breaks and tabs as spaces.
#[inline]
fn fold_byte(b: u8) -> u8 {
    match b {
        b'\n' | b'\t' | b'\r' => b' ',
        b => b.to_ascii_lowercase(),
    }
}

/// Whether `text` folds to `key` (already folded).
fn eq_folded(text: &[u8], key: &[u8]) -> bool {
    text.len() == key.len() && text.iter().zip(key).all(|(&t, &k)| fold_byte(t) == k)
}

/// ASCII case folded, and line breaks and tabs count as spaces: the same
/// byte length as the input, so offsets carry over.
fn fold(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    bytes.iter().map(|&b| fold_byte(b))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The end of the word starting at `start` (`start` itself when no word starts there).
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            i += 1;
        } else if b >= 0x80 {
            match text[i..].chars().next() {
                Some(c) if is_word_char(c) => i += c.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

fn push_surface(
    out: &mut Vec<(Cow<'static, str>, Candidate)>,
    surface: Cow<'static, str>,
    target: Target,
    why: Why,
) {
    let surface = match surface {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
    };
    if surface.is_empty() {
        return;
    }
    let exact = all_caps(&surface);
    let capitalised = !surface.contains(' ');
    if surface.contains('\'') {
        let curly: Cow<'static, str> = Cow::Owned(surface.replace('\'', "’"));
        let cand = Candidate {
            target,
            exact: exact.then(|| curly.clone()),
            capitalised,
            why,
        };
        out.push((curly, cand));
    }
    let cand = Candidate {
        target,
        exact: exact.then(|| surface.clone()),
        capitalised,
        why,
    };
    out.push((surface, cand));
}

/// A one-hash Bloom filter of 2^16 bits (8 KiB, stays in L1): most words of a
/// release begin no surface, and this answers that without a table probe.
#[derive(Clone, Debug)]
struct HashFilter {
    bits: Vec<u64>,
}

impl HashFilter {
    fn new(hashes: impl Iterator<Item = u64>) -> HashFilter {
        let mut bits = vec![0u64; 1024];
        for h in hashes {
            let i = (h >> 48) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
        HashFilter { bits }
    }

    fn contains(&self, h: u64) -> bool {
        let i = (h >> 48) as usize;
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

/// The scanner's hash of an already folded word.
fn hash_word(word: &[u8]) -> u64 {
    word.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

type Index = (
    Vec<u8>,
    Vec<Surface>,
    FxHashMap<u64, (u32, u32)>,
    Vec<Candidate>,
);

/// Folds every surface into one arena, merges equal surfaces (keeping their
/// candidates in priority order), and groups them by the hash of their first
/// word, longest first. A few flat allocations, whatever the number of surfaces.
fn index_surfaces(surfaces: Vec<(Cow<'static, str>, Candidate)>) -> Index {
    let mut arena: Vec<u8> = Vec::with_capacity(surfaces.iter().map(|(s, _)| s.len()).sum());
    // (start, len, first-word length) of each surface's folded form.
    let mut spans: Vec<(u32, u32, u32)> = Vec::with_capacity(surfaces.len());
    for (s, _) in &surfaces {
        let start = arena.len() as u32;
        arena.extend(fold(s.as_bytes()));
        spans.push((start, s.len() as u32, word_end(s, 0) as u32));
    }
    let key = |i: usize| {
        let (start, len, _) = spans[i];
        &arena[start as usize..(start + len) as usize]
    };
    // Equal surfaces form one group; groups keep their members' input (priority) order.
    let mut group_of_key: FxHashMap<&[u8], u32> = FxHashMap::default();
    group_of_key.reserve(surfaces.len());
    let mut firsts: Vec<usize> = Vec::new();
    let mut group: Vec<u32> = vec![u32::MAX; surfaces.len()];
    for i in
        (0..surfaces.len()).filter(|&i| spans[i].2 > 0 && spans[i].2 as usize <= MAX_FIRST_WORD)
    {
        let next = firsts.len() as u32;
        let g = *group_of_key.entry(key(i)).or_insert(next);
        if g == next {
            firsts.push(i);
        }
        group[i] = g;
    }
    // Counting sort of the candidates by group, stable.
    let mut counts = vec![0u32; firsts.len() + 1];
    for &g in group.iter().filter(|&&g| g != u32::MAX) {
        counts[g as usize + 1] += 1;
    }
    for g in 1..counts.len() {
        counts[g] += counts[g - 1];
    }
    let mut slots: Vec<Option<&Candidate>> = vec![None; counts[firsts.len()] as usize];
    let mut fill = counts.clone();
    for (i, &g) in group.iter().enumerate().filter(|(_, g)| **g != u32::MAX) {
        slots[fill[g as usize] as usize] = Some(&surfaces[i].1);
        fill[g as usize] += 1;
    }
    let mut table: Vec<(u64, Surface)> = Vec::with_capacity(firsts.len());
    let mut candidates: Vec<Candidate> = Vec::with_capacity(slots.len());
    for (g, &first) in firsts.iter().enumerate() {
        let cand_start = candidates.len() as u32;
        for c in slots[counts[g] as usize..counts[g + 1] as usize]
            .iter()
            .flatten()
        {
            let dup = candidates[cand_start as usize..]
                .iter()
                .any(|d| d.target == c.target && d.exact == c.exact);
            if !dup {
                candidates.push((*c).clone());
            }
        }
        let (start, len, first_len) = spans[first];
        let hash = hash_word(&arena[start as usize..(start + first_len) as usize]);
        let cand_len = candidates.len() as u32 - cand_start;
        let after = &arena[(start + first_len) as usize..(start + len) as usize];
        let next = [
            after.first().copied().unwrap_or(0),
            after.get(1).copied().unwrap_or(0),
        ];
        table.push((
            hash,
            Surface {
                start,
                len,
                first: first_len,
                cand_start,
                cand_len,
                next,
            },
        ));
    }
    table.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.len.cmp(&a.1.len))
            .then(a.1.start.cmp(&b.1.start))
    });
    let mut index: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
    index.reserve(table.len());
    for (i, (hash, _)) in table.iter().enumerate() {
        index
            .entry(*hash)
            .and_modify(|r| r.1 = i as u32 + 1)
            .or_insert((i as u32, i as u32 + 1));
    }
    (
        arena,
        table.into_iter().map(|(_, s)| s).collect(),
        index,
        candidates,
    )
}

/// Whole words: no letter or digit just before or just after.
pub(crate) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
