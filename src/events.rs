//! Events: adds `Document::events`, the meetings the release reports. Reads
//! the sentences, organisations, locations, dates and the participant cues
//! (for the organiser, through [`crate::participants::find`]).
//!
//! A meeting is named by a capitalised phrase headed by a meeting word
//! (Meeting, Conference, Dialogue, Summit, Forum, Session, Plenary,
//! Workshop…), with its ordinal and what follows through "of", "on", "for",
//! "against" and "and": "4th Dialogue on an Effective Multilateral Policing
//! Architecture against Global Threats", "22nd INTERPOL Asian Regional
//! Conference", "17th Annual Meeting of the APG". Occurrences with the same
//! ordinal and head word, or the same name up to ordinal and possessives, are
//! one event (the headline's title-cased variant merges with the body's);
//! the body's first wording is its name. A name only referred to ("ahead of
//! the upcoming Summit", "preparations for the 39th Conference", "the 23rd
//! Conference in 2017") makes no event of its own.
//!
//! For each event: aliases the text defines right after its name
//! ("(hereinafter - the Dialogue)", "(ACPQD)"); the date nearest its name
//! in the first sentence naming it that has one; the mode from phrases such
//! as "virtual meeting", "via videoconference", "hybrid format", "in
//! person"; the place after "in"/"at" (or a dateline) in its sentences;
//! the organiser, the first organisation a host cue names in its sentences,
//! else the organisation inside its name; the next meeting from "next
//! meeting …" or a later ordinal of the same name, with the date and place
//! that follow. Deliberately ignored: unnamed meetings ("the meeting"),
//! meetings named in lower case ("the SCO summit").

use crate::cues::Hits;
use crate::document::{
    DateMention, Document, Event, Mode, NextMeeting, Party, Role, Span, SpanSet,
};
use crate::names::{Names, is_word_boundary};
use crate::participants;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Words that head a meeting's name.
pub(crate) const HEADS: &[&str] = &[
    "Meeting",
    "Meetings",
    "Conference",
    "Dialogue",
    "Summit",
    "Forum",
    "Session",
    "Plenary",
    "Symposium",
    "Workshop",
    "Seminar",
    "Roundtable",
    "Round-Table",
    "Consultations",
    "Briefing",
    "Congress",
    "Colloquium",
    "Talks",
    "Assembly",
    "Retreat",
];

/// Capitalised words that end a headline's name ("… Member States Took Place").
const TITLE_VERBS: &[&str] = &[
    "Took",
    "Takes",
    "Take",
    "Held",
    "Holds",
    "Opens",
    "Opened",
    "Closes",
    "Closed",
    "Ends",
    "Ended",
    "Concludes",
    "Concluded",
    "Begins",
    "Began",
    "Starts",
    "Started",
    "Kicks",
    "Is",
    "Was",
    "Were",
    "Are",
    "Will",
    "Has",
    "Have",
    "Discusses",
    "Discussed",
    "Adopts",
    "Adopted",
    "Sets",
    "Agrees",
    "Agreed",
    "Hosts",
    "Hosted",
    "Marks",
    "In",
    "At",
];

/// Words that join the parts of a name ("Dialogue on …", "Meeting of the …").
const CONNECTORS: &[&str] = &[
    "of", "on", "for", "against", "and", "between", "among", "to",
];

/// Articles skipped after a connector ("Dialogue on an Effective …").
const ARTICLES: &[&str] = &["the", "a", "an"];

/// Phrases before a name that make it a reference, not the meeting reported.
const REFERENCE_BEFORE: &[&str] = &[
    "upcoming",
    "forthcoming",
    "next",
    "previous",
    "preparation for",
    "preparations for",
    "preparing for",
    "prepare for",
    "ahead of",
    "run-up to",
    "following",
    "after",
    "since",
    "last",
    "future",
    "coming",
    "conclusion of",
    "host of",
    "hosting",
    "outcome of",
    "outcomes of",
    "results of",
    "adopted at",
    "adopted by",
    "endorsed by",
];

/// Phrases after a name that make it a future meeting.
const REFERENCE_AFTER: &[&str] = &[
    "to be held",
    "will be held",
    "will take place",
    "to take place",
    "is scheduled",
    "scheduled",
    "is planned",
    "which will",
];

/// What a phrase of the events automaton says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phrase {
    Mode(Mode),
    Next,
    /// A meeting word ([`HEADS`]); it heads a name when capitalised.
    Head,
}

