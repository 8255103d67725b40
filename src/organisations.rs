//! Organisations: adds `Document::organisations` from the gazetteer hits of
//! the name matcher and from acronyms the text defines. Reads the sentences
//! (only text up to the end of the last one counts).
//!
//! Definitions are found Schwartz & Hearst style, by aligning the letters of
//! the acronym with the words before it: "Long Name (ACR)", "ACR (Long
//! Name)", "Long Name – ACR". A definition whose acronym a gazetteer knows
//! links to that entry (its long form becomes a mention, overriding shorter
//! gazetteer hits inside it: "Gulf Cooperation Council-pol (GCCPOL)" is
//! GCCPOL, not GCC); otherwise, when the long form is headed by an
//! organisation word (`gazetteers/org_words.tsv`: Council, Ministry,
//! Agency…), it becomes an organisation with `source: definition` whose later
//! bare uses of the acronym are its mentions. "(hereinafter – the
//! Committee)" after an organisation makes "the Committee" an alias of it.
//! Deliberately ignored: single parenthesised words that are not acronyms of
//! the words before them ("(2021)", "(Kazakhstan)"), and named meetings.

use crate::document::{Document, OrgKind, OrgSource, Organisation, Span, SpanSet, Why, first_seen};
use crate::names::{Hit, Names, Target, is_word_boundary};
use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, HashSet};

/// An acronym the text defines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The long form ("Arab Interior Ministers’ Council").
    pub long: Span,
    /// The acronym ("AIMC").
    pub acronym: Span,
}

/// An alias the text defines for the organisation just before it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Alias {
    /// Where "(hereinafter …)" starts: the organisation mention must end just before.
    at: usize,
    /// "(hereinafter …)" itself, brackets included.
    span: Span,
    /// The alias as written, without a leading "the" or quotes.
    text: String,
}

impl Definition {
    /// The whole definition in `text`: long form and acronym, whichever
    /// comes first, with the closing bracket ("Long Name (ACR)").
    pub fn span(&self, text: &str) -> Span {
        let end = self.long.end.max(self.acronym.end);
        let end = end + usize::from(text[end..].starts_with(')'));
        Span::new(self.long.start.min(self.acronym.start), end)
    }
}

/// Whether `s` looks like an acronym: 2–12 characters, starting with a
/// capital, at least two capitals, letters, digits, `&`, `-` or `.`; not a
/// year or a Roman numeral.
pub fn is_acronym(s: &str) -> bool {
    // Two to twelve characters are two to 48 bytes: a long bracketed phrase
    // is answered without reading it.
    if !(2..=48).contains(&s.len()) {
        return false;
    }
    let (mut n, mut upper, mut roman) = (0, 0, true);
    for c in s.chars() {
        if !(c.is_alphanumeric() || matches!(c, '&' | '-' | '.')) {
            return false;
        }
        n += 1;
        upper += usize::from(c.is_uppercase());
        roman &= matches!(c, 'I' | 'V' | 'X');
    }
    (2..=12).contains(&n)
        && s.chars().next().is_some_and(char::is_uppercase)
        && upper >= 2
        && !roman
}

/// Schwartz & Hearst: the shortest suffix of `long` whose characters align
/// with the acronym's, right to left, the first letter at a word start.
/// Returns the byte offset in `long` where the long form starts.
pub fn align(acronym: &str, long: &str) -> Option<usize> {
    // (An ASCII letter's lower case without the Unicode tables.)
    let lower = |c: char| {
        if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    // The acronym's letters lower-cased, last first.
    let mut short = acronym
        .chars()
        .rev()
        .flat_map(|c| c.to_lowercase().rev())
        .peekable();
    // `long` up to the last aligned character (excluded).
    let mut rest = long;
    while let Some(c) = short.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let first_letter = short.peek().is_none();
        loop {
            let d = rest.chars().next_back()?;
            let before = &rest[..rest.len() - d.len_utf8()];
            let aligned = lower(d) == c
                && !(first_letter
                    && before
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric));
            rest = before;
            if aligned {
                break;
            }
        }
    }
    // Back to the start of the word holding the first aligned letter.
    Some(
        rest.char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8()),
    )
}

/// Where the long form of `acronym` starts in `long`: [`align`]'s start,
/// except that a long form starting with a lower-case word ("of Turkic
/// States" for OTS) starts instead at the nearest capitalised word before it
/// with the same initial ("Organization of Turkic States"), when there is one.
fn long_form(acronym: &str, long: &str) -> Option<usize> {
    let start = align(acronym, long)?;
    let Some(initial) = long[start..].chars().next().filter(|c| c.is_lowercase()) else {
        return Some(start);
    };
    let mut word_start = None;
    for (i, c) in long[..start].char_indices().rev() {
        if c.is_whitespace() {
            if let Some(w) = word_start.take() {
                if starts_capitalised_with(&long[w..], initial) {
                    return Some(w);
                }
            }
        } else {
            word_start = Some(i);
        }
    }
    Some(
        word_start
            .filter(|&w| starts_capitalised_with(&long[w..], initial))
            .unwrap_or(start),
    )
}

