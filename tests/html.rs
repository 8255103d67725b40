//! The HTML view in a real browser: the seed's page rendered by headless
//! Chromium, its DOM checked for one highlight per mention, and a
//! screenshot taken. `.ci/run` installs Debian's chromium when missing and
//! sets PRESSX_REQUIRE_CHROMIUM=1, so in CI a missing browser fails the
//! test; elsewhere the browser part is skipped with a message.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let out = Command::new("which").arg(name).output().ok()?;
            out.status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        })
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pressx-html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn seed_page(dir: &Path) -> (PathBuf, serde_json::Value) {
    let bin = env!("CARGO_BIN_EXE_pressx");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sco-rats-dialogue.txt");
    let page = dir.join("seed.html");
    let out = Command::new(bin)
        .args(["extract", "--format", "html"])
        .arg(&seed)
        .output()
        .expect("run pressx");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&page, &out.stdout).expect("write page");
    let json = Command::new(bin)
        .arg("extract")
        .arg(&seed)
        .output()
        .expect("run pressx");
    (
        page,
        serde_json::from_slice(&json.stdout).expect("json record"),
    )
}

fn chromium_args(dir: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(std::iter::once(format!(
        "--user-data-dir={}",
        dir.join("profile").display()
    )))
    .collect()
}

/// (class, text) of every `<mark>` in a serialised DOM, legend included.
fn marks(dom: &str) -> Vec<(String, String)> {
    dom.split("<mark class=\"")
        .skip(1)
        .filter_map(|rest| {
            let class = rest.split('"').next()?.to_string();
            let text = rest.split_once('>')?.1.split("</mark>").next()?.to_string();
            Some((class, text))
        })
        .collect()
}

#[test]
fn seed_page_highlights_every_mention_in_chromium() {
    let dir = temp_dir("dom");
    let (page, record) = seed_page(&dir);
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("PRESSX_REQUIRE_CHROMIUM").is_none(),
            "chromium is required but missing"
        );
        eprintln!("skipped: no chromium on this machine (.ci/run installs it)");
        return;
    };
    let out = Command::new(&browser)
        .args(chromium_args(&dir))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("</html>"),
        "no DOM from chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = marks(&dom);
    // Four legend marks, then one per mention.
    let mentioned = |layer: &str| -> Vec<String> {
        record[layer]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|e| e["mentions"].as_array().cloned().unwrap_or_default())
            .filter_map(|m| m["text"].as_str().map(str::to_string))
            .collect()
    };
    let dates: Vec<String> = record["dates"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["text"].as_str().map(str::to_string))
        .collect();
    for (class, layer_texts) in [
        ("org", mentioned("organisations")),
        ("person", mentioned("people")),
        ("place", mentioned("locations")),
        ("date", dates),
    ] {
        let mut got: Vec<String> = found
            .iter()
            .filter(|(c, _)| c == class)
            .map(|(_, t)| t.replace("&amp;", "&"))
            .skip(1)
            .collect();
        let mut want = layer_texts;
        got.sort();
        want.sort();
        assert_eq!(got, want, "{class} highlights");
    }
    assert!(
        dom.contains("id=\"participants\"")
            || record["participants"]
                .as_array()
                .is_some_and(|p| p.is_empty())
    );
}

#[test]
fn seed_page_screenshot() {
    let dir = temp_dir("shot");
    let (page, _) = seed_page(&dir);
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("PRESSX_REQUIRE_CHROMIUM").is_none(),
            "chromium is required but missing"
        );
        eprintln!("skipped: no chromium on this machine");
        return;
    };
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("seed-page.png");
    let _ = std::fs::remove_file(&shot);
    let out = Command::new(&browser)
        .args(chromium_args(&dir))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1280,1400")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let png = std::fs::read(&shot)
        .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    assert!(png.len() > 10_000, "suspiciously small screenshot");
}

#[test]
fn script_in_a_release_is_shown_as_text() {
    let dir = temp_dir("escape");
    let input = dir.join("evil.txt");
    std::fs::write(
        &input,
        "Alert\n\nThe text holds <script>document.title='owned'</script> & more.",
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_pressx"))
        .args(["extract", "--format", "html"])
        .arg(&input)
        .output()
        .expect("run pressx");
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(!page.contains("<script"), "{page}");
    assert!(
        page.contains("&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt; &amp; more.")
    );
    if let Some(browser) = chromium() {
        let page_path = dir.join("evil.html");
        std::fs::write(&page_path, page.as_bytes()).expect("write page");
        let dom = Command::new(&browser)
            .args(chromium_args(&dir))
            .arg("--dump-dom")
            .arg(format!("file://{}", page_path.display()))
            .output()
            .expect("run chromium");
        let dom = String::from_utf8_lossy(&dom.stdout);
        assert!(
            dom.contains("<title>Alert — pressx</title>"),
            "the script ran or the page broke: {dom}"
        );
    }
}
