//! Every input the fuzzers found a problem with (`tests/fuzz-inputs/<target>/`),
//! fed through the same path as its fuzz target (`fuzz/fuzz_targets/`): it
//! must not panic, and its record must keep `pressx::invariants`.

use pressx::gazetteer::{self, Gazetteers};
use pressx::input::{InputConfig, InputFormat, Source};
use pressx::{DateOrder, Options, Resources};
use std::path::Path;
use std::sync::LazyLock;

static RESOURCES: LazyLock<Resources> = LazyLock::new(Resources::builtin);

/// The saved inputs of one target, with their file names.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-inputs")
        .join(target);
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let bytes = std::fs::read(e.path()).expect("a saved input reads");
                    (e.file_name().to_string_lossy().into_owned(), bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// What the fuzz targets' `pressx_fuzz::run` does.
fn run(name: &str, text: &str, resources: &Resources, options: &Options, include_text: bool) {
    let doc = pressx::extract(name, text, resources, options);
    let record = pressx::record::to_record(&doc, include_text);
    let problems = pressx::invariants::problems(&record, &doc.text);
    assert!(problems.is_empty(), "{name}: {problems:#?}");
    let compact = serde_json::to_vec(&record).expect("a record serialises");
    let back: serde_json::Value = serde_json::from_slice(&compact).expect("own output parses");
    assert_eq!(back["schema"], "pressx/1", "{name}");
}

#[test]
fn extract_bytes() {
    const ENCODINGS: [Option<&str>; 4] =
        [None, Some("windows-1252"), Some("utf-16"), Some("latin1")];
    for (name, data) in inputs("extract_bytes") {
        let Some((&first, bytes)) = data.split_first() else {
            continue;
        };
        let encoding = ENCODINGS[usize::from(first) % ENCODINGS.len()]
            .map(|e| pressx::input::encoding_for(e).expect("a known encoding"));
        let options = Options {
            explain: first & 0x40 != 0,
            date_order: if first & 0x10 == 0 {
                DateOrder::Dmy
            } else {
                DateOrder::Mdy
            },
            published: (first & 0x20 != 0)
                .then(|| pressx::Date::parse_iso("2020-05-21").expect("valid")),
        };
        if let Ok(text) = pressx::input::decode(bytes, encoding) {
            run(&name, &text, &RESOURCES, &options, first & 0x40 != 0);
        }
    }
}

#[test]
fn extract_utf8() {
    for (name, data) in inputs("extract_utf8") {
        // What the fuzz target got: libFuzzer's `&str` is the longest valid UTF-8 prefix.
        let valid = std::str::from_utf8(&data).map_or_else(|e| e.valid_up_to(), |t| t.len());
        let text = std::str::from_utf8(&data[..valid]).unwrap_or_default();
        run(&name, text, &RESOURCES, &Options::default(), false);
    }
}

#[test]
fn jsonl_line() {
    let config = InputConfig {
        format: InputFormat::Jsonl,
        ..InputConfig::default()
    };
    for (name, data) in inputs("jsonl_line") {
        let source = Source::JsonlLine {
            origin: "fuzz".into(),
            line: 1,
            bytes: data,
        };
        if let Ok(loaded) = pressx::input::load(source, &config) {
            let options = Options {
                published: loaded.published,
                ..Options::default()
            };
            run(&name, &loaded.text, &RESOURCES, &options, false);
        }
    }
}

#[test]
fn gazetteer() {
    for (name, data) in inputs("gazetteer") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let (file, errors) = gazetteer::parse_all("fuzz.tsv", text);
        if file.is_none() || !errors.is_empty() {
            continue;
        }
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        let file = gazetteer::parse("fuzz.tsv", text).expect("parsed cleanly just now");
        if let Ok(resources) = Resources::new(&Gazetteers::builtin().with_file(file)) {
            run(&name, text, &resources, &Options::default(), false);
        }
    }
}
