//! Participants: adds `Document::participants`, who took part in the reported
//! meeting(s) and as what (member, observer, host, participant), each with its
//! evidence sentence and, when the release reports several meetings, the
//! index of its event. Reads the sentences, the organisations and countries
//! (`locations` whose name is a country's) with their mention spans, the
//! people (a person with an affiliation stands for it: a delegation,
//! representative or head taking part makes the organisation or country a
//! participant) and the events (which meeting a sentence is about). Cities,
//! regions and people without an affiliation are never parties.
//!
//! Finding is kept apart from applying: [`find`] is a pure function over one
//! sentence and its mention spans returning [`Candidate`]s, and [`tag`]
//! merges them. Cues come from the cue matcher this stage shares with the
//! events stage ([`crate::cues::Cues`], one pass over a document):
//! - forward cues give a role to the list that follows: "hosted by A",
//!   "with the participation of A, B and C", "member entities of the
//!   Dialogue: A, B", "observer states (D and E)", "a meeting of X",
//!   "delegations of A and B", "representatives of A, B, …";
//! - backward cues give it to the group just before: "A and B took part",
//!   "X attended", "X hosted", "X has observer status", "participated as an
//!   observer", "Uzbekistan delegation";
//! - lists run across commas, "and", "as well as", parentheses and line
//!   breaks; they end at other words, a clause break ("which", "but", ";")
//!   or the next cue;
//! - a party named right before a member or observer noun, or right after its
//!   "of" ("the SCO member States", "member states of the SCO: …") is the body
//!   the members belong to, not a member; an organisation used as a modifier
//!   ("SCO Business Council", "ECO Specialized Agencies") is not itself a
//!   party, but one followed by an office ("SCO Secretary General") is;
//! - negations and hypotheticals ("did not attend", "was invited to
//!   attend", "plans to take part", "without the participation of", "to grant
//!   it observer status") cancel the cue they govern; a passive auxiliary
//!   ("the meeting was held") makes a backward verb no cue.
//!
//! One entry per (party, role, event). Precedence, when a party gets several
//! roles for one event: member beats observer, either beats participant;
//! host stands beside member or observer (a host country can be a member
//! state) but a host that also "took part" stays host only. The evidence is
//! the first sentence giving the kept role.

use crate::cues::Hits;
use crate::document::{Document, Event, Participant, Party, Role, Span, Why};
use crate::names::{Names, PlaceKind};

/// What a cue phrase does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    /// The list that follows gets `role`; its first party at most `reach` words on.
    Forward { role: Role, reach: usize },
    /// The group just before (at most `reach` words back) gets `role`.
    Backward { role: Role, reach: usize },
    /// "as an observer": the role of the group the verb just before went to.
    As(Role),
    /// A member or observer noun ("member states"): a forward list, and a
    /// party just before it or just after its "of" is the body, not a member.
    Status(Role),
    /// Negation or hypothetical: cancels a cue at most `scope` words on.
    Negation { scope: usize },
    /// "invited X to": cancels a cue at most `scope` words on when "to" comes just before it.
    InvitedTo { scope: usize },
    /// A phrase holding a cue word that is no cue ("heads of state", "not only").
    Inert,
    /// Ends a clause: lists and backward searches stop here.
    Break,
}

use Cue::*;
use Role::{Host, Member, Observer, Participant as Took};

const fn fwd(role: Role, reach: usize) -> Cue {
    Forward { role, reach }
}

const fn back(role: Role, reach: usize) -> Cue {
    Backward { role, reach }
}

const fn neg(scope: usize) -> Cue {
    Negation { scope }
}

