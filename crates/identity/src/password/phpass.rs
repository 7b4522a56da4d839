//! phpass "portable" hashes (`$P$`, and phpBB's `$H$` spelling of the same
//! thing): iterated MD5 written in phpass's own base-64 alphabet.
//!
//! osTicket writes these only on a PHP without bcrypt, which no PHP that
//! runs osTicket 1.18 lacks; they can still sit in a database that has been
//! upgraded since the days of PHP 5.2, so they must verify.

use md5::{Digest, Md5};
use subtle::ConstantTimeEq;

/// phpass's alphabet: `.` `/` then digits, upper case, lower case. It is
/// neither RFC 4648 nor bcrypt's ordering, so no base-64 crate speaks it.
const ALPHABET: &[u8; 64] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `$P$` + cost character + 8 salt bytes + 22 digest characters.
pub(super) const STORED_LEN: usize = 34;
const SALT_RANGE: std::ops::Range<usize> = 4..12;
const DIGEST_CHARS: usize = 22;

/// phpass refuses fewer than 2^7 and more than 2^30 rounds; a stored value
/// outside that range can never match in PHP, so it cannot match here.
const MIN_ROUNDS_LOG2: u8 = 7;
const MAX_ROUNDS_LOG2: u8 = 30;

#[derive(Clone, PartialEq, Eq)]
pub(super) struct PortableHash {
    rounds_log2: u8,
    /// Raw bytes: phpass takes the salt as eight bytes of the stored string
    /// and never checks them against its alphabet.
    salt: [u8; 8],
    digest: [u8; DIGEST_CHARS],
}

impl PortableHash {
    /// Reads `$P$…`/`$H$…`; `None` when the value could never verify.
    pub(super) fn parse(stored: &str) -> Option<Self> {
        let bytes = stored.as_bytes();
        if bytes.len() != STORED_LEN {
            return None;
        }
        let rounds_log2 = alphabet_index(bytes[3])?;
        if !(MIN_ROUNDS_LOG2..=MAX_ROUNDS_LOG2).contains(&rounds_log2) {
            return None;
        }
        let digest: [u8; DIGEST_CHARS] = bytes[SALT_RANGE.end..].try_into().ok()?;
        if !digest.iter().all(|c| ALPHABET.contains(c)) {
            return None;
        }
        Some(Self {
            rounds_log2,
            salt: bytes[SALT_RANGE].try_into().ok()?,
            digest,
        })
    }

    pub(super) fn verify(&self, candidate: &str) -> bool {
        let computed = encode(&self.compute(candidate.as_bytes()));
        computed.as_slice().ct_eq(self.digest.as_slice()).into()
    }

    fn compute(&self, password: &[u8]) -> [u8; 16] {
        let mut digest: [u8; 16] = Md5::new()
            .chain_update(self.salt)
            .chain_update(password)
            .finalize()
            .into();
        for _ in 0..(1u64 << self.rounds_log2) {
            digest = Md5::new()
                .chain_update(digest)
                .chain_update(password)
                .finalize()
                .into();
        }
        digest
    }
}

fn alphabet_index(c: u8) -> Option<u8> {
    ALPHABET
        .iter()
        .position(|&a| a == c)
        .and_then(|i| u8::try_from(i).ok())
}

/// phpass's encoding: little-endian groups of three bytes, six bits at a
/// time from the least significant end; a short final group of `n` bytes
/// yields `n + 1` characters. Sixteen bytes give 22 characters.
fn encode(input: &[u8; 16]) -> [u8; DIGEST_CHARS] {
    let mut out = [0u8; DIGEST_CHARS];
    let mut written = 0;
    for group in input.chunks(3) {
        let value = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (8 * i)));
        for shift in 0..=group.len() {
            out[written] = ALPHABET[((value >> (6 * shift)) & 0x3f) as usize];
            written += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_sixteen_bytes_gives_twenty_two_alphabet_characters() {
        let encoded = encode(&[0xff; 16]);
        assert_eq!(&encoded, b"zzzzzzzzzzzzzzzzzzzzz1");
        assert_eq!(&encode(&[0; 16]), b"......................");
    }

    #[test]
    fn encoding_takes_six_bits_from_the_low_end_first() {
        let mut input = [0u8; 16];
        input[0] = 0b0000_0001;
        input[1] = 0b0000_0001;
        // 0x000101: low six bits = 1 ('/'), next six = 4 ('2').
        assert_eq!(&encode(&input)[..4], b"/2..");
    }

    #[test]
    fn cost_character_outside_phpass_range_is_rejected() {
        // '5' is index 7 (the minimum); '4' is index 6.
        assert!(PortableHash::parse("$P$512345678si5M0DDyPpmRCmcltU/YW/").is_some());
        assert!(PortableHash::parse("$P$412345678si5M0DDyPpmRCmcltU/YW/").is_none());
        // 'T' is index 31, one past phpass's maximum of 30.
        assert!(PortableHash::parse("$P$T12345678si5M0DDyPpmRCmcltU/YW/").is_none());
        assert!(PortableHash::parse("$P$!12345678si5M0DDyPpmRCmcltU/YW/").is_none());
    }

    #[test]
    fn digest_outside_the_alphabet_is_rejected() {
        assert!(PortableHash::parse("$P$912345678LIjjb6PhecupozNBmDnd+0").is_none());
    }
}
