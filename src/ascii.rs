//! Byte-level helpers the word scanners share.

/// ASCII letters and digits, by byte.
pub(crate) static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits at `bytes[from..limit]`:
/// eight bytes at a time (a word of the run is tested with a few integer
/// operations instead of a branch per byte), then byte by byte.
#[inline]
pub(crate) fn alnum_end(bytes: &[u8], from: usize, limit: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut j = from;
    while j + 8 <= limit {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[j..j + 8]);
        let v = u64::from_le_bytes(word);
        // Seven-bit bytes: adding a constant below 0x81 never carries into
        // the next byte, so each byte's high bit answers "at least …".
        let x = v & !HIGH;
        let folded = x | (0x20 * ONES);
        let letter =
            (folded + u64::from(0x80 - b'a') * ONES) & !(folded + u64::from(0x7f - b'z') * ONES);
        let digit = (x + u64::from(0x80 - b'0') * ONES) & !(x + u64::from(0x7f - b'9') * ONES);
        // A byte that is no ASCII letter or digit, or not ASCII at all.
        let stop = (!(letter | digit) | v) & HIGH;
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
}
