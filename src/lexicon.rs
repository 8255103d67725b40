//! The people stage's word lexicon: the flags of capitalised words (given
//! name, stop word, demonym, organisation word, the first word of a title…)
//! in one buffer, found through an open-addressing table.
//!
//! This file is also compiled into `build.rs` (by its path), which builds
//! the lexicon of the built-in gazetteers when the crate is compiled: the
//! 22,000 given names then cost nothing at start-up, and the tables lie in
//! the binary's read-only data. So it uses `std` only. At run time
//! [`crate::people::Rules::build`] starts from those tables and adds what
//! `--gazetteer` files bring; a unit test checks that they equal what
//! [`Lexicon::from_words`] builds from the gazetteer files.

use std::borrow::Cow;

// Lexicon flags of a capitalised word.
/// Never part of a name: function words, months, weekdays, headline verbs.
pub(crate) const STOP: u8 = 1;
/// A word naming an institution, event or thing: a run holding it is no person.
pub(crate) const NON_NAME: u8 = 2;
/// A given name.
pub(crate) const GIVEN: u8 = 4;
/// An East Asian family name, written first.
pub(crate) const FAMILY: u8 = 8;
/// "Deputy", "Acting"… before a title.
pub(crate) const MODIFIER: u8 = 16;
/// A demonym ("Kazakh").
pub(crate) const DEMONYM: u8 = 32;
/// An organisation head word (`org_words.tsv`: Ministry, Council, Institute…).
pub(crate) const ORG_WORD: u8 = 64;
/// The first word of a title or honorific: only there is the automaton tried.
pub(crate) const CUE_START: u8 = 128;

/// Capitalised words that never belong to a name (sentence openers, months,
/// weekdays, headline verbs and nouns).
pub(crate) const STOP_WORDS: &[&str] = &[
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "And",
    "Or",
    "But",
    "With",
    "Without",
    "By",
    "From",
    "To",
    "Into",
    "As",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "Under",
    "Over",
    "Upon",
    "Within",
    "Among",
    "Amid",
    "Between",
    "Against",
    "Through",
    "Throughout",
    "Following",
    "According",
    "Regarding",
    "Concerning",
    "Despite",
    "Besides",
    "Also",
    "Meanwhile",
    "However",
    "Moreover",
    "Furthermore",
    "Therefore",
    "Thus",
    "Then",
    "Today",
    "Tomorrow",
    "Yesterday",
    "Now",
    "Here",
    "There",
    "Where",
    "When",
    "While",
    "Why",
    "How",
    "What",
    "Which",
    "Who",
    "Whom",
    "Whose",
    "If",
    "Although",
    "Though",
    "Because",
    "Both",
    "Each",
    "Every",
    "All",
    "Some",
    "Many",
    "Most",
    "Several",
    "Other",
    "Another",
    "Such",
    "Further",
    "Finally",
    "Firstly",
    "Secondly",
    "Lastly",
    "Overall",
    "Additionally",
    "Notably",
    "He",
    "She",
    "It",
    "They",
    "We",
    "You",
    "I",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "Your",
    "My",
    "Him",
    "Them",
    "Us",
    "Me",
    "Mr",
    "Mrs",
    "Ms",
    "Dear",
    "Ladies",
    "Gentlemen",
    "Yes",
    "No",
    "Not",
    "New",
    "Old",
    "Next",
    "Last",
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Attends",
    "Attended",
    "Meets",
    "Met",
    "Holds",
    "Held",
    "Visits",
    "Visited",
    "Receives",
    "Received",
    "Says",
    "Said",
    "Calls",
    "Urges",
    "Opens",
    "Opened",
    "Addresses",
    "Chairs",
    "Chaired",
    "Leads",
    "Led",
    "Signs",
    "Signed",
    "Takes",
    "Took",
    "Participates",
    "Participated",
    "Discusses",
    "Discussed",
    "Welcomes",
    "Welcomed",
    "Hosts",
    "Hosted",
    "Speaks",
    "Spoke",
    "Arrives",
    "Arrived",
    "Pays",
    "Paid",
    "Congratulates",
    "Briefs",
    "Launches",
    "Launched",
    "Presents",
    "Presented",
    "Delivers",
    "Reaffirms",
    "Stresses",
    "Highlights",
    "Underlines",
    "Emphasises",
    "Emphasizes",
    "Expresses",
    "Notes",
    "Joins",
    "Wins",
    "Announces",
    "Announced",
    "Appoints",
    "Appointed",
    "Elected",
    "Elects",
    "Condemns",
    "Praises",
    "Thanks",
    "Hails",
    "Reviews",
    "Concludes",
    "Concluded",
    "Ends",
    "Begins",
    "Starts",
    "Completes",
    "Outlines",
    "Unveils",
    "Supports",
    "Seeks",
    "Sees",
    "Vows",
    "Warns",
    "Marks",
    "Celebrates",
    "Celebrating",
    "Honouring",
    "Honoring",
    "Boosting",
    "Strengthening",
    "Enhancing",
    "Promoting",
    "Countering",
    "Combating",
    "Convening",
    "Via",
    "Vs",
    "Re",
    "Per",
    "Photo",
    "Source",
    "Read",
    "More",
    "Share",
    "Print",
    "Tags",
    "Page",
    "News",
    "Press",
    "Release",
    "Statement",
    "Update",
    "Dr",
    "Prof",
];

