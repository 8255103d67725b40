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

/// A fixed pseudo-random sequence (xorshift64) for the randomised tests:
/// the same numbers on every run, so a failure replays.
pub(crate) struct Rng(u64);

impl Rng {
    /// The sequence from `seed` (not zero).
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number below `n` (not zero).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The maximal runs of `true` in a sequence of (position, flag) in order,
/// the last ended at `end`: the reference word splitters of the scanners'
/// tests, a byte or a character at a time.
pub(crate) fn runs(flags: impl Iterator<Item = (usize, bool)>, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, inside) in flags.chain([(end, false)]) {
        match (start, inside) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}