/// The cue phrases, lower case; a straight apostrophe also matches a curly one.
pub(crate) const CUES: &[(&str, Cue)] = &[
    // Took part, forward.
    ("with the participation of", fwd(Took, 6)),
    ("with participation of", fwd(Took, 6)),
    ("participation of", fwd(Took, 6)),
    ("attended by", fwd(Took, 8)),
    ("joined by", fwd(Took, 6)),
    ("participants included", fwd(Took, 4)),
    ("participants including", fwd(Took, 4)),
    ("participants from", fwd(Took, 4)),
    ("participants were", fwd(Took, 4)),
    ("in attendance", fwd(Took, 6)),
    ("brought together", fwd(Took, 8)),
    ("bringing together", fwd(Took, 8)),
    ("gathered", fwd(Took, 6)),
    ("delegation of", fwd(Took, 4)),
    ("delegations of", fwd(Took, 4)),
    ("delegation from", fwd(Took, 4)),
    ("delegations from", fwd(Took, 4)),
    ("delegates from", fwd(Took, 4)),
    ("delegates of", fwd(Took, 4)),
    ("delegates representing", fwd(Took, 4)),
    ("representatives of", fwd(Took, 5)),
    ("representatives from", fwd(Took, 5)),
    ("representative of", fwd(Took, 4)),
    ("representatives", fwd(Took, 3)),
    ("representing", fwd(Took, 3)),
    ("on behalf of", fwd(Took, 3)),
    ("officials from", fwd(Took, 4)),
    ("officials of", fwd(Took, 4)),
    ("officers from", fwd(Took, 4)),
    ("experts from", fwd(Took, 4)),
    ("heads of", fwd(Took, 6)),
    ("head of", fwd(Took, 3)),
    // Took part, backward.
    ("participated", back(Took, 10)),
    ("participates", back(Took, 10)),
    ("participate", back(Took, 10)),
    ("participating", back(Took, 6)),
    ("took part", back(Took, 10)),
    ("take part", back(Took, 10)),
    ("takes part", back(Took, 10)),
    ("taking part", back(Took, 6)),
    ("attended", back(Took, 10)),
    ("attends", back(Took, 10)),
    ("attend", back(Took, 10)),
    ("attending", back(Took, 6)),
    ("was represented", back(Took, 8)),
    ("were represented", back(Took, 8)),
    ("was also represented", back(Took, 8)),
    ("were also represented", back(Took, 8)),
    ("delegation", back(Took, 1)),
    ("delegations", back(Took, 1)),
    ("delegates", back(Took, 1)),
    // Observer and member, backward.
    ("as an observer", As(Observer)),
    ("as a new observer", As(Observer)),
    ("as observer", As(Observer)),
    ("as observers", As(Observer)),
    ("as an observer state", As(Observer)),
    ("as observer states", As(Observer)),
    ("in an observer capacity", As(Observer)),
    ("in observer capacity", As(Observer)),
    ("in the capacity of an observer", As(Observer)),
    ("in the capacity of observer", As(Observer)),
    ("with observer status", As(Observer)),
    ("as a member", As(Member)),
    ("as members", As(Member)),
    ("as a member state", As(Member)),
    ("as member states", As(Member)),
    ("has observer status", back(Observer, 4)),
    ("have observer status", back(Observer, 4)),
    ("has had observer status", back(Observer, 4)),
    ("have had observer status", back(Observer, 4)),
    ("holds observer status", back(Observer, 4)),
    ("enjoys observer status", back(Observer, 4)),
    ("observer status", back(Observer, 4)),
    // Member and observer nouns.
    ("member entities", Status(Member)),
    ("member states", Status(Member)),
    ("member state", Status(Member)),
    ("member countries", Status(Member)),
    ("member nations", Status(Member)),
    ("member organisations", Status(Member)),
    ("member organizations", Status(Member)),
    ("member agencies", Status(Member)),
    ("member parties", Status(Member)),
    ("members", Status(Member)),
    ("full members", Status(Member)),
    ("observer entities", Status(Observer)),
    ("observer states", Status(Observer)),
    ("observer countries", Status(Observer)),
    ("observer nations", Status(Observer)),
    ("observer organisations", Status(Observer)),
    ("observer organizations", Status(Observer)),
    ("observer agencies", Status(Observer)),
    ("observer delegations", Status(Observer)),
    ("observer delegates", Status(Observer)),
    ("observer members", Status(Observer)),
    ("observers", Status(Observer)),
    // Host, forward.
    ("hosted by", fwd(Host, 6)),
    ("co-hosted by", fwd(Host, 6)),
    ("organised by", fwd(Host, 6)),
    ("organized by", fwd(Host, 6)),
    ("co-organised by", fwd(Host, 6)),
    ("co-organized by", fwd(Host, 6)),
    ("convened by", fwd(Host, 6)),
    ("chaired by", fwd(Host, 6)),
    ("co-chaired by", fwd(Host, 6)),
    ("presided over by", fwd(Host, 6)),
    ("under the chairmanship of", fwd(Host, 3)),
    ("under the chairpersonship of", fwd(Host, 3)),
    ("under the chairship of", fwd(Host, 3)),
    ("under the presidency of", fwd(Host, 3)),
    ("under the auspices of", fwd(Host, 3)),
    ("at the invitation of", fwd(Host, 3)),
    ("on the invitation of", fwd(Host, 3)),
    ("at the initiative of", fwd(Host, 3)),
    ("on the initiative of", fwd(Host, 3)),
    ("meeting of", fwd(Host, 1)),
    ("headquarters of", fwd(Host, 1)),
    ("headquarter of", fwd(Host, 1)),
    ("premises of", fwd(Host, 1)),
    ("session of", fwd(Host, 1)),
    ("summit of", fwd(Host, 1)),
    ("plenary of", fwd(Host, 1)),
    ("plenary meeting of", fwd(Host, 1)),
    // Host, backward.
    ("hosted", back(Host, 3)),
    ("headquarters", back(Host, 0)),
    ("headquarter", back(Host, 0)),
    ("hosts", back(Host, 3)),
    ("co-hosted", back(Host, 3)),
    ("organised", back(Host, 3)),
    ("organized", back(Host, 3)),
    ("organises", back(Host, 3)),
    ("organizes", back(Host, 3)),
    ("co-organised", back(Host, 3)),
    ("co-organized", back(Host, 3)),
    ("convened", back(Host, 3)),
    ("convenes", back(Host, 3)),
    ("chaired", back(Host, 3)),
    ("chairs", back(Host, 3)),
    ("co-chaired", back(Host, 3)),
    ("co-chairs", back(Host, 3)),
    ("presided over", back(Host, 3)),
    ("presiding", back(Host, 3)),
    ("held", back(Host, 2)),
    ("holds the presidency", back(Host, 3)),
    ("holds the chairmanship", back(Host, 3)),
    ("held the presidency", back(Host, 3)),
    ("held the chairmanship", back(Host, 3)),
    ("assumes the presidency", back(Host, 3)),
    ("assumed the presidency", back(Host, 3)),
    ("assumes the chairmanship", back(Host, 3)),
    ("assumed the chairmanship", back(Host, 3)),
    // Negations and hypotheticals.
    ("not", neg(3)),
    ("never", neg(3)),
    ("neither", neg(6)),
    ("nor", neg(3)),
    ("cannot", neg(3)),
    ("didn't", neg(3)),
    ("doesn't", neg(3)),
    ("don't", neg(3)),
    ("won't", neg(3)),
    ("wasn't", neg(3)),
    ("weren't", neg(3)),
    ("can't", neg(3)),
    ("couldn't", neg(3)),
    ("without", neg(3)),
    ("absence of", neg(3)),
    ("absent", neg(3)),
    ("except", neg(3)),
    ("excluding", neg(3)),
    ("other than", neg(3)),
    ("apart from", neg(3)),
    ("instead of", neg(3)),
    ("rather than", neg(3)),
    ("no longer", neg(3)),
    ("failed to", neg(3)),
    ("fails to", neg(3)),
    ("unable to", neg(3)),
    ("declined to", neg(3)),
    ("refused to", neg(3)),
    ("invited to", neg(3)),
    ("invited", InvitedTo { scope: 5 }),
    ("invitation to", neg(3)),
    ("plans to", neg(3)),
    ("plan to", neg(3)),
    ("planned to", neg(3)),
    ("planning to", neg(3)),
    ("intends to", neg(3)),
    ("intend to", neg(3)),
    ("intended to", neg(3)),
    ("hopes to", neg(3)),
    ("hope to", neg(3)),
    ("wishes to", neg(3)),
    ("wish to", neg(3)),
    ("seeks to", neg(3)),
    ("seek to", neg(3)),
    ("aims to", neg(3)),
    ("bid to", neg(3)),
    ("expected to", neg(3)),
    ("agreed to", neg(3)),
    ("decided to", neg(3)),
    ("ready to", neg(3)),
    ("willing to", neg(3)),
    ("proposed to", neg(3)),
    ("to be", neg(1)),
    ("would", neg(3)),
    ("could", neg(3)),
    ("might", neg(3)),
    ("should", neg(3)),
    ("if", neg(6)),
    ("whether", neg(6)),
    ("applied for", neg(3)),
    ("apply for", neg(3)),
    ("application for", neg(3)),
    ("request for", neg(3)),
    ("requested", neg(3)),
    ("seeks", neg(3)),
    ("seeking", neg(3)),
    ("grant", neg(4)),
    ("granted", neg(4)),
    ("granting", neg(4)),
    // Phrases that hold a cue word but are no cue.
    ("not only", Inert),
    ("as well as", Inert),
    ("heads of state", Inert),
    ("head of state", Inert),
    ("heads of government", Inert),
    ("head of government", Inert),
    ("heads of state and government", Inert),
    ("permanent representative", Inert),
    ("permanent representatives", Inert),
    ("members of parliament", Inert),
    ("staff members", Inert),
    ("family members", Inert),
    ("members of the public", Inert),
    ("if any", Inert),
    ("held talks", Inert),
    ("held a meeting with", Inert),
    ("held meetings with", Inert),
    ("held talks with", Inert),
    ("held responsible", Inert),
    ("held accountable", Inert),
    // Clause breaks.
    ("which", Break),
    ("who", Break),
    ("whose", Break),
    ("whom", Break),
    ("where", Break),
    ("but", Break),
    ("while", Break),
    ("whereas", Break),
    ("although", Break),
    ("though", Break),
    ("however", Break),
];

/// Words that may separate the items of a list without ending it.
const GLUE: &[&str] = &[
    "and",
    "or",
    "the",
    "of",
    "as",
    "well",
    "also",
    "including",
    "include",
    "includes",
    "included",
    "such",
    "namely",
    "together",
    "with",
    "along",
    "plus",
    "both",
    "all",
    "respectively",
    "from",
    "its",
    "their",
    "other",
    "a",
    "an",
    "s",
];

/// Lower-case words that end a list even among separators: prepositions
/// of place and time, auxiliaries.
const LIST_STOPS: &[&str] = &[
    "in", "at", "on", "by", "to", "for", "was", "were", "is", "are", "has", "have", "had", "will",
    "be", "been", "that", "this", "during", "after", "before", "since", "until",
];

/// Offices and delegation words after an organisation that keep it a party
/// ("SCO Secretary General", "INTERPOL Delegation"); any other capitalised
/// word after it makes it a modifier ("SCO Business Council").
const HEAD_WORDS: &[&str] = &[
    "Secretary",
    "Secretary-General",
    "Director",
    "Director-General",
    "Deputy",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Chair",
    "Co-Chair",
    "President",
    "Vice",
    "Vice-President",
    "Minister",
    "Head",
    "Heads",
    "Commissioner",
    "Ambassador",
    "Representative",
    "Representatives",
    "Delegation",
    "Delegations",
    "Delegate",
    "Delegates",
    "Chief",
    "Chiefs",
    "Commander",
    "Spokesperson",
    "Spokesman",
    "Envoy",
    "Officials",
    "Experts",
    "Executive",
    "Leader",
    "Leaders",
];

/// Passive auxiliaries: "the meeting was held" has no backward subject.
const AUXILIARIES: &[&str] = &["was", "were", "is", "are", "be", "been", "being"];

/// A party as a mention refers to it, borrowing the id from the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartyRef<'a> {
    /// An organisation id.
    Organisation(&'a str),
    /// An ISO 3166 alpha-2 code.
    Country(&'a str),
}

impl PartyRef<'_> {
    /// The owned party.
    pub fn to_party(self) -> Party {
        match self {
            PartyRef::Organisation(id) => Party::Organisation(id.to_string()),
            PartyRef::Country(code) => Party::Country(code.to_string()),
        }
    }
}

/// A mention that may stand for a party: an organisation, a country, or a
/// person (standing for their affiliation, `None` when they have none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element<'a> {
    /// Where.
    pub span: Span,
    /// Whom it stands for.
    pub party: Option<PartyRef<'a>>,
}

/// A party found with a role in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Who.
    pub party: Party,
    /// As what.
    pub role: Role,
    /// The mention that names the party.
    pub at: Span,
    /// The cue that gave the role.
    pub cue: Span,
}

