//! The cue matcher shared by the events and participants stages: every
//! participation cue ([`crate::participants`]: "hosted by", "took part",
//! "member states", "did not", "which"…), every mode and next-meeting phrase
//! and every meeting word ([`crate::events`]: "virtual meeting", "next
//! session", "Conference"…), found in one pass over a document for both.
//!
//! The pass walks the words (runs of ASCII letters and digits) once; each
//! word, packed lower case into two machine words, is looked up in a small
//! open-addressing table of first words, and a word that begins some phrase
//! has those phrases compared in place, longest first, once the two bytes
//! after it pass a gate of what its phrases go on with. Each
//! stage's phrases are resolved among themselves, leftmost-longest ("as well
//! as observer entities" is "as well as" then "observer entities" for the
//! participants, while "virtual meeting of" is "virtual meeting" for the
//! events and "meeting of" for the participants). Matching ignores ASCII
//! case, needs whole words, lets a line break or tab stand for a space and a
//! curly apostrophe for a straight one. Building it costs next to nothing,
//! so a run on one small document starts fast.

use crate::ascii::Words;
use crate::document::Span;
use crate::events::{self, Phrase};
use crate::participants::{self, Cue, Found};

/// What a phrase is.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Participant(Cue),
    Event(Phrase),
}

/// How many bytes of a first word its key holds; the rest of a longer one
/// ("videoconferencing") is compared with the rest of the phrase.
const KEY: usize = 16;

/// The first [`KEY`] bytes of a word (ASCII letters and digits), lower
/// case, packed little-endian into two words, zero padded (so a shorter
/// word's length is part of it).
type Key = [u64; 2];

/// Bytes of a packed key that hold the word: the first `n` of 8.
fn mask(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

/// Bit 5 of every byte: set, it lowers an ASCII letter and keeps a digit.
const LOWER: u64 = 0x2020_2020_2020_2020;

/// The eight bytes of `bytes` from `at`, little-endian; bytes past the end
/// read as zero (no word byte).
fn load8(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(b) => u64::from_le_bytes(b.try_into().expect("the slice is 8 bytes")),
        None => {
            let mut buf = [0u8; 8];
            let tail = bytes.get(at..).unwrap_or(&[]);
            buf[..tail.len()].copy_from_slice(tail);
            u64::from_le_bytes(buf)
        }
    }
}

/// The key of the word of `n` bytes (at most [`KEY`]) at `start`, whose
/// first eight bytes are `first`.
fn pack(bytes: &[u8], start: usize, n: usize, first: u64) -> Key {
    if n <= 8 {
        [(first | LOWER) & mask(n), 0]
    } else {
        [
            first | LOWER,
            (load8(bytes, start + 8) | LOWER) & mask(n - 8),
        ]
    }
}

/// [`crate::ascii::head_key`] of a word of `n` bytes whose first eight are
/// `first`.
fn head(first: u64, n: usize) -> usize {
    let second = if n >= 2 { (first >> 8) as u8 } else { 0 };
    crate::ascii::head_key(first as u8, second)
}

