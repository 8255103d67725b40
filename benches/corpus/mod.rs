//! A deterministic generator of press-release text for the benchmarks: the
//! fixtures (`fixtures/*.txt`) verbatim now and then, and releases composed
//! from the gazetteers (organisations, countries, cities, regions, titles,
//! honorifics, given names) with varied lengths, bullet and numbered lists,
//! hard-wrapped paragraphs, datelines, dates in many forms, people with
//! titles, acronyms defined in the text, curly quotes and non-ASCII names,
//! and page furniture at the end. The same seed gives byte-identical output
//! on every machine: a small inline PRNG, no clock, no hash-map order.
//!
//! Shared by `examples/corpus.rs` (writes the corpus to disk) and
//! `benches/pipeline.rs` (a few MB of it in memory).

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: tiny, fast, and good enough for picking words.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `p` percent.
    pub fn chance(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// An organisation as the generator uses it.
#[derive(Clone, Debug)]
pub struct Org {
    pub name: String,
    pub acronym: Option<String>,
}

/// The word lists the composed releases draw from.
pub struct Vocabulary {
    pub fixtures: Vec<String>,
    pub orgs: Vec<Org>,
    pub countries: Vec<String>,
    pub cities: Vec<String>,
    pub regions: Vec<String>,
    pub titles: Vec<String>,
    pub honorifics: Vec<String>,
    pub given: Vec<String>,
}

/// The data rows of a gazetteer file (header and `#` comments dropped), split on tabs.
fn rows(path: &Path) -> Vec<Vec<String>> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(|f| f.trim().to_string()).collect())
        .collect()
}

fn field(row: &[String], i: usize) -> &str {
    row.get(i).map_or("", String::as_str)
}

impl Vocabulary {
    /// Reads the fixtures and gazetteers of the crate at `root`, sorted, so the
    /// corpus depends only on the files' contents.
    pub fn load(root: &Path) -> Vocabulary {
        let mut fixture_paths: Vec<_> = std::fs::read_dir(root.join("fixtures"))
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                    .collect()
            })
            .unwrap_or_default();
        fixture_paths.sort();
        let fixtures = fixture_paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .filter(|t| !t.trim().is_empty() && !t.contains('\0'))
            .collect();
        let g = root.join("gazetteers");
        // The built organisation gazetteer when there is one, else its curated source.
        let mut org_rows = rows(&g.join("organisations.tsv"));
        if org_rows.is_empty() {
            org_rows = rows(&g.join("sources/organisations-curated.tsv"));
        }
        let mut orgs: Vec<Org> = org_rows
            .iter()
            .filter(|r| !field(r, 1).is_empty())
            .map(|r| Org {
                name: field(r, 1).to_string(),
                acronym: field(r, 2)
                    .split('|')
                    .next()
                    .filter(|a| !a.is_empty())
                    .map(str::to_string),
            })
            .collect();
        if orgs.is_empty() {
            orgs = FALLBACK_ORGS
                .iter()
                .map(|(n, a)| Org {
                    name: n.to_string(),
                    acronym: Some(a.to_string()),
                })
                .collect();
        }
        let col = |file: &str, i: usize| -> Vec<String> {
            rows(&g.join(file))
                .iter()
                .map(|r| field(r, i).to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let or = |v: Vec<String>, fallback: &[&str]| {
            if v.is_empty() {
                fallback.iter().map(|s| s.to_string()).collect()
            } else {
                v
            }
        };
        Vocabulary {
            fixtures,
            orgs,
            countries: or(col("countries.tsv", 1), &["Kazakhstan", "Tunisia", "China"]),
            cities: or(col("cities.tsv", 0), &["Tashkent", "Lyon", "Vienna"]),
            regions: or(col("regions.tsv", 0), &["Central Asia", "the Sahel"]),
            titles: or(
                col("titles.tsv", 0),
                &["Secretary General", "Deputy Director", "Minister"],
            ),
            honorifics: or(col("honorifics.tsv", 0), &["Mr", "Ms", "Dr"]),
            given: or(
                col("given_names.tsv", 0),
                &["Akhat", "Jürgen", "Vladimir", "Maria", "Aisha"],
            ),
        }
    }
}

