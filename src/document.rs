//! The document and its layers. A [`Document`] owns the (normalised) text and
//! one field per layer; each stage of the pipeline fills one layer and only
//! reads the others. Spans are half-open byte offsets into the text; the
//! code-point offsets of the output are computed once, in `record.rs`.

use crate::calendar::Date;

/// A half-open byte range `start..end` of the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    /// Whether `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// Whether the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// The distinct keys of `keys` in order of first appearance, each with how
/// many times it comes, and for each key of `keys` its index in that list:
/// what a stage needs to make each entity's list of mentions at its final
/// size (the organisations and places gather their mentions so).
pub(crate) fn first_seen<K: Copy + Eq + std::hash::Hash>(
    keys: impl ExactSizeIterator<Item = K>,
) -> (Vec<(K, usize)>, Vec<u32>) {
    let mut slot_of: rustc_hash::FxHashMap<K, u32> = rustc_hash::FxHashMap::default();
    slot_of.reserve(keys.len());
    let mut order: Vec<(K, usize)> = Vec::new();
    let mut slots = Vec::with_capacity(keys.len());
    for key in keys {
        let next = order.len() as u32;
        let slot = *slot_of.entry(key).or_insert(next);
        if slot == next {
            order.push((key, 0));
        }
        order[slot as usize].1 += 1;
        slots.push(slot);
    }
    (order, slots)
}

/// A set of spans that answers "does any overlap this one?" in O(log n)
/// (a linear scan per hit made the stages quadratic in long documents).
#[derive(Clone, Debug, Default)]
pub struct SpanSet {
    /// The spans, by start.
    spans: Vec<Span>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl SpanSet {
    /// The set of `spans` (any order, overlapping or not).
    pub fn new(mut spans: Vec<Span>) -> SpanSet {
        spans.sort_unstable();
        let max_end = spans
            .iter()
            .scan(0, |m, s| {
                *m = (*m).max(s.end);
                Some(*m)
            })
            .collect();
        SpanSet { spans, max_end }
    }

    /// Whether some span of the set shares a byte with `span`.
    pub fn overlaps(&self, span: Span) -> bool {
        // Among the spans starting before `span` ends, does one end after it starts?
        let k = self.spans.partition_point(|s| s.start < span.end);
        k > 0 && self.max_end[k - 1] > span.start
    }
}

/// What produced a mention, a date or a participant (`--explain`): a small
/// `Copy` value every stage records where it creates one, so provenance costs
/// no allocation; the record spells it out only when asked (`record.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Why {
    /// Nothing recorded (a layer filled by hand).
    #[default]
    Unknown,
    /// A gazetteer row: `file` indexes the run's file table
    /// ([`Document::explain`]), `line` is 1-based.
    Gazetteer {
        /// Index into the file table.
        file: u16,
        /// Line of the row.
        line: u32,
    },
    /// Text of the document that produced it, and what that text is:
    /// "definition", "alias", "title", "honorific", "role cue"…
    Cue(&'static str, Span),
    /// A named rule that points at no other text: a date pattern ("day month year").
    Rule(&'static str),
}

/// The gazetteer file names [`Why::Gazetteer`] values point into, by index.
pub type SourceFiles = std::sync::Arc<[String]>;

/// What an organisation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgKind {
    Igo,
    Agency,
    Police,
    Ministry,
    Government,
    Ngo,
    Company,
    Other,
}

impl OrgKind {
    /// Every kind with its name in gazetteers and output.
    pub const ALL: [(OrgKind, &'static str); 8] = [
        (OrgKind::Igo, "igo"),
        (OrgKind::Agency, "agency"),
        (OrgKind::Police, "police"),
        (OrgKind::Ministry, "ministry"),
        (OrgKind::Government, "government"),
        (OrgKind::Ngo, "ngo"),
        (OrgKind::Company, "company"),
        (OrgKind::Other, "other"),
    ];
    /// The kind's name.
    pub fn as_str(self) -> &'static str {
        OrgKind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("other", |(_, n)| n)
    }
    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<OrgKind> {
        OrgKind::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(k, _)| *k)
    }
}

