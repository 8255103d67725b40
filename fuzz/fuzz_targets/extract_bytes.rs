//! Arbitrary bytes through `input::decode` (strict UTF-8, or the encoding the
//! first byte picks), then the whole extraction and serialisation; the
//! first byte also picks the date order, a release date, `--include-text`
//! and `--explain`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pressx::{DateOrder, Options};

const ENCODINGS: [Option<&str>; 4] = [None, Some("windows-1252"), Some("utf-16"), Some("latin1")];

fuzz_target!(
    init: {
        // Built before the first input, so it does not count as a slow one.
        std::sync::LazyLock::force(&pressx_fuzz::RESOURCES);
    },
    |data: &[u8]| {
        let Some((&first, bytes)) = data.split_first() else {
            return;
        };
        let encoding = ENCODINGS[usize::from(first) % ENCODINGS.len()]
            .map(|e| pressx::input::encoding_for(e).expect("a known encoding"));
        let options = Options {
            date_order: if first & 0x10 == 0 { DateOrder::Dmy } else { DateOrder::Mdy },
            published: (first & 0x20 != 0).then(|| pressx::Date::parse_iso("2020-05-21").expect("valid")),
            explain: first & 0x80 != 0,
        };
        if let Ok(text) = pressx::input::decode(bytes, encoding) {
            pressx_fuzz::run(&text, &pressx_fuzz::RESOURCES, &options, first & 0x40 != 0);
        }
    }
);
