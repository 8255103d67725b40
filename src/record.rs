//! The output record, schema "pressx/1": the serde types whose field names
//! are the schema's, and the one conversion from a [`Document`] (byte spans)
//! to a [`Record`] (code-point offsets, sentence indices, mention texts).

use crate::document::{Document, Party, Span};
use serde::{Deserialize, Serialize};

/// The schema name every record carries.
pub const SCHEMA: &str = "pressx/1";

/// The columns of the flat export (`--format tsv|csv`), one row per participant.
pub const FLAT_COLUMNS: [&str; 8] = [
    "document",
    "party",
    "name",
    "acronym",
    "role",
    "event",
    "event_date",
    "sentence",
];

/// One document's record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Always "pressx/1".
    pub schema: String,
    /// The document id.
    pub id: String,
    /// The headline, if any.
    pub title: Option<String>,
    /// The release date used for relative dates (`YYYY-MM-DD`), if known.
    pub published: Option<String>,
    /// Where `published` came from: "input" or "dateline".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<String>,
    /// The text the offsets refer to (with `--include-text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Sentences, in order.
    pub sentences: Vec<SentenceOut>,
    /// Organisations, in order of first mention.
    pub organisations: Vec<OrganisationOut>,
    /// People, in order of first mention.
    pub people: Vec<PersonOut>,
    /// Dates, in text order.
    pub dates: Vec<DateOut>,
    /// Places, in order of first mention.
    pub locations: Vec<LocationOut>,
    /// Who took part and as what.
    pub participants: Vec<ParticipantOut>,
    /// The meetings reported.
    pub events: Vec<EventOut>,
}

/// A sentence's code-point range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentenceOut {
    pub start: usize,
    pub end: usize,
}

/// One mention: its text, code-point range and sentence index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionOut {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
}

/// An organisation entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationOut {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: String,
    pub source: String,
    pub mentions: Vec<MentionOut>,
}

/// A person entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonOut {
    pub name: String,
    pub titles: Vec<String>,
    pub affiliation: Option<String>,
    pub mentions: Vec<MentionOut>,
}

/// A date mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateOut {
    pub text: String,
    pub value: Option<String>,
    pub granularity: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
}

/// A place entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocationOut {
    pub name: String,
    pub country: Option<String>,
    pub mentions: Vec<MentionOut>,
}

/// A participant: exactly one of `organisation` and `country`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantOut {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub role: String,
    pub sentence: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<usize>,
}

/// An announced next meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextOut {
    pub date: Option<String>,
    pub location: Option<String>,
}

/// A meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventOut {
    pub name: String,
    pub aliases: Vec<String>,
    pub date: Option<String>,
    pub mode: Option<String>,
    pub organiser: Option<String>,
    pub location: Option<String>,
    pub next: Option<NextOut>,
}

/// The record of a document that could not be processed (jsonl output).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub id: String,
    pub error: String,
}

/// Byte offset → code-point offset, for one text: the number of characters
/// before each 64-byte block, so a lookup counts at most 63 bytes. An ASCII
/// text needs no table at all.
pub struct CharIndex<'a> {
    text: &'a [u8],
    /// Characters before block `i` (bytes `64 * i ..`), or empty when ASCII.
    blocks: Vec<u32>,
}

/// Characters in `bytes`: the bytes that are not UTF-8 continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> CharIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let bytes = text.as_bytes();
        let mut blocks = Vec::new();
        if !text.is_ascii() {
            blocks.reserve(bytes.len() / 64 + 1);
            let mut chars = 0u32;
            for chunk in bytes.chunks(64) {
                blocks.push(chars);
                chars += count_chars(chunk) as u32;
            }
        }
        CharIndex {
            text: bytes,
            blocks,
        }
    }

    /// The code-point offset of byte offset `byte` (a character boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        let block = byte / 64;
        let base = self
            .blocks
            .get(block)
            .map_or_else(|| count_chars(self.text), |&c| c as usize);
        base + count_chars(&self.text[(block * 64).min(self.text.len())..byte.min(self.text.len())])
    }
}

