//! Arbitrary UTF-8 text straight into the extraction and serialisation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pressx::Options;

fuzz_target!(
    init: {
        // Built before the first input, so it does not count as a slow one.
        std::sync::LazyLock::force(&pressx_fuzz::RESOURCES);
    },
    |text: &str| {
        pressx_fuzz::run(text, &pressx_fuzz::RESOURCES, &Options::default(), false);
    }
);
