//! People: adds `Document::people`, each with titles in normal form, an
//! affiliation (an organisation id or an ISO 3166 alpha-2 code) and every
//! mention (the name only, without titles or honorifics). Reads the
//! sentences (only text up to the end of the last one counts), the
//! organisations and the places: a name never overlaps their mentions, and
//! they give affiliations. Rules come from `titles.tsv`, `honorifics.tsv`,
//! `given_names.tsv`, the demonyms of `countries.tsv` and the organisation
//! words of `org_words.tsv`.
//!
//! One pass per sentence cuts the text into units: words, punctuation,
//! organisation and place mentions, and titles or honorifics (one anchored
//! Aho–Corasick look-up at each capitalised word). A run of capitalised words
//! (with inner particles "bin", "van der", initials "A." and all-caps surnames)
//! is a person when a cue supports it:
//! - a title or honorific chain before it: "Deputy Director Akhat Mukashev",
//!   "H.E. Mr. Zhang Ming", "SCO Secretary General Vladimir Norov",
//!   "Secretary General Interpol Jürgen Stock", "Minister of Foreign Affairs
//!   of Kazakhstan X", "Kazakh Ambassador X";
//! - an apposition: "the Director of the SCO RATS Executive Committee,
//!   Ruslan Mirzaev" or "Vladimir Norov, SCO Secretary General, …";
//! - "led by X", "headed by X", a byline "By X", "X said", "said X";
//! - without a cue, a known given name ("Sergey Lavrov"), or a surname-first
//!   East Asian family name before one ("Liu Zhenmin").
//!
//! Titles stop a name ("Zaw Lin Tun Chairman"). An organisation or place
//! next to a title is the affiliation; so is the organisation or country of a
//! delegation "led by" the person. Ranks are kept only for a person with no
//! office. Later mentions — the full name again, the surname alone, or any
//! part of the name after a title or honorific ("Mr Norov", "Dr Surin") — join
//! the person first named; people who share a surname stay apart unless the
//! rest of the name agrees.
//!
//! Deliberately ignored: lower-case titles ("the head of state"), title-only
//! references ("the Secretary General" with no name), names in all-caps text,
//! and pronouns.

use crate::ascii::alnum_end;
use crate::document::{Document, Person, Span, Why};
use crate::error::GazetteerError;
use crate::gazetteer::{Gazetteers, Kind};
use crate::lexicon::{
    self, CUE_START, DEMONYM, FAMILY, GIVEN, Lexicon, MODIFIER, MODIFIERS, NON_NAME, ORG_WORD,
    STOP, is_joiner, word_hash,
};
use crate::names::{Names, Target};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast hasher for the short words of the lexicon (FxHash).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Whether a title is an office or a rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TitleKind {
    Office,
    Rank,
}

/// A title entry: its normal form and kind.
#[derive(Clone, Debug)]
struct Title {
    normal: String,
    kind: TitleKind,
}

/// What a title/honorific surface is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Title(u32),
    Honorific,
}

/// One candidate of an automaton pattern.
#[derive(Clone, Debug)]
struct Pattern {
    cue: Cue,
    /// The exact surface, for all-caps forms matched case-sensitively.
    exact: Option<Box<str>>,
}

/// Whether `word` is a lower-case name particle inside a name ("Ursula von
/// der Leyen"); a `match`, so no list is compared word by word.
#[inline]
fn is_particle(word: &str) -> bool {
    // Slice patterns: a decision tree on the length and the bytes.
    matches!(
        word.as_bytes(),
        [b'b', b'i', b'n']
            | [b'i', b'b', b'n']
            | [b'b', b'i', b'n', b't']
            | [b'b', b'i', b'n', b't', b'i']
            | [b'a', b'l']
            | [b'e', b'l']
            | [b'v', b'a', b'n']
            | [b'd', b'e', b'r']
            | [b'd', b'e', b'n']
            | [b'd', b'e']
            | [b'd', b'e', b'l']
            | [b'd', b'e', b'l', b'l', b'a']
            | [b'd', b'i']
            | [b'd', b'a']
            | [b'd', b'u']
            | [b'd', b'o', b's']
            | [b'd', b'a', b's']
            | [b'v', b'o', b'n']
            | [b'z', b'u']
            | [b'l', b'a']
            | [b'l', b'e']
            | [b't', b'e', b'r']
            | [b't', b'e', b'n']
            | [b'y']
            | [b'b', b'e', b'n']
            | [b'a', b'b', b'u']
            | [b'o', b'u', b'l', b'd']
    )
}

/// Verbs whose "by" introduces a person ("led by", "headed by").
const BY_VERBS: &[&str] = &[
    "led",
    "headed",
    "chaired",
    "co-chaired",
    "moderated",
    "opened",
    "accompanied",
    "represented",
    "delivered",
    "presided",
    "signed",
];

/// Reporting verbs: "X said", "said X".
const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "stated",
    "states",
    "noted",
    "added",
    "told",
    "stressed",
    "underlined",
    "emphasised",
    "emphasized",
    "highlighted",
    "remarked",
    "explained",
    "announced",
    "declared",
    "urged",
    "commented",
    "affirmed",
    "reiterated",
    "observed",
];

/// Words that name a group a person leads ("the Kazakh delegation led by X").
const GROUP_WORDS: &[&str] = &["delegation", "Delegation", "team", "mission", "Mission"];

/// The title, honorific and name rules, built once from the gazetteers.
#[derive(Clone, Debug)]
pub struct Rules {
    /// Every title and honorific surface, ASCII lower-cased, and every
    /// start of one that ends at a word boundary: what it is ([`Step`]).
    keys: FxMap<Box<[u8]>, Step>,
    /// The longest key, in bytes.
    max_key: usize,
    patterns: Vec<Vec<Pattern>>,
    titles: Vec<Title>,
    lexicon: Lexicon,
    /// The given-name rows (file, line, name) of the files not compiled into
    /// the lexicon, for `--explain` only.
    given: Vec<(u16, u32, &'static str)>,
    /// The index of the built-in given-name file, whose rows' lines the
    /// lexicon holds.
    builtin_given: Option<u16>,
}

/// The lexicon of the built-in gazetteers, as `build.rs` made it with
/// [`Lexicon::from_words`] (the tables are borrowed from the binary).
fn builtin_lexicon() -> Lexicon {
    Lexicon::from_tables(
        include_str!(concat!(env!("OUT_DIR"), "/lexicon.text")),
        include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.entries")),
        include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.slots")),
    )
}

/// No lower-case letter: an all-caps form, matched case-sensitively.
fn all_caps(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

impl Rules {
    /// Builds the title and honorific automaton and the word lexicon from
    /// every titles, honorifics, given-names, countries and org-words file.
    #[inline(never)]
    pub fn build(g: &Gazetteers) -> Result<Rules, GazetteerError> {
        // Titles: a later row with the same normal form adds variants and may change the kind.
        let mut titles: Vec<Title> = Vec::new();
        let mut title_index: HashMap<String, usize> = HashMap::new();
        let mut surfaces: Vec<(String, Cue)> = Vec::new();
        for file in g.of(Kind::Titles) {
            for row in &file.rows {
                let kind = if row.get(2) == "rank" {
                    TitleKind::Rank
                } else {
                    TitleKind::Office
                };
                let normal = row.get(0);
                let i = *title_index.entry(normal.to_string()).or_insert_with(|| {
                    titles.push(Title {
                        normal: normal.to_string(),
                        kind,
                    });
                    titles.len() - 1
                });
                titles[i].kind = kind;
                let cue = Cue::Title(i as u32);
                for s in std::iter::once(normal).chain(row.list(1)) {
                    surfaces.push((s.to_string(), cue));
                }
            }
        }
        for file in g.of(Kind::Honorifics) {
            for row in &file.rows {
                for s in std::iter::once(row.get(0)).chain(row.list(1)) {
                    surfaces.push((s.to_string(), Cue::Honorific));
                }
            }
        }
        // Abbreviations are also written without their full stop ("Amb", "Supt").
        let forms = lexicon::cue_forms(surfaces);
        // The built-in lexicon has every built-in word; only another file's
        // organisation words, titles, honorifics or demonyms are added.
        let add_words = !g.has_builtins()
            || g.has_user(&[
                Kind::OrgWords,
                Kind::Titles,
                Kind::Honorifics,
                Kind::Countries,
            ]);
        let starts = if add_words {
            lexicon::cue_starts(forms.iter().map(|(s, _)| s.as_str()))
        } else {
            Vec::new()
        };
        let mut keys: FxMap<Box<[u8]>, Step> =
            FxMap::with_capacity_and_hasher(forms.len() * 2, Default::default());
        let mut max_key = 0;
        let mut patterns: Vec<Vec<Pattern>> = Vec::new();
        for (surface, cue) in forms {
            let lower = surface.to_ascii_lowercase();
            max_key = max_key.max(lower.len());
            // The starts of the surface that a word boundary ends lead on to it.
            for start in boundary_starts(&lower) {
                keys.entry(start.as_bytes().into())
                    .or_insert(Step::NONE)
                    .longer = true;
            }
            let step = keys
                .entry(lower.into_bytes().into_boxed_slice())
                .or_insert(Step::NONE);
            if step.surface == Step::NONE.surface {
                step.surface = patterns.len() as u32;
                patterns.push(Vec::new());
            }
            let i = step.surface as usize;
            let exact = all_caps(&surface).then(|| surface.clone().into_boxed_str());
            if !patterns[i].iter().any(|p| p.cue == cue && p.exact == exact) {
                patterns[i].push(Pattern { cue, exact });
            }
        }
        // The built-in gazetteers' lexicon is made by `build.rs`; other
        // gazetteers (tests) start from nothing.
        let mut lexicon = if g.has_builtins() {
            builtin_lexicon()
        } else {
            let given_rows: usize = g.of(Kind::GivenNames).map(|f| f.rows.len()).sum();
            Lexicon::with_capacity(given_rows + 2_000)
        };
        let mut given = Vec::new();
        let mut builtin_given = None;
        for (f, file) in g.of_indexed(Kind::GivenNames) {
            if file.compiled {
                builtin_given = Some(f);
                continue;
            }
            for row in &file.rows {
                let name = row.get(0);
                if !name.as_bytes().contains(&b' ') {
                    lexicon.add(name, GIVEN);
                    given.push((f, u32::try_from(row.line).unwrap_or(u32::MAX), name));
                }
            }
        }
        if add_words {
            // The built-in words are in the built-in lexicon already (adding
            // them again changes nothing and copies nothing).
            lexicon.add_common(
                g.of(Kind::OrgWords)
                    .flat_map(|f| f.rows.iter().map(|r| r.get(0))),
                &starts,
                g.of(Kind::Countries)
                    .flat_map(|f| f.rows.iter().flat_map(|r| r.list(4))),
            );
        }
        Ok(Rules {
            keys,
            max_key,
            patterns,
            titles,
            lexicon,
            given,
            builtin_given,
        })
    }

    /// The gazetteer row of the given name `word` (a linear scan: `--explain` only).
    fn given_row(&self, word: &str) -> Option<Why> {
        // The built-in file comes first in merge order, so its row wins.
        if let Some(file) = self.builtin_given {
            let line = self.lexicon.given_line(word);
            if line != 0 {
                return Some(Why::Gazetteer { file, line });
            }
        }
        let &(file, line, _) = self.given.iter().find(|(_, _, name)| *name == word)?;
        Some(Why::Gazetteer { file, line })
    }

    #[inline]
    fn flags(&self, word: &str) -> u8 {
        self.lexicon.get(word)
    }

    /// The longest title or honorific starting at `at` and ending before
    /// `limit` at a word boundary: (its cue, its end). The text is read
    /// forward, one look-up at each word boundary, while what was read is
    /// the start of some surface.
    fn cue_at(&self, text: &str, at: usize, limit: usize) -> Option<(Cue, usize)> {
        let head = &text[at..limit];
        if !head.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let mut cut = head.len().min(self.max_key);
        while !head.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &head[..cut];
        let mut buf = [0u8; 256];
        let mut heap = Vec::new();
        let lower: &mut [u8] = if head.len() <= buf.len() {
            &mut buf[..head.len()]
        } else {
            heap.resize(head.len(), 0);
            &mut heap
        };
        // `lower[..lowered]` holds the ASCII lower case of `head[..lowered]`.
        let mut lowered = 0;
        let mut found = None;
        let bytes = head.as_bytes();
        let mut e = 0;
        while e < bytes.len() {
            // No boundary inside a run of ASCII letters and digits: its last
            // character is the first that may end a surface.
            let run = alnum_end(bytes, e, bytes.len());
            let i = run.saturating_sub(1).max(e);
            let (dot, len) = match bytes[i] {
                b if b < 0x80 => (b == b'.', 1),
                _ => (false, head[i..].chars().next().map_or(1, char::len_utf8)),
            };
            let end = i + len;
            e = end;
            // A surface that may match ends at a word boundary: after a full
            // stop or before a character that is no letter or digit.
            let next = text[at + end..].chars().next();
            if !dot && next.is_some_and(char::is_alphanumeric) {
                continue;
            }
            lower[lowered..end].copy_from_slice(&head.as_bytes()[lowered..end]);
            lower[lowered..end].make_ascii_lowercase();
            lowered = end;
            let Some(step) = self.keys.get(&lower[..end]) else {
                break;
            };
            if let Some(surface) = self.patterns.get(step.surface as usize) {
                let written = &head[..end];
                if let Some(p) = surface
                    .iter()
                    .find(|p| p.exact.as_deref().is_none_or(|e| e == written))
                {
                    found = Some((p.cue, at + end));
                }
            }
            if !step.longer {
                break;
            }
        }
        found
    }
}

/// What a lower-cased piece of text is to the title and honorific surfaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Step {
    /// The surface's index in `Rules::patterns`, or `u32::MAX` for a piece
    /// that is no surface.
    surface: u32,
    /// Whether a longer surface starts with the piece.
    longer: bool,
}

impl Step {
    /// Neither a surface nor the start of one.
    const NONE: Step = Step {
        surface: u32::MAX,
        longer: false,
    };
}

/// The starts of `surface` (shorter than it) that end where a word boundary
/// may: after a full stop or before a character that is no letter or digit.
/// Text that reads as one of these at a word boundary may go on to `surface`;
/// text that reads as none of them at a boundary cannot.
fn boundary_starts(surface: &str) -> impl Iterator<Item = &str> {
    surface
        .char_indices()
        .filter(move |&(i, c)| i > 0 && (surface[..i].ends_with('.') || !c.is_alphanumeric()))
        .map(move |(i, _)| &surface[..i])
}

/// What a unit of a sentence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    /// A word (flags tell more).
    Word,
    /// A title, with an optional modifier (index into `MODIFIERS` + 1).
    Title { index: u32, modifier: u8 },
    /// An honorific.
    Honorific,
    /// An organisation mention (index into `Document::organisations`).
    Org(u32),
    /// A place mention (index into `Document::locations`).
    Place(u32),
    /// A possessive "’s".
    Poss,
    /// Any other character.
    Punct(char),
}

