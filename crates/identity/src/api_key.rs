//! osTicket API keys: the `X-API-Key` credential of its v1 API.
//!
//! osTicket's admin panel makes a key as the upper-case MD5 of the time, the
//! client address and a random code: 32 upper-case hex digits. Oxticket keeps
//! that format, so keys look alike whichever system made them, but draws all
//! 128 bits from the operating system's generator instead of hashing guessable
//! inputs.

use rand::CryptoRng;

/// Length of a key osTicket generates.
pub const API_KEY_LEN: usize = 32;

/// A new key: 32 upper-case hex digits drawn from `rng`.
pub fn generate_api_key<R: CryptoRng + ?Sized>(rng: &mut R) -> String {
    let mut bytes = [0_u8; API_KEY_LEN / 2];
    rng.fill_bytes(&mut bytes);
    hex::encode_upper(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn a_key_is_32_upper_case_hex_digits() {
        let key = generate_api_key(&mut StdRng::seed_from_u64(7));
        assert_eq!(key.len(), API_KEY_LEN);
        assert!(
            key.bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)),
            "{key}"
        );
    }

    #[test]
    fn keys_differ() {
        let mut rng = StdRng::seed_from_u64(7);
        assert_ne!(generate_api_key(&mut rng), generate_api_key(&mut rng));
    }
}
