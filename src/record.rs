//! The output record, schema "pressx/1": the serde types whose field names
//! are the schema's, and the one conversion from a [`Document`] (byte spans)
//! to a [`Record`] (code-point offsets, sentence indices, mention texts).
//!
//! [`write_json`] writes the same JSON as serialising [`to_record`]'s record,
//! byte for byte, but straight from the document with a small JSON writer:
//! no string is copied, no list is built per mention, and keys are literals.
//! The batch writer uses it; a test holds the two to the same bytes. With
//! `--explain` (the document's `explain` is set) it writes [`to_record`]'s
//! record, which says what produced each mention ([`Explain`]).

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

/// Byte offset → code-point offset, for one text: for each 64-byte block,
/// the number of characters before it and a bit for each of its UTF-8
/// continuation bytes, so a lookup is one count of the bits below the
/// offset's. An ASCII text needs no table at all.
pub struct CharIndex<'a> {
    text: &'a [u8],
    /// Block `i` (bytes `64 * i ..`), then one past the last holding the
    /// text's character count; empty when the text is ASCII.
    blocks: Vec<CharBlock>,
}

/// A 64-byte block of a [`CharIndex`].
#[derive(Clone, Copy, Debug)]
struct CharBlock {
    /// Characters before the block.
    before: usize,
    /// Bit `k` set when byte `k` of the block is a continuation byte (`10xxxxxx`).
    continuation: u64,
}

/// Bit 7 of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at the start of `bytes` (at least eight) as a
/// little-endian word: the first byte is the lowest.
#[inline(always)]
fn word(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default())
}

/// 1 in each byte of `w` that is a UTF-8 continuation byte (`10xxxxxx`),
/// 0 in the others: bit 7 set and bit 6 clear, moved down to bit 0.
#[inline(always)]
fn continuation_lanes(w: u64) -> u64 {
    (w & !(w << 1) & HIGH) >> 7
}

/// Bit `k` set when byte `k` of `lanes` (each 0 or 1) is 1: byte `k` times
/// the byte of the constant that is `1 << (7 - k)` lands on bit `56 + k`,
/// and no other product reaches those bits or carries into them.
#[inline(always)]
fn lane_bits(lanes: u64) -> u64 {
    lanes.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The continuation-byte bits of a block of at most 64 bytes (bit `k` for byte `k`).
#[inline]
fn continuation_bits(block: &[u8]) -> u64 {
    let mut words = block.chunks_exact(8);
    if block.len() == 64 && words.clone().fold(0, |any, w| any | word(w)) & HIGH == 0 {
        // All ASCII, as most blocks of most texts are.
        return 0;
    }
    let mut bits = 0;
    let mut k = 0;
    for w in &mut words {
        bits |= lane_bits(continuation_lanes(word(w))) << k;
        k += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        bits |= u64::from((b as i8) < -0x40) << (k + i);
    }
    bits
}

impl<'a> CharIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let bytes = text.as_bytes();
        let mut blocks = Vec::new();
        if !text.is_ascii() {
            blocks.reserve(bytes.len() / 64 + 2);
            let mut before = 0;
            for chunk in bytes.chunks(64) {
                let continuation = continuation_bits(chunk);
                blocks.push(CharBlock {
                    before,
                    continuation,
                });
                before += chunk.len() - continuation.count_ones() as usize;
            }
            blocks.push(CharBlock {
                before,
                continuation: 0,
            });
        }
        CharIndex {
            text: bytes,
            blocks,
        }
    }

    /// The code-point offset of byte offset `byte` (a character boundary;
    /// past the end of a non-ASCII text, its length in characters): the
    /// block's count, plus the bytes of the block before `byte` that are no
    /// continuation bytes.
    #[inline]
    pub fn char_of(&self, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        let byte = byte.min(self.text.len());
        // `blocks` has an entry past the last block, for `byte` at the end
        // of a text of whole blocks.
        let block = self.blocks[byte / 64];
        let below = block.continuation & ((1u64 << (byte % 64)) - 1);
        block.before + byte % 64 - below.count_ones() as usize
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
/// end) or pretty. The same bytes as `serde_json` gives for [`to_record`]
/// (a test holds them equal), written straight from the document: no string
/// is copied, no list is built, and keys are written as they are, unescaped.
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
    if pretty {
        write_record(doc, include_text, &mut Json::<true>::new(out));
    } else {
        write_record(doc, include_text, &mut Json::<false>::new(out));
    }
}

