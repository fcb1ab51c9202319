//! Byte scans shared by the writers: whether a text needs escaping at all is asked of every
//! name and description they write, and the answer is nearly always no.

/// How many bytes [`first_chunk_with`] tests at a time.
pub(crate) const CHUNK: usize = 32;

/// The index of the first [`CHUNK`]-byte chunk of `bytes` in which `hit` picks a byte. Each
/// chunk is tested without branches, which the compiler turns into vector instructions.
pub(crate) fn first_chunk_with(bytes: &[u8], hit: impl Fn(u8) -> bool) -> Option<usize> {
    bytes
        .chunks(CHUNK)
        .position(|chunk| chunk.iter().fold(false, |found, &b| found | hit(b)))
}

/// Whether `hit` picks any byte of `bytes`.
pub(crate) fn any_byte(bytes: &[u8], hit: impl Fn(u8) -> bool) -> bool {
    first_chunk_with(bytes, hit).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_found_wherever_the_byte_is() {
        let is_quote = |b: u8| b == b'"';
        for len in [0, 1, 31, 32, 33, 64, 100] {
            let plain = vec![b'a'; len];
            assert!(!any_byte(&plain, is_quote));
            for at in 0..len {
                let mut text = plain.clone();
                text[at] = b'"';
                assert_eq!(
                    first_chunk_with(&text, is_quote),
                    Some(at / CHUNK),
                    "{len} {at}"
                );
            }
        }
    }
}
