//! Sentence segmentation, the first stage: adds `Document::sentences` and
//! `Document::title`, reads only the text.
//!
//! Two levels. Lines first: blank lines end paragraphs; inside a paragraph a
//! line break is a boundary before a list item, after a line ending in a
//! colon, and after a line much shorter than its neighbours
//! (a dateline, a heading); other breaks are hard wrapping and are joined.
//! Then, inside each joined segment, a full stop, question or exclamation mark
//! (with any closing quotes and brackets after it) ends a sentence when the
//! next word starts with a capital, a digit or an opening quote, unless the
//! word before is an abbreviation (`gazetteers/abbreviations.tsv`) or an
//! initial. A missing space ("session.Delegates") is still a boundary; URLs,
//! e-mail addresses, decimals and times are not. Trailing page furniture
//! ("In other news", "Share", "Print") is dropped (`gazetteers/furniture.tsv`).
//! Deliberately ignored: sentence-internal colons and semicolons.

use crate::document::{Document, Span};
use crate::error::GazetteerError;
use crate::gazetteer::{Gazetteers, Kind};
use rustc_hash::FxHashMap;

/// How an abbreviation behaves before a possible boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Precedes a name and never ends a sentence ("Mr.", "Lt. Gen.").
    Title,
    /// Sits inside a sentence ("e.g.", "U.S.").
    Inner,
    /// Not a boundary before a number ("No. 5", "Dec. 1").
    Number,
    /// May end a sentence ("etc.").
    Final,
}

/// The rules the splitter needs, built once from the gazetteers.
#[derive(Clone, Debug)]
pub struct Rules {
    /// Lower-cased abbreviation, full stops included, as bytes → class.
    abbreviations: FxHashMap<Box<[u8]>, Class>,
    /// Length in bytes of the longest abbreviation.
    longest: usize,
    /// Lower-cased furniture phrases, longest first.
    furniture: Vec<String>,
}

impl Rules {
    /// Builds the rules from every abbreviation and furniture file.
    pub fn build(g: &Gazetteers) -> Result<Rules, GazetteerError> {
        let mut abbreviations = FxHashMap::default();
        for file in g.of(Kind::Abbreviations) {
            for row in &file.rows {
                // The parser has checked the class and the full stop.
                let class = match row.get(1) {
                    "title" => Class::Title,
                    "inner" => Class::Inner,
                    "number" => Class::Number,
                    _ => Class::Final,
                };
                let abbreviation = row.get(0);
                let key = abbreviation.to_lowercase().into_bytes().into_boxed_slice();
                abbreviations.insert(key, class);
            }
        }
        let mut furniture: Vec<String> = g
            .of(Kind::Furniture)
            .flat_map(|f| &f.rows)
            .map(|r| r.get(0).to_lowercase())
            .collect();
        furniture.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        furniture.dedup();
        let longest = abbreviations.keys().map(|k| k.len()).max().unwrap_or(0);
        Ok(Rules {
            abbreviations,
            longest,
            furniture,
        })
    }

    /// The class of `token` (its full stop included) if it is an
    /// abbreviation, in any case.
    fn abbreviation(&self, token: &str) -> Option<Class> {
        if !token.is_ascii() {
            return self
                .abbreviations
                .get(token.to_lowercase().as_bytes())
                .copied();
        }
        // Lower-casing ASCII keeps the length, so a longer token is no
        // abbreviation; a short one is lower-cased on the stack.
        if token.len() > self.longest {
            return None;
        }
        let mut buf = [0u8; 24];
        match buf.get_mut(..token.len()) {
            Some(lower) => {
                lower.copy_from_slice(token.as_bytes());
                lower.make_ascii_lowercase();
                self.abbreviations.get(&*lower).copied()
            }
            None => self
                .abbreviations
                .get(token.to_ascii_lowercase().as_bytes())
                .copied(),
        }
    }
}

/// Adds the sentences and the title to `doc`.
pub fn tag(doc: &mut Document, rules: &Rules) {
    let (sentences, title) = split(&doc.text, rules);
    doc.sentences = sentences;
    doc.title = title;
}