/// Where an organisation entry came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgSource {
    /// A gazetteer entry.
    Gazetteer,
    /// Defined by the text itself ("the Arab Interior Ministers' Council (AIMC)").
    Definition,
}

/// An organisation the document names, with every mention of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Organisation {
    /// Stable id (gazetteer id, or derived from a definition).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Canonical acronym, if any.
    pub acronym: Option<String>,
    /// What it is.
    pub kind: OrgKind,
    /// Gazetteer or in-text definition.
    pub source: OrgSource,
    /// Mentions in order of appearance.
    pub mentions: Vec<Span>,
    /// With explain on ([`Document::explain`]), what produced each mention:
    /// `why[i]` is `mentions[i]`'s; empty otherwise (no allocation).
    pub why: Vec<Why>,
}

/// A person, with titles, affiliation and every mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Full name as first given.
    pub name: String,
    /// Titles in normal form ("Secretary General"), honorifics excluded.
    pub titles: Vec<String>,
    /// An organisation id or an ISO 3166 alpha-2 code.
    pub affiliation: Option<String>,
    /// Mentions in order of appearance (name only, without titles).
    pub mentions: Vec<Span>,
    /// With explain on, what produced each mention (as for organisations).
    pub why: Vec<Why>,
}

/// How precise a date value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Granularity {
    Day,
    Month,
    Year,
    Range,
    Relative,
}

impl Granularity {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Month => "month",
            Granularity::Year => "year",
            Granularity::Range => "range",
            Granularity::Relative => "relative",
        }
    }
}

/// A date expression and its ISO 8601 value.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Where it is.
    pub span: Span,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `START/END`, or `None` when unresolvable.
    pub value: Option<String>,
    /// How precise the value is.
    pub granularity: Granularity,
    /// The date pattern that read it.
    pub why: Why,
}

/// A place, with its country and mentions.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    /// Canonical name.
    pub name: String,
    /// ISO 3166 alpha-2 code of the country it is in (or is), if any.
    pub country: Option<String>,
    /// Mentions in order of appearance.
    pub mentions: Vec<Span>,
    /// With explain on, what produced each mention (as for organisations).
    pub why: Vec<Why>,
}

/// The role a party played in a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Member,
    Observer,
    Host,
    Participant,
}

impl Role {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Observer => "observer",
            Role::Host => "host",
            Role::Participant => "participant",
        }
    }
}

/// Who took part: an organisation (by id) or a country (alpha-2).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Party {
    Organisation(String),
    Country(String),
}

/// A party's part in a meeting, with the evidence sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Participant {
    /// Who.
    pub party: Party,
    /// As what.
    pub role: Role,
    /// Index of the evidence sentence.
    pub sentence: usize,
    /// Index of the event in `Document::events`, when there are several.
    pub event: Option<usize>,
    /// The cue that gave the role (in the evidence sentence).
    pub why: Why,
}

/// How a meeting was held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Virtual,
    Hybrid,
    InPerson,
}

impl Mode {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Virtual => "virtual",
            Mode::Hybrid => "hybrid",
            Mode::InPerson => "in person",
        }
    }
}

/// An announced next meeting.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NextMeeting {
    /// ISO value of its date, if given.
    pub date: Option<String>,
    /// Its place, if given.
    pub location: Option<String>,
}

/// A meeting the release reports.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Event {
    /// Its name, with its ordinal ("4th Dialogue on …").
    pub name: String,
    /// Short names the text defines ("the Dialogue").
    pub aliases: Vec<String>,
    /// ISO value of its date or range.
    pub date: Option<String>,
    /// How it was held.
    pub mode: Option<Mode>,
    /// Organisation id of the organiser.
    pub organiser: Option<String>,
    /// Where it was held.
    pub location: Option<String>,
    /// The next meeting, when announced.
    pub next: Option<NextMeeting>,
    /// Where the text names it (its name, its variants and aliases): tells
    /// which meeting a sentence is about. Not part of the output.
    pub mentions: Vec<Span>,
}