/// [`write_json`]'s record without `--explain`, in either layout.
fn write_record<const PRETTY: bool>(doc: &Document, include_text: bool, j: &mut Json<PRETTY>) {
    use crate::document::{OrgSource, PublishedFrom};
    let index = CharIndex::new(&doc.text);
    let sentence = doc.sentence_index();
    let text = doc.text.as_str();
    let mentions = |j: &mut Json<PRETTY>, spans: &[Span]| {
        j.objects(quoted!("mentions"), spans, |j, &span| {
            j.key(quoted!("text"));
            j.str(span.of(text));
            j.key(quoted!("start"));
            j.num(index.char_of(span.start));
            j.key(quoted!("end"));
            j.num(index.char_of(span.end));
            j.key(quoted!("sentence"));
            j.num(sentence.of(span.start));
        });
    };
    j.open(b'{');
    j.key(quoted!("schema"));
    j.str(SCHEMA);
    j.key(quoted!("id"));
    j.str(&doc.id);
    j.key(quoted!("title"));
    j.opt_str(doc.title.map(|t| t.of(text)));
    j.key(quoted!("published"));
    match doc.published {
        Some(p) => {
            use std::io::Write;
            let _ = write!(j.out, "\"{}\"", p.date);
        }
        None => j.null(),
    }
    if let Some(p) = doc.published {
        j.key(quoted!("published_from"));
        j.str(match p.from {
            PublishedFrom::Input => "input",
            PublishedFrom::Dateline => "dateline",
        });
    }
    if include_text {
        j.key(quoted!("text"));
        j.str(text);
    }
    j.objects(quoted!("sentences"), &doc.sentences, |j, s| {
        j.key(quoted!("start"));
        j.num(index.char_of(s.start));
        j.key(quoted!("end"));
        j.num(index.char_of(s.end));
    });
    j.objects(quoted!("organisations"), &doc.organisations, |j, o| {
        j.key(quoted!("id"));
        j.str(&o.id);
        j.key(quoted!("name"));
        j.str(&o.name);
        j.key(quoted!("acronym"));
        j.opt_str(o.acronym.as_deref());
        j.key(quoted!("kind"));
        j.str(o.kind.as_str());
        j.key(quoted!("source"));
        j.str(match o.source {
            OrgSource::Gazetteer => "gazetteer",
            OrgSource::Definition => "definition",
        });
        mentions(j, &o.mentions);
    });
    j.objects(quoted!("people"), &doc.people, |j, p| {
        j.key(quoted!("name"));
        j.str(&p.name);
        j.key(quoted!("titles"));
        j.strs(&p.titles);
        j.key(quoted!("affiliation"));
        j.opt_str(p.affiliation.as_deref());
        mentions(j, &p.mentions);
    });
    j.objects(quoted!("dates"), &doc.dates, |j, d| {
        j.key(quoted!("text"));
        j.str(d.span.of(text));
        j.key(quoted!("value"));
        j.opt_str(d.value.as_deref());
        j.key(quoted!("granularity"));
        j.str(d.granularity.as_str());
        j.key(quoted!("start"));
        j.num(index.char_of(d.span.start));
        j.key(quoted!("end"));
        j.num(index.char_of(d.span.end));
        j.key(quoted!("sentence"));
        j.num(sentence.of(d.span.start));
    });
    j.objects(quoted!("locations"), &doc.locations, |j, l| {
        j.key(quoted!("name"));
        j.str(&l.name);
        j.key(quoted!("country"));
        j.opt_str(l.country.as_deref());
        mentions(j, &l.mentions);
    });
    j.objects(quoted!("participants"), &doc.participants, |j, p| {
        let (key, value) = match &p.party {
            Party::Organisation(id) => (quoted!("organisation"), id),
            Party::Country(code) => (quoted!("country"), code),
        };
        j.key(key);
        j.str(value);
        j.key(quoted!("role"));
        j.str(p.role.as_str());
        j.key(quoted!("sentence"));
        j.num(p.sentence);
        if let Some(e) = p.event {
            j.key(quoted!("event"));
            j.num(e);
        }
    });
    j.objects(quoted!("events"), &doc.events, |j, e| {
        j.key(quoted!("name"));
        j.str(&e.name);
        j.key(quoted!("aliases"));
        j.strs(&e.aliases);
        j.key(quoted!("date"));
        j.opt_str(e.date.as_deref());
        j.key(quoted!("mode"));
        j.opt_str(e.mode.map(|m| m.as_str()));
        j.key(quoted!("organiser"));
        j.opt_str(e.organiser.as_deref());
        j.key(quoted!("location"));
        j.opt_str(e.location.as_deref());
        j.key(quoted!("next"));
        match &e.next {
            Some(n) => {
                j.open(b'{');
                j.key(quoted!("date"));
                j.opt_str(n.date.as_deref());
                j.key(quoted!("location"));
                j.opt_str(n.location.as_deref());
                j.close(b'}');
            }
            None => j.null(),
        }
    });
    j.close(b'}');
}