/// Builds the record of `doc`; `include_text` adds the text itself.
pub fn to_record(doc: &Document, include_text: bool) -> Record {
    let index = CharIndex::new(&doc.text);
    let mention = |span: Span| MentionOut {
        text: span.of(&doc.text).to_string(),
        start: index.char_of(span.start),
        end: index.char_of(span.end),
        sentence: doc.sentence_of(span.start),
    };
    let mentions = |spans: &[Span]| spans.iter().map(|&s| mention(s)).collect::<Vec<_>>();
    Record {
        schema: SCHEMA.to_string(),
        id: doc.id.clone(),
        title: doc.title.map(|s| s.of(&doc.text).to_string()),
        published: doc.published.map(|p| p.date.to_string()),
        published_from: doc.published.map(|p| {
            match p.from {
                crate::document::PublishedFrom::Input => "input",
                crate::document::PublishedFrom::Dateline => "dateline",
            }
            .to_string()
        }),
        text: include_text.then(|| doc.text.clone()),
        sentences: doc
            .sentences
            .iter()
            .map(|s| SentenceOut {
                start: index.char_of(s.start),
                end: index.char_of(s.end),
            })
            .collect(),
        organisations: doc
            .organisations
            .iter()
            .map(|o| OrganisationOut {
                id: o.id.clone(),
                name: o.name.clone(),
                acronym: o.acronym.clone(),
                kind: o.kind.as_str().to_string(),
                source: match o.source {
                    crate::document::OrgSource::Gazetteer => "gazetteer",
                    crate::document::OrgSource::Definition => "definition",
                }
                .to_string(),
                mentions: mentions(&o.mentions),
            })
            .collect(),
        people: doc
            .people
            .iter()
            .map(|p| PersonOut {
                name: p.name.clone(),
                titles: p.titles.clone(),
                affiliation: p.affiliation.clone(),
                mentions: mentions(&p.mentions),
            })
            .collect(),
        dates: doc
            .dates
            .iter()
            .map(|d| {
                let m = mention(d.span);
                DateOut {
                    text: m.text,
                    value: d.value.clone(),
                    granularity: d.granularity.as_str().to_string(),
                    start: m.start,
                    end: m.end,
                    sentence: m.sentence,
                }
            })
            .collect(),
        locations: doc
            .locations
            .iter()
            .map(|l| LocationOut {
                name: l.name.clone(),
                country: l.country.clone(),
                mentions: mentions(&l.mentions),
            })
            .collect(),
        participants: doc
            .participants
            .iter()
            .map(|p| {
                let (organisation, country) = match &p.party {
                    Party::Organisation(id) => (Some(id.clone()), None),
                    Party::Country(code) => (None, Some(code.clone())),
                };
                ParticipantOut {
                    organisation,
                    country,
                    role: p.role.as_str().to_string(),
                    sentence: p.sentence,
                    event: p.event,
                }
            })
            .collect(),
        events: doc
            .events
            .iter()
            .map(|e| EventOut {
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                date: e.date.clone(),
                mode: e.mode.map(|m| m.as_str().to_string()),
                organiser: e.organiser.clone(),
                location: e.location.clone(),
                next: e.next.as_ref().map(|n| NextOut {
                    date: n.date.clone(),
                    location: n.location.clone(),
                }),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets() {
        let text = "aé€😀b";
        let index = CharIndex::new(text);
        let cases = [(0, 0), (1, 1), (3, 2), (6, 3), (10, 4), (11, 5)];
        for (byte, want) in cases {
            assert_eq!(index.char_of(byte), want, "byte {byte}");
        }
        let ascii = CharIndex::new("plain");
        assert_eq!(ascii.char_of(4), 4);
    }
}