/// Whether `word` starts with the capital of the lower-case letter `initial`.
fn starts_capitalised_with(word: &str, initial: char) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() && c.to_lowercase().eq(initial.to_lowercase()))
}

/// Where the last `max` words before byte `end` start, not crossing a
/// full stop, colon, semicolon, comma or bracket.
fn window_before(text: &str, end: usize, max: usize) -> usize {
    let head = &text[..end];
    let bytes = head.as_bytes();
    let mut start = end;
    let mut words = 0;
    let mut in_word = false;
    // Back a byte at a time; a non-ASCII character is decoded from its first byte.
    let mut i = end;
    while i > 0 {
        i -= 1;
        let b = bytes[i];
        let space = if b < 0x80 {
            if matches!(b, b'.' | b':' | b';' | b',' | b'(' | b')' | b'[' | b']') {
                break;
            }
            char::from(b).is_whitespace()
        } else {
            while !head.is_char_boundary(i) {
                i -= 1;
            }
            head[i..].chars().next().is_some_and(char::is_whitespace)
        };
        if space {
            in_word = false;
        } else {
            if !in_word {
                words += 1;
                if words > max {
                    break;
                }
            }
            in_word = true;
            start = i;
        }
    }
    start
}

/// Trims a leading "the " (any case) and white space.
fn strip_the(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let t = s.trim_start();
    let mut start = span.start + (s.len() - t.len());
    for the in ["the ", "The ", "THE "] {
        if text[start..span.end].starts_with(the) {
            start += the.len();
        }
    }
    Span::new(start, span.end)
}

/// Finds "Long Name (ACR)", "ACR (Long Name)" and "Long Name – ACR" in `text`.
pub fn find_definitions(text: &str) -> Vec<Definition> {
    let mut out = Vec::new();
    // The first ')' after each '(': one forward pass over both.
    let mut closes = memchr::memchr_iter(b')', text.as_bytes()).peekable();
    for open in memchr::memchr_iter(b'(', text.as_bytes()) {
        while closes.next_if(|&c| c <= open).is_some() {}
        let Some(&close) = closes.peek() else {
            // No ')' after this '(' means none after any later one: stop.
            break;
        };
        let inner = text[open + 1..close].trim();
        if inner.len() > 200 {
            continue;
        }
        let inner_start =
            open + 1 + (text[open + 1..close].len() - text[open + 1..close].trim_start().len());
        let before_end = text[..open].trim_end().len();
        if is_acronym(inner) {
            // Long Name (ACR)
            let n = inner.chars().filter(|c| c.is_alphanumeric()).count();
            let from = window_before(text, before_end, (n + 5).min(2 * n));
            let long_text = &text[from..before_end];
            if let Some(off) = long_form(inner, long_text) {
                let long = strip_the(text, Span::new(from + off, before_end));
                if long.of(text).contains([' ', '-']) {
                    out.push(Definition {
                        long,
                        acronym: Span::new(inner_start, inner_start + inner.len()),
                    });
                }
            }
        } else if inner.contains(' ') {
            // ACR (Long Name)
            let token_start = text[..before_end]
                .rfind(|c: char| c.is_whitespace() || c == '(')
                // White space may be more than one byte (a no-break space).
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            let token = &text[token_start..before_end];
            if is_acronym(token) && is_word_boundary(text, token_start, before_end) {
                let long_text = inner.strip_prefix("the ").unwrap_or(inner);
                if align(token, long_text) == Some(0) {
                    let long_start = inner_start + (inner.len() - long_text.len());
                    out.push(Definition {
                        long: Span::new(long_start, inner_start + inner.len()),
                        acronym: Span::new(token_start, before_end),
                    });
                }
            }
        }
    }
    // Long Name – ACR
    // One pass over the bytes: " – ", " - " and " — " (the dashes' lead byte is E2).
    let bytes = text.as_bytes();
    let dashes = memchr::memchr2_iter(b'-', 0xE2, bytes).filter(|&k| k > 0 && bytes[k - 1] == b' ');
    for at in dashes.map(|k| k - 1) {
        let Some(dash) = [" – ", " - ", " — "]
            .into_iter()
            .find(|d| text[at..].starts_with(d))
        else {
            continue;
        };
        {
            let after = at + dash.len();
            let token_end = text[after..]
                .find(|c: char| !(c.is_alphanumeric() || c == '&'))
                .map_or(text.len(), |i| after + i);
            let token = &text[after..token_end];
            if !is_acronym(token) || token.chars().any(char::is_lowercase) {
                continue;
            }
            let n = token.chars().count();
            let from = window_before(text, at, (n + 5).min(2 * n));
            if let Some(off) = long_form(token, &text[from..at]) {
                let long = strip_the(text, Span::new(from + off, at));
                if long.of(text).contains(' ') {
                    out.push(Definition {
                        long,
                        acronym: Span::new(after, token_end),
                    });
                }
            }
        }
    }
    out.sort_by_key(|d| d.acronym.start);
    out
}

