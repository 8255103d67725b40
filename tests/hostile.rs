//! Hostile input, through the built binary: invalid UTF-8 and NUL bytes in a
//! batch, a 300 MB one-line file, symlink loops, a file that disappears
//! mid-batch, huge and malformed gazetteers, broken jsonl, a closed stdout,
//! an unwritable output folder, and pathological text. Each must give a
//! clear error or a valid record, never a panic or a lost document. No test
//! here asserts on time (see the robustness note for measured times); the
//! pathological texts are sized so that a quadratic stage would not finish.

mod common;

use common::{Scratch, assert_no_panic, json_lines, pressx, run, show};
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::process::Stdio;

const GOOD: &str = "Talks in Vienna\n\nOn 20 May 2020 Europol and INTERPOL met in Vienna.\n";

fn arg(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Records by id, from jsonl output.
fn by_id(out: &std::process::Output) -> Vec<(String, bool)> {
    json_lines(out)
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or_default().to_string(),
                r.get("error").is_some(),
            )
        })
        .collect()
}

#[test]
fn invalid_utf8_in_the_middle_of_a_batch() {
    let s = Scratch::new("utf8");
    s.write("docs/a.txt", GOOD);
    s.write(
        "docs/b.txt",
        b"Caf\xe9 cr\xe8me\n\nbad bytes \xff\xfe in the middle.",
    );
    s.write("docs/c.txt", GOOD);
    let out = run(&["extract", "-j", "2", &arg(&s.path("docs"))], b"");
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let want = [("a", false), ("b", true), ("c", false)];
    let got = by_id(&out);
    assert_eq!(got, want.map(|(i, e)| (i.to_string(), e)), "{}", show(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b.txt: invalid UTF-8 at byte 3"), "{err}");
}

#[test]
fn nul_bytes() {
    let s = Scratch::new("nul");
    s.write("docs/a.txt", b"Binary\0file\0");
    s.write("docs/b.txt", GOOD);
    let out = run(&["extract", &arg(&s.path("docs"))], b"");
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert_eq!(by_id(&out), [("a".into(), true), ("b".into(), false)]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("NUL byte at byte 6"));
    // A NUL escaped in JSON is a character of the text, not binary input.
    let line = br#"{"id":"n","text":"Europol\u0000met INTERPOL.\u0000"}"#;
    let out = run(&["extract", "--input", "jsonl"], line);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert_eq!(json_lines(&out)[0]["schema"], "pressx/1");
}

/// A sparse file: `len` bytes of which only `head` and `tail` are written.
fn sparse(path: &std::path::Path, head: &[u8], len: u64, tail: &[u8]) {
    let mut f = fs::File::create(path).expect("create");
    f.write_all(head).expect("head");
    f.set_len(len).expect("extend (sparse)");
    f.seek(SeekFrom::End(0)).expect("seek");
    f.write_all(tail).expect("tail");
}

const BIG: u64 = 300 << 20;

#[test]
fn a_300_mb_one_line_file_is_refused_and_the_batch_goes_on() {
    let s = Scratch::new("big");
    let big = s.path("docs/a-big.txt");
    fs::create_dir_all(s.path("docs")).expect("docs");
    sparse(&big, b"Europol ", BIG, b" INTERPOL.");
    s.write("docs/b.txt", GOOD);
    let out = run(&["extract", &arg(&s.path("docs"))], b"");
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert_eq!(by_id(&out), [("a-big".into(), true), ("b".into(), false)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a-big.txt: 314572810 bytes is more than --max-bytes 67108864"),
        "{err}"
    );
    // A lower limit is honoured the same way.
    let out = run(
        &["extract", "--max-bytes", "10", &arg(&s.path("docs"))],
        b"",
    );
    assert_eq!(by_id(&out), [("a-big".into(), true), ("b".into(), true)]);
}

#[test]
fn a_300_mb_jsonl_line_is_refused_and_the_next_line_read() {
    let s = Scratch::new("bigline");
    let path = s.path("big.jsonl");
    // The hole reads as NUL bytes: 300 MB the reader must skip, not hold.
    sparse(
        &path,
        br#"{"id":"big","text":""#,
        BIG,
        b"\"}\n{\"id\":\"next\",\"text\":\"Europol met.\"}\n",
    );
    let out = run(&["extract", "--input", "jsonl", &arg(&path)], b"");
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let got = by_id(&out);
    assert_eq!(got.len(), 2, "{}", show(&out));
    assert!(got[0].1, "the huge line is an error record");
    assert_eq!(got[1], ("next".into(), false));
}

#[test]
fn a_300_mb_stdin_is_refused_after_reading_only_the_limit() {
    let mut child = pressx()
        .args(["extract", "--max-bytes", "1M", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        let mut sent = 0u64;
        while sent < BIG {
            if stdin.write_all(&chunk).is_err() {
                break; // pressx stopped reading: what we want
            }
            sent += chunk.len() as u64;
        }
        sent
    });
    let out = child.wait_with_output().expect("finishes");
    let sent = writer.join().expect("writer");
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("more than --max-bytes 1048576"));
    assert!(
        sent < BIG,
        "pressx read all of stdin instead of stopping at the limit"
    );
}

#[test]
fn max_bytes_values() {
    for (value, ok) in [
        ("64M", true),
        ("512k", true),
        ("none", true),
        ("0", true),
        ("1T", false),
        ("-1", false),
        ("99999999999G", false),
    ] {
        let out = run(&["extract", "--max-bytes", value, "-"], GOOD.as_bytes());
        assert_eq!(out.status.code() == Some(2), !ok, "{value}: {}", show(&out));
    }
}

#[test]
#[cfg(unix)]
fn symlink_loops_in_a_folder() {
    let s = Scratch::new("loop");
    s.write("docs/a.txt", GOOD);
    s.write("docs/sub/b.txt", GOOD);
    std::os::unix::fs::symlink(".", s.path("docs/self")).expect("symlink");
    std::os::unix::fs::symlink("..", s.path("docs/sub/up")).expect("symlink");
    std::os::unix::fs::symlink("x.txt", s.path("docs/x.txt")).expect("a link to itself");
    let out = run(&["extract", &arg(&s.path("docs"))], b"");
    assert_no_panic(&out);
    let got: Vec<String> = by_id(&out).into_iter().map(|(id, _)| id).collect();
    // Each real file once; the self-link is reported, not silently lost.
    assert_eq!(got, ["a", "sub/b", "x"], "{}", show(&out));
}

#[test]
fn a_file_that_disappears_during_the_batch() {
    let s = Scratch::new("vanish");
    // a's record (it carries its text) is far bigger than a pipe holds, so
    // pressx is still writing it, with b not yet opened, when we delete b.
    let long = "The meeting of Europol and INTERPOL was held in Vienna. ".repeat(5_000);
    s.write("docs/a.txt", format!("Talks\n\n{long}"));
    let b = s.write("docs/b.txt", GOOD);
    s.write("docs/c.txt", GOOD);
    let mut child = pressx()
        .args([
            "extract",
            "-j",
            "1",
            "--include-text",
            &arg(&s.path("docs")),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).expect("a's record begins");
    fs::remove_file(&b).expect("b removed");
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).expect("the rest");
    let mut out = child.wait_with_output().expect("finishes");
    out.stdout = [&first[..], &rest].concat();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert_eq!(
        by_id(&out),
        [("a".into(), false), ("b".into(), true), ("c".into(), false)]
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("b.txt: cannot read"));
}

#[test]
fn a_gazetteer_of_a_million_lines() {
    let s = Scratch::new("bigaz");
    let mut text = String::from("id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n");
    for i in 0..1_000_000 {
        text.push_str(&format!("org-{i}\tBureau {i}\t\tagency\t\t\t\n"));
    }
    let gaz = s.write("big.tsv", text);
    let doc = "Talks\n\nThe Bureau 765432 met Europol.\n";
    let out = run(&["extract", "--gazetteer", &arg(&gaz), "-"], doc.as_bytes());
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let ids: Vec<&str> = record["organisations"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect();
    assert!(ids.contains(&"org-765432"), "{ids:?}");
}

#[test]
fn a_gazetteer_with_a_malformed_line() {
    let s = Scratch::new("badgaz");
    let gaz = s.write(
        "bad.tsv",
        "# a comment\nid\tname\tacronyms\tkind\tparent\tcountry\tvariants\n\
         ok-1\tGood Office\t\tagency\t\t\t\nbad-2\tBad Office\t\tagency\t\n",
    );
    let out = run(
        &["extract", "--gazetteer", &arg(&gaz), "-"],
        GOOD.as_bytes(),
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(out.stdout.is_empty(), "no record when the gazetteer is bad");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}:4: expected 7 tab-separated fields, found 5",
            gaz.display()
        )),
        "{err}"
    );
}