/// `"name":`, a key as [`Json::key`] writes it.
macro_rules! quoted {
    ($name:literal) => {
        concat!("\"", $name, "\":")
    };
}
use quoted;

/// A JSON writer in `serde_json`'s two layouts: compact, and pretty
/// (`PRETTY`: two spaces a level, `": "` after a key, `[]` and `{}` when
/// empty). The layout is a constant, so each is compiled without the
/// other's tests.
struct Json<'o, const PRETTY: bool> {
    out: &'o mut Vec<u8>,
    /// Open arrays and objects.
    depth: usize,
    /// Nothing written yet in the innermost open array or object.
    first: bool,
}

/// `serde_json`'s escapes: 0 none, `u` for `\u00XX`, else the letter after `\`.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Whether any of the eight bytes of `w` needs an escape: a control
/// character (below 0x20), `"` or `\`. Each test is the classic "some byte
/// is below `n`" (`(x - n) & !x`, bit 7 of each byte), exact about whether
/// there is one, which is all that is asked here.
#[inline(always)]
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let control = below(w, 0x20);
    let quote = below(w ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(w ^ (ONES * u64::from(b'\\')), 1);
    control | quote | backslash != 0
}

/// The first byte of `bytes` at or after `at` that needs an escape
/// ([`ESCAPE`]), or `bytes.len()`: whole words are skipped while none of
/// their bytes does, and the last few bytes are checked as the text's last
/// word when it is that long.
#[inline(always)]
fn next_escape(bytes: &[u8], mut at: usize) -> usize {
    while let Some(w) = bytes.get(at..at + 8) {
        if needs_escape(word(w)) {
            break;
        }
        at += 8;
    }
    if at + 8 > bytes.len() && bytes.len() >= 8 && !needs_escape(word(&bytes[bytes.len() - 8..])) {
        return bytes.len();
    }
    bytes[at..]
        .iter()
        .position(|&b| ESCAPE[usize::from(b)] != 0)
        .map_or(bytes.len(), |i| at + i)
}

impl<'o, const PRETTY: bool> Json<'o, PRETTY> {
    /// A writer appending to `out`, before the record's first value.
    fn new(out: &'o mut Vec<u8>) -> Self {
        Json {
            out,
            depth: 0,
            first: true,
        }
    }

