//! The stage order, and nothing else. Each stage reads the layers of the
//! stages before it and adds its own:
//!
//! 1. `sentences` — reads the text; adds `sentences` and `title`.
//!
//! Later stages (organisations and places, dates, people, participants,
//! events) slot in after it, in that order, each scanning only the text up to
//! the end of the last sentence, so page furniture yields nothing.

use crate::document::Document;
use crate::{Options, Resources, sentences};

/// Runs every stage on `doc`, in order.
pub fn run(doc: &mut Document, resources: &Resources, _options: &Options) {
    sentences::tag(doc, &resources.sentences);
}