/// "(hereinafter – the Committee)", "(hereinafter referred to as “the Centre”)".
fn find_aliases(text: &str) -> Vec<Alias> {
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), "(hereinafter") {
        let Some(close) = text[at..].find(')') else {
            break;
        };
        let inner = &text[at + "(hereinafter".len()..at + close];
        let inner = inner.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | ',')
        });
        let inner = inner.strip_prefix("referred to as").unwrap_or(inner);
        let inner = inner.strip_prefix(" as").unwrap_or(inner).trim();
        let inner = inner.trim_matches(|c: char| {
            matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’') || c.is_whitespace()
        });
        let alias = inner.strip_prefix("the ").unwrap_or(inner).trim();
        if alias.chars().next().is_some_and(char::is_uppercase) && alias.len() <= 60 {
            out.push(Alias {
                at,
                span: Span::new(at, at + close + 1),
                text: alias.to_string(),
            });
        }
    }
    out
}

/// A mention to be: where, and which organisation (a gazetteer index or a definition index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Who {
    Gazetteer(usize),
    Defined(usize),
}

/// Adds the organisations of `doc`, from the matcher's `hits`.
pub fn tag(doc: &mut Document, hits: &[Hit], names: &Names) {
    let text = &doc.text[..doc.content_end()];
    let mut mentions: Vec<(Span, Who, Why)> = Vec::with_capacity(hits.len());
    mentions.extend(hits.iter().filter_map(|h| match h.target {
        Target::Org(i) => Some((h.span, Who::Gazetteer(i), h.why)),
        Target::Place(_) => None,
    }));

    // Definitions: link to a gazetteer entry or define a new organisation.
    let mut defined: Vec<Organisation> = Vec::new();
    let mut defined_by_acronym: HashMap<String, usize> = HashMap::default();
    let mut ids = DefinedIds::default();
    let mut forced: Vec<(Span, Who, Why)> = Vec::new();
    // Where each organisation the text defines is defined (long form and acronym).
    let mut defined_at: Vec<Span> = Vec::new();
    let definitions = find_definitions(text);
    // Hashed, so a text with thousands of definitions stays linear.
    let mut hit_at: HashMap<Span, Who> = HashMap::default();
    if !definitions.is_empty() {
        hit_at.reserve(mentions.len());
        for &(span, who, _) in &mentions {
            hit_at.entry(span).or_insert(who);
        }
    }
    for d in definitions {
        let acronym = d.acronym.of(text);
        let long = d.long.of(text);
        let who = if let Some(i) = names.org_by_acronym(acronym) {
            Who::Gazetteer(i)
        } else if let Some(&w) = hit_at.get(&d.long) {
            w
        } else if let Some(&i) = defined_by_acronym.get(acronym) {
            Who::Defined(i)
        } else {
            let Some(kind) = head_kind(long, names) else {
                continue;
            };
            let i = defined.len();
            defined.push(Organisation {
                id: ids.make(acronym, names),
                name: long.split_whitespace().collect::<Vec<_>>().join(" "),
                acronym: Some(acronym.to_string()),
                kind,
                source: OrgSource::Definition,
                mentions: Vec::new(),
                why: Vec::new(),
            });
            defined_by_acronym.insert(acronym.to_string(), i);
            defined_at.push(d.span(text));
            Who::Defined(i)
        };
        let why = Why::Cue("definition", d.span(text));
        forced.push((d.long, who, why));
        forced.push((d.acronym, who, why));
    }
    // Later bare uses of a defined acronym: one pass for all of them.
    let acronyms: Vec<(&str, usize)> = defined_by_acronym
        .iter()
        .map(|(a, &i)| (a.as_str(), i))
        .collect();
    let patterns: Vec<&str> = acronyms.iter().map(|(a, _)| *a).collect();
    occurrences(text, &patterns, |k, span| {
        if is_word_boundary(text, span.start, span.end) {
            let i = acronyms[k].1;
            forced.push((span, Who::Defined(i), Why::Cue("definition", defined_at[i])));
        }
    });
    // Definition spans win over the gazetteer hits they overlap.
    forced.sort();
    let covered = SpanSet::new(forced.iter().map(|(f, _, _)| *f).collect());
    mentions.retain(|(s, _, _)| !covered.overlaps(*s));
    forced.dedup_by(|b, a| a.0.overlaps(b.0));
    mentions.extend(forced);
    // Aliases: "(hereinafter – the Committee)" right after a mention; their
    // uses only fill text no other mention covers. An alias text belongs to
    // the first alias of it that follows a mention; every use of every alias
    // is found in one pass (an alias per text repeated a thousand times was cubic).
    let aliases = find_aliases(text);
    let mut owner_at_end: HashMap<usize, Who> = HashMap::default();
    if !aliases.is_empty() {
        owner_at_end.reserve(mentions.len());
        for &(s, who, _) in &mentions {
            owner_at_end.entry(s.end).or_insert(who);
        }
    }
    let mut claims: Vec<(String, Who, Span)> = Vec::new();
    let mut claimed: HashSet<String> = HashSet::new();
    for alias in aliases {
        let before = text[..alias.at].trim_end().len();
        let Some(&who) = owner_at_end.get(&before) else {
            continue;
        };
        if !alias.text.is_empty() && claimed.insert(alias.text.clone()) {
            claims.push((alias.text, who, alias.span));
        }
    }
    let mut aliased = Vec::new();
    if !claims.is_empty() {
        let mut uses: Vec<Vec<Span>> = vec![Vec::new(); claims.len()];
        let patterns: Vec<&str> = claims.iter().map(|(t, _, _)| t.as_str()).collect();
        occurrences(text, &patterns, |k, span| uses[k].push(span));
        let covered = SpanSet::new(mentions.iter().map(|(s, _, _)| *s).collect());
        // Alias uses taken so far (start → end); they never overlap each other.
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        for ((_, who, at), mut spans) in claims.iter().zip(uses) {
            spans.sort();
            let mut next = 0;
            for span in spans {
                // Successive uses of one alias do not overlap (as `match_indices`).
                if span.start < next {
                    continue;
                }
                next = span.end;
                let free = !covered.overlaps(span)
                    && taken
                        .range(..span.end)
                        .next_back()
                        .is_none_or(|(_, &end)| end <= span.start);
                if free && is_word_boundary(text, span.start, span.end) {
                    taken.insert(span.start, span.end);
                    aliased.push((span, *who, Why::Cue("alias", *at)));
                }
            }
        }
    }
    mentions.extend(aliased);
    // A definition can reach back over a sentence boundary ("Ministers!’ Council (AIMC)").
    // (Sorted first: the same mentions stay, in the same order, and the
    // sentences are walked once. The gazetteer's hits come in order, so
    // without definitions or aliases there is nothing to sort.)
    let key = |(s, _, _): &(Span, Who, Why)| (s.start, std::cmp::Reverse(s.end));
    if !mentions.is_sorted_by_key(key) {
        mentions.sort_by_key(key);
    }
    let mut within = doc.sentence_cursor();
    mentions.retain(|(s, _, _)| within.within(*s));
    doc.organisations = gather(mentions, &defined, names, doc.explain.is_some());
}

