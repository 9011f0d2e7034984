//! LEB128 varints: seven bits a byte, low bits first, the high bit set on every byte but the
//! last. The client reads them back in `search.js`.

/// Append `v` to `out`.
pub(crate) fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Read the varint at `*at`, moving `*at` past it; `None` if the bytes end first or it
/// overflows 64 bits.
pub(crate) fn get(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// `get`, with an error naming `what` and where it was cut short, for the decoders' messages
/// (the tests read the export back with them).
#[cfg(test)]
pub(crate) fn get_named(bytes: &[u8], at: &mut usize, what: &str) -> Result<u64, String> {
    let from = *at;
    get(bytes, at).ok_or_else(|| format!("{what} cut short at byte {from}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_small_and_large_values() {
        for v in [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut out = Vec::new();
            put(&mut out, v);
            let mut at = 0;
            assert_eq!(get(&out, &mut at), Some(v), "{v}");
            assert_eq!(at, out.len(), "{v} reads every byte it wrote");
        }
    }

    #[test]
    fn pins_the_byte_layout() {
        let mut out = Vec::new();
        put(&mut out, 300);
        assert_eq!(out, [0xac, 0x02]);
        out.clear();
        put(&mut out, u64::MAX);
        assert_eq!(out.len(), 10);
    }

    #[test]
    fn a_cut_varint_is_none() {
        let mut at = 0;
        assert_eq!(get(&[0x80, 0x80], &mut at), None);
        assert_eq!(get(&[], &mut 0), None);
    }
}