    #[inline(always)]
    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        if PRETTY {
            self.depth += 1;
        }
        self.first = true;
    }

    #[inline(always)]
    fn close(&mut self, bracket: u8) {
        if PRETTY {
            self.depth -= 1;
            if !self.first {
                self.newline();
            }
        }
        self.out.push(bracket);
        self.first = false;
    }

    #[inline(always)]
    fn newline(&mut self) {
        self.out.push(b'\n');
        self.out.resize(self.out.len() + 2 * self.depth, b' ');
    }

    /// Before an element of an array.
    #[inline(always)]
    fn item(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        if PRETTY {
            self.newline();
        }
        self.first = false;
    }

    /// `key` (as [`quoted!`] writes it) and an array of objects, one an
    /// item, whose members `fields` writes.
    #[inline(always)]
    fn objects<T>(
        &mut self,
        key: &'static str,
        items: &[T],
        mut fields: impl FnMut(&mut Self, &T),
    ) {
        self.key(key);
        self.open(b'[');
        for item in items {
            self.item();
            self.open(b'{');
            fields(self, item);
            self.close(b'}');
        }
        self.close(b']');
    }

    /// A key of an object, given as [`quoted!`] writes it, `"name":` (plain
    /// ASCII, never escaped): one literal, copied at once.
    #[inline(always)]
    fn key(&mut self, quoted: &'static str) {
        self.item();
        self.out.extend_from_slice(quoted.as_bytes());
        if PRETTY {
            self.out.push(b' ');
        }
    }

    /// `s` as a JSON string. Bytes that need no escape are copied eight at
    /// a time while a whole word of them is left (the last few as the
    /// string's last word, over bytes already written), so that no copy
    /// is of a length known only at run time; what is left after an escape
    /// goes a run at a time.
    fn str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.out.push(b'"');
        let mut from = 0;
        if bytes.len() >= 8 {
            while let Some(w) = bytes.get(from..from + 8) {
                let w = word(w);
                if needs_escape(w) {
                    break;
                }
                self.out.extend_from_slice(&w.to_le_bytes());
                from += 8;
            }
            if from < bytes.len() && from + 8 > bytes.len() {
                let last = word(&bytes[bytes.len() - 8..]);
                if !needs_escape(last) {
                    // Back over the bytes of the last word already written.
                    self.out.truncate(self.out.len() + bytes.len() - 8 - from);
                    self.out.extend_from_slice(&last.to_le_bytes());
                    from = bytes.len();
                }
            }
        } else if let Some(clean) = short_word(bytes) {
            // Shorter than a word, and nothing to escape: its bytes in the
            // low end of a word, the word written and the rest taken back.
            self.out.extend_from_slice(&clean.to_le_bytes());
            self.out.truncate(self.out.len() + bytes.len() - 8);
            from = bytes.len();
        }
        while from < bytes.len() {
            let at = next_escape(bytes, from);
            self.out.extend_from_slice(&bytes[from..at]);
            let Some(&b) = bytes.get(at) else { break };
            match ESCAPE[usize::from(b)] {
                b'u' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.out.extend_from_slice(b"\\u00");
                    self.out.push(HEX[usize::from(b >> 4)]);
                    self.out.push(HEX[usize::from(b & 0xf)]);
                }
                esc => {
                    self.out.push(b'\\');
                    self.out.push(esc);
                }
            }
            from = at + 1;
        }
        self.out.push(b'"');
    }

    #[inline(always)]
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    fn strs(&mut self, list: &[String]) {
        self.open(b'[');
        for s in list {
            self.item();
            self.str(s);
        }
        self.close(b']');
    }

    #[inline(always)]
    fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// `n` in decimal, two digits at a time, into a buffer as wide as the
    /// widest number: the buffer is written whole (a copy of a fixed
    /// length) and the bytes past the digits taken back.
    #[inline(always)]
    fn num(&mut self, mut n: usize) {
        const PAIRS: &[u8; 200] = b"\
            0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let len = decimal_len(n);
        let mut digits = [0u8; 20];
        let mut i = len;
        while n >= 100 {
            let pair = 2 * (n % 100);
            n /= 100;
            i -= 2;
            digits[i..i + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        }
        if n >= 10 {
            digits[..2].copy_from_slice(&PAIRS[2 * n..2 * n + 2]);
        } else {
            digits[0] = b'0' + n as u8;
        }
        self.out.extend_from_slice(&digits);
        self.out.truncate(self.out.len() + len - digits.len());
    }
}

/// The decimal digits of `n` (1 for 0).
#[inline(always)]
fn decimal_len(mut n: usize) -> usize {
    let mut len = 1;
    while n >= 100 {
        n /= 100;
        len += 2;
    }
    len + usize::from(n >= 10)
}

