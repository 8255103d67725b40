//! The flat exports: `--format tsv` and `--format csv`, one row per
//! participant, and `--format mentions-tsv`, one row per mention, for
//! spreadsheets, R, pandas and DuckDB. Reads a record (its
//! organisations, participants and events) and the country names of the
//! gazetteers; everything else in the record (mentions, people, dates) is
//! left out. A document with no participants gives no rows; the header row
//! ([`crate::record::FLAT_COLUMNS`]) is written once per run by the caller.
//!
//! CSV follows RFC 4180: fields holding a comma, a double quote or a line
//! break are quoted, quotes doubled, lines end in CRLF. TSV has no quoting:
//! tabs and line breaks inside a field become spaces, lines end in LF.

use crate::Resources;
use crate::record::{FLAT_COLUMNS, Record};

/// Which flat format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flat {
    /// Tab-separated, no quoting.
    Tsv,
    /// Comma-separated, RFC 4180.
    Csv,
}

/// One row: the fields of [`FLAT_COLUMNS`], in order.
pub type Row = [String; 8];

/// The rows of one record: per participant, the document id, the
/// organisation id or country code, its name, its acronym, the role, the
/// event's name and date (empty when the participant belongs to none) and
/// the evidence sentence index.
pub fn rows(record: &Record, resources: &Resources) -> Vec<Row> {
    record
        .participants
        .iter()
        .map(|p| {
            let (id, name, acronym) = match (&p.organisation, &p.country) {
                (Some(id), _) => {
                    let org = record.organisations.iter().find(|o| &o.id == id);
                    (
                        id.clone(),
                        org.map_or_else(String::new, |o| o.name.clone()),
                        org.and_then(|o| o.acronym.clone()).unwrap_or_default(),
                    )
                }
                (None, Some(code)) => {
                    let name = resources
                        .names
                        .country(code)
                        .map_or_else(|| code.clone(), |c| c.name.to_string());
                    (code.clone(), name, String::new())
                }
                (None, None) => Default::default(),
            };
            let event = match p.event {
                Some(i) => record.events.get(i),
                None if record.events.len() == 1 => record.events.first(),
                None => None,
            };
            [
                record.id.clone(),
                id,
                name,
                acronym,
                p.role.clone(),
                event.map_or_else(String::new, |e| e.name.clone()),
                event.and_then(|e| e.date.clone()).unwrap_or_default(),
                p.sentence.to_string(),
            ]
        })
        .collect()
}

/// The header row, line end included.
pub fn header(flat: Flat) -> String {
    line(FLAT_COLUMNS.iter().copied(), flat)
}

/// The columns of `--format mentions-tsv`, one row per mention.
pub const MENTION_COLUMNS: [&str; 8] = [
    "document", "layer", "text", "start", "end", "sentence", "id", "value",
];

/// The header row of `--format mentions-tsv`, line end included; with
/// `--explain` a last column, `explain`, says what produced each mention.
pub fn mentions_header(explain: bool) -> String {
    let extra = explain.then_some("explain");
    line(MENTION_COLUMNS.iter().copied().chain(extra), Flat::Tsv)
}

/// One row per mention, in text order: the layer (organisation, person,
/// date, location), the mention text, its code-point range and sentence,
/// and per layer an id and a value: organisation id and canonical name;
/// person name and affiliation; empty and the ISO value for a date; place
/// name and country code. With `explain`, a ninth field: what produced the
/// mention (the record's `explain`).
pub fn mention_rows(record: &Record, explain: bool) -> Vec<Vec<String>> {
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut push = |layer: &str, m: &crate::record::MentionOut, id: &str, value: &str| {
        let why = explain.then(|| m.explain.clone().unwrap_or_default());
        rows.push((
            m.start,
            [
                record.id.clone(),
                layer.to_string(),
                m.text.clone(),
                m.start.to_string(),
                m.end.to_string(),
                m.sentence.to_string(),
                id.to_string(),
                value.to_string(),
            ]
            .into_iter()
            .chain(why)
            .collect(),
        ));
    };
    for o in &record.organisations {
        o.mentions
            .iter()
            .for_each(|m| push("organisation", m, &o.id, &o.name));
    }
    for p in &record.people {
        let affiliation = p.affiliation.as_deref().unwrap_or("");
        p.mentions
            .iter()
            .for_each(|m| push("person", m, &p.name, affiliation));
    }
    for l in &record.locations {
        let country = l.country.as_deref().unwrap_or("");
        l.mentions
            .iter()
            .for_each(|m| push("location", m, &l.name, country));
    }
    for d in &record.dates {
        let m = crate::record::MentionOut {
            text: d.text.clone(),
            start: d.start,
            end: d.end,
            sentence: d.sentence,
            explain: d.explain.clone(),
        };
        push("date", &m, "", d.value.as_deref().unwrap_or(""));
    }
    rows.sort_by_key(|(start, _)| *start);
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The rows, each with its line end.
pub fn render<R: AsRef<[String]>>(rows: &[R], flat: Flat) -> String {
    rows.iter()
        .map(|r| line(r.as_ref().iter().map(String::as_str), flat))
        .collect()
}

fn line<'a>(fields: impl Iterator<Item = &'a str>, flat: Flat) -> String {
    let (sep, end) = match flat {
        Flat::Tsv => ("\t", "\n"),
        Flat::Csv => (",", "\r\n"),
    };
    let mut out = fields.map(|f| field(f, flat)).collect::<Vec<_>>().join(sep);
    out.push_str(end);
    out
}

