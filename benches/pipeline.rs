//! Criterion benchmarks: building the built-in resources, each pipeline
//! stage on its own (`pressx::pipeline::STAGES`), the whole pipeline, and JSON
//! writing, each over the same ~2 MB of generated release text
//! (`benches/corpus`), reported in bytes of text per second.
//!
//! ```sh
//! cargo bench --bench pipeline            # all
//! cargo bench --bench pipeline -- stage/  # the stages only
//! ```

mod corpus;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use pressx::pipeline::{STAGES, Scratch};
use pressx::{Document, Options, Resources};
use std::hint::black_box;
use std::time::Duration;

/// Bytes of text each measured iteration processes.
const SAMPLE_BYTES: usize = 2_000_000;

fn resources(c: &mut Criterion) {
    c.bench_function("resources/builtin", |b| b.iter(Resources::builtin));
}

fn stages_and_pipeline(c: &mut Criterion) {
    let docs = corpus::sample(SAMPLE_BYTES, 7);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let resources = Resources::builtin();
    let options = Options::default();
    let blank: Vec<(Document, Scratch)> = docs
        .iter()
        .map(|d| {
            let doc = Document {
                id: d.id.clone(),
                text: pressx::normalise_text(&d.text).into_owned(),
                ..Document::default()
            };
            (doc, Scratch::default())
        })
        .collect();

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    group.warm_up_time(Duration::from_secs(1));
    // Each stage gets documents that the stages before it have already tagged.
    let mut ready = blank;
    for (name, stage) in STAGES {
        group.bench_function(*name, |b| {
            b.iter_batched(
                || ready.clone(),
                |mut batch| {
                    for (doc, scratch) in &mut batch {
                        stage(doc, scratch, &resources, &options);
                    }
                    batch
                },
                BatchSize::PerIteration,
            )
        });
        for (doc, scratch) in &mut ready {
            stage(doc, scratch, &resources, &options);
        }
    }
    group.finish();

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.warm_up_time(Duration::from_secs(1));
    group.bench_function("extract", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(pressx::extract(&d.id, &d.text, &resources, &options));
            }
        })
    });
    let mut out = Vec::with_capacity(1 << 20);
    group.bench_function("write_json", |b| {
        b.iter(|| {
            for (doc, _) in &ready {
                out.clear();
                pressx::record::write_json(doc, false, false, &mut out);
                black_box(&out);
            }
        })
    });
    group.bench_function("extract+write_json", |b| {
        b.iter(|| {
            for d in &docs {
                let doc = pressx::extract(&d.id, &d.text, &resources, &options);
                out.clear();
                pressx::record::write_json(&doc, false, false, &mut out);
                black_box(&out);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, resources, stages_and_pipeline);
criterion_main!(benches);