/// Splits `text` into sentences; also returns the headline's span when the
/// text opens with one (a first line standing alone, with more after it).
pub fn split(text: &str, rules: &Rules) -> (Vec<Span>, Option<Span>) {
    let lines = lines(text);
    let mut sentences = Vec::new();
    let mut widths = Vec::new();
    // Segments come in text order, so one search serves them all.
    let mut candidates = Candidates::new(text.as_bytes());
    let mut i = 0;
    while i < lines.len() {
        if lines[i].blank {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < lines.len() && !lines[j + 1].blank {
            j += 1;
        }
        // Lines i..=j form a paragraph; cut it into segments.
        let para = &lines[i..=j];
        // Widths in characters, for the short-line rule: only a paragraph
        // of several lines has breaks to judge.
        widths.clear();
        if para.len() > 1 {
            widths.extend(para.iter().map(|l| width(l.content.of(text))));
        }
        let widest = widths.iter().copied().max().unwrap_or(0);
        let mut seg_start = 0;
        for k in 0..para.len() {
            let last = k + 1 == para.len();
            if last || breaks_after(text, para, k, widths[k], widest) {
                let span = Span::new(para[seg_start].content.start, para[k].content.end);
                let before = sentences.len();
                split_segment(text, span, rules, &mut candidates, &mut sentences);
                // "The Chair said:" ending a paragraph, and the quotation opening the next, are one sentence.
                if k == 0 && before > 0 && sentences.len() > before {
                    let prev = sentences[before - 1];
                    if prev.of(text).ends_with(':') && span.of(text).starts_with(OPENING_QUOTES) {
                        sentences[before - 1] = Span::new(prev.start, sentences[before].end);
                        sentences.remove(before);
                    }
                }
                seg_start = k + 1;
            }
        }
        i = j + 1;
    }
    // Page furniture at the end: only what starts a line.
    while let Some(&last) = sentences.last() {
        let line_start = text[..last.start].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..last.start].trim().is_empty()
            && is_furniture(last.of(text), &rules.furniture)
        {
            sentences.pop();
        } else {
            break;
        }
    }
    let title = match (sentences.first(), lines.get(first_content_line(&lines))) {
        (Some(&first), Some(line)) if sentences.len() > 1 && first == line.content => Some(first),
        _ => None,
    };
    (sentences, title)
}

/// One line of the text.
#[derive(Clone, Copy, Debug)]
struct Line {
    /// The line without leading and trailing white space.
    content: Span,
    /// Only white space.
    blank: bool,
    /// Leading white space, in bytes.
    indent: usize,
}

/// Cuts `text` at every `\n` (found with `memchr`), trimming each line once.
fn lines(text: &str) -> Vec<Line> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain([text.len()])
        .map(|end| {
            let raw = &text[start..end];
            let unindented = raw.trim_start();
            let indent = raw.len() - unindented.len();
            let trimmed = unindented.trim_end();
            let content_start = start + indent;
            start = end + 1;
            Line {
                content: Span::new(content_start, content_start + trimmed.len()),
                blank: trimmed.is_empty(),
                indent,
            }
        })
        .collect()
}

/// Width of a line in characters.
fn width(line: &str) -> usize {
    if line.is_ascii() {
        line.len()
    } else {
        line.chars().count()
    }
}

fn first_content_line(lines: &[Line]) -> usize {
    lines.iter().position(|l| !l.blank).unwrap_or(0)
}

/// Length in bytes of a list marker opening `line` ("- ", "• ", "1. ", "a) ", "(iv) "), if any.
fn list_marker(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, c) = chars.next()?;
    // No marker opens with a capital letter; most lines do.
    if c.is_ascii_uppercase() {
        return None;
    }
    let after = |i: usize| -> Option<usize> {
        let rest = &line[i..];
        let ws = rest.len() - rest.trim_start().len();
        (ws > 0 && rest.len() > ws).then_some(i + ws)
    };
    if matches!(
        c,
        '-' | '•' | '*' | '·' | '▪' | '●' | '◦' | '‣' | '–' | '—' | '○' | '■' | '►' | '✓'
    ) {
        return after(c.len_utf8());
    }
    let bytes = line.as_bytes();
    let open = usize::from(bytes[0] == b'(');
    let mut k = open;
    while k < bytes.len() && k - open < 4 && bytes[k].is_ascii_alphanumeric() {
        k += 1;
    }
    let label = &line[open..k];
    let numeric =
        !label.is_empty() && label.len() <= 2 && label.bytes().all(|b| b.is_ascii_digit());
    let lettered = label.len() == 1 && label.bytes().all(|b| b.is_ascii_lowercase());
    let roman = !label.is_empty() && label.bytes().all(|b| b"ivx".contains(&b));
    if !(numeric || lettered || roman) || k >= bytes.len() {
        return None;
    }
    match (open == 1, bytes[k]) {
        (true, b')') | (false, b')') => after(k + 1),
        (false, b'.') if numeric => after(k + 1),
        _ => None,
    }
}

/// Lower-case words a hard-wrapped line often ends on mid-sentence.
const CONTINUATION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "its", "of", "on", "or",
    "that", "the", "their", "to", "which", "who", "with",
];