/// Capitalised words that name institutions, events, places or things rather
/// than people; with `org_words.tsv` they mark a run as no person
/// ("Working Groups", "Victoria Falls", "Kofi Annan Centre").
pub(crate) const NON_NAME_WORDS: &[&str] = &[
    "Groups",
    "Committees",
    "Councils",
    "Ministries",
    "Agencies",
    "Organisations",
    "Organizations",
    "Unions",
    "Offices",
    "Services",
    "Declaration",
    "Summit",
    "Summits",
    "Conference",
    "Conferences",
    "Meeting",
    "Meetings",
    "Forum",
    "Session",
    "Sessions",
    "Dialogue",
    "Process",
    "Day",
    "Days",
    "Week",
    "Year",
    "Years",
    "Award",
    "Awards",
    "Prize",
    "Plan",
    "Strategy",
    "Programme",
    "Program",
    "Initiative",
    "Agreement",
    "Treaty",
    "Convention",
    "Charter",
    "Protocol",
    "Statute",
    "Memorandum",
    "Resolution",
    "Report",
    "Street",
    "Avenue",
    "Road",
    "Square",
    "Hall",
    "Palace",
    "Hotel",
    "Airport",
    "Station",
    "Bridge",
    "Park",
    "Falls",
    "River",
    "Lake",
    "Sea",
    "Ocean",
    "Gulf",
    "Mountain",
    "Mountains",
    "Island",
    "Islands",
    "Valley",
    "Region",
    "Regions",
    "Province",
    "Oblast",
    "District",
    "City",
    "State",
    "States",
    "Republic",
    "Kingdom",
    "Federation",
    "Emirates",
    "Team",
    "Centre",
    "Center",
    "Institute",
    "University",
    "College",
    "School",
    "Academy",
    "Museum",
    "Library",
    "Headquarters",
    "Party",
    "Army",
    "Navy",
    "Department",
    "Division",
    "Section",
    "Sector",
    "Chamber",
    "Congress",
    "Senate",
    "Court",
    "Platform",
    "System",
    "Systems",
    "Database",
    "Databases",
    "Operation",
    "Operations",
    "Exercise",
    "Project",
    "Campaign",
    "Framework",
    "Partnership",
    "Cooperation",
    "Co-operation",
    "Coordination",
    "Security",
    "Affairs",
    "Policy",
    "Law",
    "Act",
    "Code",
    "Pandemic",
    "Virus",
    "Disease",
    "Crisis",
    "War",
    "Games",
    "Cup",
    "Olympics",
    "Expo",
    "Festival",
    "Fair",
    "Show",
    "Member",
    "Members",
    "Participants",
    "Representatives",
    "Delegates",
    "Delegation",
    "Delegations",
    "Experts",
    "Leaders",
    "Heads",
    "Officials",
    "Ministers",
    "Nations",
    "Secretary",
    "Internet",
    "Online",
    "Web",
    "Website",
    "Portal",
    "Media",
    "Press",
    "Bank",
    "Fund",
    "Church",
    "Mosque",
    "Cathedral",
    "Temple",
    "Order",
    "Medal",
    "Street",
];