/// `bytes` (shorter than eight) in the low end of a word, zeros above, when
/// none of them needs an escape.
#[inline(always)]
fn short_word(bytes: &[u8]) -> Option<u64> {
    let mut w = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        if ESCAPE[usize::from(b)] != 0 {
            return None;
        }
        w |= u64::from(b) << (8 * i);
    }
    Some(w)
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
        // Long texts: every offset of a mix of 1- to 4-byte characters, over several blocks.
        let long = "aé€😀b—«x»".repeat(40);
        let index = CharIndex::new(&long);
        for (chars, (byte, _)) in long.char_indices().enumerate() {
            assert_eq!(index.char_of(byte), chars, "byte {byte}");
        }
        assert_eq!(index.char_of(long.len()), long.chars().count());
    }

    #[test]
    fn char_offsets_at_every_length_and_position() {
        // Texts of every length up to past two blocks, a mix of 1- to
        // 4-byte characters starting at each of the first few places, so
        // that each offset is met at every place in a word and a block,
        // and near the end of the text (where no whole word follows).
        let mix = ['a', 'é', '€', '😀', '"', '\u{80}', '\u{7ff}', '\u{10ffff}'];
        for shift in 0..mix.len() {
            let mut text = String::new();
            for n in 0..70 {
                text.push(mix[(n * 3 + shift) % mix.len()]);
                let index = CharIndex::new(&text);
                for (chars, (byte, _)) in text.char_indices().enumerate() {
                    assert_eq!(index.char_of(byte), chars, "byte {byte} of {text:?}");
                }
                let all = text.chars().count();
                assert_eq!(index.char_of(text.len()), all, "end of {text:?}");
                if !text.is_ascii() {
                    assert_eq!(index.char_of(text.len() + 9), all, "past {text:?}");
                }
            }
        }
        // Long runs of multi-byte characters: counts past 255 a piece.
        let long = "€😀é".repeat(400);
        let index = CharIndex::new(&long);
        for (chars, (byte, _)) in long.char_indices().enumerate() {
            assert_eq!(index.char_of(byte), chars, "byte {byte}");
        }
    }

    /// What `write` puts through a compact [`Json`].
    fn written(write: impl FnOnce(&mut Json<false>)) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut Json::<false>::new(&mut out));
        out
    }

    /// `Json::str`'s bytes for `s`.
    fn json_str(s: &str) -> String {
        String::from_utf8(written(|j| j.str(s))).expect("JSON is UTF-8")
    }

    #[test]
    fn strings_are_escaped_as_serde_does() {
        // Every ASCII byte (each control, quote, backslash and DEL among
        // them) at every place of strings of up to three words, between
        // plain and non-ASCII neighbours, so that it is met by the word
        // scan, the last-word check and the byte scan.
        for byte in 0..0x80u8 {
            let c = char::from(byte);
            for len in 0..24 {
                for at in 0..len {
                    for filler in ['x', 'é', '😀'] {
                        let s: String =
                            (0..len).map(|i| if i == at { c } else { filler }).collect();
                        let want = serde_json::to_string(&s).expect("serialises");
                        assert_eq!(json_str(&s), want, "{s:?}");
                    }
                }
            }
        }
        for s in [
            "",
            "plain",
            "a\"b\\c\u{1}\t\n\r\u{1f}\u{7f}",
            "\"\"\"\"\"\"\"\"\"",
            "😀é€\n",
        ] {
            assert_eq!(json_str(s), serde_json::to_string(s).expect("serialises"));
        }
    }

    #[test]
    fn numbers_are_written_as_serde_does() {
        let mut cases: Vec<usize> = (0..1100).collect();
        let mut power = 1usize;
        while let Some(next) = power.checked_mul(10) {
            cases.extend([next - 1, next, next + 1, next + 37]);
            power = next;
        }
        cases.push(usize::MAX);
        for n in cases {
            let out = written(|j| j.num(n));
            assert_eq!(out, serde_json::to_vec(&n).expect("serialises"), "{n}");
        }
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
    fn sentence_table_answers_as_the_search_does() {
        let mut doc = full_document();
        assert!(doc.sentences.len() > 3);
        // In order, and then out of order (the table is not used).
        for shuffle in [false, true] {
            if shuffle {
                doc.sentences.swap(1, 2);
            }
            let sentence = doc.sentence_index();
            assert_eq!(sentence.has_table(), !shuffle);
            for pos in 0..doc.text.len() + 200 {
                assert_eq!(sentence.of(pos), doc.sentence_of(pos), "{pos}");
            }
        }
        let empty = crate::extract("e", "", &crate::Resources::builtin(), &Default::default());
        assert_eq!(empty.sentence_index().of(0), 0);
    }

    #[test]
    fn write_json_is_the_records_json() {
        let full = full_document();
        let mut bare = full.clone();
        bare.published = None;
        bare.title = None;
        // Every kind of escape: quote, backslash, short and \u00XX controls, DEL, non-ASCII.
        bare.id = "a\"b\\c\u{1}\u{8}\t\n\u{c}\r\u{1f}\u{7f}é€".into();
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