/// Where a key goes in a table of `1 << bits` slots.
fn slot(key: Key, bits: u32) -> usize {
    let h = (key[0] ^ key[1].rotate_left(31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // `bits` is below 64, so the shifted hash fits the table.
    (h >> (64 - bits)) as usize
}

/// Bits of the first-word table: 512 slots for the couple of hundred first words.
const BITS: u32 = 9;

/// The phrases of both stages, indexed by their first word.
#[derive(Clone, Debug)]
pub struct Cues {
    /// Phrase texts, lower case.
    phrases: Vec<String>,
    kinds: Vec<Kind>,
    /// Open addressing on the first word's key: (key, index into `lists`),
    /// `None` for an empty slot.
    table: Vec<Option<(Key, u16)>>,
    /// Per first word, the phrases beginning with it, longest first.
    lists: Vec<Vec<u16>>,
    /// Per first word, what must follow it for one of its phrases to go on:
    /// most words that begin a phrase are turned away here, before any
    /// phrase is compared.
    follows: Vec<Follow>,
    /// Per [`head`] of a first word, a bit per key length that occurs: most
    /// words are turned away here, before their key is looked up.
    gate: Box<[u32; 1024]>,
}

/// What one pass found in a document, in text order.
#[derive(Clone, Debug, Default)]
pub struct Hits {
    /// Participation cues.
    pub(crate) participants: Vec<Found>,
    /// Mode and next-meeting phrases and meeting words.
    pub(crate) events: Vec<(Span, Phrase)>,
}

impl Cues {
    /// Indexes the stages' fixed tables.
    pub fn build() -> Cues {
        let mut phrases: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        for &(phrase, cue) in participants::CUES {
            phrases.push(phrase.to_ascii_lowercase());
            kinds.push(Kind::Participant(cue));
        }
        for &(phrase, kind) in events::PHRASES {
            phrases.push(phrase.to_ascii_lowercase());
            kinds.push(Kind::Event(kind));
        }
        for &head in events::HEADS {
            phrases.push(head.to_ascii_lowercase());
            kinds.push(Kind::Event(Phrase::Head));
        }
        let mut table: Vec<Option<(Key, u16)>> = vec![None; 1 << BITS];
        let mut lists: Vec<Vec<u16>> = Vec::new();
        let mut gate = Box::new([0u32; 1024]);
        for (i, p) in phrases.iter().enumerate() {
            let n = p
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .count()
                .min(KEY);
            // The tables are fixed, and the unit tests build them.
            assert!(i < usize::from(u16::MAX), "the phrases are a few hundred");
            let key = pack(p.as_bytes(), 0, n, load8(p.as_bytes(), 0));
            assert!(
                p.as_bytes()[0].is_ascii_lowercase(),
                "every phrase starts with a letter (the unit tests build them)"
            );
            gate[head(key[0], n)] |= 1 << n;
            let mut at = slot(key, BITS);
            loop {
                match &mut table[at] {
                    Some((k, list)) if *k == key => {
                        lists[usize::from(*list)].push(i as u16);
                        break;
                    }
                    Some(_) => at = (at + 1) & ((1 << BITS) - 1),
                    empty @ None => {
                        *empty = Some((key, lists.len() as u16));
                        lists.push(vec![i as u16]);
                        break;
                    }
                }
            }
        }
        for list in &mut lists {
            list.sort_by_key(|&i| std::cmp::Reverse(phrases[usize::from(i)].len()));
        }
        let follows = lists
            .iter()
            .map(|list| {
                Follow::of(list.iter().map(|&i| {
                    let p = phrases[usize::from(i)].as_bytes();
                    let n = p
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .count()
                        .min(KEY);
                    &p[n..]
                }))
            })
            .collect();
        Cues {
            phrases,
            kinds,
            table,
            lists,
            follows,
            gate,
        }
    }

    /// The index in `lists` of the phrases beginning with the word of key `key`.
    fn list(&self, key: Key) -> Option<usize> {
        let mut at = slot(key, BITS);
        loop {
            let (k, list) = self.table[at]?;
            if k == key {
                return Some(usize::from(list));
            }
            at = (at + 1) & ((1 << BITS) - 1);
        }
    }

    /// Every cue in `span` of `text`.
    pub fn find(&self, text: &str, span: Span) -> Hits {
        let bytes = text.as_bytes();
        let mut hits = Hits::default();
        // Where each stage's next match may start (leftmost-longest, no overlaps).
        let (mut free_participants, mut free_events) = (0usize, 0usize);
        let end = span.end;
        let scanned = &bytes[..end];
        // The words: runs of ASCII letters and digits.
        for (start, i) in Words::new(scanned, span.start, end) {
            let first = load8(scanned, start);
            let n = (i - start).min(KEY);
            if !(first as u8).is_ascii_alphabetic() || self.gate[head(first, n)] >> n & 1 == 0 {
                continue;
            }
            let Some(list) = self.list(pack(scanned, start, n, first)) else {
                continue;
            };
            if !self.follows[list].admits(scanned, start + n) {
                continue;
            }
            let list = &self.lists[list];
            // Part of a longer word with a non-ASCII letter ("Türkiye"): no match.
            if start > 0
                && bytes[start - 1] >= 0x80
                && text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let mut found_participant = free_participants > start;
            let mut found_event = free_events > start;
            for &p in list {
                let p = usize::from(p);
                let is_participant = matches!(self.kinds[p], Kind::Participant(_));
                if (is_participant && found_participant) || (!is_participant && found_event) {
                    continue;
                }
                let rest = &self.phrases[p].as_bytes()[n..];
                let Some(stop) = matches_at(text, start + n, end, rest) else {
                    continue;
                };
                let span = Span::new(start, stop);
                match self.kinds[p] {
                    Kind::Participant(cue) => {
                        hits.participants.push(Found { span, cue });
                        free_participants = stop;
                        found_participant = true;
                    }
                    Kind::Event(phrase) => {
                        hits.events.push((span, phrase));
                        free_events = stop;
                        found_event = true;
                    }
                }
                if found_participant && found_event {
                    break;
                }
            }
        }
        hits
    }
}

/// Whether `rest` (the phrase after its first word) follows at `at`, ending
/// on a word boundary; returns where the match ends. A space in the phrase
/// matches one space, line break or tab; an apostrophe a straight or curly one.
fn matches_at(text: &str, at: usize, end: usize, rest: &[u8]) -> Option<usize> {
    let bytes = &text.as_bytes()[..end];
    let mut i = at;
    for &p in rest {
        let b = *bytes.get(i)?;
        match p {
            b' ' if matches!(b, b' ' | b'\n' | b'\t') => i += 1,
            b'\'' if b == b'\'' => i += 1,
            b'\'' if bytes[i..].starts_with("’".as_bytes()) => i += 3,
            _ if b.to_ascii_lowercase() == p => i += 1,
            _ => return None,
        }
    }
    // `i` follows an ASCII byte or a whole curly apostrophe: a char boundary.
    let after = match bytes.get(i) {
        None => None,
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(i..end).and_then(|s| s.chars().next()),
    };
    (!after.is_some_and(char::is_alphanumeric)).then_some(i)
}

/// What follows a first word in its phrases, as a gate: a bit per pair of
/// the first two [`follow_class`]es of the rest of a phrase (hashed into 64),
/// and whether some phrase has no such pair (it is one word, or its rest is
/// too short or starts with a space or apostrophe followed by another).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Follow {
    pairs: u64,
    always: bool,
}

impl Follow {
    /// The gate of phrases whose rests (after the first word's key) are `rests`.
    fn of<'a>(rests: impl Iterator<Item = &'a [u8]>) -> Follow {
        let mut f = Follow::default();
        for rest in rests {
            match *rest {
                [a, b, ..] if !matches!(b, b' ' | b'\'') => f.pairs |= pair_bit(a, b),
                _ => f.always = true,
            }
        }
        f
    }

    /// Whether some phrase may go on at byte `at` of `bytes`: when it does,
    /// [`matches_at`] reads the same two classes there first.
    #[inline]
    fn admits(self, bytes: &[u8], at: usize) -> bool {
        if self.always {
            return true;
        }
        let Some((a, width)) = follow_class(bytes, at) else {
            return false;
        };
        bytes
            .get(at + width)
            .is_some_and(|&b| self.pairs & pair_bit(a, b.to_ascii_lowercase()) != 0)
    }
}

