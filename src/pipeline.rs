//! The stage order, and nothing else. Each stage reads the layers of the
//! stages before it and adds its own:
//!
//! 1. `sentences` — reads the text; adds `sentences` and `title`.
//! 2. the name matcher (`names`) — one pass over the text up to the end of
//!    the last sentence, finding every gazetteer surface; its hits feed:
//! 3. `organisations` — reads the hits and the text; adds `organisations`
//!    (gazetteer entries and acronyms the text defines).
//! 4. `locations` — reads the hits and `organisations`; adds `locations`.
//! 5. the cue matcher (`cues`) — one pass over the same text, finding
//!    participation cues, mode and next-meeting phrases and meeting words;
//!    its hits feed:
//! 6. `events` — reads the hits, the sentences, `organisations`,
//!    `locations` and `dates`; adds `events` (name, aliases, date, mode,
//!    place, organiser, next meeting).
//! 7. `participants` — reads the hits, the sentences, `organisations`,
//!    `locations`, `people` and `events`; adds `participants`.
//!
//! Every stage after the first scans only the text up to the end of the last
//! sentence, so page furniture yields nothing.

use crate::document::{Document, Span};
use crate::{Options, Resources, events, locations, organisations, participants, sentences};

/// Runs every stage on `doc`, in order.
pub fn run(doc: &mut Document, resources: &Resources, _options: &Options) {
    sentences::tag(doc, &resources.sentences);
    let hits = resources.names.find(&doc.text[..doc.content_end()]);
    organisations::tag(doc, &hits, &resources.names);
    locations::tag(doc, &hits, &resources.names);
    // One pass of the cue matcher feeds both meeting stages.
    let cues = resources.cues.find(&doc.text, Span::new(0, doc.content_end()));
    events::tag(doc, &cues, &resources.events, &resources.names);
    participants::tag(doc, &cues, &resources.names);
}
