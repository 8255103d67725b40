//! Byte-level helpers the word scanners share.

/// ASCII letters and digits, by byte.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Bit 7 of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `v` that is an ASCII letter or digit, eight
/// bytes tested at once: on 7-bit values, adding `0x80 - lo` sets a byte's
/// high bit when it is at least `lo`, adding `0x7F - hi` when it is above
/// `hi`, and neither carries into the next byte.
#[inline]
pub(crate) fn alnum_bytes(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let t = v & !HIGH;
    let at_least = |t: u64, lo: u8| t + ONES * u64::from(0x80 - lo);
    let above = |t: u64, hi: u8| t + ONES * u64::from(0x7F - hi);
    let digit = at_least(t, b'0') & !above(t, b'9');
    let l = t | (0x20 * ONES);
    let letter = at_least(l, b'a') & !above(l, b'z');
    (digit | letter) & !v & HIGH
}

/// The eight bytes at `bytes[at..at + 8]` as a little-endian word.
#[inline]
pub(crate) fn load(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The end of the run of ASCII letters and digits at `bytes[from..limit]`:
/// eight bytes at a time (a word of the run is tested with a few integer
/// operations instead of a branch per byte), then byte by byte.
#[inline]
pub(crate) fn alnum_end(bytes: &[u8], from: usize, limit: usize) -> usize {
    let mut j = from;
    while j + 8 <= limit {
        // A byte that is no ASCII letter or digit, or not ASCII at all.
        let stop = !alnum_bytes(load(bytes, j)) & HIGH;
        if stop != 0 {
            return j + (stop.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < limit && ASCII_ALNUM[usize::from(bytes[j])] {
        j += 1;
    }
    j
}

/// The first two bytes of a word of ASCII letters and digits (`second` 0
/// for a one-letter word) as an index below 1024, the same for either case
/// of a letter: the word gates of the scanners, a bit per word length that
/// some table word has. Digits share indexes with letters, never with the 0
/// of a word's end: an index tells that a word might be in a table, never
/// that it is.
#[inline]
pub(crate) fn head_key(first: u8, second: u8) -> usize {
    usize::from(first & 31) << 5 | usize::from(second & 31)
}

/// Bit masks of up to 64 bytes of text, bit `k` for byte `k`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    /// ASCII letters and digits.
    pub alnum: u64,
    /// Bytes of non-ASCII characters.
    pub high: u64,
}

impl Block {
    /// The masks of `block` (at most 64 bytes; bits past its end are clear).
    /// The tests run as one loop of comparisons into a byte per byte, which
    /// the compiler turns into vector code; each eight of those bytes then
    /// [`gather`] into eight bits.
    #[inline]
    pub(crate) fn of(block: &[u8]) -> Block {
        let mut padded = [0u8; 64];
        let bytes: &[u8; 64] = match block.try_into() {
            Ok(full) => full,
            Err(_) => {
                let n = block.len().min(64);
                padded[..n].copy_from_slice(&block[..n]);
                &padded
            }
        };
        let mut alnum = [0u8; 64];
        let mut high = [0u8; 64];
        let mut any_high = 0u8;
        for ((a, h), &c) in alnum.iter_mut().zip(&mut high).zip(bytes) {
            let letter = (c | 0x20).wrapping_sub(b'a') < 26;
            let digit = c.wrapping_sub(b'0') < 10;
            *a = u8::from(letter | digit);
            *h = u8::from(c >= 0x80);
            any_high |= c;
        }
        Block {
            alnum: gather(&alnum),
            high: if any_high >= 0x80 { gather(&high) } else { 0 },
        }
    }
}

/// Bit `k` set when byte `k` of `flags` (each 0 or 1) is 1: byte `i` of an
/// eight-byte word times the constant lands on bit 56 + `i`, and no other
/// product reaches those bits or carries into them.
#[inline]
fn gather(flags: &[u8; 64]) -> u64 {
    let mut bits = 0u64;
    for (k, eight) in flags.chunks_exact(8).enumerate() {
        let mut v = [0u8; 8];
        v.copy_from_slice(eight);
        let packed = u64::from_le_bytes(v).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        bits |= packed << (8 * k);
    }
    bits
}

/// The runs of ASCII letters and digits in `bytes[from..limit]`, as byte
/// ranges in text order, found a block of 64 bytes at a time: a run is
/// cut at `from` and at `limit`, and goes on over as many blocks as it does.
pub(crate) struct Words<'a> {
    bytes: &'a [u8],
    limit: usize,
    /// Where the current block starts.
    base: usize,
    /// Its letters and digits.
    alnum: u64,
    /// Where its runs start, the ones not given yet.
    starts: u64,
}

impl<'a> Words<'a> {
    pub(crate) fn new(bytes: &'a [u8], from: usize, limit: usize) -> Words<'a> {
        let limit = limit.min(bytes.len());
        let mut words = Words {
            bytes,
            limit,
            base: from,
            alnum: 0,
            starts: 0,
        };
        if from < limit {
            words.load(false);
        }
        words
    }

    /// Reads the block at `base`; `after` tells that a run goes on into it.
    #[inline]
    fn load(&mut self, after: bool) {
        let end = self.limit.min(self.base + 64);
        self.alnum = Block::of(&self.bytes[self.base..end]).alnum;
        self.starts = self.alnum & !(self.alnum << 1 | u64::from(after));
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            if self.starts != 0 {
                let k = self.starts.trailing_zeros();
                self.starts &= self.starts - 1;
                let start = self.base + k as usize;
                let len = (!(self.alnum >> k)).trailing_zeros();
                let mut end = start + len as usize;
                if k + len >= 64 {
                    // The run reaches the end of the block: it may go on.
                    end = alnum_end(self.bytes, end, self.limit);
                }
                return Some((start, end));
            }
            self.base += 64;
            if self.base >= self.limit {
                self.base = self.limit;
                return None;
            }
            let after = self.bytes[self.base - 1].is_ascii_alphanumeric();
            self.load(after);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_end_equals_a_byte_loop() {
        // Every byte value at every place of a run, from several starts to several limits.
        for b in 0..=255u8 {
            for k in 0..20 {
                let mut v = vec![b'a'; 20];
                v[k] = b;
                for from in 0..3 {
                    for limit in from..=20 {
                        let want = (from..limit)
                            .find(|&j| !v[j].is_ascii_alphanumeric())
                            .unwrap_or(limit);
                        assert_eq!(alnum_end(&v, from, limit), want, "{v:?} {from}..{limit}");
                    }
                }
            }
        }
    }

    #[test]
    fn alnum_bytes_agree_with_the_byte_test() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let v = u64::from(b) << (8 * at) | 0x2E00_2E00_2E00_2E00 & !(0xFF << (8 * at));
                let high = alnum_bytes(v) >> (8 * at + 7) & 1 == 1;
                assert_eq!(high, b.is_ascii_alphanumeric(), "byte {b:#x} at {at}");
            }
        }
        let v = u64::from_le_bytes(*b"aZ09 \xff@[");
        assert_eq!(alnum_bytes(v), 0x0000_0000_8080_8080);
    }

    #[test]
    fn block_masks_agree_with_the_byte_tests() {
        let mut rng = crate::testing::Rng::new(7);
        for len in [0, 1, 7, 8, 9, 63, 64] {
            for _ in 0..200 {
                let block: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
                let got = Block::of(&block);
                for (k, &c) in block.iter().enumerate() {
                    assert_eq!(
                        got.alnum >> k & 1 == 1,
                        c.is_ascii_alphanumeric(),
                        "{block:?} {k}"
                    );
                    assert_eq!(got.high >> k & 1 == 1, c >= 0x80, "{block:?} {k}");
                }
                let past = if len == 64 { 0 } else { u64::MAX << len };
                assert_eq!((got.alnum | got.high) & past, 0);
            }
        }
    }

    /// The runs of letters and digits, a byte at a time.
    fn reference_words(bytes: &[u8], from: usize, limit: usize) -> Vec<(usize, usize)> {
        let flags = (from..limit).map(|i| (i, bytes[i].is_ascii_alphanumeric()));
        crate::testing::runs(flags, limit)
    }

    #[test]
    fn words_are_the_runs_of_letters_and_digits() {
        const LONG: &str =
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
        const PIECES: &[&str] = &[
            "a",
            "Z9",
            " ",
            "-",
            "\n",
            "é",
            "’",
            LONG,
            "0123456789",
            ".,",
        ];
        let mut rng = crate::testing::Rng::new(11);
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..rng.below(60) {
                text.push_str(PIECES[rng.below(PIECES.len())]);
            }
            let b = text.as_bytes();
            let from = rng.below(b.len() + 1);
            let limit = from + rng.below(b.len() - from + 1);
            let got: Vec<_> = Words::new(b, from, limit).collect();
            assert_eq!(
                got,
                reference_words(b, from, limit),
                "{text:?} {from}..{limit}"
            );
        }
    }
}
