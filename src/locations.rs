//! Places: adds `Document::locations` from the place hits of the name
//! matcher (countries, cities, regions), each with its ISO 3166 alpha-2
//! country code. Reads the organisations: a place inside an organisation's
//! mention is part of its name, and so is a country that follows "of" after
//! an organisation word ("Ministry of Internal Affairs of Kyrgyzstan", even
//! when no gazetteer knows that ministry). Demonyms ("Kazakh delegation") are
//! deliberately not places.

use crate::document::{Document, Location, Span, SpanSet, Why};
use crate::names::{Hit, Names, PlaceKind, Target};
use rustc_hash::FxHashMap as HashMap;

/// Adds the places of `doc`, from the matcher's `hits`.
pub fn tag(doc: &mut Document, hits: &[Hit], names: &Names) {
    let mut spans = Vec::with_capacity(doc.organisations.iter().map(|o| o.mentions.len()).sum());
    for o in &doc.organisations {
        spans.extend_from_slice(&o.mentions);
    }
    let org_spans = SpanSet::new(spans);
    let mut order: Vec<usize> = Vec::new();
    // Provenance is kept only when asked for: a second list per place costs.
    let explain = doc.explain.is_some();
    let mut by_place: HashMap<usize, (Vec<Span>, Vec<Why>)> = HashMap::default();
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
        let (spans, why) = by_place.entry(i).or_default();
        if spans.is_empty() {
            order.push(i);
        }
        spans.push(hit.span);
        if explain {
            why.push(hit.why);
        }
    }
    doc.locations = order
        .into_iter()
        .map(|i| {
            let (mentions, why) = by_place.remove(&i).unwrap_or_default();
            Location {
                name: names.places[i].name.to_string(),
                country: names.places[i].country.map(str::to_string),
                mentions,
                why,
            }
        })
        .collect();
}

/// "… Ministry of Internal Affairs of [the Republic of] X": the capitalised
/// words before the country, back over "of", "the", "Republic", include an
/// organisation word.
fn in_org_name(text: &str, span: Span, names: &Names) -> bool {
    let mut words = text[..span.start].split_whitespace().rev().peekable();
    let mut saw_of = false;
    while let Some(w) = words.next_if(|w| {
        matches!(
            *w,
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
    }) {
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
