//! The surface index of the name matcher ([`crate::names`]): every name,
//! acronym and variant folded once into an arena, grouped by the hash of
//! its first word, each with its candidates in priority order.
//!
//! This file is also compiled into `build.rs` (by its path), which builds
//! the index of the built-in gazetteers when the crate is compiled and
//! writes it out as Rust tables; so it uses `std` and `rustc-hash` only.
//! [`crate::names::Names::build`] takes those tables when no `--gazetteer`
//! file names organisations or places, and builds the index at run time
//! otherwise; a unit test checks that both give the same index.

use std::hash::Hasher;

/// What a surface names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Index into [`crate::names::Names::orgs`].
    Org(usize),
    /// Index into [`crate::names::Names::places`].
    Place(usize),
}

/// A distinct surface: its folded bytes in the arena, the length of its
/// first word, and its candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Surface {
    pub(crate) start: u32,
    pub(crate) len: u32,
    pub(crate) first: u32,
    pub(crate) cand_start: u32,
    pub(crate) cand_len: u32,
}

/// One thing a surface may name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) target: Target,
    /// Where the exact surface is in the index's text of exact surfaces
    /// (start, length), when it must match case-sensitively. (A range, not
    /// a string: the compiled tables then hold no pointer to relocate.)
    pub(crate) exact: Option<(u32, u32)>,
    /// A one-word name: matched only when it starts with a capital.
    pub(crate) capitalised: bool,
    /// The gazetteer row that gave the surface (`--explain`): the file's
    /// index and the line.
    pub(crate) row: (u16, u32),
}

/// A [`Surface`] (for the tables `build.rs` writes).
pub(crate) const fn surface(
    start: u32,
    len: u32,
    first: u32,
    cand_start: u32,
    cand_len: u32,
) -> Surface {
    Surface {
        start,
        len,
        first,
        cand_start,
        cand_len,
    }
}

/// A [`Candidate`] (for the tables `build.rs` writes): an organisation's
/// when `org`, else a place's.
pub(crate) const fn candidate(
    org: bool,
    i: usize,
    exact: Option<(u32, u32)>,
    capitalised: bool,
    file: u16,
    line: u32,
) -> Candidate {
    Candidate {
        target: if org {
            Target::Org(i)
        } else {
            Target::Place(i)
        },
        exact,
        capitalised,
        row: (file, line),
    }
}

/// A node of a group's trie: the group's surfaces that share their first
/// `depth` folded bytes (and more than their parent's), where those bytes are,
/// the surface that is just those bytes, and the nodes of the surfaces that
/// go on, one for each next byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    /// Where the shared bytes are in the arena.
    pub(crate) key: u32,
    /// How many bytes are shared.
    pub(crate) depth: u32,
    /// The surface (an index into the table) that ends there, or [`NO_SURFACE`].
    pub(crate) ends: u32,
    /// The first child, in the node list.
    pub(crate) first: u32,
    /// The number of children (after the first, in order of `byte`).
    pub(crate) count: u32,
    /// The byte that leads from the parent to this node (at the parent's depth).
    pub(crate) byte: u8,
}

/// [`Node::ends`] of a node no surface ends at.
pub(crate) const NO_SURFACE: u32 = u32::MAX;

/// A [`Node`] (for the tables `build.rs` writes).
pub(crate) const fn node(
    key: u32,
    depth: u32,
    ends: u32,
    first: u32,
    count: u32,
    byte: u8,
) -> Node {
    Node {
        key,
        depth,
        ends,
        first,
        count,
        byte,
    }
}

/// The longest first word a surface may have, in bytes; longer ones are left
/// out of the index (no real name has one).
pub(crate) const MAX_FIRST_WORD: usize = 48;

/// A letter or digit. The no-break space and General Punctuation (dashes,
/// curly quotes, thin spaces…) hold none: they are answered without the
/// Unicode tables.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    !matches!(c, '\u{a0}' | '\u{2000}'..='\u{206f}') && c.is_alphanumeric()
}