/// The byte of a phrase that the text at `at` can match, and how many bytes
/// of the text it takes: a line break or tab is a space, a curly apostrophe
/// a straight one, a letter is lower case.
#[inline]
fn follow_class(bytes: &[u8], at: usize) -> Option<(u8, usize)> {
    let b = *bytes.get(at)?;
    Some(match b {
        b'\n' | b'\t' => (b' ', 1),
        0xE2 if bytes[at..].starts_with("’".as_bytes()) => (b'\'', 3),
        _ => (b.to_ascii_lowercase(), 1),
    })
}

/// The bit of a pair of phrase bytes in [`Follow::pairs`].
#[inline]
fn pair_bit(a: u8, b: u8) -> u64 {
    1 << ((u32::from(a) * 31 + u32::from(b)) % 64)
}

impl Default for Cues {
    fn default() -> Cues {
        Cues::build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> (Vec<&str>, Vec<&str>) {
        let hits = Cues::build().find(text, Span::new(0, text.len()));
        (
            hits.participants.iter().map(|f| f.span.of(text)).collect(),
            hits.events.iter().map(|(s, _)| s.of(text)).collect(),
        )
    }

    /// The gate on what follows a first word never turns away a phrase
    /// that matches: the hits are those of a matcher without it, on texts
    /// glued from the phrases' words and the separators they may match.
    #[test]
    fn the_follow_gate_loses_nothing() {
        let gated = Cues::build();
        let mut open = gated.clone();
        for f in &mut open.follows {
            f.always = true;
        }
        let mut words: Vec<&str> = gated
            .phrases
            .iter()
            .flat_map(|p| p.split([' ', '-', '\'']))
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        const GLUE: &[&str] = &[" ", "  ", "\n", "\t", "-", "'", "’", "’t", "", ",", "é"];
        let mut rng = crate::testing::Rng::new(0x5eed_f011);
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(12) {
                let w = words[rng.below(words.len())];
                if rng.below(4) == 0 {
                    text.push_str(&w.to_ascii_uppercase());
                } else {
                    text.push_str(w);
                }
                text.push_str(GLUE[rng.below(GLUE.len())]);
            }
            let span = Span::new(0, text.len());
            let (a, b) = (gated.find(&text, span), open.find(&text, span));
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text:?}");
        }
        // The gate does turn words away.
        assert!(gated.follows.iter().any(|f| !f.always));
    }

    #[test]
    fn follow_gates() {
        let f = Follow::of([&b" attendance"[..], b"-organised"].into_iter());
        assert!(!f.always);
        assert!(f.admits(b"in attendance", 2));
        assert!(f.admits(b"in\nAttendance", 2));
        assert!(f.admits(b"co-Organised", 2));
        assert!(!f.admits(b"in the", 2));
        assert!(!f.admits(b"in", 2));
        assert!(!f.admits(b"in ", 2));
        let f = Follow::of([&b"'t"[..]].into_iter());
        assert!(f.admits("didn’t".as_bytes(), 4));
        assert!(f.admits(b"didn't", 4));
        assert!(!f.admits(b"didn x", 4));
        assert!(Follow::of([&b""[..], b" x"].into_iter()).always);
        assert!(Follow::of([&b"s"[..]].into_iter()).always);
        assert!(Follow::of([&b"  x"[..]].into_iter()).always);
    }

    #[test]
    fn phrases() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("took part", &["took part"], &[]),
            ("Took\npart", &["Took\npart"], &[]),
            ("it didn’t attend", &["didn’t", "attend"], &[]),
            (
                "as well as observer entities",
                &["as well as", "observer entities"],
                &[],
            ),
            (
                "the virtual meeting of X",
                &["meeting of"],
                &["virtual meeting"],
            ),
            ("was co-chaired by", &["co-chaired by"], &[]),
            (
                "the Dialogue’s next meeting",
                &[],
                &["Dialogue", "next meeting"],
            ),
            ("unattended", &[], &[]),
            ("attendees", &[], &[]),
            ("Türkiye hosted", &["hosted"], &[]),
            ("hostedé", &[], &[]),
            ("the 4th Conference", &[], &["Conference"]),
            // A first word longer than the key, and one longer still.
            ("by VIDEOCONFERENCING.", &[], &["VIDEOCONFERENCING"]),
            ("via videoconferencings", &[], &[]),
            // Words ending the text, too short for a whole load.
            ("Summit", &[], &["Summit"]),
            ("in", &[], &[]),
            ("hosted", &["hosted"], &[]),
        ];
        for (text, participants, events) in cases {
            let (p, e) = found(text);
            assert_eq!(
                (p.as_slice(), e.as_slice()),
                (*participants, *events),
                "{text:?}"
            );
        }
    }
}
