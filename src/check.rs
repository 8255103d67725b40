//! Golden comparison: for each `X.txt` in a folder, extract it and compare the
//! record with `X.json`; report each mismatch as a readable list of paths with
//! what was expected and what came out. `--bless` rewrites the `.json` files.
//! Used by `pressx check` and by the golden test (`tests/fixtures.rs`).
//!
//! A golden file whose record carries `explain` fields is compared with the
//! `--explain` output, so a diff also says what produced a changed mention;
//! `pressx check --explain` turns it on for every fixture (with `--bless`, to
//! write such golden files).

use crate::error::Error;
use crate::input::{self, InputConfig, Source};
use crate::record::to_record;
use crate::{Options, Resources, extract};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The outcome of checking one fixture.
#[derive(Debug)]
pub enum Outcome {
    /// The record equals the golden file.
    Match,
    /// The record differs; one line per difference.
    Mismatch(Vec<String>),
    /// There was no golden file (written when blessing).
    Missing,
    /// The golden file was rewritten (`--bless`).
    Blessed,
    /// The input or the golden file could not be read.
    Failed(String),
}

/// The fixtures of `dir`: every `*.txt` directly in it, sorted.
pub fn fixtures(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::Usage(format!("{}: cannot read folder: {e}", dir.display())))?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    out.sort();
    Ok(out)
}

/// The pretty JSON `pressx extract --format json` writes for `txt`, or why it failed.
pub fn expected_json(
    txt: &Path,
    resources: &Resources,
    options: &Options,
) -> Result<String, String> {
    let id = txt
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let loaded = input::load(
        Source::File {
            path: txt.to_path_buf(),
            id,
        },
        &InputConfig::default(),
    )
    .map_err(|f| f.error.to_string())?;
    let doc = extract(&loaded.id, &loaded.text, resources, options);
    let mut json = serde_json::to_string_pretty(&to_record(&doc, false))
        .map_err(|e| format!("cannot serialise: {e}"))?;
    json.push('\n');
    Ok(json)
}

/// Whether a golden file's record carries `explain` fields (a key; an
/// escaped `\"explain\":` inside a string value does not count).
pub fn carries_explain(golden: &str) -> bool {
    golden.contains("\"explain\":")
}

/// Checks (or, with `bless`, rewrites) the golden file of one fixture.
pub fn check_one(txt: &Path, resources: &Resources, options: &Options, bless: bool) -> Outcome {
    let golden = txt.with_extension("json");
    let old = std::fs::read_to_string(&golden).ok();
    let explain = options.explain || old.as_deref().is_some_and(carries_explain);
    let options = &Options {
        explain,
        ..options.clone()
    };
    let got = match expected_json(txt, resources, options) {
        Ok(g) => g,
        Err(e) => return Outcome::Failed(e),
    };
    if bless {
        if old.as_deref() == Some(got.as_str()) {
            return Outcome::Match;
        }
        return match std::fs::write(&golden, &got) {
            Ok(()) => Outcome::Blessed,
            Err(e) => Outcome::Failed(format!("{}: cannot write: {e}", golden.display())),
        };
    }
    let Some(old) = old else {
        return Outcome::Missing;
    };
    let expected: Value = match serde_json::from_str(&old) {
        Ok(v) => v,
        Err(e) => return Outcome::Failed(format!("{}: not JSON: {e}", golden.display())),
    };
    let got: Value = serde_json::from_str(&got).unwrap_or(Value::Null);
    let diffs = diff(&expected, &got);
    if diffs.is_empty() {
        Outcome::Match
    } else {
        Outcome::Mismatch(diffs)
    }
}

/// The differences between two JSON values, one line each, as
/// `path: expected X, got Y`; array items that differ in number are listed
/// as `- path[i]: missing item` and `+ path[j]: unexpected item`.
pub fn diff(expected: &Value, got: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff_at("", expected, got, &mut out);
    out
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 160 {
        let cut: String = s.chars().take(157).collect();
        format!("{cut}...")
    } else {
        s
    }
}

fn diff_at(path: &str, expected: &Value, got: &Value, out: &mut Vec<String>) {
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match b.get(k) {
                    Some(vb) => diff_at(&p, va, vb, out),
                    None => out.push(format!("{p}: expected {}, got nothing", short(va))),
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    out.push(format!("{p}: unexpected {}", short(vb)));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (va, vb)) in a.iter().zip(b).enumerate() {
                diff_at(&format!("{path}[{i}]"), va, vb, out);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            let mut line = format!("{path}: expected {} items, got {}", a.len(), b.len());
            for (i, va) in a.iter().enumerate().filter(|(_, v)| !b.contains(v)) {
                let _ = write!(line, "\n  - {path}[{i}]: {}", short(va));
            }
            for (j, vb) in b.iter().enumerate().filter(|(_, v)| !a.contains(v)) {
                let _ = write!(line, "\n  + {path}[{j}]: {}", short(vb));
            }
            out.push(line);
        }
        _ if expected != got => {
            out.push(format!(
                "{path}: expected {}, got {}",
                short(expected),
                short(got)
            ));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diffs_are_readable() {
        let cases: &[(&str, Value, Value, &[&str])] = &[
            ("equal", json!({"a": [1, 2]}), json!({"a": [1, 2]}), &[]),
            (
                "scalar",
                json!({"a": {"b": 1}}),
                json!({"a": {"b": 2}}),
                &["a.b: expected 1, got 2"],
            ),
            (
                "index",
                json!({"s": [{"end": 418}]}),
                json!({"s": [{"end": 417}]}),
                &["s[0].end: expected 418, got 417"],
            ),
            (
                "missing key",
                json!({"a": 1}),
                json!({}),
                &["a: expected 1, got nothing"],
            ),
            (
                "extra key",
                json!({}),
                json!({"a": 1}),
                &["a: unexpected 1"],
            ),
            (
                "lengths",
                json!({"o": ["x", "y"]}),
                json!({"o": ["x", "z", "w"]}),
                &["o: expected 2 items, got 3\n  - o[1]: \"y\"\n  + o[1]: \"z\"\n  + o[2]: \"w\""],
            ),
            (
                "type",
                json!({"a": null}),
                json!({"a": "x"}),
                &["a: expected null, got \"x\""],
            ),
        ];
        for (name, a, b, want) in cases {
            assert_eq!(diff(a, b), *want, "{name}");
        }
    }
}