/// Where the release date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublishedFrom {
    /// `--published`, or the `published` field of a jsonl record.
    Input,
    /// A dateline at the top of the text.
    Dateline,
}

/// The release date and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    /// The date.
    pub date: Date,
    /// Its origin.
    pub from: PublishedFrom,
}

/// A document: its text and every layer the pipeline adds.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Identifier (file stem, relative path or jsonl id).
    pub id: String,
    /// The text, BOM removed and line ends normalised to `\n`.
    pub text: String,
    /// The release date the relative dates resolve against.
    pub published: Option<Published>,
    /// The headline, when the release has one.
    pub title: Option<Span>,
    /// Sentences in order; page furniture is left out.
    pub sentences: Vec<Span>,
    /// Organisations in order of first mention.
    pub organisations: Vec<Organisation>,
    /// People in order of first mention.
    pub people: Vec<Person>,
    /// Date expressions in text order.
    pub dates: Vec<DateMention>,
    /// Places in order of first mention.
    pub locations: Vec<Location>,
    /// Who took part and as what.
    pub participants: Vec<Participant>,
    /// The meetings reported.
    pub events: Vec<Event>,
    /// With `--explain`: the gazetteer file table, and a sign that the record
    /// says what produced each mention and participant.
    pub explain: Option<SourceFiles>,
}

impl Document {
    /// The end of the last sentence: stages look for mentions before it only,
    /// so page furniture after the release yields nothing.
    pub fn content_end(&self) -> usize {
        self.sentences.last().map_or(0, |s| s.end)
    }

    /// Whether `span` lies inside one sentence: a mention never straddles a
    /// sentence boundary (its `sentence` index would be a lie).
    pub fn within_sentence(&self, span: Span) -> bool {
        let i = self.sentences.partition_point(|s| s.start <= span.start);
        i > 0 && self.sentences[i - 1].contains(span)
    }

    /// [`Document::within_sentence`] for many spans: a cursor that walks
    /// the sentences forward while the spans come in order of start, and
    /// searches them otherwise (or when the sentences are out of order).
    pub(crate) fn sentence_cursor(&self) -> SentenceCursor<'_> {
        SentenceCursor {
            sentences: &self.sentences,
            sorted: self.sentences.is_sorted_by_key(|s| s.start),
            next: 0,
            last_start: 0,
        }
    }

    /// Index of the sentence holding byte `pos` (or the last one before it).
    pub fn sentence_of(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= pos)
            .saturating_sub(1)
    }

    /// [`Document::sentence_of`] for many offsets in any order (the JSON
    /// writer asks it of every mention): a table built once per document.
    pub(crate) fn sentence_index(&self) -> SentenceOf<'_> {
        SentenceOf::new(self)
    }
}

/// The sentence of byte offsets ([`Document::sentence_of`]) from a table of
/// the sentences starting before each 64-byte block of the text: at most the
/// few sentences starting inside the offset's block are stepped over.
pub(crate) struct SentenceOf<'d> {
    doc: &'d Document,
    /// For block `i` (bytes `64 * i ..`), the number of sentences starting
    /// before it; empty when the sentences are not in order of start (which
    /// the table assumes) or too many for a `u32`, and every look-up is then
    /// a search.
    before: Vec<u32>,
}

