//! Helpers for the unit tests of the stages (compiled for tests only).

/// Fails with every failed case of a table test listed, one a line.
#[track_caller]
pub(crate) fn assert_table(failures: &[String], cases: usize) {
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        cases,
        failures.join("\n")
    );
}
