//! The output record, schema "pressx/1": the serde types whose field names
//! are the schema's, and the one conversion from a [`Document`] (byte spans)
//! to a [`Record`] (code-point offsets, sentence indices, mention texts).
//!
//! [`write_json`] writes the same JSON as serialising [`to_record`]'s record,
//! byte for byte, but straight from the document through borrowed views: no
//! string is copied and no list is built per mention. The batch writer uses
//! it; a test holds the two to the same bytes. With `--explain` (the
//! document's `explain` is set) it writes [`to_record`]'s record, which says
//! what produced each mention ([`Explain`]).

use crate::document::{Document, Party, Span, Why};
use serde::{Deserialize, Serialize};
use std::fmt;

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

/// One mention: its text, code-point range and sentence index, and with
/// `--explain` what produced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionOut {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
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

/// What produced a mention or participant, as the record's `explain` string
/// (see the README): `gazetteer FILE:LINE`, `KIND "TEXT" START-END` for a
/// cue in the text (code-point offsets, white space runs as one space),
/// `rule NAME` for a date pattern.
pub struct Explain<'a> {
    why: Why,
    text: &'a str,
    index: &'a CharIndex<'a>,
    files: &'a [String],
}

impl<'a> Explain<'a> {
    /// `why` of a mention of `doc`, or `None` when the document was extracted
    /// without `--explain`.
    pub fn of(doc: &'a Document, index: &'a CharIndex<'a>, why: Why) -> Option<Explain<'a>> {
        doc.explain.as_deref().map(|files| Explain {
            why,
            text: &doc.text,
            index,
            files,
        })
    }
}

impl fmt::Display for Explain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.why {
            Why::Unknown => f.write_str("unknown"),
            Why::Gazetteer { file, line } => {
                let name = self
                    .files
                    .get(usize::from(file))
                    .map_or("?", String::as_str);
                write!(f, "gazetteer {name}:{line}")
            }
            Why::Cue(kind, span) => {
                write!(f, "{kind} \"")?;
                for (i, word) in span.of(self.text).split_whitespace().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    f.write_str(word)?;
                }
                let (start, end) = (self.index.char_of(span.start), self.index.char_of(span.end));
                write!(f, "\" {start}-{end}")
            }
            Why::Rule(name) => write!(f, "rule {name}"),
        }
    }
}

impl Serialize for Explain<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `whys[i]`, or `Unknown` for a layer filled by hand without them.
fn why_at(whys: &[Why], i: usize) -> Why {
    whys.get(i).copied().unwrap_or_default()
}

/// Builds the record of `doc`; `include_text` adds the text itself. With
/// `--explain` (`doc.explain`) mentions and participants say what produced them.
pub fn to_record(doc: &Document, include_text: bool) -> Record {
    let index = CharIndex::new(&doc.text);
    let explain = |why: Why| Explain::of(doc, &index, why).map(|e| e.to_string());
    let mention = |span: Span, why: Why| MentionOut {
        text: span.of(&doc.text).to_string(),
        start: index.char_of(span.start),
        end: index.char_of(span.end),
        sentence: doc.sentence_of(span.start),
        explain: explain(why),
    };
    let mentions = |spans: &[Span], whys: &[Why]| {
        spans
            .iter()
            .enumerate()
            .map(|(i, &s)| mention(s, why_at(whys, i)))
            .collect::<Vec<_>>()
    };
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
                mentions: mentions(&o.mentions, &o.why),
            })
            .collect(),
        people: doc
            .people
            .iter()
            .map(|p| PersonOut {
                name: p.name.clone(),
                titles: p.titles.clone(),
                affiliation: p.affiliation.clone(),
                mentions: mentions(&p.mentions, &p.why),
            })
            .collect(),
        dates: doc
            .dates
            .iter()
            .map(|d| {
                let m = mention(d.span, d.why);
                DateOut {
                    text: m.text,
                    value: d.value.clone(),
                    granularity: d.granularity.as_str().to_string(),
                    start: m.start,
                    end: m.end,
                    sentence: m.sentence,
                    explain: m.explain,
                }
            })
            .collect(),
        locations: doc
            .locations
            .iter()
            .map(|l| LocationOut {
                name: l.name.clone(),
                country: l.country.clone(),
                mentions: mentions(&l.mentions, &l.why),
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
                    explain: explain(p.why),
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

/// JSON of `doc`'s record, appended to `out`: compact (one line, no line
/// end) or pretty. The same bytes as `serde_json` gives for [`to_record`].
pub fn write_json(doc: &Document, include_text: bool, pretty: bool, out: &mut Vec<u8>) {
    if doc.explain.is_some() {
        // `--explain` goes through the owned record, so the fast path below
        // stays exactly as lean as without it.
        let record = to_record(doc, include_text);
        let written = if pretty {
            serde_json::to_writer_pretty(&mut *out, &record)
        } else {
            serde_json::to_writer(&mut *out, &record)
        };
        written.expect("a record always serialises into memory");
        return;
    }
    let index = CharIndex::new(&doc.text);
    let view = RecordView {
        doc,
        index: &index,
        include_text,
    };
    let written = if pretty {
        serde_json::to_writer_pretty(&mut *out, &view)
    } else {
        serde_json::to_writer(&mut *out, &view)
    };
    // Writing to a Vec cannot fail, and the views hold only strings and numbers.
    written.expect("a record always serialises into memory");
}

/// A list serialised from a slice through a function, without collecting it.
struct Seq<'a, T, F>(&'a [T], F);

impl<'a, T, U: Serialize, F: Fn(&'a T) -> U> Serialize for Seq<'a, T, F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