// Word flags (the lexicon flags sit in the high byte).
const CAP: u16 = 1;
const ALLCAPS: u16 = 2;
const DIGIT: u16 = 4;
const PARTICLE: u16 = 8;
const LINE_START: u16 = 16;

#[derive(Clone, Copy, Debug)]
struct Tok {
    span: Span,
    unit: Unit,
    flags: u16,
}

impl Tok {
    fn has(&self, lexicon_flag: u8) -> bool {
        self.flags >> 8 & u16::from(lexicon_flag) != 0
    }
    fn is_word(&self, text: &str, w: &str) -> bool {
        matches!(self.unit, Unit::Word) && self.span.of(text) == w
    }
    fn is_word_in(&self, text: &str, ws: &[&str]) -> bool {
        matches!(self.unit, Unit::Word) && ws.contains(&self.span.of(text))
    }
    fn is_punct(&self, c: char) -> bool {
        matches!(self.unit, Unit::Punct(d) if d == c)
    }
    fn is_aff(&self) -> bool {
        matches!(self.unit, Unit::Org(_) | Unit::Place(_))
            || (matches!(self.unit, Unit::Word) && self.has(DEMONYM))
    }
}

// Byte classes of the word cutter (`BYTE_CLASS`).
/// An ASCII letter or digit.
const ALNUM: u8 = 1;
/// An ASCII capital.
const UPPER: u8 = 2;
/// An ASCII lower-case letter.
const LOWER: u8 = 4;
/// An ASCII digit.
const DIGIT_BYTE: u8 = 8;
/// ASCII that is a unit of its own where a word does not start: neither
/// white space, a letter or digit, nor an apostrophe (which may start a
/// possessive).
const PUNCT: u8 = 16;
/// A byte that ends an ASCII word for sure: ASCII, neither a letter or
/// digit nor a joiner ('-', '\'').
const WORD_END: u8 = 32;

/// The class bits of each byte, so the cutter reads a byte with one load.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if b.is_ascii_lowercase() {
            ALNUM | LOWER
        } else if b.is_ascii_digit() {
            ALNUM | DIGIT_BYTE
        } else if b == b'-' {
            // A joiner inside a word, a unit of its own elsewhere.
            PUNCT
        } else if b == b'\'' {
            0
        } else if matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            WORD_END
        } else {
            PUNCT | WORD_END
        };
        i += 1;
    }
    t
};

/// Cuts `text[start..end]` into units, appending to `out`. `spans` are the
/// organisation and place mentions, sorted and not overlapping; `next` is the
/// first of them that may lie at or after `start`.
#[inline(never)]
fn units(
    text: &str,
    start: usize,
    end: usize,
    spans: &[(Span, Unit)],
    next: &mut usize,
    rules: &Rules,
    out: &mut Vec<Tok>,
) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut line_start = start == 0 || bytes[start - 1] == b'\n';
    // Where the next mention starts: before it, no span needs a look.
    let mut span_start = 0;
    while i < end {
        let b = bytes[i];
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        if b == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if i >= span_start {
            while *next < spans.len() && spans[*next].0.end <= i {
                *next += 1;
            }
            if let Some(&(span, unit)) = spans.get(*next)
                && span.start <= i
            {
                out.push(Tok {
                    span: Span::new(i, span.end.min(end)),
                    unit,
                    flags: 0,
                });
                i = span.end;
                *next += 1;
                line_start = false;
                span_start = 0;
                continue;
            }
            span_start = spans.get(*next).map_or(usize::MAX, |s| s.0.start);
        }
        let limit = span_start.min(end);
        let ls = if line_start { LINE_START } else { 0 };
        line_start = false;
        let class = BYTE_CLASS[usize::from(b)];
        // An ASCII word or number ended by no joiner nor non-ASCII character
        // (nearly every word): no character is decoded.
        if class & ALNUM != 0 {
            let j = alnum_end(bytes, i + 1, limit);
            if j >= limit || BYTE_CLASS[usize::from(bytes[j])] & WORD_END != 0 {
                // The space after the word needs no turn of the loop.
                let next = if j < end && bytes[j] == b' ' {
                    j + 1
                } else {
                    j
                };
                if class & UPPER == 0 {
                    // Lower case or a digit first: no lexicon, no cue, only the particle test.
                    let particle = if is_particle(&text[i..j]) {
                        PARTICLE
                    } else {
                        0
                    };
                    out.push(Tok {
                        span: Span::new(i, j),
                        unit: Unit::Word,
                        flags: ls | particle,
                    });
                    i = next;
                    continue;
                }
                // The shape of a capitalised word, by the classes of its bytes.
                let (mut seen, mut upper) = (0, 0usize);
                for &c in &bytes[i..j] {
                    let c = BYTE_CLASS[usize::from(c)];
                    seen |= c;
                    upper += usize::from(c & UPPER != 0);
                }
                let mut flags = ls | CAP;
                if seen & DIGIT_BYTE != 0 {
                    flags |= DIGIT;
                }
                if upper > 1 && seen & LOWER == 0 {
                    flags |= ALLCAPS;
                }
                match capitalised(text, i, j, limit, flags, rules, out) {
                    Ok(flags) => out.push(Tok {
                        span: Span::new(i, j),
                        unit: Unit::Word,
                        flags,
                    }),
                    Err(cue_end) => {
                        i = cue_end;
                        continue;
                    }
                }
                i = next;
                continue;
            }
        } else if class & PUNCT != 0 {
            // ASCII punctuation other than an apostrophe (which may start a possessive).
            out.push(Tok {
                span: Span::new(i, i + 1),
                unit: Unit::Punct(char::from(b)),
                flags: ls,
            });
            i += 1;
            continue;
        }
        let first = if b < 0x80 {
            b as char
        } else {
            text[i..].chars().next().unwrap_or(' ')
        };
        if !first.is_alphanumeric() {
            // A possessive right after an organisation mention: "Committee’s".
            let after = i + first.len_utf8();
            if matches!(first, '\'' | '’')
                && out.last().is_some_and(|t| t.span.end == i)
                && text[after..].starts_with('s')
                && !text[after + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                out.push(Tok {
                    span: Span::new(i, after + 1),
                    unit: Unit::Poss,
                    flags: 0,
                });
                i = after + 1;
                continue;
            }
            out.push(Tok {
                span: Span::new(i, i + first.len_utf8()),
                unit: Unit::Punct(first),
                flags: ls,
            });
            i += first.len_utf8();
            continue;
        }
        // A word: letters and digits, with inner hyphens and apostrophes.
        let mut j = i;
        let mut possessive = None;
        loop {
            j = alnum_end(bytes, j, limit);
            if j >= limit {
                break;
            }
            let c = if bytes[j] < 0x80 {
                bytes[j] as char
            } else {
                text[j..].chars().next().unwrap_or(' ')
            };
            if c.is_alphanumeric() {
                j += c.len_utf8();
            } else if is_joiner(c) {
                let after = j + c.len_utf8();
                let next_c = text[after..].chars().next();
                if !next_c.is_some_and(char::is_alphanumeric) || after >= limit {
                    break;
                }
                if matches!(c, '\'' | '’')
                    && matches!(next_c, Some('s'))
                    && !text[after + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    possessive = Some(Span::new(j, after + 1));
                    break;
                }
                j = after;
            } else {
                break;
            }
        }
        let word = &text[i..j];
        let cap = first.is_uppercase();
        let mut flags = ls;
        if cap {
            flags |= CAP;
            let (mut upper, mut lower) = (0usize, false);
            for c in word.chars() {
                if c.is_numeric() {
                    flags |= DIGIT;
                } else if c.is_uppercase() {
                    upper += 1;
                } else if c.is_lowercase() {
                    lower = true;
                }
            }
            if upper > 1 && !lower {
                flags |= ALLCAPS;
            }
            match capitalised(text, i, j, limit, flags, rules, out) {
                Ok(f) => flags = f,
                Err(cue_end) => {
                    i = cue_end;
                    continue;
                }
            }
        } else if is_particle(word) {
            flags |= PARTICLE;
        } else if let Some(rest) = word
            .strip_prefix("al-")
            .or_else(|| word.strip_prefix("el-"))
            .or_else(|| word.strip_prefix("ad-"))
            && rest.chars().next().is_some_and(char::is_uppercase)
        {
            // "al-Sisi": a name with its article.
            flags |= CAP;
        }
        out.push(Tok {
            span: Span::new(i, j),
            unit: Unit::Word,
            flags,
        });
        i = j;
        if let Some(p) = possessive {
            out.push(Tok {
                span: p,
                unit: Unit::Poss,
                flags: 0,
            });
            i = p.end;
        }
    }
}

/// The rest of a capitalised word `text[i..j]` with its shape `flags`: a
/// title or honorific starting there (with a modifier before it: "Acting
/// Executive Director") is pushed and `Err(its end)` returned; otherwise
/// `Ok(flags)` with the lexicon flags added.
fn capitalised(
    text: &str,
    i: usize,
    j: usize,
    limit: usize,
    flags: u16,
    rules: &Rules,
    out: &mut Vec<Tok>,
) -> Result<u16, usize> {
    let word = &text[i..j];
    let lex = rules.flags(word);
    if lex & CUE_START != 0
        && let Some((cue, cue_end)) = rules.cue_at(text, i, limit)
    {
        push_cue(out, Span::new(i, cue_end), cue, 0, flags);
        return Err(cue_end);
    }
    if lex & MODIFIER != 0 {
        // "Acting Executive Director", "Ag. Executive Director".
        let mut k = j;
        if k < limit && text[k..].starts_with('.') {
            k += 1;
        }
        let gap = text[k..limit].len() - text[k..limit].trim_start_matches(' ').len();
        if gap > 0
            && let Some((cue @ Cue::Title(_), cue_end)) = rules.cue_at(text, k + gap, limit)
        {
            let m = MODIFIERS.iter().position(|(w, _)| *w == word).unwrap_or(0) + 1;
            push_cue(out, Span::new(i, cue_end), cue, m as u8, flags);
            return Err(cue_end);
        }
    }
    Ok(flags | u16::from(lex) << 8)
}

fn push_cue(out: &mut Vec<Tok>, span: Span, cue: Cue, modifier: u8, flags: u16) {
    let unit = match cue {
        Cue::Title(index) => Unit::Title { index, modifier },
        Cue::Honorific => Unit::Honorific,
    };
    out.push(Tok {
        span,
        unit,
        flags: flags & LINE_START,
    });
}

/// A title as found: entry, modifier, and a portfolio ("for Peace and Security").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TitleRef {
    index: u32,
    modifier: u8,
    portfolio: Option<Span>,
}

/// What a description next to a name says: titles and affiliation.
#[derive(Clone, Debug, Default)]
struct Desc {
    titles: Vec<TitleRef>,
    /// An organisation, place or demonym before the first title ("SCO Secretary General").
    pre_aff: Option<usize>,
    /// One after a title ("Secretary General Interpol", "Minister of … of Kazakhstan").
    aff: Option<usize>,
    honorific: bool,
    /// Whether a comma separates it from the name.
    apposition: bool,
    /// Where the description starts (after any false start) and where reading stopped.
    start: usize,
    stop: usize,
    /// The state reading ended in.
    end: State,
}