fn ends_mid_sentence(line: &str) -> bool {
    let last_word = line.rsplit(char::is_whitespace).next().unwrap_or("");
    line.ends_with([',', '-', '–', '—', '(', '/', '&']) || CONTINUATION_WORDS.contains(&last_word)
}

fn starts_like_sentence(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || is_opening(c))
}

/// Whether the break after line `k` of a paragraph ends a segment; `width`
/// is the line's width in characters, `widest` the paragraph's.
fn breaks_after(text: &str, para: &[Line], k: usize, width: usize, widest: usize) -> bool {
    let cur = para[k].content.of(text);
    let next_line = para[k + 1];
    let next = next_line.content.of(text);
    if list_marker(next).is_some() {
        return true;
    }
    let mid = ends_mid_sentence(cur);
    if !starts_like_sentence(next) || mid {
        return false;
    }
    if list_marker(cur).is_some() && next_line.indent <= para[k].indent {
        return true;
    }
    // A date line under the headline ("21 August 2023") stands alone.
    if is_date_line(next) || is_date_line(cur) {
        return true;
    }
    if cur.ends_with(':') {
        // "The President said:" and the quotation under it are one sentence.
        return !next.starts_with(OPENING_QUOTES);
    }
    // A line much shorter than the paragraph's widest is not a wrapped one.
    widest >= 50 && width * 10 < widest * 6
}

/// Month names and their abbreviations, lower case, for [`is_date_line`].
const MONTHS: &str = "january february march april may june july august september october \
    november december jan feb mar apr jun jul aug sep sept oct nov dec";

/// A line that is a date and nothing else, perhaps after a place or a
/// weekday: "21 August 2023", "Tashkent, 15 June 2022", "Monday, May 20,
/// 2020", "June 2022", "21.08.2023". Such a line is never a wrapped part of
/// a sentence, so the headline above it and the body below it stay apart.
fn is_date_line(line: &str) -> bool {
    // Every form ends in a year or a numeric date, so has an ASCII digit; a
    // character is one to four bytes, so only some lengths need counting.
    if line.len() > 160
        || (line.len() > 40 && line.chars().count() > 40)
        || !line.bytes().any(|b| b.is_ascii_digit())
    {
        return false;
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let month = |w: &str| {
        let w = w.trim_end_matches('.').to_lowercase();
        MONTHS.split_whitespace().any(|m| m == w)
    };
    let day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_lowercase());
        matches!(w.strip_prefix(digits), Some("" | "st" | "nd" | "rd" | "th"))
            && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
    };
    let numeric = |w: &str| {
        let parts: Vec<&str> = w.split(['.', '/', '-']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && (year(parts[0]) || year(parts[2]))
    };
    let date_len = match words.as_slice() {
        [.., d, m, y] if day(d) && month(m) && year(y) => 3,
        [.., m, d, y] if month(m) && day(d) && year(y) => 3,
        [.., m, y] if month(m) && year(y) => 2,
        [.., n] if numeric(n) => 1,
        _ => return false,
    };
    let prefix = &words[..words.len() - date_len];
    prefix.len() <= 3
        && prefix
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

const OPENING_QUOTES: [char; 5] = ['"', '“', '‘', '«', '„'];

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '«' | '(' | '[' | '„')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Splits one segment (a paragraph or a part of one) into sentences;
/// `candidates` searches the whole text, and segments come in text order.
fn split_segment(
    text: &str,
    seg: Span,
    rules: &Rules,
    candidates: &mut Candidates,
    out: &mut Vec<Span>,
) {
    let s = seg.of(text);
    let base = seg.start;
    let mut start = 0;
    let mut i = 0;
    while let Some(p) = candidates
        .next_from(base + i)
        .filter(|&p| p < seg.end)
        .map(|p| p - base)
    {
        let Some(c) = s[p..].chars().next() else {
            break;
        };
        i = p + c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        // The run of terminators ("...", "?!") and closing quotes and brackets.
        let mut q = i;
        let mut run = 1;
        for d in s[q..].chars() {
            if is_terminator(d) {
                run += 1;
            } else if !is_closing(d) {
                break;
            }
            q += d.len_utf8();
        }
        i = q;
        let rest = &s[q..];
        if rest.is_empty() {
            break;
        }
        let ws = rest.len() - rest.trim_start().len();
        let next_start = q + ws;
        let boundary = if ws == 0 {
            matches!(c, '。' | '！' | '？') || (c == '.' && run == 1 && missing_space(s, p, q))
        } else {
            let next_text = &s[next_start..];
            let next = next_text.chars().next().unwrap_or(' ');
            starts_like_sentence(next_text)
                && (c != '.' || run > 1 || full_stop_ends(s, start, p, next, rules))
        };
        if boundary {
            out.push(Span::new(base + start, base + q));
            start = next_start;
        }
    }
    let end = s.trim_end().len();
    if start < end {
        out.push(Span::new(base + start, base + end));
    }
}