#[test]
fn broken_jsonl_lines() {
    let lines = [
        r#"{"id":"a","text":"Europol met."}"#,
        "not json at all",
        r#"["an", "array"]"#,
        r#""a string""#,
        r#"{"id":"b"}"#,
        r#"{"id":"c","text":42}"#,
        r#"{"id":"d","text":null}"#,
        r#"{"id":"e","text":"First e."}"#,
        r#"{"id":"e","text":"Second e."}"#,
        "",
        r#"{"id":"f","text":"Last."}"#,
    ];
    let batch = lines.join("\n");
    let out = run(
        &["extract", "--input", "jsonl", "-j", "2"],
        batch.as_bytes(),
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let got = by_id(&out);
    let want = [
        ("a", false),
        ("stdin:2", true),
        ("stdin:3", true),
        ("stdin:4", true),
        ("b", true),
        ("c", true),
        ("d", true),
        ("e", false),
        ("e", false),
        ("stdin:10", true),
        ("f", false),
    ];
    assert_eq!(got, want.map(|(i, e)| (i.to_string(), e)), "{}", show(&out));
    // Into a folder, the second "e" is an error, not an overwrite.
    let s = Scratch::new("dup");
    let dir = s.path("out/");
    let out = run(
        &[
            "extract",
            "--input",
            "jsonl",
            "--include-text",
            "-o",
            &arg(&dir),
        ],
        batch.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let e: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("e.json")).expect("e written")).expect("JSON");
    assert_eq!(e["text"], "First e.");
    assert!(String::from_utf8_lossy(&out.stderr).contains("appears twice"));
}