impl Desc {
    fn affiliation(&self) -> Option<usize> {
        self.aff.or(self.pre_aff)
    }
    /// Whether it introduces a name that follows it directly: it holds a title
    /// or honorific and ends where a name may start (not inside the name of an
    /// organisation the gazetteers do not know: "the Ministry of the Interior").
    fn cue(&self) -> bool {
        (!self.titles.is_empty() || self.honorific)
            && (self.apposition
                || matches!(
                    self.end,
                    State::Title | State::Hon | State::Aff | State::Of | State::For | State::Port
                ))
    }
    /// Whether it ends in an open portfolio ("Director of Operations").
    fn open(&self) -> bool {
        matches!(self.end, State::Of | State::For | State::Port)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum State {
    #[default]
    Start,
    Title,
    Hon,
    Aff,
    AffPoss,
    Of,
    OfThe,
    For,
    Port,
    UnknownOrg,
    And,
    To,
}

/// Reads the description in `toks[from..to]`. `reset`: an unexpected unit
/// starts over (a description before a name, read up to it); otherwise it
/// ends the description (one after a name).
fn describe(text: &str, toks: &[Tok], from: usize, to: usize, reset: bool) -> Desc {
    let mut d = Desc {
        start: from,
        ..Desc::default()
    };
    let mut st = State::Start;
    let mut pending: Option<usize> = None;
    let mut port_start: Option<usize> = None;
    let mut j = from;
    while j < to {
        let t = toks[j];
        let w = t.span.of(text);
        let mut next = None;
        match t.unit {
            Unit::Title { index, modifier } => {
                if d.pre_aff.is_none()
                    && d.aff.is_none()
                    && matches!(st, State::Aff | State::AffPoss)
                {
                    d.pre_aff = pending;
                }
                close_portfolio(&mut d, &mut port_start, st, toks, j);
                d.titles.push(TitleRef {
                    index,
                    modifier,
                    portfolio: None,
                });
                next = Some(State::Title);
            }
            // "… of Algeria and Dr. Tarek Sharif": the titles before are someone else's.
            Unit::Honorific if reset && st != State::And => {
                close_portfolio(&mut d, &mut port_start, st, toks, j);
                d.honorific = true;
                next = Some(State::Hon);
            }
            _ if t.is_aff() && !adjective(toks, j, st) => match st {
                State::Start | State::Hon | State::And | State::Aff | State::AffPoss => {
                    pending = Some(j);
                    next = Some(State::Aff);
                }
                State::Title | State::Of | State::OfThe => {
                    if d.aff.is_none() && !d.titles.is_empty() {
                        d.aff = Some(j);
                    }
                    port_start = None;
                    next = Some(State::Aff);
                }
                State::For | State::Port => next = Some(State::Port),
                State::To | State::UnknownOrg => next = Some(st),
            },
            Unit::Poss if st == State::Aff => next = Some(State::AffPoss),
            // "the Prime Minister’s press chief": that title is someone else's.
            Unit::Poss if st == State::Title => {
                d.titles.pop();
            }
            Unit::Punct('(')
                if matches!(st, State::Title | State::Aff)
                    && toks.get(j + 2).is_some_and(|c| c.is_punct(')'))
                    && toks.get(j + 1).is_some_and(|a| {
                        a.flags & ALLCAPS != 0 || matches!(a.unit, Unit::Org(_))
                    }) =>
            {
                // An acronym glossing the title or organisation: "Executive Director (ED)".
                j += 3;
                continue;
            }
            // "the Director for Plans and Programmes, Supt Tang Yik Tung".
            Unit::Punct(',')
                if reset
                    && !d.titles.is_empty()
                    && matches!(
                        st,
                        State::Title | State::Aff | State::Port | State::UnknownOrg
                    ) =>
            {
                close_portfolio(&mut d, &mut port_start, st, toks, j);
                next = Some(State::Start);
            }
            // "President of the Financial Action Task Force/Secretary of …".
            Unit::Punct('/') if matches!(st, State::Aff | State::UnknownOrg) => {
                next = Some(State::And);
            }
            Unit::Word if t.flags & CAP == 0 => match (w, st) {
                ("of", State::Title | State::Port | State::Aff) => {
                    close_portfolio(&mut d, &mut port_start, st, toks, j);
                    port_start = Some(j);
                    next = Some(State::Of);
                }
                ("of" | "the", State::UnknownOrg) => next = Some(st),
                ("for", State::Title) => {
                    port_start = Some(j);
                    next = Some(State::For);
                }
                ("the", State::Of) => next = Some(State::OfThe),
                ("the", State::Start | State::Hon | State::And | State::To | State::For) => {
                    next = Some(st)
                }
                ("and", State::Port) => next = Some(State::Port),
                ("and", State::Title | State::Aff | State::UnknownOrg) => {
                    close_portfolio(&mut d, &mut port_start, st, toks, j);
                    next = Some(State::And)
                }
                ("to", State::Aff) => next = Some(State::To),
                // "Chairman of the conference": no organisation, no portfolio.
                (_, State::OfThe) => {
                    port_start = None;
                    next = Some(State::UnknownOrg)
                }
                _ => {}
            },
            // "Gen. Pol. Dr.": an abbreviated part of a title is passed over.
            Unit::Word if t.has(CUE_START) && toks.get(j + 1).is_some_and(|p| p.is_punct('.')) => {
                j += 2;
                continue;
            }
            Unit::Word if t.flags & CAP != 0 => match st {
                State::Of if !t.has(NON_NAME) => next = Some(State::Port),
                State::Of | State::OfThe => {
                    port_start = None;
                    next = Some(State::UnknownOrg);
                }
                // "Director of Chinese Institute": an organisation, not a portfolio.
                State::Port if t.has(ORG_WORD) && port_is_of(text, toks, port_start) => {
                    port_start = None;
                    next = Some(State::UnknownOrg);
                }
                State::For | State::Port => next = Some(State::Port),
                State::UnknownOrg => next = Some(st),
                State::Start if w == "The" => next = Some(st),
                _ => {}
            },
            _ => {}
        }
        match next {
            Some(s) => st = s,
            None if reset => {
                d = Desc {
                    start: j + 1,
                    ..Desc::default()
                };
                st = State::Start;
                pending = None;
                port_start = None;
            }
            None => break,
        }
        j += 1;
    }
    if matches!(st, State::Port) {
        close_portfolio(&mut d, &mut port_start, st, toks, j);
    }
    d.stop = j;
    d.end = st;
    d
}

/// Whether the open portfolio starts with "of".
fn port_is_of(text: &str, toks: &[Tok], port_start: Option<usize>) -> bool {
    port_start.is_some_and(|p| toks[p].is_word(text, "of"))
}

/// A demonym used as an adjective of a name after "of" ("Director of
/// Chinese Institute"), not as a country.
fn adjective(toks: &[Tok], j: usize, st: State) -> bool {
    matches!(toks[j].unit, Unit::Word)
        && matches!(st, State::Of | State::OfThe)
        && toks
            .get(j + 1)
            .is_some_and(|n| matches!(n.unit, Unit::Word) && n.flags & CAP != 0)
}

/// Ends a portfolio that started at `port_start` just before `toks[j]`,
/// attaching it to the last title when reading is inside one (state `st`).
fn close_portfolio(
    d: &mut Desc,
    port_start: &mut Option<usize>,
    st: State,
    toks: &[Tok],
    j: usize,
) {
    if let (Some(s), Some(t)) = (port_start.take(), d.titles.last_mut())
        && st == State::Port
        && j > s + 1
        && t.portfolio.is_none()
    {
        t.portfolio = Some(Span::new(toks[s].span.start, toks[j - 1].span.end));
    }
}

/// A possible mention of a person.
#[derive(Clone, Debug)]
struct Candidate {
    /// The name, without titles.
    span: Span,
    /// The name's words (initials and particles included), a range of the word arena.
    words: std::ops::Range<usize>,
    /// Whether the name may start a new person.
    new: bool,
    /// Whether a title or honorific stands right before it.
    cued: bool,
    titles: Vec<(String, TitleKind)>,
    affiliation: Option<String>,
    /// The cue that made it a name: "title", "honorific", "apposition",
    /// "led by", "byline", "said", "given name"; `Rule("name")` when none
    /// (it can then only be a later mention of someone).
    why: Why,
}

/// Whether a word is a name word: capitalised, not a stop word, not all
/// caps unless a name word came before ("Abdelghani HAMEL").
fn name_word(t: &Tok, started: bool) -> bool {
    matches!(t.unit, Unit::Word)
        && t.flags & CAP != 0
        && t.flags & DIGIT == 0
        && !t.has(STOP)
        && !t.has(DEMONYM)
        && (t.flags & ALLCAPS == 0 || started)
}

/// A single capital followed by a full stop: an initial ("Tarek A. Sharif").
fn initial(text: &str, toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    matches!(t.unit, Unit::Word)
        && t.flags & CAP != 0
        && toks.get(k + 1).is_some_and(|p| p.is_punct('.'))
        && one_char(t.span.of(text))
}

/// Whether `s` is a single character (decoded only when it is short enough).
fn one_char(s: &str) -> bool {
    s.len() <= 4 && s.chars().nth(1).is_none() && !s.is_empty()
}

/// The candidates of one sentence's units.
#[inline(never)]
fn candidates(
    doc: &Document,
    toks: &[Tok],
    rules: &Rules,
    names: &Names,
    out: &mut Vec<Candidate>,
    arena: &mut Vec<Span>,
    run: &mut Vec<usize>,
) {
    let text = &doc.text;
    let mut k = 0;
    // The previous name's end and the affiliation its leading adjective gave.
    let mut previous: Option<(usize, Option<String>)> = None;
    while k < toks.len() {
        // Only a capitalised word starts a run (a name word or an initial):
        // every other unit is passed over without the tests below.
        if !matches!(toks[k].unit, Unit::Word) || toks[k].flags & CAP == 0 {
            k += 1;
            continue;
        }
        // A run of name words, with initials and inner particles.
        run.clear();
        let words = &mut *run;
        let a = k;
        let mut tainted = false;
        let mut e = k;
        while e < toks.len() {
            let t = &toks[e];
            if initial(text, toks, e) && toks.get(e + 2).is_some_and(|n| name_word(n, true)) {
                words.push(e);
                e += 2;
                continue;
            }
            // An honorific that no name follows is a name word: "Zaw Lin Tun Chairman".
            if matches!(t.unit, Unit::Honorific)
                && !words.is_empty()
                && t.span.of(text).chars().all(char::is_alphabetic)
                && !toks.get(e + 1).is_some_and(|n| name_word(n, false))
            {
                words.push(e);
                e += 1;
                continue;
            }
            // "Gen. Pol. Dr. Hendra Wibisono": an abbreviated part of a title.
            if t.has(CUE_START) && toks.get(e + 1).is_some_and(|p| p.is_punct('.')) {
                break;
            }
            if name_word(t, !words.is_empty()) {
                tainted |= t.has(NON_NAME);
                words.push(e);
                e += 1;
                continue;
            }
            if t.flags & PARTICLE != 0
                && !words.is_empty()
                && toks
                    .get(e + 1)
                    .is_some_and(|n| name_word(n, true) || n.flags & PARTICLE != 0)
            {
                words.push(e);
                e += 1;
                continue;
            }
            break;
        }
        if words.is_empty() {
            k += 1;
            continue;
        }
        k = e;
        if tainted {
            continue;
        }
        // Trailing particles are not part of the name.
        while words.last().is_some_and(|&w| toks[w].flags & PARTICLE != 0) {
            words.pop();
        }
        let b = words.last().map_or(a, |&w| w + 1);
        let mut first = 0;

        // The description before: back over titles, organisations, "of"…, and
        // one comma, right before the name or before its titles and honorifics
        // ("the Director for Plans and Programmes, Supt Tang Yik Tung").
        let mut s = a;
        let mut comma = None;
        while s > 0 && a - s < 20 {
            let t = &toks[s - 1];
            let ok = match t.unit {
                Unit::Title { .. }
                | Unit::Honorific
                | Unit::Org(_)
                | Unit::Place(_)
                | Unit::Poss => true,
                Unit::Punct(',')
                    if comma.is_none()
                        && toks[s..a]
                            .iter()
                            .all(|t| matches!(t.unit, Unit::Title { .. } | Unit::Honorific)) =>
                {
                    comma = Some(s - 1);
                    true
                }
                Unit::Punct('(' | ')' | '/') => true,
                // The stop of "Pol." in "Gen. Pol. Dr. X".
                Unit::Punct('.') => s >= 2 && toks[s - 2].has(CUE_START),
                Unit::Word => {
                    t.flags & CAP != 0
                        || t.is_word_in(text, &["of", "the", "for", "and", "to"])
                        // "Chairman of the conference"
                        || (s >= 3
                            && toks[s - 2].is_word(text, "the")
                            && toks[s - 3].is_word(text, "of"))
                }
                _ => false,
            };
            if !ok {
                break;
            }
            s -= 1;
        }
        let interesting = toks[s..a].iter().any(|t| {
            matches!(
                t.unit,
                Unit::Title { .. } | Unit::Honorific | Unit::Org(_) | Unit::Place(_)
            )
        });
        let before = match comma {
            _ if !interesting => Desc {
                start: a,
                ..Desc::default()
            },
            Some(c) if c + 1 == a => {
                let mut d = describe(text, toks, s, c, true);
                d.apposition = true;
                if d.titles.is_empty() {
                    d = Desc {
                        start: a,
                        ..Desc::default()
                    };
                }
                d
            }
            _ => describe(text, toks, s, a, true),
        };
        // "led by [the description] X".
        let lead = if before.titles.is_empty() && !before.honorific {
            a
        } else {
            before.start
        };
        let by = lead > 0 && toks[lead - 1].is_word(text, "by");
        let by_verb = by && lead >= 2 && {
            let v = if toks[lead - 2].is_punct(',') && lead >= 3 {
                lead - 3
            } else {
                lead - 2
            };
            toks[v].is_word_in(text, BY_VERBS) || toks[v].is_word(text, "over")
        };
        let byline = a > 0
            && toks[a - 1].is_word(text, "By")
            && toks[a - 1].flags & LINE_START != 0
            && toks
                .get(b)
                .is_none_or(|t| t.flags & LINE_START != 0 || t.is_punct('|'));
        let said = toks.get(b).is_some_and(|t| t.is_word_in(text, SAY_VERBS))
            || (a > 0 && toks[a - 1].is_word_in(text, SAY_VERBS));

        // A description before that ends in an open portfolio may run into
        // the name: the name starts at its first given name.
        if before.open() && !before.apposition {
            match words
                .iter()
                .position(|&w| toks[w].has(GIVEN) || toks[w].has(FAMILY))
            {
                Some(p) if p > 0 => first = p,
                Some(_) => {}
                None => continue,
            }
        }
        let words = &words[first..];
        let Some((&w0, &wn)) = words.first().zip(words.last()) else {
            continue;
        };

        // The description after: ", Director of the SCO RATS, …" or "Chairman of …".
        let after = match toks.get(b) {
            Some(t) if t.is_punct(',') => describe(text, toks, b + 1, toks.len(), false),
            Some(t) if matches!(t.unit, Unit::Title { .. }) => {
                describe(text, toks, b, toks.len(), false)
            }
            _ => Desc::default(),
        };
        let mut after = if after.titles.is_empty() {
            Desc::default()
        } else {
            after
        };
        // "X, President Y": the last title is the next person's.
        if after.end == State::Title && toks.get(after.stop).is_some_and(|t| name_word(t, false)) {
            after.titles.pop();
        }

        let caps = words
            .iter()
            .filter(|&&w| toks[w].flags & PARTICLE == 0 && !initial(text, toks, w))
            .count();
        if caps == 0 || caps > 5 {
            continue;
        }
        let cued = before.cue() && !before.apposition;
        let given = toks[w0].has(GIVEN)
            || (toks[w0].has(FAMILY) && words.len() >= 2 && toks[words[1]].has(GIVEN));
        let strong = cued
            || (before.apposition && before.cue())
            || (!after.titles.is_empty() && toks.get(b).is_some_and(|t| t.is_punct(',')))
            || by_verb
            || byline;
        let new = if caps == 1 {
            cued && toks[w0].flags & ALLCAPS == 0
                && toks[w0].span.of(text).chars().count() >= 2
                && !common_word(text, toks[w0].span)
        } else {
            strong || said || given
        };
        let span = Span::new(toks[w0].span.start, toks[wn].span.end);
        let mut titles = Vec::new();
        for d in [&before, &after] {
            for t in &d.titles {
                titles.push(title_text(text, rules, t));
            }
        }
        let by_aff = if by_verb {
            group_affiliation(text, toks, lead)
        } else {
            None
        };
        let aff_tok = before
            .affiliation()
            .or(by_aff)
            .or_else(|| after.affiliation());
        let affiliation = aff_tok
            .and_then(|i| affiliation_of(doc, &toks[i], names))
            .or_else(|| {
                // "of" + a country the place stage read as part of an organisation name.
                [&before, &after]
                    .iter()
                    .find_map(|d| d.titles.last().and_then(|t| t.portfolio))
                    .filter(|p| p.of(text).starts_with("of "))
                    .and_then(|p| country_in(text, p, names))
            })
            .or_else(|| {
                // "Russian Foreign Minister X and Deputy Foreign Minister Y": the
                // adjective before the first title covers the second.
                let coordinated = !titles.is_empty()
                    && lead >= 1
                    && toks[lead - 1].is_word(text, "and")
                    && previous.as_ref().is_some_and(|(end, _)| *end == lead - 1);
                if coordinated {
                    previous.as_ref().and_then(|(_, a)| a.clone())
                } else {
                    None
                }
            });
        previous = Some((
            b,
            before
                .pre_aff
                .filter(|_| before.aff.is_none())
                .and_then(|i| affiliation_of(doc, &toks[i], names)),
        ));
        // What made it a name (`--explain`), the strongest cue first.
        let is_cue = |t: &&Tok| matches!(t.unit, Unit::Title { .. } | Unit::Honorific);
        let why = if cued || (before.apposition && before.cue()) {
            toks[before.start.min(a)..a]
                .iter()
                .rev()
                .find(is_cue)
                .map(|t| {
                    let kind = match t.unit {
                        _ if before.apposition => "apposition",
                        Unit::Honorific => "honorific",
                        _ => "title",
                    };
                    Why::Cue(kind, t.span)
                })
        } else if !after.titles.is_empty() && toks.get(b).is_some_and(|t| t.is_punct(',')) {
            toks[b..after.stop.min(toks.len())]
                .iter()
                .find(is_cue)
                .map(|t| Why::Cue("apposition", t.span))
        } else if by_verb {
            let by = toks[lead - 1].span;
            let verb = toks[..lead - 1]
                .iter()
                .rev()
                .take(3)
                .find(|t| t.is_word_in(text, BY_VERBS) || t.is_word(text, "over"))
                .map_or(by, |t| t.span);
            Some(Why::Cue("led by", Span::new(verb.start, by.end)))
        } else if byline {
            Some(Why::Cue("byline", toks[a - 1].span))
        } else if said {
            let verb = match toks.get(b) {
                Some(t) if t.is_word_in(text, SAY_VERBS) => t.span,
                _ => toks[a - 1].span,
            };
            Some(Why::Cue("said", verb))
        } else if given {
            let w = if toks[w0].has(GIVEN) { w0 } else { words[1] };
            Some(Why::Cue("given name", toks[w].span))
        } else {
            None
        };
        let from = arena.len();
        arena.extend(words.iter().map(|&w| toks[w].span));
        out.push(Candidate {
            span,
            words: from..arena.len(),
            new,
            cued: cued || before.apposition,
            titles,
            affiliation,
            why: why.unwrap_or(Why::Rule("name")),
        });
    }
}

/// The organisation or country of a group a person leads: "the SCO RATS
/// Executive Committee’s delegation led by", "the delegation of the Republic
/// of Uzbekistan led by". `lead` is the index of the unit after "by".
fn group_affiliation(text: &str, toks: &[Tok], lead: usize) -> Option<usize> {
    let from = lead.saturating_sub(10);
    let g = (from..lead)
        .rev()
        .find(|&i| toks[i].is_word_in(text, GROUP_WORDS))?;
    // "… of [the] X"
    let mut i = g + 1;
    if toks.get(i).is_some_and(|t| t.is_word(text, "of")) {
        i += 1;
        if toks.get(i).is_some_and(|t| t.is_word(text, "the")) {
            i += 1;
        }
        if toks.get(i).is_some_and(Tok::is_aff) {
            return Some(i);
        }
    }
    // "X’s delegation", "the Kazakh delegation", "the SCO delegation"
    let mut p = g;
    while p > 0
        && (matches!(toks[p - 1].unit, Unit::Poss) || toks[p - 1].is_word(text, "high-level"))
    {
        p -= 1;
    }
    (p > 0 && toks[p - 1].is_aff()).then(|| p - 1)
}

/// The affiliation an organisation, place or demonym unit gives.
fn affiliation_of(doc: &Document, t: &Tok, names: &Names) -> Option<String> {
    match t.unit {
        Unit::Org(i) => doc.organisations.get(i as usize).map(|o| o.id.clone()),
        Unit::Place(i) => doc
            .locations
            .get(i as usize)
            .and_then(|l| l.country.clone()),
        _ => names
            .demonyms
            .get(t.span.of(&doc.text))
            .map(|c| c.to_string()),
    }
}

/// A country named in `span` (a portfolio such as "of the Kyrgyz Republic"
/// that the place stage left to an organisation name).
fn country_in(text: &str, span: Span, names: &Names) -> Option<String> {
    names
        .find(span.of(text))
        .into_iter()
        .find_map(|h| match h.target {
            Target::Place(i) => names.places[i].country.map(str::to_string),
            Target::Org(_) => None,
        })
}

/// A title's text: modifier, normal form, portfolio.
fn title_text(text: &str, rules: &Rules, t: &TitleRef) -> (String, TitleKind) {
    let entry = &rules.titles[t.index as usize];
    let mut s = String::new();
    if let Some((_, m)) = MODIFIERS.get(usize::from(t.modifier).wrapping_sub(1)) {
        s.push_str(m);
        s.push(' ');
    }
    s.push_str(&entry.normal);
    if let Some(p) = t.portfolio {
        for w in p.of(text).split_whitespace() {
            s.push(' ');
            s.push_str(w);
        }
    }
    (s, entry.kind)
}

/// Whether the lower-case form of a capitalised word occurs near it as a
/// word: then it is a common word ("Security", "Headquarters"), not a name.
fn common_word(text: &str, span: Span) -> bool {
    let word = span.of(text);
    let lower = word.to_lowercase();
    if lower == word {
        return false;
    }
    let from = floor_boundary(text, span.start.saturating_sub(4000));
    let to = floor_boundary(text, (span.end + 4000).min(text.len()));
    let window = &text[from..to];
    memchr::memmem::find_iter(window.as_bytes(), lower.as_bytes())
        .any(|i| crate::names::is_word_boundary(window, i, i + lower.len()))
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A person being built.
#[derive(Debug)]
struct Entry {
    /// The name's words, lower-cased, initials and particles left out: a
    /// range of the document's [`Keys`].
    key: std::ops::Range<usize>,
    /// Index in `key` of the surname.
    surname: usize,
    name: Span,
    titles: Vec<(String, TitleKind)>,
    affiliation: Option<String>,
    mentions: Vec<Span>,
    /// With explain on, what produced each mention (else empty).
    why: Vec<Why>,
}

/// The words of a name that identify it: initials and particles left out.
fn key_of<'t>(text: &'t str, words: &[Span], out: &mut Vec<&'t str>) {
    out.clear();
    out.extend(words.iter().map(|w| w.of(text)).filter(|w| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().nth(1).is_some()
            || w.contains('-')
    }));
}

/// The words of a name key lower-cased character by character (as
/// `char::to_lowercase`), kept in one buffer: compared with the lower-cased
/// keys of the people found so far.
#[derive(Default)]
struct Folded {
    buf: String,
    ends: Vec<usize>,
    hashes: Vec<u64>,
}

/// Lists person `p` under each of the hashes of its key's words.
fn index_words(by_word: &mut FxMap<u64, Vec<usize>>, words: &[KeyWord], p: usize) {
    for w in words {
        let list = by_word.entry(w.hash).or_default();
        if list.last() != Some(&p) {
            list.push(p);
        }
    }
}

/// The keys of the people of a document, one buffer for all: each word
/// lower-cased (`str::to_lowercase`) with its `word_hash`. A person's key is
/// a range of `words`; a fuller name later takes a new range.
#[derive(Debug, Default)]
struct Keys {
    text: String,
    words: Vec<KeyWord>,
}

/// A word of [`Keys`]: where it lies in the buffer, and its hash.
#[derive(Clone, Copy, Debug)]
struct KeyWord {
    start: usize,
    end: usize,
    hash: u64,
}

impl Keys {
    /// Adds the lower-cased words of `key`: their range of `words`.
    fn add(&mut self, key: &[&str]) -> std::ops::Range<usize> {
        let from = self.words.len();
        for w in key {
            let start = self.text.len();
            if w.is_ascii() {
                self.text.push_str(w);
                self.text[start..].make_ascii_lowercase();
            } else {
                self.text.push_str(&w.to_lowercase());
            }
            let hash = word_hash(&self.text[start..]);
            self.words.push(KeyWord {
                start,
                end: self.text.len(),
                hash,
            });
        }
        from..self.words.len()
    }

