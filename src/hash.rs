//! FNV-1a, golive's one hash: short and stable forever, for iCalendar UIDs that must not change
//! between versions, and fast, for telling a million names apart while streaming.

/// A width FNV-1a is defined for.
pub(crate) trait Width: Copy {
    const OFFSET: Self;
    fn step(self, byte: u8) -> Self;
}

impl Width for u32 {
    const OFFSET: u32 = 0x811c_9dc5;
    fn step(self, byte: u8) -> u32 {
        (self ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    }
}

impl Width for u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    fn step(self, byte: u8) -> u64 {
        (self ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    }
}

/// The FNV-1a hash of `parts` joined by a separator byte (0x1f, the ASCII unit separator),
/// so that `["ab", "c"]` and `["a", "bc"]` differ.
pub(crate) fn fnv1a<W: Width>(parts: &[&[u8]]) -> W {
    let mut h = W::OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h = h.step(0x1f);
        }
        for &b in *part {
            h = h.step(b);
        }
    }
    h
}

/// The 64-bit FNV-1a hash of `bytes`.
pub(crate) fn fnv1a_64(bytes: &[u8]) -> u64 {
    fnv1a(&[bytes])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // The published FNV-1a test vectors.
        assert_eq!(fnv1a::<u32>(&[b"a"]), 0xe40c_292c);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a::<u32>(&[b"ab", b"c"]), fnv1a::<u32>(&[b"a", b"bc"]));
    }
}
