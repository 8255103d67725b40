//! The built `pressx` binary, run as a user would: files, folders, stdin,
//! jsonl, `-o`, exit codes, error records, bad input of every kind, a closed
//! stdout, determinism across runs and `-j`, and the `schema`, `check` and
//! `eval` commands. Each test works in its own temporary folder.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_pressx");

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn fixture(name: &str) -> PathBuf {
    fixtures_dir().join(name)
}

fn seed() -> PathBuf {
    fixture("sco-rats-dialogue.txt")
}

/// A fresh folder under the system temporary folder, removed when dropped.
struct Temp(PathBuf);

impl Temp {
    fn new(name: &str) -> Temp {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("pressx-cli-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("can create a temporary folder");
        Temp(dir)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    /// Writes `bytes` to `rel`, creating folders on the way; returns the path.
    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().expect("inside the folder")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
        path
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a run of the binary gave.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    /// stdout as one JSON document.
    fn json(&self) -> Value {
        serde_json::from_slice(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", self.out()))
    }

    /// stdout as JSON lines.
    fn lines(&self) -> Vec<Value> {
        self.out()
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"))
            })
            .collect()
    }

    fn ids(&self) -> Vec<String> {
        self.lines()
            .iter()
            .map(|r| r["id"].as_str().expect("an id").to_string())
            .collect()
    }

    #[track_caller]
    fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "exit status; stderr:\n{}\nstdout:\n{}",
            self.stderr,
            String::from_utf8_lossy(&self.stdout)
        );
        self
    }
}

/// Runs `pressx ARGS` in `dir` (the crate root when None), feeding `stdin`.
fn run_in(dir: Option<&Path>, args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir.unwrap_or(Path::new(env!("CARGO_MANIFEST_DIR"))))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    // Written from a thread, so a large input cannot deadlock against a full stdout pipe.
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("piped stdin");
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let out = child.wait_with_output().expect("the binary finishes");
    if let Some(w) = writer {
        w.join().expect("the stdin writer finishes");
    }
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "pressx panicked:\n{stderr}");
    Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr,
    }
}

fn run(args: &[&str]) -> Run {
    run_in(None, args, None)
}

fn run_stdin(args: &[&str], stdin: impl Into<Vec<u8>>) -> Run {
    run_in(None, args, Some(stdin.into()))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(pressx::schema::SCHEMA_JSON).expect("JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

#[track_caller]
fn assert_valid(record: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(record)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "record does not validate: {errors:?}\n{record}"
    );
}

/// `record` with its id replaced, to compare records of the same text read from different places.
fn with_id(record: &Value, id: &str) -> Value {
    let mut r = record.clone();
    r["id"] = json!(id);
    r
}

fn golden(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(name)).expect("golden file");
    serde_json::from_str(&text).expect("golden JSON")
}

fn seed_text() -> String {
    std::fs::read_to_string(seed()).expect("seed")
}

// ---------------------------------------------------------------- one document

#[test]
fn one_file_gives_pretty_json_equal_to_its_golden_record() {
    let r = run(&["extract", "fixtures/sco-rats-dialogue.txt"]);
    r.expect_code(0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let out = r.out();
    assert!(
        out.starts_with("{\n  \"schema\": \"pressx/1\",\n"),
        "pretty JSON: {out:.80}"
    );
    assert!(out.ends_with("}\n"));
    assert_eq!(r.json(), golden("sco-rats-dialogue.json"));
    assert_eq!(
        out,
        std::fs::read_to_string(fixture("sco-rats-dialogue.json")).unwrap()
    );
    assert_valid(&r.json());
}

#[test]
fn stdin_by_dash_and_by_no_path_gives_the_same_record() {
    let by_file = run(&["extract", s(&seed())]).json();
    for args in [&["extract", "-"][..], &["extract"][..]] {
        let r = run_stdin(args, seed_text());
        r.expect_code(0);
        let record = r.json();
        assert_eq!(record["id"], "stdin", "{args:?}");
        assert_eq!(record, with_id(&by_file, "stdin"), "{args:?}");
    }
}

#[test]
fn file_stdin_and_jsonl_inputs_give_the_same_record() {
    let by_file = run(&["extract", s(&seed())]).json();
    let by_stdin = run_stdin(&["extract", "-"], seed_text()).json();
    let line = json!({"id": "sco-rats-dialogue", "text": seed_text()}).to_string() + "\n";
    let by_jsonl_stdin = run_stdin(&["extract", "--input", "jsonl"], line.clone()).lines();
    let tmp = Temp::new("same-record");
    let jsonl = tmp.write("in.jsonl", &line);
    let by_jsonl_file = run(&["extract", "--input", "jsonl", s(&jsonl)]).lines();
    assert_eq!(with_id(&by_stdin, "sco-rats-dialogue"), by_file);
    assert_eq!(by_jsonl_stdin, vec![by_file.clone()]);
    assert_eq!(by_jsonl_file, vec![by_file]);
}

#[test]
fn published_is_used_and_reported() {
    let r = run(&["extract", "--published", "2020-05-21", s(&seed())]);
    r.expect_code(0);
    let record = r.json();
    assert_eq!(record["published"], "2020-05-21");
    assert_eq!(record["published_from"], "input");
    assert_valid(&record);
}

#[test]
fn include_text_gives_the_text_the_code_point_offsets_refer_to() {
    // The BOM fixture has non-ASCII names: offsets count code points, as Python does.
    let r = run(&[
        "extract",
        "--include-text",
        "fixtures/aseanapol-date-line-bom.txt",
    ]);
    r.expect_code(0);
    let record = r.json();
    let text = record["text"].as_str().expect("the text");
    assert!(!text.starts_with('\u{feff}'));
    let chars: Vec<char> = text.chars().collect();
    let sentences: Vec<String> = record["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            chars[a..b].iter().collect()
        })
        .collect();
    assert_eq!(
        sentences[0],
        "Joint Communiqué of the 41st ASEAN Chiefs of Police Conference"
    );
    assert_eq!(record["title"], json!(sentences[0]));
    assert_eq!(sentences[1], "21 August 2023");
    assert!(
        sentences
            .iter()
            .any(|s| s.contains("Lt. Gen. Nguyễn Văn Thành, Deputy Minister"))
    );
    assert_valid(&record);
}