/// The organisations of `mentions` (in text order), in order of their first
/// mention, each with its mentions in order (and what produced each when
/// `explain`): a slot for each organisation first, then every list made at
/// its final size.
fn gather(
    mentions: Vec<(Span, Who, Why)>,
    defined: &[Organisation],
    names: &Names,
    explain: bool,
) -> Vec<Organisation> {
    // Each organisation and its number of mentions, in order of the first.
    let (order, slots) = first_seen(mentions.iter().map(|&(_, who, _)| who));
    let mut organisations: Vec<Organisation> = order
        .into_iter()
        .map(|(who, n)| {
            let mentions = Vec::with_capacity(n);
            // Provenance is kept only when asked for: a second list per organisation costs.
            let why = if explain {
                Vec::with_capacity(n)
            } else {
                Vec::new()
            };
            match who {
                Who::Gazetteer(i) => {
                    let e = &names.orgs[i];
                    Organisation {
                        id: e.id.to_string(),
                        name: e.name.to_string(),
                        acronym: e.acronyms.first().map(|a| a.to_string()),
                        kind: e.kind,
                        source: OrgSource::Gazetteer,
                        mentions,
                        why,
                    }
                }
                Who::Defined(i) => Organisation {
                    mentions,
                    why,
                    ..defined[i].clone()
                },
            }
        })
        .collect();
    for ((span, _, why), slot) in mentions.into_iter().zip(slots) {
        let o = &mut organisations[slot as usize];
        o.mentions.push(span);
        if explain {
            o.why.push(why);
        }
    }
    organisations
}

/// Above this many patterns a document's occurrences are found with one
/// automaton (linear in the text whatever their number) instead of one
/// substring search per pattern (cheaper for the few a document usually has).
const MAX_SEARCHES: usize = 16;

/// Calls `each(k, span)` for every occurrence of `patterns[k]` in `text`,
/// overlapping ones included, in no particular order. Empty patterns never occur.
fn occurrences(text: &str, patterns: &[&str], mut each: impl FnMut(usize, Span)) {
    if patterns.len() > MAX_SEARCHES {
        if let Ok(matcher) = AhoCorasick::new(patterns) {
            for m in matcher.find_overlapping_iter(text) {
                each(m.pattern().as_usize(), Span::new(m.start(), m.end()));
            }
        }
        return;
    }
    let bytes = text.as_bytes();
    for (k, pattern) in patterns.iter().enumerate() {
        if pattern.is_empty() {
            continue;
        }
        let finder = memchr::memmem::Finder::new(pattern.as_bytes());
        let mut from = 0;
        while let Some(i) = finder.find(&bytes[from..]) {
            let start = from + i;
            each(k, Span::new(start, start + pattern.len()));
            from = start + 1;
        }
    }
}

/// The kind an organisation defined in the text gets from its last head
/// word, or `None` when no word of it names an organisation.
fn head_kind(long: &str, names: &Names) -> Option<OrgKind> {
    let first = long.chars().next()?;
    if !first.is_uppercase() || long.starts_with("Working ") {
        return None;
    }
    long.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| {
            let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            let w = w
                .strip_suffix("’s")
                .or_else(|| w.strip_suffix("'s"))
                .unwrap_or(w);
            names
                .org_words
                .get(w)
                .copied()
                .or_else(|| (w.to_lowercase() == "pol").then_some(OrgKind::Police))
        })
        .next_back()
}