/// The parties' mentions of `doc`, in text order: organisations, countries
/// (not cities or regions) and people.
pub fn elements<'a>(doc: &'a Document, names: &Names) -> Vec<Element<'a>> {
    let mut out: Vec<Element> = Vec::new();
    for o in &doc.organisations {
        for &span in &o.mentions {
            out.push(Element {
                span,
                party: Some(PartyRef::Organisation(&o.id)),
            });
        }
    }
    for l in &doc.locations {
        let Some(code) = &l.country else { continue };
        let is_country = names
            .country(code)
            .is_some_and(|c| c.kind == PlaceKind::Country && c.name == l.name);
        if !is_country {
            continue;
        }
        for &span in &l.mentions {
            out.push(Element {
                span,
                party: Some(PartyRef::Country(code)),
            });
        }
    }
    for p in &doc.people {
        let party = p.affiliation.as_deref().map(|a| {
            if doc.organisations.iter().any(|o| o.id == a) {
                PartyRef::Organisation(a)
            } else {
                PartyRef::Country(a)
            }
        });
        for &span in &p.mentions {
            out.push(Element { span, party });
        }
    }
    // Text order, longest first at one start, and among equal spans the
    // order above: the keys, with the index as the last of them, are sorted
    // (no two alike, so an unstable sort gives the stable order) rather
    // than the elements.
    let mut order: Vec<(usize, std::cmp::Reverse<usize>, usize)> = out
        .iter()
        .enumerate()
        .map(|(i, e)| (e.span.start, std::cmp::Reverse(e.span.end), i))
        .collect();
    order.sort_unstable();
    // Overlaps: the first (organisations come first) wins.
    let mut kept: Vec<Element> = Vec::with_capacity(out.len());
    for e in order.into_iter().map(|(_, _, i)| &out[i]) {
        if !kept.iter().rev().take(4).any(|k| k.span.overlaps(e.span)) {
            kept.push(e.clone());
        }
    }
    kept
}

/// A cue found in a document.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    /// Where.
    pub(crate) span: Span,
    /// What it does.
    pub(crate) cue: Cue,
}

/// Number of words (runs of non-space holding a letter or digit) in `s`.
fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric) && !matches!(*w, "’s" | "'s"))
        .count()
}

/// The word just before byte `pos`, without punctuation.
fn word_before(text: &str, pos: usize) -> &str {
    let head = text[..pos].trim_end();
    // The white space found may be more than one byte (a no-break space).
    let start = head.rfind(char::is_whitespace).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    head[start..].trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether the text between two list items keeps the list going: only
/// separators, glue words and capitalised words, or a separator with at most
/// two other lower-case words ("and police forces of").
fn is_glue(gap: &str) -> bool {
    // The common gap of ASCII punctuation and spaces (", ", " ("): no tokens,
    // so only a full stop or colon below can end the list.
    if gap
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
    {
        let inner = gap.trim();
        return !(inner.ends_with(':') || inner.contains(". "));
    }
    if gap.contains(['.', ':', '!', '?']) && !gap.trim().is_empty() {
        // A full stop or colon inside a sentence ends a list ("Ltd." is inside a name).
        let inner = gap.trim();
        if inner.ends_with(':') || inner.contains(". ") {
            return false;
        }
    }
    let mut separator = gap.contains([',', '(', ')', '/', '&', ';', '\n', '•', '·']);
    let mut tokens = 0;
    let mut loose = 0;
    for token in gap.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
    {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        if token.is_empty() {
            continue;
        }
        tokens += 1;
        if one_of(&["and", "or", "including", "plus", "well"], token) {
            separator = true;
        }
        if one_of(GLUE, token)
            || token
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            continue;
        }
        if one_of(LIST_STOPS, token) {
            return false;
        }
        loose += 1;
    }
    if tokens > 8 {
        return false;
    }
    if loose == 0 {
        return separator || tokens == 0;
    }
    separator && loose <= 2
}

/// The cues of `all` inside `sentence` that no party mention covers.
fn cues_in(all: &[Found], sentence: Span, els: &[Element]) -> Vec<Found> {
    let lo = all.partition_point(|f| f.span.start < sentence.start);
    all[lo..]
        .iter()
        .take_while(|f| f.span.start < sentence.end)
        .filter(|f| f.span.end <= sentence.end && !els.iter().any(|e| e.span.overlaps(f.span)))
        .copied()
        .collect()
}

/// Marks the bodies among `els` (the elements of one sentence): the party
/// just before a member noun ("the SCO member States", "APG members") or
/// just after its "of" ("member states of the SCO").
fn bodies(text: &str, sentence: Span, els: &[Element], found: &[Found]) -> Vec<bool> {
    let mut body = vec![false; els.len()];
    for f in found {
        let Status(_) = f.cue else { continue };
        if let Some(i) = els.iter().rposition(|e| e.span.end <= f.span.start) {
            let gap = &text[els[i].span.end..f.span.start];
            let gap = gap
                .trim_start_matches("’s")
                .trim_start_matches("'s")
                .trim_start_matches(['’', '\'']);
            if gap.trim().is_empty() {
                body[i] = true;
            }
        }
        let after = &text[f.span.end..sentence.end];
        let rest = after.trim_start();
        if let Some(r) = rest.strip_prefix("of ") {
            let r = r.trim_start();
            let r = r
                .strip_prefix("the ")
                .or_else(|| r.strip_prefix("The "))
                .unwrap_or(r);
            let at = sentence.end - r.len();
            if let Some(i) = els.iter().position(|e| e.span.start == at) {
                body[i] = true;
            }
        }
    }
    body
}

/// Whether the party mention ending at `end` modifies the name after it:
/// "SCO Business Council", "ECO Specialized Agencies", "INTERPOL Asian
/// Regional Conference" (a run of capitalised words holding an organisation
/// or meeting word), but not "SCO Secretary General" (an office), "Kyrgyz
/// Republic Sooronbay Jeenbekov" (a name) or "Kazakhstan’s Ministry of
/// Interior" (a country's own body stands for the country).
fn modifies(
    text: &str,
    end: usize,
    limit: usize,
    party: PartyRef,
    els: &[Element],
    found: &[Found],
    names: &Names,
) -> bool {
    let mut rest = &text[end..limit];
    rest = rest
        .strip_prefix("’s")
        .or_else(|| rest.strip_prefix("'s"))
        .unwrap_or(rest);
    // "(AFRIPOL) Secretariat", "Organization’s (SCO) Business Council".
    rest = rest.trim_start_matches(')');
    let trimmed = rest.trim_start_matches(' ');
    if let Some(inner) = trimmed.strip_prefix('(') {
        if let Some(close) = inner.find(')') {
            if crate::organisations::is_acronym(&inner[..close]) {
                rest = &inner[close + 1..];
            }
        }
    }
    if !rest.starts_with(' ') {
        return false;
    }
    let first_at = limit - rest.trim_start_matches(' ').len();
    if els.iter().any(|e| e.span.start == first_at)
        || found.iter().any(|f| f.span.start == first_at)
    {
        return false;
    }
    let mut run = rest
        .split(' ')
        .skip_while(|w| w.is_empty())
        .take(5)
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .peekable();
    if run.peek().is_some_and(|w| HEAD_WORDS.contains(w)) {
        return false;
    }
    let country = matches!(party, PartyRef::Country(_));
    run.any(|w| {
        let meeting = crate::events::HEADS.contains(&w);
        meeting || (!country && is_org_word(w, names))
    })
}

/// Whether `w`, or its singular ("Agencies", "Councils"), is an organisation word.
fn is_org_word(w: &str, names: &Names) -> bool {
    if names.org_words.contains_key(w) {
        return true;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return names.org_words.contains_key(format!("{stem}y").as_str());
    }
    w.strip_suffix('s')
        .is_some_and(|stem| names.org_words.contains_key(stem))
}

/// Whether `w` is one of `list` (lower-case ASCII words), ignoring ASCII case.
fn one_of(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Whether a negation or hypothetical governs the cue `found[k]`.
fn negated(text: &str, found: &[Found], k: usize, from: usize) -> bool {
    let cue = found[k].span;
    found[..k].iter().rev().any(|f| {
        if f.span.end > cue.start {
            return false;
        }
        let between = &text[f.span.end..cue.start];
        match f.cue {
            Negation { scope } => f.span.start >= from || words(between) <= scope,
            InvitedTo { scope } => {
                words(between) <= scope && between.trim_end().ends_with(" to")
                    || between.trim() == "to"
            }
            _ => false,
        }
    })
}

/// Whether the words between a cue and the first item of its list allow the
/// list to start: at most `reach` words, no clause-ending punctuation, no
/// preposition of place or time or auxiliary ("Heads of its Liaison Offices,
/// in Algiers, Algeria" is no list of heads).
fn starts_list(gap: &str, reach: usize) -> bool {
    if gap.contains(';') || words(gap) > reach {
        return false;
    }
    !gap.split(|c: char| !c.is_alphanumeric())
        .any(|w| one_of(FIRST_GAP_STOPS, w))
}

/// Words that keep a member or observer noun from opening a list after it:
/// "member states (A, B)", "member entities of the Dialogue: A", "Member
/// States from A", "members … include A"; but not "the EAG member states
/// discussed the request of the EBRD", nor "all ASEAN Member States and the
/// Secretary-General of ASEAN" (the noun is itself an item).
fn status_list(gap: &str) -> bool {
    let opened = gap.contains([':', '(', '—'])
        || gap
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "include" | "includes" | "including" | "namely" | "from"));
    let lead = gap
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if !opened && matches!(lead, "and" | "or" | "as") {
        return false;
    }
    let mut loose = 0;
    let mut tokens = 0;
    for w in gap.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        if w.is_empty() {
            continue;
        }
        tokens += 1;
        if one_of(FIRST_GAP_STOPS, w) && !one_of(&["are", "is", "were"], w) {
            return false;
        }
        let fine = one_of(GLUE, w)
            || one_of(STATUS_GLUE, w)
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !fine {
            loose += 1;
        }
    }
    tokens <= 10 && (loose == 0 || opened && loose <= 2)
}