/// The end of the word starting at `start` (`start` itself when no word starts there).
pub(crate) fn word_end(text: &str, start: usize) -> usize {
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

/// Every byte's bit 5: ASCII letters fold to lower case by it, and the
/// hash of a word is the same before and after folding.
const CASE: u64 = 0x2020_2020_2020_2020;

/// The hash of `bytes[start..end]` (a word, so no byte is a line break or a
/// tab) with every byte's bit 5 set, eight bytes a step: the text's words
/// and the folded first words of the surfaces hash alike.
#[inline(always)]
pub(crate) fn hash_span(bytes: &[u8], start: usize, end: usize) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, v: u64| (h.rotate_left(23) ^ v).wrapping_mul(K);
    let load = |at: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let len = end - start;
    if 0 < len && len <= 8 && start + 8 <= bytes.len() {
        // Most words: one load, masked to the word (what the loop below does
        // for them, without its tests).
        return mix(0, (load(start) | CASE) & (u64::MAX >> (8 * (8 - len))));
    }
    let mut h = 0;
    let mut i = start;
    while i + 8 <= end {
        h = mix(h, load(i) | CASE);
        i += 8;
    }
    let len = end - i;
    if len > 0 {
        let v = if i + 8 <= bytes.len() {
            load(i)
        } else {
            let mut word = [0u8; 8];
            word[..len].copy_from_slice(&bytes[i..end]);
            u64::from_le_bytes(word)
        };
        // The word's bytes only, then zeros (no byte of a word is zero once
        // bit 5 is set, so a shorter word hashes apart).
        h = mix(h, (v | CASE) & (u64::MAX >> (8 * (8 - len))));
    }
    h
}

/// The scanner's hash of an already folded word.
pub(crate) fn hash_word(word: &[u8]) -> u64 {
    hash_span(word, 0, word.len())
}

/// What [`SurfaceIndex::finish`] gives: the arena, the surfaces, the
/// groups' table (see [`group`]), the groups' tries, the candidates and the
/// text of their exact surfaces.
pub(crate) type Index = (
    Vec<u8>,
    Vec<Surface>,
    Vec<Group>,
    Vec<Node>,
    Vec<Candidate>,
    String,
);

/// A slot of the groups' table: the hash of a folded first word, the range
/// of its surfaces in the table (`to == 0`: a free slot) and the root of
/// their trie in the nodes.
pub(crate) type Group = (u64, u32, u32, u32);

/// The group of the surfaces whose first word folds to `hash`, from an
/// open-addressing table of groups (a power of two long, never full).
#[inline]
pub(crate) fn group(groups: &[Group], hash: u64) -> Option<&Group> {
    let mask = groups.len() - 1;
    let mut k = group_slot(hash, mask);
    loop {
        let g = &groups[k];
        if g.2 == 0 {
            return None;
        }
        if g.0 == hash {
            return Some(g);
        }
        k = (k + 1) & mask;
    }
}