    /// Word `k` of `words`.
    fn word(&self, k: usize) -> (&str, u64) {
        let w = self.words[k];
        (&self.text[w.start..w.end], w.hash)
    }
}

impl Folded {
    fn fold(&mut self, key: &[&str]) {
        self.buf.clear();
        self.ends.clear();
        self.hashes.clear();
        for w in key {
            if w.is_ascii() {
                let start = self.buf.len();
                self.buf.push_str(w);
                self.buf[start..].make_ascii_lowercase();
            } else {
                self.buf.extend(w.chars().flat_map(char::to_lowercase));
            }
            let start = self.ends.last().copied().unwrap_or(0);
            self.hashes.push(word_hash(&self.buf[start..]));
            self.ends.push(self.buf.len());
        }
    }
    /// The people (sorted, once each) with a word whose hash is one of the key's.
    fn near(&self, by_word: &FxMap<u64, Vec<usize>>, out: &mut Vec<usize>) {
        out.clear();
        for h in &self.hashes {
            if let Some(list) = by_word.get(h) {
                out.extend_from_slice(list);
            }
        }
        out.sort_unstable();
        out.dedup();
    }
    /// Whether word `i` is word `k` of `keys`.
    fn is(&self, i: usize, keys: &Keys, k: usize) -> bool {
        let (word, hash) = keys.word(k);
        self.hashes[i] == hash && self.word(i) == word
    }
    fn len(&self) -> usize {
        self.ends.len()
    }
    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..self.ends[i]]
    }
}

/// Index in `key` of the surname: the first word when it is a family name
/// written first ("Zhang Xinfeng"), else the last.
fn surname_index(rules: &Rules, key: &[&str]) -> usize {
    if key.len() >= 2 && rules.flags(key[0]) & FAMILY != 0 {
        0
    } else {
        key.len().saturating_sub(1)
    }
}

