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
//! 7. `events` — reads the sentences, `organisations`, `locations`, `dates`
//!    and the participant cues; adds `events` (name, aliases, date, mode,
//!    place, organiser, next meeting).
//! 8. `participants` — reads the sentences, `organisations`, `locations`,
//!    `people` and `events`; adds `participants`.
//!
//! Every stage after the first scans only the text up to the end of the last
//! sentence, so page furniture yields nothing.

use crate::document::Document;
use crate::{
    Options, Resources, dates, events, locations, organisations, participants, people, sentences,
};

/// Runs every stage on `doc`, in order.
pub fn run(doc: &mut Document, resources: &Resources, options: &Options) {
    sentences::tag(doc, &resources.sentences);
    dates::tag(doc, &resources.dates, options);
    let mut hits = resources.names.find(&doc.text[..doc.content_end()]);
    // Names may run over line breaks; never over a sentence boundary.
    hits.retain(|h| doc.within_sentence(h.span));
    organisations::tag(doc, &hits, &resources.names);
    locations::tag(doc, &hits, &resources.names);
    people::tag(doc, &resources.people, &resources.names);
    events::tag(
        doc,
        &resources.events,
        &resources.participants,
        &resources.names,
    );
    participants::tag(doc, &resources.participants, &resources.names);
}
