//! Scoring against gold annotations (`pressx eval GOLD_DIR`), exactly as the
//! devset README describes: each record is turned into the gold shape, gold
//! and predicted entries are paired one-to-one per document (maximum
//! matching), and counts are summed over the set (micro-averaged).

use crate::error::Error;
use crate::input::{self, InputConfig, Source};
use crate::record::{Record, to_record};
use crate::{Date, Options, Resources, extract};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// One gold annotation file.
#[derive(Debug, Deserialize)]
pub struct Gold {
    pub id: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub organisations: Vec<GoldOrganisation>,
    #[serde(default)]
    pub people: Vec<GoldPerson>,
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    #[serde(default)]
    pub locations: Vec<GoldLocation>,
    #[serde(default)]
    pub participants: Vec<GoldParticipant>,
    #[serde(default)]
    pub sentences: Option<usize>,
}

#[derive(Debug, Deserialize)]
pub struct GoldOrganisation {
    pub name: String,
    #[serde(default)]
    pub acronym: Option<String>,
    #[serde(default)]
    pub mentions: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldPerson {
    pub name: String,
    #[serde(default)]
    pub mentions: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldDate {
    pub text: String,
    pub value: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldLocation {
    pub name: String,
    #[serde(default)]
    pub mentions: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldParticipant {
    pub org: String,
    pub role: String,
}

/// Normalises a string for comparison: NFKC, case-folded, curly quotes made
/// straight, surrounding quotes and punctuation stripped, white space
/// collapsed, a leading "the " dropped.
pub fn normalise(s: &str) -> String {
    let folded: String = s
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '‘' | '’' | '‚' | '‛' | '′' => '\'',
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
            c => c,
        })
        .collect::<String>()
        .replace('ß', "ss");
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| !c.is_alphanumeric());
    let trimmed = trimmed.strip_prefix("the ").unwrap_or(trimmed);
    trimmed
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "madam",
    "mme",
    "h.e",
    "he",
    "his excellency",
    "her excellency",
    "excellency",
    "hon",
    "honourable",
    "sheikh",
];

/// A person's surface without leading honorifics ("mr. norov" → "norov").
fn drop_honorifics(s: &str) -> String {
    let mut rest = normalise(s);
    loop {
        let hit = HONORIFICS.iter().find(|h| {
            rest.strip_prefix(*h)
                .is_some_and(|r| r.starts_with(' ') || r.starts_with(". "))
        });
        match hit {
            Some(h) => rest = rest[h.len()..].trim_start_matches(['.', ' ']).to_string(),
            None => return rest,
        }
    }
}

fn surname(name: &str) -> Option<String> {
    drop_honorifics(name)
        .split(' ')
        .next_back()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Maximum one-to-one matching (Kuhn's augmenting paths); returns pairs (gold, predicted).
fn max_matching(
    n_gold: usize,
    n_pred: usize,
    ok: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let adj: Vec<Vec<usize>> = (0..n_gold)
        .map(|g| (0..n_pred).filter(|&p| ok(g, p)).collect())
        .collect();
    let mut pred_of: Vec<Option<usize>> = vec![None; n_pred];
    fn augment(
        g: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        pred_of: &mut [Option<usize>],
    ) -> bool {
        for &p in &adj[g] {
            if !seen[p] {
                seen[p] = true;
                if pred_of[p].is_none_or(|g2| augment(g2, adj, seen, pred_of)) {
                    pred_of[p] = Some(g);
                    return true;
                }
            }
        }
        false
    }
    for g in 0..n_gold {
        let mut seen = vec![false; n_pred];
        augment(g, &adj, &mut seen, &mut pred_of);
    }
    let mut pairs: Vec<(usize, usize)> = pred_of
        .iter()
        .enumerate()
        .filter_map(|(p, g)| g.map(|g| (g, p)))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// A maximum one-to-one matching that, among all maximum ones, has the most
/// pairs with `exact` (the Hungarian method on weights `n + 1` for a match and
/// one more for an exact one, so size comes first). With a lenient `ok`, an
/// arbitrary maximum matching can pair "17 April 2015" with "15 - 17 April"
/// and the other way round, and then score both values wrong.
fn best_matching(
    n_gold: usize,
    n_pred: usize,
    ok: impl Fn(usize, usize) -> bool,
    exact: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let n = n_gold.max(n_pred);
    if n == 0 {
        return Vec::new();
    }
    let big = n as i64 + 1;
    let cost = |g: usize, p: usize| -> i64 {
        if g < n_gold && p < n_pred && ok(g, p) {
            -(big + i64::from(exact(g, p)))
        } else {
            0
        }
    };
    // Rows are gold entries, columns predictions, both 1-based; index 0 is the dummy.
    let inf = i64::MAX / 4;
    let (mut u, mut v) = (vec![0i64; n + 1], vec![0i64; n + 1]);
    let (mut row_of, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        row_of[0] = i;
        let mut j0 = 0;
        let mut min_to = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = row_of[j0];
            let (mut delta, mut j1) = (inf, 0);
            for j in 1..=n {
                if !used[j] {
                    let reduced = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if reduced < min_to[j] {
                        min_to[j] = reduced;
                        way[j] = j0;
                    }
                    if min_to[j] < delta {
                        delta = min_to[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[row_of[j]] += delta;
                    v[j] -= delta;
                } else {
                    min_to[j] -= delta;
                }
            }
            j0 = j1;
            if row_of[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            row_of[j0] = row_of[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = (1..=n)
        .filter_map(|j| {
            let (g, p) = (row_of[j].checked_sub(1)?, j - 1);
            (g < n_gold && p < n_pred && ok(g, p)).then_some((g, p))
        })
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Whether two date texts match: one contains the other, or they share a run
/// of words covering at least half of the shorter.
fn dates_match(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.contains(b) || b.contains(a) {
        return true;
    }
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    let shorter = wa.len().min(wb.len());
    let mut best = 0;
    for i in 0..wa.len() {
        for j in 0..wb.len() {
            let mut k = 0;
            while i + k < wa.len() && j + k < wb.len() && wa[i + k] == wb[j + k] {
                k += 1;
            }
            best = best.max(k);
        }
    }
    best * 2 >= shorter
}

/// Counts for one field.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
}

impl Counts {
    /// Precision, recall, F1 (1.0 when there is nothing to find and nothing found).
    pub fn prf(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let p = ratio(self.matched, self.predicted);
        let r = ratio(self.matched, self.gold);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
    fn add(&mut self, gold: usize, predicted: usize, matched: usize) {
        self.gold += gold;
        self.predicted += predicted;
        self.matched += matched;
    }
}

/// The scores over a gold set.
#[derive(Debug, Default)]
pub struct Report {
    pub documents: usize,
    pub organisations: Counts,
    pub people: Counts,
    pub dates: Counts,
    pub locations: Counts,
    pub participants: Counts,
    /// (right, of) date values among text-matched gold dates with a value.
    pub date_values: (usize, usize),
    /// (right, of) roles among organisation-matched participants.
    pub roles: (usize, usize),
    /// (right, of) titles among matched people with gold titles.
    pub titles: (usize, usize),
    /// (right, of) affiliations among matched people with a gold affiliation.
    pub affiliations: (usize, usize),
    /// Documents whose sentence count is exact.
    pub sentences_exact: usize,
    /// Documents with a gold sentence count.
    pub sentences_total: usize,
    /// Sum of absolute sentence-count errors.
    pub sentences_abs_error: usize,
    /// Per-document misses and spurious entries (with `verbose`).
    pub details: String,
}

/// Organisation surfaces of a record entry, normalised.
fn org_surfaces(rec: &Record, id: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    if let Some(o) = rec.organisations.iter().find(|o| o.id == id) {
        out.insert(normalise(&o.name));
        if let Some(a) = &o.acronym {
            out.insert(normalise(a));
        }
        out.extend(o.mentions.iter().map(|m| normalise(&m.text)));
    }
    out
}

fn country_surfaces(rec: &Record, code: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    out.insert(normalise(code));
    for l in rec
        .locations
        .iter()
        .filter(|l| l.country.as_deref() == Some(code))
    {
        out.insert(normalise(&l.name));
        out.extend(l.mentions.iter().map(|m| normalise(&m.text)));
    }
    out
}

fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    items
        .into_iter()
        .map(normalise)
        .filter(|s| !s.is_empty())
        .collect()
}

fn ratio_line(out: &mut String, label: &str, (right, of): (usize, usize)) {
    let r = if of == 0 {
        1.0
    } else {
        right as f64 / of as f64
    };
    let _ = writeln!(out, "{label:<17} {right}/{of} = {r:.3}");
}

impl Report {
    /// The per-field table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} documents", self.documents);
        let _ = writeln!(
            out,
            "{:<14} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
            "field", "gold", "pred", "match", "precision", "recall", "F1"
        );
        for (name, c) in [
            ("organisations", self.organisations),
            ("people", self.people),
            ("dates", self.dates),
            ("locations", self.locations),
            ("participants", self.participants),
        ] {
            let (p, r, f) = c.prf();
            let _ = writeln!(
                out,
                "{name:<14} {:>5} {:>5} {:>5} {p:>9.3} {r:>7.3} {f:>6.3}",
                c.gold, c.predicted, c.matched
            );
        }
        ratio_line(&mut out, "date values", self.date_values);
        ratio_line(&mut out, "roles", self.roles);
        ratio_line(&mut out, "person titles", self.titles);
        ratio_line(&mut out, "affiliations", self.affiliations);
        let mae = if self.sentences_total == 0 {
            0.0
        } else {
            self.sentences_abs_error as f64 / self.sentences_total as f64
        };
        let _ = writeln!(
            out,
            "sentences         {}/{} exact = {:.3}, mean absolute error {mae:.2}",
            self.sentences_exact,
            self.sentences_total,
            if self.sentences_total == 0 {
                1.0
            } else {
                self.sentences_exact as f64 / self.sentences_total as f64
            }
        );
        out
    }
}

/// Adds one field's counts and, with `verbose`, its misses and spurious entries.
#[allow(clippy::too_many_arguments)]
fn field(
    detail: &mut String,
    verbose: bool,
    name: &str,
    counts: &mut Counts,
    (n_gold, n_pred): (usize, usize),
    pairs: &[(usize, usize)],
    show_gold: &dyn Fn(usize) -> String,
    show_pred: &dyn Fn(usize) -> String,
) {
    counts.add(n_gold, n_pred, pairs.len());
    if verbose {
        for g in (0..n_gold).filter(|g| !pairs.iter().any(|p| p.0 == *g)) {
            let _ = writeln!(detail, "  {name}: missed {}", show_gold(g));
        }
        for p in (0..n_pred).filter(|p| !pairs.iter().any(|q| q.1 == *p)) {
            let _ = writeln!(detail, "  {name}: spurious {}", show_pred(p));
        }
    }
}

fn person_surfaces<'a>(name: &'a str, mentions: impl Iterator<Item = &'a str>) -> HashSet<String> {
    std::iter::once(name)
        .chain(mentions)
        .map(drop_honorifics)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Scores one document's record against its gold annotation, adding to `report`.
pub fn score(gold: &Gold, rec: &Record, report: &mut Report, verbose: bool) {
    let mut detail = String::new();
    // Organisations.
    let gold_orgs: Vec<HashSet<String>> = gold
        .organisations
        .iter()
        .map(|o| {
            set(std::iter::once(o.name.as_str())
                .chain(o.acronym.as_deref())
                .chain(o.mentions.iter().map(String::as_str)))
        })
        .collect();
    let pred_orgs: Vec<HashSet<String>> = rec
        .organisations
        .iter()
        .map(|o| org_surfaces(rec, &o.id))
        .collect();
    let pairs = max_matching(gold_orgs.len(), pred_orgs.len(), |g, p| {
        !gold_orgs[g].is_disjoint(&pred_orgs[p])
    });
    field(
        &mut detail,
        verbose,
        "organisation",
        &mut report.organisations,
        (gold_orgs.len(), pred_orgs.len()),
        &pairs,
        &|g| gold.organisations[g].name.clone(),
        &|p| {
            let o = &rec.organisations[p];
            format!(
                "{} ({})",
                o.name,
                o.mentions.first().map_or("", |m| m.text.as_str())
            )
        },
    );

    // People.
    let gold_people: Vec<(HashSet<String>, Option<String>)> = gold
        .people
        .iter()
        .map(|p| {
            (
                person_surfaces(&p.name, p.mentions.iter().map(String::as_str)),
                surname(&p.name),
            )
        })
        .collect();
    let pred_people: Vec<(HashSet<String>, Option<String>)> = rec
        .people
        .iter()
        .map(|p| {
            (
                person_surfaces(&p.name, p.mentions.iter().map(|m| m.text.as_str())),
                surname(&p.name),
            )
        })
        .collect();
    let pairs = max_matching(gold_people.len(), pred_people.len(), |g, p| {
        let (gs, gsur) = &gold_people[g];
        let (ps, psur) = &pred_people[p];
        !gs.is_disjoint(ps) || (gsur.is_some() && gsur == psur)
    });
    for &(g, p) in &pairs {
        let (gp, pp) = (&gold.people[g], &rec.people[p]);
        if !gp.titles.is_empty() {
            report.titles.1 += 1;
            let want: HashSet<String> = set(gp.titles.iter().map(String::as_str));
            let got: HashSet<String> = set(pp.titles.iter().map(String::as_str));
            report.titles.0 += usize::from(want == got);
        }
        if let Some(aff) = &gp.affiliation {
            report.affiliations.1 += 1;
            let want = normalise(aff);
            let got = pp.affiliation.as_deref().map(|a| {
                let mut s = org_surfaces(rec, a);
                if a.len() == 2 && a.bytes().all(|b| b.is_ascii_uppercase()) {
                    s.extend(country_surfaces(rec, a));
                }
                s
            });
            report.affiliations.0 += usize::from(got.is_some_and(|s| s.contains(&want)));
        }
    }
    field(
        &mut detail,
        verbose,
        "person",
        &mut report.people,
        (gold_people.len(), pred_people.len()),
        &pairs,
        &|g| gold.people[g].name.clone(),
        &|p| rec.people[p].name.clone(),
    );

    // Dates.
    let gold_dates: Vec<String> = gold.dates.iter().map(|d| normalise(&d.text)).collect();
    let pred_dates: Vec<String> = rec.dates.iter().map(|d| normalise(&d.text)).collect();
    let pairs = best_matching(
        gold_dates.len(),
        pred_dates.len(),
        |g, p| dates_match(&gold_dates[g], &pred_dates[p]),
        |g, p| gold_dates[g] == pred_dates[p],
    );
    for &(g, p) in &pairs {
        if let Some(v) = &gold.dates[g].value {
            report.date_values.1 += 1;
            let right = rec.dates[p].value.as_ref() == Some(v);
            report.date_values.0 += usize::from(right);
            if verbose && !right {
                let _ = writeln!(
                    detail,
                    "  date value: {:?} is {v}, got {:?}",
                    gold.dates[g].text, rec.dates[p].value
                );
            }
        }
    }
    field(
        &mut detail,
        verbose,
        "date",
        &mut report.dates,
        (gold_dates.len(), pred_dates.len()),
        &pairs,
        &|g| format!("{:?} = {:?}", gold.dates[g].text, gold.dates[g].value),
        &|p| format!("{:?} = {:?}", rec.dates[p].text, rec.dates[p].value),
    );

    // Locations.
    let gold_locs: Vec<HashSet<String>> = gold
        .locations
        .iter()
        .map(|l| set(std::iter::once(l.name.as_str()).chain(l.mentions.iter().map(String::as_str))))
        .collect();
    let pred_locs: Vec<HashSet<String>> = rec
        .locations
        .iter()
        .map(|l| {
            set(std::iter::once(l.name.as_str()).chain(l.mentions.iter().map(|m| m.text.as_str())))
        })
        .collect();
    let pairs = max_matching(gold_locs.len(), pred_locs.len(), |g, p| {
        !gold_locs[g].is_disjoint(&pred_locs[p])
    });
    field(
        &mut detail,
        verbose,
        "location",
        &mut report.locations,
        (gold_locs.len(), pred_locs.len()),
        &pairs,
        &|g| gold.locations[g].name.clone(),
        &|p| rec.locations[p].name.clone(),
    );

    // Participants: organisation match and equal role; roles scored on organisation matches.
    let gold_parts: Vec<(String, &str)> = gold
        .participants
        .iter()
        .map(|p| (normalise(&p.org), p.role.as_str()))
        .collect();
    let pred_parts: Vec<(HashSet<String>, &str)> = rec
        .participants
        .iter()
        .map(|p| {
            let s = match (&p.organisation, &p.country) {
                (Some(id), _) => org_surfaces(rec, id),
                (None, Some(code)) => country_surfaces(rec, code),
                _ => HashSet::new(),
            };
            (s, p.role.as_str())
        })
        .collect();
    let org_pairs = max_matching(gold_parts.len(), pred_parts.len(), |g, p| {
        pred_parts[p].0.contains(&gold_parts[g].0)
    });
    report.roles.1 += org_pairs.len();
    report.roles.0 += org_pairs
        .iter()
        .filter(|(g, p)| gold_parts[*g].1 == pred_parts[*p].1)
        .count();
    let pairs = max_matching(gold_parts.len(), pred_parts.len(), |g, p| {
        pred_parts[p].0.contains(&gold_parts[g].0) && gold_parts[g].1 == pred_parts[p].1
    });
    let show_pred = |p: usize| {
        let q = &rec.participants[p];
        format!(
            "{} as {}",
            q.organisation
                .as_deref()
                .or(q.country.as_deref())
                .unwrap_or("?"),
            q.role
        )
    };
    field(
        &mut detail,
        verbose,
        "participant",
        &mut report.participants,
        (gold_parts.len(), pred_parts.len()),
        &pairs,
        &|g| {
            format!(
                "{} as {}",
                gold.participants[g].org, gold.participants[g].role
            )
        },
        &show_pred,
    );

    // Sentences.
    if let Some(n) = gold.sentences {
        report.sentences_total += 1;
        let got = rec.sentences.len();
        report.sentences_exact += usize::from(got == n);
        report.sentences_abs_error += got.abs_diff(n);
        if verbose && got != n {
            let _ = writeln!(detail, "  sentences: gold {n}, got {got}");
        }
    }
    report.documents += 1;
    if verbose && !detail.is_empty() {
        let _ = writeln!(report.details, "{}:\n{detail}", gold.id);
    }
}

/// Scores every `<id>.txt` that has an `<id>.gold.json` in `dir`, passing the
/// gold `published` date as `--published` would.
pub fn evaluate(
    dir: &Path,
    resources: &Resources,
    options: &Options,
    verbose: bool,
) -> Result<Report, Error> {
    let mut golds: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::Usage(format!("{}: cannot read folder: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    if golds.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no *.gold.json files",
            dir.display()
        )));
    }
    let mut report = Report::default();
    for gold_path in golds {
        let shown = gold_path.display().to_string();
        let text = std::fs::read_to_string(&gold_path)
            .map_err(|e| Error::Usage(format!("{shown}: cannot read: {e}")))?;
        let gold: Gold =
            serde_json::from_str(&text).map_err(|e| Error::Usage(format!("{shown}: {e}")))?;
        let txt = dir.join(format!("{}.txt", gold.id));
        let loaded = input::load(
            Source::File {
                path: txt.clone(),
                id: gold.id.clone(),
            },
            &InputConfig::default(),
        )
        .map_err(|f| Error::Input {
            source: f.origin,
            error: f.error,
        })?;
        let mut opts = options.clone();
        if let Some(d) = gold.published.as_deref().and_then(Date::parse_iso) {
            opts.published = Some(d);
        }
        let doc = extract(&loaded.id, &loaded.text, resources, &opts);
        score(&gold, &to_record(&doc, false), &mut report, verbose);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation() {
        let cases = [
            ("The Dialogue", "dialogue"),
            ("  “SCO”  ", "sco"),
            ("Interior Ministers’ Council", "interior ministers' council"),
            ("ＳＣＯ", "sco"),
            ("Straße", "strasse"),
            ("the  European\nUnion.", "european union"),
            ("(the UN)", "un"),
        ];
        for (input, want) in cases {
            assert_eq!(normalise(input), want, "{input}");
        }
        assert_eq!(drop_honorifics("Mr. Akhat Mukashev"), "akhat mukashev");
        assert_eq!(drop_honorifics("H.E. Mr Zhang"), "zhang");
        assert_eq!(surname("Mr Norov").as_deref(), Some("norov"));
    }

    #[test]
    fn date_text_matching() {
        let cases = [
            ("may 20, 2020", "may 20, 2020", true),
            ("20 may", "20 may 2020", true),
            ("15 - 17 april", "15 - 17 april 2015", true),
            ("from 20 to 22 may 2020", "22 may 2020", true),
            ("2019", "2021", false),
            ("june 2020", "14 june", true),
            ("17 april 2015", "2017", false),
        ];
        for (a, b, want) in cases {
            assert_eq!(dates_match(a, b), want, "{a} ~ {b}");
        }
    }

    #[test]
    fn best_matching_pairs_equal_texts() {
        let gold = ["17 april 2015", "15 - 17 april", "2017"];
        let pred = ["15 - 17 april", "17 april 2015", "2017", "2019"];
        let pairs = best_matching(
            gold.len(),
            pred.len(),
            |g, p| dates_match(gold[g], pred[p]),
            |g, p| gold[g] == pred[p],
        );
        assert_eq!(pairs, [(0, 1), (1, 0), (2, 2)]);
        // Size still comes first: two lenient pairs beat one exact pair.
        let pairs = best_matching(2, 2, |g, p| g == 0 || p == 0, |g, p| g == 0 && p == 0);
        assert_eq!(pairs.len(), 2);
        assert!(best_matching(0, 3, |_, _| true, |_, _| true).is_empty());
    }

    #[test]
    fn matching_is_maximal() {
        // gold 0 fits pred 0 and 1, gold 1 only pred 0: the maximum pairs both.
        let pairs = max_matching(2, 2, |g, p| g == 0 || p == 0);
        assert_eq!(pairs.len(), 2);
    }
}
