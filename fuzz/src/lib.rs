//! What the fuzz targets share: the resources, built once, and the whole
//! path from text to serialised record with the record contract checked.

use pressx::{Options, Resources};
use std::sync::LazyLock;

/// The built-in resources, built once per fuzzing process.
pub static RESOURCES: LazyLock<Resources> = LazyLock::new(Resources::builtin);

/// Extracts `text` as the CLI does, serialises the record both ways (serde,
/// and the CLI's direct writer, which must give the same bytes) and panics
/// if the record breaks the contract of `pressx::invariants`.
pub fn run(text: &str, resources: &Resources, options: &Options, include_text: bool) {
    let doc = pressx::extract("fuzz", text, resources, options);
    let record = pressx::record::to_record(&doc, include_text);
    let problems = pressx::invariants::problems(&record, &doc.text);
    assert!(problems.is_empty(), "{problems:#?}");
    let compact = serde_json::to_vec(&record).expect("a record serialises");
    let pretty = serde_json::to_vec_pretty(&record).expect("a record serialises");
    let a: serde_json::Value = serde_json::from_slice(&compact).expect("own output parses");
    let b: serde_json::Value = serde_json::from_slice(&pretty).expect("own output parses");
    assert_eq!(a, b);
    // The direct writer the CLI uses gives serde's bytes, in both layouts.
    for (pretty, expected) in [(false, &compact), (true, &pretty)] {
        let mut direct = Vec::new();
        pressx::record::write_json(&doc, include_text, pretty, &mut direct);
        assert!(direct == *expected, "write_json differs from serde (pretty: {pretty})");
    }
}