// ---------------------------------------------------------------- folders and batches

#[test]
fn a_folder_is_searched_recursively_in_sorted_order_as_jsonl() {
    let tmp = Temp::new("folder");
    let text = "Headline of a release\n\nThe body has one sentence.\n";
    for rel in [
        "b.txt",
        "a.txt",
        "sub/c.txt",
        "sub/deeper/d.txt",
        "a-z.txt",
        "Z.txt",
    ] {
        tmp.write(rel, text);
    }
    tmp.write("notes.md", "not a release");
    tmp.write("sub/data.json", "{}");
    let r = run(&["extract", s(&tmp.0)]);
    r.expect_code(0);
    assert_eq!(r.ids(), ["Z", "a", "a-z", "b", "sub/c", "sub/deeper/d"]);
    for (line, record) in r.out().lines().zip(r.lines()) {
        assert!(!line.contains("\n  "), "jsonl lines are compact");
        assert_eq!(record["sentences"].as_array().unwrap().len(), 2);
        assert_valid(&record);
    }
    // Two paths: both, in the order given; one file gives jsonl too when asked.
    let two = run(&["extract", s(&tmp.path("sub")), s(&tmp.path("a.txt"))]);
    assert_eq!(two.ids(), ["c", "deeper/d", "a"]);
    let one = run(&["extract", "--format", "jsonl", s(&tmp.path("a.txt"))]);
    assert_eq!(one.out().lines().count(), 1);
}

#[test]
fn jsonl_gives_one_line_per_input_line_in_order_with_ids_and_published() {
    let mut input = String::new();
    for i in 0..50 {
        let line = if i % 2 == 0 {
            json!({"id": format!("doc-{i:03}"), "text": format!("Release {i}\n\nThe Council met. It agreed."), "published": "2022-06-15"})
        } else {
            json!({"id": format!("doc-{i:03}"), "text": format!("Release {i}\n\nThe Council met.")})
        };
        input.push_str(&line.to_string());
        input.push('\n');
    }
    input.push_str("{\"id\": 7, \"text\": \"A numeric id.\"}\r\n");
    input.push_str("{\"text\": \"No id at all.\"}");
    let tmp = Temp::new("jsonl");
    let file = tmp.write("in.jsonl", &input);
    for (how, r) in [
        (
            "stdin",
            run_stdin(&["extract", "--input", "jsonl", "-j", "4"], input.clone()),
        ),
        (
            "file",
            run(&["extract", "--input", "jsonl", "-j", "4", s(&file)]),
        ),
    ] {
        r.expect_code(0);
        let records = r.lines();
        assert_eq!(records.len(), 52, "{how}");
        for (i, rec) in records.iter().take(50).enumerate() {
            assert_eq!(rec["id"], json!(format!("doc-{i:03}")), "{how}");
            let (published, sentences) = if i % 2 == 0 {
                ("2022-06-15", 3)
            } else {
                ("", 2)
            };
            if published.is_empty() {
                assert_eq!(rec["published"], Value::Null, "{how} {i}");
            } else {
                assert_eq!(rec["published"], published, "{how} {i}");
                assert_eq!(rec["published_from"], "input", "{how} {i}");
            }
            assert_eq!(
                rec["sentences"].as_array().unwrap().len(),
                sentences,
                "{how} {i}"
            );
        }
        assert_eq!(records[50]["id"], "7", "{how}");
        let origin = if how == "stdin" {
            "stdin".to_string()
        } else {
            file.display().to_string()
        };
        assert_eq!(records[51]["id"], json!(format!("{origin}:52")), "{how}");
    }
    // A jsonl folder: its *.jsonl files, sorted.
    tmp.write("more/b.jsonl", "{\"id\": \"b1\", \"text\": \"B.\"}\n");
    tmp.write(
        "more/a.jsonl",
        "{\"id\": \"a1\", \"text\": \"A.\"}\n{\"id\": \"a2\", \"text\": \"A.\"}\n",
    );
    tmp.write("more/ignored.txt", "not jsonl");
    let r = run(&["extract", "--input", "jsonl", s(&tmp.path("more"))]);
    r.expect_code(0);
    assert_eq!(r.ids(), ["a1", "a2", "b1"]);
}

