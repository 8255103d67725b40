//! The cue matcher shared by the events and participants stages: every
//! participation cue ([`crate::participants`]: "hosted by", "took part",
//! "member states", "did not", "which"…), every mode and next-meeting phrase
//! and every meeting word ([`crate::events`]: "virtual meeting", "next
//! session", "Conference"…), found in one pass over a document for both.
//!
//! The pass walks the words (runs of letters and digits) once; a word that
//! begins some phrase (looked up by its first letter and length, then in a
//! small hash map) has those phrases compared in place, longest first. Each
//! stage's phrases are resolved among themselves, leftmost-longest ("as well
//! as observer entities" is "as well as" then "observer entities" for the
//! participants, while "virtual meeting of" is "virtual meeting" for the
//! events and "meeting of" for the participants). Matching ignores ASCII
//! case, needs whole words, lets a line break or tab stand for a space and a
//! curly apostrophe for a straight one. Building it costs next to nothing,
//! so a run on one small document starts fast.

use crate::document::Span;
use crate::events::{self, Phrase};
use crate::participants::{self, Cue, Found};

/// What a phrase is.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Participant(Cue),
    Event(Phrase),
}

/// A first word's key: its first [`KEY`] bytes, lower case, packed.
const KEY: usize = 16;

fn pack(word: &[u8]) -> (u128, u8) {
    let n = word.len().min(KEY);
    let mut key = 0u128;
    for &b in &word[..n] {
        key = (key << 8) | u128::from(b.to_ascii_lowercase());
    }
    // `n` is at most 16.
    (key, n as u8)
}

/// The phrases of both stages, indexed by their first word.
#[derive(Clone, Debug)]
pub struct Cues {
    /// Phrase texts, lower case.
    phrases: Vec<String>,
    kinds: Vec<Kind>,
    /// (key of the first word, phrases beginning with it, longest first),
    /// sorted by key.
    by_first: Vec<((u128, u8), Vec<usize>)>,
    /// Per first letter (a–z), a bit per key length that occurs.
    gate: [u32; 26],
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
        let mut phrases = Vec::new();
        let mut kinds = Vec::new();
        for &(phrase, cue) in participants::CUES {
            phrases.push(phrase);
            kinds.push(Kind::Participant(cue));
        }
        for &(phrase, kind) in events::PHRASES {
            phrases.push(phrase);
            kinds.push(Kind::Event(kind));
        }
        for &head in events::HEADS {
            phrases.push(head);
            kinds.push(Kind::Event(Phrase::Head));
        }
        let mut by_first: Vec<((u128, u8), Vec<usize>)> = Vec::new();
        let mut gate = [0u32; 26];
        for (i, p) in phrases.iter().enumerate() {
            let first: Vec<u8> = p.bytes().take_while(u8::is_ascii_alphanumeric).collect();
            let key = pack(&first);
            if let Some(slot) = first
                .first()
                .and_then(|b| gate.get_mut(usize::from(b.to_ascii_lowercase().wrapping_sub(b'a'))))
            {
                *slot |= 1 << key.1;
            }
            match by_first.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(i),
                None => by_first.push((key, vec![i])),
            }
        }
        by_first.sort_by_key(|(k, _)| *k);
        let phrases: Vec<String> = phrases.iter().map(|p| p.to_ascii_lowercase()).collect();
        for (_, list) in &mut by_first {
            list.sort_by_key(|&i| std::cmp::Reverse(phrases[i].len()));
        }
        Cues {
            phrases,
            kinds,
            by_first,
            gate,
        }
    }

    /// Every cue in `span` of `text`.
    pub fn find(&self, text: &str, span: Span) -> Hits {
        let bytes = text.as_bytes();
        let mut hits = Hits::default();
        // Where each stage's next match may start (leftmost-longest, no overlaps).
        let (mut free_participants, mut free_events) = (0usize, 0usize);
        let mut i = span.start;
        let end = span.end;
        while i < end {
            let b = bytes[i];
            if !b.is_ascii_alphanumeric() {
                i += if b < 0x80 { 1 } else { char_len(b) };
                continue;
            }
            // A word: a run of ASCII letters and digits.
            let start = i;
            while i < end && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let word = &bytes[start..i];
            let letter = usize::from(word[0].to_ascii_lowercase().wrapping_sub(b'a'));
            let key_len = word.len().min(KEY);
            if self.gate.get(letter).is_none_or(|g| g & (1 << key_len) == 0) {
                continue;
            }
            let key = pack(word);
            let Ok(at) = self.by_first.binary_search_by_key(&key, |(k, _)| *k) else {
                continue;
            };
            // Part of a longer word with a non-ASCII letter ("Türkiye"): no match.
            let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if glued(text[..start].chars().next_back()) {
                continue;
            }
            let mut found_participant = free_participants > start;
            let mut found_event = free_events > start;
            for &p in &self.by_first[at].1 {
                let is_participant = matches!(self.kinds[p], Kind::Participant(_));
                if (is_participant && found_participant) || (!is_participant && found_event) {
                    continue;
                }
                let rest = &self.phrases[p].as_bytes()[key_len..];
                let Some(stop) = matches_at(bytes, start + key_len, end, rest) else {
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

/// The length of the UTF-8 sequence a leading byte starts.
fn char_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Whether `rest` (the phrase after its first word) follows at `at`, ending
/// on a word boundary; returns where the match ends. A space in the phrase
/// matches one space, line break or tab; an apostrophe a straight or curly one.
fn matches_at(bytes: &[u8], at: usize, end: usize, rest: &[u8]) -> Option<usize> {
    let mut i = at;
    for &p in rest {
        let b = *bytes.get(i).filter(|_| i < end)?;
        match p {
            b' ' if matches!(b, b' ' | b'\n' | b'\t') => i += 1,
            b'\'' if b == b'\'' => i += 1,
            b'\'' if bytes[i..end].starts_with("’".as_bytes()) => i += 3,
            _ if b.to_ascii_lowercase() == p => i += 1,
            _ => return None,
        }
    }
    let after = std::str::from_utf8(&bytes[i..end.min(i + 4)])
        .ok()
        .or_else(|| {
            // A multi-byte character cut by the 4-byte window: decode up to it.
            (1..4).rev().find_map(|n| std::str::from_utf8(bytes.get(i..(i + n).min(end))?).ok())
        })
        .and_then(|s| s.chars().next());
    (!after.is_some_and(char::is_alphanumeric)).then_some(i)
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

    #[test]
    fn phrases() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("took part", &["took part"], &[]),
            ("Took\npart", &["Took\npart"], &[]),
            ("it didn’t attend", &["didn’t", "attend"], &[]),
            ("as well as observer entities", &["as well as", "observer entities"], &[]),
            ("the virtual meeting of X", &["meeting of"], &["virtual meeting"]),
            ("was co-chaired by", &["co-chaired by"], &[]),
            ("the Dialogue’s next meeting", &[], &["Dialogue", "next meeting"]),
            ("unattended", &[], &[]),
            ("attendees", &[], &[]),
            ("Türkiye hosted", &["hosted"], &[]),
            ("hostedé", &[], &[]),
            ("the 4th Conference", &[], &["Conference"]),
        ];
        for (text, participants, events) in cases {
            let (p, e) = found(text);
            assert_eq!((p.as_slice(), e.as_slice()), (*participants, *events), "{text:?}");
        }
    }
}
