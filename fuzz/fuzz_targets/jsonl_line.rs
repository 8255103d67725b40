//! One jsonl input line through `input::load`, and what it yields through
//! the extraction.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pressx::Options;
use pressx::input::{InputConfig, InputFormat, Source};

fuzz_target!(
    init: {
        // Built before the first input, so it does not count as a slow one.
        std::sync::LazyLock::force(&pressx_fuzz::RESOURCES);
    },
    |data: &[u8]| {
        let config = InputConfig {
            format: InputFormat::Jsonl,
            ..InputConfig::default()
        };
        let source = Source::JsonlLine {
            origin: "fuzz".into(),
            line: 1,
            bytes: data.to_vec(),
        };
        match pressx::input::load(source, &config) {
            Ok(loaded) => {
                let options = Options {
                    published: loaded.published,
                    ..Options::default()
                };
                pressx_fuzz::run(&loaded.text, &pressx_fuzz::RESOURCES, &options, false);
            }
            Err(failed) => {
                // The error record must serialise whatever the id.
                let rec = pressx::record::ErrorRecord {
                    id: failed.id,
                    error: failed.error.to_string(),
                };
                serde_json::to_vec(&rec).expect("an error record serialises");
            }
        }
    }
);