/// About 200 documents: every fixture many times over, with variations, and a few bad ones.
fn batch(tmp: &Temp) -> PathBuf {
    let dir = tmp.path("batch");
    let mut texts: Vec<Vec<u8>> = Vec::new();
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read(path).unwrap());
        }
    }
    texts.sort();
    for i in 0..200 {
        let rel = format!("{}/doc-{i:03}.txt", ["x", "y/z", "w"][i % 3]);
        let mut bytes = texts[i % texts.len()].clone();
        bytes.extend_from_slice(
            format!("\n\nAddendum number {i}. It closes the release.\n").as_bytes(),
        );
        if i % 37 == 5 {
            bytes.push(0xff); // invalid UTF-8: an error record in place
        }
        tmp.write(&format!("batch/{rel}"), bytes);
    }
    dir
}

#[test]
fn output_is_byte_identical_across_runs_and_job_counts() {
    let tmp = Temp::new("determinism");
    let dir = batch(&tmp);
    let one = run(&["extract", "-j", "1", s(&dir)]);
    one.expect_code(1); // the invalid ones
    let lines = one.lines();
    assert_eq!(lines.len(), 200);
    assert_eq!(lines.iter().filter(|r| r.get("error").is_some()).count(), 6);
    let ids = one.ids();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    for jobs in ["2", "8"] {
        let again = run(&["extract", "-j", jobs, s(&dir)]);
        again.expect_code(1);
        assert!(again.stdout == one.stdout, "-j {jobs} differs from -j 1");
    }
    let twice = run(&["extract", "-j", "2", s(&dir)]);
    assert!(twice.stdout == one.stdout, "a second run differs");
    // The same through jsonl, with many workers.
    let mut jsonl = String::new();
    for rec in &lines {
        let id = rec["id"].as_str().unwrap();
        let text = std::fs::read(dir.join(format!("{id}.txt"))).unwrap();
        let text = String::from_utf8_lossy(&text);
        jsonl.push_str(&json!({"id": id, "text": text}).to_string());
        jsonl.push('\n');
    }
    let a = run_stdin(&["extract", "--input", "jsonl", "-j", "1"], jsonl.clone());
    let b = run_stdin(&["extract", "--input", "jsonl", "-j", "3"], jsonl);
    a.expect_code(0);
    assert!(a.stdout == b.stdout, "jsonl -j 3 differs from -j 1");
    assert_eq!(a.ids(), ids);
}

// ---------------------------------------------------------------- output

#[test]
fn output_to_a_file_and_to_a_folder() {
    let tmp = Temp::new("output");
    tmp.write("in/a.txt", "First release\n\nIt met.\n");
    tmp.write("in/sub/b.txt", "Second release\n\nIt met again.\n");
    // -o FILE: nothing on stdout, the file holds what stdout would.
    let file = tmp.path("out.jsonl");
    let r = run(&["extract", s(&tmp.path("in")), "-o", s(&file)]);
    r.expect_code(0);
    assert!(r.stdout.is_empty());
    let to_stdout = run(&["extract", s(&tmp.path("in"))]);
    assert_eq!(std::fs::read(&file).unwrap(), to_stdout.stdout);
    // One document to a file: pretty JSON.
    let single = tmp.path("single.json");
    run(&["extract", s(&seed()), "-o", s(&single)]).expect_code(0);
    assert_eq!(
        std::fs::read_to_string(&single).unwrap(),
        std::fs::read_to_string(fixture("sco-rats-dialogue.json")).unwrap()
    );
    // -o DIR/: one <id>.json each, nested ids in sub-folders.
    let out = tmp.path("records");
    let r = run(&[
        "extract",
        s(&tmp.path("in")),
        "-o",
        &format!("{}/", s(&out)),
    ]);
    r.expect_code(0);
    assert!(r.stdout.is_empty());
    let a: Value = serde_json::from_slice(&std::fs::read(out.join("a.json")).unwrap()).unwrap();
    let b: Value = serde_json::from_slice(&std::fs::read(out.join("sub/b.json")).unwrap()).unwrap();
    assert_eq!(a["id"], "a");
    assert_eq!(b["id"], "sub/b");
    assert_eq!(to_stdout.lines(), vec![a, b]);
    // An existing folder without the slash is a folder too; no temporary files are left.
    let r = run(&["extract", s(&seed()), "-o", s(&out)]);
    r.expect_code(0);
    assert!(out.join("sco-rats-dialogue.json").is_file());
    let mut names: Vec<String> = walk(&tmp.0)
        .into_iter()
        .map(|p| p.strip_prefix(&tmp.0).unwrap().display().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "in/a.txt",
            "in/sub/b.txt",
            "out.jsonl",
            "records/a.json",
            "records/sco-rats-dialogue.json",
            "records/sub/b.json",
            "single.json"
        ]
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

// ---------------------------------------------------------------- exit codes

#[test]
fn bad_usage_exits_2() {
    let seed = seed();
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "published",
            &["extract", "--published", "nonsense", s(&seed)],
            "--published",
        ),
        (
            "published impossible",
            &["extract", "--published", "2021-02-30", s(&seed)],
            "--published",
        ),
        ("jobs 0", &["extract", "--jobs", "0", s(&seed)], "--jobs"),
        (
            "jobs not a number",
            &["extract", "-j", "many", s(&seed)],
            "many",
        ),
        (
            "unknown flag",
            &["extract", "--frobnicate", s(&seed)],
            "--frobnicate",
        ),
        (
            "unknown encoding",
            &["extract", "--encoding", "klingon", s(&seed)],
            "klingon",
        ),
        (
            "unknown input",
            &["extract", "--input", "pdf", s(&seed)],
            "pdf",
        ),
        (
            "unknown format",
            &["extract", "--format", "xml", s(&seed)],
            "xml",
        ),
        ("unknown command", &["frobnicate"], "frobnicate"),
        ("no command", &[], "Usage"),
        (
            "check no folder",
            &["check", "/nonexistent/pressx-fixtures"],
            "/nonexistent/pressx-fixtures",
        ),
        ("eval no gold", &["eval", "fixtures"], "gold"),
    ];
    for (name, args, mention) in cases {
        let r = run(args);
        assert_eq!(r.code, Some(2), "{name}: exit status; stderr: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{name}: nothing on stdout");
        assert!(
            r.stderr.contains(mention),
            "{name}: stderr should mention {mention:?}: {}",
            r.stderr
        );
    }
    let r = run(&["extract", "--published", "nonsense", s(&seed)]);
    assert!(r.stderr.starts_with("pressx: "), "{}", r.stderr);
}