/// Joins candidates into people: full names first, then later mentions.
#[inline(never)]
fn resolve(
    text: &str,
    rules: &Rules,
    cands: Vec<Candidate>,
    arena: &[Span],
    explain: bool,
) -> Vec<Person> {
    // Sized for the candidates up front: no list grows (or table rehashes) one person at a time.
    let mut people: Vec<Entry> = Vec::with_capacity(cands.len());
    let mut last_seen: Vec<usize> = Vec::with_capacity(cands.len());
    let mut deferred = Vec::new();
    let mut key: Vec<&str> = Vec::new();
    let mut folded = Folded::default();
    // The people whose key holds a word, by the word's hash; `near`: those
    // sharing a word with the candidate, the only ones it may refer to.
    let mut by_word: FxMap<u64, Vec<usize>> =
        FxMap::with_capacity_and_hasher(cands.len(), Default::default());
    let mut near: Vec<usize> = Vec::new();
    let mut keys = Keys::default();
    for (n, c) in cands.into_iter().enumerate() {
        key_of(text, &arena[c.words.clone()], &mut key);
        if key.is_empty() {
            continue;
        }
        folded.fold(&key);
        folded.near(&by_word, &mut near);
        match find_person(&people, &keys, &last_seen, &near, &folded, c.cued) {
            Some(p) => {
                if join(&mut people[p], c, &key, rules, &mut keys) {
                    index_words(&mut by_word, &keys.words[people[p].key.clone()], p);
                }
                last_seen[p] = n;
            }
            None if c.new => {
                let words = keys.add(&key);
                index_words(&mut by_word, &keys.words[words.clone()], people.len());
                people.push(Entry {
                    key: words,
                    surname: surname_index(rules, &key),
                    name: c.span,
                    titles: c.titles,
                    affiliation: c.affiliation,
                    mentions: vec![c.span],
                    why: if explain { vec![c.why] } else { Vec::new() },
                });
                last_seen.push(n);
            }
            None => deferred.push((n, c)),
        }
    }
    // Mentions before the full name ("Norov … Vladimir Norov" is rare but possible).
    for (n, c) in deferred {
        key_of(text, &arena[c.words.clone()], &mut key);
        folded.fold(&key);
        folded.near(&by_word, &mut near);
        if let Some(p) = find_person(&people, &keys, &last_seen, &near, &folded, c.cued) {
            if join(&mut people[p], c, &key, rules, &mut keys) {
                index_words(&mut by_word, &keys.words[people[p].key.clone()], p);
            }
            last_seen[p] = last_seen[p].max(n);
        }
    }
    let mut out: Vec<Person> = people
        .into_iter()
        .map(|mut e| {
            // Provenance is kept only when asked for: a second list per person costs.
            let (mentions, why) = if explain {
                let mut both: Vec<(Span, Why)> = e.mentions.into_iter().zip(e.why).collect();
                both.sort_by_key(|&(span, _)| span);
                both.dedup_by_key(|&mut (span, _)| span);
                both.into_iter().unzip()
            } else {
                e.mentions.sort();
                e.mentions.dedup();
                (e.mentions, Vec::new())
            };
            let mut titles: Vec<String> = Vec::new();
            let offices = e.titles.iter().any(|(_, k)| *k == TitleKind::Office);
            for (t, k) in e.titles {
                // "Director" and later "Director of the Executive Committee": one title.
                let same = |u: &String| {
                    *u == t
                        || t.strip_prefix(u.as_str())
                            .is_some_and(|r| r.starts_with(' '))
                        || u.strip_prefix(t.as_str())
                            .is_some_and(|r| r.starts_with(' '))
                };
                if (k == TitleKind::Office || !offices) && !titles.iter().any(same) {
                    titles.push(t);
                }
            }
            let written = e.name.of(text);
            let name = if single_spaced(written) {
                written.to_string()
            } else {
                let mut name = String::with_capacity(written.len());
                for w in written.split_whitespace() {
                    if !name.is_empty() {
                        name.push(' ');
                    }
                    name.push_str(w);
                }
                name
            };
            Person {
                name,
                titles,
                affiliation: e.affiliation,
                mentions,
                why,
            }
        })
        .collect();
    out.sort_by_key(|p| p.mentions.first().map_or(0, |m| m.start));
    out
}

/// Whether `s` is ASCII words with one space between each two: the same
/// as its words joined by single spaces, so it needs no splitting.
fn single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && b.iter()
            .all(|&c| c.is_ascii() && (c == b' ' || !char::from(c).is_whitespace()))
}

/// The person a name refers to: the same full name; the same first name and
/// surname; a full name whose surname is a person known by surname only; a
/// lone surname; after a title or honorific, any word of a name. Several
/// matches: the one mentioned last.
fn find_person(
    people: &[Entry],
    keys: &Keys,
    last_seen: &[usize],
    near: &[usize],
    key: &Folded,
    cued: bool,
) -> Option<usize> {
    let latest = |f: &dyn Fn(&Entry) -> bool| {
        near.iter()
            .copied()
            .filter(|&p| f(&people[p]))
            .max_by_key(|&p| last_seen[p])
    };
    // Whether word `i` of the name is word `j` of `e`'s key.
    let is = |i: usize, e: &Entry, j: usize| key.is(i, keys, e.key.start + j);
    let n = key.len();
    if let Some(p) = latest(&|e| e.key.len() == n && (0..n).all(|i| is(i, e, i))) {
        return Some(p);
    }
    if n >= 2 {
        return latest(&|e| {
            let m = e.key.len();
            (m >= 2 && is(0, e, 0) && is(n - 1, e, m - 1))
                || (m == 1 && (is(n - 1, e, 0) || is(0, e, 0)))
        });
    }
    latest(&|e| is(0, e, e.surname)).or_else(|| {
        if cued {
            latest(&|e| (0..e.key.len()).any(|j| is(0, e, j)))
        } else {
            None
        }
    })
}

/// Adds a mention to a person; whether its key changed (a fuller name).
fn join(e: &mut Entry, c: Candidate, key: &[&str], rules: &Rules, keys: &mut Keys) -> bool {
    let fuller = key.len() > e.key.len();
    if fuller {
        // A fuller name for someone first known by surname.
        e.surname = surname_index(rules, key);
        e.key = keys.add(key);
        e.name = c.span;
    }
    // A name with no cue of its own is here as a later mention of the person
    // (`why` is empty unless explain is on).
    let why = match c.why {
        Why::Rule(_) => Why::Cue("later mention of", e.name),
        own => own,
    };
    e.mentions.push(c.span);
    if !e.why.is_empty() {
        e.why.push(why);
    }
    e.titles.extend(c.titles);
    if e.affiliation.is_none() {
        e.affiliation = c.affiliation;
    }
    fuller
}

/// Finds the people of `doc`, reading its sentences, organisations and places.
fn find(doc: &Document, rules: &Rules, names: &Names) -> Vec<Person> {
    let text = &doc.text;
    let mut spans: Vec<(Span, Unit)> = Vec::new();
    for (i, o) in doc.organisations.iter().enumerate() {
        spans.extend(o.mentions.iter().map(|&m| (m, Unit::Org(i as u32))));
    }
    for (i, l) in doc.locations.iter().enumerate() {
        spans.extend(l.mentions.iter().map(|&m| (m, Unit::Place(i as u32))));
    }
    spans.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut end = 0;
    spans.retain(|(s, _)| {
        let keep = s.start >= end;
        if keep {
            end = s.end;
        }
        keep
    });
    let mut next = 0;
    let mut toks = Vec::new();
    let mut cands = Vec::new();
    let mut arena = Vec::new();
    let mut run = Vec::new();
    let content_end = doc.content_end().min(text.len());
    for s in &doc.sentences {
        if s.start >= content_end {
            break;
        }
        toks.clear();
        units(
            text,
            s.start,
            s.end.min(content_end),
            &spans,
            &mut next,
            rules,
            &mut toks,
        );
        candidates(doc, &toks, rules, names, &mut cands, &mut arena, &mut run);
    }
    resolve(text, rules, cands, &arena, doc.explain.is_some())
}