const FALLBACK_ORGS: &[(&str, &str)] = &[
    ("International Criminal Police Organization", "INTERPOL"),
    ("Shanghai Cooperation Organisation", "SCO"),
    ("United Nations Office on Drugs and Crime", "UNODC"),
    (
        "European Union Agency for Law Enforcement Cooperation",
        "EUROPOL",
    ),
];

const SURNAMES: &[&str] = &[
    "Stock",
    "Mukashev",
    "Norov",
    "Ivanov",
    "Zhang",
    "Wang",
    "Khan",
    "Smith",
    "García",
    "Müller",
    "Novak",
    "Kowalski",
    "Okafor",
    "Mensah",
    "Haddad",
    "Nasser",
    "Yilmaz",
    "Öztürk",
    "Sharma",
    "Singh",
    "Tanaka",
    "Kim",
    "Nguyen",
    "Rahimov",
    "Tokayev",
    "Sadykov",
    "Petrov",
    "Dubois",
    "Rossi",
    "Silva",
    "Pereira",
    "Abdullah",
    "Al-Farsi",
    "Ben Ali",
    "Kariuki",
    "Diallo",
    "Traoré",
    "Costa",
    "Jensen",
    "Lindqvist",
    "O'Brien",
    "MacLeod",
    "van Dijk",
    "de la Cruz",
    "Sokolova",
    "Kuznetsova",
    "Hashimi",
    "Bakirov",
    "Jurayev",
    "Ahmadi",
];

const MONTHS: &[&str] = &[
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
];

const TOPICS: &[&str] = &[
    "countering terrorism and violent extremism",
    "the fight against illicit drug trafficking",
    "cybercrime and the misuse of information technologies",
    "border security and the movement of foreign terrorist fighters",
    "money laundering and the financing of terrorism",
    "trafficking in human beings and the smuggling of migrants",
    "the exchange of information between competent authorities",
    "training of law enforcement personnel",
    "the protection of critical infrastructure",
    "firearms trafficking and the diversion of weapons",
];

const MEETINGS: &[&str] = &[
    "meeting of the Council of Heads of the competent authorities",
    "regional conference on security cooperation",
    "expert consultations",
    "annual session of the Executive Committee",
    "working meeting",
    "joint anti-terrorist exercise",
    "high-level dialogue",
    "international seminar",
    "round table",
    "summit",
];

const VERBS: &[&str] = &[
    "took part in",
    "participated in",
    "hosted",
    "attended",
    "organised",
    "chaired",
    "contributed to",
];

const FURNITURE: &[&str] = &[
    "In other news",
    "Share\nPrint",
    "Share | Print | Tweet",
    "Back to list",
    "Related news",
];

/// One generated document.
pub struct Doc {
    pub id: String,
    pub text: String,
    /// The release date, sometimes given (jsonl `published`).
    pub published: Option<String>,
}

/// An endless, deterministic stream of documents.
pub struct Generator {
    rng: Rng,
    vocab: Vocabulary,
    n: usize,
    /// Whether the current document has defined "the Committee".
    aliased: bool,
}