/// East Asian family names written before the given name ("Wang Yi",
/// "Nguyen Van An"): a run starting with one and followed by a given name, or
/// of two or three short syllables after a title, reads surname first.
pub(crate) const FAMILY_FIRST: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han",
    "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang",
    "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Jin", "Qian",
    "Fu", "Xue", "Zhong", "Wen", "Qin", "Kong", "Shi", "Bai", "Cui", "Fan", "Geng", "Hou", "Kang",
    "Lei", "Meng", "Mo", "Qiu", "Tan", "Xi", "Yan", "Yin", "Zou", "Kim", "Park", "Choi", "Jung",
    "Jeong", "Cho", "Yoon", "Jang", "Lim", "Shin", "Oh", "Seo", "Kwon", "Hwang", "Ahn", "Nguyen",
    "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo",
    "Duong", "Ly",
];

/// Words before a title that modify it ("Acting Executive Director").
pub(crate) const MODIFIERS: &[(&str, &str)] = &[
    ("Acting", "Acting"),
    ("Ag", "Acting"),
    ("Interim", "Interim"),
    ("Deputy", "Deputy"),
    ("First", "First"),
    ("Vice", "Vice"),
    ("Senior", "Senior"),
    ("Assistant", "Assistant"),
];

/// The lexicon: every word once in `text`, its entry (where it is, its
/// flags, and for a built-in given name its line) in `entries`, and an
/// open-addressing table of word hashes over the entries in `slots`. All
/// three are little-endian byte tables, so the built-in lexicon is borrowed
/// from the binary as `build.rs` wrote it; adding a word makes them owned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lexicon {
    /// The words, one after another.
    text: Cow<'static, str>,
    /// [`ENTRY`] bytes a word: start in `text` (u32), length (u32), flags
    /// (u8), and the line of its row in the built-in `given_names.tsv`, or
    /// 0 (u24).
    entries: Cow<'static, [u8]>,
    /// [`SLOT`] bytes a slot: the high half of a word's hash (u32) and its
    /// entry's index + 1 (u32; 0: free). A power of two long, at most half full.
    slots: Cow<'static, [u8]>,
}

/// The bytes of an entry.
pub(crate) const ENTRY: usize = 12;
/// The bytes of a slot.
pub(crate) const SLOT: usize = 8;

#[inline]
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// The given-name line of the entry at byte `at`.
fn line_at(entries: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([entries[at + 9], entries[at + 10], entries[at + 11], 0])
}

impl Lexicon {
    /// An empty lexicon with room for `words` words.
    pub(crate) fn with_capacity(words: usize) -> Lexicon {
        Lexicon {
            text: Cow::Owned(String::with_capacity(words * 8)),
            entries: Cow::Owned(Vec::with_capacity(words * ENTRY)),
            slots: Cow::Owned(vec![0; (words * 2).next_power_of_two().max(16) * SLOT]),
        }
    }

    /// A lexicon borrowing tables that [`Lexicon::tables`] gave (`build.rs`).
    #[cfg_attr(test, allow(dead_code))]
    pub(crate) fn from_tables(
        text: &'static str,
        entries: &'static [u8],
        slots: &'static [u8],
    ) -> Lexicon {
        Lexicon {
            text: Cow::Borrowed(text),
            entries: Cow::Borrowed(entries),
            slots: Cow::Borrowed(slots),
        }
    }