#[test]
fn a_failed_document_exits_1_and_the_others_are_still_written() {
    let tmp = Temp::new("exit-1");
    tmp.write("in/a.txt", "First release\n\nIt met.\n");
    tmp.write("in/b.txt", b"Second release\n\nCaf\xe9 talks.\n");
    tmp.write("in/c.txt", "Third release\n\nIt met again.\n");
    let r = run(&["extract", s(&tmp.path("in"))]);
    r.expect_code(1);
    let records = r.lines();
    assert_eq!(r.ids(), ["a", "b", "c"]);
    assert!(records[0].get("error").is_none() && records[2].get("error").is_none());
    assert_eq!(
        records[1].as_object().unwrap().len(),
        2,
        "an error record is id + error"
    );
    assert!(
        records[1]["error"]
            .as_str()
            .unwrap()
            .contains("invalid UTF-8")
    );
    assert!(r.stderr.starts_with("pressx: "), "{}", r.stderr);
    // Into a folder: the good ones are written, the bad one is not.
    let out = tmp.path("out");
    run(&[
        "extract",
        s(&tmp.path("in")),
        "-o",
        &format!("{}/", s(&out)),
    ])
    .expect_code(1);
    assert!(out.join("a.json").is_file() && out.join("c.json").is_file());
    assert!(!out.join("b.json").exists());
    // A path that does not exist is a failed document too.
    let missing = tmp.path("missing.txt");
    let r = run(&["extract", s(&missing), s(&tmp.path("in/a.txt"))]);
    r.expect_code(1);
    assert_eq!(r.ids(), ["missing", "a"]);
    assert!(r.stderr.contains(s(&missing)), "{}", r.stderr);
    // All well: 0.
    run(&["extract", s(&tmp.path("in/a.txt"))]).expect_code(0);
}

// ---------------------------------------------------------------- bad input, one test each

#[test]
fn invalid_utf8_names_the_file_and_byte_offset_and_suggests_encoding() {
    let tmp = Temp::new("invalid-utf8");
    let bad = tmp.write("bad.txt", b"Talks held\n\nThe caf\xe9 closed.\n");
    let r = run(&["extract", s(&bad)]);
    r.expect_code(1);
    assert!(
        r.stdout.is_empty(),
        "one document, json format: no record to write"
    );
    let msg = r.stderr.trim_end();
    assert!(msg.starts_with(&format!("pressx: {}: ", s(&bad))), "{msg}");
    assert!(msg.contains("invalid UTF-8 at byte 19"), "{msg}");
    assert!(msg.contains("--encoding"), "{msg}");
    // jsonl output: an error record.
    let r = run(&["extract", "--format", "jsonl", s(&bad)]);
    r.expect_code(1);
    let rec = &r.lines()[0];
    assert_eq!(rec["id"], "bad");
    assert!(rec["error"].as_str().unwrap().contains("byte 19"));
    // After a BOM the offset still counts the file's bytes.
    let bom = tmp.write("bom.txt", b"\xef\xbb\xbfTalks\xff");
    let r = run(&["extract", s(&bom)]);
    assert!(r.stderr.contains("byte 8"), "{}", r.stderr);
}

#[test]
fn a_binary_file_is_an_error() {
    let tmp = Temp::new("binary");
    let bin = tmp.write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let r = run(&["extract", s(&bin)]);
    r.expect_code(1);
    assert!(
        r.stderr.contains(s(&bin)) && r.stderr.contains("NUL"),
        "{}",
        r.stderr
    );
    let nul = tmp.write("nul.txt", b"Text with a NUL\x00 inside.");
    let r = run(&["extract", "--format", "jsonl", s(&nul)]);
    r.expect_code(1);
    assert!(r.lines()[0]["error"].as_str().unwrap().contains("byte 15"));
}

