//! `-o DIR` with untrusted document ids: nothing is written outside DIR
//! whatever the id, no symlink inside DIR is written through, no input file
//! is overwritten, and two documents naming the same file do not silently
//! overwrite each other.

mod common;

use common::{Scratch, assert_no_panic, run, show};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Every path under `root` (symlinks not followed), relative to it.
fn tree(root: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).expect("readable").flatten() {
            let p = e.path();
            out.insert(p.strip_prefix(root).expect("under root").to_path_buf());
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p);
            }
        }
    }
    out
}

fn jsonl(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| {
            serde_json::json!({"id": id, "text": format!("Europol met ({id}).")}).to_string() + "\n"
        })
        .collect()
}

fn arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn hostile_ids_never_write_outside_the_folder() {
    let s = Scratch::new("ids");
    let out_dir = s.path("work/out");
    fs::create_dir_all(&out_dir).expect("out");
    let ids = [
        "../escaped",
        "../../escaped2",
        "a/../../escaped3",
        "/tmp/pressx-absolute-escape",
        &format!("{}/abs", s.path("work").display()),
        "nul\0byte",
        "",
        ".",
        "./",
        "..",
        "ok",
        "sub/deeper/ok2",
    ];
    let before = tree(&s.0);
    // Run from inside the output folder's parent, so a relative escape would land in view.
    let out = common::run_in(
        Some(&s.path("work")),
        &["extract", "--input", "jsonl", "-o", "out/"],
        jsonl(&ids).as_bytes(),
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let after = tree(&s.0);
    let added: Vec<_> = after.difference(&before).collect();
    let want = [
        "work/out/ok.json",
        "work/out/sub",
        "work/out/sub/deeper",
        "work/out/sub/deeper/ok2.json",
    ];
    assert_eq!(added, want.map(PathBuf::from).iter().collect::<Vec<_>>());
    assert!(!Path::new("/tmp/pressx-absolute-escape.json").exists());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.matches("cannot name a file inside the output folder")
            .count(),
        10,
        "{err}"
    );
}

#[test]
#[cfg(unix)]
fn symlinks_inside_the_folder_are_not_written_through() {
    use std::os::unix::fs::symlink;
    let s = Scratch::new("links");
    let outside = s.path("outside");
    fs::create_dir_all(&outside).expect("outside");
    let victim = s.write("outside/victim.json", "precious");
    let out_dir = s.path("out");
    fs::create_dir_all(&out_dir).expect("out");
    symlink(&outside, out_dir.join("linkdir")).expect("dir link");
    symlink(&victim, out_dir.join("file.json")).expect("file link");
    let out = run(
        &["extract", "--input", "jsonl", "-o", &arg(&out_dir)],
        jsonl(&["linkdir/victim", "linkdir/new", "file", "fine"]).as_bytes(),
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert_eq!(fs::read_to_string(&victim).expect("victim"), "precious");
    assert_eq!(
        tree(&outside),
        BTreeSet::from([PathBuf::from("victim.json")])
    );
    assert!(
        out_dir.join("file.json").is_symlink(),
        "the link itself is left alone"
    );
    assert!(out_dir.join("fine.json").is_file());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.matches("is a symlink; not writing through it").count(),
        3,
        "{err}"
    );
}

#[test]
fn input_files_are_never_overwritten() {
    let s = Scratch::new("inputs");
    // A document read from a .json file would get that same name in its folder.
    let input = s.write("docs/a.json", "Europol met INTERPOL.");
    let out = run(
        &[
            "extract",
            &arg(&input),
            &arg(&s.path("docs/b.txt")),
            "-o",
            &arg(&s.path("docs")),
        ],
        b"",
    );
    assert_no_panic(&out);
    assert_eq!(
        fs::read_to_string(&input).expect("input"),
        "Europol met INTERPOL."
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("is an input file; not overwriting it"));
    // -o FILE naming an input, directly or as a file a searched folder holds.
    let txt = s.write("docs/c.txt", "Europol met.");
    for (target, inputs) in [
        (arg(&txt), vec![arg(&txt)]),
        (arg(&txt), vec![arg(&s.path("docs"))]),
    ] {
        let mut args = vec!["extract".to_string()];
        args.extend(inputs);
        args.extend(["-o".into(), target]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args, b"");
        assert_eq!(out.status.code(), Some(2), "{}", show(&out));
        assert!(String::from_utf8_lossy(&out.stderr).contains("is an input of this run"));
        assert_eq!(fs::read_to_string(&txt).expect("input"), "Europol met.");
    }
}

#[test]
fn two_documents_with_the_same_file_do_not_overwrite_each_other() {
    let s = Scratch::new("same");
    let out_dir = s.path("out");
    fs::create_dir_all(&out_dir).expect("out");
    let lines = [
        r#"{"id":"x","text":"First."}"#,
        r#"{"id":"x","text":"Second."}"#,
        r#"{"id":"d/y","text":"Third."}"#,
        r#"{"id":"d//y/","text":"Fourth."}"#,
    ]
    .join("\n");
    let out = run(
        &[
            "extract",
            "--input",
            "jsonl",
            "--include-text",
            "-o",
            &arg(&out_dir),
        ],
        lines.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let text_of = |p: &str| {
        let v: serde_json::Value =
            serde_json::from_slice(&fs::read(out_dir.join(p)).expect("written")).expect("JSON");
        v["text"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(text_of("x.json"), "First.");
    assert_eq!(text_of("d/y.json"), "Third.");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("not overwriting it").count(), 2, "{err}");
    // A rerun replaces the files of the earlier run: that is not a clash.
    let again = run(
        &["extract", "--input", "jsonl", "-o", &arg(&out_dir)],
        br#"{"id":"x","text":"New."}"#,
    );
    assert_eq!(again.status.code(), Some(0), "{}", show(&again));
}

#[test]
fn html_pages_cannot_take_the_index_page() {
    let s = Scratch::new("index");
    let out_dir = s.path("out");
    fs::create_dir_all(&out_dir).expect("out");
    let out = run(
        &[
            "extract",
            "--input",
            "jsonl",
            "--format",
            "html",
            "-o",
            &arg(&out_dir),
        ],
        jsonl(&["index", "other"]).as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is kept for the index page"));
    assert!(out_dir.join("other.html").is_file() && out_dir.join("index.html").is_file());
}
