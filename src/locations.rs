//! Places: adds `Document::locations` from the place hits of the name
//! matcher (countries, cities, regions), each with its ISO 3166 alpha-2
//! country code. Reads the organisations: a place inside an organisation's
//! mention is part of its name, and so is a country that follows "of" after
//! an organisation word ("Ministry of Internal Affairs of Kyrgyzstan", even
//! when no gazetteer knows that ministry). Demonyms ("Kazakh delegation") are
//! deliberately not places.

use crate::document::{Document, Location, Span, SpanSet, first_seen};
use crate::names::{Hit, Names, PlaceKind, Target};

/// Adds the places of `doc`, from the matcher's `hits`.
pub fn tag(doc: &mut Document, hits: &[Hit], names: &Names) {
    let org_spans = OrgSpans::new(doc, hits);
    // The hits kept, with their place.
    let mut kept: Vec<(usize, &Hit)> = Vec::with_capacity(hits.len());
    for hit in hits {
        let Target::Place(i) = hit.target else {
            continue;
        };
        if org_spans.overlaps(hit.span) {
            continue;
        }
        if names.places[i].kind == PlaceKind::Country && in_org_name(&doc.text, hit.span, names) {
            continue;
        }
        kept.push((i, hit));
    }
    // Each place, in order of its first mention, and its number of mentions.
    let (order, slots) = first_seen(kept.iter().map(|&(i, _)| i));
    // Provenance is kept only when asked for: a second list per place costs.
    let explain = doc.explain.is_some();
    let mut locations: Vec<Location> = order
        .into_iter()
        .map(|(i, n)| Location {
            name: names.places[i].name.to_string(),
            country: names.places[i].country.map(str::to_string),
            mentions: Vec::with_capacity(n),
            why: if explain {
                Vec::with_capacity(n)
            } else {
                Vec::new()
            },
        })
        .collect();
    for ((_, hit), slot) in kept.into_iter().zip(slots) {
        let l = &mut locations[slot as usize];
        l.mentions.push(hit.span);
        if explain {
            l.why.push(hit.why);
        }
    }
    doc.locations = locations;
}

/// The organisations' mentions, to tell whether a place shares a byte with
/// one: a bit for each byte of the text that one covers, so a place costs a
/// word or two and nothing is sorted; a [`SpanSet`] when some span (of a
/// mention or a hit) is empty, which the bits cannot tell.
enum OrgSpans {
    Bits(Covered),
    Set(SpanSet),
}

impl OrgSpans {
    fn new(doc: &Document, hits: &[Hit]) -> OrgSpans {
        let mentions = doc.organisations.iter().flat_map(|o| &o.mentions);
        let proper = |s: &Span| s.start < s.end;
        if mentions.clone().all(proper) && hits.iter().all(|h| proper(&h.span)) {
            let mut covered = Covered::new(doc.text.len());
            for &s in mentions {
                covered.insert(s);
            }
            OrgSpans::Bits(covered)
        } else {
            OrgSpans::Set(SpanSet::new(mentions.copied().collect()))
        }
    }

    fn overlaps(&self, span: Span) -> bool {
        match self {
            OrgSpans::Bits(covered) => covered.overlaps(span),
            OrgSpans::Set(set) => set.overlaps(span),
        }
    }
}

/// Bytes of a text, a bit each (bit `k % 64` of word `k / 64` for byte `k`).
struct Covered {
    bits: Vec<u64>,
}

impl Covered {
    /// No byte of a text of `len` bytes.
    fn new(len: usize) -> Covered {
        Covered {
            bits: vec![0; len / 64 + 1],
        }
    }

    /// The words of the bits of the bytes of `span` (not empty), and their masks.
    fn words(span: Span) -> impl Iterator<Item = (usize, u64)> {
        let (first, last) = (span.start / 64, (span.end - 1) / 64);
        (first..=last).map(move |w| {
            let low = if w == first { span.start % 64 } else { 0 };
            let high = if w == last { (span.end - 1) % 64 } else { 63 };
            (w, (u64::MAX << low) & (u64::MAX >> (63 - high)))
        })
    }

    /// Adds the bytes of `span` (not empty).
    fn insert(&mut self, span: Span) {
        let need = (span.end - 1) / 64 + 1;
        if self.bits.len() < need {
            self.bits.resize(need, 0);
        }
        for (w, mask) in Covered::words(span) {
            self.bits[w] |= mask;
        }
    }

    /// Whether a byte of `span` (not empty) is in.
    fn overlaps(&self, span: Span) -> bool {
        Covered::words(span).any(|(w, mask)| self.bits.get(w).is_some_and(|b| b & mask != 0))
    }
}

