//! The name matcher shared by the organisation and place stages: every name,
//! acronym and variant of `organisations*.tsv`, `countries.tsv`,
//! `cities.tsv` and `regions.tsv` in one byte trie, built once. One pass over
//! a document finds every candidate.
//!
//! Matching rules: whole words only (a possessive "'s" or a hyphenated
//! suffix may follow); acronyms and all-caps variants case-sensitively
//! ("ECO", never "eco"); other names ignoring ASCII case, but a one-word
//! name only when capitalised ("Interpol", "INTERPOL", not "interpol"); line
//! breaks and tabs inside a name count as spaces (hard-wrapped text); a
//! straight apostrophe in a name also matches a curly one. At each word start
//! the longest surface that passes these rules wins (leftmost-longest, so
//! "United Nations Office on Drugs and Crime" beats "United Nations", and
//! "United Nations Officers" still finds "United Nations"). Where a surface
//! belongs to several entries, organisations come before countries, cities
//! and regions.
//!
//! Why a trie and not an Aho–Corasick automaton: matches start only at word
//! starts, so an anchored walk from each word start is all a search needs.
//! That needs no failure links, which are most of an automaton's build time:
//! the trie builds in well under a millisecond, so a one-document run does
//! not pay for a matcher it barely uses.

use crate::document::{OrgKind, Span};
use crate::error::{GazetteerError, GazetteerErrorKind};
use crate::gazetteer::{Gazetteers, Kind};
use std::collections::HashMap;

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

#[derive(Clone, Debug)]
struct Candidate {
    target: Target,
    /// The exact surface, when it must match case-sensitively.
    exact: Option<String>,
    /// A one-word name: matched only when it starts with a capital.
    capitalised: bool,
}

/// A match of a gazetteer surface in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Where.
    pub span: Span,
    /// What it names.
    pub target: Target,
}