/// One field, quoted (csv) or cleaned (tsv).
pub fn field(s: &str, flat: Flat) -> String {
    match flat {
        Flat::Tsv => s.replace(['\t', '\n', '\r'], " "),
        Flat::Csv if s.contains([',', '"', '\n', '\r']) => {
            format!("\"{}\"", s.replace('"', "\"\""))
        }
        Flat::Csv => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_rows_in_text_order() {
        let text = "Talks held\n\nOn 5 May 2021 the SCO met in Tunisia.";
        let doc = crate::extract("d", text, &Resources::builtin(), &crate::Options::default());
        let record = crate::record::to_record(&doc, false);
        let rows = mention_rows(&record, false);
        let layers: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        assert!(
            layers.contains(&"organisation") && layers.contains(&"location"),
            "{layers:?}"
        );
        let starts: Vec<usize> = rows.iter().map(|r| r[3].parse().unwrap_or(0)).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]));
        let sco = rows.iter().find(|r| r[2] == "SCO").expect("SCO row");
        assert_eq!((sco[6].as_str(), sco[5].as_str()), ("sco", "1"));
        assert_eq!(
            mentions_header(false),
            "document\tlayer\ttext\tstart\tend\tsentence\tid\tvalue\n"
        );
        assert!(rows.iter().all(|r| r.len() == MENTION_COLUMNS.len()));
        // With --explain: a last column saying what produced each mention.
        let options = crate::Options {
            explain: true,
            ..crate::Options::default()
        };
        let doc = crate::extract("d", text, &Resources::builtin(), &options);
        let rows = mention_rows(&crate::record::to_record(&doc, false), true);
        assert!(mentions_header(true).ends_with("\tvalue\texplain\n"));
        let sco = rows.iter().find(|r| r[2] == "SCO").expect("SCO row");
        assert!(sco[8].starts_with("gazetteer organisations"), "{sco:?}");
        let date = rows.iter().find(|r| r[1] == "date").expect("a date row");
        assert_eq!(date[8], "rule day month year");
    }

    #[test]
    fn fields() {
        let cases = [
            ("plain", Flat::Csv, "plain"),
            ("a,b", Flat::Csv, "\"a,b\""),
            ("say \"hi\"", Flat::Csv, "\"say \"\"hi\"\"\""),
            ("two\nlines", Flat::Csv, "\"two\nlines\""),
            ("", Flat::Csv, ""),
            ("a\tb", Flat::Tsv, "a b"),
            ("two\r\nlines", Flat::Tsv, "two  lines"),
            ("a,\"b\"", Flat::Tsv, "a,\"b\""),
        ];
        for (input, flat, want) in cases {
            assert_eq!(field(input, flat), want, "{input:?} {flat:?}");
        }
    }

    #[test]
    fn seed_rows() {
        let resources = Resources::builtin();
        let text = include_str!("../fixtures/sco-rats-dialogue.txt");
        let doc = crate::extract("seed", text, &resources, &crate::Options::default());
        let record = crate::record::to_record(&doc, false);
        let rows = rows(&record, &resources);
        assert_eq!(rows.len(), record.participants.len());
        let interpol = rows
            .iter()
            .find(|r| r[1] == "interpol")
            .expect("INTERPOL hosts the seed's meeting");
        assert_eq!(interpol[0], "seed");
        assert_eq!(interpol[2], "International Criminal Police Organization");
        assert_eq!(interpol[3], "INTERPOL");
        assert_eq!(interpol[4], "host");
        assert!(interpol[5].starts_with("4th Dialogue"));
        assert_eq!(interpol[7], "1");
        let csv = render(&rows, Flat::Csv);
        assert_eq!(csv.matches("\r\n").count(), rows.len());
        assert_eq!(header(Flat::Tsv).split('\t').count(), 8);
    }
}
