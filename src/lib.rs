//! pressx turns press releases into structured data: sentences,
//! organisations, people, dates, places, who took part in a meeting and as
//! what, and the meeting itself.
//!
//! ```
//! let resources = pressx::Resources::builtin();
//! let options = pressx::Options::default();
//! let doc = pressx::extract("demo", "Talks held\n\nThe talks ended.", &resources, &options);
//! let record = pressx::record::to_record(&doc, false);
//! assert_eq!(record.sentences.len(), 2);
//! ```

mod ascii;
pub mod batch;
#[doc(hidden)]
pub mod calendar;
pub mod check;
pub mod cues;
pub mod dates;
pub mod document;
pub mod error;
pub mod eval;
pub mod events;
pub mod export;
pub mod gazetteer;
pub mod html;
pub mod input;
pub mod invariants;
mod lexicon;
pub mod locations;
pub mod names;
pub mod organisations;
pub mod output;
pub mod page;
pub mod participants;
pub mod people;
pub mod pipeline;
pub mod record;
pub mod schema;
pub mod sentences;
mod surfaces;
#[cfg(test)]
mod testing;

pub use calendar::Date;
pub use document::Document;
pub use error::{Error, GazetteerError, InputError};

use gazetteer::Gazetteers;

/// Everything the stages look things up in: built once from the gazetteers,
/// immutable, shared by reference across threads.
#[derive(Clone, Debug)]
pub struct Resources {
    pub(crate) sentences: sentences::Rules,
    pub(crate) names: names::Names,
    pub(crate) cues: cues::Cues,
    pub(crate) events: events::Rules,
    pub(crate) people: people::Rules,
    pub(crate) dates: dates::Rules,
    /// The gazetteer file names `--explain` points into.
    pub(crate) files: document::SourceFiles,
}

impl Resources {
    /// Resources from the built-in gazetteers only.
    pub fn builtin() -> Resources {
        // Every built-in file is validated by the unit tests of its stage.
        Resources::new(&Gazetteers::builtin()).expect("built-in gazetteers are valid")
    }

    /// Resources from `gazetteers` (built-ins merged with the user's).
    pub fn new(gazetteers: &Gazetteers) -> Result<Resources, GazetteerError> {
        Ok(Resources {
            sentences: sentences::Rules::build(gazetteers)?,
            names: names::Names::build(gazetteers)?,
            cues: cues::Cues::build(),
            events: events::Rules::build(),
            people: people::Rules::build(gazetteers)?,
            dates: dates::Rules::build(gazetteers)?,
            files: gazetteers.file_names().into(),
        })
    }
}

/// How to read `05/06/2021`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// Day first (5 June 2021): the default.
    #[default]
    Dmy,
    /// Month first (May 6, 2021).
    Mdy,
}

/// Per-run options of the extraction.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The release date relative dates resolve against (`--published`).
    pub published: Option<Date>,
    /// How to read all-numeric dates.
    pub date_order: DateOrder,
    /// The record says what produced each mention and participant (`--explain`).
    pub explain: bool,
}

/// Makes `text` the form offsets refer to: a leading byte-order mark removed,
/// CRLF and lone CR line ends made LF — what Python's
/// `open(path, encoding="utf-8-sig").read()` gives.
pub fn normalise_text(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Extracts everything from one document. `options.published` is the release
/// date (when the caller knows it).
pub fn extract(id: &str, text: &str, resources: &Resources, options: &Options) -> Document {
    extract_owned(
        id.to_string(),
        normalise_text(text).into_owned(),
        resources,
        options,
    )
}

/// [`extract`] for a caller that owns the text (the batch reader): the text
/// becomes the document's without a copy when it needs no normalising.
pub fn extract_owned(
    id: String,
    text: String,
    resources: &Resources,
    options: &Options,
) -> Document {
    let unchanged = matches!(normalise_text(&text), std::borrow::Cow::Borrowed(same) if same.len() == text.len());
    let text = if unchanged {
        text
    } else {
        normalise_text(&text).into_owned()
    };
    let mut doc = Document {
        id,
        text,
        published: options.published.map(|date| document::Published {
            date,
            from: document::PublishedFrom::Input,
        }),
        explain: options.explain.then(|| resources.files.clone()),
        ..Document::default()
    };
    pipeline::run(&mut doc, resources, options);
    doc
}