/// The merged gazetteer entries and their automaton.
#[derive(Clone, Debug)]
pub struct Names {
    /// Organisation entries, in gazetteer order.
    pub orgs: Vec<OrgEntry>,
    /// Place entries.
    pub places: Vec<PlaceEntry>,
    /// Org id → index into `orgs`.
    org_index: HashMap<String, usize>,
    /// Acronym → org index (the first entry listing it).
    acronym_index: HashMap<String, usize>,
    /// Country code → demonyms and names (for affiliations).
    pub demonyms: HashMap<String, String>,
    /// Country code → index into `places`.
    country_index: HashMap<String, usize>,
    /// Organisation head words and their kind.
    pub org_words: HashMap<String, OrgKind>,
    trie: Trie,
    /// Per trie pattern, its candidates in priority order.
    candidates: Vec<Vec<Candidate>>,
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
        let mut org_index: HashMap<String, usize> = HashMap::new();
        let mut parent_checks: Vec<(String, String, usize)> = Vec::new();
        for file in g.of(Kind::Organisations) {
            for row in &file.rows {
                let id = row.get(0);
                let kind = OrgKind::parse(row.get(3));
                let country = (!row.get(5).is_empty()).then(|| row.get(5).to_string());
                let parent = (!row.get(4).is_empty()).then(|| row.get(4).to_string());
                if let Some(p) = &parent {
                    parent_checks.push((p.clone(), file.path.clone(), row.line));
                }
                let acronyms: Vec<String> = row.list(2).map(str::to_string).collect();
                let variants: Vec<String> = row.list(6).map(str::to_string).collect();
                match org_index.get(id) {
                    Some(&i) => {
                        let e = &mut orgs[i];
                        if !row.get(1).is_empty() {
                            e.name = row.get(1).to_string();
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
                        if row.get(1).is_empty() {
                            return Err(file.error(row, GazetteerErrorKind::EmptyField("name")));
                        }
                        let Some(kind) = kind else {
                            return Err(file.error(row, GazetteerErrorKind::EmptyField("kind")));
                        };
                        org_index.insert(id.to_string(), orgs.len());
                        orgs.push(OrgEntry {
                            id: id.to_string(),
                            name: row.get(1).to_string(),
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
            if !org_index.contains_key(&parent) {
                return Err(GazetteerError {
                    path,
                    line,
                    kind: GazetteerErrorKind::BadValue {
                        column: "parent",
                        value: parent,
                        why: "is not the id of any organisation",
                    },
                });
            }
        }

        let mut places = Vec::new();
        let mut surfaces: Vec<(String, Candidate)> = Vec::new();
        let mut demonyms = HashMap::new();
        let mut country_index = HashMap::new();
        for file in g.of(Kind::Countries) {
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
                    push_surface(&mut surfaces, s, Target::Place(i));
                }
                for d in row.list(4) {
                    demonyms.insert(d.to_string(), code.to_string());
                }
            }
        }
        for file in g.of(Kind::Cities) {
            for row in &file.rows {
                let code = row.get(1);
                let i = places.len();
                places.push(PlaceEntry {
                    name: row.get(0).to_string(),
                    country: Some(code.to_string()),
                    kind: PlaceKind::City,
                });
                for s in std::iter::once(row.get(0)).chain(row.list(2)) {
                    push_surface(&mut surfaces, s, Target::Place(i));
                }
            }
        }
        for file in g.of(Kind::Regions) {
            for row in &file.rows {
                let i = places.len();
                places.push(PlaceEntry {
                    name: row.get(0).to_string(),
                    country: None,
                    kind: PlaceKind::Region,
                });
                for s in std::iter::once(row.get(0)).chain(row.list(1)) {
                    push_surface(&mut surfaces, s, Target::Place(i));
                }
            }
        }
        let mut acronym_index = HashMap::new();
        let mut org_surfaces = Vec::new();
        for (i, o) in orgs.iter().enumerate() {
            for a in &o.acronyms {
                acronym_index.entry(a.clone()).or_insert(i);
            }
            for s in std::iter::once(&o.name)
                .chain(&o.acronyms)
                .chain(&o.variants)
            {
                push_surface(&mut org_surfaces, s, Target::Org(i));
            }
        }
        // Organisations first: they win a surface they share with a place.
        org_surfaces.extend(surfaces);
        let mut org_words = HashMap::new();
        for file in g.of(Kind::OrgWords) {
            for row in &file.rows {
                if let Some(kind) = OrgKind::parse(row.get(1)) {
                    org_words.insert(row.get(0).to_string(), kind);
                }
            }
        }

        let mut key_index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        for (surface, cand) in org_surfaces {
            let key = surface.to_ascii_lowercase();
            let i = *key_index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                candidates.push(Vec::new());
                candidates.len() - 1
            });
            let dup = candidates[i]
                .iter()
                .any(|c| c.target == cand.target && c.exact == cand.exact);
            if !dup {
                candidates[i].push(cand);
            }
        }
        let trie = Trie::build(&patterns);
        Ok(Names {
            orgs,
            places,
            org_index,
            acronym_index,
            demonyms,
            country_index,
            org_words,
            trie,
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
        // Line breaks and tabs inside a name count as spaces, and ASCII case
        // is folded (the patterns are lower-cased): same byte length, same offsets.
        let folded: Vec<u8> = text
            .bytes()
            .map(|b| match b {
                b'\n' | b'\t' | b'\r' => b' ',
                _ => b.to_ascii_lowercase(),
            })
            .collect();
        let mut hits = Vec::new();
        // Where the next hit may start: hits do not overlap.
        let mut free_from = 0;
        let mut prev_alphanumeric = false;
        let mut ends = Vec::new();
        for (start, c) in text.char_indices() {
            let word_start = !prev_alphanumeric;
            prev_alphanumeric = c.is_alphanumeric();
            if !word_start || start < free_from {
                continue;
            }
            ends.clear();
            self.trie.prefixes(&folded[start..], &mut ends);
            // Longest first: the first surface that is a whole word and fits its case rule.
            for &(len, pattern) in ends.iter().rev() {
                let end = start + len;
                if !text.is_char_boundary(end) || !is_word_boundary(text, start, end) {
                    continue;
                }
                let surface = &text[start..end];
                let hit = self.candidates[pattern as usize]
                    .iter()
                    .find(|c| match &c.exact {
                        Some(exact) => surface == exact,
                        None => {
                            !c.capitalised || surface.chars().next().is_some_and(char::is_uppercase)
                        }
                    });
                if let Some(c) = hit {
                    hits.push(Hit {
                        span: Span::new(start, end),
                        target: c.target,
                    });
                    free_from = end;
                    break;
                }
            }
        }
        hits
    }
}

/// A byte trie of the (lower-cased) patterns: children of a node are
/// contiguous and sorted by byte, the root's are looked up in a table.
#[derive(Clone, Debug)]
struct Trie {
    /// Root byte → node index (0: none).
    root: Box<[u32; 256]>,
    /// The byte leading to each node (index 0 is the root).
    label: Vec<u8>,
    /// First child of each node.
    first_child: Vec<u32>,
    /// Number of children of each node.
    children: Vec<u32>,
    /// The pattern ending at each node, or `u32::MAX`.
    pattern: Vec<u32>,
}

impl Trie {
    /// Builds the trie of `patterns` (pattern `i` is reported as `i`).
    fn build(patterns: &[String]) -> Trie {
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| patterns[a as usize].cmp(&patterns[b as usize]));
        let key = |i: u32| patterns[i as usize].as_bytes();
        let mut t = Trie {
            root: Box::new([0; 256]),
            label: vec![0],
            first_child: vec![0],
            children: vec![0],
            pattern: vec![u32::MAX],
        };
        // Breadth first: a node is a run order[lo..hi] of keys sharing `depth` bytes.
        let mut queue = std::collections::VecDeque::from([(0u32, 0usize, order.len(), 0usize)]);
        while let Some((node, mut lo, hi, depth)) = queue.pop_front() {
            // Keys are unique, so at most one ends here, and it sorts first.
            if lo < hi && key(order[lo]).len() == depth {
                t.pattern[node as usize] = order[lo];
                lo += 1;
            }
            t.first_child[node as usize] = t.label.len() as u32;
            while lo < hi {
                let b = key(order[lo])[depth];
                let run = order[lo..hi].partition_point(|&i| key(i)[depth] == b);
                let child = t.label.len() as u32;
                t.label.push(b);
                t.first_child.push(0);
                t.children.push(0);
                t.pattern.push(u32::MAX);
                t.children[node as usize] += 1;
                if node == 0 {
                    t.root[b as usize] = child;
                }
                queue.push_back((child, lo, lo + run, depth + 1));
                lo += run;
            }
        }
        t
    }

    /// Every pattern that is a prefix of `bytes`, as (length, pattern), shortest first.
    fn prefixes(&self, bytes: &[u8], out: &mut Vec<(usize, u32)>) {
        let mut node = 0u32;
        for (i, &b) in bytes.iter().enumerate() {
            let next = if node == 0 {
                self.root[b as usize]
            } else {
                let first = self.first_child[node as usize] as usize;
                let kids = &self.label[first..first + self.children[node as usize] as usize];
                match kids.binary_search(&b) {
                    Ok(k) => (first + k) as u32,
                    Err(_) => 0,
                }
            };
            if next == 0 {
                return;
            }
            node = next;
            let p = self.pattern[node as usize];
            if p != u32::MAX {
                out.push((i + 1, p));
            }
        }
    }
}

fn push_surface(out: &mut Vec<(String, Candidate)>, surface: &str, target: Target) {
    let surface = surface.trim();
    if surface.is_empty() {
        return;
    }
    let exact = all_caps(surface).then(|| surface.to_string());
    let capitalised = !surface.contains(' ');
    let mut forms = vec![surface.to_string()];
    if surface.contains('\'') {
        forms.push(surface.replace('\'', "’"));
    }
    for form in forms {
        let exact = exact.as_ref().map(|_| form.clone());
        out.push((
            form,
            Candidate {
                target,
                exact,
                capitalised,
            },
        ));
    }
}

/// Whole words: no letter or digit just before or just after.
pub(crate) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