/// The bytes of a text that can begin a terminator, found left to right:
/// ASCII `.` `!` `?` and the lead bytes of `…` (E2), `。` (E3) and the
/// full-width `！` `？` (EF). Two vectorised three-byte searches
/// (`memchr3`) each remember their next hit, so every byte is read once per
/// search instead of being tested one at a time.
struct Candidates<'a> {
    bytes: &'a [u8],
    /// The next `.`, `!` or `?` (`usize::MAX`: none is left).
    ascii: usize,
    /// The next E2, E3 or EF byte (`usize::MAX`: none is left).
    lead: usize,
}

impl<'a> Candidates<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Candidates {
            bytes,
            ascii: find3([b'.', b'!', b'?'], bytes, 0),
            lead: find3([0xE2, 0xE3, 0xEF], bytes, 0),
        }
    }

    /// The first candidate at or after `from` (which never moves back).
    fn next_from(&mut self, from: usize) -> Option<usize> {
        if self.ascii < from {
            self.ascii = find3([b'.', b'!', b'?'], self.bytes, from);
        }
        if self.lead < from {
            self.lead = find3([0xE2, 0xE3, 0xEF], self.bytes, from);
        }
        let p = self.ascii.min(self.lead);
        (p != usize::MAX).then_some(p)
    }
}

/// The first of three bytes in `bytes[from..]`, as an index into `bytes`,
/// or `usize::MAX`.
fn find3([a, b, c]: [u8; 3], bytes: &[u8], from: usize) -> usize {
    memchr::memchr3(a, b, c, &bytes[from..]).map_or(usize::MAX, |k| from + k)
}

/// The byte just after the character at `i` (white space such as a
/// no-break space is more than one byte).
fn after_char(s: &str, i: usize) -> usize {
    i + s[i..].chars().next().map_or(1, char::len_utf8)
}

/// Whether the full stop at `p` ends the sentence begun at `start`, given
/// the first character `next` after the white space that follows it.
fn full_stop_ends(s: &str, start: usize, p: usize, next: char, rules: &Rules) -> bool {
    let token_start = s[..p]
        .rfind(char::is_whitespace)
        .map_or(0, |i| after_char(s, i))
        .max(start);
    let token = s[token_start..=p].trim_start_matches(is_opening);
    if token_start == start && list_marker(&s[start..]).is_some() {
        return false;
    }
    match rules.abbreviation(token) {
        Some(Class::Title | Class::Inner) => return false,
        Some(Class::Number) => return !next.is_numeric() && next.is_uppercase(),
        Some(Class::Final) => return next.is_uppercase(),
        None => {}
    }
    let word = &token[..token.len() - 1];
    let mut chars = word.chars();
    // An initial: "J. Stock", "A. K. Singh".
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return !next.is_uppercase();
        }
    }
    true
}

/// "session.Delegates": a word of two or more lower-case letters, a full
/// stop and a capitalised word, in a token that is not a URL or an address.
fn missing_space(s: &str, p: usize, q: usize) -> bool {
    let mut after = s[q..].chars();
    let (Some(a), Some(b)) = (after.next(), after.next()) else {
        return false;
    };
    // The letters just before the stop, counted without collecting them.
    let mut letters = 0;
    let mut lower = true;
    for c in s[..p].chars().rev().take_while(|c| c.is_alphabetic()) {
        letters += 1;
        lower &= c.is_lowercase();
    }
    if letters < 2 || !lower {
        return false;
    }
    if !(a.is_uppercase() && b.is_lowercase()) {
        return false;
    }
    let token_start = s[..p]
        .rfind(char::is_whitespace)
        .map_or(0, |i| after_char(s, i));
    let token_end = s[q..].find(char::is_whitespace).map_or(s.len(), |i| q + i);
    let token = &s[token_start..token_end];
    !(token.contains("://") || token.contains('@') || token.starts_with("www."))
}

