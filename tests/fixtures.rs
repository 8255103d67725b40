//! Golden fixtures: every `fixtures/NAME.txt` is run through the library and
//! its record compared (as parsed JSON) with `fixtures/NAME.json`; a mismatch
//! prints the first differing paths with what was expected and what came out.
//! `PRESSX_BLESS=1 cargo test` rewrites the `.json` files (review that diff
//! like code). Every record must also validate against the JSON Schema of
//! `pressx schema`, and the seed release must keep the figures SPEC gives.

use pressx::check::{self, Outcome};
use pressx::record::to_record;
use pressx::{Date, Options, Resources};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn fixtures() -> Vec<PathBuf> {
    check::fixtures(&fixtures_dir()).expect("the fixtures folder is readable")
}

fn record_of(txt: &Path) -> Value {
    let json = check::expected_json(txt, &Resources::builtin(), &Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
    serde_json::from_str(&json).expect("the library writes JSON")
}

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(pressx::schema::SCHEMA_JSON).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// The schema errors of `record`, one line each (empty when it validates).
fn schema_errors(validator: &jsonschema::Validator, record: &Value) -> Vec<String> {
    validator
        .iter_errors(record)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The text the offsets refer to: BOM gone, line ends made LF.
fn normalised_text(txt: &Path) -> String {
    let bytes = std::fs::read(txt).expect("fixture is readable");
    let text = String::from_utf8(bytes).expect("fixtures are UTF-8");
    pressx::normalise_text(&text).into_owned()
}

/// Python's `text[start:end]`, code points.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The `start` and `end` of a sentence or mention.
fn range(v: &Value) -> (usize, usize) {
    let offset = |key: &str| v[key].as_u64().expect("an offset") as usize;
    (offset("start"), offset("end"))
}

#[test]
fn every_fixture_matches_its_golden_record() {
    let bless = std::env::var_os("PRESSX_BLESS").is_some_and(|v| v == "1");
    let resources = Resources::builtin();
    let options = Options::default();
    let all = fixtures();
    assert!(
        all.len() >= 8,
        "expected the seed and at least seven more fixtures, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for txt in &all {
        let name = txt.display();
        match check::check_one(txt, &resources, &options, bless) {
            Outcome::Match => {}
            Outcome::Blessed => eprintln!("blessed {}", txt.with_extension("json").display()),
            Outcome::Missing => failures.push(format!(
                "{name}: no golden {}; run `PRESSX_BLESS=1 cargo test` and review it",
                txt.with_extension("json").display()
            )),
            Outcome::Failed(e) => failures.push(format!("{name}: {e}")),
            Outcome::Mismatch(diffs) => {
                let mut s = format!("{name}: {} difference(s)", diffs.len());
                for d in diffs.iter().take(10) {
                    s.push_str("\n  ");
                    s.push_str(&d.replace('\n', "\n  "));
                }
                failures.push(s);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ from their golden record (if the change is intended, \
         run `PRESSX_BLESS=1 cargo test` and review the diff):\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn every_golden_file_is_the_pretty_output() {
    // The stored file is what `pressx extract --format json` writes, byte for
    // byte, so `pressx check` and `diff` agree with this test.
    if std::env::var_os("PRESSX_BLESS").is_some() {
        return;
    }
    for txt in fixtures() {
        let want = check::expected_json(&txt, &Resources::builtin(), &Options::default())
            .expect("extracts");
        let golden = txt.with_extension("json");
        let have = std::fs::read_to_string(&golden).unwrap_or_default();
        assert!(
            have == want,
            "{} is not byte-identical to the output; bless it",
            golden.display()
        );
    }
}

#[test]
fn every_fixture_record_validates_against_the_schema() {
    let validator = validator();
    let resources = Resources::builtin();
    let published = Options {
        published: Date::parse_iso("2022-06-15"),
        ..Options::default()
    };
    let mut failures = Vec::new();
    for txt in fixtures() {
        let text = normalised_text(&txt);
        let plain = record_of(&txt);
        // With --include-text and --published the record carries two more fields.
        let doc = pressx::extract("x", &text, &resources, &published);
        let full = serde_json::to_value(to_record(&doc, true)).expect("serialises");
        assert_eq!(full["published_from"], "input");
        for (what, record) in [("plain", &plain), ("with text and published", &full)] {
            for e in schema_errors(&validator, record) {
                failures.push(format!("{} ({what}): {e}", txt.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sentences_are_trimmed_ordered_and_title_is_the_first() {
    for txt in fixtures() {
        let name = txt.display();
        let text = normalised_text(&txt);
        let record = record_of(&txt);
        let sentences = record["sentences"].as_array().expect("a list");
        assert!(!sentences.is_empty(), "{name}: no sentences");
        let mut last_end = 0;
        for (i, s) in sentences.iter().enumerate() {
            let (start, end) = range(s);
            assert!(
                start >= last_end && end > start,
                "{name}: sentence {i} {start}..{end} after {last_end}"
            );
            let sentence = slice(&text, start, end);
            assert_eq!(
                sentence.trim(),
                sentence,
                "{name}: sentence {i} is not trimmed"
            );
            last_end = end;
        }
        let (start, end) = range(&sentences[0]);
        let headline = slice(&text, start, end);
        assert_eq!(
            record["title"],
            json!(headline),
            "{name}: the title is the first sentence"
        );
        assert!(!headline.contains('\n'), "{name}: the headline is one line");
    }
}

#[test]
fn seed_keeps_the_figures_spec_gives() {
    let txt = fixtures_dir().join("sco-rats-dialogue.txt");
    let record = record_of(&txt);
    let text = normalised_text(&txt);
    let sentences = record["sentences"].as_array().expect("a list");
    assert_eq!(
        sentences.len(),
        15,
        "SPEC: 15 sentences, the trailing \"In other news\" is furniture"
    );
    assert_eq!(sentences[0], json!({"start": 0, "end": 139}));
    assert_eq!(sentences[1], json!({"start": 141, "end": 418}));
    assert_eq!(
        record["title"],
        "SCO RATS Executive Committee participates in the 4th Dialogue on Effective Multilateral \
         Law Enforcement Architecture Against Global Threats"
    );
    assert_eq!(record["id"], "sco-rats-dialogue");
    assert_eq!(record["schema"], "pressx/1");
    assert_eq!(record["published"], Value::Null);
    assert!(slice(&text, 141, 418).starts_with("On May 20, 2020, SCO RATS"));
    let (start, end) = range(&sentences[14]);
    let last = slice(&text, start, end);
    assert!(last.ends_with("next meeting in Tunisia in 2021."), "{last}");
    // Code points, not bytes: "Jürgen" and the curly apostrophes come before SPEC's mention offsets.
    assert_eq!(slice(&text, 2173, 2181), "Mukashev");
    assert_eq!(slice(&text, 2915, 2922), "Tunisia");
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema: Value = serde_json::from_str(pressx::schema::SCHEMA_JSON).expect("JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(
        jsonschema::meta::is_valid(&schema),
        "the schema does not follow its meta-schema"
    );
}

/// SPEC's example record, with every layer filled: what later stages will write.
fn spec_example() -> Value {
    json!({
        "schema": "pressx/1",
        "id": "sco-rats-dialogue",
        "title": "SCO RATS Executive Committee participates in the 4th Dialogue on …",
        "published": null,
        "sentences": [{"start": 0, "end": 139}, {"start": 141, "end": 418}],
        "organisations": [
            {"id": "interpol", "name": "International Criminal Police Organization",
             "acronym": "INTERPOL", "kind": "igo", "source": "gazetteer",
             "mentions": [{"text": "Interpol", "start": 292, "end": 300, "sentence": 1}]}
        ],
        "people": [
            {"name": "Akhat Mukashev", "titles": ["Deputy Director"], "affiliation": "sco-rats-ec",
             "mentions": [{"text": "Akhat Mukashev", "start": 223, "end": 237, "sentence": 1},
                          {"text": "Mukashev", "start": 2173, "end": 2181, "sentence": 10}]}
        ],
        "dates": [
            {"text": "May 20, 2020", "value": "2020-05-20", "granularity": "day",
             "start": 144, "end": 156, "sentence": 1}
        ],
        "locations": [
            {"name": "Tunisia", "country": "TN",
             "mentions": [{"text": "Tunisia", "start": 2915, "end": 2922, "sentence": 14}]}
        ],
        "participants": [
            {"organisation": "afripol", "role": "member", "sentence": 2},
            {"country": "KZ", "role": "participant", "sentence": 2},
            {"organisation": "unodc", "role": "observer", "sentence": 2}
        ],
        "events": [
            {"name": "4th Dialogue on an Effective Multilateral Policing Architecture against Global Threats",
             "aliases": ["the Dialogue"], "date": "2020-05-20", "mode": "virtual",
             "organiser": "interpol", "location": null,
             "next": {"date": "2021", "location": "Tunisia"}}
        ]
    })
}

#[test]
fn spec_example_validates_and_round_trips_through_the_record_type() {
    let validator = validator();
    let example = spec_example();
    assert_eq!(schema_errors(&validator, &example), Vec::<String>::new());
    let record: pressx::record::Record =
        serde_json::from_value(example.clone()).expect("the record type reads it");
    let back = serde_json::to_value(&record).expect("serialises");
    assert_eq!(check::diff(&example, &back), Vec::<String>::new());
}

#[test]
fn a_record_with_a_bad_field_fails_validation() {
    let validator = validator();
    // (name, JSON pointer to change, new value); None removes the field.
    let cases: &[(&str, &str, Option<Value>)] = &[
        ("wrong schema name", "/schema", Some(json!("pressx/2"))),
        ("id not a string", "/id", Some(json!(7))),
        ("missing sentences", "/sentences", None),
        ("negative offset", "/sentences/0/start", Some(json!(-1))),
        (
            "offset not an integer",
            "/sentences/1/end",
            Some(json!(41.5)),
        ),
        ("published not ISO", "/published", Some(json!("15/06/2022"))),
        ("unknown top-level field", "/extra", Some(json!(true))),
        (
            "unknown organisation kind",
            "/organisations/0/kind",
            Some(json!("club")),
        ),
        (
            "organisation id with capitals",
            "/organisations/0/id",
            Some(json!("INTERPOL")),
        ),
        (
            "empty mentions",
            "/organisations/0/mentions",
            Some(json!([])),
        ),
        (
            "mention without sentence",
            "/people/0/mentions/0/sentence",
            None,
        ),
        (
            "bad granularity",
            "/dates/0/granularity",
            Some(json!("week")),
        ),
        (
            "country not alpha-2",
            "/locations/0/country",
            Some(json!("Tunisia")),
        ),
        (
            "participant with both parties",
            "/participants/0/country",
            Some(json!("DZ")),
        ),
        (
            "participant with neither party",
            "/participants/2/organisation",
            None,
        ),
        ("bad role", "/participants/0/role", Some(json!("guest"))),
        ("bad mode", "/events/0/mode", Some(json!("online"))),
        ("next without location", "/events/0/next/location", None),
    ];
    let mut passed = Vec::new();
    for (name, pointer, value) in cases {
        let mut record = spec_example();
        let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
        let target = record
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("{name}: no {parent}"));
        match (target, value) {
            (Value::Object(map), Some(v)) => {
                map.insert(key.to_string(), v.clone());
            }
            (Value::Object(map), None) => {
                assert!(map.remove(key).is_some(), "{name}: nothing at {pointer}");
            }
            (Value::Array(items), Some(v)) => {
                items[key.parse::<usize>().expect("an index")] = v.clone()
            }
            _ => panic!("{name}: cannot edit {pointer}"),
        }
        if validator.is_valid(&record) {
            passed.push(*name);
        }
    }
    assert!(passed.is_empty(), "these bad records validated: {passed:?}");
}

/// `fixtures/explain/`: golden records written with `--explain`
/// (`pressx check fixtures/explain --explain --bless`). `check` sees the
/// `explain` fields and compares with them on, so a diff also says what
/// produced a mention that moved.
fn explain_fixtures() -> Vec<PathBuf> {
    check::fixtures(&fixtures_dir().join("explain")).expect("fixtures/explain is readable")
}

#[test]
fn explain_fixtures_match_and_validate() {
    let resources = Resources::builtin();
    let validator = validator();
    let all = explain_fixtures();
    assert!(all.len() >= 2, "found {} explain fixtures", all.len());
    let mut failures = Vec::new();
    for txt in &all {
        let name = txt.display();
        let golden = std::fs::read_to_string(txt.with_extension("json")).unwrap_or_default();
        assert!(
            check::carries_explain(&golden),
            "{name}: its golden record has no explain"
        );
        // Options without `explain`: the golden file turns it on.
        match check::check_one(txt, &resources, &Options::default(), false) {
            Outcome::Match => {}
            Outcome::Mismatch(diffs) => failures.push(format!("{name}:\n  {}", diffs.join("\n  "))),
            other => failures.push(format!("{name}: {other:?}")),
        }
        let record: Value = serde_json::from_str(&golden).expect("golden is JSON");
        for e in schema_errors(&validator, &record) {
            failures.push(format!("{name}: {e}"));
        }
        // Every mention, date and participant says what produced it.
        let mut items: Vec<&Value> = Vec::new();
        for layer in ["organisations", "people", "locations"] {
            for entry in record[layer].as_array().into_iter().flatten() {
                items.extend(entry["mentions"].as_array().into_iter().flatten());
            }
        }
        for layer in ["dates", "participants"] {
            items.extend(record[layer].as_array().into_iter().flatten());
        }
        for item in items {
            let why = item["explain"].as_str().unwrap_or("");
            if why.is_empty() || why == "unknown" {
                failures.push(format!("{name}: {item} has no explain"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_changed_mention_diff_says_what_produced_it() {
    // The seed's golden record with one provenance edited: check names the path.
    let txt = fixtures_dir().join("explain/sco-rats-dialogue.txt");
    let golden = std::fs::read_to_string(txt.with_extension("json")).expect("golden");
    let mut expected: Value = serde_json::from_str(&golden).expect("JSON");
    expected["organisations"][1]["mentions"][0]["explain"] = json!("gazetteer mine.tsv:1");
    let got = check::expected_json(
        &txt,
        &Resources::builtin(),
        &Options {
            explain: true,
            ..Options::default()
        },
    )
    .expect("extracts");
    let got: Value = serde_json::from_str(&got).expect("JSON");
    let diffs = check::diff(&expected, &got);
    assert_eq!(diffs.len(), 1, "{diffs:?}");
    assert!(
        diffs[0].starts_with("organisations[1].mentions[0].explain")
            && diffs[0].contains("gazetteer organisations.tsv:"),
        "{}",
        diffs[0]
    );
}