/// Whether what follows "a meeting of X" ends X's phrase: punctuation, the
/// end, or a function word ("… of Interpol: 4th Dialogue", "… of INTERPOL in
/// Lyon"); not "a meeting of OSCE foreign ministers".
fn ends_phrase(after: &str) -> bool {
    let after = after
        .strip_prefix("’s")
        .or_else(|| after.strip_prefix("'s"))
        .unwrap_or(after);
    let Some(c) = after.chars().next() else {
        return true;
    };
    if !c.is_whitespace() {
        return true;
    }
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    // A past tense is a verb: "the Plenary of the EAG ended …".
    next.is_empty()
        || (next.len() > 3 && next.ends_with("ed"))
        || matches!(
            next,
            "in" | "on"
                | "at"
                | "and"
                | "or"
                | "with"
                | "was"
                | "were"
                | "is"
                | "held"
                | "which"
                | "that"
                | "to"
                | "for"
                | "from"
                | "via"
                | "by"
                | "took"
                | "has"
                | "had"
                | "will"
                | "under"
                | "where"
                | "during"
                | "chaired"
                | "hosted"
                | "organised"
                | "organized"
        )
}

/// Words after a past participle that show it has no object: "the Assembly
/// held this week in Bali", "a forum organised in Astana".
const PARTICIPLE_NEXT: &[&str] = &[
    "in",
    "on",
    "at",
    "from",
    "this",
    "last",
    "during",
    "via",
    "under",
    "with",
    "between",
    "earlier",
    "recently",
    "annually",
    "yesterday",
    "today",
    "online",
    "virtually",
    "back",
];

/// Words that may come between a member noun and its list.
const STATUS_GLUE: &[&str] = &[
    "are",
    "were",
    "is",
    "namely",
    "comprise",
    "comprises",
    "comprising",
    "comprised",
    "consist",
    "consists",
    "consisting",
    "include",
    "includes",
    "including",
    "such",
    "as",
    "from",
];

/// Words that stop a list from starting after its cue.
const FIRST_GAP_STOPS: &[&str] = &[
    "in", "at", "on", "during", "was", "were", "is", "are", "has", "have", "had", "will", "would",
    "after", "before", "since", "until", "that", "this", "these",
];

/// Finds the parties one sentence gives a role to. `elements` are the
/// document's party mentions in text order and `hits` its cues (those
/// outside the sentence are ignored); `names` tells demonyms ("the Kazakh
/// delegation") and organisation words.
pub fn find(
    text: &str,
    sentence: Span,
    elements: &[Element],
    hits: &Hits,
    names: &Names,
) -> Vec<Candidate> {
    find_in(text, sentence, elements, &hits.participants, names)
}

/// One sentence being read: its elements and cues, and what is worked out
/// about them on demand (most sentences need little of it).
struct Reading<'a, 'd> {
    text: &'a str,
    sentence: Span,
    els: &'a [Element<'d>],
    found: &'a [Found],
    names: &'a Names,
    body: Vec<bool>,
    /// Per element: a modifier of the name after it (worked out when asked).
    modifier: Vec<Option<bool>>,
    /// Per element: joined to the one before in a list (worked out when asked).
    joined: Vec<Option<bool>>,
}

impl Reading<'_, '_> {
    fn modifier(&mut self, i: usize) -> bool {
        if let Some(m) = self.modifier[i] {
            return m;
        }
        let m = match self.els[i].party {
            None => false,
            Some(party) => {
                let end = self.els[i].span.end;
                let after = &self.text[end..self.sentence.end];
                // Hyphen-joined names share the fate of the last one ("ASEAN-China Summit").
                let next = after.starts_with(['-', '–']).then(|| {
                    let next = end + after.chars().next().map_or(1, char::len_utf8);
                    next + (self.text[next..].len() - self.text[next..].trim_start().len())
                });
                match next.and_then(|at| self.els.iter().position(|e| e.span.start == at)) {
                    Some(j) if j > i => self.modifier(j),
                    _ => modifies(
                        self.text,
                        end,
                        self.sentence.end,
                        party,
                        self.els,
                        self.found,
                        self.names,
                    ),
                }
            }
        };
        self.modifier[i] = Some(m);
        m
    }

    /// Whether element `i` continues the list element `i - 1` is in: no cue
    /// between, and the same party or list glue.
    fn joined(&mut self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        if let Some(j) = self.joined[i] {
            return j;
        }
        let (a, b) = (self.els[i - 1].span, self.els[i].span);
        let cue_between = self
            .found
            .iter()
            .any(|f| f.span.start >= a.end && f.span.end <= b.start && f.cue != Inert);
        let same = self.els[i - 1].party.is_some() && self.els[i - 1].party == self.els[i].party;
        let j = !cue_between && (same || is_glue(&self.text[a.end..b.start]));
        self.joined[i] = Some(j);
        j
    }

    /// The group ending with element `last`: it and the elements joined before it.
    fn group(&mut self, last: usize) -> (usize, usize) {
        let mut first = last;
        while self.joined(first) {
            first -= 1;
        }
        (first, last)
    }

    /// The group of the nearest element before `pos` (not before `clause`),
    /// at most `reach` words away; bodies are skipped.
    fn target_before(&mut self, pos: usize, clause: usize, reach: usize) -> Option<(usize, usize)> {
        let i = (0..self.els.len())
            .rev()
            .find(|&i| self.els[i].span.end <= pos && !self.body[i])?;
        if self.els[i].span.start < clause {
            return None;
        }
        let gap = &self.text[self.els[i].span.end..pos];
        if gap.contains(';') || words(gap) > reach {
            return None;
        }
        Some(self.group(i))
    }

    /// Gives `role` to element `i`, unless it is a body or a modifier.
    fn give(&mut self, i: usize, role: Role, cue: Span, out: &mut Vec<Candidate>) {
        if self.body[i] {
            return;
        }
        let Some(party) = self.els[i].party else {
            return;
        };
        if self.modifier(i) {
            return;
        }
        out.push(Candidate {
            party: party.to_party(),
            role,
            at: self.els[i].span,
            cue,
        });
    }
}

/// A forward list being read.
struct List {
    role: Role,
    negated: bool,
    cue: Span,
    reach: usize,
    /// A member or observer noun: its list starts only after list-like words.
    status: bool,
    last: Option<usize>,
}