/// A whole line made only of furniture phrases and separators.
fn is_furniture(line: &str, phrases: &[String]) -> bool {
    let lower = line.to_lowercase();
    let mut rest = lower.as_str();
    let mut found = false;
    loop {
        rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        if rest.is_empty() {
            return found;
        }
        let hit = phrases.iter().find(|p| {
            rest.starts_with(p.as_str())
                && !rest[p.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        match hit {
            Some(p) => {
                rest = &rest[p.len()..];
                found = true;
            }
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::build(&Gazetteers::builtin()).expect("built-in rules")
    }

    fn texts(text: &str) -> Vec<String> {
        split(text, &rules())
            .0
            .iter()
            .map(|s| s.of(text).to_string())
            .collect()
    }

    /// (name, text, expected sentences).
    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "two plain",
            "The meeting opened. It closed.",
            &["The meeting opened.", "It closed."],
        ),
        (
            "question",
            "Who came? All members.",
            &["Who came?", "All members."],
        ),
        (
            "exclamation",
            "It worked! Then it ended.",
            &["It worked!", "Then it ended."],
        ),
        (
            "lower-case after stop",
            "It was 5 p.m. sharp. Then lunch.",
            &["It was 5 p.m. sharp.", "Then lunch."],
        ),
        (
            "mr",
            "Mr. Norov spoke. He left.",
            &["Mr. Norov spoke.", "He left."],
        ),
        (
            "mrs ms",
            "Mrs. Li and Ms. Ode met.",
            &["Mrs. Li and Ms. Ode met."],
        ),
        (
            "dr",
            "Dr. Amina Bello chaired it.",
            &["Dr. Amina Bello chaired it."],
        ),
        (
            "he",
            "H.E. Mr. Zhang Ming opened it. Others spoke.",
            &["H.E. Mr. Zhang Ming opened it.", "Others spoke."],
        ),
        (
            "lt gen",
            "Lt. Gen. Aliev attended.",
            &["Lt. Gen. Aliev attended."],
        ),
        (
            "maj gen",
            "Maj. Gen. Ivanov and Col. Petrov came.",
            &["Maj. Gen. Ivanov and Col. Petrov came."],
        ),
        (
            "amb",
            "Amb. Rahimov presented it. It passed.",
            &["Amb. Rahimov presented it.", "It passed."],
        ),
        (
            "prof",
            "Prof. Karimova lectured.",
            &["Prof. Karimova lectured."],
        ),
        (
            "us inner",
            "The U.S. delegation spoke. Then others.",
            &["The U.S. delegation spoke.", "Then others."],
        ),
        (
            "un inner",
            "The U.N. Security Council met.",
            &["The U.N. Security Council met."],
        ),
        (
            "eg",
            "Some bodies, e.g. Europol, came.",
            &["Some bodies, e.g. Europol, came."],
        ),
        (
            "eg capital",
            "Several, e.g. The Hague office, sent staff.",
            &["Several, e.g. The Hague office, sent staff."],
        ),
        (
            "ie",
            "The body, i.e. RATS, met.",
            &["The body, i.e. RATS, met."],
        ),
        (
            "etc end",
            "Drugs, arms etc. The list grew.",
            &["Drugs, arms etc.", "The list grew."],
        ),
        (
            "etc inside",
            "Drugs, arms etc. were seized.",
            &["Drugs, arms etc. were seized."],
        ),
        (
            "vs",
            "The case of A vs. B was heard.",
            &["The case of A vs. B was heard."],
        ),
        (
            "no number",
            "See Resolution No. 2178. It binds all.",
            &["See Resolution No. 2178.", "It binds all."],
        ),
        (
            "art number",
            "Under Art. 5 members act.",
            &["Under Art. 5 members act."],
        ),
        (
            "para",
            "Para. 3 applies. Para. 4 does not.",
            &["Para. 3 applies.", "Para. 4 does not."],
        ),
        (
            "month abbr",
            "On Dec. 1, 2019 it began.",
            &["On Dec. 1, 2019 it began."],
        ),
        (
            "sept abbr",
            "Since Sept. 12 talks went on.",
            &["Since Sept. 12 talks went on."],
        ),
        (
            "jan abbr",
            "From Jan. 5 to Jan. 9 it ran.",
            &["From Jan. 5 to Jan. 9 it ran."],
        ),
        (
            "corp final",
            "It hired Acme Corp. The deal closed.",
            &["It hired Acme Corp.", "The deal closed."],
        ),
        (
            "ltd lower",
            "Acme Ltd. was fined.",
            &["Acme Ltd. was fined."],
        ),
        ("initial", "J. Stock spoke.", &["J. Stock spoke."]),
        (
            "two initials",
            "A. K. Singh and B. Ode met.",
            &["A. K. Singh and B. Ode met."],
        ),
        (
            "initial mid",
            "Director J. Stock opened it. He left.",
            &["Director J. Stock opened it.", "He left."],
        ),
        (
            "decimal",
            "Crime fell by 3.5 per cent. Good.",
            &["Crime fell by 3.5 per cent.", "Good."],
        ),
        (
            "thousands",
            "It cost 1.000.000 euros. Fine.",
            &["It cost 1.000.000 euros.", "Fine."],
        ),
        (
            "thousands comma",
            "Some 2,500 officers came. All.",
            &["Some 2,500 officers came.", "All."],
        ),
        (
            "time am",
            "It began at 10 a.m. and ended.",
            &["It began at 10 a.m. and ended."],
        ),
        (
            "time dotted",
            "It began at 10.30 and ended.",
            &["It began at 10.30 and ended."],
        ),
        (
            "url",
            "See www.ecrats.org for more. Thanks.",
            &["See www.ecrats.org for more.", "Thanks."],
        ),
        (
            "url end",
            "Visit https://www.interpol.int. Then read.",
            &["Visit https://www.interpol.int.", "Then read."],
        ),
        (
            "url path caps",
            "Read https://a.org/News.Item today.",
            &["Read https://a.org/News.Item today."],
        ),
        (
            "email",
            "Write to press@ecrats.org. We answer.",
            &["Write to press@ecrats.org.", "We answer."],
        ),
        (
            "email caps",
            "Write to Press.Office@un.org now.",
            &["Write to Press.Office@un.org now."],
        ),
        (
            "ellipsis",
            "He paused... Then he went on.",
            &["He paused...", "Then he went on."],
        ),
        (
            "ellipsis char",
            "He paused… Then he went on.",
            &["He paused…", "Then he went on."],
        ),
        (
            "ellipsis lower",
            "He paused... and went on.",
            &["He paused... and went on."],
        ),
        (
            "closing quote",
            "He said: \"We agree.\" Then he sat.",
            &["He said: \"We agree.\"", "Then he sat."],
        ),
        (
            "curly quote",
            "He said: “We agree.” Then he sat.",
            &["He said: “We agree.”", "Then he sat."],
        ),
        (
            "closing bracket",
            "It met (in Tashkent.) Then it ended.",
            &["It met (in Tashkent.)", "Then it ended."],
        ),
        (
            "opening quote next",
            "It ended. “Good,” he said.",
            &["It ended.", "“Good,” he said."],
        ),
        (
            "bracket next",
            "It ended. (Photo: RATS.)",
            &["It ended.", "(Photo: RATS.)"],
        ),
        (
            "digit next",
            "It ended in 2019. 2020 was calm.",
            &["It ended in 2019.", "2020 was calm."],
        ),
        (
            "missing space",
            "The session closed.Delegates left.",
            &["The session closed.", "Delegates left."],
        ),
        (
            "missing space abbrev-like",
            "The U.S.Army came.",
            &["The U.S.Army came."],
        ),
        (
            "dateline dash",
            "Tashkent, 15 June 2022 – The talks began. They ended.",
            &["Tashkent, 15 June 2022 – The talks began.", "They ended."],
        ),
        (
            "headline",
            "Heads meet in Astana\n\nThe heads met.",
            &["Heads meet in Astana", "The heads met."],
        ),
        (
            "headline no blank",
            "Heads meet in Astana\nThe heads met in the capital on Monday and agreed on the plan.",
            &[
                "Heads meet in Astana",
                "The heads met in the capital on Monday and agreed on the plan.",
            ],
        ),
        (
            "hard wrap",
            "The Council of Foreign Ministers of the Shanghai Cooperation\nOrganisation met in Tashkent on Tuesday to review the draft\ndocuments. All agreed.",
            &[
                "The Council of Foreign Ministers of the Shanghai Cooperation\nOrganisation met in Tashkent on Tuesday to review the draft\ndocuments.",
                "All agreed.",
            ],
        ),
        (
            "hard wrap capital",
            "Intro line\n\nThe delegations of the member states welcomed the results of\nChina's chairmanship and thanked the hosts for their warm welcome.",
            &[
                "Intro line",
                "The delegations of the member states welcomed the results of\nChina's chairmanship and thanked the hosts for their warm welcome.",
            ],
        ),
        (
            "dateline line",
            "Headline here\n\n17 April 2015\n\nThe conference closed.",
            &["Headline here", "17 April 2015", "The conference closed."],
        ),
        (
            "short line in para",
            "Headline\n\nDushanbe, 3 May 2021\nThe Council of Heads of the competent authorities met today in the capital city.",
            &[
                "Headline",
                "Dushanbe, 3 May 2021",
                "The Council of Heads of the competent authorities met today in the capital city.",
            ],
        ),
        (
            "bullets",
            "Topics:\n- terrorism;\n- drug trafficking;\n- cybercrime.",
            &[
                "Topics:",
                "- terrorism;",
                "- drug trafficking;",
                "- cybercrime.",
            ],
        ),
        (
            "bullet dots",
            "Topics:\n• terrorism\n• drug trafficking",
            &["Topics:", "• terrorism", "• drug trafficking"],
        ),
        (
            "numbered",
            "Agreed:\n1. To meet again.\n2. To share data.",
            &["Agreed:", "1. To meet again.", "2. To share data."],
        ),
        (
            "numbered paren",
            "Agreed:\n1) meet again\n2) share data",
            &["Agreed:", "1) meet again", "2) share data"],
        ),
        (
            "lettered",
            "Agreed:\na) meet again;\nb) share data.",
            &["Agreed:", "a) meet again;", "b) share data."],
        ),
        (
            "numbered inline start",
            "1. The first point is this. The second follows.",
            &["1. The first point is this.", "The second follows."],
        ),
        (
            "wrapped bullet",
            "Topics:\n- the fight against terrorism, separatism and extremism in\n  the region;\n- drugs.",
            &[
                "Topics:",
                "- the fight against terrorism, separatism and extremism in\n  the region;",
                "- drugs.",
            ],
        ),
        (
            "colon quote",
            "Headline\n\nOf the plan, the Chair said:\n“It is sound. We agree.”",
            &[
                "Headline",
                "Of the plan, the Chair said:\n“It is sound.",
                "We agree.”",
            ],
        ),
        (
            "colon quote paragraph",
            "Headline\n\nOf the plan, the Chair said:\n\n“It is sound. We agree.”",
            &[
                "Headline",
                "Of the plan, the Chair said:\n\n“It is sound.",
                "We agree.”",
            ],
        ),
        (
            "colon no quote paragraph",
            "Headline\n\nThe agenda:\n\nSecurity came first.",
            &["Headline", "The agenda:", "Security came first."],
        ),
        (
            "colon line",
            "The agenda was as follows:\nSecurity in the region was the first item of the agenda for the day.",
            &[
                "The agenda was as follows:",
                "Security in the region was the first item of the agenda for the day.",
            ],
        ),
        (
            "furniture",
            "Headline\n\nThe talks ended.\n\nIn other news",
            &["Headline", "The talks ended."],
        ),
        (
            "furniture dashes",
            "Headline\n\nThe talks ended.\n\nIn other news----",
            &["Headline", "The talks ended."],
        ),
        (
            "furniture many",
            "Headline\n\nThe talks ended.\n\nShare\nPrint\n\nBack to list",
            &["Headline", "The talks ended."],
        ),
        (
            "furniture one line",
            "Headline\n\nThe talks ended.\n\nShare | Print | Tweet",
            &["Headline", "The talks ended."],
        ),
        (
            "not furniture",
            "Headline\n\nThe talks ended.\n\nShare the results with members",
            &[
                "Headline",
                "The talks ended.",
                "Share the results with members",
            ],
        ),
        (
            "furniture mid text stays",
            "Headline\n\nPrint\n\nThe talks ended.",
            &["Headline", "Print", "The talks ended."],
        ),
        (
            "crlf-normalised",
            "Headline\n\nOne. Two.",
            &["Headline", "One.", "Two."],
        ),
        ("no final stop", "The talks ended", &["The talks ended"]),
        ("empty", "", &[]),
        ("only spaces", "  \n \n", &[]),
        (
            "leading spaces",
            "   The talks ended.   ",
            &["The talks ended."],
        ),
        (
            "chinese",
            "会议在北京举行。各方同意。",
            &["会议在北京举行。", "各方同意。"],
        ),
        (
            "cyrillic",
            "Встреча прошла в Москве. Стороны договорились.",
            &["Встреча прошла в Москве.", "Стороны договорились."],
        ),
        (
            "diacritics",
            "Jürgen Stock spoke. Ünal replied.",
            &["Jürgen Stock spoke.", "Ünal replied."],
        ),
        (
            "semicolon",
            "They met; they agreed. Fine.",
            &["They met; they agreed.", "Fine."],
        ),
        (
            "st",
            "St. Petersburg hosted it.",
            &["St. Petersburg hosted it."],
        ),
        (
            "no abbreviation no",
            "The answer was no. The rest agreed.",
            &["The answer was no.", "The rest agreed."],
        ),
        (
            "acronym dotted final",
            "Talks in the U.A.E. ended. Then more.",
            &["Talks in the U.A.E. ended.", "Then more."],
        ),
        (
            "question quote",
            "He asked: “Why?” Nobody knew.",
            &["He asked: “Why?”", "Nobody knew."],
        ),
        ("interrobang", "Really?! Yes.", &["Really?!", "Yes."]),
        (
            "wrapped ends comma",
            "The meeting brought together Kazakhstan, China, Kyrgyzstan,\nRussia, Tajikistan and Uzbekistan in a friendly atmosphere.",
            &[
                "The meeting brought together Kazakhstan, China, Kyrgyzstan,\nRussia, Tajikistan and Uzbekistan in a friendly atmosphere.",
            ],
        ),
        (
            "wrapped ends function word",
            "Heads met\nin Astana to talk about the things that matter to all of\nthe member states in the region.",
            &[
                "Heads met\nin Astana to talk about the things that matter to all of\nthe member states in the region.",
            ],
        ),
    ];

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for (name, text, want) in CASES {
            let got = texts(text);
            if got != *want {
                failures.push(format!("{name}: got {got:?}, want {want:?}"));
            }
        }
        crate::testing::assert_table(&failures, CASES.len());
        assert!(CASES.len() >= 80);
    }

    #[test]
    fn title_is_the_headline() {
        let r = rules();
        let text = "Heads meet in Astana\n\nThe heads met.";
        assert_eq!(
            split(text, &r).1.map(|s| s.of(text)),
            Some("Heads meet in Astana")
        );
        assert_eq!(split("One sentence only.", &r).1, None);
    }

    #[test]
    fn list_markers() {
        let cases: &[(&str, Option<usize>)] = &[
            ("- x", Some(2)),
            ("• x", Some(4)),
            ("1. x", Some(3)),
            ("12) x", Some(4)),
            ("(a) x", Some(4)),
            ("(iv) x", Some(5)),
            ("a) x", Some(3)),
            ("2020. x", None),
            ("-x", None),
            ("A. Stock", None),
            ("x", None),
        ];
        for (line, want) in cases {
            assert_eq!(list_marker(line), *want, "{line}");
        }
    }

    /// (name, text, expected sentences): a line holding only a date.
    const DATE_LINE_CASES: &[(&str, &str, &[&str])] = &[
        (
            "date line under headline",
            "Joint Communiqué of the 41st Conference\n21 August 2023\n\nThe Conference met.",
            &[
                "Joint Communiqué of the 41st Conference",
                "21 August 2023",
                "The Conference met.",
            ],
        ),
        (
            "place and date under headline",
            "Heads of police meet in the capital\nTashkent, 15 June 2022\nThe heads met.",
            &[
                "Heads of police meet in the capital",
                "Tashkent, 15 June 2022",
                "The heads met.",
            ],
        ),
        (
            "weekday month first",
            "Council session closes\nMonday, May 20, 2020\n\nThe session closed.",
            &[
                "Council session closes",
                "Monday, May 20, 2020",
                "The session closed.",
            ],
        ),
        (
            "numeric date line",
            "Council session closes\n21.08.2023\n\nThe session closed.",
            &[
                "Council session closes",
                "21.08.2023",
                "The session closed.",
            ],
        ),
        (
            "month and year",
            "Annual report of the Executive Committee\nJune 2022\n\nThe report follows.",
            &[
                "Annual report of the Executive Committee",
                "June 2022",
                "The report follows.",
            ],
        ),
        (
            "wrapped date after preposition",
            "The next meeting of the Council will be held in Tashkent on\n21 August 2023 as agreed.",
            &[
                "The next meeting of the Council will be held in Tashkent on\n21 August 2023 as agreed.",
            ],
        ),
        (
            "date inside a line is no date line",
            "The Council met in the capital of Uzbekistan yesterday and\nTashkent, 15 June 2022 was a fine day for everyone who came.",
            &[
                "The Council met in the capital of Uzbekistan yesterday and\nTashkent, 15 June 2022 was a fine day for everyone who came.",
            ],
        ),
        (
            "sentence ending in a date is no date line",
            "Heads of police of the member states met\nin the capital on 15 June 2022.",
            &["Heads of police of the member states met\nin the capital on 15 June 2022."],
        ),
    ];

    #[test]
    fn date_lines() {
        let mut failures = Vec::new();
        for (name, text, want) in DATE_LINE_CASES {
            let got = texts(text);
            if got != *want {
                failures.push(format!("{name}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        let text = "Joint Communiqué of the 41st Conference\n21 August 2023\n\nThe Conference met.";
        let title = split(text, &rules()).1.map(|s| s.of(text));
        assert_eq!(title, Some("Joint Communiqué of the 41st Conference"));
    }
}