    /// The three tables, as [`Lexicon::from_tables`] takes them.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn tables(&self) -> (&str, &[u8], &[u8]) {
        (&self.text, &self.entries, &self.slots)
    }

    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.entries.len() / ENTRY
    }

    /// Every word with its flags, in the order they came.
    #[cfg(test)]
    pub(crate) fn words(&self) -> impl Iterator<Item = (&str, u8)> {
        (0..self.len()).map(|e| {
            let word = std::str::from_utf8(self.word_at(e)).expect("words are whole");
            (word, self.entries[e * ENTRY + 8])
        })
    }

    /// Whether the tables are still borrowed (nothing was added to a
    /// lexicon made by [`Lexicon::from_tables`]).
    #[cfg(test)]
    pub(crate) fn is_borrowed(&self) -> bool {
        matches!(
            (&self.text, &self.entries, &self.slots),
            (Cow::Borrowed(_), Cow::Borrowed(_), Cow::Borrowed(_))
        )
    }

    #[inline]
    fn slot_at(&self, i: usize) -> (u32, u32) {
        let s = &self.slots[i * SLOT..i * SLOT + SLOT];
        (u32_at(s, 0), u32_at(s, 4))
    }

    /// The word of entry `e` (0-based).
    #[inline]
    fn word_at(&self, e: usize) -> &[u8] {
        let x = &self.entries[e * ENTRY..e * ENTRY + ENTRY];
        let start = u32_at(x, 0) as usize;
        let len = u32_at(x, 4) as usize;
        self.text.as_bytes().get(start..start + len).unwrap_or(&[])
    }

    /// The slot holding `word` (hashed to `h`), or the free slot where it would go.
    #[inline]
    fn slot(&self, word: &str, h: u64) -> usize {
        let mask = self.slots.len() / SLOT - 1;
        let tag = (h >> 32) as u32;
        let mut i = h as usize & mask;
        loop {
            let (t, e) = self.slot_at(i);
            if e == 0 || (t == tag && self.word_at(e as usize - 1) == word.as_bytes()) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The entry index + 1 of `word` (0: not there).
    #[inline]
    fn find(&self, word: &str) -> usize {
        self.slot_at(self.slot(word, word_hash(word))).1 as usize
    }

    /// The flags of `word` (0 for an unknown word).
    #[inline]
    pub(crate) fn get(&self, word: &str) -> u8 {
        match self.find(word) {
            0 => 0,
            e => self.entries[(e - 1) * ENTRY + 8],
        }
    }

    /// The line of `word`'s row in the built-in `given_names.tsv` (0: none).
    pub(crate) fn given_line(&self, word: &str) -> u32 {
        match self.find(word) {
            0 => 0,
            e => line_at(&self.entries, (e - 1) * ENTRY),
        }
    }

    /// Adds `flag` to `word`'s flags (nothing changes, and nothing is
    /// copied, when it has it already).
    pub(crate) fn add(&mut self, word: &str, flag: u8) {
        self.add_at(word, flag, 0);
    }

    /// Adds `flag` to `word`'s flags and, if it has none yet, `line` as the
    /// line of its built-in given-name row (below 2^24: the built-in files
    /// are far shorter).
    fn add_at(&mut self, word: &str, flag: u8, line: u32) {
        assert!(
            line < 1 << 24,
            "a built-in gazetteer line number fits 24 bits"
        );
        let h = word_hash(word);
        let i = self.slot(word, h);
        let e = self.slot_at(i).1 as usize;
        if e != 0 {
            let at = (e - 1) * ENTRY;
            let has_line = line == 0 || line_at(&self.entries, at) != 0;
            if self.entries[at + 8] & flag == flag && has_line {
                return;
            }
            let entries = self.entries.to_mut();
            entries[at + 8] |= flag;
            if !has_line {
                entries[at + 9..at + 12].copy_from_slice(&line.to_le_bytes()[..3]);
            }
            return;
        }
        // Gazetteer texts are read whole into memory, so far below 4 GiB.
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(word.len()).unwrap_or(u32::MAX);
        let entries = self.entries.to_mut();
        entries.extend_from_slice(&start.to_le_bytes());
        entries.extend_from_slice(&len.to_le_bytes());
        entries.push(flag);
        entries.extend_from_slice(&line.to_le_bytes()[..3]);
        self.text.to_mut().push_str(word);
        let n = self.len();
        self.set_slot(i, (h >> 32) as u32, n as u32);
        if n * 2 > self.slots.len() / SLOT {
            let old = std::mem::replace(&mut self.slots, Cow::Owned(Vec::new()));
            self.slots = Cow::Owned(vec![0; old.len() * 2]);
            let mask = self.slots.len() / SLOT - 1;
            for e in 0..n {
                let h = word_hash(std::str::from_utf8(self.word_at(e)).unwrap_or(""));
                let mut j = h as usize & mask;
                while self.slot_at(j).1 != 0 {
                    j = (j + 1) & mask;
                }
                self.set_slot(j, (h >> 32) as u32, e as u32 + 1);
            }
        }
    }

    fn set_slot(&mut self, i: usize, tag: u32, entry: u32) {
        let s = &mut self.slots.to_mut()[i * SLOT..i * SLOT + SLOT];
        s[..4].copy_from_slice(&tag.to_le_bytes());
        s[4..].copy_from_slice(&entry.to_le_bytes());
    }

    /// The lexicon of these words, added in this order (the order fixes the
    /// tables' bytes, which the unit test compares with `build.rs`'s):
    /// given names with their line (those with a space are skipped), then
    /// [`STOP_WORDS`], [`NON_NAME_WORDS`], organisation words,
    /// [`FAMILY_FIRST`], [`MODIFIERS`], the first words of titles and
    /// honorifics ([`cue_starts`]) and demonyms.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn from_words<'a>(
        given: &[(&'a str, u32)],
        org_words: impl IntoIterator<Item = &'a str>,
        starts: &[String],
        demonyms: impl IntoIterator<Item = &'a str>,
    ) -> Lexicon {
        let mut lexicon = Lexicon::with_capacity(given.len() + 2_000);
        for &(name, line) in given {
            if !name.as_bytes().contains(&b' ') {
                lexicon.add_at(name, GIVEN, line);
            }
        }
        lexicon.add_common(org_words, starts, demonyms);
        lexicon
    }

    /// Adds every word but the given names: the lists of this module, then
    /// the organisation words, title starts and demonyms given.
    pub(crate) fn add_common<'a>(
        &mut self,
        org_words: impl IntoIterator<Item = &'a str>,
        starts: &[String],
        demonyms: impl IntoIterator<Item = &'a str>,
    ) {
        for w in STOP_WORDS {
            self.add(w, STOP);
        }
        for w in NON_NAME_WORDS {
            self.add(w, NON_NAME);
        }
        for w in org_words {
            self.add(w, NON_NAME | ORG_WORD);
        }
        for w in FAMILY_FIRST {
            self.add(w, FAMILY);
        }
        for (w, _) in MODIFIERS {
            self.add(w, MODIFIER);
        }
        for w in starts {
            self.add(w, CUE_START);
        }
        for d in demonyms {
            self.add(d, DEMONYM);
        }
    }
}

/// Title and honorific surfaces with their other forms: an abbreviation
/// also without its full stop ("Amb", "Supt"), a straight apostrophe also
/// curly; each surface follows its extra forms.
pub(crate) fn cue_forms<C: Copy>(surfaces: Vec<(String, C)>) -> Vec<(String, C)> {
    let mut forms = Vec::with_capacity(surfaces.len() * 2);
    for (s, cue) in surfaces {
        if let Some(bare) = s.strip_suffix('.')
            && !bare.contains(['.', ' '])
            && bare.chars().count() >= 2
        {
            forms.push((bare.to_string(), cue));
        }
        if s.contains('\'') {
            forms.push((s.replace('\'', "’"), cue));
        }
        forms.push((s, cue));
    }
    forms
}

/// The first word of each form as the word scanner cuts it ("Pol" of
/// "Pol. Col.", "H" of "H.E.", "Secretary-General"), as written and capitalised.
pub(crate) fn cue_starts<'a>(forms: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut starts = Vec::new();
    for surface in forms {
        let end = surface
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphanumeric()
                    || (is_joiner(c)
                        && surface[i + c.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)))
            })
            .map_or(surface.len(), |(i, _)| i);
        let first = &surface[..end];
        let mut chars = first.chars();
        if let Some(c) = chars.next() {
            starts.push(first.to_string());
            starts.push(c.to_uppercase().chain(chars).collect());
        }
    }
    starts
}