/// The borrowed twin of [`Record`]: the same fields, in the same order.
struct RecordView<'a> {
    doc: &'a Document,
    index: &'a CharIndex<'a>,
    include_text: bool,
}

#[derive(Serialize)]
struct MentionView<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    sentence: usize,
}

#[derive(Serialize)]
struct SentenceView {
    start: usize,
    end: usize,
}

impl<'a> RecordView<'a> {
    fn mention(&self, span: Span) -> MentionView<'a> {
        MentionView {
            text: span.of(&self.doc.text),
            start: self.index.char_of(span.start),
            end: self.index.char_of(span.end),
            sentence: self.doc.sentence_of(span.start),
        }
    }
    fn mentions<'b>(&'b self, spans: &'a [Span]) -> impl Serialize + 'b
    where
        'a: 'b,
    {
        Seq(spans, move |s: &Span| self.mention(*s))
    }
}

impl<'a> Serialize for RecordView<'a> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::document::{OrgSource, PublishedFrom};
        use serde::ser::SerializeStruct;
        let doc = self.doc;
        let text = &doc.text;
        let fields = 11 + usize::from(doc.published.is_some()) + usize::from(self.include_text);
        let mut r = s.serialize_struct("Record", fields)?;
        r.serialize_field("schema", SCHEMA)?;
        r.serialize_field("id", &doc.id)?;
        r.serialize_field("title", &doc.title.map(|t| t.of(text)))?;
        r.serialize_field("published", &doc.published.map(|p| p.date.to_string()))?;
        if let Some(p) = doc.published {
            let from = match p.from {
                PublishedFrom::Input => "input",
                PublishedFrom::Dateline => "dateline",
            };
            r.serialize_field("published_from", from)?;
        }
        if self.include_text {
            r.serialize_field("text", text)?;
        }
        r.serialize_field(
            "sentences",
            &Seq(&doc.sentences, |sp: &Span| SentenceView {
                start: self.index.char_of(sp.start),
                end: self.index.char_of(sp.end),
            }),
        )?;
        #[derive(Serialize)]
        struct Org<'b, M> {
            id: &'b str,
            name: &'b str,
            acronym: &'b Option<String>,
            kind: &'static str,
            source: &'static str,
            mentions: M,
        }
        r.serialize_field(
            "organisations",
            &Seq(
                &doc.organisations,
                |o: &'a crate::document::Organisation| Org {
                    id: &o.id,
                    name: &o.name,
                    acronym: &o.acronym,
                    kind: o.kind.as_str(),
                    source: match o.source {
                        OrgSource::Gazetteer => "gazetteer",
                        OrgSource::Definition => "definition",
                    },
                    mentions: self.mentions(&o.mentions),
                },
            ),
        )?;
        #[derive(Serialize)]
        struct Person<'b, M> {
            name: &'b str,
            titles: &'b [String],
            affiliation: &'b Option<String>,
            mentions: M,
        }
        r.serialize_field(
            "people",
            &Seq(&doc.people, |p: &'a crate::document::Person| Person {
                name: &p.name,
                titles: &p.titles,
                affiliation: &p.affiliation,
                mentions: self.mentions(&p.mentions),
            }),
        )?;
        #[derive(Serialize)]
        struct DateView<'b> {
            text: &'b str,
            value: &'b Option<String>,
            granularity: &'static str,
            start: usize,
            end: usize,
            sentence: usize,
        }
        r.serialize_field(
            "dates",
            &Seq(&doc.dates, |d: &'a crate::document::DateMention| {
                let m = self.mention(d.span);
                DateView {
                    text: m.text,
                    value: &d.value,
                    granularity: d.granularity.as_str(),
                    start: m.start,
                    end: m.end,
                    sentence: m.sentence,
                }
            }),
        )?;
        #[derive(Serialize)]
        struct LocationView<'b, M> {
            name: &'b str,
            country: &'b Option<String>,
            mentions: M,
        }
        r.serialize_field(
            "locations",
            &Seq(&doc.locations, |l: &'a crate::document::Location| {
                LocationView {
                    name: &l.name,
                    country: &l.country,
                    mentions: self.mentions(&l.mentions),
                }
            }),
        )?;
        #[derive(Serialize)]
        struct ParticipantView<'b> {
            #[serde(skip_serializing_if = "Option::is_none")]
            organisation: Option<&'b str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            country: Option<&'b str>,
            role: &'static str,
            sentence: usize,
            #[serde(skip_serializing_if = "Option::is_none")]
            event: Option<usize>,
        }
        r.serialize_field(
            "participants",
            &Seq(&doc.participants, |p: &'a crate::document::Participant| {
                let (organisation, country) = match &p.party {
                    Party::Organisation(id) => (Some(id.as_str()), None),
                    Party::Country(code) => (None, Some(code.as_str())),
                };
                ParticipantView {
                    organisation,
                    country,
                    role: p.role.as_str(),
                    sentence: p.sentence,
                    event: p.event,
                }
            }),
        )?;
        #[derive(Serialize)]
        struct NextView<'b> {
            date: &'b Option<String>,
            location: &'b Option<String>,
        }
        #[derive(Serialize)]
        struct EventView<'b> {
            name: &'b str,
            aliases: &'b [String],
            date: &'b Option<String>,
            mode: Option<&'static str>,
            organiser: &'b Option<String>,
            location: &'b Option<String>,
            next: Option<NextView<'b>>,
        }
        r.serialize_field(
            "events",
            &Seq(&doc.events, |e: &'a crate::document::Event| EventView {
                name: &e.name,
                aliases: &e.aliases,
                date: &e.date,
                mode: e.mode.map(|m| m.as_str()),
                organiser: &e.organiser,
                location: &e.location,
                next: e.next.as_ref().map(|n| NextView {
                    date: &n.date,
                    location: &n.location,
                }),
            }),
        )?;
        r.end()
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

    /// A document with every layer filled, and non-ASCII text before the mentions.
    fn full_document() -> Document {
        use crate::calendar::Date;
        use crate::document::*;
        let resources = crate::Resources::builtin();
        let text = include_str!("../fixtures/sco-rats-dialogue.txt");
        let mut doc = crate::extract("sco-rats-dialogue", text, &resources, &Default::default());
        let at = |needle: &str| {
            let start = doc.text.find(needle).expect("needle in the fixture");
            Span::new(start, start + needle.len())
        };
        let (jurgen, may, tunisia) = (at("Jürgen Stock"), at("May 20, 2020"), at("Tunisia"));
        doc.people = vec![Person {
            name: "Jürgen Stock".into(),
            titles: vec!["Secretary General".into()],
            affiliation: Some("interpol".into()),
            mentions: vec![jurgen],
            why: vec![Why::Cue("title", may)],
        }];
        doc.dates = vec![
            DateMention {
                span: may,
                value: Some("2020-05-20".into()),
                granularity: Granularity::Day,
                why: Why::Rule("month day year"),
            },
            DateMention {
                span: tunisia,
                value: None,
                granularity: Granularity::Relative,
                why: Why::Unknown,
            },
        ];
        doc.locations.push(Location {
            name: "Tunisia".into(),
            country: None,
            mentions: vec![tunisia, tunisia],
            // One short: a hand-made layer may lack provenance.
            why: vec![Why::Gazetteer { file: 99, line: 7 }],
        });
        doc.participants = vec![
            Participant {
                party: Party::Organisation("interpol".into()),
                role: Role::Host,
                sentence: 1,
                event: None,
                why: Why::Cue("role cue", jurgen),
            },
            Participant {
                party: Party::Country("TN".into()),
                role: Role::Member,
                sentence: 2,
                event: Some(0),
                why: Why::Unknown,
            },
        ];
        doc.events = vec![
            Event {
                name: "4th Dialogue \"x\"".into(),
                aliases: vec!["the Dialogue".into()],
                date: Some("2020-05-20".into()),
                mode: Some(Mode::Virtual),
                organiser: Some("interpol".into()),
                location: None,
                next: Some(NextMeeting {
                    date: Some("2021".into()),
                    location: Some("Tunisia".into()),
                }),
                ..Event::default()
            },
            Event::default(),
        ];
        doc.published = Some(Published {
            date: Date::parse_iso("2020-05-21").expect("a valid date"),
            from: PublishedFrom::Dateline,
        });
        doc
    }

    #[test]
    fn write_json_is_the_records_json() {
        let full = full_document();
        let mut bare = full.clone();
        bare.published = None;
        bare.title = None;
        let empty = crate::extract("e", "", &crate::Resources::builtin(), &Default::default());
        let mut explained = full.clone();
        explained.explain = Some(crate::Resources::builtin().files);
        for doc in [&full, &bare, &empty, &explained] {
            for include_text in [false, true] {
                let record = to_record(doc, include_text);
                assert!(doc.organisations.is_empty() || !record.organisations.is_empty());
                let compact = serde_json::to_vec(&record).expect("serialises");
                let pretty = serde_json::to_vec_pretty(&record).expect("serialises");
                let mut got = Vec::new();
                write_json(doc, include_text, false, &mut got);
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&compact)
                );
                got.clear();
                write_json(doc, include_text, true, &mut got);
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&pretty)
                );
            }
        }
    }

    #[test]
    fn explain_says_what_produced_a_mention() {
        let mut doc = full_document();
        let text = doc.text.clone();
        let index = CharIndex::new(&text);
        let at = |needle: &str| {
            let start = text.find(needle).expect("needle in the fixture");
            Span::new(start, start + needle.len())
        };
        assert!(
            Explain::of(&doc, &index, Why::Unknown).is_none(),
            "off without --explain"
        );
        doc.explain = Some(vec!["organisations.tsv".to_string(), "mine.tsv".to_string()].into());
        let cases = [
            ("unknown", Why::Unknown, "unknown"),
            (
                "gazetteer row",
                Why::Gazetteer { file: 1, line: 12 },
                "gazetteer mine.tsv:12",
            ),
            (
                "file outside the table",
                Why::Gazetteer { file: 9, line: 3 },
                "gazetteer ?:3",
            ),
            (
                "cue after non-ASCII text: code points",
                Why::Cue("title", at("Secretary General Interpol")),
                "title \"Secretary General Interpol\" 847-873",
            ),
            (
                "a line break inside a cue reads as a space",
                Why::Cue(
                    "alias",
                    Span::new(at("threats.\n").start, at("threats.\n").end + 4),
                ),
                "alias \"threats. SCO\" 1131-1144",
            ),
            (
                "date pattern",
                Why::Rule("day month year"),
                "rule day month year",
            ),
        ];
        for (name, why, want) in cases {
            let got = Explain::of(&doc, &index, why).map(|e| e.to_string());
            assert_eq!(got.as_deref(), Some(want), "{name}");
        }
    }
}
