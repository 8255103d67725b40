//! A user gazetteer file: `gazetteer::parse_all` on any text, and when it
//! parses cleanly, resources built from it merged over the built-ins, used on
//! a small release.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pressx::gazetteer::{self, Gazetteers};
use pressx::{Options, Resources};
use std::sync::LazyLock;

/// The parsed built-ins, once: merging clones them.
static BUILTIN: LazyLock<Gazetteers> = LazyLock::new(Gazetteers::builtin);

const RELEASE: &str = "SCO RATS and INTERPOL meet in Tunisia\n\n\
On May 20, 2020, Mr Akhat Mukashev of the Arab Interior Ministers' Council (AIMC) \
met Europol, UNODC and the delegations of China and India in Tashkent.";

fuzz_target!(
    init: {
        LazyLock::force(&BUILTIN);
    },
    |text: &str| {
        let (file, errors) = gazetteer::parse_all("fuzz.tsv", text);
        for e in &errors {
            assert!(!e.to_string().is_empty());
        }
        if file.is_none() || !errors.is_empty() {
            return;
        }
        // Merged gazetteers hold `'static` rows (user files are leaked once per
        // run in pressx); here only cleanly parsing inputs are leaked.
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        let file = gazetteer::parse("fuzz.tsv", text).expect("it parsed cleanly just now");
        let merged = BUILTIN.clone().with_file(file);
        if let Ok(resources) = Resources::new(&merged) {
            pressx_fuzz::run(RELEASE, &resources, &Options::default(), false);
            pressx_fuzz::run(text, &resources, &Options::default(), false);
        }
    }
);
