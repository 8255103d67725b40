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

/// The first byte at or after `from` that is an ASCII letter or digit or not
/// ASCII (`bytes.len()` when none): eight bytes at a time, then byte by byte.
#[inline]
pub(crate) fn skip_to_word(bytes: &[u8], from: usize) -> usize {
    let n = bytes.len();
    let mut j = from;
    while j + 8 <= n {
        let v = load(bytes, j);
        let found = alnum_bytes(v) | (v & HIGH);
        if found != 0 {
            return j + (found.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < n && !ASCII_ALNUM[usize::from(bytes[j])] && bytes[j] < 0x80 {
        j += 1;
    }
    j
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
    fn skip_to_word_equals_a_byte_loop() {
        for b in 0..=255u8 {
            for k in 0..20 {
                let mut v = vec![b' '; 20];
                v[k] = b;
                for from in 0..3 {
                    let want = (from..v.len())
                        .find(|&j| v[j].is_ascii_alphanumeric() || v[j] >= 0x80)
                        .unwrap_or(v.len());
                    assert_eq!(skip_to_word(&v, from), want, "{v:?} {from}");
                    let short = &v[..(k + 1).max(from)];
                    let want = (from..short.len())
                        .find(|&j| short[j].is_ascii_alphanumeric() || short[j] >= 0x80)
                        .unwrap_or(short.len());
                    assert_eq!(skip_to_word(short, from), want, "{short:?} {from}");
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
}