#[test]
fn an_empty_file_gives_a_valid_record_with_empty_lists() {
    let tmp = Temp::new("empty");
    let empty = tmp.write("empty.txt", b"");
    let blank = tmp.write("blank.txt", b" \n\r\n\t\n");
    for path in [empty, blank] {
        let r = run(&["extract", s(&path)]);
        r.expect_code(0);
        let rec = r.json();
        assert_valid(&rec);
        assert_eq!(rec["title"], Value::Null);
        for list in [
            "sentences",
            "organisations",
            "people",
            "dates",
            "locations",
            "participants",
            "events",
        ] {
            assert_eq!(rec[list], json!([]), "{list}");
        }
    }
    let r = run_stdin(&["extract"], "");
    r.expect_code(0);
    assert_eq!(r.json()["sentences"], json!([]));
}

#[test]
fn a_document_over_max_bytes_gets_an_error_record_and_the_batch_goes_on() {
    let tmp = Temp::new("max-bytes");
    tmp.write("in/a.txt", "Small release\n\nIt met.\n");
    tmp.write(
        "in/b.txt",
        "Huge release\n\n".to_string() + &"The Council met again. ".repeat(50_000),
    );
    tmp.write("in/c.txt", "Small release\n\nIt met.\n");
    let r = run(&["extract", "--max-bytes", "1000", s(&tmp.path("in"))]);
    r.expect_code(1);
    let records = r.lines();
    assert_eq!(r.ids(), ["a", "b", "c"]);
    let err = records[1]["error"].as_str().expect("an error record");
    assert!(err.contains("--max-bytes 1000"), "{err}");
    assert!(r.stderr.contains("b.txt"), "{}", r.stderr);
    // On stdin and on a jsonl line.
    let r = run_stdin(
        &["extract", "--max-bytes", "10"],
        "A release longer than ten bytes.",
    );
    r.expect_code(1);
    assert!(r.stderr.contains("stdin"), "{}", r.stderr);
    let jsonl = format!(
        "{}\n{}\n{}\n",
        json!({"id": "small", "text": "Short."}),
        json!({"id": "big", "text": "Long. ".repeat(1000)}),
        json!({"id": "after", "text": "Short."})
    );
    let r = run_stdin(
        &["extract", "--input", "jsonl", "--max-bytes", "100"],
        jsonl,
    );
    r.expect_code(1);
    let records = r.lines();
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["id"], "small");
    assert!(
        records[1]["error"]
            .as_str()
            .unwrap()
            .contains("--max-bytes 100")
    );
    assert_eq!(records[2]["id"], "after");
    assert!(records[2].get("error").is_none());
}

#[test]
fn an_unreadable_file_in_a_folder_is_reported_and_the_rest_processed() {
    let tmp = Temp::new("unreadable");
    tmp.write("in/a.txt", "First release\n\nIt met.\n");
    tmp.write("in/d.txt", "Last release\n\nIt met.\n");
    // A link that leads nowhere: unreadable whoever runs the tests.
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.txt", tmp.path("in/b.txt")).expect("symlink");
    #[cfg(not(unix))]
    tmp.write("in/b.txt", b"\xff");
    // A file without read permission blocks only a user without privileges (not root).
    let locked = tmp.write("in/c.txt", "Locked release\n\nIt met.\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let expect_c_error = std::fs::read(&locked).is_err();
    if !expect_c_error {
        eprintln!("note: this user can read a mode-000 file (root?); that check is skipped");
    }
    let r = run(&["extract", s(&tmp.path("in"))]);
    r.expect_code(1);
    let records = r.lines();
    assert_eq!(r.ids(), ["a", "b", "c", "d"]);
    assert!(
        records[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("cannot read"),
        "{}",
        records[1]
    );
    assert!(r.stderr.contains("b.txt"), "{}", r.stderr);
    assert_eq!(
        records[2].get("error").is_some(),
        expect_c_error,
        "{}",
        records[2]
    );
    assert!(records[0].get("error").is_none() && records[3].get("error").is_none());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644));
    }
}

