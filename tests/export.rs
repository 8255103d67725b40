//! The flat export through the binary: `--format tsv` and `--format csv`
//! give one row per participant, the header once per run, proper quoting.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const HEADER: [&str; 8] = [
    "document",
    "party",
    "name",
    "acronym",
    "role",
    "event",
    "event_date",
    "sentence",
];

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sco-rats-dialogue.txt")
}

fn pressx(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pressx"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin takes the input");
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("output is UTF-8")
}

/// An RFC 4180 reader: records of fields, quotes and CRLF handled.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "the last line ends");
    records
}

fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_of_the_seed() {
    let seed = seed();
    let out = stdout(&pressx(
        &[
            "extract",
            "--format",
            "csv",
            seed.to_str().expect("UTF-8 path"),
        ],
        "",
    ));
    assert!(out.ends_with("\r\n"), "RFC 4180 line ends");
    let rows = parse_csv(&out);
    assert_eq!(rows[0], HEADER);
    assert_eq!(rows.len(), 1 + 12, "twelve participants");
    assert!(rows.iter().all(|r| r.len() == 8));
    let interpol = rows
        .iter()
        .find(|r| r[1] == "interpol")
        .expect("INTERPOL is a participant");
    assert_eq!(
        interpol[..5],
        [
            "sco-rats-dialogue",
            "interpol",
            "International Criminal Police Organization",
            "INTERPOL",
            "host"
        ]
    );
    assert_eq!(
        interpol[5],
        "4th Dialogue on an Effective Multilateral Policing Architecture against Global Threats"
    );
    assert_eq!(interpol[7], "1");
    let members = rows.iter().filter(|r| r[4] == "member").count();
    let observers = rows.iter().filter(|r| r[4] == "observer").count();
    assert_eq!((members, observers), (8, 3));
}

#[test]
fn tsv_of_the_seed_matches_csv() {
    let seed = seed();
    let path = seed.to_str().expect("UTF-8 path");
    let tsv = parse_tsv(&stdout(&pressx(&["extract", "--format", "tsv", path], "")));
    let csv = parse_csv(&stdout(&pressx(&["extract", "--format", "csv", path], "")));
    assert_eq!(tsv, csv);
}

#[test]
fn header_once_per_run_rows_in_input_order() {
    let lines = [
        r#"{"id": "one", "text": "Talks in Lyon\n\nThe meeting was attended by Kazakhstan and China."}"#,
        r#"{"id": "two", "text": "Quiet day\n\nNothing happened."}"#,
        r#"{"id": "three", "text": "Forum\n\nThe forum was hosted by the OSCE."}"#,
    ];
    let input = lines.join("\n") + "\n";
    for jobs in ["1", "3"] {
        let out = stdout(&pressx(
            &["extract", "--input", "jsonl", "--format", "tsv", "-j", jobs],
            &input,
        ));
        let rows = parse_tsv(&out);
        assert_eq!(rows.iter().filter(|r| r[0] == "document").count(), 1);
        assert_eq!(rows[0], HEADER);
        let got: Vec<(&str, &str, &str)> = rows[1..]
            .iter()
            .map(|r| (r[0].as_str(), r[1].as_str(), r[4].as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("one", "KZ", "participant"),
                ("one", "CN", "participant"),
                ("three", "osce", "host")
            ],
            "-j {jobs}"
        );
        let kz = &rows[1];
        assert_eq!((kz[2].as_str(), kz[3].as_str()), ("Kazakhstan", ""));
    }
}

#[test]
fn no_participants_gives_only_the_header() {
    for (format, header) in [
        (
            "csv",
            "document,party,name,acronym,role,event,event_date,sentence\r\n",
        ),
        (
            "tsv",
            "document\tparty\tname\tacronym\trole\tevent\tevent_date\tsentence\n",
        ),
    ] {
        let out = stdout(&pressx(
            &["extract", "--format", format, "-"],
            "Quiet day\n\nNothing happened.\n",
        ));
        assert_eq!(out, header, "{format}");
    }
}

#[test]
fn quoting_of_commas_quotes_and_tabs() {
    let dir = std::env::temp_dir().join(format!("pressx-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let gazetteer = dir.join("orgs.tsv");
    std::fs::write(
        &gazetteer,
        "id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n\
         tpa\tPolice \"Alpha\", Northern Branch\tTPA\tpolice\t\t\t\n",
    )
    .expect("gazetteer written");
    let g = gazetteer.to_str().expect("UTF-8 path");
    let input =
        "{\"id\": \"a,\\\"b\\\"\\tc\", \"text\": \"Talks\\n\\nTPA took part in the meeting.\"}\n";
    let csv = stdout(&pressx(
        &[
            "extract",
            "--gazetteer",
            g,
            "--input",
            "jsonl",
            "--format",
            "csv",
        ],
        input,
    ));
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 2, "{csv}");
    assert_eq!(rows[1][0], "a,\"b\"\tc");
    assert_eq!(rows[1][2], "Police \"Alpha\", Northern Branch");
    assert!(csv.contains("\"Police \"\"Alpha\"\", Northern Branch\""));
    let tsv = stdout(&pressx(
        &[
            "extract",
            "--gazetteer",
            g,
            "--input",
            "jsonl",
            "--format",
            "tsv",
        ],
        input,
    ));
    let rows = parse_tsv(&tsv);
    assert!(rows.iter().all(|r| r.len() == 8), "{tsv}");
    assert_eq!(
        rows[1][0], "a,\"b\" c",
        "a tab inside a field becomes a space"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn folder_output_gets_a_file_with_header_per_document() {
    let dir = std::env::temp_dir().join(format!("pressx-export-dir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let target = format!("{}/", dir.display());
    let seed = seed();
    let out = pressx(
        &[
            "extract",
            "--format",
            "csv",
            "-o",
            &target,
            seed.to_str().expect("UTF-8 path"),
        ],
        "",
    );
    assert!(out.status.success());
    let written = std::fs::read_to_string(dir.join("sco-rats-dialogue.csv")).expect("one file");
    let rows = parse_csv(&written);
    assert_eq!(rows[0], HEADER);
    assert_eq!(rows.len(), 13);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn mentions_tsv_gives_one_row_per_mention() {
    let seed = seed();
    let seed = seed.to_str().expect("utf-8 path");
    let out = pressx(&["extract", "--format", "mentions-tsv", seed], "");
    assert!(out.status.success());
    let rows = parse_tsv(&stdout(&out));
    assert_eq!(
        rows[0],
        [
            "document", "layer", "text", "start", "end", "sentence", "id", "value"
        ]
    );
    let json = pressx(&["extract", seed], "");
    let record: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let mentions: usize = ["organisations", "people", "locations"]
        .iter()
        .flat_map(|l| record[l].as_array().cloned().unwrap_or_default())
        .map(|e| e["mentions"].as_array().map_or(0, Vec::len))
        .sum::<usize>()
        + record["dates"].as_array().map_or(0, Vec::len);
    assert_eq!(rows.len() - 1, mentions);
    let tunisia = rows
        .iter()
        .find(|r| r[2] == "Tunisia")
        .expect("a Tunisia row");
    assert_eq!(
        (
            tunisia[1].as_str(),
            tunisia[3].as_str(),
            tunisia[4].as_str(),
            tunisia[7].as_str()
        ),
        ("location", "2915", "2922", "TN")
    );
}