/// Mode phrases and next-meeting cues, lower case.
pub(crate) const PHRASES: &[(&str, Phrase)] = &[
    ("virtual meeting", Phrase::Mode(Mode::Virtual)),
    ("virtual meetings", Phrase::Mode(Mode::Virtual)),
    ("virtual conference", Phrase::Mode(Mode::Virtual)),
    ("virtual conferencing", Phrase::Mode(Mode::Virtual)),
    ("virtual session", Phrase::Mode(Mode::Virtual)),
    ("virtual summit", Phrase::Mode(Mode::Virtual)),
    ("virtual format", Phrase::Mode(Mode::Virtual)),
    ("virtual mode", Phrase::Mode(Mode::Virtual)),
    ("virtual event", Phrase::Mode(Mode::Virtual)),
    ("virtual forum", Phrase::Mode(Mode::Virtual)),
    ("virtual dialogue", Phrase::Mode(Mode::Virtual)),
    ("virtual workshop", Phrase::Mode(Mode::Virtual)),
    ("virtual seminar", Phrase::Mode(Mode::Virtual)),
    ("virtual platform", Phrase::Mode(Mode::Virtual)),
    ("virtual round table", Phrase::Mode(Mode::Virtual)),
    ("virtual roundtable", Phrase::Mode(Mode::Virtual)),
    ("virtually", Phrase::Mode(Mode::Virtual)),
    ("videoconference", Phrase::Mode(Mode::Virtual)),
    ("videoconferences", Phrase::Mode(Mode::Virtual)),
    ("videoconferencing", Phrase::Mode(Mode::Virtual)),
    ("video conference", Phrase::Mode(Mode::Virtual)),
    ("video conferencing", Phrase::Mode(Mode::Virtual)),
    ("video-conference", Phrase::Mode(Mode::Virtual)),
    ("video-conferencing", Phrase::Mode(Mode::Virtual)),
    ("video link", Phrase::Mode(Mode::Virtual)),
    ("videolink", Phrase::Mode(Mode::Virtual)),
    ("video-link", Phrase::Mode(Mode::Virtual)),
    ("teleconference", Phrase::Mode(Mode::Virtual)),
    ("web conference", Phrase::Mode(Mode::Virtual)),
    ("webinar", Phrase::Mode(Mode::Virtual)),
    ("online meeting", Phrase::Mode(Mode::Virtual)),
    ("online conference", Phrase::Mode(Mode::Virtual)),
    ("online format", Phrase::Mode(Mode::Virtual)),
    ("online mode", Phrase::Mode(Mode::Virtual)),
    ("held online", Phrase::Mode(Mode::Virtual)),
    ("took place online", Phrase::Mode(Mode::Virtual)),
    ("via zoom", Phrase::Mode(Mode::Virtual)),
    ("hybrid format", Phrase::Mode(Mode::Hybrid)),
    ("hybrid meeting", Phrase::Mode(Mode::Hybrid)),
    ("hybrid mode", Phrase::Mode(Mode::Hybrid)),
    ("hybrid session", Phrase::Mode(Mode::Hybrid)),
    ("hybrid conference", Phrase::Mode(Mode::Hybrid)),
    ("hybrid event", Phrase::Mode(Mode::Hybrid)),
    ("in a hybrid", Phrase::Mode(Mode::Hybrid)),
    ("in person", Phrase::Mode(Mode::InPerson)),
    ("in-person", Phrase::Mode(Mode::InPerson)),
    ("face-to-face", Phrase::Mode(Mode::InPerson)),
    ("face to face", Phrase::Mode(Mode::InPerson)),
    ("next meeting", Phrase::Next),
    ("next session", Phrase::Next),
    ("next summit", Phrase::Next),
    ("next conference", Phrase::Next),
    ("next dialogue", Phrase::Next),
    ("next round", Phrase::Next),
    ("next plenary", Phrase::Next),
    ("next forum", Phrase::Next),
    ("next edition", Phrase::Next),
    ("next such meeting", Phrase::Next),
];

/// The events' own automaton, built once (their phrases and head words are
/// found by the shared [`crate::cues::Cues`]).
#[derive(Clone, Debug)]
pub struct Rules {
    /// Markers of a name only referred to ([`REFERENCE_BEFORE`]).
    references: AhoCorasick,
}

impl Rules {
    /// Builds the reference-marker automaton.
    pub fn build() -> Rules {
        // A contiguous NFA, not the DFA the builder would choose for so few
        // patterns: it only ever reads the four words before a meeting's
        // name, and the DFA took three times as long to build, a tenth of
        // a small run's start-up.
        let references = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(REFERENCE_BEFORE)
            .expect("the reference markers are few, fixed and valid");
        Rules { references }
    }
}

impl Default for Rules {
    fn default() -> Rules {
        Rules::build()
    }
}

/// A meeting's name found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The whole name, ordinal included.
    pub span: Span,
    /// Its ordinal ("4th" → 4), if any.
    pub ordinal: Option<u32>,
    /// Its head word ("Dialogue").
    pub head: String,
    /// Only referred to ("ahead of the upcoming Summit"), not reported.
    pub reference: bool,
}

/// A word of a sentence: its core span (letters, digits and inner
/// punctuation) and what separates it from the next word.
#[derive(Clone, Copy, Debug)]
struct Word {
    span: Span,
}