/// Adds the people of `doc`.
pub fn tag(doc: &mut Document, rules: &Rules, names: &Names) {
    doc.people = find(doc, rules, names);
    if doc.explain.is_some() {
        // Only `--explain` looks up the row of a given name (a scan of the list).
        let text = &doc.text;
        for why in doc.people.iter_mut().flat_map(|p| p.why.iter_mut()) {
            if let Why::Cue("given name", span) = *why {
                *why = rules.given_row(span.of(text)).unwrap_or(*why);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteers;

    /// A small gazetteer, so these cases do not move when the built-in data grows.
    fn resources() -> (Rules, Names) {
        let orgs = "id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n\
            sco\tShanghai Cooperation Organisation\tSCO\tigo\t\t\t\n\
            sco-rats\tRegional Anti-Terrorist Structure of the Shanghai Cooperation Organisation\tSCO RATS\tagency\tsco\t\t\n\
            sco-rats-ec\tSCO RATS Executive Committee\t\tagency\tsco-rats\t\tExecutive Committee of the SCO RATS\n\
            interpol\tInternational Criminal Police Organization\tINTERPOL\tigo\t\t\tInterpol\n\
            osce\tOrganization for Security and Co-operation in Europe\tOSCE\tigo\t\t\t\n\
            csto\tCollective Security Treaty Organization\tCSTO\tigo\t\t\t\n\
            un\tUnited Nations\tUN\tigo\t\t\t\n\
            au\tAfrican Union\tAU\tigo\t\t\t\n\
            asean\tAssociation of Southeast Asian Nations\tASEAN\tigo\t\t\t\n\
            fatf\tFinancial Action Task Force\tFATF\tigo\t\t\t\n\
            eu\tEuropean Union\tEU\tigo\t\t\t\n";
        let countries = "code\tname\tofficial\tvariants\tdemonyms\n\
            KZ\tKazakhstan\tRepublic of Kazakhstan\t\tKazakh|Kazakhstani\n\
            RU\tRussia\tRussian Federation\t\tRussian\n\
            CN\tChina\tPeople's Republic of China\t\tChinese\n\
            VN\tVietnam\tSocialist Republic of Viet Nam\tViet Nam\tVietnamese\n\
            DZ\tAlgeria\tPeople's Democratic Republic of Algeria\t\tAlgerian\n\
            KG\tKyrgyzstan\tKyrgyz Republic\t\tKyrgyz\n\
            UZ\tUzbekistan\tRepublic of Uzbekistan\t\tUzbek\n\
            TN\tTunisia\t\t\tTunisian\n\
            IT\tItaly\tItalian Republic\t\tItalian\n";
        let cities = "name\tcountry\tvariants\tcapital\nAstana\tKZ\t\tyes\nMilan\tIT\t\t\n";
        let regions = "name\tvariants\nCentral Asia\t\nAfrica\t\n";
        let words = "word\tkind\nCouncil\tigo\nMinistry\tministry\nCommittee\tigo\n\
            Institute\tother\nOffice\tagency\nCentre\tagency\nDepartment\tministry\n\
            Unit\tagency\nAssembly\tigo\nUniversity\tother\n";
        let titles = "title\tvariants\tkind\n\
            President\t\toffice\nVice President\tVice-President\toffice\n\
            Prime Minister\t\toffice\nMinister\t\toffice\n\
            Minister of Foreign Affairs\tForeign Minister\toffice\n\
            Deputy Minister of Foreign Affairs\tDeputy Foreign Minister\toffice\n\
            Secretary General\tSecretary-General\toffice\nDirector\t\toffice\n\
            Deputy Director\t\toffice\nDirector of the Executive Committee\t\toffice\n\
            Executive Director\t\toffice\nGeneral Director\t\toffice\n\
            Ambassador\tAmb.\toffice\nPermanent Representative\t\toffice\nHead\t\toffice\n\
            Chairman\t\toffice\nCommissioner\t\toffice\nSpecial Envoy\t\toffice\n\
            Secretary\t\toffice\nSpokesperson\tSpokesman\toffice\n\
            Chief Executive\tCEO\toffice\nChief Constable\t\toffice\n\
            Police Colonel\tPol. Col.\trank\nMajor General\tMaj. Gen.\trank\n\
            General\tGen.\trank\nColonel\tCol.\trank\nMajor\tMaj.\trank\n\
            Superintendent\tSupt.\trank\nPolice Brigadier General\tPol. Brig. Gen.\trank\n";
        let honorifics = "honorific\tvariants\nMr\tMr.\nMs\tMs.\nMrs\tMrs.\nDr\tDr.\n\
            H.E.\tHis Excellency|Her Excellency\nSir\t\nTun\t\nSheikh\t\n";
        let given = "name\torigin\nAkhat\tkz\nVladimir\tru\nJürgen\tde\nSergey\tru\n\
            Aidos\tkz\nRuslan\tru\nKassym-Jomart\tkz\nUrsula\tde\nMohammed\tar\nStaffan\tse\n\
            Nursultan\tkz\nMarat\tkz\nMing\tcn\nWei\tcn\nVictoria\ten\nMilan\tcs\nFrancis\ten\n\
            Alexander\tru\nAbdelghani\tar\nTarek\tar\nIlham\taz\nAbdulaziz\tuz\nAleksandr\tru\n\
            António\tpt\nPierre\tfr\nIvan\tru\nThomas\tde\nBertalan\thu\nSeán\tie\nAhmed\tar\n";
        let g = Gazetteers::from_texts(&[
            ("organisations.tsv", orgs),
            ("countries.tsv", countries),
            ("cities.tsv", cities),
            ("regions.tsv", regions),
            ("org_words.tsv", words),
            ("titles.tsv", titles),
            ("honorifics.tsv", honorifics),
            ("given_names.tsv", given),
        ])
        .expect("test gazetteer parses");
        (
            Rules::build(&g).expect("test rules build"),
            Names::build(&g).expect("test names build"),
        )
    }

    /// The people of `text` (one sentence) as "name|title;title|affiliation|mention;mention".
    fn run(rules: &Rules, names: &Names, text: &str) -> Vec<String> {
        let mut doc = Document {
            text: text.to_string(),
            ..Document::default()
        };
        doc.sentences = vec![Span::new(0, text.len())];
        let hits = names.find(text);
        crate::organisations::tag(&mut doc, &hits, names);
        crate::locations::tag(&mut doc, &hits, names);
        tag(&mut doc, rules, names);
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        doc.people
            .iter()
            .map(|p| {
                format!(
                    "{}|{}|{}|{}",
                    p.name,
                    p.titles.join(";"),
                    p.affiliation.as_deref().unwrap_or("-"),
                    p.mentions
                        .iter()
                        .map(|m| flat(m.of(text)))
                        .collect::<Vec<_>>()
                        .join(";")
                )
            })
            .collect()
    }

    /// (name, text, expected people).
    const CASES: &[(&str, &str, &[&str])] = &[
        // Title and honorific cues.
        (
            "title",
            "Deputy Director Akhat Mukashev spoke.",
            &["Akhat Mukashev|Deputy Director|-|Akhat Mukashev"],
        ),
        (
            "honorific, one word",
            "Then Mr Norov spoke.",
            &["Norov||-|Norov"],
        ),
        (
            "stacked honorifics",
            "H.E. Mr. Zhang Ming arrived.",
            &["Zhang Ming||-|Zhang Ming"],
        ),
        (
            "police rank",
            "Police Colonel Aidos Zhumabekov reported.",
            &["Aidos Zhumabekov|Police Colonel|-|Aidos Zhumabekov"],
        ),
        (
            "abbreviated rank",
            "Pol. Col. Aidos Zhumabekov reported.",
            &["Aidos Zhumabekov|Police Colonel|-|Aidos Zhumabekov"],
        ),
        (
            "abbreviation without stop",
            "Supt Tang Yik Tung presented it.",
            &["Tang Yik Tung|Superintendent|-|Tang Yik Tung"],
        ),
        (
            "honorific then title",
            "His Excellency Major General Abdelghani Hamel spoke.",
            &["Abdelghani Hamel|Major General|-|Abdelghani Hamel"],
        ),
        (
            "all-caps surname",
            "Major General Abdelghani HAMEL spoke.",
            &["Abdelghani HAMEL|Major General|-|Abdelghani HAMEL"],
        ),
        (
            "initial",
            "Dr. Tarek A. Sharif spoke.",
            &["Tarek A. Sharif||-|Tarek A. Sharif"],
        ),
        (
            "abbreviated title part",
            "Gen. Pol. Dr. Hendra Wibisono opened it.",
            &["Hendra Wibisono|General|-|Hendra Wibisono"],
        ),
        (
            "variant title",
            "UN Secretary-General António Guterres said it.",
            &["António Guterres|Secretary General|un|António Guterres"],
        ),
        (
            "all-caps title",
            "CEO Pierre Dupont said it.",
            &["Pierre Dupont|Chief Executive|-|Pierre Dupont"],
        ),
        (
            "acting modifier",
            "Acting Executive Director Jalel Chelba spoke.",
            &["Jalel Chelba|Acting Executive Director|-|Jalel Chelba"],
        ),
        (
            "ag modifier",
            "The Ag. Executive Director Jalel Chelba spoke.",
            &["Jalel Chelba|Acting Executive Director|-|Jalel Chelba"],
        ),
        (
            "deputy modifier",
            "Deputy Special Envoy Jalel Chelba spoke.",
            &["Jalel Chelba|Deputy Special Envoy|-|Jalel Chelba"],
        ),
        (
            "headline verb ends name",
            "Minister Liu Zhenmin Attends Talks in Astana",
            &["Liu Zhenmin|Minister|-|Liu Zhenmin"],
        ),
        (
            "honorific inside name",
            "Pol. Brig. Gen. Zaw Lin Tun Chairman of the meeting opened it.",
            &["Zaw Lin Tun|Chairman|-|Zaw Lin Tun"],
        ),
        (
            "rank dropped beside office",
            "Executive Director Pol. Brig. Gen. Zaw Lin Tun opened it.",
            &["Zaw Lin Tun|Executive Director|-|Zaw Lin Tun"],
        ),
        (
            "two people, two titles",
            "President Nursultan Nazarbayev received Secretary General Thomas Greminger.",
            &[
                "Nursultan Nazarbayev|President|-|Nursultan Nazarbayev",
                "Thomas Greminger|Secretary General|-|Thomas Greminger",
            ],
        ),
        (
            "hard-wrapped name",
            "Deputy Director Akhat\nMukashev spoke.",
            &["Akhat Mukashev|Deputy Director|-|Akhat Mukashev"],
        ),
        // Appositions.
        (
            "apposition after",
            "Vladimir Norov, SCO Secretary General, opened the meeting.",
            &["Vladimir Norov|Secretary General|sco|Vladimir Norov"],
        ),
        (
            "apposition before",
            "the Director of the SCO RATS Executive Committee, Ruslan Mirzaev, said so.",
            &["Ruslan Mirzaev|Director|sco-rats-ec|Ruslan Mirzaev"],
        ),
        (
            "apposition before a country",
            "He met the President of Kazakhstan, Nursultan Nazarbayev, in Astana.",
            &["Nursultan Nazarbayev|President|KZ|Nursultan Nazarbayev"],
        ),
        (
            "apposition with honorific",
            "The Executive Director of the SCO RATS, Dr. Tarek A. Sharif, spoke.",
            &["Tarek A. Sharif|Executive Director|sco-rats|Tarek A. Sharif"],
        ),
        (
            "apposition with title",
            "the Director for Plans and Programmes, Supt Tang Yik Tung, presented",
            &["Tang Yik Tung|Director for Plans and Programmes|-|Tang Yik Tung"],
        ),
        (
            "portfolio and ambassador",
            "the AU Commissioner for Peace and Security, Amb Smaïl Chergui thanked them",
            &["Smaïl Chergui|Commissioner for Peace and Security;Ambassador|au|Smaïl Chergui"],
        ),
        (
            "portfolio of",
            "Major General Abdelghani Hamel, General Director of National Security of Algeria, spoke",
            &["Abdelghani Hamel|General Director of National Security|DZ|Abdelghani Hamel"],
        ),
        (
            "two titles after",
            "Ambassador Vu Dang Dung, Permanent Representative of Viet Nam to ASEAN, spoke",
            &["Vu Dang Dung|Ambassador;Permanent Representative|VN|Vu Dang Dung"],
        ),
        (
            "acronym gloss",
            "the Executive Director (ED) of the SCO RATS, Mr Ruslan Mirzaev, spoke",
            &["Ruslan Mirzaev|Executive Director|sco-rats|Ruslan Mirzaev"],
        ),
        (
            "coordinated titles",
            "The Chairman of the conference and INTERPOL Vice President for Africa, Adamu Mohammed, said it.",
            &["Adamu Mohammed|Chairman;Vice President for Africa|interpol|Adamu Mohammed"],
        ),
        (
            "slash titles",
            "Mr Roger Wilkins, President of the Financial Action Task Force/Secretary of the Office, spoke",
            &["Roger Wilkins|President;Secretary|fatf|Roger Wilkins"],
        ),
        (
            "head of unknown body",
            "Maj. Gen. Ivan Petrov, Head of the Department, said it.",
            &["Ivan Petrov|Head|-|Ivan Petrov"],
        ),
        (
            "possessive title is someone else's",
            "Bertalan Havasi, the Prime Minister’s spokesman, said it.",
            &["Bertalan Havasi||-|Bertalan Havasi"],
        ),
        (
            "next person's title",
            "Mr Ivan Petrov, President Kassym-Jomart Tokayev and others",
            &[
                "Ivan Petrov||-|Ivan Petrov",
                "Kassym-Jomart Tokayev|President|-|Kassym-Jomart Tokayev",
            ],
        ),
        (
            "and separates people",
            "General Director of National Security of Algeria and Dr. Tarek Sharif spoke",
            &["Tarek Sharif||-|Tarek Sharif"],
        ),
        // Led by, headed by, said, bylines.
        (
            "led by",
            "A delegation led by Bakyt Osmonov arrived.",
            &["Bakyt Osmonov||-|Bakyt Osmonov"],
        ),
        (
            "headed by",
            "The group, headed by Timur Abenov, met.",
            &["Timur Abenov||-|Timur Abenov"],
        ),
        (
            "chaired by",
            "The session was chaired by Timur Abenov.",
            &["Timur Abenov||-|Timur Abenov"],
        ),
        (
            "x said",
            "Erlan Idrissov said the talks went well.",
            &["Erlan Idrissov||-|Erlan Idrissov"],
        ),
        (
            "said x",
            "“We agree,” said Erlan Idrissov.",
            &["Erlan Idrissov||-|Erlan Idrissov"],
        ),
        (
            "x noted",
            "Timur Abenov noted the risks.",
            &["Timur Abenov||-|Timur Abenov"],
        ),
        (
            "byline",
            "Talks ended.\nBy Thien Minh",
            &["Thien Minh||-|Thien Minh"],
        ),
        // Given names without cues.
        (
            "given name",
            "Sergey Lavrov met the press.",
            &["Sergey Lavrov||-|Sergey Lavrov"],
        ),
        (
            "given name, three words",
            "Kassym-Jomart Kemeluly Tokayev arrived.",
            &["Kassym-Jomart Kemeluly Tokayev||-|Kassym-Jomart Kemeluly Tokayev"],
        ),
        (
            "family name first",
            "Talks with Wang Wei went well.",
            &["Wang Wei||-|Wang Wei"],
        ),
        (
            "lower-case title ignored",
            "In his speech the head of state Aleksandr Lukashenko spoke.",
            &["Aleksandr Lukashenko||-|Aleksandr Lukashenko"],
        ),
        (
            "given name after a stop word",
            "During Vladimir Norov's visit, talks began.",
            &["Vladimir Norov||-|Vladimir Norov"],
        ),
        // Names of many shapes.
        (
            "diacritics",
            "Secretary General Jürgen Stock spoke.",
            &["Jürgen Stock|Secretary General|-|Jürgen Stock"],
        ),
        (
            "hyphen",
            "President Kassym-Jomart Tokayev spoke.",
            &["Kassym-Jomart Tokayev|President|-|Kassym-Jomart Tokayev"],
        ),
        (
            "apostrophe",
            "Mr Seán O'Brien spoke.",
            &["Seán O'Brien||-|Seán O'Brien"],
        ),
        (
            "curly apostrophe",
            "Mr Seán O’Brien spoke.",
            &["Seán O’Brien||-|Seán O’Brien"],
        ),
        (
            "bin",
            "Sheikh Mohammed bin Rashid spoke.",
            &["Mohammed bin Rashid||-|Mohammed bin Rashid"],
        ),
        (
            "al-",
            "Minister Ahmed al-Sabah spoke.",
            &["Ahmed al-Sabah|Minister|-|Ahmed al-Sabah"],
        ),
        (
            "von der",
            "President Ursula von der Leyen spoke.",
            &["Ursula von der Leyen|President|-|Ursula von der Leyen"],
        ),
        (
            "de",
            "Special Envoy Staffan de Mistura spoke.",
            &["Staffan de Mistura|Special Envoy|-|Staffan de Mistura"],
        ),
        (
            "chinese order after title",
            "Minister of Foreign Affairs Wang Yi said it.",
            &["Wang Yi|Minister of Foreign Affairs|-|Wang Yi"],
        ),
        (
            "mixed script",
            "Ms Tеhmina Janjua welcomed them.",
            &["Tеhmina Janjua||-|Tеhmina Janjua"],
        ),
        (
            "trailing particle not in name",
            "Mr Ivan Petrov de facto agreed.",
            &["Ivan Petrov||-|Ivan Petrov"],
        ),
        // Affiliations.
        (
            "org after title",
            "Secretary General Interpol Jürgen Stock spoke.",
            &["Jürgen Stock|Secretary General|interpol|Jürgen Stock"],
        ),
        (
            "org before title",
            "SCO Secretary General Vladimir Norov spoke.",
            &["Vladimir Norov|Secretary General|sco|Vladimir Norov"],
        ),
        (
            "org possessive before title",
            "Interpol’s Secretary General Jürgen Stock spoke.",
            &["Jürgen Stock|Secretary General|interpol|Jürgen Stock"],
        ),
        (
            "delegation led by",
            "the SCO RATS Executive Committee’s delegation led by Deputy Director Akhat Mukashev took part",
            &["Akhat Mukashev|Deputy Director|sco-rats-ec|Akhat Mukashev"],
        ),
        (
            "delegation of, headed by",
            "The delegation of the Executive Committee of the SCO RATS, headed by Deputy Director Mr. Mukashev, took part",
            &["Mukashev|Deputy Director|sco-rats-ec|Mukashev"],
        ),
        (
            "delegation of a country",
            "the delegation of the Republic of Uzbekistan led by the Minister of Foreign Affairs Abdulaziz Kamilov attended",
            &["Abdulaziz Kamilov|Minister of Foreign Affairs|UZ|Abdulaziz Kamilov"],
        ),
        (
            "demonym delegation",
            "The Kazakh delegation led by Timur Abenov arrived.",
            &["Timur Abenov||KZ|Timur Abenov"],
        ),
        (
            "title of country",
            "Minister of Foreign Affairs of Kazakhstan Timur Abenov spoke.",
            &["Timur Abenov|Minister of Foreign Affairs|KZ|Timur Abenov"],
        ),
        (
            "title of official country name",
            "President of the Kyrgyz Republic Sooronbay Jeenbekov received them.",
            &["Sooronbay Jeenbekov|President|KG|Sooronbay Jeenbekov"],
        ),
        (
            "demonym before title",
            "Kazakh Ambassador Marat Tazhin spoke.",
            &["Marat Tazhin|Ambassador|KZ|Marat Tazhin"],
        ),
        (
            "demonym and variant",
            "Russian Foreign Minister Sergey Lavrov spoke.",
            &["Sergey Lavrov|Minister of Foreign Affairs|RU|Sergey Lavrov"],
        ),
        (
            "coordination shares the adjective",
            "Russian Foreign Minister Sergey Lavrov and Deputy Foreign Minister Alexander Grushko met",
            &[
                "Sergey Lavrov|Minister of Foreign Affairs|RU|Sergey Lavrov",
                "Alexander Grushko|Deputy Minister of Foreign Affairs|RU|Alexander Grushko",
            ],
        ),
        (
            "of the collective",
            "with the Secretary General of the Collective Security Treaty Organization, Nikolay Bordyuzha.",
            &["Nikolay Bordyuzha|Secretary General|csto|Nikolay Bordyuzha"],
        ),
        (
            "apposition org of",
            "Mr. Zhang Xinfeng, Director of SCO RATS, met Mr. Yang Shu.",
            &[
                "Zhang Xinfeng|Director|sco-rats|Zhang Xinfeng",
                "Yang Shu||-|Yang Shu",
            ],
        ),
        (
            "demonym adjective is no country",
            "Director of Chinese Institute Mr Yang Shu spoke.",
            &["Yang Shu|Director|-|Yang Shu"],
        ),
        (
            "no affiliation",
            "Prime Minister Viktor Orban attended.",
            &["Viktor Orban|Prime Minister|-|Viktor Orban"],
        ),
        // Later mentions.
        (
            "surname later",
            "Deputy Director Akhat Mukashev spoke and Mukashev added more.",
            &["Akhat Mukashev|Deputy Director|-|Akhat Mukashev;Mukashev"],
        ),
        (
            "honorific later",
            "Vladimir Norov spoke; then Mr Norov added more.",
            &["Vladimir Norov||-|Vladimir Norov;Norov"],
        ),
        (
            "title and surname later",
            "Deputy Director Akhat Mukashev spoke; Deputy Director Mukashev suggested more.",
            &["Akhat Mukashev|Deputy Director|-|Akhat Mukashev;Mukashev"],
        ),
        (
            "full name again",
            "Deputy Director Akhat Mukashev spoke; Mr Akhat Mukashev noted it.",
            &["Akhat Mukashev|Deputy Director|-|Akhat Mukashev;Akhat Mukashev"],
        ),
        (
            "shared surname stays apart",
            "Ruslan Aliyev met Ilham Aliyev.",
            &[
                "Ruslan Aliyev||-|Ruslan Aliyev",
                "Ilham Aliyev||-|Ilham Aliyev",
            ],
        ),
        (
            "shared surname goes to the last named",
            "Ruslan Aliyev met Ilham Aliyev, and Aliyev said so.",
            &[
                "Ruslan Aliyev||-|Ruslan Aliyev",
                "Ilham Aliyev||-|Ilham Aliyev;Aliyev",
            ],
        ),
        (
            "surname first, full name later",
            "Mr Norov arrived; Vladimir Norov spoke.",
            &["Vladimir Norov||-|Norov;Vladimir Norov"],
        ),
        (
            "given name later after honorific",
            "Secretary-General Surin Pitsuwan spoke; Dr Surin added more.",
            &["Surin Pitsuwan|Secretary General|-|Surin Pitsuwan;Surin"],
        ),
        (
            "family name later",
            "Ambassador Vu Dang Dung spoke; Ambassador Vu added more.",
            &["Vu Dang Dung|Ambassador|-|Vu Dang Dung;Vu"],
        ),
        (
            "chinese surname later",
            "Director Zhang Xinfeng spoke; Director Zhang added more.",
            &["Zhang Xinfeng|Director|-|Zhang Xinfeng;Zhang"],
        ),
        (
            "bare surname later",
            "OSCE Secretary General Lamberto Zannier visited; Zannier said more.",
            &["Lamberto Zannier|Secretary General|osce|Lamberto Zannier;Zannier"],
        ),
        (
            "middle name later",
            "Recep Tayyip Erdogan spoke; President Recep Erdogan added more.",
            &["Recep Tayyip Erdogan|President|-|Recep Tayyip Erdogan;Recep Erdogan"],
        ),
        (
            "one title for two forms",
            "Director Jumakhon Giyosov spoke; Director of the Executive Committee Mr. Jumakhon Giyosov added more.",
            &["Jumakhon Giyosov|Director|-|Jumakhon Giyosov;Jumakhon Giyosov"],
        ),
        (
            "surname inside a longer run is no mention",
            "Secretary General Jürgen Stock spoke at the Stock Exchange.",
            &["Jürgen Stock|Secretary General|-|Jürgen Stock"],
        ),
        (
            "lower-case surname is no mention",
            "Secretary General Jürgen Stock spoke of the stock of arms.",
            &["Jürgen Stock|Secretary General|-|Jürgen Stock"],
        ),
        // Never a person.
        (
            "title with organisation, no name",
            "Secretary General Interpol underlined the proposal.",
            &[],
        ),
        (
            "topic phrases",
            "in the areas of “Strategic Coordination” and “Streamlined Frontline Access”",
            &[],
        ),
        ("organisation", "The SCO RATS Executive Committee met.", &[]),
        ("places", "Kazakhstan and Russia signed it in Astana.", &[]),
        ("working groups", "The Working Groups met in Tunisia.", &[]),
        (
            "headline",
            "SCO RATS Executive Committee Participates in the Dialogue on Global Threats",
            &[],
        ),
        ("date", "On May 20, 2020, the meeting opened.", &[]),
        ("title only", "The Director spoke.", &[]),
        (
            "title of organisation only",
            "The Secretary General of Interpol spoke.",
            &[],
        ),
        ("lower-case title only", "the president said so", &[]),
        (
            "honorific without name",
            "Dear Sir or Madam, thank you.",
            &[],
        ),
        (
            "place with given name",
            "Victoria Falls attracted visitors.",
            &[],
        ),
        ("city like a given name", "Milan hosted the fair.", &[]),
        ("demonym", "The Kazakh delegation arrived.", &[]),
        (
            "rank before an institution",
            "General Assembly adopted the resolution.",
            &[],
        ),
        ("rank before a unit", "Major Crimes Unit investigated.", &[]),
        ("open portfolio", "The Director of Operations spoke.", &[]),
        ("title before office", "Head Office moved.", &[]),
        ("two-word title only", "The Chief Constable retired.", &[]),
        (
            "plural subject of said",
            "Participants noted the need.",
            &[],
        ),
        ("meeting name said", "The Dialogue noted progress.", &[]),
        ("organisation said", "Interpol said it would help.", &[]),
        ("digits", "COVID-19 Pandemic Response Plan", &[]),
        ("member states", "Member States agreed.", &[]),
        (
            "title-case phrase",
            "Strengthening Regional Security Cooperation",
            &[],
        ),
        ("pronoun", "In his statement, he noted the risks.", &[]),
        ("region", "Central Asia faces threats.", &[]),
        (
            "unknown ministry",
            "the Ministry of the Interior said so",
            &[],
        ),
        (
            "title of unknown office",
            "Deputy Director of the Office spoke.",
            &[],
        ),
        (
            "title after organisation",
            "the European Union Special Envoy spoke",
            &[],
        ),
        (
            "all caps headline",
            "SECRETARY GENERAL MEETS MINISTERS",
            &[],
        ),
        ("address", "Mr. President, thank you.", &[]),
        (
            "plural title",
            "Ambassadors of Kazakhstan and China attended.",
            &[],
        ),
        ("university", "Lanzhou University hosted it.", &[]),
        ("security council", "The Security Council met.", &[]),
        ("threats", "against Global Threats", &[]),
        (
            "centre with given name",
            "the Kofi Annan Centre opened.",
            &[],
        ),
        (
            "title of country only",
            "Minister of Foreign Affairs of Kazakhstan said so.",
            &[],
        ),
        (
            "unknown one word after honorific is common",
            "Mr Security is a slogan; security matters.",
            &[],
        ),
        (
            "by without a verb",
            "It was organised by Strategic Coordination.",
            &[],
        ),
        (
            "one word said",
            "Kazakhstan said so; Progress said nothing.",
            &[],
        ),
        ("empty", "", &[]),
        ("lone capital", "A", &[]),
        ("only punctuation", "— , ; :", &[]),
        (
            "unknown one-word after led by",
            "a delegation led by Tunisia",
            &[],
        ),
        (
            "unknown org after apposition",
            "Dr. Tarek A. Sharif, Head, Defence and Security Division in the Department",
            &["Tarek A. Sharif|Head|-|Tarek A. Sharif"],
        ),
    ];

    #[test]
    fn table() {
        let (rules, names) = resources();
        let mut failures = Vec::new();
        for (name, text, want) in CASES {
            let got = run(&rules, &names, text);
            if got != *want {
                failures.push(format!("{name}: got {got:?}, want {want:?}"));
            }
        }
        crate::testing::assert_table(&failures, CASES.len());
    }

    #[test]
    fn enough_cases() {
        let none = CASES.iter().filter(|c| c.2.is_empty()).count();
        assert!(
            CASES.len() >= 100 && none >= 30,
            "{} cases, {none} without a person",
            CASES.len()
        );
    }

    #[test]
    fn seed_gives_the_three_people() {
        let text = include_str!("../fixtures/sco-rats-dialogue.txt");
        let resources = crate::Resources::builtin();
        let doc = crate::extract("seed", text, &resources, &crate::Options::default());
        let got: Vec<(String, Vec<String>, Option<String>, Vec<&str>)> = doc
            .people
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.titles.clone(),
                    p.affiliation.clone(),
                    p.mentions.iter().map(|m| m.of(&doc.text)).collect(),
                )
            })
            .collect();
        let want = vec![
            (
                "Akhat Mukashev".to_string(),
                vec!["Deputy Director".to_string()],
                Some("sco-rats-ec".to_string()),
                vec!["Akhat Mukashev", "Akhat Mukashev", "Mukashev"],
            ),
            (
                "Jürgen Stock".to_string(),
                vec!["Secretary General".to_string()],
                Some("interpol".to_string()),
                vec!["Jürgen Stock"],
            ),
            (
                "Vladimir Norov".to_string(),
                vec!["Secretary General".to_string()],
                Some("sco".to_string()),
                vec!["Vladimir Norov", "Norov"],
            ),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn built_in_rules_build() {
        let g = Gazetteers::builtin();
        let rules = Rules::build(&g).expect("built-in rules");
        assert!(rules.flags("Vladimir") & GIVEN != 0);
        assert!(rules.flags("Kazakh") & DEMONYM != 0);
        assert!(rules.flags("Ministry") & ORG_WORD != 0);
    }

    /// The word cutter before its fast paths, kept to compare against.
    fn units_reference(
        text: &str,
        start: usize,
        end: usize,
        spans: &[(Span, Unit)],
        next: &mut usize,
        rules: &Rules,
        out: &mut Vec<Tok>,
    ) {
        let bytes = text.as_bytes();
        let mut i = start;
        let mut line_start = start == 0 || bytes[start - 1] == b'\n';
        while i < end {
            let b = bytes[i];
            if b == b' ' || b == b'\t' || b == b'\r' {
                i += 1;
                continue;
            }
            if b == b'\n' {
                line_start = true;
                i += 1;
                continue;
            }
            while *next < spans.len() && spans[*next].0.end <= i {
                *next += 1;
            }
            if let Some(&(span, unit)) = spans.get(*next)
                && span.start <= i
            {
                out.push(Tok {
                    span: Span::new(i, span.end.min(end)),
                    unit,
                    flags: 0,
                });
                i = span.end;
                *next += 1;
                line_start = false;
                continue;
            }
            let limit = spans.get(*next).map_or(end, |s| s.0.start.min(end));
            let first = if b < 0x80 {
                b as char
            } else {
                text[i..].chars().next().unwrap_or(' ')
            };
            let ls = if line_start { LINE_START } else { 0 };
            line_start = false;
            if !first.is_alphanumeric() {
                // A possessive right after an organisation mention: "Committee’s".
                let after = i + first.len_utf8();
                if matches!(first, '\'' | '’')
                    && out.last().is_some_and(|t| t.span.end == i)
                    && text[after..].starts_with('s')
                    && !text[after + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    out.push(Tok {
                        span: Span::new(i, after + 1),
                        unit: Unit::Poss,
                        flags: 0,
                    });
                    i = after + 1;
                    continue;
                }
                out.push(Tok {
                    span: Span::new(i, i + first.len_utf8()),
                    unit: Unit::Punct(first),
                    flags: ls,
                });
                i += first.len_utf8();
                continue;
            }
            // A word: letters and digits, with inner hyphens and apostrophes.
            let mut j = i;
            let mut possessive = None;
            loop {
                j += bytes[j..limit]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(limit - j);
                if j >= limit {
                    break;
                }
                let c = if bytes[j] < 0x80 {
                    bytes[j] as char
                } else {
                    text[j..].chars().next().unwrap_or(' ')
                };
                if c.is_alphanumeric() {
                    j += c.len_utf8();
                } else if is_joiner(c) {
                    let after = j + c.len_utf8();
                    let next_c = text[after..].chars().next();
                    if !next_c.is_some_and(char::is_alphanumeric) || after >= limit {
                        break;
                    }
                    if matches!(c, '\'' | '’')
                        && matches!(next_c, Some('s'))
                        && !text[after + 1..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                    {
                        possessive = Some(Span::new(j, after + 1));
                        break;
                    }
                    j = after;
                } else {
                    break;
                }
            }
            let word = &text[i..j];
            let cap = first.is_uppercase();
            let mut flags = ls;
            if cap {
                flags |= CAP;
                let (mut upper, mut lower) = (0usize, false);
                for c in word.chars() {
                    if c.is_numeric() {
                        flags |= DIGIT;
                    } else if c.is_uppercase() {
                        upper += 1;
                    } else if c.is_lowercase() {
                        lower = true;
                    }
                }
                if upper > 1 && !lower {
                    flags |= ALLCAPS;
                }
                // Titles and honorifics as the tokeniser takes them: the
                // oracle is for the cutting into units.
                match capitalised(text, i, j, limit, flags, rules, out) {
                    Ok(with_lexicon) => flags = with_lexicon,
                    Err(cue_end) => {
                        i = cue_end;
                        continue;
                    }
                }
            } else if is_particle(word) {
                flags |= PARTICLE;
            } else if let Some(rest) = word
                .strip_prefix("al-")
                .or_else(|| word.strip_prefix("el-"))
                .or_else(|| word.strip_prefix("ad-"))
                && rest.chars().next().is_some_and(char::is_uppercase)
            {
                // "al-Sisi": a name with its article.
                flags |= CAP;
            }
            out.push(Tok {
                span: Span::new(i, j),
                unit: Unit::Word,
                flags,
            });
            i = j;
            if let Some(p) = possessive {
                out.push(Tok {
                    span: p,
                    unit: Unit::Poss,
                    flags: 0,
                });
                i = p.end;
            }
        }
    }

    #[test]
    fn units_equal_the_reference_cutter_on_random_texts() {
        let rules = Rules::build(&Gazetteers::builtin()).expect("built-in rules");
        let pieces = [
            "the",
            "of",
            "and",
            "led",
            "by",
            "said",
            "van",
            "der",
            "de",
            "al-Sisi",
            "el-",
            "ad-Din",
            "Vladimir",
            "Norov",
            "Secretary",
            "General",
            "H.E.",
            "Mr.",
            "Dr",
            "Acting",
            "Deputy",
            "Director",
            "SCO",
            "RATS",
            "Ü",
            "Žižek",
            "Nguyễn",
            "’s",
            "'s",
            "O'Neill",
            "co-chaired",
            "-",
            "'",
            "’",
            "‐",
            ",",
            ".",
            "(",
            ")",
            "/",
            "|",
            "2023",
            "3rd",
            "x",
            "A.",
            "The",
            " ",
            " ",
            " ",
            "  ",
            "\n",
            "\t",
            "\r\n",
            "é",
            "日本",
            "iPhone",
            "high-level",
            "s",
        ];
        let mut rng = crate::testing::Rng::new(0x2545_f491_4f6c_dd1d);
        let mut rand = |n: usize| rng.below(n);
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..rand(40) {
                text.push_str(pieces[rand(pieces.len())]);
                if rand(3) > 0 {
                    text.push(' ');
                }
            }
            // Random mentions, sorted and apart, on character boundaries.
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let mut spans: Vec<(Span, Unit)> = Vec::new();
            let mut at = 0;
            while !cuts.is_empty() && rand(3) > 0 {
                let from = cuts[rand(cuts.len())];
                let to = cuts[rand(cuts.len())];
                if from >= at && to > from {
                    spans.push((Span::new(from, to), Unit::Org(spans.len() as u32)));
                    at = to;
                }
            }
            let start = cuts.get(rand(cuts.len().max(1))).copied().unwrap_or(0);
            let end = text.len();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let (mut na, mut nb) = (0, 0);
            units(&text, start, end, &spans, &mut na, &rules, &mut a);
            units_reference(&text, start, end, &spans, &mut nb, &rules, &mut b);
            assert_eq!(
                format!("{a:?}"),
                format!("{b:?}"),
                "{text:?} from {start}, {spans:?}"
            );
            assert_eq!(na, nb, "{text:?}");
        }
    }

    /// `Rules::cue_at` as it was first written: every word boundary of the
    /// text, longest first, looked up among the whole surfaces.
    fn cue_at_reference(
        rules: &Rules,
        text: &str,
        at: usize,
        limit: usize,
    ) -> Option<(Cue, usize)> {
        let head = &text[at..limit];
        if !head.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let mut cut = head.len().min(rules.max_key);
        while !head.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &head[..cut];
        let lower = head.to_ascii_lowercase();
        let mut next = text[at + head.len()..].chars().next();
        for (i, c) in head.char_indices().rev() {
            let end = i + c.len_utf8();
            let boundary = c == '.' || !next.is_some_and(char::is_alphanumeric);
            next = Some(c);
            if !boundary {
                continue;
            }
            let Some(surface) = rules
                .keys
                .get(&lower.as_bytes()[..end])
                .and_then(|s| rules.patterns.get(s.surface as usize))
            else {
                continue;
            };
            let written = &head[..end];
            if let Some(p) = surface
                .iter()
                .find(|p| p.exact.as_deref().is_none_or(|e| e == written))
            {
                return Some((p.cue, at + end));
            }
        }
        None
    }

    #[test]
    fn cue_at_equals_the_backward_scan_on_random_texts() {
        let rules = Rules::build(&Gazetteers::builtin()).expect("built-in rules");
        let pieces = [
            "Secretary",
            "General",
            "Secretary-General",
            "Deputy",
            "Director",
            "of",
            "the",
            "Executive",
            "Committee",
            "H.E.",
            "H.",
            "E.",
            "Mr.",
            "Mr",
            "MR",
            "Dr",
            "Pol.",
            "Col.",
            "Pol",
            "Minister",
            "Foreign",
            "Affairs",
            "Prime",
            "Ambassador",
            "Amb.",
            "Amb",
            "CEO",
            "Ceo",
            "Vladimir",
            "Norov",
            "’s",
            "'s",
            "-",
            ".",
            ",",
            "Ü",
            "É",
            "é",
            "日本",
            "2023",
            "Maj.",
            "Gen.",
            "Major",
            "Head",
            "Chief",
            "Police",
            "Sir",
            "Lord",
            "Rev.",
        ];
        let mut rng = crate::testing::Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut rand = |n: usize| rng.below(n);
        let mut found = 0;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..rand(12) {
                text.push_str(pieces[rand(pieces.len())]);
                match rand(6) {
                    0 => {}
                    1 => text.push_str("  "),
                    _ => text.push(' '),
                }
            }
            let cuts: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for &at in &cuts {
                for &limit in cuts.iter().filter(|&&l| l > at).take(3).chain(cuts.last()) {
                    if limit <= at {
                        continue;
                    }
                    let want = cue_at_reference(&rules, &text, at, limit);
                    found += usize::from(want.is_some());
                    assert_eq!(
                        rules.cue_at(&text, at, limit),
                        want,
                        "{text:?} {at}..{limit}"
                    );
                }
            }
        }
        assert!(
            found > 1000,
            "the texts hold titles and honorifics: {found}"
        );
    }

    #[test]
    fn single_spaced_names_are_their_words_joined() {
        let joined = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let pieces = [
            "Ana", "Lu", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "é", "-", ".",
        ];
        let mut rng = crate::testing::Rng::new(0x5151_7a7a_0303_c0c0);
        let mut seen = [0; 2];
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..rng.below(6) {
                s.push_str(pieces[rng.below(pieces.len())]);
            }
            let single = single_spaced(&s);
            seen[usize::from(single)] += 1;
            if single {
                assert_eq!(joined(&s), s, "{s:?}");
            }
        }
        assert!(seen[0] > 100 && seen[1] > 100, "{seen:?}");
        assert!(single_spaced("Vladimir Norov") && !single_spaced("Vladimir\u{b}Norov"));
    }

    #[test]
    fn the_compiled_lexicon_is_what_the_gazetteers_give() {
        // What `build.rs` must have made, from the files as the run-time
        // parser reads them.
        let g = Gazetteers::builtin_parsed();
        let rows = |kind| g.of(kind).flat_map(|f| f.rows.iter());
        let given: Vec<(&str, u32)> = rows(Kind::GivenNames)
            .map(|r| (r.get(0), r.line as u32))
            .collect();
        let mut surfaces = Vec::new();
        for r in rows(Kind::Titles).chain(rows(Kind::Honorifics)) {
            for s in std::iter::once(r.get(0)).chain(r.list(1)) {
                surfaces.push((s.to_string(), ()));
            }
        }
        let forms = lexicon::cue_forms(surfaces);
        let starts = lexicon::cue_starts(forms.iter().map(|(s, _)| s.as_str()));
        let want = Lexicon::from_words(
            &given,
            rows(Kind::OrgWords).map(|r| r.get(0)),
            &starts,
            rows(Kind::Countries).flat_map(|r| r.list(4)),
        );
        assert!(want.len() > 20_000);
        assert_eq!(builtin_lexicon().tables(), want.tables());
    }

    #[test]
    fn rules_from_the_compiled_lexicon_equal_rules_built_from_scratch() {
        let scratch = Rules::build(&Gazetteers::builtin_parsed()).expect("parsed built-ins");
        let compiled = Rules::build(&Gazetteers::builtin()).expect("built-ins");
        // Re-adding the built-in words changed nothing.
        assert!(compiled.lexicon.is_borrowed());
        assert_eq!(scratch.lexicon.len(), compiled.lexicon.len());
        for (word, flags) in scratch.lexicon.words() {
            assert_eq!(compiled.flags(word), flags, "{word}");
        }
        // `--explain`'s row of a given name: the first row naming it.
        let names: Vec<&str> = scratch.given.iter().map(|g| g.2).step_by(40).collect();
        for name in names.into_iter().chain(["Sergey", "Anna", "Vladimir"]) {
            assert!(compiled.given_row(name).is_some(), "{name}");
            assert_eq!(compiled.given_row(name), scratch.given_row(name), "{name}");
        }
        assert_eq!(compiled.given_row("Norov"), None);
    }

    #[test]
    fn a_user_file_adds_to_the_compiled_lexicon() {
        let user = crate::gazetteer::parse(
            "mine.tsv",
            "name\torigin\n# c\nZorbulon\txx\nSergey\txx\nTwo Words\txx\n",
        )
        .expect("parses");
        let words =
            crate::gazetteer::parse("words.tsv", "word\tkind\nSyndicate\tother\n").expect("parses");
        let titles = crate::gazetteer::parse(
            "titles.tsv",
            "title\tvariants\tkind\nZorbmaster Supreme\t\toffice\n",
        )
        .expect("parses");
        let g = Gazetteers::builtin()
            .with_file(user)
            .with_file(titles)
            .with_file(words);
        let user_file = (g.file_names().len() - 3) as u16;
        let rules = Rules::build(&g).expect("builds");
        assert!(rules.flags("Zorbulon") & GIVEN != 0);
        assert_eq!(rules.flags("Two"), 0);
        assert!(rules.flags("Syndicate") & ORG_WORD != 0);
        assert!(rules.flags("Zorbmaster") & CUE_START != 0);
        assert_eq!(builtin_lexicon().get("Zorbmaster"), 0);
        assert!(rules.flags("Vladimir") & GIVEN != 0);
        assert_eq!(
            rules.given_row("Zorbulon"),
            Some(Why::Gazetteer {
                file: user_file,
                line: 3
            })
        );
        // A name in both files: the built-in row comes first.
        let builtin = Rules::build(&Gazetteers::builtin()).expect("builds");
        assert_eq!(rules.given_row("Sergey"), builtin.given_row("Sergey"));
        assert_ne!(
            rules.given_row("Sergey"),
            Some(Why::Gazetteer {
                file: user_file,
                line: 4
            })
        );
    }

    #[test]
    fn lexicon_adds_finds_and_grows() {
        // Starts small, so adding 1,000 words rehashes several times.
        let mut lex = Lexicon::with_capacity(1);
        let words: Vec<String> = (0..1000).map(|i| format!("W{i}ä")).collect();
        for (i, w) in words.iter().enumerate() {
            lex.add(w, 1 << (i % 8));
        }
        lex.add("W7ä", GIVEN);
        for (i, w) in words.iter().enumerate() {
            let extra = if w == "W7ä" { GIVEN } else { 0 };
            assert_eq!(lex.get(w), 1 << (i % 8) | extra, "{w}");
        }
        assert_eq!(lex.get("W1000ä"), 0);
        assert_eq!(lex.get(""), 0);
        assert_eq!(lex.get("W7"), 0);
    }
}

