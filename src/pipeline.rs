//! The stage order, and nothing else. Each stage reads the layers of the
//! stages before it and adds its own:
//!
//! 1. `sentences` — reads the text; adds `sentences` and `title`.
//! 2. `dates` — reads the text up to the end of the last sentence and the
//!    release date; adds `dates`, and `published` from a dateline when the
//!    caller gave none.
//! 3. the name matcher (`names`) — one pass over the text up to the end of
//!    the last sentence, finding every gazetteer surface; its hits feed:
//! 4. `organisations` — reads the hits and the text; adds `organisations`
//!    (gazetteer entries and acronyms the text defines).
//! 5. `locations` — reads the hits and `organisations`; adds `locations`.
//! 6. `people` — reads the text, `sentences`, `organisations` and
//!    `locations`; adds `people` (names, titles, affiliations, mentions).
//! 7. the cue matcher (`cues`) — one pass over the text up to the end of the
//!    last sentence, finding participation cues, mode and next-meeting
//!    phrases and meeting words; its hits feed:
//! 8. `events` — reads the cue hits, the sentences, `organisations`,
//!    `locations` and `dates`; adds `events` (name, aliases, date, mode,
//!    place, organiser, next meeting).
//! 9. `participants` — reads the cue hits, the sentences, `organisations`,
//!    `locations`, `people` and `events`; adds `participants`.
//!
//! Every stage after the first scans only the text up to the end of the last
//! sentence, so page furniture yields nothing.

use crate::cues;
use crate::document::{Document, Span};
use crate::names::Hit;
use crate::{
    Options, Resources, dates, events, locations, organisations, participants, people, sentences,
};

/// What one stage hands the next besides the document: the name matcher's
/// and the cue matcher's hits.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    hits: Vec<Hit>,
    cues: cues::Hits,
}

/// A stage: reads the document's earlier layers (and the scratch), adds its own.
pub type Stage = fn(&mut Document, &mut Scratch, &Resources, &Options);

/// Every stage, in order, by name (the benchmarks time them one by one).
pub const STAGES: &[(&str, Stage)] = &[
    ("sentences", |d, _, r, _| sentences::tag(d, &r.sentences)),
    ("dates", |d, _, r, o| dates::tag(d, &r.dates, o)),
    ("names", |d, s, r, _| {
        s.hits = r.names.find(&d.text[..d.content_end()]);
        // Names may run over line breaks; never over a sentence boundary.
        let mut within = d.sentence_cursor();
        s.hits.retain(|h| within.within(h.span));
    }),
    ("organisations", |d, s, r, _| {
        organisations::tag(d, &s.hits, &r.names);
    }),
    ("locations", |d, s, r, _| {
        locations::tag(d, &s.hits, &r.names);
    }),
    ("people", |d, _, r, _| people::tag(d, &r.people, &r.names)),
    ("cues", |d, s, r, _| {
        s.cues = r.cues.find(&d.text, Span::new(0, d.content_end()));
    }),
    ("events", |d, s, r, _| {
        events::tag(d, &s.cues, &r.events, &r.names);
    }),
    ("participants", |d, s, r, _| {
        participants::tag(d, &s.cues, &r.names);
    }),
];

/// Runs every stage on `doc`, in order.
pub fn run(doc: &mut Document, resources: &Resources, options: &Options) {
    let mut scratch = Scratch::default();
    for (_, stage) in STAGES {
        stage(doc, &mut scratch, resources, options);
    }
}
