//! The pipeline's stages one by one, for the criterion benchmarks in
//! `benches/` (not a stable API: hidden from the docs). [`STAGES`] lists them
//! in `pipeline.rs` order; a test checks that running them in turn gives what
//! `pipeline::run` gives, so a stage added to the pipeline but not here is
//! caught. Adding one is one line in the table.

use crate::document::Document;
use crate::names::Hit;
use crate::{
    Options, Resources, events, locations, organisations, participants, people, sentences,
};

/// What one stage hands the next besides the document: the name matcher's hits.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    hits: Vec<Hit>,
}

/// A stage: reads the document's earlier layers (and the scratch), adds its own.
pub type Stage = fn(&mut Document, &mut Scratch, &Resources, &Options);

/// Every stage, in pipeline order, by name.
pub const STAGES: &[(&str, Stage)] = &[
    ("sentences", |d, _, r, _| sentences::tag(d, &r.sentences)),
    ("names", |d, s, r, _| {
        s.hits = r.names.find(&d.text[..d.content_end()]);
    }),
    ("organisations", |d, s, r, _| {
        organisations::tag(d, &s.hits, &r.names);
    }),
    ("locations", |d, s, r, _| {
        locations::tag(d, &s.hits, &r.names);
    }),
    ("people", |d, _, r, _| people::tag(d, &r.people, &r.names)),
    ("events", |d, _, r, _| {
        events::tag(d, &r.events, &r.participants, &r.names);
    }),
    ("participants", |d, _, r, _| {
        participants::tag(d, &r.participants, &r.names);
    }),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::to_record;

    #[test]
    fn the_stages_in_turn_are_the_pipeline() {
        let resources = Resources::builtin();
        let options = Options::default();
        let text = include_str!("../fixtures/sco-rats-dialogue.txt");
        let whole = crate::extract("x", text, &resources, &options);
        let mut doc = Document {
            id: "x".into(),
            text: text.into(),
            ..Document::default()
        };
        let mut scratch = Scratch::default();
        for (_, stage) in STAGES {
            stage(&mut doc, &mut scratch, &resources, &options);
        }
        assert_eq!(
            to_record(&doc, false),
            to_record(&whole, false),
            "a stage of pipeline.rs is missing from bench::STAGES (one line each)"
        );
    }
}