#[test]
fn bad_jsonl_lines_get_error_records_in_place() {
    let lines = [
        json!({"id": "ok-1", "text": "Fine."}).to_string(),
        "this is not JSON".to_string(),
        "[\"an\", \"array\"]".to_string(),
        "\"a string\"".to_string(),
        json!({"id": "no-text", "title": "x"}).to_string(),
        json!({"id": "number-text", "text": 42}).to_string(),
        json!({"id": "null-text", "text": null}).to_string(),
        json!({"id": "bad-published", "text": "Fine.", "published": "yesterday"}).to_string(),
        json!({"id": ["bad", "id"], "text": "Fine."}).to_string(),
        "{\"id\": \"truncated\", \"text\": \"Fi".to_string(),
        json!({"id": "ok-2", "text": "Fine."}).to_string(),
    ];
    let r = run_stdin(&["extract", "--input", "jsonl"], lines.join("\n") + "\n");
    r.expect_code(1);
    let records = r.lines();
    assert_eq!(records.len(), lines.len(), "one output line per input line");
    let want: &[(&str, &str)] = &[
        ("ok-1", ""),
        ("stdin:2", "not JSON"),
        ("stdin:3", "not a JSON object"),
        ("stdin:4", "not a JSON object"),
        ("no-text", "no \"text\" field"),
        ("number-text", "\"text\" must be a string"),
        ("null-text", "no \"text\" field"),
        ("bad-published", "\"published\""),
        ("stdin:9", "\"id\" must be a string or a number"),
        ("stdin:10", "not JSON"),
        ("ok-2", ""),
    ];
    for (i, (rec, (id, error))) in records.iter().zip(want).enumerate() {
        assert_eq!(rec["id"], *id, "line {}", i + 1);
        if error.is_empty() {
            assert!(rec.get("error").is_none(), "line {}: {rec}", i + 1);
            assert_valid(rec);
        } else {
            let got = rec["error"]
                .as_str()
                .unwrap_or_else(|| panic!("line {}: no error: {rec}", i + 1));
            assert!(
                got.contains(error),
                "line {}: {got:?} should contain {error:?}",
                i + 1
            );
            assert_eq!(
                rec.as_object().unwrap().len(),
                2,
                "line {}: id + error only",
                i + 1
            );
        }
    }
    // Each failure is also on stderr, named by its line.
    assert!(r.stderr.contains("pressx: stdin:2: "), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 9, "{}", r.stderr);
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let tmp = Temp::new("closed-stdout");
    let text = seed_text();
    for i in 0..400 {
        tmp.write(&format!("big/doc-{i:03}.txt"), &text);
    }
    for jobs in ["1", "4"] {
        // `pressx extract big | head -1`
        let mut child = Command::new(BIN)
            .args(["extract", "-j", jobs, s(&tmp.path("big"))])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .expect("one line");
        // The reader is dropped here: stdout is closed.
        let out = child.wait_with_output().expect("it finishes");
        let rec: Value = serde_json::from_str(&first).expect("the first line is a record");
        assert_eq!(rec["id"], "doc-000");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.is_empty(),
            "-j {jobs}: stderr should be empty, got:\n{stderr}"
        );
        assert_eq!(out.status.code(), Some(0), "-j {jobs}: {:?}", out.status);
    }
}

// ---------------------------------------------------------------- line ends and encodings

/// The record of `bytes` written as `name` in a fresh folder (same id for every twin).
fn record_of_bytes(name: &str, bytes: &[u8], extra: &[&str]) -> Value {
    let tmp = Temp::new("twin");
    let path = tmp.write(name, bytes);
    let mut args = vec!["extract"];
    args.extend_from_slice(extra);
    args.push(s(&path));
    let r = run(&args);
    r.expect_code(0);
    r.json()
}

#[test]
fn crlf_cr_and_bom_files_give_the_same_record_as_their_lf_twins() {
    let crlf = std::fs::read(fixture("unoct-workshop-numbered-list-crlf.txt")).unwrap();
    assert!(
        crlf.windows(2).any(|w| w == b"\r\n"),
        "the CRLF fixture has kept its CRLF line ends"
    );
    let lf = String::from_utf8(crlf.clone())
        .unwrap()
        .replace("\r\n", "\n");
    let cr = lf.replace('\n', "\r");
    let name = "twin.txt";
    let want = record_of_bytes(name, lf.as_bytes(), &[]);
    assert!(want["sentences"].as_array().unwrap().len() > 10);
    assert_eq!(record_of_bytes(name, &crlf, &[]), want, "CRLF");
    assert_eq!(record_of_bytes(name, cr.as_bytes(), &[]), want, "lone CR");
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(&crlf);
    assert_eq!(record_of_bytes(name, &bom, &[]), want, "BOM and CRLF");

    let with_bom = std::fs::read(fixture("aseanapol-date-line-bom.txt")).unwrap();
    assert!(
        with_bom.starts_with(b"\xef\xbb\xbf"),
        "the BOM fixture has kept its BOM"
    );
    let want = record_of_bytes(name, &with_bom[3..], &[]);
    assert_eq!(record_of_bytes(name, &with_bom, &[]), want, "BOM");
    // The fixture's own golden record has the same offsets.
    let golden = golden("aseanapol-date-line-bom.json");
    assert_eq!(golden["sentences"], want["sentences"]);
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_a_bom_is_read_without_being_told() {
    let text =
        std::fs::read_to_string(fixture("osce-conference-abbreviations-initials.txt")).unwrap();
    let want = record_of_bytes("t.txt", text.as_bytes(), &[]);
    assert_eq!(
        record_of_bytes("t.txt", &utf16(&text, false), &[]),
        want,
        "UTF-16LE"
    );
    assert_eq!(
        record_of_bytes("t.txt", &utf16(&text, true), &[]),
        want,
        "UTF-16BE"
    );
    // Without a BOM, --encoding utf-16 says so.
    let no_bom = &utf16(&text, false)[2..];
    assert_eq!(
        record_of_bytes("t.txt", no_bom, &["--encoding", "utf-16"]),
        want,
        "--encoding utf-16"
    );
}

#[test]
fn legacy_encodings_are_decoded_when_named() {
    let text = "Caf\u{e9} talks in Li\u{e8}ge\n\n\u{201c}We agree,\u{201d} said Ms. M\u{fc}ller. The talks ended \u{2013} on time.\n";
    let want = record_of_bytes("t.txt", text.as_bytes(), &["--include-text"]);
    let cp1252: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            '\u{2013}' => 0x96,
            c => u8::try_from(u32::from(c)).expect("Latin-1"),
        })
        .collect();
    for name in ["windows-1252", "cp1252", "latin1", "iso-8859-1"] {
        let got = record_of_bytes("t.txt", &cp1252, &["--encoding", name, "--include-text"]);
        assert_eq!(got, want, "--encoding {name}");
    }
    assert_eq!(want["sentences"].as_array().unwrap().len(), 3);
    // Not told: an error pointing at --encoding.
    let tmp = Temp::new("legacy");
    let path = tmp.write("t.txt", &cp1252);
    let r = run(&["extract", s(&path)]);
    r.expect_code(1);
    assert!(r.stderr.contains("invalid UTF-8 at byte 3") && r.stderr.contains("--encoding"));
}

