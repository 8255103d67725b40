//! The stage order, and nothing else. Each stage reads the layers of the
//! stages before it and adds its own:
//!
//! 1. `sentences` — reads the text; adds `sentences` and `title`.
//! 2. the name matcher (`names`) — one pass over the text up to the end of
//!    the last sentence, finding every gazetteer surface; its hits feed:
//! 3. `organisations` — reads the hits and the text; adds `organisations`
//!    (gazetteer entries and acronyms the text defines).
//! 4. `locations` — reads the hits and `organisations`; adds `locations`.
//! 5. `people` — reads the text, `sentences`, `organisations` and
//!    `locations`; adds `people` (names, titles, affiliations, mentions).
//! 6. `events` — reads the sentences, `organisations`, `locations`, `dates`
//!    and the participant cues; adds `events` (name, aliases, date, mode,
//!    place, organiser, next meeting).
//! 7. `participants` — reads the sentences, `organisations`, `locations`,
//!    `people` and `events`; adds `participants`.
//!
//! Every stage after the first scans only the text up to the end of the last
//! sentence, so page furniture yields nothing.

use crate::document::Document;
use crate::{
    Options, Resources, events, locations, organisations, participants, people, sentences,
};

/// Runs every stage on `doc`, in order.
pub fn run(doc: &mut Document, resources: &Resources, _options: &Options) {
    sentences::tag(doc, &resources.sentences);
    let hits = resources.names.find(&doc.text[..doc.content_end()]);
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