fn split_words(text: &str, sentence: Span) -> Vec<Word> {
    let s = sentence.of(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let inner = c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '+');
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                let w = &s[b..i];
                // Trailing apostrophes and hyphens are punctuation ("Officials’" keeps it).
                let core = w.trim_end_matches('-');
                let core = core.trim_start_matches(['-', '\'', '’', '+']);
                if !core.is_empty() {
                    let lead = w.len() - w.trim_start_matches(['-', '\'', '’', '+']).len();
                    out.push(Word {
                        span: Span::new(
                            sentence.start + b + lead,
                            sentence.start + b + lead + core.len(),
                        ),
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The ordinal a word spells ("4th", "Fourth", "twenty-second"), if it does.
pub fn ordinal(word: &str) -> Option<u32> {
    let bytes = word.as_bytes();
    if bytes.len() >= 3 && bytes[0].is_ascii_digit() {
        // Bytes, not `str`: the word may end inside a character ("1Nguyễn").
        let (n, suffix) = bytes.split_at(bytes.len() - 2);
        let suffix_ok = ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.as_bytes().eq_ignore_ascii_case(suffix));
        if suffix_ok && n.len() <= 4 && n.iter().all(u8::is_ascii_digit) {
            return std::str::from_utf8(n).ok()?.parse().ok();
        }
        return None;
    }
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    const UNITS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [(&str, &str, u32); 5] = [
        ("twentieth", "twenty", 20),
        ("thirtieth", "thirty", 30),
        ("fortieth", "forty", 40),
        ("fiftieth", "fifty", 50),
        ("sixtieth", "sixty", 60),
    ];
    if let Some(i) = UNITS.iter().position(|u| u.eq_ignore_ascii_case(word)) {
        return Some(i as u32 + 1);
    }
    for (exact, prefix, n) in TENS {
        if exact.eq_ignore_ascii_case(word) {
            return Some(n);
        }
        let head = word.get(..prefix.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) {
            let rest = word[prefix.len()..].trim_start_matches(['-', ' ']);
            if let Some(i) = UNITS[..9].iter().position(|u| u.eq_ignore_ascii_case(rest)) {
                return Some(n + i as u32 + 1);
            }
        }
    }
    None
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A word without a possessive ending.
fn bare(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
        .trim_end_matches(['’', '\''])
}

/// Only white space between two byte offsets.
fn spaced(text: &str, a: usize, b: usize) -> bool {
    a <= b && text[a..b].chars().all(char::is_whitespace)
}

fn is_inner(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '+')
}

/// The core of a run of word characters at `start..end`: leading
/// apostrophes, hyphens and plus signs and trailing hyphens trimmed.
fn core(text: &str, start: usize, end: usize) -> Option<Span> {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start_matches(['-', '\'', '’', '+']).len();
    let kept = raw[lead..].trim_end_matches('-');
    (!kept.is_empty()).then(|| Span::new(start + lead, start + lead + kept.len()))
}

/// The first word starting at or after `from`, before `hi`.
fn next_word(text: &str, from: usize, hi: usize) -> Option<Span> {
    let mut pos = from;
    while pos < hi {
        let s = &text[pos..hi];
        let start = pos + s.find(is_inner)?;
        let end = text[start..hi]
            .find(|c: char| !is_inner(c))
            .map_or(hi, |i| start + i);
        if let Some(w) = core(text, start, end) {
            return Some(w);
        }
        pos = end;
    }
    None
}

/// The last word ending at or before `to`, after `lo`.
fn prev_word(text: &str, lo: usize, to: usize) -> Option<Span> {
    let mut pos = to;
    while pos > lo {
        let s = &text[lo..pos];
        let (i, c) = s.char_indices().rev().find(|&(_, c)| is_inner(c))?;
        let end = lo + i + c.len_utf8();
        let start = text[lo..end]
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_inner(c))
            .map_or(lo, |(j, c)| lo + j + c.len_utf8());
        if let Some(w) = core(text, start, end) {
            return Some(w);
        }
        pos = start;
    }
    None
}

/// Finds meeting names in one sentence from its capitalised head words
/// (`heads`, in text order); `orgs` are the organisations' mention spans (a
/// name that is exactly one is no meeting). Only the words around each head
/// are read.
pub fn find_names(
    text: &str,
    sentence: Span,
    heads: &[Span],
    orgs: &[Span],
    rules: &Rules,
) -> Vec<Name> {
    let (lo, hi) = (sentence.start, sentence.end);
    let mut out: Vec<Name> = Vec::new();
    let mut done = lo;
    for h in heads {
        if h.start < done {
            continue;
        }
        let Some(word) = next_word(text, h.start, hi).filter(|w| w.start == h.start) else {
            continue;
        };
        let w = word.of(text);
        let head = bare(w);
        if !HEADS.contains(&head) || !is_capitalised(w) {
            continue;
        }
        // "Congress Center", "Summit Declaration": the word modifies another name.
        let after = next_word(text, word.end, hi);
        if head == w
            && after.is_some_and(|n| {
                spaced(text, word.end, n.start)
                    && is_capitalised(n.of(text))
                    && !TITLE_VERBS.contains(&n.of(text))
            })
        {
            continue;
        }
        // Left: capitalised words and ordinals, white space between.
        let mut first = word;
        while let Some(prev) = prev_word(text, lo, first.start) {
            let p = prev.of(text);
            let joined =
                spaced(text, prev.end, first.start) || text[prev.end..first.start].trim() == "-";
            let article = ARTICLES.iter().any(|a| a.eq_ignore_ascii_case(p));
            if !joined || article || TITLE_VERBS.contains(&p) {
                break;
            }
            if is_capitalised(p) || ordinal(p).is_some() {
                first = prev;
            } else {
                break;
            }
        }
        // Right: capitalised words, and connectors followed by one.
        let mut last = word;
        while let Some(next) = next_word(text, last.end, hi) {
            let gap_ok = spaced(text, last.end, next.start);
            if !gap_ok || bare(last.of(text)) != last.of(text) {
                break;
            }
            let wj = next.of(text);
            if TITLE_VERBS.contains(&wj) {
                break;
            }
            if is_capitalised(wj) {
                last = next;
                continue;
            }
            if CONNECTORS.contains(&wj) {
                let mut before = next;
                let mut k = next_word(text, next.end, hi);
                while let Some(kw) = k.filter(|kw| {
                    ARTICLES.contains(&kw.of(text)) && spaced(text, before.end, kw.start)
                }) {
                    before = kw;
                    k = next_word(text, kw.end, hi);
                }
                if let Some(kw) = k.filter(|kw| {
                    spaced(text, before.end, kw.start)
                        && is_capitalised(kw.of(text))
                        && !TITLE_VERBS.contains(&kw.of(text))
                }) {
                    last = kw;
                    continue;
                }
            }
            break;
        }
        done = last.end.max(word.end);
        let span = Span::new(first.start, last.end);
        let inside = split_words(text, span);
        let ordinal_value = inside.iter().find_map(|k| ordinal(k.span.of(text)));
        let named = inside.iter().any(|k| {
            let w = bare(k.span.of(text));
            k.span != word && is_capitalised(w) && !HEADS.contains(&w)
        });
        let is_org = orgs.iter().any(|o| *o == span || o.contains(span));
        if (named || ordinal_value.is_some()) && !is_org {
            let reference = is_reference(text, sentence, span, rules);
            // A longer name found from an earlier head covers this one.
            if let Some(prev) = out.last_mut().filter(|p| p.span.overlaps(span)) {
                if span.end > prev.span.end {
                    *prev = Name {
                        span: Span::new(prev.span.start.min(span.start), span.end),
                        ordinal: prev.ordinal.or(ordinal_value),
                        head: head.to_string(),
                        reference: prev.reference,
                    };
                }
            } else {
                out.push(Name {
                    span,
                    ordinal: ordinal_value,
                    head: head.to_string(),
                    reference,
                });
            }
        }
    }
    out
}

/// Whether the name at `span` is only referred to: a marker in the four words
/// before it, or a future-tense phrase just after.
fn is_reference(text: &str, sentence: Span, span: Span, rules: &Rules) -> bool {
    let before = &text[sentence.start..span.start];
    let cut = before
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(4)
        .map_or(0, |(i, _)| i);
    let from = sentence.start + cut;
    let marked = rules
        .references
        .find_iter(&text[from..span.start])
        .any(|m| is_word_boundary(text, from + m.start(), from + m.end()));
    if marked {
        return true;
    }
    let after = text[span.end..sentence.end].trim_start_matches([',', ' ', '\n']);
    REFERENCE_AFTER.iter().any(|m| {
        after
            .get(..m.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(m))
    })
}

/// Normal form of a name for merging: lower case, no ordinal, no
/// possessives, no articles, single spaces.
fn base(name: &str) -> String {
    name.split_whitespace()
        .map(|w| bare(w).to_lowercase())
        .filter(|w| ordinal(w).is_none() && !ARTICLES.contains(&w.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two names are the same meeting.
fn same_meeting(text: &str, a: &Name, b: &Name) -> bool {
    if a.head != b.head && !(a.head.starts_with("Meeting") && b.head.starts_with("Meeting")) {
        return false;
    }
    match (a.ordinal, b.ordinal) {
        (Some(x), Some(y)) => x == y,
        _ => {
            let (x, y) = (base(a.span.of(text)), base(b.span.of(text)));
            x == y || (x.len() > 8 && y.ends_with(&x)) || (y.len() > 8 && x.ends_with(&y))
        }
    }
}

/// An alias defined right after a name: "(hereinafter - the Dialogue)",
/// "(hereinafter referred to as “the Meeting”)", "(ACPQD)". Returns the
/// alias as written (a leading "the" kept) and the span of the word(s) that
/// later uses repeat.
pub fn alias_after(text: &str, name_end: usize, limit: usize) -> Option<(String, String)> {
    let rest = &text[name_end..limit];
    let rest = rest.trim_start();
    let inner = rest.strip_prefix('(')?;
    let close = inner.find(')')?;
    let inner = inner[..close].trim();
    if let Some(h) = inner
        .strip_prefix("hereinafter")
        .or_else(|| inner.strip_prefix("Hereinafter"))
    {
        let h = h.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | ',')
        });
        let h = h.strip_prefix("referred to as").unwrap_or(h);
        let h = h.strip_prefix("called").unwrap_or(h);
        let h = h.trim().trim_matches(|c: char| {
            matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»') || c.is_whitespace()
        });
        let h = h.replace(['"', '“', '”', '«', '»'], "");
        let h = h.trim().to_string();
        let bare_alias = h
            .strip_prefix("the ")
            .or_else(|| h.strip_prefix("The "))
            .unwrap_or(&h)
            .to_string();
        if bare_alias.chars().next().is_some_and(char::is_uppercase) && h.len() <= 80 {
            return Some((h, bare_alias));
        }
        return None;
    }
    if crate::organisations::is_acronym(inner) {
        return Some((inner.to_string(), inner.to_string()));
    }
    None
}

/// Where whole-word, case-sensitive uses of `word` are in `span`.
fn uses(text: &str, span: Span, word: &str) -> Vec<Span> {
    span.of(text)
        .match_indices(word)
        .map(|(at, _)| Span::new(span.start + at, span.start + at + word.len()))
        .filter(|s| is_word_boundary(text, s.start, s.end))
        .collect()
}

/// The organiser a meeting's name gives: the one party named before its head
/// word, when it is an organisation ("22nd INTERPOL Asian Regional
/// Conference" → INTERPOL; "85th INTERPOL General Assembly", an organ of
/// INTERPOL's, → INTERPOL). Several parties ("ASEAN-United States Foreign
/// Ministers' Meeting") make a joint meeting with no organiser from its name.
fn organiser_in_name(
    text: &str,
    name: Span,
    els: &[participants::Element],
    names: &Names,
) -> Option<String> {
    let s = name.of(text);
    // The head: the last meeting word before any connector tail.
    let head_end = split_words(text, name)
        .iter()
        .take_while(|w| !CONNECTORS.contains(&w.span.of(text)))
        .filter(|w| HEADS.contains(&bare(w.span.of(text))))
        .map(|w| w.span.end)
        .last()?;
    let _ = s;
    let inside: Vec<&participants::Element> = els
        .iter()
        .filter(|e| name.contains(e.span) && e.span.start < head_end)
        .collect();
    let first = inside.first()?;
    if inside.iter().any(|e| e.party != first.party) {
        return None;
    }
    let Some(participants::PartyRef::Organisation(id)) = first.party else {
        return None;
    };
    // An organ named with the head word meets; its parent organises, when
    // the release names the parent (a record only refers to its own organisations).
    if first.span.end >= head_end {
        let named = |p: &String| {
            els.iter()
                .any(|e| matches!(e.party, Some(participants::PartyRef::Organisation(o)) if o == p))
        };
        return names
            .org(id)
            .and_then(|o| o.parent.map(str::to_string))
            .filter(named)
            .or_else(|| Some(id.to_string()));
    }
    Some(id.to_string())
}

/// One name occurrence while events are gathered.
struct Occurrence {
    name: Name,
    sentence: usize,
}

/// Adds the events of `doc`.
pub fn tag(doc: &mut Document, hits: &Hits, rules: &Rules, names: &Names) {
    let text = doc.text.as_str();
    let found = &hits.events;
    let heads: Vec<Span> = found
        .iter()
        .filter(|(span, phrase)| {
            *phrase == Phrase::Head && span.of(text).starts_with(|c: char| c.is_ascii_uppercase())
        })
        .map(|(span, _)| *span)
        .collect();
    if heads.is_empty() {
        doc.events = Vec::new();
        return;
    }
    let orgs: Vec<Span> = doc
        .organisations
        .iter()
        .flat_map(|o| o.mentions.iter().copied())
        .collect();
    let mut occurrences: Vec<Occurrence> = Vec::new();
    for (si, &s) in doc.sentences.iter().enumerate() {
        let from = heads.partition_point(|h| h.start < s.start);
        let to = heads.partition_point(|h| h.start < s.end);
        if from == to {
            continue;
        }
        for name in find_names(text, s, &heads[from..to], &orgs, rules) {
            occurrences.push(Occurrence { name, sentence: si });
        }
    }
    if occurrences.is_empty() {
        doc.events = Vec::new();
        return;
    }
    // Group occurrences into meetings.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, o) in occurrences.iter().enumerate() {
        match groups
            .iter_mut()
            .find(|g| same_meeting(text, &occurrences[g[0]].name, &o.name))
        {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    let title = doc.title;
    let mut events: Vec<Event> = Vec::new();
    let mut reported: Vec<Vec<usize>> = Vec::new();
    for g in &groups {
        // Reported unless first met as a reference ("meeting on preparation
        // for the 39th Conference" in the headline).
        if occurrences[g[0]].name.reference {
            continue;
        }
        // The body's first wording names it.
        let named = g
            .iter()
            .copied()
            .find(|&i| title.is_none_or(|t| !t.contains(occurrences[i].name.span)))
            .unwrap_or(g[0]);
        let name_span = occurrences[named].name.span;
        let mut event = Event {
            name: name_span
                .of(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            ..Event::default()
        };
        let mut mentions: Vec<Span> = g.iter().map(|&i| occurrences[i].name.span).collect();
        // Alias words already searched for: the group is in text order, so
        // the first search of a word covers every later occurrence's (a long
        // release naming one meeting many times stays linear).
        let mut searched: Vec<String> = Vec::new();
        for &i in g {
            let o = &occurrences[i];
            let limit = doc.sentences[o.sentence].end;
            if let Some((alias, word)) = alias_after(text, o.name.span.end, limit) {
                if !event.aliases.contains(&alias) {
                    event.aliases.push(alias);
                }
                if searched.contains(&word) {
                    continue;
                }
                let from = o.name.span.end;
                // Uses of one word never overlap each other.
                let taken = SpanSet::new(mentions.clone());
                for u in uses(text, Span::new(from, doc.content_end()), &word) {
                    if !taken.overlaps(u) {
                        mentions.push(u);
                    }
                }
                searched.push(word);
            }
        }
        mentions.sort();
        event.mentions = mentions;
        reported.push(g.clone());
        events.push(event);
    }

    // Next meetings: "next meeting" cues and later ordinals of a reported name.
    // (sentence, where the cue starts, whether it is a later ordinal of the name).
    let mut next_cues: Vec<(usize, usize, bool)> = Vec::new();
    let mut modes: Vec<(usize, Span, Mode)> = Vec::new();
    for &(span, phrase) in found {
        let si = doc.sentence_of(span.start);
        if !doc.sentences.get(si).is_some_and(|s| s.contains(span)) {
            continue;
        }
        match phrase {
            Phrase::Next => next_cues.push((si, span.start, false)),
            Phrase::Mode(m) => modes.push((si, span, m)),
            Phrase::Head => {}
        }
    }
    for o in &occurrences {
        let Some(n) = o.name.ordinal else { continue };
        let later = reported.iter().any(|g| {
            g.iter().any(|&i| {
                let r = &occurrences[i].name;
                r.ordinal == Some(n.wrapping_sub(1))
                    && r.head == o.name.head
                    && base(r.span.of(text)) == base(o.name.span.of(text))
            })
        });
        if later && o.name.reference {
            next_cues.push((o.sentence, o.name.span.start, true));
        }
    }
    next_cues.sort();
    let next_from = |si: usize| -> usize {
        next_cues
            .iter()
            .filter(|(s, _, _)| *s == si)
            .map(|&(_, at, _)| at)
            .min()
            .unwrap_or(usize::MAX)
    };

    let els = participants::elements(doc, names);
    for (ei, event) in events.iter_mut().enumerate() {
        let mut sentences: Vec<usize> = event
            .mentions
            .iter()
            .map(|m| doc.sentence_of(m.start))
            .collect();
        sentences.dedup();
        let first_mention = |si: usize| -> usize {
            event
                .mentions
                .iter()
                .find(|m| doc.sentences[si].contains(**m))
                .map_or(doc.sentences[si].start, |m| m.start)
        };
        // Date: nearest to the name in the first sentence with one.
        for &si in &sentences {
            let s = doc.sentences[si];
            let at = first_mention(si);
            let limit = next_from(si);
            let best = doc
                .dates
                .iter()
                .filter(|d| s.contains(d.span) && d.span.start < limit && d.value.is_some())
                .filter(|d| !event.mentions.iter().any(|m| m.overlaps(d.span)))
                .min_by_key(|d| d.span.start.abs_diff(at));
            if let Some(d) = best {
                event.date = d.value.clone();
                break;
            }
        }
        // Mode: in its sentences, or the headline of the first event.
        let mode_sentences: Vec<usize> = sentences
            .iter()
            .copied()
            .chain((ei == 0 && title.is_some()).then_some(0))
            .collect();
        let found: Vec<Mode> = modes
            .iter()
            .filter(|(si, span, _)| mode_sentences.contains(si) && span.start < next_from(*si))
            .map(|&(_, _, m)| m)
            .collect();
        event.mode = if found.contains(&Mode::Hybrid)
            || (found.contains(&Mode::Virtual) && found.contains(&Mode::InPerson))
        {
            Some(Mode::Hybrid)
        } else {
            found.first().copied()
        };
        // Place: after "in"/"at", or a dateline, in its sentences (the
        // place of a meeting "designated as the host of the 23rd" is the next one's).
        'place: for &si in &sentences {
            let s = doc.sentences[si];
            let limit = next_from(si);
            for l in &doc.locations {
                for m in &l.mentions {
                    if !s.contains(*m) || m.start >= limit {
                        continue;
                    }
                    let before = text[s.start..m.start].trim_end();
                    let word = before
                        .rsplit(|c: char| c.is_whitespace())
                        .next()
                        .unwrap_or("");
                    let dateline = before.is_empty()
                        && text[m.end..s.end]
                            .trim_start_matches([',', ' '])
                            .starts_with(['–', '-', '—']);
                    if matches!(word, "in" | "In" | "at" | "At") || dateline {
                        event.location = Some(l.name.clone());
                        break 'place;
                    }
                }
            }
        }
        // Organiser: the first organisation a host cue names near it.
        'organiser: for &si in &sentences {
            let s = doc.sentences[si];
            let at = first_mention(si);
            let mut hosts: Vec<participants::Candidate> =
                participants::find(text, s, &els, hits, names)
                    .into_iter()
                    .filter(|c| c.role == Role::Host && matches!(c.party, Party::Organisation(_)))
                    .filter(|c| c.cue.start < next_from(si))
                    .collect();
            hosts.sort_by_key(|c| c.cue.start.abs_diff(at));
            if let Some(Party::Organisation(id)) = hosts.first().map(|c| &c.party) {
                event.organiser = Some(id.clone());
                break 'organiser;
            }
        }
        if event.organiser.is_none() {
            event.organiser = event
                .mentions
                .iter()
                .find_map(|m| organiser_in_name(text, *m, &els, names));
        }
    }

    // Next: the date and place after the cue, for the event named in that sentence (else the first).
    for &(si, at, later_ordinal) in &next_cues {
        if events.is_empty() {
            break;
        }
        let s = doc.sentences[si];
        let ei = events
            .iter()
            .position(|e| e.mentions.iter().any(|m| s.contains(*m) && m.start <= at))
            .unwrap_or(0);
        if events[ei].next.is_some() {
            continue;
        }
        let after = Span::new(at, s.end);
        let date = doc
            .dates
            .iter()
            .find(|d: &&DateMention| after.contains(d.span) && d.value.is_some())
            .and_then(|d| d.value.clone());
        let place = doc
            .locations
            .iter()
            .flat_map(|l| l.mentions.iter().map(move |m| (m, &l.name)))
            .filter(|(m, _)| s.contains(**m) && (later_ordinal || m.start >= at))
            .min_by_key(|(m, _)| (m.start < at, m.start.abs_diff(at)))
            .map(|(_, n)| n.clone());
        if date.is_some() || place.is_some() {
            events[ei].next = Some(NextMeeting {
                date,
                location: place,
            });
        }
    }
    doc.events = events;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participants::tests::{run, show};

    /// "name | aliases | date | mode | organiser | location | next date @ next place", "-" for none.
    fn summary(e: &Event) -> String {
        let or = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
        let next = e.next.as_ref().map_or("-".to_string(), |n| {
            format!("{} @ {}", or(&n.date), or(&n.location))
        });
        format!(
            "{} | {} | {} | {} | {} | {} | {}",
            e.name,
            if e.aliases.is_empty() {
                "-".to_string()
            } else {
                e.aliases.join("; ")
            },
            or(&e.date),
            e.mode.map_or("-", Mode::as_str),
            or(&e.organiser),
            or(&e.location),
            next
        )
    }

    /// (name, text, dates as (text, value), expected events).
    const CASES: &[(&str, &str, &[(&str, &str)], &[&str])] = &[
        (
            "the seed's event",
            "SCO RATS Executive Committee participates in the 4th Dialogue on Effective Multilateral Law Enforcement Architecture Against Global Threats\n\n\
             On May 20, 2020, the SCO RATS Executive Committee’s delegation participated as an observer in the virtual meeting of Interpol: 4th Dialogue on an Effective Multilateral Policing Architecture against Global Threats (hereinafter - the Dialogue).\n\n\
             There is a plan to discuss the outcomes at the Dialogue’s next meeting in Tunisia in 2021.",
            &[("May 20, 2020", "2020-05-20"), ("2021", "2021")],
            &[
                "4th Dialogue on an Effective Multilateral Policing Architecture against Global Threats | the Dialogue | 2020-05-20 | virtual | interpol | - | 2021 @ Tunisia",
            ],
        ),
        (
            "hereinafter referred to as",
            "The 3rd Meeting of Heads of Border Services (hereinafter referred to as “the Meeting”) was held in Bishkek.",
            &[],
            &["3rd Meeting of Heads of Border Services | the Meeting | - | - | - | Bishkek | -"],
        ),
        (
            "acronym alias",
            "The ASEANAPOL Contact Persons Quarterly Discussion Meeting (ACPQD) is hosted by the ASEANAPOL Secretariat.",
            &[],
            &[
                "ASEANAPOL Contact Persons Quarterly Discussion Meeting | ACPQD | - | - | aseanapol | - | -",
            ],
        ),
        (
            "videoconference",
            "The 2nd Regional Dialogue on Border Security took place via videoconference on 3 June 2021.",
            &[("3 June 2021", "2021-06-03")],
            &["2nd Regional Dialogue on Border Security | - | 2021-06-03 | virtual | - | - | -"],
        ),
        (
            "hybrid",
            "The 7th Annual Forum on Drug Control was held in a hybrid format in Astana.",
            &[],
            &["7th Annual Forum on Drug Control | - | - | hybrid | - | Astana | -"],
        ),
        (
            "virtual and in person make hybrid",
            "The 7th Annual Forum on Drug Control gathered experts in person in Astana, while others joined the virtual meeting.",
            &[],
            &["7th Annual Forum on Drug Control | - | - | hybrid | - | Astana | -"],
        ),
        (
            "in person",
            "The 9th Expert Seminar on Cybercrime returned to an in-person format.",
            &[],
            &["9th Expert Seminar on Cybercrime | - | - | in person | - | - | -"],
        ),
        (
            "virtual assets are no mode",
            "The 9th Expert Seminar on Cybercrime discussed virtual assets.",
            &[],
            &["9th Expert Seminar on Cybercrime | - | - | - | - | - | -"],
        ),
        (
            "dateline place",
            "ASTANA – The 5th Meeting of Drug Control Agencies opened on 12 May 2019.",
            &[("12 May 2019", "2019-05-12")],
            &["5th Meeting of Drug Control Agencies | - | 2019-05-12 | - | - | Astana | -"],
        ),
        (
            "date range nearest the name",
            "In 2019 plans were made. The Sixth Meeting of the Heads of National Liaison Offices was convened by AFRIPOL in Algiers from 2 to 4 December 2025.",
            &[
                ("2019", "2019"),
                ("from 2 to 4 December 2025", "2025-12-02/2025-12-04"),
            ],
            &[
                "Sixth Meeting of the Heads of National Liaison Offices | - | 2025-12-02/2025-12-04 | - | afripol | Algiers | -",
            ],
        ),
        (
            "next meeting's date and place are not the event's",
            "The 12th Plenary of the EAG was held on 5 June 2019. The next meeting will be held in Tunisia on 3 March 2020.",
            &[
                ("5 June 2019", "2019-06-05"),
                ("3 March 2020", "2020-03-03"),
            ],
            &["12th Plenary of the EAG | - | 2019-06-05 | - | eag | - | 2020-03-03 @ Tunisia"],
        ),
        (
            "next meeting in the same sentence",
            "The 12th Plenary of the EAG ended on 5 June 2019 in Bishkek; the next plenary is due in Tunisia in 2020.",
            &[("5 June 2019", "2019-06-05"), ("2020", "2020")],
            &["12th Plenary of the EAG | - | 2019-06-05 | - | eag | Bishkek | 2020 @ Tunisia"],
        ),
        (
            "a later ordinal is the next meeting",
            "The 22nd INTERPOL Asian Regional Conference has closed. The conference ended after designating Tunisia as the host of the 23rd INTERPOL Asian Regional Conference in 2017.",
            &[("2017", "2017")],
            &[
                "22nd INTERPOL Asian Regional Conference | - | - | - | interpol | - | 2017 @ Tunisia",
            ],
        ),
        (
            "headline wording merges with the body's",
            "Experts attend the 4th Dialogue On Policing Architecture\n\nExperts attended the 4th Dialogue on an Effective Policing Architecture in Lyon.",
            &[],
            &["4th Dialogue on an Effective Policing Architecture | - | - | - | - | Lyon | -"],
        ),
        (
            "headline verbs end a name",
            "The Meeting of the Legal Experts of the SCO Member States Took Place\n\nThe experts met in Bishkek.",
            &[],
            &["Meeting of the Legal Experts of the SCO Member States | - | - | - | - | - | -"],
        ),
        (
            "only referred to: no event",
            "Ministers met ahead of the upcoming 10th Summit of Heads of State.",
            &[],
            &[],
        ),
        (
            "first met as a reference: no event",
            "Vietnam chairs meeting on preparation for 39th ASEANAPOL Conference\n\nThe delegates discussed the agenda for the 39th ASEANAPOL Conference in Vietnam.",
            &[],
            &[],
        ),
        (
            "a meeting word modifying a name is no meeting",
            "The President arrived at the Congress Center in Astana.",
            &[],
            &[],
        ),
        (
            "meetings named in lower case are ignored",
            "Leaders met at the SCO summit in Astana.",
            &[],
            &[],
        ),
        (
            "organiser from the name",
            "The 22nd INTERPOL Asian Regional Conference has closed in Bali.",
            &[],
            &["22nd INTERPOL Asian Regional Conference | - | - | - | interpol | Bali | -"],
        ),
        (
            // A record refers only to its own organisations: the parent organises
            // when the release names it, else the organ itself stands as organiser.
            "an organ's meeting, its parent not named",
            "The agreements were approved at the 85th INTERPOL General Assembly held this week in Bali.",
            &[],
            &["85th INTERPOL General Assembly | - | - | - | interpol-ga | Bali | -"],
        ),
        (
            "an organ's meeting is organised by its parent when the release names it",
            "INTERPOL said the agreements were approved at the 85th INTERPOL General Assembly held this week in Bali.",
            &[],
            &["85th INTERPOL General Assembly | - | - | - | interpol | Bali | -"],
        ),
        (
            "a joint meeting has no organiser from its name",
            "The Special ASEAN-United States Foreign Ministers’ Meeting on Health took place via video conference.",
            &[],
            &[
                "Special ASEAN-United States Foreign Ministers’ Meeting on Health | - | - | virtual | - | - | -",
            ],
        ),
        (
            "two meetings",
            "The 5th Meeting of Border Chiefs took place in Astana on 3 May 2021. On 4 May 2021, the 12th Meeting of Migration Services was held in Bishkek.",
            &[("3 May 2021", "2021-05-03"), ("4 May 2021", "2021-05-04")],
            &[
                "5th Meeting of Border Chiefs | - | 2021-05-03 | - | - | Astana | -",
                "12th Meeting of Migration Services | - | 2021-05-04 | - | - | Bishkek | -",
            ],
        ),
    ];

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for (name, text, dates, want) in CASES {
            let doc = run(text, &[], dates);
            let got: Vec<String> = doc.events.iter().map(summary).collect();
            if got != *want {
                failures.push(format!("{name}:\n  got  {got:?}\n  want {want:?}"));
            }
        }
        crate::testing::assert_table(&failures, CASES.len());
    }

    #[test]
    fn participants_say_which_meeting() {
        let text = "The 5th Meeting of Border Chiefs took place in Astana, attended by Kazakhstan and China. \
                    Later the 12th Meeting of Migration Services was held with the participation of Russia and Tajikistan. \
                    Kyrgyzstan also took part in it.";
        let doc = run(text, &[], &[]);
        let got: Vec<String> = doc.participants.iter().map(show).collect();
        assert_eq!(
            got,
            [
                "KZ:participant@0",
                "CN:participant@0",
                "RU:participant@1",
                "TJ:participant@1",
                "KG:participant@1"
            ]
        );
    }

    #[test]
    fn one_meeting_leaves_event_unset() {
        let doc = run(
            "The 5th Meeting of Border Chiefs took place in Astana, attended by Kazakhstan.",
            &[],
            &[],
        );
        assert_eq!(doc.events.len(), 1);
        assert_eq!(
            doc.participants.iter().map(show).collect::<Vec<_>>(),
            ["KZ:participant"]
        );
    }

    #[test]
    fn ordinals() {
        let cases = [
            ("4th", Some(4)),
            ("22nd", Some(22)),
            ("1st", Some(1)),
            ("Sixth", Some(6)),
            ("twenty-second", Some(22)),
            ("Thirtieth", Some(30)),
            ("4", None),
            ("North", None),
            ("2021th", Some(2021)),
            // A digit first and a character of several bytes last.
            ("1Nguyễn", None),
            ("4tẖ", None),
        ];
        for (word, want) in cases {
            assert_eq!(ordinal(word), want, "{word}");
        }
    }

    #[test]
    fn aliases() {
        let cases = [
            (" (hereinafter - the Dialogue) met", Some("the Dialogue")),
            (
                " (hereinafter referred to as “the Meeting”)",
                Some("the Meeting"),
            ),
            (" (Hereinafter: Forum)", Some("Forum")),
            (" (ACPQD) was", Some("ACPQD")),
            (" (2021) was", None),
            (" in Astana", None),
        ];
        for (text, want) in cases {
            let got = alias_after(text, 0, text.len()).map(|(a, _)| a);
            assert_eq!(got.as_deref(), want, "{text}");
        }
    }
}