// ---------------------------------------------------------------- schema, check, eval

#[test]
fn schema_prints_the_json_schema() {
    let r = run(&["schema"]);
    r.expect_code(0);
    let schema = r.json();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(jsonschema::meta::is_valid(&schema));
    assert_eq!(
        schema,
        serde_json::from_str::<Value>(pressx::schema::SCHEMA_JSON).unwrap()
    );
    let validator = jsonschema::validator_for(&schema).expect("compiles");
    assert!(validator.is_valid(&run(&["extract", s(&seed())]).json()));
}

#[test]
fn check_passes_on_the_fixtures() {
    let r = run(&["check", "fixtures"]);
    r.expect_code(0);
    let last = r.out().lines().last().unwrap_or_default().to_string();
    assert!(last.ends_with("ok, 0 not"), "{}", r.out());
}

#[test]
fn check_reports_a_broken_golden_file_by_path_and_bless_repairs_it() {
    let tmp = Temp::new("check");
    // The ids are the file stems, so the copies keep the fixtures' names.
    let (seed_txt, seed_json) = ("sco-rats-dialogue.txt", "sco-rats-dialogue.json");
    let (wrapped_txt, wrapped_json) = (
        "csto-exercise-hard-wrapped.txt",
        "csto-exercise-hard-wrapped.json",
    );
    for name in [seed_txt, wrapped_txt, wrapped_json] {
        std::fs::copy(fixture(name), tmp.path(name)).unwrap();
    }
    let mut broken = golden(seed_json);
    broken["sentences"][1]["end"] = json!(417);
    broken["title"] = json!("Another headline");
    tmp.write(seed_json, serde_json::to_string_pretty(&broken).unwrap());

    let r = run(&["check", s(&tmp.0)]);
    r.expect_code(1);
    let out = r.out();
    assert!(
        out.contains("sco-rats-dialogue.txt: 2 difference(s)"),
        "{out}"
    );
    assert!(
        out.contains("sentences[1].end: expected 417, got 418"),
        "{out}"
    );
    assert!(
        out.contains("title: expected \"Another headline\", got \"SCO RATS Executive Committee"),
        "{out}"
    );
    assert!(
        !out.contains(wrapped_txt),
        "a matching fixture is not listed: {out}"
    );
    assert!(
        out.trim_end().ends_with("2 fixture(s): 1 ok, 1 not"),
        "{out}"
    );

    // A fixture without its golden file fails and says how to write it.
    std::fs::copy(
        fixture("rats-council-dateline-furniture.txt"),
        tmp.path("new.txt"),
    )
    .unwrap();
    let r = run(&["check", s(&tmp.0)]);
    r.expect_code(1);
    assert!(r.out().contains("--bless"), "{}", r.out());

    let r = run(&["check", s(&tmp.0), "--bless"]);
    r.expect_code(0);
    assert!(r.out().contains("blessed"), "{}", r.out());
    assert_eq!(
        std::fs::read_to_string(tmp.path(seed_json)).unwrap(),
        std::fs::read_to_string(fixture(seed_json)).unwrap()
    );
    run(&["check", s(&tmp.0)]).expect_code(0);
}