/// [`find`], given the document's cues.
fn find_in(
    text: &str,
    sentence: Span,
    elements: &[Element],
    all: &[Found],
    names: &Names,
) -> Vec<Candidate> {
    // Most sentences have no cue at all: that is known from the (few) cues alone.
    let first_cue = all.partition_point(|f| f.span.start < sentence.start);
    if all
        .get(first_cue)
        .is_none_or(|f| f.span.start >= sentence.end)
    {
        return Vec::new();
    }
    let lo = elements.partition_point(|e| e.span.start < sentence.start);
    let hi = elements.partition_point(|e| e.span.start < sentence.end);
    let els = &elements[lo..hi];
    let found = cues_in(all, sentence, els);
    // Without a party mention only "the Kazakh delegation" can give one.
    let demonym_cue = |f: &Found| {
        matches!(
            f.cue,
            Backward {
                role: Took,
                reach: 1
            }
        )
    };
    if found.is_empty() || els.is_empty() && !found.iter().any(demonym_cue) {
        return Vec::new();
    }
    let mut r = Reading {
        text,
        sentence,
        els,
        found: &found,
        names,
        body: bodies(text, sentence, els, &found),
        modifier: vec![None; els.len()],
        joined: vec![None; els.len()],
    };
    // The role a forward list gave each element, if any.
    let mut claimed: Vec<Option<Role>> = vec![None; els.len()];
    let mut out = Vec::new();
    let mut list: Option<List> = None;
    // The clause start: backward searches and negations stop here.
    let mut clause = sentence.start;
    // The last backward cue: (its span, the group it went to, negated).
    let mut last_back: Option<(Span, Option<(usize, usize)>, bool)> = None;
    let (mut e, mut c) = (0usize, 0usize);
    while e < els.len() || c < found.len() {
        let element_first =
            c >= found.len() || (e < els.len() && els[e].span.start < found[c].span.start);
        if element_first {
            let i = e;
            e += 1;
            if r.body[i] {
                continue;
            }
            if let Some(l) = &mut list {
                let from = l.last.map_or(l.cue.end, |j| els[j].span.end);
                let gap = &text[from..els[i].span.start];
                let ok = match l.last {
                    None if l.status => status_list(gap),
                    None if l.reach <= 1 => {
                        starts_list(gap, l.reach)
                            && ends_phrase(&text[els[i].span.end..sentence.end])
                    }
                    None => starts_list(gap, l.reach),
                    // "a meeting of X": only "and" adds to X ("… of the SCO, BelTA has learned").
                    Some(_) if l.reach <= 1 => {
                        let g = gap.trim();
                        matches!(g, "and" | "&" | "and the" | "as well as" | "as well as the")
                    }
                    Some(_) => is_glue(gap),
                };
                if ok {
                    l.last = Some(i);
                    claimed[i] = Some(l.role);
                    if !l.negated {
                        let (role, cue) = (l.role, l.cue);
                        r.give(i, role, cue, &mut out);
                    }
                } else {
                    list = None;
                }
            }
            continue;
        }
        let k = c;
        c += 1;
        let f = found[k];
        match f.cue {
            Break => {
                list = None;
                clause = f.span.end;
                last_back = None;
            }
            Inert => {}
            Negation { .. } | InvitedTo { .. } => {
                // "A and B, but not C": a negation inside a list ends it.
                if list.as_ref().is_some_and(|l| l.last.is_some()) {
                    list = None;
                }
            }
            Forward { role, reach } => {
                // "Observer organisations in attendance included …": the
                // status noun still waiting for its list keeps its role.
                let pending = list
                    .as_ref()
                    .filter(|l| l.status && l.last.is_none() && role == Took)
                    .map(|l| l.role);
                list = Some(List {
                    role: pending.unwrap_or(role),
                    negated: negated(text, &found, k, usize::MAX),
                    cue: f.span,
                    reach,
                    status: false,
                    last: None,
                });
            }
            Status(role) => {
                list = Some(List {
                    role,
                    negated: negated(text, &found, k, usize::MAX),
                    cue: f.span,
                    reach: 10,
                    status: true,
                    last: None,
                });
            }
            Backward { role, reach } => {
                list = None;
                if one_of(AUXILIARIES, word_before(text, f.span.start)) {
                    continue;
                }
                // "the Kazakh delegation": a demonym just before.
                if role == Took && reach == 1 {
                    let w = word_before(text, f.span.start);
                    if let Some(code) = names.demonyms.get(w) {
                        let end = text[..f.span.start].trim_end().len();
                        let at = Span::new(end - w.len(), end);
                        if !els.iter().any(|x| x.span.overlaps(at)) {
                            out.push(Candidate {
                                party: Party::Country(code.to_string()),
                                role,
                                at,
                                cue: f.span,
                            });
                        }
                    }
                }
                // "X assumes the presidency … and hosts": the subject of a
                // coordinated verb is the one of the verb before.
                let coordinated = word_before(text, f.span.start) == "and";
                let mut target = if coordinated {
                    last_back.and_then(|(_, t, _)| t)
                } else {
                    r.target_before(f.span.start, clause, reach)
                };
                if let Some((first, last)) = target {
                    // The object of another cue is not this verb's subject
                    // ("organised by A, B and C held on 18 April").
                    let other = claimed[first..=last]
                        .iter()
                        .any(|c| c.is_some_and(|c| c != role));
                    // "the evaluation of Kyrgyzstan, held in January", "the
                    // Assembly held this week": a past participle after a
                    // comma or before a preposition describes a thing held.
                    let cue_text = f.span.of(text).as_bytes();
                    let past = cue_text.len() > 2
                        && cue_text[cue_text.len() - 2..].eq_ignore_ascii_case(b"ed")
                        || cue_text.eq_ignore_ascii_case(b"held");
                    let next = text[f.span.end..sentence.end]
                        .split(|c: char| !c.is_alphanumeric())
                        .find(|w| !w.is_empty())
                        .unwrap_or("");
                    let bare_participle = PARTICIPLE_NEXT.contains(&next);
                    let participle = role == Host
                        && past
                        && (text[els[last].span.end..f.span.start].contains(',')
                            || bare_participle);
                    if other || participle {
                        target = None;
                    }
                }
                let neg = target
                    .is_some_and(|(first, _)| negated(text, &found, k, els[first].span.start))
                    || negated(text, &found, k, usize::MAX);
                if let (Some((first, last)), false) = (target, neg) {
                    for i in first..=last {
                        r.give(i, role, f.span, &mut out);
                    }
                }
                last_back = Some((f.span, target, neg));
            }
            As(role) => {
                list = None;
                let follows = last_back.filter(|(span, _, _)| {
                    span.end <= f.span.start && words(&text[span.end..f.span.start]) <= 4
                });
                let (target, neg) = match follows {
                    Some((_, target, neg)) => (target, neg || negated(text, &found, k, usize::MAX)),
                    None => (
                        r.target_before(f.span.start, clause, 6),
                        negated(text, &found, k, usize::MAX),
                    ),
                };
                if let (Some((first, last)), false) = (target, neg) {
                    for i in first..=last {
                        r.give(i, role, f.span, &mut out);
                    }
                }
            }
        }
    }
    out
}

/// How strongly a role says what a party was: member beats observer, either
/// beats participant. Host stands apart.
fn status_rank(role: Role) -> u8 {
    match role {
        Role::Member => 3,
        Role::Observer => 2,
        Role::Participant => 1,
        Role::Host => 0,
    }
}

/// Merges candidates into participants: one per (party, event) status role
/// plus host; see the module comment for the precedence.
pub fn merge(found: Vec<(Candidate, usize, Option<usize>)>) -> Vec<Participant> {
    // (party, event) → (best status (role, sentence, order), host (sentence, order)).
    #[derive(Default)]
    struct Roles {
        status: Option<(Role, usize, usize)>,
        host: Option<(usize, usize)>,
    }
    // Hashed, not searched for in a list (a long release has hundreds of
    // keys). Their order does not matter: the participants are put in the
    // order of the candidates they come from.
    let mut roles: rustc_hash::FxHashMap<(Party, Option<usize>), Roles> =
        rustc_hash::FxHashMap::default();
    // By order, what gave each candidate its role: a cue phrase, or (a
    // candidate whose cue is its own mention, see `tag`) the name of the
    // meeting its organiser hosts.
    let why: Vec<Why> = found
        .iter()
        .map(|(c, _, _)| {
            Why::Cue(
                if c.cue == c.at {
                    "organiser of"
                } else {
                    "role cue"
                },
                c.cue,
            )
        })
        .collect();
    for (order, (cand, sentence, event)) in found.into_iter().enumerate() {
        let r = roles.entry((cand.party, event)).or_default();
        if cand.role == Role::Host {
            r.host.get_or_insert((sentence, order));
        } else if r
            .status
            .is_none_or(|(old, _, _)| status_rank(cand.role) > status_rank(old))
        {
            r.status = Some((cand.role, sentence, order));
        }
    }
    let mut out: Vec<(usize, Participant)> = Vec::new();
    for ((party, event), r) in roles {
        if let Some((sentence, order)) = r.host {
            out.push((
                order,
                Participant {
                    party: party.clone(),
                    role: Role::Host,
                    sentence,
                    event,
                    why: why[order],
                },
            ));
        }
        if let Some((role, sentence, order)) = r.status {
            if role != Role::Participant || r.host.is_none() {
                out.push((
                    order,
                    Participant {
                        party,
                        role,
                        sentence,
                        event,
                        why: why[order],
                    },
                ));
            }
        }
    }
    // No two entries share an order (a host and a status role come from
    // different candidates), so this order is total.
    out.sort_unstable_by_key(|(order, p)| (p.sentence, *order));
    out.into_iter().map(|(_, p)| p).collect()
}

