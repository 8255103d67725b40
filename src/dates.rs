//! Dates, the stage after sentences: adds `Document::dates` (every date
//! expression, in text order, with its ISO 8601 value) and, when the caller
//! gave no release date, `Document::published` from a dateline at the top of
//! the text. Reads the text up to the end of the last sentence and nothing
//! else, so page furniture yields nothing; never reads the system clock.
//!
//! Finding is apart from applying: `find` is a pure function from text to
//! candidates, `dateline` picks the release date among them, `resolve`
//! turns them into mentions against that date, and [`tag`] glues the three.
//!
//! **Finding.** One pass: a word scan built once in [`Rules`] finds the
//! anchors (the digits a word starts with, and whole words that can anchor
//! a date: month and weekday names, "today", "week", "quarter", …). From
//! each anchor the scan steps back over the few tokens that may belong to a date (grammar
//! words, names, numbers, "," "." "-" "/"; never an ordinary word), reads a
//! window of at most 16 tokens lazily (words are classified only when the
//! grammar looks at them), and a small hand-written grammar tries to parse a
//! date starting at each of those tokens; the first parse that covers the
//! anchor wins, and it is the longest one from the leftmost start. Nothing is
//! allocated per byte and nothing is compiled per document. A number is a
//! date only when it passes the grammar: "in 2021",
//! "since 2017", "the 2019 meeting" and "2021-2023" are dates; "2,500
//! officers", "A total of 2020 people", "Resolution 2178", "G20", "COVID-19",
//! "Flight SU 1871", "the 2030 Agenda", "4th", "three years", "12:00" and
//! "may" the verb are not. Prepositions ("in", "from", "between") are not
//! part of a mention; modifiers ("early", "the end of") are.
//!
//! **Values and granularity** (what the README should say):
//!
//! | text | value | granularity |
//! | --- | --- | --- |
//! | "20 May 2020", "Wednesday, 16 June 2021", "20.05.2020", "2020-05-20" | `2020-05-20` | day |
//! | "May 2020", "September of 2019" | `2020-05` | month |
//! | "in 2021", "the 2019 meeting" | `2021` | year |
//! | "from 20 to 22 May 2020", "2021-2023", "from January to March 2020" | `2020-05-20/2020-05-22`, `2021/2023`, `2020-01/2020-03` | range |
//! | "spring 2022", "the first quarter of 2020", "the first half of 2021" | `2022-SP`, `2020-Q1`, `2021-H1` | month |
//! | "the 1990s" | `199X` | year |
//! | "early 2020", "mid-May 2020", "the end of 2019" | the value of what they modify (`2020`, `2020-05`, `2019`) | its granularity |
//! | "yesterday", "last week", "two days ago", "on Monday", "this year" | resolved against the release date, or null | relative |
//!
//! Seasons (`SP`, `SU`, `FA`, `WI`), quarters (`Q1`–`Q4`) and halves
//! (`H1`, `H2`) follow TIMEX3, where ISO 8601 has no notation; they are
//! `month` granularity because they name a part of one year finer than the
//! year, written like a month value (`YYYY-` and two characters). Decades
//! (`199X`, TIMEX3's unspecified digit) are `year` granularity: a year-shaped
//! value. TIMEX3 keeps "early", "mid" and "late" in a separate `mod`
//! attribute that the record has no field for, so those keep the value of
//! the date they modify. Every expression that needs the release date
//! ("yesterday", "last week", "this year", "on Monday") is `relative`, with
//! its value when the release date is known and null otherwise: the value's
//! shape gives its precision, and `relative` tells the reader it rests on the
//! release date. "this week" and "last week" are Monday–Sunday ranges.
//!
//! A day or month without a year ("14 June", "June 15th", "in December")
//! takes the year of the release date; when the sentence is clearly in the
//! past tense and that lands more than a month after the release date, the
//! year before (and the year after for the future tense). Without a release
//! date it takes the year of the nearest preceding date that states one, else
//! of the nearest following; without any, its value is null (granularity
//! `relative`). A weekday alone ("on Monday") is the nearest such day in the
//! direction the sentence's tense implies: on or before the release date for
//! the past (the default), after it for the future ("will meet on Monday").
//!
//! All-numeric dates (`05/06/2021`, `05.06.2021`, `05-06-2021`) are read day
//! first unless `--date-order mdy`; when only one reading is a real date
//! (`16/06/2021`) that one is taken whatever the order. A year first
//! (`2021-06-05`, `2021/06/05`) is always year, month, day.
//!
//! Month and weekday names and their abbreviations come from
//! `gazetteers/months.tsv` and `gazetteers/weekdays.tsv`, numbers written as
//! words from `gazetteers/numbers.tsv`; the grammar's function words ("in",
//! "from", "last", "ago") are English and live here.
//!
//! Deliberately ignored: times of day, time zones, durations ("for three
//! years", "over the past year"), anaphora to other dates ("the following
//! day", "the previous year"), ordinal centuries, non-Gregorian calendars,
//! and dates written in Chinese characters.

use crate::ascii::{Block, alnum_end};
use crate::calendar::{Date, days_in_month, shift_month};
use crate::document::{DateMention, Document, Granularity, Published, PublishedFrom, Span, Why};
use crate::error::{GazetteerError, GazetteerErrorKind};
use crate::gazetteer::{File, Gazetteers, Kind, Row};
use crate::{DateOrder, Options};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};

// ---------------------------------------------------------------------------
// Rules: the names, built once from the gazetteers.

type Map<V> = HashMap<Box<[u8]>, V>;

/// A month or weekday name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Name {
    /// Month 1–12 or ISO weekday 1–7.
    value: u8,
    /// Written with a full stop in the gazetteer ("Dec."): may take one in
    /// the text, never stands alone.
    abbreviation: bool,
    /// Written with a capital in the gazetteer: must be capitalised in the text.
    capital: bool,
}

/// Words other than month and weekday names that can anchor a date.
const TRIGGERS: &[&str] = &[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "week",
    "weekend",
    "month",
    "year",
    "ago",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "quarter",
    "half",
    "morning",
    "afternoon",
    "evening",
    "night",
    "q1",
    "q2",
    "q3",
    "q4",
    "h1",
    "h2",
];

/// What a lower-cased word is: a word of the grammar or a gazetteer name.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    keyword: Option<Kw>,
    month: Option<Name>,
    weekday: Option<Name>,
    /// (value, ordinal?)
    number: Option<(u32, bool)>,
}

/// Lower-cased words and what they are, by open addressing on
/// [`word_hash`]: a lookup is one key and one or two short comparisons.
#[derive(Clone, Debug)]
struct Names {
    /// Index + 1 into `entries`, 0 for an empty slot; a power of two long.
    slots: Vec<u32>,
    entries: Vec<(Box<[u8]>, Entry)>,
}

impl Names {
    fn new(map: Map<Entry>) -> Names {
        let mut entries: Vec<(Box<[u8]>, Entry)> = map.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let size = (entries.len() * 4).next_power_of_two().max(64);
        let mut slots = vec![0u32; size];
        for (n, (word, _)) in entries.iter().enumerate() {
            let mut i = usize::from(word_hash(word)) & (size - 1);
            while slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = n as u32 + 1;
        }
        Names { slots, entries }
    }

    fn get(&self, lower: &[u8]) -> Option<Entry> {
        self.find(word_hash(lower), |word| *word == *lower)
    }

    /// [`Names::get`] for an ASCII word in any case, without lower-casing a copy.
    fn get_ascii(&self, word: &[u8]) -> Option<Entry> {
        self.find(word_key(word, 0x20), |key| key.eq_ignore_ascii_case(word))
    }

    fn find(&self, hash: u16, same: impl Fn(&[u8]) -> bool) -> Option<Entry> {
        let mask = self.slots.len() - 1;
        let mut i = usize::from(hash) & mask;
        loop {
            let slot = self.slots[i] as usize;
            let (word, entry) = self.entries.get(slot.checked_sub(1)?)?;
            if same(word) {
                return Some(*entry);
            }
            i = (i + 1) & mask;
        }
    }
}

/// The gazetteer data the date grammar needs, built once.
#[derive(Clone, Debug)]
pub struct Rules {
    /// The grammar's words, month and weekday names (without their full
    /// stops) and number words, lower-cased.
    names: Names,
    /// Finds every anchor: the digits a word starts with, or a whole word
    /// that can anchor a date (month and weekday names, and [`TRIGGERS`]).
    anchors: Anchors,
}

impl Rules {
    /// Builds the rules from the months, weekdays and numbers gazetteers;
    /// a bad line is a `file:line` error.
    pub fn build(g: &Gazetteers) -> Result<Rules, GazetteerError> {
        let months = names(
            g,
            Kind::Months,
            "month",
            12,
            "must be a number from 1 to 12",
        )?;
        let weekdays = names(
            g,
            Kind::Weekdays,
            "weekday",
            7,
            "must be a number from 1 (Monday) to 7 (Sunday)",
        )?;
        let numbers = numbers(g)?;
        let anchors = Anchors::new(&anchor_words(&months, &weekdays));
        let mut names: Map<Entry> = Map::default();
        for &(w, k) in KEYWORDS {
            names.entry(w.as_bytes().into()).or_default().keyword = Some(k);
        }
        for (k, n) in months {
            names.entry(k).or_default().month = Some(n);
        }
        for (k, n) in weekdays {
            names.entry(k).or_default().weekday = Some(n);
        }
        for (k, n) in numbers {
            names.entry(k).or_default().number = Some(n);
        }
        Ok(Rules {
            names: Names::new(names),
            anchors,
        })
    }
}

/// The words that can anchor a date: month and weekday names, and
/// [`TRIGGERS`]. Abbreviations are no anchors: the number after them is
/// ("Dec. 1").
fn anchor_words(months: &Map<Name>, weekdays: &Map<Name>) -> Vec<String> {
    let mut words: Vec<String> = months
        .iter()
        .chain(weekdays.iter())
        .filter(|(_, n)| !n.abbreviation)
        .map(|(w, _)| String::from_utf8_lossy(w).into_owned())
        .chain(TRIGGERS.iter().map(|w| w.to_string()))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The words that can anchor a date, and the scan that finds the anchors.
///
/// An anchor is a whole word (a maximal run of [`is_word_char`] characters)
/// that starts with a digit — the anchor is its leading run of digits — or
/// that is one of the anchor words in any case: ASCII words under ASCII case
/// folding, the others ("février", "мая", "Jänner") character by character
/// under simple case folding ([`fold_key`]). The scan reads the words off
/// bit masks of 64-byte blocks and decodes only non-ASCII characters, so most
/// words cost a few bit operations and a table lookup; nothing is compiled at
/// start-up.
#[derive(Clone, Debug)]
struct Anchors {
    /// The words whose fold is ASCII, folded.
    ascii: rustc_hash::FxHashSet<Box<[u8]>>,
    /// Per [`head_key`], bit `n` set when an ASCII word of `n` bytes starts
    /// so: most words are turned away by this alone.
    ascii_lens: Box<[u64; 1024]>,
    /// The other words, each character as its [`fold_key`].
    other: rustc_hash::FxHashSet<Box<[char]>>,
    /// The most characters an other word has.
    other_max: usize,
}

/// The longest word [`Anchors::is_other`] folds on the stack, in characters.
const MAX_ANCHOR_CHARS: usize = 32;

impl Anchors {
    fn new(words: &[String]) -> Anchors {
        let mut ascii = rustc_hash::FxHashSet::default();
        let mut other = rustc_hash::FxHashSet::default();
        for w in words {
            let folded: Box<[char]> = w.chars().map(fold_key).collect();
            if folded.is_empty() {
                continue;
            }
            if folded.iter().all(char::is_ascii) {
                if folded.len() < 64 {
                    ascii.insert(folded.iter().map(|&c| c as u8).collect::<Box<[u8]>>());
                }
            } else if folded.len() <= MAX_ANCHOR_CHARS {
                other.insert(folded);
            }
        }
        let mut ascii_lens = Box::new([0u64; 1024]);
        for w in &ascii {
            ascii_lens[head_key(w)] |= 1 << w.len();
        }
        let other_max = other.iter().map(|w| w.len()).max().unwrap_or(0);
        Anchors {
            ascii,
            ascii_lens,
            other,
            other_max,
        }
    }

    /// Every anchor of `text`, in text order, as the byte range of its
    /// digits or word, into `out`.
    ///
    /// The text goes by in blocks of 64 bytes, each turned into bit masks of
    /// the bytes that may be part of a word (ASCII letters and digits, and
    /// every non-ASCII byte): the runs of the union are the candidate words,
    /// their starts and ends read off the masks. Most runs are ASCII words
    /// that end inside their block: each costs a few operations and the word
    /// gate (or, starting with a digit, is its digits), in a loop that holds
    /// nothing else. A run that reaches the block's end is followed to its
    /// end after the loop (the blocks after it see that it goes on and skip
    /// it); one with a non-ASCII byte goes to [`Anchors::rare`].
    fn all(&self, text: &str, out: &mut Vec<(usize, usize)>) {
        let b = text.as_bytes();
        let mut base = 0;
        // A run goes on from the block before: it was seen there.
        let mut after = false;
        while base < b.len() {
            let Block { alnum, high } = Block::of(&b[base..b.len().min(base + 64)]);
            let word = alnum | high;
            let starts = word & !(word << 1 | u64::from(after));
            // The last byte of every run; bit 63 for one that reaches the block's end.
            let ends = word & !(word >> 1);
            after = word >> 63 == 1;
            // The start of the run that reaches the block's end, if it starts here.
            let tail = if after {
                starts & (u64::MAX << ((64 - (!word).leading_zeros()) % 64))
            } else {
                0
            };
            let mut common = starts & !tail;
            while common != 0 {
                let k = common.trailing_zeros();
                common &= common - 1;
                let len = (ends >> k).trailing_zeros() as usize + 1;
                let start = base + k as usize;
                let first = b[start];
                if high != 0 && (high >> k) & (u64::MAX >> (64 - len)) != 0 {
                    self.rare(text, start, start + len, out);
                    continue;
                }
                if first <= b'9' {
                    let digits = b[start..start + len]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                    out.push((start, start + digits));
                    continue;
                }
                let second = if len > 1 { b[start + 1] } else { 0 };
                if (self.ascii_lens[crate::ascii::head_key(first, second)] >> len) & 1 != 0
                    && self.is_ascii_word(&b[start..start + len])
                {
                    out.push((start, start + len));
                }
            }
            if tail != 0 {
                // Its ASCII letters and digits first: most runs have nothing else.
                let k = tail.trailing_zeros();
                let start = base + k as usize;
                let mut end = alnum_end(b, base + 64, b.len());
                if high >> k == 0 && b.get(end).is_none_or(|&c| c < 0x80) {
                    if b[start] > b'9' {
                        if self.is_ascii_word(&b[start..end]) {
                            out.push((start, end));
                        }
                    } else {
                        self.rare(text, start, end, out);
                    }
                } else {
                    while end < b.len() && maybe_word(b[end]) {
                        end += 1;
                    }
                    self.rare(text, start, end, out);
                }
            }
            base += 64;
        }
    }

    /// The anchor of the run of [`maybe_word`] bytes `text[start..end]`, into
    /// `out`: a run of ASCII letters and digits is one word, which is an
    /// anchor when it starts with a digit (its digits) or is an anchor word;
    /// another goes word by word to [`Anchors::words`].
    #[cold]
    #[inline(never)]
    fn rare(&self, text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        let b = &text.as_bytes()[start..end];
        if !b.is_ascii() {
            self.words(text, start, end, out);
        } else if b[0].is_ascii_digit() {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            out.push((start, start + digits));
        } else if self.is_ascii_word(b) {
            out.push((start, end));
        }
    }

    /// Whether the ASCII word `w` (letters and digits) is an anchor word.
    #[inline]
    fn is_ascii_word(&self, w: &[u8]) -> bool {
        let run = w.len();
        if run >= 64 || self.ascii_lens[head_key(w)] >> run & 1 == 0 {
            return false;
        }
        let mut word = [0u8; 64];
        let word = &mut word[..run];
        word.copy_from_slice(w);
        word.make_ascii_lowercase();
        self.ascii.contains(&*word)
    }

    /// The anchors among the words of `text[p..limit]`, word by word, into
    /// `out`: `p` starts a word or precedes one, and no word goes on over
    /// `limit`.
    fn words(&self, text: &str, mut p: usize, limit: usize, out: &mut Vec<(usize, usize)>) {
        let b = text.as_bytes();
        while p < limit {
            // To the next word start.
            match CLASS[usize::from(b[p])] {
                0 => {
                    p += 1;
                    continue;
                }
                3 => {
                    let ch = text[p..].chars().next().unwrap_or('\u{fffd}');
                    if !is_word_char(ch) {
                        p += ch.len_utf8();
                        continue;
                    }
                }
                _ => {}
            }
            let start = p;
            // The ASCII head of the word, then the rest when it goes on.
            p = alnum_end(b, p, limit);
            let ascii_end = p;
            if b.get(p).is_some_and(|&c| c >= 0x80) {
                p = word_end(text, p);
            }
            if b[start].is_ascii_digit() {
                let run = b[start..p]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                out.push((start, start + run));
            } else if p == ascii_end {
                if self.is_ascii_word(&b[start..p]) {
                    out.push((start, p));
                }
            } else if self.is_other(&text[start..p]) {
                out.push((start, p));
            }
        }
    }

    /// Whether a word with a non-ASCII character folds to an anchor word.
    fn is_other(&self, word: &str) -> bool {
        let mut keys = ['\0'; MAX_ANCHOR_CHARS];
        let mut n = 0;
        for c in word.chars() {
            if n == MAX_ANCHOR_CHARS {
                return false;
            }
            keys[n] = fold_key(c);
            n += 1;
        }
        let keys = &keys[..n];
        if keys.iter().all(char::is_ascii) {
            // "ſpring" folds to an ASCII word.
            let bytes: Vec<u8> = keys.iter().map(|&c| c as u8).collect();
            return self.ascii.contains(&*bytes);
        }
        n <= self.other_max && self.other.contains(keys)
    }
}

/// [`ascii::head_key`] of a word of ASCII letters and digits.
#[inline]
fn head_key(w: &[u8]) -> usize {
    crate::ascii::head_key(w[0], w.get(1).copied().unwrap_or(0))
}

/// Whether byte `c` may be part of a word: an ASCII letter or digit, or
/// any byte of a non-ASCII character.
#[inline]
fn maybe_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

/// A character's simple case fold, as far as the standard library tells it:
/// two characters match ignoring case when their keys are equal ("É" and
/// "é", "Я" and "я", "ſ" and "s", "ς" and "σ"). The Turkish dotted and
/// dotless i fold to nothing else, as in Unicode's simple folding.
fn fold_key(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if matches!(c, '\u{130}' | '\u{131}') {
        return c;
    }
    fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
        let c = it.next()?;
        it.next().is_none().then_some(c)
    }
    let upper = single(c.to_uppercase()).unwrap_or(c);
    single(upper.to_lowercase()).unwrap_or(upper)
}