impl<'d> SentenceOf<'d> {
    fn new(doc: &'d Document) -> SentenceOf<'d> {
        let sentences = &doc.sentences;
        let mut before = Vec::new();
        if sentences.is_sorted_by_key(|s| s.start) && u32::try_from(sentences.len()).is_ok() {
            let blocks = doc.text.len() / 64 + 1;
            before.reserve(blocks);
            let mut k = 0;
            for b in 0..blocks {
                while sentences.get(k).is_some_and(|s| s.start < 64 * b) {
                    k += 1;
                }
                before.push(k as u32);
            }
        }
        SentenceOf { doc, before }
    }

    /// `doc.sentence_of(pos)`.
    #[inline]
    pub(crate) fn of(&self, pos: usize) -> usize {
        let Some(&before) = self.before.get(pos / 64) else {
            return self.doc.sentence_of(pos);
        };
        let sentences = &self.doc.sentences;
        let mut upto = before as usize;
        while sentences.get(upto).is_some_and(|s| s.start <= pos) {
            upto += 1;
        }
        upto.saturating_sub(1)
    }

    /// Whether look-ups go through the table (the sentences are in order).
    #[cfg(test)]
    pub(crate) fn has_table(&self) -> bool {
        !self.before.is_empty()
    }
}

/// Answers [`Document::within_sentence`], cheaply for spans in order of start.
#[derive(Clone, Debug)]
pub(crate) struct SentenceCursor<'a> {
    sentences: &'a [Span],
    /// The sentences are in order of start (as the sentence stage makes them).
    sorted: bool,
    /// The number of sentences starting at or before `last_start`.
    next: usize,
    last_start: usize,
}

impl SentenceCursor<'_> {
    /// Whether `span` lies inside one sentence.
    pub fn within(&mut self, span: Span) -> bool {
        let i = if self.sorted && span.start >= self.last_start {
            while self
                .sentences
                .get(self.next)
                .is_some_and(|s| s.start <= span.start)
            {
                self.next += 1;
            }
            self.last_start = span.start;
            self.next
        } else {
            self.sentences.partition_point(|s| s.start <= span.start)
        };
        i > 0 && self.sentences[i - 1].contains(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_set_overlaps_as_a_scan_does() {
        let spans = [(0, 4), (2, 9), (12, 14), (20, 20), (30, 40), (31, 33)];
        let spans: Vec<Span> = spans.iter().map(|&(a, b)| Span::new(a, b)).collect();
        let set = SpanSet::new(spans.iter().rev().copied().collect());
        for start in 0..45 {
            for end in start..46 {
                let probe = Span::new(start, end);
                let want = spans.iter().any(|s| s.overlaps(probe));
                assert_eq!(set.overlaps(probe), want, "{probe:?}");
            }
        }
        assert!(!SpanSet::default().overlaps(Span::new(0, 5)));
    }

    #[test]
    fn first_seen_gives_slots_in_order_of_first_appearance() {
        let (order, slots) = first_seen(['b', 'a', 'b', 'c', 'a', 'b'].into_iter());
        assert_eq!(order, vec![('b', 3), ('a', 2), ('c', 1)]);
        assert_eq!(slots, vec![0, 1, 0, 2, 1, 0]);
        let (order, slots) = first_seen(std::iter::empty::<u8>());
        assert!(order.is_empty() && slots.is_empty());
    }

    #[test]
    fn the_sentence_cursor_agrees_with_within_sentence() {
        let mut rng = crate::testing::Rng::new(0x3c6e_f372_fe94_f82b);
        for round in 0..400 {
            let mut doc = Document::default();
            let mut at = 0;
            for _ in 0..rng.below(6) {
                at += rng.below(4);
                let end = at + rng.below(6);
                doc.sentences.push(Span::new(at, end));
                at = end;
            }
            if round % 5 == 0 {
                // Out of order, or overlapping: the cursor searches.
                doc.sentences.reverse();
                doc.sentences.push(Span::new(rng.below(10), 12));
            }
            let mut spans: Vec<Span> = (0..rng.below(20))
                .map(|_| {
                    let start = rng.below(30);
                    Span::new(start, start + rng.below(6))
                })
                .collect();
            if round % 2 == 0 {
                spans.sort();
            }
            let mut cursor = doc.sentence_cursor();
            for s in spans {
                assert_eq!(
                    cursor.within(s),
                    doc.within_sentence(s),
                    "{:?} {s:?}",
                    doc.sentences
                );
            }
        }
    }
}