#[test]
fn stdout_closed_early() {
    let batch: String = (0..3000)
        .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"Europol met INTERPOL on 20 May 2020.\"}}\n"))
        .collect();
    let mut child = pressx()
        .args(["extract", "--input", "jsonl", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(batch.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let mut some = [0u8; 100];
    stdout.read_exact(&mut some).expect("a first record");
    drop(stdout);
    let out = child.wait_with_output().expect("finishes");
    let _ = writer.join();
    assert_no_panic(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a closed stdout ends the run quietly: {}",
        show(&out)
    );
    assert!(out.stderr.is_empty(), "{}", show(&out));
}

#[test]
fn an_output_folder_that_cannot_be_written() {
    let s = Scratch::new("unwritable");
    let file = s.write("plain-file", "not a folder");
    // Root may write anywhere, but nobody makes a folder inside a regular file.
    let target = format!("{}/out/", file.display());
    let out = run(&["extract", "-o", &target, "-"], GOOD.as_bytes());
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with(&format!("pressx: {target}")), "{err}");
    // A folder that exists but where one document's place is blocked: that
    // document fails, the others are written.
    let dir = s.path("out/");
    s.write("out/blocked", "a file where a folder is needed");
    let batch = "{\"id\":\"a\",\"text\":\"A.\"}\n{\"id\":\"blocked/b\",\"text\":\"B.\"}\n{\"id\":\"c\",\"text\":\"C.\"}\n";
    let out = run(
        &[
            "extract",
            "--input",
            "jsonl",
            "--include-text",
            "-o",
            &arg(&dir),
        ],
        batch.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(dir.join("a.json").is_file() && dir.join("c.json").is_file());
    assert!(String::from_utf8_lossy(&out.stderr).contains("blocked: is not a folder"));
}

/// Pathological texts: up to 10^5 repetitions each. A stage quadratic in them
/// would not finish; each must give a record keeping the contract.
#[test]
fn pathological_text_finishes_with_a_valid_record() {
    let resources = pressx::Resources::builtin();
    let options = pressx::Options::default();
    let cases = [
        ("Mr. ", 100_000),
        ("(", 100_000),
        ("20-", 100_000),
        ("Capitalised ", 100_000),
        ("Alpha Beta ", 50_000),
        ("A. ", 100_000),
        ("INTERPOL ", 100_000),
        ("(SCO) ", 100_000),
        ("\u{201c}", 100_000),
        ("1 ", 100_000),
        ("May ", 100_000),
        ("Mr Europol ", 50_000),
        ("\n", 100_000),
        // One alias repeated: was cubic (a thousand took seconds).
        (
            "Europol (hereinafter the Committee) met the Committee. ",
            10_000,
        ),
    ];
    // Thousands of distinct acronym definitions: was quadratic.
    let letters = || b'A'..=b'Z';
    let definitions: String = letters()
        .flat_map(|a| letters().flat_map(move |b| letters().map(move |c| [a, b, c])))
        .map(|[a, b, c]| {
            let (a, b, c) = (a as char, b as char, c as char);
            format!("The {a}lpha {b}ravo {c}harlie Council ({a}{b}{c}C) met. ")
        })
        .collect();
    let cases = cases
        .iter()
        .map(|(unit, n)| (unit.repeat(*n), *unit))
        .chain([(definitions, "17,576 definitions")]);
    for (text, unit) in cases {
        let doc = pressx::extract("p", &text, &resources, &options);
        let record = pressx::record::to_record(&doc, false);
        let problems = pressx::invariants::problems(&record, &doc.text);
        assert!(
            problems.is_empty(),
            "{unit:?}: {:?}",
            &problems[..problems.len().min(5)]
        );
    }
}