fn bad(
    file: &File,
    row: &Row,
    column: &'static str,
    value: &str,
    why: &'static str,
) -> GazetteerError {
    file.error(
        row,
        GazetteerErrorKind::BadValue {
            column,
            value: value.to_string(),
            why,
        },
    )
}

fn check_language(file: &File, row: &Row, column: usize) -> Result<(), GazetteerError> {
    let lang = row.get(column);
    if (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(())
    } else {
        Err(bad(
            file,
            row,
            "language",
            lang,
            "must be an ISO 639 code such as en",
        ))
    }
}

/// Reads month or weekday files: `name`, number, `language`.
fn names(
    g: &Gazetteers,
    kind: Kind,
    column: &'static str,
    max: u8,
    why: &'static str,
) -> Result<Map<Name>, GazetteerError> {
    let mut map = Map::default();
    for file in g.of(kind) {
        let mut seen = HashSet::new();
        for row in &file.rows {
            let raw = row.get(0);
            let (word, abbreviation) = match raw.strip_suffix('.') {
                Some(w) => (w, true),
                None => (raw, false),
            };
            if word.is_empty() || !word.chars().all(char::is_alphabetic) {
                return Err(bad(
                    file,
                    row,
                    "name",
                    raw,
                    "must be letters only, with a full stop at the end for an abbreviation",
                ));
            }
            let value = match row.get(1).parse::<u8>() {
                Ok(v) if (1..=max).contains(&v) => v,
                _ => return Err(bad(file, row, column, row.get(1), why)),
            };
            check_language(file, row, 2)?;
            let key = word.to_lowercase();
            if !seen.insert(key.clone()) {
                return Err(file.error(row, GazetteerErrorKind::Duplicate(key)));
            }
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            map.insert(
                key.into_bytes().into_boxed_slice(),
                Name {
                    value,
                    abbreviation,
                    capital,
                },
            );
        }
    }
    Ok(map)
}

/// Reads number-word files: `word`, `value`, `kind` (cardinal or ordinal), `language`.
fn numbers(g: &Gazetteers) -> Result<Map<(u32, bool)>, GazetteerError> {
    let mut map = Map::default();
    for file in g.of(Kind::Numbers) {
        let mut seen = HashSet::new();
        for row in &file.rows {
            let word = row.get(0);
            if !word.chars().all(char::is_alphabetic) {
                return Err(bad(file, row, "word", word, "must be letters only"));
            }
            let value = match row.get(1).parse::<u32>() {
                Ok(v) if v <= 1000 => v,
                _ => {
                    return Err(bad(
                        file,
                        row,
                        "value",
                        row.get(1),
                        "must be a number from 0 to 1000",
                    ));
                }
            };
            let ordinal = match row.get(2) {
                "cardinal" => false,
                "ordinal" => true,
                other => return Err(bad(file, row, "kind", other, "must be cardinal or ordinal")),
            };
            check_language(file, row, 3)?;
            let key = word.to_lowercase();
            if !seen.insert(key.clone()) {
                return Err(file.error(row, GazetteerErrorKind::Duplicate(key)));
            }
            map.insert(key.into_bytes().into_boxed_slice(), (value, ordinal));
        }
    }
    Ok(map)
}

/// A 16-bit hash of a word from its first four bytes, its last two and its
/// length, each byte OR-ed with `mask` (0x20 lower-cases an ASCII letter and
/// leaves a digit alone): one multiplication a word, so the scan does not
/// hash every byte. "summit" and "summer" differ.
#[inline]
fn word_key(word: &[u8], mask: u8) -> u16 {
    let n = word.len();
    let (first, last) = if n >= 4 {
        let first = u32::from_le_bytes([word[0], word[1], word[2], word[3]])
            | u32::from_ne_bytes([mask; 4]);
        let last = u16::from_le_bytes([word[n - 2], word[n - 1]]) | u16::from_ne_bytes([mask; 2]);
        (first, last)
    } else {
        let mut bytes = [0u8; 4];
        for (d, &b) in bytes.iter_mut().zip(word) {
            *d = b | mask;
        }
        let last = if n >= 2 {
            u16::from_le_bytes([word[n - 2] | mask, word[n - 1] | mask])
        } else {
            0
        };
        (u32::from_le_bytes(bytes), last)
    };
    let key = u64::from(first) | u64::from(last) << 32 | (n.min(0xffff) as u64) << 48;
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as u16
}

/// [`word_key`] of a lower-cased word.
fn word_hash(lower: &[u8]) -> u16 {
    word_key(lower, 0)
}

// ---------------------------------------------------------------------------
// Tokens.

/// Units of relative dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
}

/// A part of a year with a TIMEX3 code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Spring,
    Summer,
    Autumn,
    Winter,
    Quarter(u8),
    Half(u8),
}

impl Part {
    fn code(self) -> &'static str {
        match self {
            Part::Spring => "SP",
            Part::Summer => "SU",
            Part::Autumn => "FA",
            Part::Winter => "WI",
            Part::Quarter(1) => "Q1",
            Part::Quarter(2) => "Q2",
            Part::Quarter(3) => "Q3",
            Part::Quarter(_) => "Q4",
            Part::Half(1) => "H1",
            Part::Half(_) => "H2",
        }
    }
}

/// The English function words and units of the date grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kw {
    In,
    On,
    Since,
    /// until, till, through
    Until,
    /// during, throughout
    During,
    By,
    Before,
    After,
    From,
    To,
    Between,
    And,
    Or,
    Of,
    The,
    For,
    Early,
    Mid,
    Late,
    Earlier,
    Later,
    End,
    /// beginning, start
    Beginning,
    Middle,
    Last,
    Next,
    This,
    Coming,
    Current,
    Ago,
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Unit(Unit, bool),
    Quarter,
    Half,
    Season(Part),
    /// morning, afternoon, evening
    DayPart,
    Night,
    QuarterCode(u8),
    HalfCode(u8),
    /// fiscal, financial
    Fiscal,
    /// few, several, some
    Few,
}

/// The grammar's words, looked up with the gazetteer names.
const KEYWORDS: &[(&str, Kw)] = &[
    // Spanish "15 de junio de 2022" reads like "15 of June of 2022".
    ("in", Kw::In),
    ("on", Kw::On),
    ("since", Kw::Since),
    ("until", Kw::Until),
    ("till", Kw::Until),
    ("til", Kw::Until),
    ("through", Kw::Until),
    ("thru", Kw::Until),
    ("during", Kw::During),
    ("throughout", Kw::During),
    ("by", Kw::By),
    ("before", Kw::Before),
    ("after", Kw::After),
    ("from", Kw::From),
    ("to", Kw::To),
    ("between", Kw::Between),
    ("and", Kw::And),
    ("or", Kw::Or),
    ("of", Kw::Of),
    ("de", Kw::Of),
    ("the", Kw::The),
    ("for", Kw::For),
    ("early", Kw::Early),
    ("mid", Kw::Mid),
    ("late", Kw::Late),
    ("earlier", Kw::Earlier),
    ("later", Kw::Later),
    ("end", Kw::End),
    ("beginning", Kw::Beginning),
    ("start", Kw::Beginning),
    ("middle", Kw::Middle),
    ("last", Kw::Last),
    ("next", Kw::Next),
    ("this", Kw::This),
    ("coming", Kw::Coming),
    ("current", Kw::Current),
    ("ago", Kw::Ago),
    ("today", Kw::Today),
    ("tonight", Kw::Tonight),
    ("yesterday", Kw::Yesterday),
    ("tomorrow", Kw::Tomorrow),
    ("day", Kw::Unit(Unit::Day, false)),
    ("days", Kw::Unit(Unit::Day, true)),
    ("week", Kw::Unit(Unit::Week, false)),
    ("weeks", Kw::Unit(Unit::Week, true)),
    ("weekend", Kw::Unit(Unit::Weekend, false)),
    ("weekends", Kw::Unit(Unit::Weekend, true)),
    ("month", Kw::Unit(Unit::Month, false)),
    ("months", Kw::Unit(Unit::Month, true)),
    ("year", Kw::Unit(Unit::Year, false)),
    ("years", Kw::Unit(Unit::Year, true)),
    ("quarter", Kw::Quarter),
    ("half", Kw::Half),
    ("spring", Kw::Season(Part::Spring)),
    ("summer", Kw::Season(Part::Summer)),
    ("autumn", Kw::Season(Part::Autumn)),
    ("fall", Kw::Season(Part::Autumn)),
    ("winter", Kw::Season(Part::Winter)),
    ("morning", Kw::DayPart),
    ("afternoon", Kw::DayPart),
    ("evening", Kw::DayPart),
    ("night", Kw::Night),
    ("q1", Kw::QuarterCode(1)),
    ("q2", Kw::QuarterCode(2)),
    ("q3", Kw::QuarterCode(3)),
    ("q4", Kw::QuarterCode(4)),
    ("h1", Kw::HalfCode(1)),
    ("h2", Kw::HalfCode(2)),
    ("fiscal", Kw::Fiscal),
    ("financial", Kw::Fiscal),
    ("few", Kw::Few),
    ("several", Kw::Few),
    ("some", Kw::Few),
];

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum K {
    /// A run of ASCII digits: value (saturating) and number of digits.
    Num(u32, u8),
    /// "3rd", "28th".
    Ordinal(u32),
    /// "1990s", "1990's": the first year.
    Decade(u32),
    /// "2,500", "1.000.000": an amount, never a date.
    Amount,
    Month(Name),
    Weekday(Name),
    /// A cardinal number word ("two").
    Count(u32),
    /// An ordinal number word ("first").
    Nth(u32),
    Key(Kw),
    /// Any other word; whether it starts with a capital.
    Word(bool),
    Dash,
    Comma,
    Dot,
    Slash,
    Colon,
    Open,
    Close,
    Apostrophe,
    /// ";", "+", "#", "$" and any other symbol.
    Other,
    /// A word not classified yet: most never need to be.
    Pending,
}

/// A token of a window.
#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: K,
    start: usize,
    end: usize,
    /// White space (or the window's start) before it.
    space: bool,
}

/// Tokens read before the anchor.
const BACK: usize = 5;
/// Tokens in a window.
const WINDOW: usize = 16;

/// Byte classes for the scan: 0 ASCII other, 1 letter, 2 digit, 3 non-ASCII.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphabetic() {
            1
        } else if b.is_ascii_digit() {
            2
        } else if b >= 0x80 {
            3
        } else {
            0
        };
        i += 1;
    }
    t
};

/// The end of the word (letters and digits, any script) starting at `i`.
fn word_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    loop {
        let rest = &b[i..];
        i += rest
            .iter()
            .position(|&c| !matches!(CLASS[usize::from(c)], 1 | 2))
            .unwrap_or(rest.len());
        if b.get(i).is_none_or(|c| c.is_ascii()) {
            return i;
        }
        match text[i..].chars().next() {
            Some(ch) if is_word_char(ch) => i += ch.len_utf8(),
            _ => return i,
        }
    }
}

/// A letter or digit of any script; quick for the punctuation releases are
/// full of ("’", "–", "“"), which would otherwise go to the Unicode tables.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206f}').contains(&c) || c == '\u{a0}' {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// The previous character before byte `i` (a char boundary).
fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

impl Rules {
    /// Where to start reading before the anchor at `pos`: back over at most
    /// `n` tokens that may be part of a date (grammar words, names, numbers,
    /// ",", ".", "/", dashes), then one more for context ("Black Friday",
    /// "COVID-19", the last mention of a list), stopping at a blank line or
    /// at a token that starts before `min_start`.
    fn back_start(
        &self,
        text: &str,
        pos: usize,
        n: usize,
        min_start: usize,
        known: &mut Known,
    ) -> usize {
        let b = text.as_bytes();
        let mut p = pos;
        for _ in 0..n {
            let mut q = p;
            let mut newlines = 0;
            while q > 0 {
                if b[q - 1].is_ascii_whitespace() {
                    newlines += usize::from(b[q - 1] == b'\n');
                    q -= 1;
                    continue;
                }
                match char_before(text, q) {
                    Some(c) if !c.is_ascii() && c.is_whitespace() => q -= c.len_utf8(),
                    _ => break,
                }
            }
            if newlines >= 2 {
                break;
            }
            let Some(c) = char_before(text, q) else { break };
            let end = q;
            let inside = if is_word_char(c) {
                loop {
                    if q > 0 && b[q - 1].is_ascii_alphanumeric() {
                        q -= 1;
                        continue;
                    }
                    match char_before(text, q) {
                        Some(c) if !c.is_ascii() && is_word_char(c) => q -= c.len_utf8(),
                        _ => break,
                    }
                }
                b[q].is_ascii_digit() || {
                    let k = self.classify(&text[q..end]);
                    known.push(q, k);
                    !matches!(k, K::Word(_))
                }
            } else {
                q -= c.len_utf8();
                matches!(c, ',' | '.' | '/' | '-' | '–' | '—' | '‒' | '−' | '‐' | '‑')
            };
            p = q;
            if !inside || q < min_start {
                break;
            }
        }
        p
    }
}

impl Rules {
    /// What the word `w` is.
    fn classify(&self, w: &str) -> K {
        let first_upper = match w.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => w.chars().next().is_some_and(char::is_uppercase),
        };
        let entry = if w.is_ascii() {
            self.names.get_ascii(w.as_bytes())
        } else {
            self.names.get(w.to_lowercase().as_bytes())
        };
        let Some(entry) = entry else {
            return K::Word(first_upper);
        };
        if let Some(k) = entry.keyword {
            return K::Key(k);
        }
        let case_ok = |n: &Name| {
            if n.capital {
                first_upper
            } else {
                !first_upper || !w.chars().any(char::is_lowercase)
            }
        };
        if let Some(n) = entry.month.filter(case_ok) {
            return K::Month(n);
        }
        if let Some(n) = entry.weekday.filter(case_ok) {
            return K::Weekday(n);
        }
        if let Some((v, ordinal)) = entry.number {
            return if ordinal { K::Nth(v) } else { K::Count(v) };
        }
        K::Word(first_upper)
    }

    /// The token after white space from `i`, or `None` at the end of the
    /// text or at a blank line (a date never crosses a paragraph).
    fn next_token(&self, text: &str, mut i: usize) -> Option<Tok> {
        let b = text.as_bytes();
        let ws = i;
        let mut newlines = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_whitespace() {
                newlines += usize::from(c == b'\n');
                i += 1;
            } else if c >= 0x80 {
                match text[i..].chars().next() {
                    Some(ch) if ch.is_whitespace() => i += ch.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        if newlines >= 2 || i >= b.len() {
            return None;
        }
        let space = i > ws || i == 0 || char_before(text, i).is_some_and(char::is_whitespace);
        let (kind, end) = self.token(text, i);
        Some(Tok {
            kind,
            start: i,
            end,
            space,
        })
    }

    /// The token starting at `i` (not white space) and its end.
    fn token(&self, text: &str, i: usize) -> (K, usize) {
        let b = text.as_bytes();
        let c = b[i];
        if c.is_ascii_digit() {
            let mut j = i;
            let mut value: u32 = 0;
            while j < b.len() && b[j].is_ascii_digit() {
                value = value
                    .saturating_mul(10)
                    .saturating_add(u32::from(b[j] - b'0'));
                j += 1;
            }
            let digits = (j - i).min(255) as u8;
            if j < b.len() && b[j].is_ascii_alphabetic() {
                let k = word_end(text, j);
                let suffix = &text[j..k];
                // "3rd", "28th", and French "1er".
                let ordinal = ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| suffix.eq_ignore_ascii_case(s))
                    || (value == 1 && suffix == "er");
                if ordinal {
                    return (K::Ordinal(value), k);
                }
                if suffix == "s" && digits == 4 && value % 10 == 0 {
                    return (K::Decade(value), k);
                }
                return (K::Word(false), k);
            }
            // "1990's"
            if digits == 4 && value % 10 == 0 {
                for apostrophe in ["'s", "’s"] {
                    if text[j..].starts_with(apostrophe)
                        && !text[j + apostrophe.len()..].starts_with(|c: char| c.is_alphanumeric())
                    {
                        return (K::Decade(value), j + apostrophe.len());
                    }
                }
            }
            // Digit groups: "2,500", "1.000.000".
            let group = |at: usize| {
                at + 4 <= b.len()
                    && matches!(b[at], b',' | b'.')
                    && b[at + 1..at + 4].iter().all(u8::is_ascii_digit)
                    && b.get(at + 4).is_none_or(|c| !c.is_ascii_digit())
            };
            if digits <= 3 && group(j) {
                let mut k = j;
                while group(k) {
                    k += 4;
                }
                return (K::Amount, k);
            }
            return (K::Num(value, digits), j);
        }
        if c.is_ascii_alphabetic() {
            return (K::Pending, word_end(text, i));
        }
        if c < 0x80 {
            let kind = match c {
                b'-' => K::Dash,
                b',' => K::Comma,
                b'.' => K::Dot,
                b'/' => K::Slash,
                b':' => K::Colon,
                b'(' | b'[' => K::Open,
                b')' | b']' => K::Close,
                b'\'' => K::Apostrophe,
                _ => K::Other,
            };
            return (kind, i + 1);
        }
        let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
        if ch.is_alphanumeric() {
            return (K::Pending, word_end(text, i));
        }
        let kind = match ch {
            '–' | '—' | '‒' | '−' | '‐' | '‑' => K::Dash,
            '’' | '‘' => K::Apostrophe,
            '，' => K::Comma,
            _ => K::Other,
        };
        (kind, i + ch.len_utf8())
    }
}

