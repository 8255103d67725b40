//! The `pressx` command: clap arguments turned once into a checked
//! configuration, documents fed to the library on worker threads, records
//! written in input order, exit codes (0 all well, 1 a document failed or a
//! check mismatched, 2 bad usage or a bad gazetteer).

use clap::{Args, Parser, Subcommand, ValueEnum};
use pressx::check::{self, Outcome};
use pressx::error::Error;
use pressx::export::{self, Flat};
use pressx::gazetteer::Gazetteers;
use pressx::input::{self, Failed, InputConfig, InputFormat, Source};
use pressx::output::{Inputs, OutputDir};
use pressx::record::{self, ErrorRecord, to_record};
use pressx::{Date, DateOrder, Options, Resources, batch, eval, schema};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The text read but not yet written, at most (plus one document): with
/// long documents it is this, not the count of documents in flight, that
/// bounds memory (each document's record and layers take a few times its text).
const IN_FLIGHT_BYTES: usize = 4 << 20;

/// mimalloc: the pipeline makes many small, short-lived allocations per
/// document, and glibc's allocator spent about a tenth of the run on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "pressx",
    version,
    about = "Turn press releases into structured data (JSON records, schema pressx/1)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract records from files, folders (searched recursively for *.txt) or stdin (`-`, or no path)
    Extract(ExtractArgs),
    /// For each X.txt in DIR compare `extract X.txt` with X.json; --bless rewrites the .json
    Check {
        /// Folder of NAME.txt + NAME.json pairs
        dir: PathBuf,
        /// Rewrite the golden .json files from the current output
        #[arg(long)]
        bless: bool,
        /// Compare (or bless) with `explain` for every fixture, not only those whose golden record has it
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Score against gold annotations (<id>.txt + <id>.gold.json)
    Eval {
        /// Folder of gold annotations
        gold_dir: PathBuf,
        /// Show, per document, what was missed and what was spurious
        #[arg(long, short)]
        verbose: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Print the JSON Schema of the output record
    Schema,
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
    /// Gazetteer tools
    Gazetteer {
        #[command(subcommand)]
        command: GazetteerCommand,
    },
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Validate gazetteer files (or folders of *.tsv): every bad line as file:line: reason
    Lint {
        /// Files or folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Args, Clone)]
struct Common {
    /// Extra gazetteer files or folders, merged over the built-in ones
    #[arg(long, value_name = "PATH")]
    gazetteer: Vec<PathBuf>,
    /// How to read all-numeric dates such as 05/06/2021
    #[arg(long, value_enum, default_value = "dmy")]
    date_order: Order,
}

#[derive(Clone, Copy, ValueEnum)]
enum Order {
    Dmy,
    Mdy,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputKind {
    Text,
    Jsonl,
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Jsonl,
    Html,
    /// One row per participant, tab-separated
    Tsv,
    /// One row per participant, comma-separated (RFC 4180)
    Csv,
    /// One row per mention, tab-separated
    MentionsTsv,
}

impl Format {
    /// The flat export this format is, if it is one.
    fn flat(self) -> Option<Flat> {
        match self {
            Format::Tsv | Format::MentionsTsv => Some(Flat::Tsv),
            Format::Csv => Some(Flat::Csv),
            _ => None,
        }
    }
}

#[derive(Args)]
struct ExtractArgs {
    /// Files, folders, or - for stdin (the default)
    paths: Vec<PathBuf>,
    /// How the input is laid out
    #[arg(long, value_enum, default_value = "text")]
    input: InputKind,
    /// Output format (default: json for one document, jsonl for more)
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write to FILE, or one <id>.json per document into DIR (an existing folder or a path ending in /)
    #[arg(short, long, value_name = "FILE|DIR")]
    output: Option<PathBuf>,
    /// Input encoding when not UTF-8 (windows-1252, latin1, utf-16, …)
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// Release date (YYYY-MM-DD) that relative dates resolve against
    #[arg(long, value_name = "YYYY-MM-DD")]
    published: Option<String>,
    /// The record carries the text its offsets refer to
    #[arg(long)]
    include_text: bool,
    /// Each mention and participant says what produced it (gazetteer file:line, cue, date pattern)
    #[arg(long)]
    explain: bool,
    /// Larger documents (and jsonl lines) get an error record instead of
    /// being read: a number of bytes, with an optional K, M or G (binary
    /// multiples), or `none`. The default, 64M, is thousands of times a
    /// press release and keeps memory bounded whatever a corpus holds.
    #[arg(long, value_name = "N", default_value = "64M", value_parser = parse_size)]
    max_bytes: MaxBytes,
    /// No progress line and no per-document error lines on stderr (error records and the exit status still tell)
    #[arg(short, long)]
    quiet: bool,
    /// Worker threads (default: all cores); output order never changes
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    #[command(flatten)]
    common: Common,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => run_extract(args),
        Command::Check {
            dir,
            bless,
            explain,
            common,
        } => run_check(&dir, bless, explain, &common),
        Command::Eval {
            gold_dir,
            verbose,
            common,
        } => run_eval(&gold_dir, verbose, &common),
        Command::Gazetteer {
            command: GazetteerCommand::Lint { paths },
        } => run_lint(&paths),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "pressx", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = io::stdout().lock();
            match clap_mangen::Man::new(cmd).render(&mut out) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
                Err(e) => Err(Error::Output {
                    path: "stdout".into(),
                    error: e.to_string(),
                }),
            }
        }
        Command::Schema => {
            let mut out = io::stdout().lock();
            let _ = writeln!(out, "{}", schema::SCHEMA_JSON.trim_end());
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pressx: {e}");
            ExitCode::from(2)
        }
    }
}

fn load_resources(common: &Common) -> Result<(Resources, Options), Error> {
    let gazetteers = Gazetteers::with_user(&common.gazetteer)?;
    let resources = Resources::new(&gazetteers)?;
    let date_order = match common.date_order {
        Order::Dmy => DateOrder::Dmy,
        Order::Mdy => DateOrder::Mdy,
    };
    Ok((
        resources,
        Options {
            date_order,
            ..Options::default()
        },
    ))
}

/// Where records go.
enum Sink {
    /// stdout, or a file written through a temporary and renamed at the end.
    Stream {
        out: Box<dyn Write>,
        temp: Option<(PathBuf, PathBuf)>,
    },
    /// One `<id>.json` (or `<id>.html`) per document.
    Dir {
        dir: OutputDir,
        /// With html: (id, title) of each page, for the index page.
        index: Option<Vec<(String, Option<String>)>>,
    },
}

/// `--max-bytes`: the limit, or `None` for none.
#[derive(Clone, Copy)]
struct MaxBytes(Option<u64>);

/// `--max-bytes`: `none`, or bytes with an optional K, M or G suffix (KiB, MiB, GiB).
fn parse_size(s: &str) -> Result<MaxBytes, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(MaxBytes(None));
    }
    let (digits, shift) = match s.as_bytes().last().map(u8::to_ascii_uppercase) {
        Some(b'K') => (&s[..s.len() - 1], 10),
        Some(b'M') => (&s[..s.len() - 1], 20),
        Some(b'G') => (&s[..s.len() - 1], 30),
        _ => (s, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .map(|n| MaxBytes(Some(n)))
        .ok_or_else(|| format!("{s:?} is not a size (e.g. 1000000, 512K, 64M, 2G or none)"))
}

/// One processed document, ready to write.
struct Done {
    id: String,
    title: Option<String>,
    bytes: Vec<u8>,
}

fn run_extract(args: ExtractArgs) -> Result<ExitCode, Error> {
    let (resources, mut options) = load_resources(&args.common)?;
    options.explain = args.explain;
    // Built once and used until the process exits: freeing their many small
    // allocations one by one would cost a small run more than extracting.
    let resources: &Resources = Box::leak(Box::new(resources));
    if let Some(p) = &args.published {
        options.published =
            Some(Date::parse_iso(p).ok_or_else(|| {
                Error::Usage(format!("--published {p:?} is not a YYYY-MM-DD date"))
            })?);
    }
    let encoding = match &args.encoding {
        None => None,
        Some(name) => Some(input::encoding_for(name).ok_or_else(|| {
            Error::Usage(format!(
                "--encoding {name:?} is not an encoding pressx knows"
            ))
        })?),
    };
    let config = InputConfig {
        format: match args.input {
            InputKind::Jsonl => InputFormat::Jsonl,
            InputKind::Html => InputFormat::Html,
            InputKind::Text => InputFormat::Text,
        },
        encoding,
        max_bytes: args.max_bytes.0,
    };
    let single = args.input != InputKind::Jsonl
        && args.paths.len() <= 1
        && !args.paths.first().is_some_and(|p| p.is_dir());
    let to_dir = args.output.as_deref().is_some_and(is_dir_target);
    let format = args.format.unwrap_or(if single || to_dir {
        Format::Json
    } else {
        Format::Jsonl
    });
    if format == Format::Html && !single && !to_dir {
        return Err(Error::Usage(
            "--format html with several documents needs -o DIR (one page each, plus index.html)"
                .into(),
        ));
    }
    let threads = match args.jobs {
        Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
        // One document: no worker threads to start.
        _ if single => 1,
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let inputs = Inputs::new(
        &args.paths,
        match args.input {
            InputKind::Jsonl => &["jsonl"],
            InputKind::Html => &["html", "htm"],
            InputKind::Text => &["txt"],
        },
    );
    let mut sink = open_sink(args.output.as_deref(), format, inputs)?;
    // The flat formats' header: once per run on a stream, once per file in a folder.
    if let (Some(flat), Sink::Stream { out, .. }) = (format.flat(), &mut sink) {
        let header = if format == Format::MentionsTsv {
            export::mentions_header(args.explain)
        } else {
            export::header(flat)
        };
        if let Err(e) = out.write_all(header.as_bytes()) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(Error::Output {
                path: args.output.clone().unwrap_or_else(|| "stdout".into()),
                error: e.to_string(),
            });
        }
    }
    let include_text = args.include_text;
    let explain = args.explain;
    let work = |item: Result<Source, Failed>| -> Result<Done, Failed> {
        let loaded = input::load(item?, &config)?;
        let mut opts = options.clone();
        if loaded.published.is_some() {
            opts.published = loaded.published;
        }
        let doc = pressx::extract_owned(loaded.id, loaded.text, resources, &opts);
        let bytes = match format {
            Format::Html => {
                pressx::html::page(&to_record(&doc, include_text), &doc.text).into_bytes()
            }
            Format::Tsv | Format::Csv | Format::MentionsTsv => {
                let record = to_record(&doc, include_text);
                let flat = format
                    .flat()
                    .expect("tsv, csv and mentions-tsv are flat formats");
                let (header, rows) = if format == Format::MentionsTsv {
                    (
                        export::mentions_header(explain),
                        export::render(&export::mention_rows(&record, explain), flat),
                    )
                } else {
                    (
                        export::header(flat),
                        export::render(&export::rows(&record, resources), flat),
                    )
                };
                if to_dir {
                    (header + &rows).into_bytes()
                } else {
                    rows.into_bytes()
                }
            }
            Format::Json | Format::Jsonl => {
                // Sized so that a typical record (about four times its text) is
                // written without growing the buffer.
                let mut bytes =
                    Vec::with_capacity(4096 + doc.text.len() * if include_text { 5 } else { 4 });
                record::write_json(&doc, include_text, format == Format::Json, &mut bytes);
                bytes.push(b'\n');
                bytes
            }
        };
        Ok(Done {
            title: doc.title.map(|t| t.of(&doc.text).to_string()),
            id: doc.id,
            bytes,
        })
    };
    let mut failed = 0usize;
    let progress = Progress::new(args.quiet);
    let result = batch::ordered(
        input::sources(&args.paths, config),
        threads,
        batch::Window {
            items: threads * 16,
            bytes: IN_FLIGHT_BYTES,
        },
        |item| match item {
            Ok(Source::Bytes { bytes, .. } | Source::JsonlLine { bytes, .. }) => bytes.len(),
            // Read by the worker: its size on disk, when known.
            Ok(Source::File { path, .. }) => {
                std::fs::metadata(path).map_or(0, |m| m.len() as usize)
            }
            Err(_) => 0,
        },
        work,
        |out| {
            progress.tick();
            write_one(&mut sink, out, format, &mut failed, args.quiet)
        },
    );
    progress.finish();
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => {
            return Err(Error::Output {
                path: args.output.clone().unwrap_or_else(|| "stdout".into()),
                error: e.to_string(),
            });
        }
    }
    finish_sink(sink)?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `-o` names a folder: an existing one, or a path ending in `/`.
fn is_dir_target(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/')
}

fn open_sink(output: Option<&Path>, format: Format, inputs: Inputs) -> Result<Sink, Error> {
    let Some(path) = output else {
        return Ok(Sink::Stream {
            out: Box::new(BufWriter::with_capacity(1 << 16, io::stdout())),
            temp: None,
        });
    };
    let out_err = |e: io::Error| Error::Output {
        path: path.to_path_buf(),
        error: e.to_string(),
    };
    if is_dir_target(path) {
        let html = format == Format::Html;
        let ext = match format {
            Format::Html => "html",
            Format::Tsv | Format::MentionsTsv => "tsv",
            Format::Csv => "csv",
            Format::Json | Format::Jsonl => "json",
        };
        let mut dir = OutputDir::create(path, ext, inputs).map_err(out_err)?;
        if html {
            dir.reserve("index", "the index page");
        }
        return Ok(Sink::Dir {
            dir,
            index: html.then(Vec::new),
        });
    }
    if inputs.contains(path) {
        return Err(Error::Usage(format!(
            "-o {}: is an input of this run; not overwriting it",
            path.display()
        )));
    }
    let (temp, file) = pressx::output::create_temp(path).map_err(out_err)?;
    Ok(Sink::Stream {
        out: Box::new(BufWriter::with_capacity(1 << 16, file)),
        temp: Some((temp, path.to_path_buf())),
    })
}

fn finish_sink(sink: Sink) -> Result<(), Error> {
    if let Sink::Dir {
        dir,
        index: Some(pages),
        ..
    } = &sink
    {
        let path = dir.root().join("index.html");
        pressx::output::write_atomic(&path, pressx::html::index(pages).as_bytes()).map_err(
            |e| Error::Output {
                path,
                error: e.to_string(),
            },
        )?;
    }
    if let Sink::Stream { mut out, temp } = sink {
        let flushed = out.flush();
        drop(out);
        match (flushed, temp) {
            (Err(e), _) if e.kind() == io::ErrorKind::BrokenPipe => {}
            (Err(e), temp) => {
                let path = temp.map_or_else(|| PathBuf::from("stdout"), |(_, p)| p);
                return Err(Error::Output {
                    path,
                    error: e.to_string(),
                });
            }
            (Ok(()), Some((temp, path))) => {
                std::fs::rename(&temp, &path).map_err(|e| Error::Output {
                    path,
                    error: e.to_string(),
                })?;
            }
            (Ok(()), None) => {}
        }
    }
    Ok(())
}

fn write_one(
    sink: &mut Sink,
    out: Result<Done, Failed>,
    format: Format,
    failed: &mut usize,
    quiet: bool,
) -> io::Result<()> {
    let Done { id, title, bytes } = match out {
        Ok(ok) => ok,
        Err(f) => {
            *failed += 1;
            if !quiet {
                eprintln!("pressx: {}: {}", f.origin, f.error);
            }
            if let (Sink::Stream { out, .. }, Format::Jsonl) = (&mut *sink, format) {
                let rec = ErrorRecord {
                    id: f.id,
                    error: f.error.to_string(),
                };
                let mut line = serde_json::to_vec(&rec).expect("two strings always serialise");
                line.push(b'\n');
                out.write_all(&line)?;
            }
            return Ok(());
        }
    };
    match sink {
        Sink::Stream { out, .. } => out.write_all(&bytes),
        Sink::Dir { dir, index } => {
            match dir.write(&id, &bytes) {
                Ok(_) => {
                    if let Some(pages) = index {
                        pages.push((id, title));
                    }
                }
                Err(e) => {
                    *failed += 1;
                    if !quiet {
                        eprintln!("pressx: {id}: {e}");
                    }
                }
            }
            Ok(())
        }
    }
}

fn run_check(dir: &Path, bless: bool, explain: bool, common: &Common) -> Result<ExitCode, Error> {
    let (resources, mut options) = load_resources(common)?;
    options.explain = explain;
    let fixtures = check::fixtures(dir)?;
    let mut stdout = io::stdout().lock();
    let colour = {
        use std::io::IsTerminal;
        stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    };
    let (mut ok, mut bad) = (0, 0);
    for txt in &fixtures {
        let name = txt.display();
        let line = match check::check_one(txt, &resources, &options, bless) {
            Outcome::Match => {
                ok += 1;
                continue;
            }
            Outcome::Blessed => {
                ok += 1;
                format!("blessed {}", txt.with_extension("json").display())
            }
            Outcome::Missing => {
                bad += 1;
                format!(
                    "{name}: no {} (run with --bless to write it)",
                    txt.with_extension("json").display()
                )
            }
            Outcome::Failed(e) => {
                bad += 1;
                format!("{name}: {e}")
            }
            Outcome::Mismatch(diffs) => {
                bad += 1;
                let mut s = format!("{name}: {} difference(s)", diffs.len());
                for d in diffs.iter().take(40) {
                    s.push_str("\n  ");
                    s.push_str(&d.replace('\n', "\n  "));
                }
                if diffs.len() > 40 {
                    s.push_str(&format!("\n  … and {} more", diffs.len() - 40));
                }
                s
            }
        };
        let line = if colour { paint(&line) } else { line };
        if writeln!(stdout, "{line}").is_err() {
            break;
        }
    }
    let _ = writeln!(stdout, "{} fixture(s): {ok} ok, {bad} not", fixtures.len());
    Ok(if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_eval(dir: &Path, verbose: bool, common: &Common) -> Result<ExitCode, Error> {
    let (resources, options) = load_resources(common)?;
    let report = eval::evaluate(dir, &resources, &options, verbose)?;
    let mut stdout = io::stdout().lock();
    if verbose {
        let _ = write!(stdout, "{}", report.details);
    }
    let _ = write!(stdout, "{}", report.table());
    Ok(ExitCode::SUCCESS)
}

/// Lints gazetteer files: every bad line, then what only the merge with the
/// built-ins can tell (an unknown parent id). Exit 2 when anything is wrong.
fn run_lint(paths: &[PathBuf]) -> Result<ExitCode, Error> {
    let mut errors = 0usize;
    let mut files = 0usize;
    for p in paths {
        for path in pressx::gazetteer::files_under(p)? {
            files += 1;
            let shown = path.display().to_string();
            let text = match std::fs::read(&path).map(String::from_utf8) {
                Ok(Ok(t)) => t,
                Ok(Err(_)) => {
                    errors += 1;
                    eprintln!("pressx: {shown}: not valid UTF-8");
                    continue;
                }
                Err(e) => {
                    errors += 1;
                    eprintln!("pressx: {shown}: cannot read: {e}");
                    continue;
                }
            };
            let (file, found) = pressx::gazetteer::parse_all(&shown, &text);
            errors += found.len();
            for e in &found {
                eprintln!("pressx: {e}");
            }
            if file.is_some() && found.is_empty() {
                if let Err(e) = Gazetteers::with_user(std::slice::from_ref(&path))
                    .and_then(|g| Resources::new(&g))
                {
                    errors += 1;
                    eprintln!("pressx: {e}");
                }
            }
        }
    }
    println!("{files} file(s), {errors} problem(s)");
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress line on stderr: only when stderr is a terminal, not `--quiet`,
/// and the batch is large (it appears after the first thousand documents).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    const SHOW_AFTER: u64 = 1000;

    fn new(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                None,
                indicatif::ProgressDrawTarget::hidden(),
            );
            let style = indicatif::ProgressStyle::with_template(
                "{spinner} {human_pos} documents, {per_sec}, {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
            bar.set_style(style);
            bar
        });
        Progress { bar }
    }

    fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if bar.position() == Self::SHOW_AFTER {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Colours a check report for a terminal: missing items red, unexpected green.
fn paint(report: &str) -> String {
    report
        .lines()
        .map(|l| match l.trim_start().chars().next() {
            Some('-') => format!("\x1b[31m{l}\x1b[0m"),
            Some('+') => format!("\x1b[32m{l}\x1b[0m"),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