/// The event a sentence is about: the one it names nearest to `pos`, else
/// the last one named before it, else the first.
fn event_of(events: &[Event], doc: &Document, sentence: usize, pos: usize) -> Option<usize> {
    if events.len() < 2 {
        return None;
    }
    let s = doc.sentences.get(sentence)?;
    let here = events
        .iter()
        .enumerate()
        .flat_map(|(i, ev)| ev.mentions.iter().map(move |m| (i, *m)))
        .filter(|(_, m)| s.contains(*m))
        .min_by_key(|(_, m)| m.start.abs_diff(pos));
    if let Some((i, _)) = here {
        return Some(i);
    }
    let before = events
        .iter()
        .enumerate()
        .flat_map(|(i, ev)| ev.mentions.iter().map(move |m| (i, *m)))
        .filter(|(_, m)| m.end <= s.start)
        .max_by_key(|(_, m)| m.start);
    Some(before.map_or(0, |(i, _)| i))
}

/// The role a sentence ending in a colon hands to the list items after it
/// ("attended by the following organisations:" then "• AFRIPOL;", "•
/// EUROPOL"): that of its last cue, when the cue is a forward one, not
/// negated, with no party after it.
fn open_list(
    text: &str,
    sentence: Span,
    elements: &[Element],
    all: &[Found],
) -> Option<(Role, Span)> {
    if !sentence.of(text).trim_end().ends_with(':') {
        return None;
    }
    let lo = elements.partition_point(|e| e.span.start < sentence.start);
    let hi = elements.partition_point(|e| e.span.start < sentence.end);
    let found = cues_in(all, sentence, &elements[lo..hi]);
    let k = found
        .iter()
        .rposition(|f| !matches!(f.cue, Inert | Negation { .. } | InvitedTo { .. }))?;
    let f = found[k];
    let role = match f.cue {
        Forward { role, .. } | Status(role) => role,
        _ => return None,
    };
    let later = elements[lo..hi].iter().any(|e| e.span.start >= f.span.end);
    (!later && !negated(text, &found, k, usize::MAX)).then_some((role, f.span))
}

/// The parties of one list item ("• EUROPOL (the European Union Agency …);"):
/// its first mention, when the item starts with it, and those joined to it.
fn item_parties(text: &str, sentence: Span, elements: &[Element]) -> Vec<(Party, Span)> {
    let lo = elements.partition_point(|e| e.span.start < sentence.start);
    let hi = elements.partition_point(|e| e.span.start < sentence.end);
    let els = &elements[lo..hi];
    let Some(first) = els.first() else {
        return Vec::new();
    };
    let lead = &text[sentence.start..first.span.start];
    if lead.chars().any(char::is_alphabetic) && words(lead) > 1 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut last = first.span.end;
    for (i, e) in els.iter().enumerate() {
        if i > 0 && !(is_glue(&text[last..e.span.start]) || els[i - 1].party == e.party) {
            break;
        }
        last = e.span.end;
        if let Some(p) = e.party {
            out.push((p.to_party(), e.span));
        }
    }
    out
}

/// Whether a sentence looks like an item of a list: it starts with a
/// bullet, a dash, a number or letter with a stop or bracket, and is short.
fn is_item(s: &str) -> bool {
    let t = s.trim_start();
    let marked = t.starts_with(['•', '·', '*', '-', '–', '—', '▪', '◦'])
        || t.split_once(['.', ')']).is_some_and(|(n, _)| {
            (1..=3).contains(&n.len()) && n.chars().all(char::is_alphanumeric)
        });
    marked && words(t) <= 30
}