/// A hyphen or apostrophe that joins two parts of one word.
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‐')
}

/// A hash of a word (the lexicon's and a name key's): whole little-endian
/// loads, two overlapping ones for a short word, instead of a loop per byte.
pub(crate) fn word_hash(w: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    fn load8(b: &[u8]) -> u64 {
        let mut a = [0u8; 8];
        a.copy_from_slice(&b[..8]);
        u64::from_le_bytes(a)
    }
    fn load4(b: &[u8]) -> u64 {
        let mut a = [0u8; 4];
        a.copy_from_slice(&b[..4]);
        u64::from(u32::from_le_bytes(a))
    }
    let b = w.as_bytes();
    let n = b.len();
    let x = if n > 8 {
        let mut h = 0u64;
        let mut i = 0;
        while i + 8 < n {
            h = (h.rotate_left(5) ^ load8(&b[i..])).wrapping_mul(K);
            i += 8;
        }
        h.rotate_left(5) ^ load8(&b[n - 8..])
    } else if n == 8 {
        load8(b)
    } else if n >= 4 {
        load4(b) | load4(&b[n - 4..]) << 32
    } else if n > 0 {
        u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16
    } else {
        0
    };
    let h = (x ^ (n as u64).rotate_right(8)).wrapping_mul(K);
    h ^ (h >> 32)
}
