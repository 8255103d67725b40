//! The stage order, and nothing else. Each stage reads the layers of the
//! stages before it and adds its own:
//!
//! 1. `sentences` — reads the text; adds `sentences` and `title`.
//! 2. `dates` — reads the text up to the end of the last sentence and the
//!    release date; adds `dates`, and `published` from a dateline when the
//!    caller gave none.
//!
//! Later stages (organisations and places, people, participants, events)
//! slot in after them, each scanning only the text up to the end of the last
//! sentence, so page furniture yields nothing.

use crate::document::Document;
use crate::{Options, Resources, dates, sentences};

/// Runs every stage on `doc`, in order.
pub fn run(doc: &mut Document, resources: &Resources, options: &Options) {
    sentences::tag(doc, &resources.sentences);
    dates::tag(doc, &resources.dates, options);
}