// ---------------------------------------------------------------------------
// Candidates.

/// A calendar position, possibly partial: a year, a month of a year, a day.
/// A missing year is filled in from context when resolving.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Point {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
}

impl Point {
    fn ymd(year: i32, month: u8, day: u8) -> Point {
        Point {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        }
    }
    /// A year or a month alone: needs a word around it to be a date.
    fn is_bare(self) -> bool {
        self.day.is_none() && (self.month.is_none() || self.year.is_none())
    }
    fn same_shape(self, other: Point) -> bool {
        self.year.is_some() == other.year.is_some()
            && self.month.is_some() == other.month.is_some()
            && self.day.is_some() == other.day.is_some()
    }
    /// A real date (a partial one in some year).
    fn is_valid(self) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => d >= 1 && d <= days_in_month(self.year.unwrap_or(2000), m),
            (Some(m), None) => (1..=12).contains(&m),
            (None, Some(_)) => false,
            (None, None) => self.year.is_some(),
        }
    }
    fn value(self) -> Option<String> {
        Some(iso(
            i64::from(self.year?),
            self.month,
            self.month.and(self.day),
        ))
    }
    fn granularity(self) -> Granularity {
        match (self.month, self.day) {
            (_, Some(_)) => Granularity::Day,
            (Some(_), None) => Granularity::Month,
            _ => Granularity::Year,
        }
    }
}

/// Which way a weekday points from the release date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    /// "last Monday": strictly before.
    Last,
    /// "next Monday": strictly after.
    Next,
    /// "on Monday": by the sentence's tense.
    Tense,
}

/// A date relative to the release date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rel {
    /// Days after it ("yesterday": -1).
    Day(i64),
    /// Weeks after its week ("last week": -1), as a Monday–Sunday range.
    Week(i64),
    /// The weekend of the week so many weeks after its week.
    Weekend(i64),
    Month(i64),
    Quarter(i64),
    Year(i64),
    Weekday {
        weekday: u8,
        dir: Dir,
    },
    /// "last May" (-1), "this May" (0), "next May" (1).
    MonthName {
        month: u8,
        offset: i8,
    },
    /// "last summer", "this spring", "next winter".
    Season {
        part: Part,
        offset: i8,
    },
    /// A part of the year so many years after it ("the first half of next year").
    YearPart {
        years: i64,
        part: Part,
    },
    /// "a few days ago": relative, but with no one value.
    Vague,
}

/// What a candidate says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum What {
    Point(Point),
    Range(Point, Point),
    /// A season, quarter or half, with its year if stated.
    Part(Option<i32>, Part),
    /// A decade, as its first three digits (199 for the 1990s).
    Decade(i32),
    Rel(Rel),
}

/// A date expression found in the text, not yet resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Found {
    /// Where it is.
    span: Span,
    /// What it says.
    what: What,
    /// The name of the pattern that read it (`--explain`).
    pattern: &'static str,
}

impl Found {
    /// The year it states with at least a month, for dates that leave it out.
    fn stated_year(&self) -> Option<i32> {
        match self.what {
            What::Point(p) | What::Range(p, _) if p.month.is_some() => p.year,
            _ => None,
        }
    }
}

/// One parse: a mention, and a second one for pairs ("3 and 17 May 2020").
struct Match {
    first: Found,
    second: Option<Found>,
}

impl Match {
    fn one(found: Found) -> Match {
        Match {
            first: found,
            second: None,
        }
    }
    fn end(&self) -> usize {
        self.second.map_or(self.first.span.end, |s| s.span.end)
    }
    /// A single year or month, which a list may continue ("in 2018, 2019 and 2020").
    fn listable(&self) -> bool {
        self.second.is_none() && matches!(self.first.what, What::Point(p) if p.day.is_none())
    }
}

/// What the words before an expression allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    /// Nothing: only full dates.
    None,
    /// "in", "since", "until", "by", "during", "before", "after", "from", a list:
    /// a year or month alone is a date.
    Signal,
    /// "of", "for", "to": a year alone is a date only before punctuation.
    Weak,
    /// "between": a range with "and".
    Between,
}

/// Words classified while walking back from an anchor, by start, so the
/// parser need not classify them again.
#[derive(Default)]
struct Known {
    words: [(usize, Option<K>); BACK + 1],
    len: usize,
}

impl Known {
    fn push(&mut self, start: usize, kind: K) {
        if self.len < self.words.len() {
            self.words[self.len] = (start, Some(kind));
            self.len += 1;
        }
    }
    fn get(&self, start: usize) -> Option<K> {
        self.words[..self.len]
            .iter()
            .find(|w| w.0 == start)
            .and_then(|w| w.1)
    }
}

/// The date grammar over a window of at most [`WINDOW`] tokens, read
/// lazily: a token is read when the grammar first looks at it, a word
/// classified when the grammar first asks what it is. No allocation.
struct Parser<'t> {
    toks: [Cell<Tok>; WINDOW],
    /// Tokens read so far.
    len: Cell<usize>,
    /// Where reading goes on; `None` after the end or a blank line.
    next: Cell<Option<usize>>,
    /// Words already classified.
    known: Known,
    rules: &'t Rules,
    text: &'t str,
    order: DateOrder,
}