#[cfg(test)]
mod speed {
    use super::*;

    /// Seconds this thread has spent on a CPU (the machine may be shared, so
    /// wall time would overstate the cost); wall time where that is unknown.
    fn cpu_seconds(wall: std::time::Instant) -> f64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
            .map_or_else(|| wall.elapsed().as_secs_f64(), |ns| ns / 1e9)
    }

    /// Rough throughput on the seed release repeated to about 50 MB:
    /// `cargo test --release --lib people::speed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        let t0 = std::time::Instant::now();
        let text = include_str!("../fixtures/sco-rats-dialogue.txt");
        let resources = crate::Resources::builtin();
        let options = crate::Options::default();
        let n = 50_000_000 / text.len();
        let total = (n * text.len()) as f64 / 1e6;

        let start = cpu_seconds(t0);
        let mut people = 0;
        for _ in 0..n {
            let doc = crate::extract("seed", text, &resources, &options);
            people += doc.people.len();
        }
        let whole = cpu_seconds(t0) - start;

        let doc = crate::extract("seed", text, &resources, &options);
        let start = cpu_seconds(t0);
        for _ in 0..n {
            people += find(&doc, &resources.people, &resources.names).len();
        }
        let stage = cpu_seconds(t0) - start;

        // Where the stage's time goes: cutting units.
        let mut toks = Vec::new();
        let mut spans: Vec<(Span, Unit)> = Vec::new();
        for (i, o) in doc.organisations.iter().enumerate() {
            spans.extend(o.mentions.iter().map(|&m| (m, Unit::Org(i as u32))));
        }
        spans.sort_by_key(|(s, _)| s.start);
        let start = cpu_seconds(t0);
        for _ in 0..n {
            let mut next = 0;
            for s in &doc.sentences {
                toks.clear();
                units(
                    &doc.text,
                    s.start,
                    s.end,
                    &spans,
                    &mut next,
                    &resources.people,
                    &mut toks,
                );
                people += toks.len();
            }
        }
        let cut = cpu_seconds(t0) - start;

        // One big document: the stage must stay linear.
        let big_text = text.repeat(n / 10);
        let mut big = crate::extract("big", "x", &resources, &options);
        big.text = big_text;
        crate::sentences::tag(&mut big, &resources.sentences);
        let hits = resources.names.find(&big.text[..big.content_end()]);
        crate::organisations::tag(&mut big, &hits, &resources.names);
        crate::locations::tag(&mut big, &hits, &resources.names);
        let start = cpu_seconds(t0);
        people += find(&big, &resources.people, &resources.names).len();
        let one = cpu_seconds(t0) - start;
        let big_mb = big.text.len() as f64 / 1e6;

        eprintln!(
            "{total:.1} MB in {n} documents (CPU time): pipeline {:.0} MB/s, people stage alone \
             {:.0} MB/s (cutting units {:.0} MB/s); one {big_mb:.1} MB document: people stage \
             {:.0} MB/s ({people})",
            total / whole,
            total / stage,
            total / cut,
            big_mb / one
        );
    }
}
