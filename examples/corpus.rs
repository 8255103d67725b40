//! Writes the benchmark corpus: `SIZE` bytes of release text (deterministic,
//! see `benches/corpus/mod.rs`) as `OUT/corpus.jsonl` (one
//! `{"id","text","published"?}` a line) and as `OUT/docs/NNNN/docNNNNNNN.txt`
//! (1,000 files a folder), then `OUT/DONE` naming what was written.
//!
//! ```sh
//! cargo run --release --example corpus -- --size 200M --out target/bench-corpus/200M
//! cargo run --release --example corpus -- --size 2G --no-folder
//! ```

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::io::{BufWriter, Write};
use std::path::PathBuf;

fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (num, mult) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1_000),
        'm' | 'M' => (&s[..s.len() - 1], 1_000_000),
        'g' | 'G' => (&s[..s.len() - 1], 1_000_000_000),
        _ => (s, 1),
    };
    num.parse::<u64>().ok().map(|n| n * mult)
}

fn usage() -> ! {
    eprintln!("usage: corpus [--size 200M] [--out DIR] [--seed N] [--no-folder]");
    std::process::exit(2);
}

fn main() -> std::io::Result<()> {
    let mut size = 200_000_000u64;
    let mut out: Option<PathBuf> = None;
    let mut seed = 0x5eed_u64;
    let mut folder = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--size" => {
                size = args
                    .next()
                    .and_then(|s| parse_size(&s))
                    .unwrap_or_else(|| usage())
            }
            "--out" => out = Some(args.next().unwrap_or_else(|| usage()).into()),
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--no-folder" => folder = false,
            _ => usage(),
        }
    }
    let out = out.unwrap_or_else(|| {
        corpus::crate_root()
            .join("target/bench-corpus")
            .join(format!("{size}"))
    });
    std::fs::create_dir_all(&out)?;
    let _ = std::fs::remove_file(out.join("DONE"));
    let docs_dir = out.join("docs");
    if docs_dir.exists() {
        std::fs::remove_dir_all(&docs_dir)?;
    }
    let vocab = corpus::Vocabulary::load(corpus::crate_root());
    let fixtures = vocab.fixtures.len();
    let orgs = vocab.orgs.len();
    let mut generator = corpus::Generator::new(vocab, seed);
    let mut jsonl =
        BufWriter::with_capacity(1 << 20, std::fs::File::create(out.join("corpus.jsonl"))?);
    let (mut bytes, mut n) = (0u64, 0u64);
    while bytes < size {
        let doc = generator.next_doc();
        let mut record = serde_json::json!({"id": doc.id, "text": doc.text});
        if let Some(p) = &doc.published {
            record["published"] = serde_json::Value::String(p.clone());
        }
        serde_json::to_writer(&mut jsonl, &record)?;
        jsonl.write_all(b"\n")?;
        if folder {
            let dir = docs_dir.join(format!("{:04}", n / 1000));
            if n % 1000 == 0 {
                std::fs::create_dir_all(&dir)?;
            }
            std::fs::write(dir.join(format!("{}.txt", doc.id)), &doc.text)?;
        }
        bytes += doc.text.len() as u64;
        n += 1;
    }
    jsonl.flush()?;
    let summary = format!(
        "documents {n}\ntext_bytes {bytes}\nseed {seed}\nfolder {folder}\nfixtures {fixtures}\norganisations {orgs}\n"
    );
    std::fs::write(out.join("DONE"), &summary)?;
    print!("{}: {summary}", out.display());
    Ok(())
}