/// A word that [`in_org_name`] steps back over on its way to an "of"
/// ("Ministry of Foreign Affairs of the Republic of …").
fn is_name_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "Republic"
            | "Kingdom"
            | "Federation"
            | "State"
            | "Islamic"
            | "People's"
            | "People’s"
            | "Democratic"
    )
}

/// "… Ministry of Internal Affairs of [the Republic of] X": the capitalised
/// words before the country, back over "of", "the", "Republic", include an
/// organisation word.
fn in_org_name(text: &str, span: Span, names: &Names) -> bool {
    if !may_follow_a_name_word(text, span.start) {
        return false;
    }
    let mut words = text[..span.start].split_whitespace().rev().peekable();
    let mut saw_of = false;
    while let Some(w) = words.next_if(|w| is_name_word(w)) {
        saw_of |= w == "of";
    }
    if !saw_of {
        return false;
    }
    words
        .take(6)
        .take_while(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(*w, "of" | "and" | "for" | "the")
        })
        .any(|w| {
            names
                .org_words
                .contains_key(w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        })
}

/// Whether the last word before `at` may be one of the words [`in_org_name`]
/// goes back over ("of", "the", "Republic", "People's"…): it ends as one of
/// them does. (Most places follow "in", "and" or a comma, and are answered
/// here without splitting the text into words; past white space that is not
/// ASCII, the answer is yes.)
fn may_follow_a_name_word(text: &str, at: usize) -> bool {
    let bytes = &text.as_bytes()[..at];
    let Some(k) = bytes
        .iter()
        .rposition(|&b| !(b.is_ascii() && char::from(b).is_whitespace()))
    else {
        return false;
    };
    if bytes[k] >= 0x80 {
        return true;
    }
    // The last two bytes of "of", "the", "Republic", "Islamic", "Democratic",
    // "Kingdom", "Federation", "State", "People's" and "People’s".
    k > 0
        && matches!(
            [bytes[k - 1], bytes[k]],
            [b'o', b'f']
                | [b'h', b'e']
                | [b'i', b'c']
                | [b'o', b'm']
                | [b'o', b'n']
                | [b't', b'e']
                | [b'\'' | 0x99, b's']
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the words [`in_org_name`] goes back over come before `at`, and
    /// "of" among them: the test it makes first, by splitting the text.
    fn after_name_words(text: &str, at: usize) -> bool {
        let mut words = text[..at].split_whitespace().rev().peekable();
        let mut saw_of = false;
        while let Some(w) = words.next_if(|w| is_name_word(w)) {
            saw_of |= w == "of";
        }
        saw_of
    }

    #[test]
    fn covered_bytes_agree_with_a_span_set() {
        let mut rng = crate::testing::Rng::new(0x5be0_cd19_137e_2179);
        for _ in 0..2_000 {
            let len = rng.below(300) + 1;
            let span = |rng: &mut crate::testing::Rng| {
                let start = rng.below(len);
                Span::new(start, start + 1 + rng.below((len - start).min(90)))
            };
            let spans: Vec<Span> = (0..rng.below(12)).map(|_| span(&mut rng)).collect();
            let mut covered = Covered::new(len);
            for &s in &spans {
                covered.insert(s);
            }
            let set = SpanSet::new(spans.clone());
            for _ in 0..20 {
                let s = span(&mut rng);
                assert_eq!(covered.overlaps(s), set.overlaps(s), "{spans:?} {s:?}");
            }
        }
    }

    /// The quick test never says no where the words are there.
    #[test]
    fn the_quick_test_keeps_every_name_word() {
        let pieces = [
            "of",
            "the",
            "Republic",
            "People's",
            "People’s",
            "in",
            "and",
            ",",
            " ",
            "\n",
            "\u{a0}",
            "\u{2009}",
            "(",
            "é",
            "Kingdom",
            "x",
        ];
        let mut rng = crate::testing::Rng::new(0x6c62_272e_07bb_0142);
        let mut said_no = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rng.below(6) {
                text.push_str(pieces[rng.below(pieces.len())]);
                if rng.below(2) == 0 {
                    text.push(' ');
                }
            }
            let at = text.len();
            text.push_str("Kazakhstan");
            if after_name_words(&text, at) {
                assert!(may_follow_a_name_word(&text, at), "{text:?}");
            } else if !may_follow_a_name_word(&text, at) {
                said_no += 1;
            }
        }
        // And it does say no, often.
        assert!(said_no > 5_000, "{said_no}");
    }
}