/// Adds the participants of `doc`.
pub fn tag(doc: &mut Document, hits: &Hits, names: &Names) {
    let els = elements(doc, names);
    let all = hits.participants.as_slice();
    let mut found = Vec::new();
    let mut open: Option<(Role, Span)> = None;
    for (si, &s) in doc.sentences.iter().enumerate() {
        if let Some((role, cue)) = open {
            if is_item(s.of(&doc.text)) {
                for (party, at) in item_parties(&doc.text, s, &els) {
                    let event = event_of(&doc.events, doc, si, at.start);
                    found.push((
                        Candidate {
                            party,
                            role,
                            at,
                            cue,
                        },
                        si,
                        event,
                    ));
                }
                continue;
            }
        }
        open = open_list(&doc.text, s, &els, all);
        for cand in find_in(&doc.text, s, &els, all, names) {
            let event = event_of(&doc.events, doc, si, cand.cue.start);
            found.push((cand, si, event));
        }
    }
    // An organiser the events stage found only in a meeting's name ("the
    // 22nd INTERPOL Asian Regional Conference") hosts it too.
    for (i, ev) in doc.events.iter().enumerate() {
        let (Some(org), Some(&first)) = (&ev.organiser, ev.mentions.first()) else {
            continue;
        };
        let party = Party::Organisation(org.clone());
        let event = (doc.events.len() > 1).then_some(i);
        if !found
            .iter()
            .any(|(c, _, e)| c.party == party && c.role == Role::Host && *e == event)
        {
            found.push((
                Candidate {
                    party,
                    role: Role::Host,
                    at: first,
                    cue: first,
                },
                doc.sentence_of(first.start),
                event,
            ));
        }
    }
    doc.participants = merge(found);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::document::{DateMention, Granularity, Person};
    use crate::gazetteer::Gazetteers;

    /// A small gazetteer, so these cases do not move when the built-in data grows.
    pub(crate) fn names() -> Names {
        static NAMES: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
        NAMES.get_or_init(build_names).clone()
    }

    fn build_names() -> Names {
        let orgs = "id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n\
            sco\tShanghai Cooperation Organisation\tSCO\tigo\t\t\tShanghai Cooperation Organization\n\
            sco-rats\tRegional Anti-Terrorist Structure of the Shanghai Cooperation Organisation\tSCO RATS\tagency\tsco\t\t\n\
            sco-rats-ec\tSCO RATS Executive Committee\t\tagency\tsco-rats\t\tExecutive Committee of the SCO RATS\n\
            interpol\tInternational Criminal Police Organization\tINTERPOL\tigo\t\t\tInterpol\n\
            interpol-ga\tINTERPOL General Assembly\t\tagency\tinterpol\t\t\n\
            unodc\tUnited Nations Office on Drugs and Crime\tUNODC\tagency\t\t\t\n\
            afripol\tAfrican Union Mechanism for Police Cooperation\tAFRIPOL\tagency\t\t\t\n\
            europol\tEuropean Union Agency for Law Enforcement Cooperation\tEUROPOL\tagency\t\t\tEuropol\n\
            aseanapol\tASEAN Chiefs of Police\tASEANAPOL\tpolice\t\t\t\n\
            asean\tAssociation of Southeast Asian Nations\tASEAN\tigo\t\t\t\n\
            osce\tOrganization for Security and Co-operation in Europe\tOSCE\tigo\t\t\t\n\
            eag\tEurasian Group on Combating Money Laundering and Financing of Terrorism\tEAG\tigo\t\t\t\n\
            fatf\tFinancial Action Task Force\tFATF\tigo\t\t\t\n\
            imf\tInternational Monetary Fund\tIMF\tigo\t\t\t\n\
            world-bank\tWorld Bank\t\tigo\t\t\t\n\
            csto\tCollective Security Treaty Organization\tCSTO\tigo\t\t\t\n\
            cis\tCommonwealth of Independent States\tCIS\tigo\t\t\t\n\
            gccpol\tGCC Police\tGCCPOL\tagency\t\t\t\n\
            frontex\tEuropean Border and Coast Guard Agency\t\tagency\t\t\tFrontex\n\
            au\tAfrican Union\tAU\tigo\t\t\t\n";
        let countries = "code\tname\tofficial\tvariants\tdemonyms\n\
            KZ\tKazakhstan\tRepublic of Kazakhstan\t\tKazakh|Kazakhstani\n\
            KG\tKyrgyzstan\tKyrgyz Republic\t\tKyrgyz\n\
            CN\tChina\tPeople's Republic of China\t\tChinese\n\
            IN\tIndia\tRepublic of India\t\tIndian\n\
            RU\tRussia\tRussian Federation\t\tRussian\n\
            TJ\tTajikistan\tRepublic of Tajikistan\t\tTajik\n\
            TM\tTurkmenistan\t\t\tTurkmen\n\
            UZ\tUzbekistan\tRepublic of Uzbekistan\t\tUzbek\n\
            TN\tTunisia\tRepublic of Tunisia\t\tTunisian\n\
            BY\tBelarus\tRepublic of Belarus\t\tBelarusian\n\
            TR\tTurkey\tRepublic of Türkiye\tTürkiye\tTurkish\n\
            AZ\tAzerbaijan\tRepublic of Azerbaijan\t\tAzerbaijani\n\
            HU\tHungary\t\t\tHungarian\n\
            LV\tLatvia\tRepublic of Latvia\t\tLatvian\n\
            DK\tDenmark\tKingdom of Denmark\t\tDanish\n\
            DE\tGermany\tFederal Republic of Germany\t\tGerman\n\
            FR\tFrance\tFrench Republic\t\tFrench\n\
            PT\tPortugal\tPortuguese Republic\t\tPortuguese\n\
            VN\tVietnam\tSocialist Republic of Vietnam\tViet Nam\tVietnamese\n\
            US\tUnited States\tUnited States of America\tUSA\tAmerican\n";
        let cities = "name\tcountry\tvariants\tcapital\n\
            Astana\tKZ\t\tyes\nBishkek\tKG\t\tyes\nTunis\tTN\t\tyes\nLyon\tFR\t\t\n\
            Algiers\tDZ\t\tyes\nTashkent\tUZ\t\tyes\nBali\tID\t\t\n";
        let regions = "name\tvariants\nCentral Asia\t\n";
        let words = "word\tkind\nCouncil\tigo\nMinistry\tministry\nAgency\tagency\n\
            Secretariat\tagency\nCommittee\tagency\nPolice\tpolice\nForce\tother\n";
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

    /// Runs the stages up to events and participants on `text`, with the
    /// given people (name, affiliation) and dates (text, value) added.
    pub(crate) fn run(text: &str, people: &[(&str, &str)], dates: &[(&str, &str)]) -> Document {
        static SENTENCES: std::sync::OnceLock<crate::sentences::Rules> = std::sync::OnceLock::new();
        let sentence_rules = SENTENCES.get_or_init(|| {
            crate::sentences::Rules::build(&Gazetteers::builtin()).expect("built-ins are valid")
        });
        let names = names();
        let mut doc = Document {
            text: text.to_string(),
            ..Document::default()
        };
        crate::sentences::tag(&mut doc, sentence_rules);
        let hits = names.find(&doc.text[..doc.content_end()]);
        crate::organisations::tag(&mut doc, &hits, &names);
        crate::locations::tag(&mut doc, &hits, &names);
        for (name, affiliation) in people {
            let mentions: Vec<Span> = text
                .match_indices(name)
                .map(|(at, _)| Span::new(at, at + name.len()))
                .collect();
            doc.people.push(Person {
                name: name.to_string(),
                titles: Vec::new(),
                affiliation: Some(affiliation.to_string()),
                mentions,
                why: Vec::new(),
            });
        }
        for (date, value) in dates {
            for (at, _) in text.match_indices(date) {
                doc.dates.push(DateMention {
                    span: Span::new(at, at + date.len()),
                    value: Some(value.to_string()),
                    granularity: if value.contains('/') {
                        Granularity::Range
                    } else {
                        Granularity::Day
                    },
                    why: Why::Unknown,
                });
            }
        }
        doc.dates.sort_by_key(|d| d.span);
        static CUES: std::sync::OnceLock<crate::cues::Cues> = std::sync::OnceLock::new();
        let cues = CUES.get_or_init(crate::cues::Cues::build);
        let hits = cues.find(&doc.text, Span::new(0, doc.content_end()));
        crate::events::tag(&mut doc, &hits, &crate::events::Rules::build(), &names);
        tag(&mut doc, &hits, &names);
        doc
    }

    /// "id:role" (an organisation) or "CC:role" (a country), with "@n" when
    /// the participant names its event.
    pub(crate) fn show(p: &Participant) -> String {
        let who = match &p.party {
            Party::Organisation(id) | Party::Country(id) => id.as_str(),
        };
        match p.event {
            Some(e) => format!("{who}:{}@{e}", p.role.as_str()),
            None => format!("{who}:{}", p.role.as_str()),
        }
    }

    /// (name, text, expected participants in order).
    const CASES: &[(&str, &str, &[&str])] = &[
        // Member and observer lists.
        (
            "member entities then observer entities",
            "Representatives of member entities of the Dialogue: AFRIPOL, EUROPOL, ASEANAPOL, as well as observer entities of the Dialogue: SCO and UNODC, participated in the meeting.",
            &[
                "afripol:member",
                "europol:member",
                "aseanapol:member",
                "sco:observer",
                "unodc:observer",
            ],
        ),
        (
            "member states in parentheses, observer organisations after",
            "The session brought together the EAG member states (Belarus, China and Russia) as well as observer organisations (FATF, IMF and the World Bank).",
            &[
                "BY:member",
                "CN:member",
                "RU:member",
                "fatf:observer",
                "imf:observer",
                "world-bank:observer",
            ],
        ),
        (
            "member states of X, colon",
            "Member states of the SCO: Kazakhstan, Kyrgyzstan and Tajikistan took part.",
            &["KZ:member", "KG:member", "TJ:member"],
        ),
        (
            "member states from",
            "Representatives of the Member States from Denmark, Latvia and Germany will participate in the meeting.",
            &["DK:member", "LV:member", "DE:member"],
        ),
        (
            "observer states and organisations",
            "The plenary took place with the participation of the observer states and organisations (Turkey, the IMF and the OSCE).",
            &["TR:observer", "imf:observer", "osce:observer"],
        ),
        (
            "observer delegates from",
            "Also in attendance were observer delegates from France, Germany and Portugal.",
            &["FR:observer", "DE:observer", "PT:observer"],
        ),
        (
            "observer organisations in attendance included",
            "Observer organisations in attendance included the FATF, the IMF and UNODC.",
            &["fatf:observer", "imf:observer", "unodc:observer"],
        ),
        (
            "participated as an observer",
            "The SCO RATS Executive Committee’s delegation led by its Deputy Director participated as an observer in the meeting.",
            &["sco-rats-ec:observer"],
        ),
        (
            "has had observer status",
            "Hungary has had observer status in the Council since 2018.",
            &["HU:observer"],
        ),
        (
            "as observers, subject before",
            "Turkey and Azerbaijan, as observers, followed the debate.",
            &["TR:observer", "AZ:observer"],
        ),
        // Bodies and modifiers.
        (
            "body before a member noun, no list",
            "The competent authorities of the SCO member states continue to cooperate.",
            &[],
        ),
        (
            "member noun followed by a verb is no list",
            "The EAG member states discussed the request of the FATF.",
            &[],
        ),
        (
            "member noun as a list item",
            "Foreign ministers of all ASEAN member states and the Secretary-General of ASEAN participated.",
            &["asean:participant"],
        ),
        (
            "organisation modifying a name",
            "The SCO Business Council attended the forum.",
            &[],
        ),
        (
            "organisation with an office stands for it",
            "SCO Secretary General Vladimir Norov also attended the meeting.",
            &["sco:participant"],
        ),
        (
            "country with a person name after it",
            "Guests were received by the President of the Kyrgyz Republic Sooronbay Jeenbekov, presiding at the SCO.",
            &["KG:host"],
        ),
        (
            "country's ministry stands for the country",
            "Representatives of Kazakhstan’s Ministry of Interior took part.",
            &["KZ:participant"],
        ),
        // Hosts.
        (
            "virtual meeting of X",
            "Delegates joined the virtual meeting of Interpol: the 4th Dialogue on Policing.",
            &["interpol:host"],
        ),
        (
            "hosted by",
            "The conference was hosted by the OSCE in Astana.",
            &["osce:host"],
        ),
        (
            "organised by a list",
            "The seminar was organised by UNODC and the OSCE.",
            &["unodc:host", "osce:host"],
        ),
        (
            "chaired by a country",
            "The session was chaired by Kazakhstan.",
            &["KZ:host"],
        ),
        (
            "co-chaired by two countries",
            "The meeting was co-chaired by Kazakhstan and Kyrgyzstan.",
            &["KZ:host", "KG:host"],
        ),
        (
            "at the invitation of",
            "At the invitation of INTERPOL, experts from AFRIPOL and Europol met in Lyon.",
            &[
                "interpol:host",
                "afripol:participant",
                "europol:participant",
            ],
        ),
        (
            "under the chairmanship of",
            "The meeting took place under the chairmanship of the Kyrgyz Republic.",
            &["KG:host"],
        ),
        (
            "active hosted",
            "ASEAN hosted a briefing for diplomats.",
            &["asean:host"],
        ),
        (
            "convened",
            "AFRIPOL successfully convened the Sixth Meeting of the Heads of National Liaison Offices.",
            &["afripol:host"],
        ),
        (
            "headquarters",
            "The meeting was held at the African Union Headquarters.",
            &["au:host"],
        ),
        (
            "headquarters of",
            "Experts met at the headquarters of SCO RATS in Tashkent.",
            &["sco-rats:host"],
        ),
        (
            "joint meeting of two",
            "A joint meeting of INTERPOL and Europol took place in Lyon.",
            &["interpol:host", "europol:host"],
        ),
        (
            "meeting of X, then an apposition",
            "Leaders arrived for a meeting of the SCO, Europol said.",
            &["sco:host"],
        ),
        (
            "meeting of X's officials is no host",
            "Ahead of the meeting of OSCE foreign ministers, talks were held.",
            &[],
        ),
        (
            "meeting of a far body is no host",
            "The first meeting of the Committee on the Establishment of AFRIPOL took place.",
            &[],
        ),
        (
            "coordinated verb keeps its subject",
            "Vietnam assumes the presidency of ASEANAPOL and hosts all its activities.",
            &["VN:host"],
        ),
        (
            "organised by, then held in",
            "The conference organised by the OSCE was held in Kazakhstan.",
            &["osce:host"],
        ),
        (
            "organised by a list, then a participle",
            "The conference organised by the CIS, the OSCE and the CSTO held on 18 April drew crowds.",
            &["cis:host", "osce:host", "csto:host"],
        ),
        // Taking part.
        (
            "with the participation of",
            "The forum opened in Astana with the participation of the SCO, CSTO and CIS.",
            &["sco:participant", "csto:participant", "cis:participant"],
        ),
        (
            "attended by delegations",
            "The meeting was attended by delegations of Kazakhstan, China and India.",
            &["KZ:participant", "CN:participant", "IN:participant"],
        ),
        (
            "representatives of countries took part",
            "Representatives of Kazakhstan, China and India took part.",
            &["KZ:participant", "CN:participant", "IN:participant"],
        ),
        (
            "delegations of A and B",
            "The delegations of Russia and Tajikistan discussed the agenda.",
            &["RU:participant", "TJ:participant"],
        ),
        (
            "subject attended",
            "UNODC also attended the meeting.",
            &["unodc:participant"],
        ),
        (
            "demonym delegation",
            "The Kazakh delegation took part in the talks.",
            &["KZ:participant"],
        ),
        (
            "country delegation",
            "Uzbekistan delegation attends the meeting.",
            &["UZ:participant"],
        ),
        (
            "parentheses in a list",
            "The meeting was attended by the African Union (AU) and Europol.",
            &["au:participant", "europol:participant"],
        ),
        (
            "as well as",
            "Kazakhstan, China as well as Russia took part.",
            &["KZ:participant", "CN:participant", "RU:participant"],
        ),
        (
            "hard-wrapped list",
            "The meeting was attended by AFRIPOL,\nEUROPOL and\nASEANAPOL.",
            &[
                "afripol:participant",
                "europol:participant",
                "aseanapol:participant",
            ],
        ),
        (
            "representatives from",
            "Representatives from GCCPOL and Frontex attended.",
            &["gccpol:participant", "frontex:participant"],
        ),
        (
            "heads of foreign ministries",
            "Heads of foreign ministries of India, Kazakhstan and China met in Bishkek.",
            &["IN:participant", "KZ:participant", "CN:participant"],
        ),
        (
            "official names of countries",
            "The Meeting was attended by the delegations of the Republic of Kazakhstan, the Kyrgyz Republic and Turkmenistan.",
            &["KZ:participant", "KG:participant", "TM:participant"],
        ),
        (
            "future participation counts",
            "Delegations of Russia and Tajikistan will participate in the meeting.",
            &["RU:participant", "TJ:participant"],
        ),
        (
            "which clause",
            "The meeting, which Europol hosted, was attended by Kazakhstan.",
            &["europol:host", "KZ:participant"],
        ),
        (
            "city is no party",
            "The meeting in Astana was attended by Kazakhstan.",
            &["KZ:participant"],
        ),
        (
            "place after a list is no party",
            "Heads of its National Liaison Offices met in Algiers, Kazakhstan.",
            &[],
        ),
        (
            "heads of state is no delegation cue",
            "The heads of state of Kazakhstan and Kyrgyzstan met.",
            &[],
        ),
        // Negations and hypotheticals.
        ("did not attend", "Turkey did not attend the meeting.", &[]),
        (
            "not attended by",
            "The meeting was not attended by Europol.",
            &[],
        ),
        (
            "invited to attend",
            "Tunisia was invited to attend the meeting.",
            &[],
        ),
        (
            "invited X to take part",
            "The organisers invited AFRIPOL to take part in the next round.",
            &[],
        ),
        (
            "plans to become an observer",
            "Belarus plans to become an observer of the SCO.",
            &[],
        ),
        (
            "plans to participate as an observer",
            "Azerbaijan plans to participate as an observer.",
            &[],
        ),
        (
            "could not take part",
            "Europol could not take part because of the pandemic.",
            &[],
        ),
        (
            "without the participation of",
            "The meeting was held without the participation of Russia.",
            &[],
        ),
        (
            "but not",
            "The meeting was attended by Kazakhstan and China, but not India.",
            &["KZ:participant", "CN:participant"],
        ),
        (
            "grant observer status",
            "The plenary discussed the request of the OSCE and agreed to grant it observer status.",
            &[],
        ),
        (
            "to be hosted by is future",
            "Side meetings are to be hosted by Europol.",
            &[],
        ),
        ("if", "If Turkey attends, the quorum is met.", &[]),
        (
            "expected to attend",
            "China is expected to attend the summit.",
            &[],
        ),
        (
            "passive held is no host",
            "The meeting of experts was held in Astana.",
            &[],
        ),
        (
            "participle after a comma is no host",
            "The evaluation of Kyrgyzstan, held in January, was discussed.",
            &[],
        ),
        // Merging.
        (
            "host and participant: host",
            "Kazakhstan chaired the meeting. Kazakhstan also took part in the discussion.",
            &["KZ:host"],
        ),
        (
            "host and member: both",
            "Latvia holds the presidency of the Task Force this year. Member states Denmark, Latvia and Germany will participate.",
            &["LV:host", "DK:member", "LV:member", "DE:member"],
        ),
        (
            "observer beats participant",
            "UNODC participated in the meeting. UNODC took part as an observer.",
            &["unodc:observer"],
        ),
        (
            "bulleted list after a colon",
            "The meeting was attended by the following organisations:\n• AFRIPOL;\n• EUROPOL (the European Union Agency for Law Enforcement Cooperation);\n• ASEANAPOL.\nThe talks ended.",
            &[
                "afripol:participant",
                "europol:participant",
                "aseanapol:participant",
            ],
        ),
    ];

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for (name, text, want) in CASES {
            let doc = run(text, &[], &[]);
            let got: Vec<String> = doc.participants.iter().map(show).collect();
            if got != *want {
                failures.push(format!("{name}: got {got:?}, want {want:?}"));
            }
        }
        crate::testing::assert_table(&failures, CASES.len());
        assert!(CASES.len() >= 50);
    }

    #[test]
    fn people_stand_for_their_affiliation() {
        let cases: &[(&str, &str, &[(&str, &str)], &[&str])] = &[
            (
                "person attended",
                "Mr Jürgen Stock attended the meeting.",
                &[("Jürgen Stock", "interpol")],
                &["interpol:participant"],
            ),
            (
                "chaired by a minister of a country",
                "The meeting was co-chaired by His Excellency Saleumxay Kommasith, Minister of Foreign Affairs.",
                &[("Saleumxay Kommasith", "LA")],
                &["LA:host"],
            ),
            (
                "delegation led by a person",
                "SCO RATS Executive Committee’s delegation led by Deputy Director Akhat Mukashev participated as an observer.",
                &[("Akhat Mukashev", "sco-rats-ec")],
                &["sco-rats-ec:observer"],
            ),
            (
                "person without a cue",
                "Mr Jürgen Stock informed the delegates.",
                &[("Jürgen Stock", "interpol")],
                &[],
            ),
        ];
        for (name, text, people, want) in cases {
            let doc = run(text, people, &[]);
            let got: Vec<String> = doc.participants.iter().map(show).collect();
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn evidence_sentence_is_the_kept_roles() {
        let doc = run(
            "Talks in Lyon\n\nEuropol took part. Later, Europol participated as an observer.",
            &[],
            &[],
        );
        let got: Vec<(String, usize)> = doc
            .participants
            .iter()
            .map(|p| (show(p), p.sentence))
            .collect();
        assert_eq!(got, [("europol:observer".to_string(), 2)]);
    }

    #[test]
    fn glue() {
        let cases = [
            (", ", true),
            (" and ", true),
            (", as well as ", true),
            (" (", true),
            ("), ", true),
            (" and police forces of ", true),
            (" ", true),
            (" in ", false),
            (", held in ", false),
            (" discussed the report of ", false),
            (": ", false),
        ];
        for (gap, want) in cases {
            assert_eq!(is_glue(gap), want, "{gap:?}");
        }
    }
}
