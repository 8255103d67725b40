//! The contract every record keeps, as one checkable function: the fuzz
//! targets, the property tests and the hostile-input suite all call it, so
//! "the record is well-formed" means the same thing everywhere. It reads a
//! [`Record`] and the text its offsets refer to; it checks structure (offsets,
//! order, references), never whether the extraction is right.

use crate::record::{MentionOut, Record};
use std::collections::HashSet;

/// Every way `record` breaks the contract for `text` (the normalised text
/// its offsets count in, `Document::text`); empty when it keeps it.
///
/// - every mention's `text` is `text[start..end]` in code points, and lies in
///   the sentence it names;
/// - sentences are non-empty, in order, do not overlap and lie inside the text;
/// - organisation ids are unique; every id a person, participant or event
///   refers to is one of them (an affiliation or participant may instead be an
///   ISO 3166 alpha-2 code); a participant's sentence and event exist.
pub fn problems(record: &Record, text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut previous_end = 0;
    for (i, s) in record.sentences.iter().enumerate() {
        if s.start >= s.end || s.end > chars.len() {
            out.push(format!(
                "sentence {i} [{}, {}) is empty or outside the text ({} code points)",
                s.start,
                s.end,
                chars.len()
            ));
        }
        if s.start < previous_end {
            out.push(format!(
                "sentence {i} starts at {} before the previous one ends at {previous_end}",
                s.start
            ));
        }
        previous_end = s.end;
    }
    let mut check_mention = |what: &str, m: &MentionOut| {
        let got: Option<String> = (m.start <= m.end && m.end <= chars.len())
            .then(|| chars[m.start..m.end].iter().collect());
        if got.as_deref() != Some(m.text.as_str()) {
            out.push(format!(
                "{what} mention {:?} at [{}, {}) reads {got:?} in the text",
                m.text, m.start, m.end
            ));
        }
        match record.sentences.get(m.sentence) {
            Some(s) if s.start <= m.start && m.end <= s.end => {}
            _ => out.push(format!(
                "{what} mention {:?} at [{}, {}) is not inside its sentence {}",
                m.text, m.start, m.end, m.sentence
            )),
        }
    };
    for o in &record.organisations {
        o.mentions
            .iter()
            .for_each(|m| check_mention("organisation", m));
    }
    for p in &record.people {
        p.mentions.iter().for_each(|m| check_mention("person", m));
    }
    for l in &record.locations {
        l.mentions.iter().for_each(|m| check_mention("location", m));
    }
    for d in &record.dates {
        let m = MentionOut {
            text: d.text.clone(),
            start: d.start,
            end: d.end,
            sentence: d.sentence,
            explain: None,
        };
        check_mention("date", &m);
    }
    let mut ids = HashSet::new();
    for o in &record.organisations {
        if !ids.insert(o.id.as_str()) {
            out.push(format!("organisation id {:?} appears twice", o.id));
        }
    }
    let country = |c: &str| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
    for p in &record.people {
        if let Some(a) = &p.affiliation {
            if !ids.contains(a.as_str()) && !country(a) {
                out.push(format!(
                    "person {:?}: affiliation {a:?} is neither an organisation of the record nor a country code",
                    p.name
                ));
            }
        }
    }
    for (i, p) in record.participants.iter().enumerate() {
        match (&p.organisation, &p.country) {
            (Some(o), None) if ids.contains(o.as_str()) => {}
            (None, Some(c)) if country(c) => {}
            _ => out.push(format!(
                "participant {i}: organisation {:?} / country {:?} is not exactly one known organisation or country code",
                p.organisation, p.country
            )),
        }
        if p.sentence >= record.sentences.len() {
            out.push(format!("participant {i}: no sentence {}", p.sentence));
        }
        if p.event.is_some_and(|e| e >= record.events.len()) {
            out.push(format!("participant {i}: no event {:?}", p.event));
        }
    }
    for e in &record.events {
        if let Some(o) = &e.organiser {
            if !ids.contains(o.as_str()) {
                out.push(format!(
                    "event {:?}: organiser {o:?} is not an organisation of the record",
                    e.name
                ));
            }
        }
    }
    out
}
