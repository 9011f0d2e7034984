//! FNV-1a: a fixed, seedless hash, so anything derived from it (asset names, search shard
//! boundaries) is the same on every machine and every run.

pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