/// The first slot to try for a group's hash (the scanner's hash, mixed so
/// that its high bits choose).
#[inline]
fn group_slot(hash: u64, mask: usize) -> usize {
    (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

/// What a surface says about itself, from one pass over its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    /// No lower-case letter and some upper-case one: matched case-sensitively.
    pub(crate) all_caps: bool,
    /// Has a space (a one-word name must be capitalised).
    pub(crate) spaced: bool,
    /// Has a straight apostrophe (it also matches a curly one).
    pub(crate) apostrophe: bool,
}

impl Shape {
    pub(crate) fn of(s: &str) -> Shape {
        let flags = s.bytes().fold(0, |f, b| f | SHAPE[b as usize]);
        let (upper, lower) = if flags & NON_ASCII == 0 {
            (flags & UPPER != 0, flags & LOWER != 0)
        } else {
            (
                s.chars().any(char::is_uppercase),
                s.chars().any(char::is_lowercase),
            )
        };
        Shape {
            all_caps: upper && !lower,
            spaced: flags & SPACE != 0,
            apostrophe: flags & APOSTROPHE != 0,
        }
    }
}

const UPPER: u8 = 1;
const LOWER: u8 = 2;
const NON_ASCII: u8 = 4;
const SPACE: u8 = 8;
const APOSTROPHE: u8 = 16;

/// The [`Shape`] flag of each byte.
const SHAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c == b' ' {
            SPACE
        } else if c == b'\'' {
            APOSTROPHE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The builder of the surface index: every distinct surface folded once into
/// the arena (an open-addressing table of their hashes merges equal ones),
/// each with a short list of candidates in priority order.
pub(crate) struct SurfaceIndex {
    arena: Vec<u8>,
    /// (start, len, first-word length) of each distinct surface in the arena.
    spans: Vec<(u32, u32, u32)>,
    /// The hash of each distinct surface's folded bytes.
    hashes: Vec<u64>,
    /// Open addressing over `hashes`: a surface number, or `u32::MAX`.
    slots: Vec<u32>,
    /// Each distinct surface's first and last candidate in `cands`.
    lists: Vec<(u32, u32)>,
    /// Candidates (taken out in [`SurfaceIndex::finish`]).
    cands: Vec<Option<Candidate>>,
    /// The next candidate of the same surface (`NONE` ends).
    next: Vec<u32>,
    /// The exact surfaces of the candidates, end to end.
    exact: String,
}

const NONE: u32 = u32::MAX;

impl SurfaceIndex {
    pub(crate) fn with_capacity(n: usize) -> SurfaceIndex {
        SurfaceIndex {
            arena: Vec::with_capacity(n * 20),
            spans: Vec::with_capacity(n),
            hashes: Vec::with_capacity(n),
            slots: vec![NONE; (2 * n).next_power_of_two().max(16)],
            lists: Vec::with_capacity(n),
            cands: Vec::with_capacity(n),
            next: Vec::with_capacity(n),
            exact: String::new(),
        }
    }

    /// Adds a surface (trimmed; nothing when empty) naming `target`, and its
    /// curly-apostrophe form when it has a straight apostrophe.
    pub(crate) fn add(&mut self, surface: &'static str, target: Target, row: (u16, u32)) {
        let surface = surface.trim();
        if surface.is_empty() {
            return;
        }
        let shape = Shape::of(surface);
        let cand = Candidate {
            target,
            exact: None,
            capitalised: !shape.spaced,
            row,
        };
        if shape.apostrophe {
            let curly = surface.replace('\'', "’");
            let exact = shape.all_caps.then_some(curly.as_str());
            self.add_folded(&curly, cand.clone(), exact);
        }
        let exact = shape.all_caps.then_some(surface);
        self.add_folded(surface, cand, exact);
    }

    /// Folds `surface` into the arena (or finds it there) and appends `cand`
    /// to its candidates, with `exact` as its exact surface, unless it has
    /// one with the same target and exact surface. A surface whose first
    /// word is empty or too long is left out.
    pub(crate) fn add_folded(&mut self, surface: &str, mut cand: Candidate, exact: Option<&str>) {
        let first = word_end(surface, 0);
        if first == 0 || first > MAX_FIRST_WORD {
            return;
        }
        let start = self.arena.len();
        self.arena.extend_from_slice(surface.as_bytes());
        fold_in_place(&mut self.arena[start..]);
        let hash = {
            let mut h = rustc_hash::FxHasher::default();
            h.write(&self.arena[start..]);
            h.finish()
        };
        if 2 * (self.spans.len() + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut k = slot_of(hash, mask);
        loop {
            let id = self.slots[k];
            if id == NONE {
                break;
            }
            let (s, len, _) = self.spans[id as usize];
            if self.hashes[id as usize] == hash
                && self.arena[s as usize..(s + len) as usize] == self.arena[start..]
            {
                self.arena.truncate(start);
                let (head, tail) = self.lists[id as usize];
                let mut c = head;
                while c != NONE {
                    let d = self.cands[c as usize].as_ref().expect("not taken yet");
                    if d.target == cand.target && self.exact_of(d) == exact {
                        return;
                    }
                    c = self.next[c as usize];
                }
                let new = self.cands.len() as u32;
                cand.exact = exact.map(|e| self.keep_exact(e));
                self.cands.push(Some(cand));
                self.next.push(NONE);
                self.next[tail as usize] = new;
                self.lists[id as usize].1 = new;
                return;
            }
            k = (k + 1) & mask;
        }
        let id = self.spans.len() as u32;
        self.slots[k] = id;
        self.spans
            .push((start as u32, surface.len() as u32, first as u32));
        self.hashes.push(hash);
        let c = self.cands.len() as u32;
        cand.exact = exact.map(|e| self.keep_exact(e));
        self.cands.push(Some(cand));
        self.next.push(NONE);
        self.lists.push((c, c));
    }

    /// The exact surface of a candidate.
    fn exact_of(&self, c: &Candidate) -> Option<&str> {
        c.exact
            .map(|(start, len)| &self.exact[start as usize..(start + len) as usize])
    }

    /// Appends an exact surface to the text of them: its range there.
    fn keep_exact(&mut self, exact: &str) -> (u32, u32) {
        let start = self.exact.len() as u32;
        self.exact.push_str(exact);
        (start, exact.len() as u32)
    }

    /// Doubles the open-addressing table.
    fn grow(&mut self) {
        self.slots = vec![NONE; 2 * self.slots.len()];
        let mask = self.slots.len() - 1;
        for (id, &hash) in self.hashes.iter().enumerate() {
            let mut k = slot_of(hash, mask);
            while self.slots[k] != NONE {
                k = (k + 1) & mask;
            }
            self.slots[k] = id as u32;
        }
    }

    /// The arena, the surfaces grouped by the hash of their first word
    /// (a counting sort) and each group sorted by its folded bytes, the
    /// index of the groups, their tries and the candidates.
    pub(crate) fn finish(mut self) -> Index {
        let n = self.spans.len();
        let mut candidates = Vec::with_capacity(self.cands.len());
        let mut cand_ranges = Vec::with_capacity(n);
        for &(head, _) in &self.lists {
            let start = candidates.len() as u32;
            let mut c = head;
            while c != NONE {
                candidates.push(self.cands[c as usize].take().expect("each candidate once"));
                c = self.next[c as usize];
            }
            cand_ranges.push((start, candidates.len() as u32 - start));
        }
        // Group number of each first word (in the order they first come,
        // found through an open-addressing table), and the size of each group.
        let mut numbers = vec![NONE; (2 * n).next_power_of_two().max(16)];
        let mask = numbers.len() - 1;
        let mut group_hashes: Vec<u64> = Vec::with_capacity(n);
        let mut group_of = Vec::with_capacity(n);
        let mut sizes: Vec<u32> = Vec::with_capacity(n);
        for &(start, _, first) in &self.spans {
            let hash = hash_word(&self.arena[start as usize..(start + first) as usize]);
            let mut k = group_slot(hash, mask);
            let g = loop {
                let g = numbers[k];
                if g == NONE {
                    let g = sizes.len() as u32;
                    numbers[k] = g;
                    group_hashes.push(hash);
                    sizes.push(0);
                    break g;
                }
                if group_hashes[g as usize] == hash {
                    break g;
                }
                k = (k + 1) & mask;
            };
            sizes[g as usize] += 1;
            group_of.push(g);
        }
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        let mut total = 0;
        starts.push(0);
        for &size in &sizes {
            total += size;
            starts.push(total);
        }
        let mut order = vec![0u32; n];
        let mut fill = starts.clone();
        for (id, &g) in group_of.iter().enumerate() {
            let slot = &mut fill[g as usize];
            order[*slot as usize] = id as u32;
            *slot += 1;
        }
        let bytes = |id: u32| {
            let (start, len, _) = self.spans[id as usize];
            &self.arena[start as usize..(start + len) as usize]
        };
        for g in 0..sizes.len() {
            order[starts[g] as usize..starts[g + 1] as usize].sort_unstable_by_key(|&id| bytes(id));
        }
        // The tries, and the groups' table (at most half full).
        let mut nodes = Vec::with_capacity(2 * n);
        let mut groups: Vec<Group> =
            vec![(0, 0, 0, 0); (2 * sizes.len()).next_power_of_two().max(16)];
        let mask = groups.len() - 1;
        for (g, &hash) in group_hashes.iter().enumerate() {
            let (from, to) = (starts[g], starts[g + 1]);
            let root = nodes.len() as u32;
            nodes.push(node(0, 0, NO_SURFACE, 0, 0, 0));
            Trie {
                order: &order,
                spans: &self.spans,
                arena: &self.arena,
                nodes: &mut nodes,
            }
            .fill(root, from as usize..to as usize, 0);
            let mut k = group_slot(hash, mask);
            while groups[k].2 != 0 {
                k = (k + 1) & mask;
            }
            groups[k] = (hash, from, to, root);
        }
        let table = order
            .iter()
            .map(|&id| {
                let (start, len, first) = self.spans[id as usize];
                let (cand_start, cand_len) = cand_ranges[id as usize];
                surface(start, len, first, cand_start, cand_len)
            })
            .collect();
        (self.arena, table, groups, nodes, candidates, self.exact)
    }
}

/// What building a group's trie reads, and the nodes it adds to.
struct Trie<'a> {
    /// Surface ids in table order (each group sorted by its bytes).
    order: &'a [u32],
    spans: &'a [(u32, u32, u32)],
    arena: &'a [u8],
    nodes: &'a mut Vec<Node>,
}

impl Trie<'_> {
    /// The folded bytes of the surface at table index `i`.
    fn bytes(&self, i: usize) -> &[u8] {
        let (start, len, _) = self.spans[self.order[i] as usize];
        &self.arena[start as usize..(start + len) as usize]
    }

    /// Makes node `at` the node of the surfaces at table indexes `range`
    /// (sorted, sharing their first `from` bytes): they share what the first
    /// and the last share; the first is those bytes, or no surface is; the
    /// others go on by their next byte, a child for each, the children side
    /// by side.
    fn fill(&mut self, at: u32, range: std::ops::Range<usize>, from: usize) {
        let (first, last) = (self.bytes(range.start), self.bytes(range.end - 1));
        let depth = from
            + first[from..]
                .iter()
                .zip(&last[from..])
                .take_while(|(a, b)| a == b)
                .count();
        let key = self.spans[self.order[range.start] as usize].0;
        let mut rest = range.clone();
        let mut ends = NO_SURFACE;
        if first.len() == depth {
            ends = range.start as u32;
            rest.start += 1;
        }
        // The runs of `rest` with the same byte at `depth`.
        let mut runs = Vec::new();
        let mut i = rest.start;
        while i < rest.end {
            let b = self.bytes(i)[depth];
            let mut j = i + 1;
            while j < rest.end && self.bytes(j)[depth] == b {
                j += 1;
            }
            runs.push((b, i..j));
            i = j;
        }
        let children = self.nodes.len() as u32;
        for &(b, _) in &runs {
            self.nodes.push(node(0, 0, NO_SURFACE, 0, 0, b));
        }
        self.nodes[at as usize] = Node {
            key,
            depth: depth as u32,
            ends,
            first: children,
            count: runs.len() as u32,
            byte: self.nodes[at as usize].byte,
        };
        for (k, (_, run)) in runs.into_iter().enumerate() {
            self.fill(children + k as u32, run, depth + 1);
        }
    }
}

/// [`crate::names`]'s `fold_byte` on every byte, branch-free (so it vectorises).
pub(crate) fn fold_in_place(bytes: &mut [u8]) {
    for b in bytes {
        let upper = b.wrapping_sub(b'A') < 26;
        let space = matches!(*b, b'\n' | b'\t' | b'\r');
        *b = if space {
            b' '
        } else {
            *b | (u8::from(upper) << 5)
        };
    }
}

/// The first slot to try for a hash.
#[inline]
fn slot_of(hash: u64, mask: usize) -> usize {
    (hash >> 32) as usize & mask
}