#[test]
fn eval_prints_the_table_for_a_small_gold_folder() {
    let tmp = Temp::new("eval");
    tmp.write(
        "t1.txt",
        "Police chiefs meet in Bishkek\n\nThe heads of police met on Monday. INTERPOL took part as an observer.\n",
    );
    tmp.write(
        "t1.gold.json",
        json!({
            "id": "t1",
            "published": "2021-03-03",
            "organisations": [{"name": "International Criminal Police Organization", "acronym": "INTERPOL", "mentions": ["INTERPOL"]}],
            "dates": [{"text": "Monday", "value": "2021-03-01"}],
            "participants": [{"org": "INTERPOL", "role": "observer"}],
            "sentences": 3
        })
        .to_string(),
    );
    tmp.write("t2.txt", "One line only.\n");
    tmp.write(
        "t2.gold.json",
        json!({"id": "t2", "sentences": 2}).to_string(),
    );
    let r = run(&["eval", s(&tmp.0)]);
    r.expect_code(0);
    let out = r.out();
    let rows: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0], ["2", "documents"], "{out}");
    assert_eq!(
        rows[1],
        [
            "field",
            "gold",
            "pred",
            "match",
            "precision",
            "recall",
            "F1"
        ],
        "{out}"
    );
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.first() == Some(&name))
            .unwrap_or_else(|| panic!("no {name} row:\n{out}"))
    };
    for (name, gold) in [
        ("organisations", "1"),
        ("people", "0"),
        ("dates", "1"),
        ("locations", "0"),
        ("participants", "1"),
    ] {
        assert_eq!(row(name)[1], gold, "{name} gold count:\n{out}");
        assert_eq!(row(name).len(), 7, "{out}");
    }
    let sentences = out
        .lines()
        .find(|l| l.starts_with("sentences"))
        .expect("a sentences line");
    assert!(sentences.contains("1/2 exact"), "{sentences}");
    assert!(
        sentences.contains("mean absolute error 0.50"),
        "{sentences}"
    );
    // --verbose adds details before the same table.
    let v = run(&["eval", "--verbose", s(&tmp.0)]);
    v.expect_code(0);
    assert!(v.out().ends_with(&out), "{}", v.out());
}

/// The 1-based line of the row of `id` in a built-in organisations file.
fn gazetteer_line(file: &str, id: &str) -> usize {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("gazetteers")
            .join(file),
    )
    .expect("a built-in gazetteer");
    text.lines()
        .position(|l| l.split('\t').next() == Some(id))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{id} in {file}"))
}

#[test]
fn explain_says_what_produced_each_mention_and_participant() {
    let r = run(&["extract", "--explain", s(&seed())]);
    r.expect_code(0);
    let record = r.json();
    assert_valid(&record);
    let org = |id: &str| {
        record["organisations"]
            .as_array()
            .and_then(|os| os.iter().find(|o| o["id"] == id))
            .unwrap_or_else(|| panic!("{id} in the record"))
            .clone()
    };
    // A gazetteer match: the file and the line of its row.
    let interpol = format!(
        "gazetteer organisations.tsv:{}",
        gazetteer_line("organisations.tsv", "interpol")
    );
    for m in org("interpol")["mentions"].as_array().expect("mentions") {
        assert_eq!(m["explain"], interpol.as_str(), "{m}");
    }
    // An acronym the text defines: the definition, where it is.
    for m in org("aimc")["mentions"].as_array().expect("mentions") {
        let why = m["explain"].as_str().expect("explain");
        assert!(
            why.starts_with("definition \"Arab Interior Ministers’ Council (AIMC)\" "),
            "{why}"
        );
    }
    // A person: the title before the name.
    let mukashev = &record["people"][0]["mentions"][0];
    assert_eq!(mukashev["text"], "Akhat Mukashev");
    assert!(
        mukashev["explain"]
            .as_str()
            .is_some_and(|w| w.starts_with("title \"Deputy Director\" ")),
        "{mukashev}"
    );
    // A date: the pattern that read it.
    let may = &record["dates"][0];
    assert_eq!(may["text"], "May 20, 2020");
    assert_eq!(may["explain"], "rule month day year");
    // A participant: the role cue and its span (code points), which reads it.
    let text = seed_text();
    let ec = record["participants"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["organisation"] == "sco-rats-ec"))
        .expect("the Executive Committee takes part");
    assert_eq!(ec["role"], "observer");
    let why = ec["explain"].as_str().expect("explain");
    let (cue, range) = why
        .strip_prefix("role cue \"")
        .and_then(|w| w.split_once("\" "))
        .unwrap_or_else(|| panic!("{why}"));
    let (start, end) = range.split_once('-').expect("START-END");
    let (start, end): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
    assert_eq!(cue, "as an observer");
    assert_eq!(
        text.chars()
            .skip(start)
            .take(end - start)
            .collect::<String>(),
        cue
    );

    // Without --explain nothing changes: the golden record, byte for byte.
    let plain = run(&["extract", s(&seed())]);
    assert!(!plain.out().contains("\"explain\""));
    // mentions-tsv gets a last column.
    let tsv = run(&[
        "extract",
        "--explain",
        "--format",
        "mentions-tsv",
        s(&seed()),
    ])
    .out();
    let mut lines = tsv.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.ends_with("\tvalue\texplain"))
    );
    assert!(lines.all(|l| l.split('\t').count() == 9));
    assert!(tsv.contains(&format!("\t{interpol}\n")), "{tsv}");
}

#[test]
fn explain_names_a_user_gazetteer_by_its_path() {
    let tmp = Temp::new("explain-user-gazetteer");
    let mine = tmp.write(
        "mine.tsv",
        "id\tname\tacronyms\tkind\tparent\tcountry\tvariants\n# a test entry\nwg\tWorking Groups\t\tother\t\t\t\n",
    );
    let r = run(&["extract", "--explain", "--gazetteer", s(&mine), s(&seed())]);
    r.expect_code(0);
    let record = r.json();
    let wg = record["organisations"]
        .as_array()
        .and_then(|os| os.iter().find(|o| o["id"] == "wg"))
        .expect("the user's entry matched");
    assert_eq!(
        wg["mentions"][0]["explain"],
        format!("gazetteer {}:3", mine.display())
    );
}