impl<'t> Parser<'t> {
    /// A parser reading `text` from byte `from`.
    fn new(
        rules: &'t Rules,
        text: &'t str,
        order: DateOrder,
        from: usize,
        known: Known,
    ) -> Parser<'t> {
        let empty = Tok {
            kind: K::Other,
            start: 0,
            end: 0,
            space: true,
        };
        Parser {
            toks: std::array::from_fn(|_| Cell::new(empty)),
            len: Cell::new(0),
            next: Cell::new(Some(from)),
            known,
            rules,
            text,
            order,
        }
    }
    /// Token `i`, read now if need be.
    #[inline]
    fn tok(&self, i: usize) -> Option<Tok> {
        if i < self.len.get() {
            return Some(self.toks[i].get());
        }
        self.read_to(i)
    }
    /// Reads tokens up to `i`.
    #[inline(never)]
    fn read_to(&self, i: usize) -> Option<Tok> {
        while i >= self.len.get() {
            let len = self.len.get();
            let at = self.next.get()?;
            if len == WINDOW {
                return None;
            }
            match self.rules.next_token(self.text, at) {
                Some(t) => {
                    self.toks[len].set(t);
                    self.len.set(len + 1);
                    self.next.set(Some(t.end));
                }
                None => {
                    self.next.set(None);
                    return None;
                }
            }
        }
        Some(self.toks[i].get())
    }
    /// A token already read (every index a parse returns is one).
    fn read(&self, i: usize) -> Tok {
        self.toks[i.min(WINDOW - 1)].get()
    }
    #[inline]
    fn kind(&self, i: usize) -> Option<K> {
        let t = self.tok(i)?;
        if matches!(t.kind, K::Pending) {
            return Some(self.classify_at(i, t));
        }
        Some(t.kind)
    }
    #[inline(never)]
    fn classify_at(&self, i: usize, mut t: Tok) -> K {
        t.kind = match self.known.get(t.start) {
            Some(k) => k,
            None => self.rules.classify(&self.text[t.start..t.end]),
        };
        self.toks[i].set(t);
        t.kind
    }
    fn key(&self, i: usize) -> Option<Kw> {
        match self.kind(i) {
            Some(K::Key(k)) => Some(k),
            _ => None,
        }
    }
    fn is(&self, i: usize, kw: Kw) -> bool {
        self.key(i) == Some(kw)
    }
    fn is_kind(&self, i: usize, kind: K) -> bool {
        self.kind(i) == Some(kind)
    }
    /// Whether token `i` can be part of a date: anything but an ordinary
    /// word, a bracket, a quotation mark or another symbol.
    fn may_be_inside(&self, i: usize) -> bool {
        !matches!(
            self.kind(i),
            None | Some(K::Word(_) | K::Open | K::Close | K::Other | K::Apostrophe | K::Colon)
        )
    }
    /// Token `i` starts with a capital letter.
    fn capitalised(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| self.text[t.start..].starts_with(char::is_uppercase))
    }
    /// Token `i` follows the previous one with no space.
    fn tight(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space)
    }
    fn found(&self, a: usize, b: usize, what: What) -> Found {
        Found {
            span: Span::new(self.read(a).start, self.read(b - 1).end),
            what,
            pattern: self.pattern(a, b, what),
        }
    }
    /// The name of the pattern tokens `a..b` saying `what` follow, as
    /// `--explain` shows it: "day month year" ("20 May 2020"), "month day
    /// year" ("May 20, 2020"), "numeric date" ("20.05.2020"), "range of days"
    /// ("20-22 May 2020"), "relative: yesterday"…
    fn pattern(&self, a: usize, b: usize, what: What) -> &'static str {
        let first = |want: fn(K) -> bool| (a..b).find(|&i| self.kind(i).is_some_and(want));
        let month = first(|k| matches!(k, K::Month(_)));
        let number = first(|k| matches!(k, K::Num(..) | K::Ordinal(_)));
        match what {
            What::Point(p) => match (p.day, p.month, p.year, month) {
                (Some(_), _, _, None) => {
                    if matches!(number.and_then(|i| self.kind(i)), Some(K::Num(_, 4))) {
                        "numeric year month day"
                    } else {
                        "numeric date"
                    }
                }
                (Some(_), _, Some(_), Some(m)) if number.is_some_and(|n| n < m) => "day month year",
                (Some(_), _, Some(_), Some(_)) => "month day year",
                (Some(_), _, None, Some(m)) if number.is_some_and(|n| n < m) => "day month",
                (Some(_), _, None, Some(_)) => "month day",
                (None, Some(_), Some(_), _) => "month year",
                (None, Some(_), None, _) => "month",
                _ => "year",
            },
            What::Range(p, _) if p.day.is_some() => "range of days",
            What::Range(p, _) if p.month.is_some() => "range of months",
            What::Range(..) => "range of years",
            What::Part(_, Part::Quarter(_)) => "quarter",
            What::Part(_, Part::Half(_)) => "half year",
            What::Part(..) => "season",
            What::Decade(_) => "decade",
            What::Rel(rel) => match rel {
                Rel::Day(-1) => "relative: yesterday",
                Rel::Day(0) => "relative: today",
                Rel::Day(1) => "relative: tomorrow",
                Rel::Day(_) => "relative: days",
                Rel::Week(_) => "relative: week",
                Rel::Weekend(_) => "relative: weekend",
                Rel::Month(_) => "relative: month",
                Rel::Quarter(_) => "relative: quarter",
                Rel::Year(_) => "relative: year",
                Rel::Weekday { .. } => "relative: weekday",
                Rel::MonthName { .. } => "relative: month name",
                Rel::Season { .. } => "relative: season",
                Rel::YearPart { .. } => "relative: part of year",
                Rel::Vague => "relative: vague",
            },
        }
    }
    fn one(&self, a: usize, b: usize, what: What) -> Option<(Match, usize)> {
        Some((Match::one(self.found(a, b, what)), b))
    }

    /// Number `i` is stuck to a word or symbol before it: "COVID-19", "I-24", "+7", "$2020".
    fn glued(&self, i: usize) -> bool {
        if i == 0 || !self.tight(i) {
            return false;
        }
        match self.kind(i - 1) {
            Some(K::Other | K::Apostrophe) => true,
            Some(K::Dash | K::Slash | K::Dot | K::Colon) => {
                i >= 2 && self.tight(i - 1) && matches!(self.kind(i - 2), Some(K::Word(_)))
            }
            _ => false,
        }
    }

    /// Tokens `a..b` are not part of a longer chain of numbers ("12-05-2020-11", "7 2020-2021").
    fn clean_edges(&self, a: usize, b: usize) -> bool {
        let sep = |k: Option<K>| matches!(k, Some(K::Dash | K::Slash | K::Dot | K::Colon));
        let number = |k: Option<K>| matches!(k, Some(K::Num(..) | K::Amount));
        let before = a >= 2
            && self.tight(a)
            && sep(self.kind(a - 1))
            && self.tight(a - 1)
            && number(self.kind(a - 2));
        let after =
            sep(self.kind(b)) && self.tight(b) && number(self.kind(b + 1)) && self.tight(b + 1);
        !before && !after
    }

    /// Number `i` is a time ("12:00") or a decimal ("3.5").
    fn time_or_decimal(&self, i: usize) -> bool {
        matches!(self.kind(i + 1), Some(K::Colon | K::Dot))
            && self.tight(i + 1)
            && matches!(self.kind(i + 2), Some(K::Num(..)))
            && self.tight(i + 2)
    }

    /// A day of the month: "20", "3rd".
    fn day(&self, i: usize) -> Option<(u8, usize)> {
        match self.kind(i)? {
            K::Num(v, d)
                if d <= 2
                    && (1..=31).contains(&v)
                    && !self.glued(i)
                    && !self.time_or_decimal(i) =>
            {
                Some((v as u8, i + 1))
            }
            K::Ordinal(v) if (1..=31).contains(&v) && !self.glued(i) => Some((v as u8, i + 1)),
            _ => None,
        }
    }

    /// A month name, with the full stop of an abbreviation: (month, next, abbreviation).
    fn month(&self, i: usize) -> Option<(u8, usize, bool)> {
        let K::Month(n) = self.kind(i)? else {
            return None;
        };
        let mut e = i + 1;
        if n.abbreviation && self.is_kind(e, K::Dot) && self.tight(e) {
            e += 1;
        }
        Some((n.value, e, n.abbreviation))
    }

    /// A four-digit year in `lo..=hi`.
    fn year(&self, i: usize, lo: u32, hi: u32) -> Option<(i32, usize)> {
        match self.kind(i)? {
            K::Num(v, 4)
                if (lo..=hi).contains(&v) && !self.glued(i) && !self.time_or_decimal(i) =>
            {
                Some((v as i32, i + 1))
            }
            _ => None,
        }
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.kind(i)? {
            K::Num(v, d) => Some((v, d)),
            _ => None,
        }
    }

    /// "20.05.2020", "16/06/2021", "2020-05-20".
    fn numeric(&self, i: usize) -> Option<(Point, usize)> {
        let (a, da) = self.num(i)?;
        let sep = self.kind(i + 1)?;
        if !matches!(sep, K::Dot | K::Slash | K::Dash) || !self.tight(i + 1) || self.glued(i) {
            return None;
        }
        let (b, db) = self.num(i + 2).filter(|_| self.tight(i + 2))?;
        if self.kind(i + 3) != Some(sep) || !self.tight(i + 3) || !self.tight(i + 4) {
            return None;
        }
        let (c, dc) = self.num(i + 4)?;
        let date = if da == 4 && db <= 2 && dc <= 2 {
            Date::new(a as i32, b as u8, c as u8)
        } else if da <= 2 && db <= 2 && dc == 4 && (1000..=2999).contains(&c) {
            let dmy = Date::new(c as i32, b as u8, a as u8);
            let mdy = Date::new(c as i32, a as u8, b as u8);
            match self.order {
                DateOrder::Dmy => dmy.or(mdy),
                DateOrder::Mdy => mdy.or(dmy),
            }
        } else {
            None
        }?;
        Some((Point::ymd(date.year(), date.month(), date.day()), i + 5))
    }

    /// A date with a day: numeric, day first or month first, year optional.
    fn dated(&self, i: usize) -> Option<(Point, usize)> {
        if let Some(r) = self.numeric(i) {
            return Some(r);
        }
        let with_year = |p: Point, at: usize, end: usize| -> Option<(Point, usize)> {
            let mut y_at = at;
            if self.is_kind(at, K::Comma)
                || self.is(at, Kw::Of)
                || (self.is_kind(at, K::Dash) && self.tight(at) && self.tight(at + 1))
            {
                y_at = at + 1;
            }
            match self.year(y_at, 1000, 2999) {
                Some((y, e)) => {
                    let p = Point { year: Some(y), ..p };
                    p.is_valid().then_some((p, e))
                }
                None => p.is_valid().then_some((p, end)),
            }
        };
        if let Some((d, j)) = self.day(i) {
            let mut k = j;
            // "3rd of March", "20-May-2020", German "15. Juni".
            let stop = self.is_kind(k, K::Dot)
                && self.tight(k)
                && matches!(self.kind(k + 1), Some(K::Month(_)));
            if stop
                || self.is(k, Kw::Of)
                || (self.is_kind(k, K::Dash) && self.tight(k) && self.tight(k + 1))
            {
                k += 1;
            }
            let (m, e, _) = self.month(k)?;
            return with_year(
                Point {
                    year: None,
                    month: Some(m),
                    day: Some(d),
                },
                e,
                e,
            );
        }
        let (m, j, _) = self.month(i)?;
        let (d, k) = self.day(j)?;
        with_year(
            Point {
                year: None,
                month: Some(m),
                day: Some(d),
            },
            k,
            k,
        )
    }

    /// Any point: a dated one (maybe after a weekday), a month and year, and
    /// with `bare` a month or a year alone.
    fn point(&self, i: usize, bare: bool) -> Option<(Point, usize)> {
        if let Some(K::Weekday(n)) = self.kind(i) {
            let mut j = i + 1;
            if n.abbreviation && self.is_kind(j, K::Dot) && self.tight(j) {
                j += 1;
            }
            if self.is_kind(j, K::Comma) {
                j += 1;
            }
            if self.is(j, Kw::The) {
                j += 1;
            }
            return self.dated(j);
        }
        if let Some(r) = self.dated(i) {
            return Some(r);
        }
        if let Some((m, j, abbreviation)) = self.month(i) {
            let k = if self.is_kind(j, K::Comma) || self.is(j, Kw::Of) {
                j + 1
            } else {
                j
            };
            if let Some((y, e)) = self.year(k, 1000, 2999) {
                return Some((
                    Point {
                        year: Some(y),
                        month: Some(m),
                        day: None,
                    },
                    e,
                ));
            }
            return (bare && !abbreviation).then_some((
                Point {
                    year: None,
                    month: Some(m),
                    day: None,
                },
                j,
            ));
        }
        if bare {
            let (y, e) = self.year(i, 1800, 2099)?;
            return Some((
                Point {
                    year: Some(y),
                    month: None,
                    day: None,
                },
                e,
            ));
        }
        None
    }

    /// The token after a mention ends a clause: what a weak context needs.
    fn closes(&self, i: usize) -> bool {
        matches!(
            self.kind(i),
            None | Some(
                K::Comma | K::Dot | K::Colon | K::Close | K::Other | K::Key(Kw::And | Kw::Or)
            )
        )
    }

    /// A date or range starting at `i`.
    fn expr(&self, i: usize, ctx: Ctx) -> Option<(Match, usize)> {
        if let Some(r) = self.day_range(i, ctx) {
            return Some(r);
        }
        let (p1, j) = self.point(i, true)?;
        if let Some(r) = self.range_tail(i, p1, j, ctx) {
            return Some(r);
        }
        if ctx == Ctx::Between {
            return None;
        }
        // "in May and June 2020": the first month takes the second's year.
        if p1.month.is_some()
            && p1.year.is_none()
            && p1.day.is_none()
            && matches!(self.key(j), Some(Kw::And | Kw::Or))
        {
            if let Some((p2, e)) = self.point(j + 1, false) {
                if p2.day.is_none() && p2.year.is_some() && p2.month > p1.month {
                    let first = self.found(
                        i,
                        j,
                        What::Point(Point {
                            year: p2.year,
                            ..p1
                        }),
                    );
                    let second = self.found(j + 1, e, What::Point(p2));
                    return Some((
                        Match {
                            first,
                            second: Some(second),
                        },
                        e,
                    ));
                }
            }
        }
        if p1.is_bare() && ctx == Ctx::None {
            return None;
        }
        if p1.is_bare() && ctx == Ctx::Weak && !self.closes(j) {
            return None;
        }
        if !self.clean_edges(i, j) {
            return None;
        }
        self.one(i, j, What::Point(p1))
    }

    /// "20-22 May 2020", "from 20 to 22 May", "10 and 11 October 2018", "3 and 17 May".
    fn day_range(&self, i: usize, ctx: Ctx) -> Option<(Match, usize)> {
        let (d1, j) = self.day(i)?;
        let and = match self.kind(j)? {
            K::Dash | K::Key(Kw::To | Kw::Until) => false,
            K::Key(Kw::And) => true,
            _ => return None,
        };
        let k = j + 1;
        if !matches!(self.kind(k + 1), Some(K::Month(_) | K::Key(Kw::Of))) {
            return None;
        }
        let (p2, e) = self.dated(k)?;
        let d2 = p2.day?;
        let p1 = Point {
            day: Some(d1),
            ..p2
        };
        if !p1.is_valid() || !self.clean_edges(i, e) {
            return None;
        }
        if and && ctx != Ctx::Between && d2 != d1 + 1 {
            let first = self.found(i, j, What::Point(p1));
            let second = self.found(k, e, What::Point(p2));
            return Some((
                Match {
                    first,
                    second: Some(second),
                },
                e,
            ));
        }
        if d1 >= d2 {
            return None;
        }
        self.one(i, e, What::Range(p1, p2))
    }

    /// The end of a range whose start `p1` is tokens `i..j`: "– 22 May", "to March 2020", "-2023".
    fn range_tail(&self, i: usize, p1: Point, j: usize, ctx: Ctx) -> Option<(Match, usize)> {
        let year_only = p1.month.is_none() && p1.day.is_none();
        let slash = self.is_kind(j, K::Slash) && self.tight(j) && self.tight(j + 1) && year_only;
        match self.kind(j)? {
            K::Dash | K::Key(Kw::To | Kw::Until) => {}
            K::Key(Kw::And) if ctx == Ctx::Between => {}
            K::Slash if slash => {}
            _ => return None,
        }
        let k = j + 1;
        let mut p2 = None;
        if let Some((p, e)) = self.point(k, true) {
            p2 = Some((p, e));
        }
        // "May 20–22, 2020": the end is a day of the start's month.
        if p1.day.is_some() && p2.is_none_or(|(p, _)| p.day.is_none()) {
            if let Some((d, e)) = self.day(k) {
                let mut p = Point { day: Some(d), ..p1 };
                let mut end = e;
                let y_at = if self.is_kind(e, K::Comma) { e + 1 } else { e };
                if let Some((y, e2)) = self.year(y_at, 1000, 2999) {
                    p.year = Some(y);
                    end = e2;
                } else if p1.year.is_none() {
                    p.year = None;
                }
                p2 = Some((p, end));
            }
        }
        // "2020-21", "2019/20".
        if year_only && p2.is_none() && self.tight(j) && self.tight(k) {
            if let (Some(y1), Some((v, 2))) = (p1.year, self.num(k)) {
                let y2 = y1 - y1 % 100 + v as i32;
                p2 = Some((
                    Point {
                        year: Some(y2),
                        month: None,
                        day: None,
                    },
                    k + 1,
                ));
            }
        }
        let (mut b, e) = p2?;
        let mut a = p1;
        if a.year.is_none() {
            a.year = b.year;
        }
        if b.year.is_none() {
            b.year = a.year;
        }
        // Without a year, "28 December to 3 January" runs into the next year.
        let wraps = a.year.is_none() && a.day.is_some() && a.month > b.month;
        if !a.same_shape(b) || (a >= b && !wraps) || !a.is_valid() || !b.is_valid() {
            return None;
        }
        if slash && b.year != a.year.map(|y| y + 1) {
            return None;
        }
        if year_only && ctx == Ctx::None {
            // "7 2020-2021" is a phone number, "No. 2019-2020" a code.
            if i > 0 && matches!(self.kind(i - 1), Some(K::Num(..) | K::Amount | K::Other)) {
                return None;
            }
        }
        if !self.clean_edges(i, e) {
            return None;
        }
        self.one(i, e, What::Range(a, b))
    }

    /// A date starting at token `s`, with the words before it in `ctx`.
    fn unit(&self, s: usize, ctx: Ctx) -> Option<(Match, usize)> {
        match self.kind(s)? {
            K::Key(kw) => match kw {
                Kw::The => self.the(s, ctx),
                Kw::Early | Kw::Mid | Kw::Late => self.modified(s, s),
                Kw::Earlier | Kw::Later => self.later(s),
                Kw::End | Kw::Beginning | Kw::Middle => self.end_of(s, s),
                Kw::Last | Kw::Next | Kw::This | Kw::Coming | Kw::Current => self.relative(s, s),
                Kw::Today | Kw::Tonight | Kw::Yesterday | Kw::Tomorrow => self.deictic(s),
                Kw::Season(_) => self.season(s, s, ctx),
                Kw::QuarterCode(q) => self.code(s, Part::Quarter(q), ctx),
                Kw::HalfCode(h) => self.code(s, Part::Half(h), ctx),
                Kw::Unit(Unit::Year, false) => self.year_word(s, s),
                Kw::Fiscal if self.is(s + 1, Kw::Unit(Unit::Year, false)) => {
                    self.year_word(s + 1, s)
                }
                Kw::Few => self.ago(s),
                _ => None,
            },
            K::Count(_) => self.ago(s),
            K::Nth(_) => self.part(s, s, ctx),
            K::Num(..) => self.ago(s).or_else(|| self.expr(s, ctx)),
            K::Ordinal(_) => self.part(s, s, ctx).or_else(|| self.expr(s, ctx)),
            K::Decade(_) => self.decade(s, s),
            K::Weekday(_) => self.expr(s, ctx).or_else(|| self.weekday(s, Dir::Tense)),
            K::Month(_) => self.expr(s, ctx),
            _ => None,
        }
    }

    /// A date starting at token `s`, which may be a preposition; `list` when
    /// the mention just before may be continued ("2018, 2019 and 2020").
    fn at(&self, s: usize, list: bool) -> Option<(Match, usize)> {
        match self.kind(s)? {
            K::Key(
                Kw::In
                | Kw::Since
                | Kw::Until
                | Kw::During
                | Kw::By
                | Kw::Before
                | Kw::After
                | Kw::From,
            ) => self.unit(s + 1, Ctx::Signal),
            K::Key(Kw::Between) => self.expr(s + 1, Ctx::Between),
            K::Key(Kw::Of | Kw::For | Kw::To) => self.unit(s + 1, Ctx::Weak),
            K::Key(Kw::On) if matches!(self.kind(s + 1), Some(K::Weekday(_))) => {
                self.unit(s + 1, Ctx::None)
            }
            K::Comma | K::Key(Kw::And | Kw::Or) if list => {
                let k = if self.is_kind(s, K::Comma)
                    && matches!(self.key(s + 1), Some(Kw::And | Kw::Or))
                {
                    s + 2
                } else {
                    s + 1
                };
                self.unit(k, Ctx::Signal)
            }
            _ => self.unit(s, Ctx::None),
        }
    }

    /// After "the": "the 1990s", "the first quarter of 2020", "the end of
    /// 2019", "the summer of 2019", "the 2019 meeting", "the year 2019",
    /// "the day before yesterday", "the 3rd of March 2021".
    fn the(&self, s: usize, ctx: Ctx) -> Option<(Match, usize)> {
        let i = s + 1;
        match self.kind(i)? {
            K::Decade(_) => self.decade(i, i),
            K::Nth(_) => self.part(i, i, ctx),
            K::Ordinal(_) => self.part(i, i, ctx).or_else(|| self.expr(i, Ctx::None)),
            K::Key(Kw::Last) => self.part(i, i, ctx),
            K::Key(Kw::End | Kw::Beginning | Kw::Middle) => self.end_of(i, i),
            K::Key(Kw::Early | Kw::Mid | Kw::Late) => self.modified(i, i),
            K::Key(Kw::Season(_)) => self.season(i, i, ctx),
            K::Key(Kw::Current) => self.relative(i, i),
            K::Key(Kw::Unit(Unit::Year, false)) => self.year_word(i, i),
            K::Key(Kw::Unit(Unit::Day, false)) => {
                let n = match (self.key(i + 1), self.key(i + 2)) {
                    (Some(Kw::Before), Some(Kw::Yesterday)) => -2,
                    (Some(Kw::After), Some(Kw::Tomorrow)) => 2,
                    _ => return None,
                };
                self.one(i, i + 3, What::Rel(Rel::Day(n)))
            }
            K::Num(_, 4) => {
                // "the 2019 meeting", "the 2019-2020 period", not "the 2030 Agenda".
                let (m, e) = self.expr(i, Ctx::Signal)?;
                let year_like = match m.first.what {
                    What::Point(p) => p.month.is_none(),
                    What::Range(p, _) => p.month.is_none(),
                    _ => false,
                };
                (year_like && m.second.is_none() && self.is_kind(e, K::Word(false)))
                    .then_some((m, e))
            }
            _ => None,
        }
    }

    /// `inner` widened to start at token `start`.
    fn widen(&self, start: usize, inner: Option<(Match, usize)>) -> Option<(Match, usize)> {
        let (m, e) = inner?;
        if m.second.is_some() {
            return None;
        }
        let span = Span::new(self.read(start).start, m.first.span.end);
        Some((
            Match::one(Found {
                span,
                what: m.first.what,
                pattern: m.first.pattern,
            }),
            e,
        ))
    }

    /// "early 2020", "mid-2021", "late May", "the early 1990s", "late last year".
    fn modified(&self, s: usize, start: usize) -> Option<(Match, usize)> {
        let mut i = s + 1;
        if self.is_kind(i, K::Dash) && self.tight(i) {
            i += 1;
        }
        let inner = match self.kind(i)? {
            K::Num(_, 4) | K::Month(_) => self.expr(i, Ctx::Signal),
            K::Decade(_) => self.decade(i, i),
            K::Key(Kw::Last | Kw::Next | Kw::This) => self.relative(i, i),
            _ => None,
        };
        self.widen(start, inner)
    }

    /// "earlier this year", "later this month", "earlier in the year", "later today".
    fn later(&self, s: usize) -> Option<(Match, usize)> {
        let i = s + 1;
        let inner = match self.key(i)? {
            Kw::This => self.relative(i, i),
            Kw::Today | Kw::Tonight => self.deictic(i),
            Kw::In => match (self.key(i + 1), self.key(i + 2)) {
                (Some(Kw::The), Some(Kw::Unit(u, false))) => {
                    let rel = match u {
                        Unit::Week => Rel::Week(0),
                        Unit::Month => Rel::Month(0),
                        Unit::Year => Rel::Year(0),
                        Unit::Day => Rel::Day(0),
                        Unit::Weekend => return None,
                    };
                    self.one(i + 1, i + 3, What::Rel(rel))
                }
                _ => self.unit(i + 1, Ctx::Signal),
            },
            _ => None,
        };
        self.widen(s, inner)
    }

    /// "end of 2020", "the beginning of May", "the end of the year", "the middle of next month".
    fn end_of(&self, s: usize, start: usize) -> Option<(Match, usize)> {
        if !self.is(s + 1, Kw::Of) {
            return None;
        }
        let i = s + 2;
        let inner = match self.kind(i)? {
            K::Num(_, 4) | K::Month(_) => self.expr(i, Ctx::Signal),
            K::Key(Kw::This | Kw::Last | Kw::Next | Kw::Current) => self.relative(i, i),
            K::Key(Kw::The) => match self.kind(i + 1)? {
                K::Key(Kw::Unit(u, false)) => {
                    let rel = match u {
                        Unit::Week => Rel::Week(0),
                        Unit::Month => Rel::Month(0),
                        Unit::Year => Rel::Year(0),
                        Unit::Day | Unit::Weekend => return None,
                    };
                    self.one(i, i + 2, What::Rel(rel))
                }
                K::Decade(_) => self.decade(i + 1, i + 1),
                _ => None,
            },
            _ => None,
        };
        self.widen(start, inner)
    }

    /// "last week", "next year", "this month", "last Monday", "next May",
    /// "this summer", "the current year"; not "the last year" (a duration).
    fn relative(&self, s: usize, start: usize) -> Option<(Match, usize)> {
        let kw = self.key(s)?;
        if s > 0 && self.is(s - 1, Kw::The) && kw != Kw::Current {
            return None;
        }
        let mut offset: i64 = match kw {
            Kw::Last => -1,
            Kw::Next | Kw::Coming => 1,
            _ => 0,
        };
        let mut i = s + 1;
        if kw == Kw::This && self.is(i, Kw::Coming) {
            offset = 1;
            i += 1;
        }
        let rel = match self.kind(i)? {
            K::Key(Kw::Unit(u, false)) => match u {
                Unit::Week => Rel::Week(offset),
                Unit::Weekend => Rel::Weekend(offset),
                Unit::Month => Rel::Month(offset),
                Unit::Year => Rel::Year(offset),
                Unit::Day => return None,
            },
            K::Key(Kw::Quarter) => Rel::Quarter(offset),
            K::Key(Kw::Season(part)) if kw != Kw::Current => Rel::Season {
                part,
                offset: offset as i8,
            },
            K::Weekday(n) if !n.abbreviation && kw != Kw::Current => {
                let dir = match offset {
                    -1 => Dir::Last,
                    1 => Dir::Next,
                    _ => Dir::Tense,
                };
                Rel::Weekday {
                    weekday: n.value,
                    dir,
                }
            }
            K::Month(n) if !n.abbreviation && kw != Kw::Current => Rel::MonthName {
                month: n.value,
                offset: offset as i8,
            },
            K::Key(Kw::Night) if kw == Kw::Last => Rel::Day(-1),
            K::Key(Kw::DayPart) if kw == Kw::This => Rel::Day(0),
            _ => return None,
        };
        self.one(start, i + 1, What::Rel(rel))
    }

    /// "today", "yesterday", "tomorrow", "tonight", "yesterday morning";
    /// not "USA Today" nor "in today's world".
    fn deictic(&self, s: usize) -> Option<(Match, usize)> {
        let kw = self.key(s)?;
        if s > 0 && self.capitalised(s) && self.is_kind(s - 1, K::Word(true)) {
            return None;
        }
        if kw == Kw::Today
            && s > 0
            && matches!(self.key(s - 1), Some(Kw::In | Kw::Of))
            && self.is_kind(s + 1, K::Apostrophe)
        {
            return None;
        }
        let n = match kw {
            Kw::Yesterday => -1,
            Kw::Tomorrow => 1,
            _ => 0,
        };
        let mut e = s + 1;
        if matches!(self.key(e), Some(Kw::DayPart | Kw::Night)) {
            e += 1;
        }
        self.one(s, e, What::Rel(Rel::Day(n)))
    }

    /// A weekday alone: "(on) Monday", "Friday morning"; not "Black Friday".
    fn weekday(&self, s: usize, dir: Dir) -> Option<(Match, usize)> {
        let K::Weekday(n) = self.kind(s)? else {
            return None;
        };
        if n.abbreviation {
            return None;
        }
        if s > 0 && matches!(self.kind(s - 1), Some(K::Word(true) | K::Key(Kw::The))) {
            return None;
        }
        let mut e = s + 1;
        if matches!(self.key(e), Some(Kw::DayPart | Kw::Night)) {
            e += 1;
        }
        self.one(
            s,
            e,
            What::Rel(Rel::Weekday {
                weekday: n.value,
                dir,
            }),
        )
    }

    /// "two days ago", "a year ago", "a few weeks ago".
    fn ago(&self, s: usize) -> Option<(Match, usize)> {
        let (n, i) = match self.kind(s)? {
            K::Num(v, d) if d <= 3 && (1..=500).contains(&v) && !self.glued(s) => (Some(v), s + 1),
            K::Count(1) if self.is(s + 1, Kw::Few) => (None, s + 2),
            K::Count(v) if v >= 1 => (Some(v), s + 1),
            K::Key(Kw::Few) => (None, s + 1),
            _ => return None,
        };
        let Some(Kw::Unit(unit, plural)) = self.key(i) else {
            return None;
        };
        if !self.is(i + 1, Kw::Ago) || plural != (n != Some(1)) {
            return None;
        }
        let rel = match n.map(i64::from) {
            None => Rel::Vague,
            Some(n) => match unit {
                Unit::Day => Rel::Day(-n),
                Unit::Week => Rel::Week(-n),
                Unit::Month => Rel::Month(-n),
                Unit::Year => Rel::Year(-n),
                Unit::Weekend => return None,
            },
        };
        self.one(s, i + 2, What::Rel(rel))
    }

    /// "spring 2022", "the summer of 2019", "(in the) autumn".
    fn season(&self, s: usize, start: usize, ctx: Ctx) -> Option<(Match, usize)> {
        let Some(Kw::Season(part)) = self.key(s) else {
            return None;
        };
        let i = if self.is(s + 1, Kw::Of) { s + 2 } else { s + 1 };
        if let Some((y, e)) = self.year(i, 1800, 2099) {
            return self.one(start, e, What::Part(Some(y), part));
        }
        (ctx == Ctx::Signal && i == s + 1)
            .then(|| self.one(start, s + 1, What::Part(None, part)))?
    }

    /// "first quarter of 2020", "the second half of 2021", "the last quarter
    /// of the year", "in the first quarter"; not "the first half of the session".
    fn part(&self, s: usize, start: usize, ctx: Ctx) -> Option<(Match, usize)> {
        let n = match self.kind(s)? {
            K::Nth(n) | K::Ordinal(n) => n,
            K::Key(Kw::Last) => 0,
            _ => return None,
        };
        let part = match (self.key(s + 1)?, n) {
            (Kw::Quarter, 0) => Part::Quarter(4),
            (Kw::Quarter, 1..=4) => Part::Quarter(n as u8),
            (Kw::Half, 0) => Part::Half(2),
            (Kw::Half, 1..=2) => Part::Half(n as u8),
            _ => return None,
        };
        let j = s + 2;
        if self.is(j, Kw::Of) {
            if let Some((y, e)) = self.year(j + 1, 1800, 2099) {
                return self.one(start, e, What::Part(Some(y), part));
            }
            let years = match (self.key(j + 1)?, self.key(j + 2)?) {
                (Kw::The | Kw::This | Kw::Current, Kw::Unit(Unit::Year, false)) => 0,
                (Kw::Last, Kw::Unit(Unit::Year, false)) => -1,
                (Kw::Next, Kw::Unit(Unit::Year, false)) => 1,
                _ => return None,
            };
            return self.one(start, j + 3, What::Rel(Rel::YearPart { years, part }));
        }
        if let Some((y, e)) = self.year(j, 1800, 2099) {
            return self.one(start, e, What::Part(Some(y), part));
        }
        (ctx == Ctx::Signal).then(|| self.one(start, j, What::Part(None, part)))?
    }

    /// "Q1 2020", "H2/2021", "in Q3".
    fn code(&self, s: usize, part: Part, ctx: Ctx) -> Option<(Match, usize)> {
        let mut i = s + 1;
        if matches!(self.kind(i), Some(K::Slash | K::Dash)) && self.tight(i) {
            i += 1;
        }
        if let Some((y, e)) = self.year(i, 1800, 2099) {
            return self.one(s, e, What::Part(Some(y), part));
        }
        (ctx == Ctx::Signal).then(|| self.one(s, s + 1, What::Part(None, part)))?
    }

    /// "year 2019", "the year 2019", "Financial Year 2023".
    fn year_word(&self, s: usize, start: usize) -> Option<(Match, usize)> {
        let (y, e) = self.year(s + 1, 1800, 2099)?;
        self.one(
            start,
            e,
            What::Point(Point {
                year: Some(y),
                month: None,
                day: None,
            }),
        )
    }

    /// "1990s", "the 1990s".
    fn decade(&self, s: usize, start: usize) -> Option<(Match, usize)> {
        let K::Decade(v) = self.kind(s)? else {
            return None;
        };
        (1800..=2090)
            .contains(&v)
            .then(|| self.one(start, s + 1, What::Decade(v as i32 / 10)))?
    }
}