/// The ids given to organisations defined in the text so far.
#[derive(Default)]
struct DefinedIds {
    taken: HashSet<String>,
    /// Per base id, the next number to try.
    next: HashMap<String, usize>,
}

impl DefinedIds {
    /// An id for an organisation defined in the text: its acronym, lower-cased,
    /// made unique against the gazetteer and earlier definitions.
    fn make(&mut self, acronym: &str, names: &Names) -> String {
        let id = definition_id(acronym, names, |id| self.taken.contains(id), &mut self.next);
        self.taken.insert(id.clone());
        id
    }
}

/// The base id of `acronym`, numbered (`base-2`, …) while `taken` or a gazetteer id.
fn definition_id(
    acronym: &str,
    names: &Names,
    defined: impl Fn(&str) -> bool,
    next: &mut HashMap<String, usize>,
) -> String {
    let base: String = acronym
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == '-' || c == '&' {
                Some('-')
            } else {
                None
            }
        })
        .collect();
    let base = if base.is_empty() {
        "org".to_string()
    } else {
        base
    };
    let taken = |id: &str| names.org(id).is_some() || defined(id);
    if !taken(&base) {
        return base;
    }
    let first = next.get(&base).copied().unwrap_or(2);
    let (n, id) = (first..)
        .map(|n| (n, format!("{base}-{n}")))
        .find(|(_, id)| !taken(id))
        .unwrap_or((first, base.clone()));
    next.insert(base, n + 1);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_shapes() {
        let yes = [
            "AIMC", "GCCPOL", "CIS", "EU-LISA", "UNODC", "NCBs", "AT&T", "OSCE",
        ];
        let no = [
            "2021",
            "Kazakhstan",
            "II",
            "IV",
            "a",
            "A",
            "x1",
            "hereinafter",
            "Mr",
            "G20",
        ];
        for s in yes {
            assert!(is_acronym(s), "{s}");
        }
        for s in no {
            assert!(!is_acronym(s), "{s}");
        }
    }

    #[test]
    fn alignment() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "AIMC",
                "the Arab Interior Ministers’ Council",
                Some("Arab Interior Ministers’ Council"),
            ),
            (
                "GCCPOL",
                "of the Gulf Cooperation Council-pol",
                Some("Gulf Cooperation Council-pol"),
            ),
            (
                "ECO",
                "and Economic Cooperation Organisation",
                Some("Economic Cooperation Organisation"),
            ),
            (
                "CSTO",
                "Collective Security Treaty Organization",
                Some("Collective Security Treaty Organization"),
            ),
            (
                "RATS",
                "the Regional Anti-Terrorist Structure",
                Some("Regional Anti-Terrorist Structure"),
            ),
            (
                "UNOCT",
                "United Nations Office of Counter-Terrorism",
                Some("United Nations Office of Counter-Terrorism"),
            ),
            (
                "OTS",
                "the Organization of Turkic States",
                Some("Organization of Turkic States"),
            ),
            (
                "OFAC",
                "the Office of Foreign Assets\nControl",
                Some("Office of Foreign Assets\nControl"),
            ),
            (
                "ONCB",
                "Thailand's Office of the Narcotics Control Board",
                Some("Office of the Narcotics Control Board"),
            ),
            // No capitalised word with the initial before it: kept as aligned.
            ("EU", "the european union", Some("european union")),
            (
                "OTS",
                "the Council of Turkic States",
                Some("of Turkic States"),
            ),
            ("XYZ", "Arab Interior Ministers’ Council", None),
            ("EAG", "Eurasian Group", Some("Eurasian Group")),
        ];
        for (acr, long, want) in cases {
            let got = long_form(acr, long).map(|i| &long[i..]);
            assert_eq!(got, *want, "{acr}");
        }
    }

    /// The first versions of `align` and `window_before` (a char vector and
    /// two passes), kept to check the allocation-free ones against.
    fn align_reference(acronym: &str, long: &str) -> Option<usize> {
        let short: Vec<char> = acronym.chars().flat_map(char::to_lowercase).collect();
        let chars: Vec<(usize, char)> = long.char_indices().collect();
        let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
        let mut s = short.len() as isize - 1;
        let mut l = chars.len() as isize - 1;
        while s >= 0 {
            let c = short[s as usize];
            if !c.is_alphanumeric() {
                s -= 1;
                continue;
            }
            while l >= 0
                && (lower(chars[l as usize].1) != c
                    || (s == 0 && l > 0 && chars[l as usize - 1].1.is_alphanumeric()))
            {
                l -= 1;
            }
            if l < 0 {
                return None;
            }
            l -= 1;
            s -= 1;
        }
        let first = (l + 1) as usize;
        let start = chars[..first]
            .iter()
            .rposition(|&(_, c)| c.is_whitespace())
            .map_or(0, |i| i + 1);
        Some(chars.get(start).map_or(long.len(), |&(b, _)| b))
    }

    fn window_before_reference(text: &str, end: usize, max: usize) -> usize {
        let head = &text[..end];
        let from = head
            .rfind(['.', ':', ';', ',', '(', ')', '[', ']'])
            .map_or(0, |i| i + 1);
        let mut start = end;
        let mut words = 0;
        let mut in_word = false;
        for (i, c) in head[from..].char_indices().rev() {
            if c.is_whitespace() {
                in_word = false;
            } else {
                if !in_word {
                    words += 1;
                    if words > max {
                        break;
                    }
                }
                in_word = true;
                start = from + i;
            }
        }
        start
    }

    /// Random short texts over a small alphabet (capitals, lower case,
    /// non-ASCII letters, spaces, no-break spaces, punctuation, digits).
    fn random_texts(n: usize) -> Vec<String> {
        let alphabet: Vec<char> = "AaBbCcİıΣσςÉé ' \u{a0}\n\t\u{b}\u{2009}-.,()1&Ω"
            .chars()
            .collect();
        let mut rng = crate::testing::Rng::new(0x9e37_79b9_7f4a_7c15);
        (0..n)
            .map(|_| {
                let len = rng.below(14);
                (0..len)
                    .map(|_| alphabet[rng.below(alphabet.len())])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn align_and_window_agree_with_their_first_versions() {
        let texts = random_texts(3000);
        for pair in texts.chunks(2) {
            let (a, l) = (&pair[0], &pair[1]);
            assert_eq!(align(a, l), align_reference(a, l), "{a:?} {l:?}");
            for (end, _) in l.char_indices().chain([(l.len(), ' ')]) {
                for max in 0..4 {
                    assert_eq!(
                        window_before(l, end, max),
                        window_before_reference(l, end, max),
                        "{l:?} {end} {max}"
                    );
                }
            }
        }
    }

    /// The first version of [`is_acronym`]: a pass over the characters for each test.
    fn is_acronym_reference(s: &str) -> bool {
        let n = s.chars().count();
        let upper = s.chars().filter(|c| c.is_uppercase()).count();
        (2..=12).contains(&n)
            && s.chars().next().is_some_and(char::is_uppercase)
            && upper >= 2
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '&' | '-' | '.'))
            && !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
    }

    #[test]
    fn is_acronym_agrees_with_its_first_version() {
        // Twelve four-byte capitals are 48 bytes: an acronym still.
        let bold = "\u{1d400}";
        assert!(is_acronym(&bold.repeat(12)));
        assert!(!is_acronym(&bold.repeat(13)));
        let alphabet: Vec<char> = "AIVXaΣσÉ1&-. (\u{1d400}".chars().collect();
        let mut rng = crate::testing::Rng::new(0x510e_527f_ade6_82d1);
        for _ in 0..20_000 {
            let len = rng.below(16);
            let s: String = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            assert_eq!(is_acronym(&s), is_acronym_reference(&s), "{s:?}");
        }
    }

    #[test]
    fn occurrences_by_search_and_by_automaton_agree() {
        let text = "AAA-AA AB ABAB A-A-A Ωmega ΩΩ BA";
        let patterns = ["AA", "AB", "A-A", "ABAB", "ΩΩ", "Ω", "BA", "A"];
        let mut by_search = Vec::new();
        occurrences(text, &patterns, |k, s| by_search.push((k, s)));
        // Enough copies to take the automaton path.
        let many: Vec<&str> = patterns
            .iter()
            .copied()
            .cycle()
            .take(MAX_SEARCHES + 8)
            .collect();
        let mut by_automaton = Vec::new();
        occurrences(text, &many, |k, s| {
            if k < patterns.len() {
                by_automaton.push((k, s));
            }
        });
        by_search.sort();
        by_automaton.sort();
        assert_eq!(by_search, by_automaton);
        // Overlapping occurrences of one pattern count: "AAA" holds "AA" twice.
        assert!(by_search.contains(&(0, Span::new(0, 2))));
        assert!(by_search.contains(&(0, Span::new(1, 3))));
    }

    #[test]
    fn definitions() {
        let cases: &[(&str, &str, &[(&str, &str)])] = &[
            (
                "long (ACR)",
                "Delegates of the Arab Interior Ministers’ Council (AIMC) spoke.",
                &[("Arab Interior Ministers’ Council", "AIMC")],
            ),
            (
                "hyphen pol",
                "and the Gulf Cooperation Council-pol (GCCPOL), as well",
                &[("Gulf Cooperation Council-pol", "GCCPOL")],
            ),
            (
                "ACR (long)",
                "The CARICC (Central Asian Regional Information and Coordination Centre) hosted it.",
                &[(
                    "Central Asian Regional Information and Coordination Centre",
                    "CARICC",
                )],
            ),
            (
                "dash",
                "Officers of the Regional Police Coordination Office – RPCO attended.",
                &[("Regional Police Coordination Office", "RPCO")],
            ),
            ("year", "The meeting (2021) was held.", &[]),
            ("country", "Officials from Astana (Kazakhstan) came.", &[]),
            ("not aligned", "The ministers (CSTO) met.", &[]),
            ("lowercase inner", "The plan (draft) was read.", &[]),
        ];
        for (name, text, want) in cases {
            let got: Vec<(&str, &str)> = find_definitions(text)
                .iter()
                .map(|d| (d.long.of(text), d.acronym.of(text)))
                .collect();
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn aliases() {
        let text = "the Anti-Drug Centre (hereinafter – the Centre) and (hereinafter referred to as “the Parties”)";
        let got: Vec<String> = find_aliases(text).into_iter().map(|a| a.text).collect();
        assert_eq!(got, ["Centre", "Parties"]);
    }
}

#[cfg(test)]
mod stage_tests {
    use super::*;
    use crate::gazetteer::Gazetteers;

    /// A small gazetteer, so these cases do not move when the built-in data grows.
    pub(crate) fn names() -> Names {
        let orgs = "id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n\
            sco\tShanghai Cooperation Organisation\tSCO\tigo\t\t\tShanghai Cooperation Organization\n\
            sco-rats\tRegional Anti-Terrorist Structure of the Shanghai Cooperation Organisation\tSCO RATS|RATS SCO\tagency\tsco\t\tRegional Anti-Terrorist Structure\n\
            sco-rats-ec\tSCO RATS Executive Committee\t\tagency\tsco-rats\t\tExecutive Committee of the SCO RATS|SCO RATS EC\n\
            interpol\tInternational Criminal Police Organization\tINTERPOL|ICPO\tigo\t\t\tInterpol\n\
            gcc\tGulf Cooperation Council\tGCC\tigo\t\t\t\n\
            gccpol\tGCC Police\tGCCPOL\tagency\tgcc\t\t\n\
            eco\tEconomic Cooperation Organization\tECO\tigo\t\t\tEconomic Cooperation Organisation\n\
            frontex\tEuropean Border and Coast Guard Agency\t\tagency\t\t\tFrontex\n\
            un\tUnited Nations\tUN\tigo\t\t\t\n\
            unodc\tUnited Nations Office on Drugs and Crime\tUNODC\tagency\tun\t\t\n\
            kz-mfa\tMinistry of Foreign Affairs of Kazakhstan\t\tministry\t\tKZ\tKazakh Ministry of Foreign Affairs\n";
        let countries = "code\tname\tofficial\tvariants\tdemonyms\n\
            KZ\tKazakhstan\tRepublic of Kazakhstan\t\tKazakh|Kazakhstani\n\
            KG\tKyrgyzstan\tKyrgyz Republic\tKyrgyzia\tKyrgyz\n\
            TN\tTunisia\tRepublic of Tunisia\t\tTunisian\n\
            US\tUnited States\tUnited States of America\tUSA|U.S.\tAmerican\n\
            TR\tTurkey\tRepublic of Türkiye\tTürkiye\tTurkish\n";
        let cities =
            "name\tcountry\tvariants\tcapital\nAstana\tKZ\tNur-Sultan\tyes\nTunis\tTN\t\tyes\n";
        let regions = "name\tvariants\nCentral Asia\t\n";
        let words =
            "word\tkind\nCouncil\tigo\nMinistry\tministry\nAffairs\tministry\nCentre\tagency\n";
        let g = Gazetteers::from_texts(&[
            ("organisations.tsv", orgs),
            ("countries.tsv", countries),
            ("cities.tsv", cities),
            ("regions.tsv", regions),
            ("org_words.tsv", words),
        ])
        .expect("test gazetteer parses");
        Names::build(&g).expect("test gazetteer builds")
    }

    fn run(text: &str) -> Document {
        let names = names();
        let mut doc = Document {
            text: text.to_string(),
            ..Document::default()
        };
        doc.sentences = vec![Span::new(0, text.len())];
        let hits = names.find(text);
        tag(&mut doc, &hits, &names);
        crate::locations::tag(&mut doc, &hits, &names);
        doc
    }

    /// (name, text, expected organisations as "id:mention|mention", expected places as "name:mention").
    const CASES: &[(&str, &str, &[&str], &[&str])] = &[
        ("plain acronym", "The SCO met.", &["sco:SCO"], &[]),
        (
            "acronym case-sensitive",
            "An eco friendly plan; the ECO agreed.",
            &["eco:ECO"],
            &[],
        ),
        (
            "acronym inside word",
            "The ECOWAS and SCOPE teams.",
            &[],
            &[],
        ),
        (
            "name any case",
            "the shanghai cooperation organisation met",
            &["sco:shanghai cooperation organisation"],
            &[],
        ),
        (
            "spelling variant",
            "The Shanghai Cooperation Organization met.",
            &["sco:Shanghai Cooperation Organization"],
            &[],
        ),
        (
            "one word needs capital",
            "interpol and Interpol and INTERPOL",
            &["interpol:Interpol|INTERPOL"],
            &[],
        ),
        (
            "possessive",
            "Interpol's tools and the Committee’s plan",
            &["interpol:Interpol"],
            &[],
        ),
        (
            "possessive curly",
            "INTERPOL’s databases",
            &["interpol:INTERPOL"],
            &[],
        ),
        (
            "leading the",
            "the United Nations",
            &["un:United Nations"],
            &[],
        ),
        (
            "nested longest",
            "The SCO RATS Executive Committee and the SCO RATS activities and the SCO.",
            &[
                "sco-rats-ec:SCO RATS Executive Committee",
                "sco-rats:SCO RATS",
                "sco:SCO",
            ],
            &[],
        ),
        (
            "gccpol not gcc",
            "the Gulf Cooperation Council-pol (GCCPOL), and the GCC",
            &["gccpol:Gulf Cooperation Council-pol|GCCPOL", "gcc:GCC"],
            &[],
        ),
        (
            "hyphenated suffix is a mention",
            "a GCC-led plan",
            &["gcc:GCC"],
            &[],
        ),
        (
            "dash pair is one organisation",
            "the European Border and Coast Guard Agency - Frontex",
            &["frontex:European Border and Coast Guard Agency|Frontex"],
            &[],
        ),
        (
            "hard wrapped name",
            "the United Nations Office on\nDrugs and Crime said",
            &["unodc:United Nations Office on\nDrugs and Crime"],
            &[],
        ),
        (
            "defined acronym",
            "the Arab Interior Ministers’ Council (AIMC) and later AIMC",
            &["aimc:Arab Interior Ministers’ Council|AIMC|AIMC"],
            &[],
        ),
        (
            "defined links to gazetteer",
            "the Economic Cooperation Organisation (ECO) and ECO",
            &["eco:Economic Cooperation Organisation|ECO|ECO"],
            &[],
        ),
        (
            "defined ACR (long)",
            "CARICC (Central Asian Regional Information and Coordination Centre) met",
            &["caricc:CARICC|Central Asian Regional Information and Coordination Centre"],
            &[],
        ),
        (
            "defined non-organisation",
            "Foreign Terrorist Fighters (FTF) were discussed",
            &[],
            &[],
        ),
        (
            "parenthesised year",
            "The meeting (2021) in Astana",
            &[],
            &["Astana:Astana"],
        ),
        (
            "parenthesised country",
            "held in Astana (Kazakhstan)",
            &[],
            &["Astana:Astana", "Kazakhstan:Kazakhstan"],
        ),
        (
            "hereinafter alias",
            "the Anti-Drug Council (hereinafter – the Council) and the Council",
            &[],
            &[],
        ),
        (
            "gazetteer alias",
            "the Shanghai Cooperation Organisation (hereinafter – the Organisation) and the Organisation",
            &["sco:Shanghai Cooperation Organisation|Organisation|Organisation"],
            &[],
        ),
        ("country", "talks in Tunisia", &[], &["Tunisia:Tunisia"]),
        ("country all caps", "TUNIS – talks", &[], &["Tunis:TUNIS"]),
        (
            "country variant case-sensitive",
            "the USA and usa",
            &[],
            &["United States:USA"],
        ),
        (
            "country non-ascii",
            "Türkiye hosted",
            &[],
            &["Turkey:Türkiye"],
        ),
        ("city variant", "in Nur-Sultan", &[], &["Astana:Nur-Sultan"]),
        (
            "region",
            "across Central Asia",
            &[],
            &["Central Asia:Central Asia"],
        ),
        ("demonym not place", "the Kazakh delegation", &[], &[]),
        (
            "country inside gazetteer org",
            "the Ministry of Foreign Affairs of Kazakhstan",
            &["kz-mfa:Ministry of Foreign Affairs of Kazakhstan"],
            &[],
        ),
        (
            "country inside unknown org",
            "the Ministry of Internal Affairs of the Kyrgyz Republic and Kyrgyzstan",
            &[],
            &["Kyrgyzstan:Kyrgyzstan"],
        ),
        (
            "country after of, no org",
            "the people of Kazakhstan",
            &[],
            &["Kazakhstan:Kazakhstan"],
        ),
        (
            "order of first mention",
            "UNODC, SCO and UNODC again",
            &["unodc:UNODC|UNODC", "sco:SCO"],
            &[],
        ),
    ];

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for (name, text, orgs, places) in CASES {
            let doc = run(text);
            let got_orgs: Vec<String> = doc
                .organisations
                .iter()
                .map(|o| {
                    format!(
                        "{}:{}",
                        o.id,
                        o.mentions
                            .iter()
                            .map(|m| m.of(text))
                            .collect::<Vec<_>>()
                            .join("|")
                    )
                })
                .collect();
            let got_places: Vec<String> = doc
                .locations
                .iter()
                .map(|l| {
                    format!(
                        "{}:{}",
                        l.name,
                        l.mentions
                            .iter()
                            .map(|m| m.of(text))
                            .collect::<Vec<_>>()
                            .join("|")
                    )
                })
                .collect();
            if got_orgs != *orgs || got_places != *places {
                failures.push(format!(
                    "{name}: got {got_orgs:?} {got_places:?}, want {orgs:?} {places:?}"
                ));
            }
        }
        crate::testing::assert_table(&failures, CASES.len());
    }

    #[test]
    fn definition_organisations_carry_source_and_kind() {
        let doc = run("the Arab Interior Ministers’ Council (AIMC) met");
        let o = &doc.organisations[0];
        assert_eq!(
            (o.id.as_str(), o.acronym.as_deref(), o.kind, o.source),
            ("aimc", Some("AIMC"), OrgKind::Igo, OrgSource::Definition)
        );
        assert_eq!(o.name, "Arab Interior Ministers’ Council");
    }
}