impl Generator {
    pub fn new(vocab: Vocabulary, seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            vocab,
            n: 0,
            aliased: false,
        }
    }

    fn org(&mut self) -> Org {
        self.rng.pick(&self.vocab.orgs).clone()
    }

    /// An organisation mention: its name, its acronym, or the name defining the acronym.
    fn org_mention(&mut self) -> String {
        let o = self.org();
        match (&o.acronym, self.rng.below(4)) {
            (Some(a), 0) => a.clone(),
            (Some(a), 1) => format!("the {} ({a})", o.name),
            (Some(a), 2) if self.rng.chance(50) => a.clone(),
            _ => format!("the {}", o.name),
        }
    }

    fn date(&mut self) -> String {
        let year = self.rng.range(1998, 2026);
        let month = self.rng.below(12);
        let day = self.rng.range(1, 28);
        let m = MONTHS[month];
        match self.rng.below(11) {
            0 => format!("{m} {day}, {year}"),
            1 => format!("{day} {m} {year}"),
            2 => format!("{day:02}.{:02}.{year}", month + 1),
            3 => format!("{year}-{:02}-{day:02}", month + 1),
            4 => format!("{day}-{} {m} {year}", day + 1),
            5 => format!("{m} {year}"),
            6 => format!("{year}"),
            7 => "yesterday".to_string(),
            8 => format!("on {day} {m}"),
            9 => format!("{}. {day}, {year}", &m[..3]),
            _ => format!("from {day} to {} {m} {year}", day + 2),
        }
    }

    fn person(&mut self) -> String {
        let given = self.rng.pick(&self.vocab.given).clone();
        let surname = *self.rng.pick(SURNAMES);
        match self.rng.below(5) {
            0 => format!("{} {given} {surname}", self.rng.pick(&self.vocab.titles)),
            1 => format!(
                "{} {given} {surname}",
                self.rng.pick(&self.vocab.honorifics)
            ),
            2 => {
                let org = self.org();
                let title = self.rng.pick(&self.vocab.titles).clone();
                format!(
                    "{title} of {} {given} {surname}",
                    org.acronym.unwrap_or(org.name)
                )
            }
            3 => {
                let title = self.rng.pick(&self.vocab.titles).clone();
                let country = self.rng.pick(&self.vocab.countries).clone();
                format!("{given} {surname}, {title} of {country},")
            }
            _ => format!("{given} {surname}"),
        }
    }

    fn place(&mut self) -> String {
        match self.rng.below(3) {
            0 => self.rng.pick(&self.vocab.countries).clone(),
            1 => self.rng.pick(&self.vocab.regions).clone(),
            _ => self.rng.pick(&self.vocab.cities).clone(),
        }
    }

    fn list_of<F: FnMut(&mut Generator) -> String>(
        &mut self,
        lo: usize,
        hi: usize,
        mut f: F,
    ) -> String {
        let n = self.rng.range(lo, hi);
        let items: Vec<String> = (0..n).map(|_| f(self)).collect();
        match items.len() {
            0 => String::new(),
            1 => items[0].clone(),
            k => format!("{} and {}", items[..k - 1].join(", "), items[k - 1]),
        }
    }

    fn sentence(&mut self) -> String {
        match self.rng.below(12) {
            0 => format!(
                "On {}, {} {} the {} in {}.",
                self.date(),
                self.org_mention(),
                self.rng.pick(VERBS),
                self.rng.pick(MEETINGS),
                self.place()
            ),
            1 => format!(
                "The meeting was attended by representatives of {}.",
                self.list_of(2, 9, |g| g.org_mention())
            ),
            2 => format!(
                "In his statement, {} noted the importance of {}.",
                self.person(),
                self.rng.pick(TOPICS)
            ),
            3 => format!(
                "{} informed the participants about {} in {}.",
                self.person(),
                self.rng.pick(TOPICS),
                self.place()
            ),
            4 => format!(
                "Delegations of {} took part, as well as observers from {}.",
                self.list_of(2, 7, |g| g.rng.pick(&g.vocab.countries).clone()),
                self.list_of(1, 3, |g| g.org_mention())
            ),
            5 => format!(
                "The next meeting will be held in {} in {}.",
                self.rng.pick(&self.vocab.cities).clone(),
                self.date()
            ),
            6 => format!(
                "“We agree on the need to strengthen cooperation on {},” said {}.",
                self.rng.pick(TOPICS),
                self.person()
            ),
            7 => format!(
                "Since {}, more than {} officers from {} have been trained, e.g. in {}.",
                self.date(),
                self.rng.range(2, 5000),
                self.place(),
                self.rng.pick(&self.vocab.cities).clone()
            ),
            8 => format!(
                "The parties exchanged views on {} and on {}.",
                self.rng.pick(TOPICS),
                self.rng.pick(TOPICS)
            ),
            // A release defines an alias once at most.
            9 if !self.aliased => {
                self.aliased = true;
                format!(
                    "{} welcomed the initiative of {} (hereinafter – the Committee).",
                    self.person(),
                    self.org_mention()
                )
            }
            9 => format!(
                "{} welcomed the initiative of {}.",
                self.person(),
                self.org_mention()
            ),
            10 => format!(
                "As a result, {} and {} signed a memorandum of understanding on {}.",
                self.org_mention(),
                self.org_mention(),
                self.date()
            ),
            _ => format!(
                "Mr. {} visited {} between {} and {}.",
                self.rng.pick(SURNAMES),
                self.place(),
                self.date(),
                self.date()
            ),
        }
    }

    fn paragraph(&mut self) -> String {
        let n = self.rng.range(1, 6);
        let sentences: Vec<String> = (0..n).map(|_| self.sentence()).collect();
        let para = sentences.join(" ");
        if self.rng.chance(20) {
            wrap(&para, 72)
        } else {
            para
        }
    }

    fn list(&mut self) -> String {
        let n = self.rng.range(2, 12);
        let intro = *self.rng.pick(&[
            "The participants discussed:",
            "The agenda included the following items:",
            "Participants:",
            "The following were agreed:",
        ]);
        let style = self.rng.below(3);
        let mut s = String::from(intro);
        for i in 0..n {
            let item = match self.rng.below(3) {
                0 => self.rng.pick(TOPICS).to_string(),
                1 => self.org_mention(),
                _ => format!(
                    "{} ({})",
                    self.person(),
                    self.rng.pick(&self.vocab.countries)
                ),
            };
            let marker = match style {
                0 => "-".to_string(),
                1 => "•".to_string(),
                _ => format!("{}.", i + 1),
            };
            let _ = write!(s, "\n{marker} {item};");
        }
        s
    }

    /// A composed release: headline, dateline, paragraphs and lists, maybe furniture.
    fn compose(&mut self) -> String {
        let mut out = String::new();
        let org = self.org();
        let _ = write!(
            out,
            "{} {} {} in {}\n\n",
            org.acronym.clone().unwrap_or(org.name.clone()),
            self.rng.pick(VERBS),
            self.rng.pick(MEETINGS),
            self.rng.pick(&self.vocab.cities).clone()
        );
        if self.rng.chance(60) {
            let _ = write!(
                out,
                "{}, {} – ",
                self.rng.pick(&self.vocab.cities).clone(),
                self.date()
            );
        }
        // Mostly short releases, some long reports.
        let paragraphs = match self.rng.below(20) {
            0 => self.rng.range(30, 120),
            1..=4 => self.rng.range(10, 30),
            _ => self.rng.range(2, 10),
        };
        for i in 0..paragraphs {
            if i > 0 {
                out.push_str("\n\n");
            }
            if self.rng.chance(15) {
                out.push_str(&self.list());
            } else if !self.vocab.fixtures.is_empty() && self.rng.chance(3) {
                // A paragraph of a real release.
                let f = self.rng.pick(&self.vocab.fixtures).clone();
                let paras: Vec<&str> = f.split("\n\n").collect();
                out.push_str(self.rng.pick(&paras).trim());
            } else {
                out.push_str(&self.paragraph());
            }
        }
        if self.rng.chance(25) {
            out.push_str("\n\n");
            let furniture: &&str = self.rng.pick(FURNITURE);
            out.push_str(furniture);
        }
        out.push('\n');
        out
    }

    /// The next document: a fixture one time in ten, else a composed release.
    pub fn next_doc(&mut self) -> Doc {
        self.n += 1;
        self.aliased = false;
        let text = if !self.vocab.fixtures.is_empty() && self.rng.chance(10) {
            self.rng.pick(&self.vocab.fixtures).clone()
        } else {
            self.compose()
        };
        let published = self.rng.chance(30).then(|| {
            format!(
                "{}-{:02}-{:02}",
                self.rng.range(2000, 2025),
                self.rng.range(1, 12),
                self.rng.range(1, 28)
            )
        });
        Doc {
            id: format!("doc{:07}", self.n),
            text,
            published,
        }
    }
}

/// Hard-wraps `text` at `width` columns, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    let mut col = 0;
    for (i, word) in text.split(' ').enumerate() {
        let w = word.chars().count();
        if i > 0 {
            if col + 1 + w > width {
                out.push('\n');
                col = 0;
            } else {
                out.push(' ');
                col += 1;
            }
        }
        out.push_str(word);
        col += w;
    }
    out
}

/// The crate root, for the fixtures and gazetteers.
pub fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// About `bytes` of documents, in memory (for the criterion benchmarks).
pub fn sample(bytes: usize, seed: u64) -> Vec<Doc> {
    let mut g = Generator::new(Vocabulary::load(crate_root()), seed);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let d = g.next_doc();
        total += d.text.len();
        docs.push(d);
    }
    docs
}