/// Every date expression in `text`, in text order. Pure: no release date,
/// no clock; `order` says how to read all-numeric dates.
fn find(text: &str, rules: &Rules, order: DateOrder) -> Vec<Found> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut anchors = Vec::new();
    rules.anchors.all(text, &mut anchors);
    // End of the last mention, and whether a list may continue it.
    let mut last_end = 0;
    let mut listable = false;
    for (i, e) in anchors {
        if i < last_end {
            continue;
        }
        // Only runs of 1, 2 or 4 digits can be part of a date ("100 days ago"
        // is anchored at "ago"), and none glued to a word by a hyphen
        // ("COVID-19") unless the word is "mid" ("mid-2021").
        if b[i].is_ascii_digit()
            && (!matches!(e - i, 1 | 2 | 4) || glued_to_word(b, i) || digit_group(b, e))
        {
            continue;
        }
        if let Some(m) = try_anchor(text, i, rules, order, last_end, listable) {
            last_end = m.end();
            listable = m.listable();
            out.push(m.first);
            out.extend(m.second);
        }
    }
    out
}

/// The digits ending at `e` go on as a group of thousands ("2,500", "1.000").
fn digit_group(b: &[u8], e: usize) -> bool {
    e + 4 <= b.len()
        && matches!(b[e], b',' | b'.')
        && b[e + 1..e + 4].iter().all(u8::is_ascii_digit)
        && b.get(e + 4).is_none_or(|c| !c.is_ascii_digit())
}

/// Digits at `i` follow a hyphen that follows an ASCII word other than "mid".
fn glued_to_word(b: &[u8], i: usize) -> bool {
    if i < 2 || b[i - 1] != b'-' || !b[i - 2].is_ascii_alphabetic() {
        return false;
    }
    let start = b[..i - 1]
        .iter()
        .rposition(|c| !c.is_ascii_alphanumeric())
        .map_or(0, |p| p + 1);
    !b[start..i - 1].eq_ignore_ascii_case(b"mid")
}

/// The longest date covering the anchor at byte `pos` and starting at or after `min_start`.
fn try_anchor(
    text: &str,
    pos: usize,
    rules: &Rules,
    order: DateOrder,
    min_start: usize,
    listable: bool,
) -> Option<Match> {
    // The tokens before the anchor give context even before `min_start`,
    // but no mention may start there.
    let mut known = Known::default();
    let from = rules.back_start(text, pos, BACK, min_start, &mut known);
    let parser = Parser::new(rules, text, order, from, known);
    let mut anchor = 0;
    loop {
        let t = parser.tok(anchor)?;
        if t.start >= pos {
            if t.start > pos {
                return None;
            }
            break;
        }
        anchor += 1;
    }
    // A date is made of grammar words, names, numbers and a few marks, never
    // of an ordinary word or a bracket: no start before the nearest one helps.
    let mut lo = anchor;
    while lo > 0 && parser.read(lo - 1).start >= min_start && parser.may_be_inside(lo - 1) {
        lo -= 1;
    }
    // A list goes on from a separator right after the last mention
    // ("2018, 2019 and 2020"): separators may be inside, so `lo` reaches it.
    for s in lo..=anchor {
        let list = listable && s > 0 && parser.read(s - 1).end == min_start;
        if let Some((m, _)) = parser.at(s, list) {
            if m.end() > pos {
                return Some(m);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// The release date from a dateline.

/// The release date a dateline at the top of `text` gives, if any: a full
/// date among the first three non-blank lines that stands alone on its line
/// ("17 April 2015", "20.05.2020 12:00"), or follows a place or byline and a
/// separator ("Tashkent, 15 June 2022 –", "by A. Writer | Sep 29, 2022") and
/// is followed by nothing or a separator. "On 20 May 2020, …" is not one.
#[cfg(test)]
fn dateline(text: &str, found: &[Found]) -> Option<Date> {
    dateline_at(text, found).map(|(_, date)| date)
}

/// [`dateline`], with the index in `found` of the date it was read from.
fn dateline_at(text: &str, found: &[Found]) -> Option<(usize, Date)> {
    let mut head_end = text.len();
    let mut lines = 0;
    let mut at = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            lines += 1;
            if lines == 3 {
                head_end = at + line.len();
                break;
            }
        }
        at += line.len() + 1;
    }
    for (i, f) in found.iter().enumerate() {
        if f.span.start >= head_end {
            break;
        }
        let What::Point(Point {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        }) = f.what
        else {
            continue;
        };
        let line_start = text[..f.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[f.span.end..]
            .find('\n')
            .map_or(text.len(), |i| f.span.end + i);
        let before = text[line_start..f.span.start].trim_end();
        let after = text[f.span.end..line_end].trim_start();
        let separators = [',', '–', '—', '-', '|', ':', '/', '(', '•', '·'];
        let before_ok =
            before.is_empty() || (before.chars().count() <= 60 && before.ends_with(separators));
        let after_ok = after.is_empty()
            || after.starts_with(separators)
            || after.starts_with(|c: char| c.is_ascii_digit());
        if before_ok && after_ok {
            return Date::new(y, m, d).map(|date| (i, date));
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Resolution.

/// Whether `word` (any case) tells of the future (`Some(true)`) or of the
/// past (`Some(false)`), or neither.
fn tense_of(word: &str) -> Option<bool> {
    let mut buf = [0u8; 12];
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"will" | b"shall" | b"scheduled" | b"upcoming" | b"forthcoming" | b"planned"
        | b"plans" | b"plan" | b"expected" | b"expects" | b"intends" | b"next" | b"tomorrow"
        | b"soon" | b"coming" | b"ll" => Some(true),
        b"was" | b"were" | b"had" | b"did" | b"held" | b"took" | b"met" | b"said" | b"ago"
        | b"yesterday" | b"last" | b"visited" | b"attended" | b"signed" | b"opened" | b"closed"
        | b"discussed" | b"welcomed" | b"concluded" | b"participated" | b"hosted" | b"chaired"
        | b"agreed" | b"adopted" | b"noted" | b"stressed" | b"ended" | b"began" | b"started" => {
            Some(false)
        }
        _ => None,
    }
}

/// The tense of the sentence around `span`, from the cue word nearest to it:
/// `Some(true)` future, `Some(false)` past, `None` no cue.
fn future_tense(text: &str, span: Span) -> Option<bool> {
    let b = text.as_bytes();
    let boundary = |i: usize| {
        matches!(b.get(i), Some(b'.' | b'!' | b'?'))
            && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
    };
    let mut lo = span.start;
    while lo > 0
        && span.start - lo < 400
        && !boundary(lo - 1)
        && !(b[lo - 1] == b'\n' && lo >= 2 && b[lo - 2] == b'\n')
    {
        lo -= 1;
    }
    let mut hi = span.end;
    while hi < b.len()
        && hi - span.end < 400
        && !boundary(hi)
        && !(b[hi] == b'\n' && b.get(hi + 1) == Some(&b'\n'))
    {
        hi += 1;
    }
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let mut best: Option<(usize, bool)> = None;
    let mut i = lo;
    while i < hi {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let e = word_end(text, i).min(hi);
        let word = &text[i..e];
        let distance = if e <= span.start {
            span.start - e
        } else {
            i.saturating_sub(span.end)
        };
        if let Some(t) = tense_of(word) {
            if !(span.start..span.end).contains(&i) && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, t));
            }
        }
        i = e.max(i + 1);
    }
    best.map(|(_, t)| t)
}

/// Where the missing year of a partial date comes from.
struct YearSource<'a> {
    text: &'a str,
    anchor: Option<Date>,
    /// (position, year) of every date that states its year.
    stated: Vec<(usize, i32)>,
}

impl YearSource<'_> {
    /// The year for a partial date starting at `p` (month and day given when known).
    fn year_for(&self, span: Span, month: Option<u8>, day: Option<u8>) -> Option<i32> {
        if let Some(a) = self.anchor {
            let y = a.year();
            // A past-tense "28 December" in a release of 5 January is last year's.
            let m = month.unwrap_or(1);
            let d = day.unwrap_or(1).min(days_in_month(y, m));
            let Some(date) = Date::new(y, m, d) else {
                return Some(y);
            };
            let gap = date.to_days() - a.to_days();
            if gap.abs() > 31 {
                match future_tense(self.text, span) {
                    Some(false) if gap > 0 => return Some(y - 1),
                    Some(true) if gap < 0 => return Some(y + 1),
                    _ => {}
                }
            }
            return Some(y);
        }
        let before = self.stated.iter().rev().find(|(pos, _)| *pos < span.start);
        let after = self.stated.iter().find(|(pos, _)| *pos > span.start);
        before.or(after).map(|(_, y)| *y)
    }
}

/// Appends `v` with at least `width` digits; `format!` is slow for something done per mention.
fn push_number(out: &mut String, v: i64, width: usize) {
    if v < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut x = v.unsigned_abs();
    loop {
        digits[n] = b'0' + (x % 10) as u8;
        n += 1;
        x /= 10;
        if x == 0 {
            break;
        }
    }
    for _ in n..width {
        out.push('0');
    }
    for &d in digits[..n].iter().rev() {
        out.push(char::from(d));
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn iso(year: i64, month: Option<u8>, day: Option<u8>) -> String {
    let mut out = String::with_capacity(21);
    push_number(&mut out, year, 4);
    if let Some(m) = month {
        out.push('-');
        push_number(&mut out, i64::from(m), 2);
        if let Some(d) = day {
            out.push('-');
            push_number(&mut out, i64::from(d), 2);
        }
    }
    out
}

fn day_value(d: Date) -> String {
    iso(i64::from(d.year()), Some(d.month()), Some(d.day()))
}

/// `YYYY-XX` for a TIMEX3 part of a year.
fn part_value(year: i64, part: Part) -> String {
    let mut out = iso(year, None, None);
    out.push('-');
    out.push_str(part.code());
    out
}

fn range_value(a: Date, b: Date) -> String {
    let mut out = day_value(a);
    out.push('/');
    out.push_str(&day_value(b));
    out
}

/// The value of a date relative to `anchor`.
fn relative_value(rel: Rel, anchor: Date, text: &str, span: Span) -> Option<String> {
    let monday = anchor.add_days(1 - i64::from(anchor.weekday()));
    Some(match rel {
        Rel::Day(n) => day_value(anchor.add_days(n)),
        Rel::Week(n) => {
            let start = monday.add_days(7 * n);
            range_value(start, start.add_days(6))
        }
        Rel::Weekend(n) => {
            let saturday = monday.add_days(7 * n + 5);
            range_value(saturday, saturday.add_days(1))
        }
        Rel::Month(n) => {
            let (y, m) = shift_month(anchor.year(), anchor.month(), n);
            iso(i64::from(y), Some(m), None)
        }
        Rel::Quarter(n) => {
            let (y, m) = shift_month(anchor.year(), anchor.month(), 3 * n);
            part_value(i64::from(y), Part::Quarter((m - 1) / 3 + 1))
        }
        Rel::Year(n) => iso(i64::from(anchor.year()) + n, None, None),
        Rel::Weekday { weekday, dir } => {
            let back = (i64::from(anchor.weekday()) - i64::from(weekday)).rem_euclid(7);
            let ahead = (i64::from(weekday) - i64::from(anchor.weekday())).rem_euclid(7);
            let future = match dir {
                Dir::Last => false,
                Dir::Next => true,
                Dir::Tense => future_tense(text, span) == Some(true),
            };
            let n = match (dir, future) {
                (Dir::Last, _) => -(if back == 0 { 7 } else { back }),
                (_, true) => {
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                (_, false) => -back,
            };
            day_value(anchor.add_days(n))
        }
        Rel::MonthName { month, offset } => {
            let y = anchor.year();
            let y = match offset {
                -1 if month < anchor.month() => y,
                -1 => y - 1,
                1 if month > anchor.month() => y,
                1 => y + 1,
                _ => y,
            };
            iso(i64::from(y), Some(month), None)
        }
        Rel::Season { part, offset } => {
            // Season `y` runs from month `first` of `y` for three months (winter into `y + 1`).
            let first: i64 = match part {
                Part::Spring => 3,
                Part::Summer => 6,
                Part::Autumn => 9,
                _ => 12,
            };
            let now = i64::from(anchor.year()) * 12 + i64::from(anchor.month()) - 1;
            let starts = |y: i64| y * 12 + first - 1;
            let ay = i64::from(anchor.year());
            let year = match offset {
                // The last one over before the release, the first one begun after it.
                -1 => (ay - 2..=ay)
                    .rev()
                    .find(|&y| starts(y) + 2 < now)
                    .unwrap_or(ay - 2),
                1 => (ay..=ay + 1).find(|&y| starts(y) > now).unwrap_or(ay + 1),
                // "this winter" in January is the one that began in December.
                _ if part == Part::Winter && anchor.month() <= 2 => ay - 1,
                _ => ay,
            };
            part_value(year, part)
        }
        Rel::YearPart { years, part } => part_value(i64::from(anchor.year()) + years, part),
        Rel::Vague => return None,
    })
}

/// Turns candidates into mentions: relative dates against `anchor` (the
/// release date), partial ones with the year their context gives.
fn resolve(text: &str, found: &[Found], anchor: Option<Date>) -> Vec<DateMention> {
    let years = YearSource {
        text,
        anchor,
        stated: found
            .iter()
            .filter_map(|f| f.stated_year().map(|y| (f.span.start, y)))
            .collect(),
    };
    let unresolved = |span| DateMention {
        span,
        value: None,
        granularity: Granularity::Relative,
        why: Why::Unknown,
    };
    let mut out: Vec<DateMention> = found
        .iter()
        .map(|f| {
            let span = f.span;
            match f.what {
                What::Point(p) => {
                    let mut p = p;
                    if p.year.is_none() {
                        p.year = years.year_for(span, p.month, p.day);
                    }
                    match p.value().filter(|_| p.is_valid()) {
                        Some(v) => DateMention {
                            span,
                            value: Some(v),
                            granularity: p.granularity(),
                            why: Why::Unknown,
                        },
                        None => unresolved(span),
                    }
                }
                What::Range(a, b) => {
                    let (mut a, mut b) = (a, b);
                    if a.year.is_none() {
                        // The end's year; "28 December to 3 January" starts the year before.
                        let Some(y) = years.year_for(span, b.month, b.day) else {
                            return unresolved(span);
                        };
                        a.year = Some(y);
                        b.year = Some(y);
                        if b < a {
                            a.year = Some(y - 1);
                        }
                    }
                    match (a.value(), b.value()) {
                        (Some(mut x), Some(y)) if a.is_valid() && b.is_valid() => {
                            x.push('/');
                            x.push_str(&y);
                            DateMention {
                                span,
                                value: Some(x),
                                granularity: Granularity::Range,
                                why: Why::Unknown,
                            }
                        }
                        _ => unresolved(span),
                    }
                }
                What::Part(year, part) => match year.or_else(|| years.year_for(span, None, None)) {
                    Some(y) => DateMention {
                        span,
                        value: Some(part_value(i64::from(y), part)),
                        granularity: Granularity::Month,
                        why: Why::Unknown,
                    },
                    None => unresolved(span),
                },
                What::Decade(d) => {
                    let mut value = iso(i64::from(d), None, None);
                    value.remove(0);
                    value.push('X');
                    DateMention {
                        span,
                        value: Some(value),
                        granularity: Granularity::Year,
                        why: Why::Unknown,
                    }
                }
                What::Rel(rel) => DateMention {
                    span,
                    value: anchor.and_then(|a| relative_value(rel, a, text, span)),
                    granularity: Granularity::Relative,
                    why: Why::Unknown,
                },
            }
        })
        .collect();
    for (m, f) in out.iter_mut().zip(found) {
        m.why = Why::Rule(f.pattern);
    }
    out
}

/// Adds `dates` to `doc` and, when no release date was given, takes one from
/// a dateline (`published` then says `dateline`).
pub fn tag(doc: &mut Document, rules: &Rules, options: &Options) {
    let end = doc.content_end();
    let text = &doc.text[..end];
    let found = find(text, rules, options.date_order);
    let mut from_dateline = None;
    let published = match doc.published {
        Some(p) => Some(p),
        None => dateline_at(text, &found).map(|(i, date)| {
            from_dateline = Some(i);
            Published {
                date,
                from: PublishedFrom::Dateline,
            }
        }),
    };
    let mut dates = resolve(text, &found, published.map(|p| p.date));
    if let Some(m) = from_dateline.and_then(|i| dates.get_mut(i)) {
        m.why = Why::Rule("dateline");
    }
    // A mention is inside one sentence: when the splitter cut inside a date
    // ("10@Nov. 2021", no dateline to it), the date goes, not the sentence.
    dates.retain(|d| doc.within_sentence(d.span));
    doc.published = published;
    doc.dates = dates;
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: &str = "day";
    const MONTH: &str = "month";
    const YEAR: &str = "year";
    const RANGE: &str = "range";
    const REL: &str = "relative";

    fn rules() -> Rules {
        Rules::build(&Gazetteers::builtin()).expect("built-in rules")
    }

    /// What `tag` does, on a bare text: (mention, value, granularity).
    fn run(
        r: &Rules,
        text: &str,
        release: Option<&str>,
        order: DateOrder,
    ) -> Vec<(String, Option<String>, &'static str)> {
        let found = find(text, r, order);
        let anchor = release
            .and_then(Date::parse_iso)
            .or_else(|| dateline(text, &found));
        resolve(text, &found, anchor)
            .into_iter()
            .map(|m| (m.span.of(text).to_string(), m.value, m.granularity.as_str()))
            .collect()
    }

    /// (name, text, release date, expected (mention, value, granularity)).
    type Case = (
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static [(&'static str, Option<&'static str>, &'static str)],
    );

    const NONE: &[(&str, Option<&str>, &str)] = &[];

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        // Absolute days.
        ("mdy comma", "On May 20, 2020, the delegation met.", None, &[("May 20, 2020", Some("2020-05-20"), DAY)]),
        ("dmy", "The talks of 20 May 2020 ended.", None, &[("20 May 2020", Some("2020-05-20"), DAY)]),
        ("ordinal dmy", "It opened on 3rd March 2021.", None, &[("3rd March 2021", Some("2021-03-03"), DAY)]),
        ("ordinal mdy", "It opened on March 3rd, 2021.", None, &[("March 3rd, 2021", Some("2021-03-03"), DAY)]),
        ("weekday dmy", "It met on Wednesday, 16 June 2021 in Dushanbe.", None, &[("Wednesday, 16 June 2021", Some("2021-06-16"), DAY)]),
        ("weekday mdy", "It met on Thursday, June 17, 2021.", None, &[("Thursday, June 17, 2021", Some("2021-06-17"), DAY)]),
        ("weekday abbreviation", "Fri, 22 May 2020 - Statement", None, &[("Fri, 22 May 2020", Some("2020-05-22"), DAY)]),
        ("weekday abbreviation stop", "Wed. 20 May 2020", None, &[("Wed. 20 May 2020", Some("2020-05-20"), DAY)]),
        ("abbreviated month stop", "Signed on Dec. 1, 2019 in Baku.", None, &[("Dec. 1, 2019", Some("2019-12-01"), DAY)]),
        ("abbreviated month", "Signed on 1 Dec 2019 in Baku.", None, &[("1 Dec 2019", Some("2019-12-01"), DAY)]),
        ("sept", "Since Sept. 12, 2019 the office has been open.", None, &[("Sept. 12, 2019", Some("2019-09-12"), DAY)]),
        ("sep no stop", "by a reporter | Sep 29, 2022", None, &[("Sep 29, 2022", Some("2022-09-29"), DAY)]),
        ("dotted numeric", "Minutes of 20.05.2020 are attached.", None, &[("20.05.2020", Some("2020-05-20"), DAY)]),
        ("slashed numeric", "Minutes of 16/06/2021 are attached.", None, &[("16/06/2021", Some("2021-06-16"), DAY)]),
        ("ambiguous numeric day first", "Minutes of 05/06/2021 are attached.", None, &[("05/06/2021", Some("2021-06-05"), DAY)]),
        ("numeric only reading", "Minutes of 06/16/2021 are attached.", None, &[("06/16/2021", Some("2021-06-16"), DAY)]),
        ("single digits numeric", "Updated 1.6.2020.", None, &[("1.6.2020", Some("2020-06-01"), DAY)]),
        ("dashed numeric", "Filed 20-05-2020 by the registry.", None, &[("20-05-2020", Some("2020-05-20"), DAY)]),
        ("iso", "Posted 2020-05-20 | SCO", None, &[("2020-05-20", Some("2020-05-20"), DAY)]),
        ("iso slashes", "Posted 2021/06/05.", None, &[("2021/06/05", Some("2021-06-05"), DAY)]),
        ("iso with time", "2020-05-20 12:00 Astana", None, &[("2020-05-20", Some("2020-05-20"), DAY)]),
        ("numeric with time", "20.05.2020 12:00", None, &[("20.05.2020", Some("2020-05-20"), DAY)]),
        ("the nth of month", "It ends on the 3rd of March 2021.", None, &[("3rd of March 2021", Some("2021-03-03"), DAY)]),
        ("twenty-eighth", "Held on 28th February 2017 in Islamabad.", None, &[("28th February 2017", Some("2017-02-28"), DAY)]),
        ("no comma mdy", "Held May 20 2020 online.", None, &[("May 20 2020", Some("2020-05-20"), DAY)]),
        ("comma dmy", "Held 20 May, 2020 online.", None, &[("20 May, 2020", Some("2020-05-20"), DAY)]),
        ("dashed words", "Valid from 20-May-2020.", None, &[("20-May-2020", Some("2020-05-20"), DAY)]),
        ("leap day", "Adopted on 29 February 2020.", None, &[("29 February 2020", Some("2020-02-29"), DAY)]),
        ("capitals", "MAY 20, 2020 - PRESS RELEASE", None, &[("MAY 20, 2020", Some("2020-05-20"), DAY)]),
        ("brackets", "via video conference (22 April 2020 Washington time)", None, &[("22 April 2020", Some("2020-04-22"), DAY)]),
        ("end of sentence", "The decree is dated 15 June 2022.", None, &[("15 June 2022", Some("2022-06-15"), DAY)]),
        ("slash after year", "ADDIS ABABA, July 3, 2014/Press Agency/ -- It met.", None, &[("July 3, 2014", Some("2014-07-03"), DAY)]),
        ("two dates", "It met on 23 April 2020 (22 April 2020 in New York).", None, &[("23 April 2020", Some("2020-04-23"), DAY), ("22 April 2020", Some("2020-04-22"), DAY)]),
        ("french", "Réunion du 15 juin 2022 à Paris.", None, &[("15 juin 2022", Some("2022-06-15"), DAY)]),
        ("french first", "Le 1er mars 2021, la réunion.", None, &[("1er mars 2021", Some("2021-03-01"), DAY)]),
        ("russian", "Заседание 15 июня 2022 года в Ташкенте.", None, &[("15 июня 2022", Some("2022-06-15"), DAY)]),
        ("spanish", "Reunión del 15 de junio de 2022.", None, &[("15 de junio de 2022", Some("2022-06-15"), DAY)]),
        ("german", "Sitzung am 15. Juni 2022 in Wien.", None, &[("15. Juni 2022", Some("2022-06-15"), DAY)]),
        ("impossible day keeps month", "Dated 31 April 2020.", None, &[("April 2020", Some("2020-04"), MONTH)]),
        ("non-breaking space", "On 20\u{a0}May\u{a0}2020 it met.", None, &[("20\u{a0}May\u{a0}2020", Some("2020-05-20"), DAY)]),
        ("wrapped line", "The ministers met on 20 May\n2020 in Astana.", None, &[("20 May\n2020", Some("2020-05-20"), DAY)]),
        // Months.
        ("month year", "The plan of May 2020 stands.", None, &[("May 2020", Some("2020-05"), MONTH)]),
        ("month of year", "It was founded in September of 2019.", None, &[("September of 2019", Some("2019-09"), MONTH)]),
        ("in month year", "Elections took place in June 2021.", None, &[("June 2021", Some("2021-06"), MONTH)]),
        ("abbreviated month year", "Report, Jan. 2020, p. 4.", None, &[("Jan. 2020", Some("2020-01"), MONTH)]),
        ("month comma year", "Since December, 2019 it has met twice.", None, &[("December, 2019", Some("2019-12"), MONTH)]),
        ("month year brackets", "The review (March 2019) found gaps.", None, &[("March 2019", Some("2019-03"), MONTH)]),
        ("french month year", "rapport de juin 2022", None, &[("juin 2022", Some("2022-06"), MONTH)]),
        ("scheduled month", "The conference is scheduled in September 2023 in Vientiane.", None, &[("September 2023", Some("2023-09"), MONTH)]),
        // Years used as dates.
        ("in year", "It will meet in Tunisia in 2021.", None, &[("2021", Some("2021"), YEAR)]),
        ("In year", "In 2019, Viet Nam chaired it.", None, &[("2019", Some("2019"), YEAR)]),
        ("since year", "It has had observer status since 2017.", None, &[("2017", Some("2017"), YEAR)]),
        ("created in", "Working Groups created in 2019 met.", None, &[("2019", Some("2019"), YEAR)]),
        ("the year meeting", "The 2019 meeting was held in Bishkek.", None, &[("2019", Some("2019"), YEAR)]),
        ("by year", "Targets are to be met by 2030.", None, &[("2030", Some("2030"), YEAR)]),
        ("until year", "The mandate runs until 2025.", None, &[("2025", Some("2025"), YEAR)]),
        ("during year", "During 2018 the office grew.", None, &[("2018", Some("2018"), YEAR)]),
        ("before year", "Cases opened before 2010 are closed.", None, &[("2010", Some("2010"), YEAR)]),
        ("after year", "After 2015 the network grew.", None, &[("2015", Some("2015"), YEAR)]),
        ("throughout year", "Throughout 2020 staff worked remotely.", None, &[("2020", Some("2020"), YEAR)]),
        ("the year word", "It was set up in the year 2001.", None, &[("year 2001", Some("2001"), YEAR)]),
        ("financial year", "The budget for Financial Year 2023 was adopted.", None, &[("Financial Year 2023", Some("2023"), YEAR)]),
        ("fiscal year", "Spending in fiscal year 2021 fell.", None, &[("fiscal year 2021", Some("2021"), YEAR)]),
        ("weak to before stop", "The summit was postponed to 2021.", None, &[("2021", Some("2021"), YEAR)]),
        ("weak of before comma", "The events of 2014, however, changed this.", None, &[("2014", Some("2014"), YEAR)]),
        ("year list", "It met in 2018, 2019 and 2020.", None, &[("2018", Some("2018"), YEAR), ("2019", Some("2019"), YEAR), ("2020", Some("2020"), YEAR)]),
        ("year pair", "Reports from 2016 or 2017 apply.", None, &[("2016", Some("2016"), YEAR), ("2017", Some("2017"), YEAR)]),
        ("historical year", "The organisation was founded in 1923.", None, &[("1923", Some("1923"), YEAR)]),
        // Ranges.
        ("from to days", "It ran from 20 to 22 May 2020.", None, &[("20 to 22 May 2020", Some("2020-05-20/2020-05-22"), RANGE)]),
        ("dash days", "It ran 20-22 May 2020 in Baku.", None, &[("20-22 May 2020", Some("2020-05-20/2020-05-22"), RANGE)]),
        ("en dash mdy", "It ran May 20–22, 2020 online.", None, &[("May 20–22, 2020", Some("2020-05-20/2020-05-22"), RANGE)]),
        ("across months", "It ran from 28 June to 2 July 2021.", None, &[("28 June to 2 July 2021", Some("2021-06-28/2021-07-02"), RANGE)]),
        ("year range", "The plan for 2021-2023 was adopted.", None, &[("2021-2023", Some("2021/2023"), RANGE)]),
        ("between years", "Crime fell between 2015 and 2020.", None, &[("2015 and 2020", Some("2015/2020"), RANGE)]),
        ("month range", "Training ran from January to March 2020.", None, &[("January to March 2020", Some("2020-01/2020-03"), RANGE)]),
        ("spaced dash no year", "It was a three-day event (15 - 17 April).", Some("2015-04-17"), &[("15 - 17 April", Some("2015-04-15/2015-04-17"), RANGE)]),
        ("in year range", "Elections were held in 2019-2021.", None, &[("2019-2021", Some("2019/2021"), RANGE)]),
        ("spaced en dash years", "the regional plan for 2014 – 2016 which", None, &[("2014 – 2016", Some("2014/2016"), RANGE)]),
        ("bracketed years", "its five-year plan (2020-2024) and budget", None, &[("2020-2024", Some("2020/2024"), RANGE)]),
        ("consecutive days pair", "He visited on 10 and 11 October 2018.", None, &[("10 and 11 October 2018", Some("2018-10-10/2018-10-11"), RANGE)]),
        ("month day to month day", "It met from May 23 to May 25, 2018.", None, &[("May 23 to May 25, 2018", Some("2018-05-23/2018-05-25"), RANGE)]),
        ("month day to day", "From August 6 to 7, 2014, the officials met.", None, &[("August 6 to 7, 2014", Some("2014-08-06/2014-08-07"), RANGE)]),
        ("month day dash day", "It took place on June 13-15, 2007 in Sochi.", None, &[("June 13-15, 2007", Some("2007-06-13/2007-06-15"), RANGE)]),
        ("across years", "From 28 December 2020 to 3 January 2021 it closed.", None, &[("28 December 2020 to 3 January 2021", Some("2020-12-28/2021-01-03"), RANGE)]),
        ("across years no year", "The office closed from 28 December to 3 January.", Some("2021-01-10"), &[("28 December to 3 January", Some("2020-12-28/2021-01-03"), RANGE)]),
        ("short year range", "the 2020-21 season", None, &[("2020-21", Some("2020/2021"), RANGE)]),
        ("slashed years", "in the 2019/2020 academic year", None, &[("2019/2020", Some("2019/2020"), RANGE)]),
        ("slashed short years", "during 2019/20 the unit grew", None, &[("2019/20", Some("2019/2020"), RANGE)]),
        ("between days", "It is held between 10 and 12 May 2021.", None, &[("10 and 12 May 2021", Some("2021-05-10/2021-05-12"), RANGE)]),
        ("month years range", "It ran from May 2020 to June 2021.", None, &[("May 2020 to June 2021", Some("2020-05/2021-06"), RANGE)]),
        ("until range", "The fair runs 2 until 4 December 2025.", None, &[("2 until 4 December 2025", Some("2025-12-02/2025-12-04"), RANGE)]),
        ("day pair not consecutive", "It met on 3 and 17 May 2020.", None, &[("3", Some("2020-05-03"), DAY), ("17 May 2020", Some("2020-05-17"), DAY)]),
        ("month pair", "It met in May and June 2020.", None, &[("May", Some("2020-05"), MONTH), ("June 2020", Some("2020-06"), MONTH)]),
        // Days and months without a year.
        ("day month release year", "The ministers met on 14 June.", Some("2022-06-20"), &[("14 June", Some("2022-06-14"), DAY)]),
        ("month day ordinal", "It opens on June 15th.", Some("2021-03-01"), &[("June 15th", Some("2021-06-15"), DAY)]),
        ("preceding year", "On 3 May 2019 it opened. On 14 June it closed.", None, &[("3 May 2019", Some("2019-05-03"), DAY), ("14 June", Some("2019-06-14"), DAY)]),
        ("following year", "It meets in December, after the talks of 23 October 2012.", None, &[("December", Some("2012-12"), MONTH), ("23 October 2012", Some("2012-10-23"), DAY)]),
        ("no year anywhere", "The ministers met on 14 June.", None, &[("14 June", None, REL)]),
        ("weekday and partial", "On Thursday November 30 and Friday, December 1 it meets.", None, &[("Thursday November 30", None, REL), ("Friday, December 1", None, REL)]),
        ("past tense last year", "The meeting was held on 28 December.", Some("2021-01-05"), &[("28 December", Some("2020-12-28"), DAY)]),
        ("future tense next year", "The summit will open on 15 January.", Some("2021-12-20"), &[("15 January", Some("2022-01-15"), DAY)]),
        ("past month earlier", "The summit was held in April.", Some("2010-11-04"), &[("April", Some("2010-04"), MONTH)]),
        ("dateline without year", "ASTANA, 14 June (News) – The council met.", Some("2023-06-14"), &[("14 June", Some("2023-06-14"), DAY)]),
        ("repeated partial", "On May 22, the talks began. On May 22, the heads signed.", Some("2019-05-22"), &[("May 22", Some("2019-05-22"), DAY), ("May 22", Some("2019-05-22"), DAY)]),
        // Seasons, quarters, halves, modifiers, decades.
        ("season year", "Talks resume in spring 2022.", None, &[("spring 2022", Some("2022-SP"), MONTH)]),
        ("season of year", "It was agreed in the summer of 2019.", None, &[("summer of 2019", Some("2019-SU"), MONTH)]),
        ("season no year", "It reopens in the autumn.", Some("2020-05-05"), &[("autumn", Some("2020-FA"), MONTH)]),
        ("winter year", "Winter 2021 was hard.", None, &[("Winter 2021", Some("2021-WI"), MONTH)]),
        ("first quarter", "Seizures rose in the first quarter of 2020.", None, &[("first quarter of 2020", Some("2020-Q1"), MONTH)]),
        ("q code", "Results for Q3 2021 are out.", None, &[("Q3 2021", Some("2021-Q3"), MONTH)]),
        ("second half", "The second half of 2021 was calmer.", None, &[("second half of 2021", Some("2021-H2"), MONTH)]),
        ("h code", "Planned for H1 2022.", None, &[("H1 2022", Some("2022-H1"), MONTH)]),
        ("last quarter", "in the last quarter of 2019", None, &[("last quarter of 2019", Some("2019-Q4"), MONTH)]),
        ("ordinal quarter", "the 2nd quarter of 2020", None, &[("2nd quarter of 2020", Some("2020-Q2"), MONTH)]),
        ("quarter no year", "Exercises are planned in the third quarter.", Some("2020-02-01"), &[("third quarter", Some("2020-Q3"), MONTH)]),
        ("early year", "The office opens in early 2020.", None, &[("early 2020", Some("2020"), YEAR)]),
        ("mid hyphen year", "Work resumed by mid-2021.", None, &[("mid-2021", Some("2021"), YEAR)]),
        ("late month year", "It was signed in late May 2020.", None, &[("late May 2020", Some("2020-05"), MONTH)]),
        ("early month", "It meets in early May.", Some("2020-01-10"), &[("early May", Some("2020-05"), MONTH)]),
        ("end of year", "Trials end at the end of 2019.", None, &[("end of 2019", Some("2019"), YEAR)]),
        ("beginning of month", "since the beginning of March 2020", None, &[("beginning of March 2020", Some("2020-03"), MONTH)]),
        ("decade", "It grew in the 1990s.", None, &[("1990s", Some("199X"), YEAR)]),
        ("decade apostrophe", "In the 1990's crime rose.", None, &[("1990's", Some("199X"), YEAR)]),
        ("early decade", "Since the early 2000s it has grown.", None, &[("early 2000s", Some("200X"), YEAR)]),
        ("end of the year", "A report is due by the end of the year.", Some("2020-03-03"), &[("end of the year", Some("2020"), REL)]),
        ("half of next year", "Launch is set for the first half of next year.", Some("2020-06-01"), &[("first half of next year", Some("2021-H1"), REL)]),
        ("late last year", "It was agreed late last year.", Some("2020-06-01"), &[("late last year", Some("2019"), REL)]),
        ("early next year", "Talks resume early next year.", Some("2020-06-01"), &[("early next year", Some("2021"), REL)]),
        // Relative dates against several release dates.
        ("today", "The Secretariat today hosted a briefing.", Some("2020-05-20"), &[("today", Some("2020-05-20"), REL)]),
        ("yesterday", "The ministers met yesterday.", Some("2020-05-20"), &[("yesterday", Some("2020-05-19"), REL)]),
        ("tomorrow", "They meet again tomorrow.", Some("2020-05-31"), &[("tomorrow", Some("2020-06-01"), REL)]),
        ("tonight", "A dinner is held tonight.", Some("2020-05-20"), &[("tonight", Some("2020-05-20"), REL)]),
        ("last night", "Talks ended last night.", Some("2021-01-01"), &[("last night", Some("2020-12-31"), REL)]),
        ("yesterday morning", "It opened yesterday morning.", Some("2020-03-01"), &[("yesterday morning", Some("2020-02-29"), REL)]),
        ("day before yesterday", "It began the day before yesterday.", Some("2020-05-20"), &[("day before yesterday", Some("2020-05-18"), REL)]),
        ("days ago", "It was signed two days ago.", Some("2020-05-20"), &[("two days ago", Some("2020-05-18"), REL)]),
        ("digit weeks ago", "It was signed 3 weeks ago.", Some("2020-05-20"), &[("3 weeks ago", Some("2020-04-27/2020-05-03"), REL)]),
        ("a year ago", "A year ago the unit was set up.", Some("2020-05-20"), &[("A year ago", Some("2019"), REL)]),
        ("months ago", "It opened five months ago.", Some("2021-03-15"), &[("five months ago", Some("2020-10"), REL)]),
        ("few days ago", "It opened a few days ago.", Some("2021-03-15"), &[("a few days ago", None, REL)]),
        ("last week", "Following the summit last week, it met.", Some("2016-11-10"), &[("last week", Some("2016-10-31/2016-11-06"), REL)]),
        ("this week", "The Assembly held this week in Bali agreed.", Some("2016-11-10"), &[("this week", Some("2016-11-07/2016-11-13"), REL)]),
        ("next week", "It meets next week.", Some("2016-11-13"), &[("next week", Some("2016-11-14/2016-11-20"), REL)]),
        ("last month", "The summit last month agreed.", Some("2021-01-15"), &[("last month", Some("2020-12"), REL)]),
        ("next month", "It opens next month.", Some("2021-12-15"), &[("next month", Some("2022-01"), REL)]),
        ("this year", "It chairs the body this year.", Some("2019-08-01"), &[("this year", Some("2019"), REL)]),
        ("last year", "Seizures doubled last year.", Some("2019-08-01"), &[("last year", Some("2018"), REL)]),
        ("next year", "It chairs the body next year.", Some("2010-11-04"), &[("next year", Some("2011"), REL)]),
        ("later this year", "It will take place later this year.", Some("2019-08-01"), &[("later this year", Some("2019"), REL)]),
        ("earlier this month", "It was agreed earlier this month.", Some("2019-08-20"), &[("earlier this month", Some("2019-08"), REL)]),
        ("earlier in the year", "It was admitted earlier in the year.", Some("2014-07-22"), &[("earlier in the year", Some("2014"), REL)]),
        ("this weekend", "Talks continue this weekend.", Some("2020-05-20"), &[("this weekend", Some("2020-05-23/2020-05-24"), REL)]),
        ("this quarter", "Results come this quarter.", Some("2020-05-20"), &[("this quarter", Some("2020-Q2"), REL)]),
        ("next quarter", "Results come next quarter.", Some("2020-11-01"), &[("next quarter", Some("2021-Q1"), REL)]),
        ("current year", "Plans for the current year were approved.", Some("2020-11-01"), &[("current year", Some("2020"), REL)]),
        ("on monday past", "The ministers met on Monday.", Some("2020-05-20"), &[("Monday", Some("2020-05-18"), REL)]),
        ("on friday future", "The ministers will meet on Friday.", Some("2020-05-20"), &[("Friday", Some("2020-05-22"), REL)]),
        ("same weekday past", "The ministers met on Wednesday.", Some("2020-05-20"), &[("Wednesday", Some("2020-05-20"), REL)]),
        ("same weekday future", "The ministers will meet on Wednesday.", Some("2020-05-20"), &[("Wednesday", Some("2020-05-27"), REL)]),
        ("last friday", "It was signed last Friday.", Some("2020-05-20"), &[("last Friday", Some("2020-05-15"), REL)]),
        ("next monday", "It opens next Monday.", Some("2020-05-20"), &[("next Monday", Some("2020-05-25"), REL)]),
        ("weekday no preposition", "Officials said Tuesday that talks ended.", Some("2020-05-20"), &[("Tuesday", Some("2020-05-19"), REL)]),
        ("weekday morning", "It resumes Thursday morning, officials will say.", Some("2020-05-20"), &[("Thursday morning", Some("2020-05-21"), REL)]),
        ("last may", "It was agreed last May.", Some("2020-11-01"), &[("last May", Some("2020-05"), REL)]),
        ("last may early", "It was agreed last May.", Some("2020-03-01"), &[("last May", Some("2019-05"), REL)]),
        ("next march", "It will open next March.", Some("2020-11-01"), &[("next March", Some("2021-03"), REL)]),
        ("this summer", "It opens this summer.", Some("2020-05-05"), &[("this summer", Some("2020-SU"), REL)]),
        ("last winter", "It was cold last winter.", Some("2020-06-01"), &[("last winter", Some("2019-WI"), REL)]),
        ("no release yesterday", "The ministers met yesterday.", None, &[("yesterday", None, REL)]),
        ("no release last week", "It met last week.", None, &[("last week", None, REL)]),
        ("no release this year", "It chairs the body this year.", None, &[("this year", None, REL)]),
        ("no release weekday", "It met on Monday.", None, &[("Monday", None, REL)]),
        // Datelines give the release date.
        ("dateline place", "Tashkent, 15 June 2022 – The ministers met yesterday.", None, &[("15 June 2022", Some("2022-06-15"), DAY), ("yesterday", Some("2022-06-14"), REL)]),
        ("dateline time", "Heads meet\n\n20.05.2020 12:00\n\nThe talks were held today.", None, &[("20.05.2020", Some("2020-05-20"), DAY), ("today", Some("2020-05-20"), REL)]),
        ("dateline own line", "Asia meeting closes\n\n17 April 2015\n\nThe event (15 - 17 April) closed.", None, &[("17 April 2015", Some("2015-04-17"), DAY), ("15 - 17 April", Some("2015-04-15/2015-04-17"), RANGE)]),
        ("not a dateline", "On 20 May 2020, the ministers met. They meet again tomorrow.", None, &[("20 May 2020", Some("2020-05-20"), DAY), ("tomorrow", None, REL)]),
        ("input beats dateline", "Tashkent, 15 June 2022 – It met yesterday.", Some("2022-06-16"), &[("15 June 2022", Some("2022-06-15"), DAY), ("yesterday", Some("2022-06-15"), REL)]),
        // Not dates.
        ("amount", "Some 2,500 officers took part.", None, NONE),
        ("count like a year", "A total of 2020 people attended.", None, NONE),
        ("resolution", "Resolution 2178 binds all states.", None, NONE),
        ("resolution recent", "Resolution 2020 was adopted unanimously.", None, NONE),
        ("g20", "The G20 met.", None, NONE),
        ("covid", "the COVID-19 pandemic", None, NONE),
        ("covid before month", "COVID-19 May hit hard.", None, NONE),
        ("flight", "Flight SU 1871 landed.", None, NONE),
        ("agenda", "the 2030 Agenda for Sustainable Development", None, NONE),
        ("agenda after", "Agenda 2063 of the African Union", None, NONE),
        ("vision", "Saudi Vision 2030 targets", None, NONE),
        ("ordinal", "the 4th Dialogue on policing", None, NONE),
        ("ordinal century", "the 21st century", None, NONE),
        ("anniversary", "marking the 20th anniversary of the office", None, NONE),
        ("duration years", "He served for three years.", None, NONE),
        ("duration hours", "The talks lasted 2 hours.", None, NONE),
        ("past year duration", "It grew over the past year.", None, NONE),
        ("last year duration", "It grew over the last year.", None, NONE),
        ("next years duration", "It will grow over the next five years.", None, NONE),
        ("next year duration", "It will grow over the next year.", None, NONE),
        ("every two years", "The chair rotates every 2 years.", None, NONE),
        ("time", "The session opened at 12:00 sharp.", None, NONE),
        ("time with minutes", "It opened at 10.30 and ended at 16:45.", None, NONE),
        ("phone", "Call +7 495 123 45 67 for details.", None, NONE),
        ("phone dashes", "Tel.: +998 71 235-20-20", None, NONE),
        ("phone with year-like group", "Tel: +998 71 202 2020", None, NONE),
        ("may verb", "Delegates may attend in person.", None, NONE),
        ("may sentence start", "May the talks succeed.", None, NONE),
        ("may before number", "The chair said members may 2 times a year report.", None, NONE),
        ("march verb", "They march on the capital.", None, NONE),
        ("march noun", "The March for Peace drew crowds.", None, NONE),
        ("millions", "It cost 1,000,000 euros.", None, NONE),
        ("european thousands", "Some 10.000 participants came.", None, NONE),
        ("decimal", "Crime fell by 3.5 per cent.", None, NONE),
        ("round the clock", "a 24/7 network", None, NONE),
        ("i-24/7", "INTERPOL's I-24/7 system", None, NONE),
        ("nine eleven", "after the 9/11 attacks", None, NONE),
        ("aircraft", "an A320 aircraft", None, NONE),
        ("5g", "secure 5G networks", None, NONE),
        ("iso standard", "certified to ISO 9001 standards", None, NONE),
        ("article", "under Article 5 of the Charter", None, NONE),
        ("page", "see page 2019 of the annex", None, NONE),
        ("room", "in room 1905 of the hotel", None, NONE),
        ("in amount", "in 2,000 cases the police acted", None, NONE),
        ("in small number", "in 1500 cases the police acted", None, NONE),
        ("of count", "one of 2020 participants", None, NONE),
        ("for count", "seats for 2020 delegates", None, NONE),
        ("to count", "up to 2030 km of border", None, NONE),
        ("sentence start year", "2020 delegates attended the forum.", None, NONE),
        ("year in a name", "the INTERPOL World 2015 forum", None, NONE),
        ("year after acronym", "the virtual 3rd ACPQD 2022 for all", None, NONE),
        ("score", "the score was 20-22 at half time", None, NONE),
        ("percent range", "from 10 to 15 per cent", None, NONE),
        ("age range", "15-17 year olds", None, NONE),
        ("million range", "2 to 3 million people", None, NONE),
        ("member delegation", "a 6-member delegation", None, NONE),
        ("plus format", "the (10+3) meeting", None, NONE),
        ("group of 77", "the Group of 77 and China", None, NONE),
        ("french mars", "the Mars 2020 rover", None, NONE),
        ("spanish name", "Julio Martinez spoke.", None, NONE),
        ("mayo", "County Mayo 2019 festival", None, NONE),
        ("black friday", "Black Friday sales rose.", None, NONE),
        ("usa today", "USA Today reported it.", None, NONE),
        ("today's world", "in today's world of threats", None, NONE),
        ("sun", "Sun Microsystems was sold.", None, NONE),
        ("arab spring", "after the Arab Spring protests", None, NONE),
        ("fall verb", "Prices fall when supply rises.", None, NONE),
        ("first half of session", "in the first half of the session", None, NONE),
        ("code slash", "in case 2019/1234 the court ruled", None, NONE),
        ("number word duration", "for two weeks the office closed", None, NONE),
        ("weekday abbreviation alone", "Sat and Sun are rest days.", None, NONE),
        ("month abbreviation alone", "in Mar the team met", None, NONE),
        ("lower-case month", "in march the team met", None, NONE),
        ("to this day", "It stands to this day.", None, NONE),
        ("weeks plural", "In the coming weeks it will act.", None, NONE),
        ("following year", "The following year it grew.", None, NONE),
        ("dollar", "a budget of $2020 per head", None, NONE),
    ];

    #[test]
    fn table() {
        let r = rules();
        let mut failures = Vec::new();
        for (name, text, release, want) in CASES {
            let got = run(&r, text, *release, DateOrder::Dmy);
            let want: Vec<(String, Option<String>, &str)> = want
                .iter()
                .map(|(t, v, g)| (t.to_string(), v.map(str::to_string), *g))
                .collect();
            if got != want {
                failures.push(format!("{name}: got {got:?}, want {want:?}"));
            }
        }
        crate::testing::assert_table(&failures, CASES.len());
        let non_dates = CASES.iter().filter(|c| c.3.is_empty()).count();
        assert!(CASES.len() >= 200, "{} cases", CASES.len());
        assert!(non_dates >= 60, "{non_dates} non-dates");
    }

    #[test]
    fn month_first_order() {
        let r = rules();
        let cases: &[(&str, Option<&str>)] = &[
            ("05/06/2021", Some("2021-05-06")),
            ("16/06/2021", Some("2021-06-16")),
            ("06/16/2021", Some("2021-06-16")),
            ("05.06.2021", Some("2021-05-06")),
            ("2021-05-06", Some("2021-05-06")),
            ("13/13/2021", None),
        ];
        for (text, want) in cases {
            let got = run(&r, text, None, DateOrder::Mdy);
            assert_eq!(
                got.first().and_then(|m| m.1.clone()).as_deref(),
                *want,
                "{text}"
            );
        }
    }

    #[test]
    fn the_seed_release() {
        let text = include_str!("../fixtures/sco-rats-dialogue.txt");
        let doc = crate::extract(
            "seed",
            text,
            &crate::Resources::builtin(),
            &Options::default(),
        );
        let got: Vec<(&str, Option<&str>, &str)> = doc
            .dates
            .iter()
            .map(|d| {
                (
                    d.span.of(&doc.text),
                    d.value.as_deref(),
                    d.granularity.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("May 20, 2020", Some("2020-05-20"), DAY),
                ("2019", Some("2019"), YEAR),
                ("2021", Some("2021"), YEAR)
            ]
        );
        assert_eq!(doc.published, None);
    }

    #[test]
    fn dateline_sets_published() {
        let r = crate::Resources::builtin();
        let doc = crate::extract(
            "d",
            "Talks end\n\nTashkent, 15 June 2022 – The talks ended yesterday.",
            &r,
            &Options::default(),
        );
        assert_eq!(
            doc.published,
            Some(Published {
                date: Date::new(2022, 6, 15).expect("valid"),
                from: PublishedFrom::Dateline
            })
        );
        assert_eq!(
            doc.dates.last().and_then(|d| d.value.as_deref()),
            Some("2022-06-14")
        );
        let given = Options {
            published: Date::new(2022, 6, 20),
            ..Options::default()
        };
        let doc = crate::extract(
            "d",
            "Talks end\n\nTashkent, 15 June 2022 – The talks ended yesterday.",
            &r,
            &given,
        );
        assert_eq!(doc.published.map(|p| p.from), Some(PublishedFrom::Input));
        assert_eq!(
            doc.dates.last().and_then(|d| d.value.as_deref()),
            Some("2022-06-19")
        );
    }

    #[test]
    fn datelines() {
        let r = rules();
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Tashkent, 15 June 2022 – The talks began.",
                Some("2022-06-15"),
            ),
            ("Headline\n\n20.05.2020 12:00\n\nText.", Some("2020-05-20")),
            (
                "Headline\n17 April 2015\nSINGAPORE – Text.",
                Some("2015-04-17"),
            ),
            (
                "Headline\n\nby A. Writer | Sep 29, 2022\n\nText.",
                Some("2022-09-29"),
            ),
            (
                "Algiers, Algeria – 28 November 2019: The body met.",
                Some("2019-11-28"),
            ),
            (
                "Headline\n\n12 September 2013 - Media release\n\nText.",
                Some("2013-09-12"),
            ),
            ("Headline\n\nOn 20 May 2020, the talks began.", None),
            ("Headline\n\nThe talks began on 20 May 2020 in Baku.", None),
            ("One\n\nTwo\n\nThree\n\n20 May 2020", None),
            ("Headline\n\nMay 2020\n\nText.", None),
        ];
        for (text, want) in cases {
            let got = dateline(text, &find(text, &r, DateOrder::Dmy)).map(|d| d.to_string());
            assert_eq!(got.as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn only_text_before_content_end() {
        let r = crate::Resources::builtin();
        let mut doc = Document {
            text: "The talks ended.\nPosted 20 May 2020".to_string(),
            ..Document::default()
        };
        doc.sentences = vec![Span::new(0, 16)];
        tag(&mut doc, &r.dates, &Options::default());
        assert!(doc.dates.is_empty());
    }

    #[test]
    fn odd_input_never_panics() {
        let r = rules();
        let texts = [
            "",
            "2",
            "May",
            "20 May",
            "-",
            "\u{feff}",
            "2020-",
            "20.",
            "99999999999999999999 May 2020",
            "é2020é",
            "Январь 2020",
            "٢٠٢٠",
            "on",
            "the",
            "in 2020-",
            "from 20 to",
            "Q1",
            "2020s",
            "1990's",
            "’s",
            "20\u{2013}",
            "mid-",
            "1st of",
            "\n\n\n2020\n\n",
            "May 20, 2020/",
        ];
        for text in texts {
            let _ = run(&r, text, Some("2020-05-20"), DateOrder::Dmy);
            let _ = run(&r, text, None, DateOrder::Mdy);
        }
    }

    /// The anchors by their definition, the slow way: the words of `text`
    /// (runs of [`is_word_char`]), char by char, folded with [`fold_key`].
    fn reference_anchors(words: &[String], text: &str) -> Vec<(usize, usize)> {
        let folded: std::collections::HashSet<String> = words
            .iter()
            .map(|w| w.chars().map(fold_key).collect())
            .collect();
        let mut out = Vec::new();
        let mut word: Option<usize> = None;
        let ends = text.char_indices().map(|(i, c)| (i, Some(c)));
        for (i, c) in ends.chain([(text.len(), None)]) {
            match (word, c.is_some_and(is_word_char)) {
                (None, true) => word = Some(i),
                (Some(start), false) => {
                    let w = &text[start..i];
                    if w.as_bytes()[0].is_ascii_digit() {
                        let run = w.bytes().take_while(u8::is_ascii_digit).count();
                        out.push((start, start + run));
                    } else if folded.contains(&w.chars().map(fold_key).collect::<String>()) {
                        out.push((start, i));
                    }
                    word = None;
                }
                _ => {}
            }
        }
        out
    }

    /// The built-in anchor words, as `Rules::build` gathers them.
    fn builtin_anchor_words() -> Vec<String> {
        let g = Gazetteers::builtin();
        let months = names(&g, Kind::Months, "month", 12, "").expect("months");
        let weekdays = names(&g, Kind::Weekdays, "weekday", 7, "").expect("weekdays");
        anchor_words(&months, &weekdays)
    }

    /// [`Anchors::all`] gives the anchors of the reference.
    fn assert_same_anchors(anchors: &Anchors, words: &[String], text: &str) {
        let mut all = Vec::new();
        anchors.all(text, &mut all);
        assert_eq!(all, reference_anchors(words, text), "{text:?}");
    }

    /// The anchor scan finds what the definition says, on the fixtures and
    /// on texts glued from tricky pieces.
    #[test]
    fn anchors_are_whole_words_and_leading_digits() {
        let words = builtin_anchor_words();
        let anchors = Anchors::new(&words);
        let mut fixtures = 0;
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
            .expect("fixtures folder")
        {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).expect("utf-8 fixture");
                assert_same_anchors(&anchors, &words, &text);
                fixtures += 1;
            }
        }
        assert!(fixtures > 0);
        #[rustfmt::skip]
        const PIECES: &[&str] = &[
            "May", "may", "MAY", "_may", "may_", "mayo", "Mayor", "émay", "mayé", "20", "2020",
            "x2020", "q1", "Q1", "h2x", "today", "TODAY", "week", "weeks", "ago", "_", "-", ".",
            " ", "\n", "é", "É", "février", "FÉVRIER", "Février", "xfévrier", "févriers", "fevrier",
            "märz", "MÄRZ", "Jänner", "JÄNNER", "août", "AOÛT", "мая", "МАЯ", "Мая", "марта",
            "мартаx", "xмарта", "Март", "среда", "СРЕДА", "sábado", "SÁBADO", "miércoles", "’",
            "“", "–", "\u{a0}", "ſ", "\u{212a}", "ς", "Σ", "ı", "İ", "k", "s", "a", "ü", "я",
            "Monday", "monday", "MONDAY", "Mondays", "spring", "Spring", "quarter", "half", "1990s",
            "20.05.2020", "2021–2023", "1234567890123", "Organisation", "Anti-Terrorist",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        ];
        let mut rng = crate::testing::Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..3_000 {
            let mut text = String::new();
            // Long enough, now and then, to cross a block of the scan.
            let pieces = if next(4) == 0 {
                1 + next(60)
            } else {
                1 + next(10)
            };
            for _ in 0..pieces {
                text.push_str(PIECES[next(PIECES.len())]);
                if next(3) == 0 {
                    text.push(' ');
                }
            }
            assert_same_anchors(&anchors, &words, &text);
        }
    }

    #[test]
    fn numbers_take_their_width() {
        for (v, width, shown) in [
            (0, 4, "0000"),
            (7, 2, "07"),
            (12, 2, "12"),
            (2020, 4, "2020"),
            (12345, 4, "12345"),
            (-44, 4, "-0044"),
            (i64::MAX, 4, "9223372036854775807"),
            (i64::MIN, 2, "-9223372036854775808"),
        ] {
            let mut out = String::from("x");
            push_number(&mut out, v, width);
            assert_eq!(out, format!("x{shown}"), "{v} in {width}");
        }
    }

    #[test]
    fn tense_words() {
        for (word, tense) in [
            ("will", Some(true)),
            ("Scheduled", Some(true)),
            ("NEXT", Some(true)),
            ("ll", Some(true)),
            ("participated", Some(false)),
            ("Held", Some(false)),
            ("ago", Some(false)),
            ("participatedx", None),
            ("wil", None),
            ("", None),
            ("héld", None),
            ("meeting", None),
        ] {
            assert_eq!(tense_of(word), tense, "{word}");
        }
    }

    #[test]
    fn fold_keys() {
        for (a, b) in [
            ('é', 'É'),
            ('я', 'Я'),
            ('ſ', 's'),
            ('S', 's'),
            ('\u{212a}', 'k'),
            ('ς', 'σ'),
            ('ẞ', 'ß'),
        ] {
            assert_eq!(fold_key(a), fold_key(b), "{a} {b}");
        }
        assert_ne!(fold_key('ı'), fold_key('i'));
        assert_ne!(fold_key('İ'), fold_key('i'));
    }

    /// Texts glued together from tricky pieces by a fixed pseudo-random
    /// sequence: whatever comes out, no panic, and mentions in text order,
    /// apart, on char boundaries.
    #[test]
    fn random_texts_never_panic() {
        #[rustfmt::skip]
        const PIECES: &[&str] = &[
            "May", "20", "2020", "1", "31", "-", "–", "to", "and", "of", "the", ",", ".", "/", ":",
            "15th", "1990s", "1990's", "’s", "today", "last", "week", "ago", "two", "a", "few",
            "in", "between", "early", "mid", "Q1", "H2", "spring", "Monday", "Mon.", "Dec.", "juin",
            "июня", "\n\n", "\n", "é", "COVID-19", "G20", "2,500", "12:00", "(", ")", "quarter",
            "half", "first", "year", "this", "next", "on", "since", "until", "from", "Thứ",
            "2019-2021", "20.05.2020", "05/06/2021", "2020-05-20", "de", "1er", "mars", "’", "“",
            "Black", "Today", "yesterday", "morning", "will", "was", "end", "beginning", "fiscal",
            "Year",
        ];
        let r = rules();
        let mut rng = crate::testing::Rng::new(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.below(n);
        for round in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + next(24) {
                text.push_str(PIECES[next(PIECES.len())]);
                if next(4) > 0 {
                    text.push(' ');
                }
            }
            let order = if round % 2 == 0 {
                DateOrder::Dmy
            } else {
                DateOrder::Mdy
            };
            let found = find(&text, &r, order);
            let anchor = if round % 3 == 0 {
                None
            } else {
                Date::new(2020, 5, 20)
            };
            let mut end = 0;
            for m in resolve(&text, &found, anchor.or_else(|| dateline(&text, &found))) {
                let t = text.get(m.span.start..m.span.end);
                assert!(t.is_some_and(|t| !t.is_empty()), "{text:?}");
                assert!(m.span.start >= end, "overlap or disorder in {text:?}");
                end = m.span.end;
            }
        }
    }

    #[test]
    fn gazetteer_errors_name_file_and_line() {
        let cases: &[(&str, &str)] = &[
            (
                "name\tmonth\tlanguage\nMay\t13\ten\n",
                "x.tsv:2: month \"13\": must be a number from 1 to 12",
            ),
            (
                "name\tmonth\tlanguage\nMay\tfive\ten\n",
                "x.tsv:2: month \"five\": must be a number from 1 to 12",
            ),
            (
                "name\tmonth\tlanguage\nDe c\t12\ten\n",
                "x.tsv:2: name \"De c\": must be letters only, with a full stop at the end for an abbreviation",
            ),
            (
                "name\tmonth\tlanguage\nMay\t5\tEnglish\n",
                "x.tsv:2: language \"English\": must be an ISO 639 code such as en",
            ),
            (
                "name\tmonth\tlanguage\nMay\t5\ten\nmay\t5\ten\n",
                "x.tsv:3: \"may\" is listed twice",
            ),
            (
                "name\tweekday\tlanguage\nMonday\t8\ten\n",
                "x.tsv:2: weekday \"8\": must be a number from 1 (Monday) to 7 (Sunday)",
            ),
            (
                "word\tvalue\tkind\tlanguage\ntwo\t2\troman\ten\n",
                "x.tsv:2: kind \"roman\": must be cardinal or ordinal",
            ),
            (
                "word\tvalue\tkind\tlanguage\ntwo\tII\tcardinal\ten\n",
                "x.tsv:2: value \"II\": must be a number from 0 to 1000",
            ),
        ];
        for (text, want) in cases {
            let dir = std::env::temp_dir().join(format!(
                "pressx-dates-{}-{}",
                std::process::id(),
                want.len()
            ));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join("x.tsv");
            std::fs::write(&path, text).expect("write");
            // Loading checks the values (`pressx gazetteer lint`); the build checks them again.
            let got = Gazetteers::with_user(std::slice::from_ref(&path))
                .and_then(|g| Rules::build(&g).map(|_| ()))
                .map_err(|e| e.to_string());
            let _ = std::fs::remove_dir_all(&dir);
            let shown = path.display().to_string();
            assert_eq!(
                got.map_err(|e| e.replace(&shown, "x.tsv")),
                Err(want.to_string()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn user_gazetteer_adds_a_language() {
        let dir = std::env::temp_dir().join(format!("pressx-dates-lang-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("months-it.tsv");
        std::fs::write(&path, "name\tmonth\tlanguage\ngiugno\t6\tit\n").expect("write");
        let g = Gazetteers::with_user(&[path]).expect("reads");
        let _ = std::fs::remove_dir_all(&dir);
        let r = Rules::build(&g).expect("valid");
        assert_eq!(
            run(&r, "il 15 giugno 2022", None, DateOrder::Dmy),
            [(
                "15 giugno 2022".to_string(),
                Some("2022-06-15".to_string()),
                DAY
            )]
        );
    }

    /// This thread's time on a CPU in nanoseconds (Linux), so that a busy
    /// machine does not distort the figure; wall time elsewhere.
    fn cpu_nanos() -> Option<u64> {
        let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        stat.split_whitespace().next()?.parse().ok()
    }

    /// Prints the date stage's throughput (`find` and `resolve`) on release
    /// text and on a text dense with numbers:
    /// `cargo test --release --lib -- --ignored --nocapture throughput`
    /// (`PRESSX_BENCH_MB` sets the size of each text, default 32).
    #[test]
    #[ignore]
    fn throughput() {
        let r = rules();
        let seed = include_str!("../fixtures/sco-rats-dialogue.txt");
        // Written for this benchmark: a release of ordinary density.
        let release = "Heads of the competent authorities meet in Dushanbe\n\n\
            Dushanbe, 14 June 2022 – The 19th meeting of the Council of the Regional Anti-Terrorist \
            Structure of the Shanghai Cooperation Organisation was held in Dushanbe on 13 June. The \
            delegations of the member states discussed the situation in the region, the results of the \
            joint border operation carried out from 20 to 22 May and the draft programme of cooperation \
            for 2022-2024. The Council noted that more than 1,200 officers took part in the exercises \
            held last year and approved the plan of the Executive Committee for the second half of 2022. \
            The next meeting will take place in Tashkent in the spring of 2023.\n\n";
        let dense = "Tashkent, 15 June 2022 – The Council met on 14 June and again from 20 to 22 May 2020. \
            Some 2,500 officers from 30 countries took part; in 2019 and 2020 seizures rose by 3.5 per cent. \
            The plan for 2021-2023 was adopted last week, and the next meeting is scheduled for early 2023. \
            Resolution 2178 and the 2030 Agenda were discussed at 12:00 on Monday by the G20 and COVID-19 experts.\n\n";
        let size: usize = std::env::var("PRESSX_BENCH_MB")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(32);
        let anchor = Date::new(2022, 6, 15);
        for (label, unit) in [
            ("release text", format!("{seed}\n\n{release}")),
            ("dense numbers", dense.to_string()),
        ] {
            let mut text = String::new();
            while text.len() < size << 20 {
                text.push_str(&unit);
            }
            let rounds = 3;
            let (wall, cpu) = (std::time::Instant::now(), cpu_nanos());
            let mut n = 0;
            for _ in 0..rounds {
                let found = find(&text, &r, DateOrder::Dmy);
                n += resolve(&text, &found, anchor).len();
            }
            let wall = wall.elapsed().as_secs_f64();
            let cpu = cpu
                .zip(cpu_nanos())
                .map_or(wall, |(a, b)| (b - a) as f64 / 1e9);
            let mb = (rounds * text.len()) as f64 / 1e6;
            println!(
                "dates, {label}: {mb:.0} MB, {:.0} MB/s of CPU time ({:.0} MB/s wall), {} mentions a round",
                mb / cpu,
                mb / wall,
                n / rounds
            );
        }
    }
}
