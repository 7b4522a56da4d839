//! Password hashes as osTicket stores them in `ost_staff.passwd` and
//! `ost_user_account.passwd`, and the bcrypt hashes Oxticket writes back.
//!
//! osTicket checks a staff or client password the same way
//! (`Staff::check_passwd`, `ClientAccount::check_passwd`): phpass's
//! `CheckPassword`, which tries the portable `$P$`/`$H$` scheme and then
//! PHP's `crypt()` against the stored value, and, if that fails, a plain
//! `md5($password)` compared with the stored string. [`PasswordHash::parse`]
//! sorts a stored value into the schemes that can actually match, and
//! [`PasswordHash::verify`] answers as osTicket would.
//!
//! `crypt()` also understands schemes osTicket never writes (`$1$`, `$5$`,
//! `$6$`, traditional and extended DES, bcrypt's `$2x$`); those come back as
//! [`ParsePasswordHashError::Unsupported`] naming the scheme, so the caller
//! can log the reason and ask the person to reset the password.
//!
//! Every function here is synchronous and, for bcrypt, deliberately slow:
//! call it from a blocking thread, never on the async executor.

mod phpass;

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use std::fmt;
use subtle::ConstantTimeEq;

/// The bcrypt prefix Oxticket writes. PHP's `crypt()` has read `$2y$` since
/// 5.3.7 and `password_hash()` writes it, so osTicket verifies it on every
/// PHP it supports. It means exactly what osTicket's own `$2a$` means for
/// any UTF-8 password (`$2a$` only differs for byte strings containing
/// 0xFF, which UTF-8 never does) without `$2a$`'s history of two meanings.
const WRITTEN_BCRYPT_VERSION: bcrypt::Version = bcrypt::Version::TwoY;

/// A bcrypt work factor: log2 of the number of key-expansion rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct BcryptCost(u8);

impl BcryptCost {
    /// What osTicket writes (`$2a$08$`, phpass's `DEFAULT_WORK_FACTOR`).
    pub const OSTICKET: Self = Self(8);
    /// What Oxticket writes unless configured otherwise: OWASP's floor for
    /// bcrypt, four times the work of osTicket's 8 (about 0.1 s against
    /// 0.025 s per verify on the 2-core reference machine, `benches/verify.rs`).
    pub const DEFAULT: Self = Self(10);

    const MIN: u32 = 4;
    const MAX: u32 = 31;

    pub fn parse(raw: u32) -> Result<Self, BcryptCostError> {
        if (Self::MIN..=Self::MAX).contains(&raw) {
            Ok(Self(raw as u8))
        } else {
            Err(BcryptCostError::OutOfRange(raw))
        }
    }

    pub const fn get(self) -> u32 {
        self.0 as u32
    }
}

impl TryFrom<u32> for BcryptCost {
    type Error = BcryptCostError;

    fn try_from(raw: u32) -> Result<Self, Self::Error> {
        Self::parse(raw)
    }
}

impl From<BcryptCost> for u32 {
    fn from(cost: BcryptCost) -> u32 {
        cost.get()
    }
}

impl Default for BcryptCost {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for BcryptCost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BcryptCostError {
    #[error("bcrypt cost {0} is outside 4..=31")]
    OutOfRange(u32),
}

/// The schemes that verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashScheme {
    /// `$2a$`, `$2b$` or `$2y$`, any cost.
    Bcrypt,
    /// phpass portable, `$P$` or `$H$`.
    PhpassPortable,
    /// 32 lower-case hex digits of `md5(password)`, from osTicket before 1.7.
    LegacyMd5,
}

impl fmt::Display for HashScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Bcrypt => "bcrypt",
            Self::PhpassPortable => "phpass portable",
            Self::LegacyMd5 => "legacy MD5",
        })
    }
}

/// Schemes PHP's `crypt()` would accept but this crate does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnsupportedScheme {
    /// `_` + 19 characters (BSDi extended DES): phpass's second fallback,
    /// written only where PHP had no bcrypt (before PHP 5.3). The one Rust
    /// implementation, `pwhash` 1.0, has had no release since 2020 and pins
    /// superseded RustCrypto crates, so it is not worth carrying.
    ExtendedDes,
    /// 13 characters of traditional DES `crypt()`.
    TraditionalDes,
    /// `$2x$`: PHP's opt-in reproduction of the pre-5.3.7 sign-extension bug.
    /// Verifying it correctly needs that bug, which no bcrypt crate carries.
    BcryptSignExtensionBug,
    /// `$1$` MD5-crypt.
    Md5Crypt,
    /// `$5$` SHA-256-crypt.
    Sha256Crypt,
    /// `$6$` SHA-512-crypt.
    Sha512Crypt,
}

impl fmt::Display for UnsupportedScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::ExtendedDes => "extended DES (`_`)",
            Self::TraditionalDes => "traditional DES",
            Self::BcryptSignExtensionBug => "bcrypt `$2x$`",
            Self::Md5Crypt => "MD5-crypt (`$1$`)",
            Self::Sha256Crypt => "SHA-256-crypt (`$5$`)",
            Self::Sha512Crypt => "SHA-512-crypt (`$6$`)",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParsePasswordHashError {
    /// osTicket leaves `passwd` empty for accounts that sign in elsewhere
    /// (LDAP, OAuth) or were never given a password.
    #[error("no password is set")]
    Empty,
    /// The prefix names a scheme, but the rest could never match in PHP either.
    #[error("malformed {0} hash")]
    Malformed(HashScheme),
    #[error("{0} hashes are not supported")]
    Unsupported(UnsupportedScheme),
    #[error("not a password hash osTicket accepts")]
    Unrecognized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HashPasswordError {
    /// PHP's `crypt()` stops at the first NUL, so osTicket would check a
    /// different password than the one hashed here.
    #[error("the password contains a NUL character")]
    ContainsNul,
}

/// A stored password hash, classified. Its `Debug` names only the scheme.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(Stored);

#[derive(Clone, PartialEq, Eq)]
enum Stored {
    /// Kept whole: the bcrypt crate verifies from the string.
    Bcrypt {
        hash: String,
        cost: BcryptCost,
    },
    PhpassPortable(phpass::PortableHash),
    LegacyMd5([u8; 16]),
}

impl PasswordHash {
    /// Classifies a `passwd` column value. The value is taken as stored:
    /// PHP compares it byte for byte, so neither is it trimmed here.
    pub fn parse(stored: &str) -> Result<Self, ParsePasswordHashError> {
        use ParsePasswordHashError::{Empty, Malformed, Unrecognized, Unsupported};

        if stored.is_empty() {
            return Err(Empty);
        }
        if ["$2a$", "$2b$", "$2y$"]
            .iter()
            .any(|p| stored.starts_with(p))
        {
            return parse_bcrypt(stored)
                .map(|(hash, cost)| Self(Stored::Bcrypt { hash, cost }))
                .ok_or(Malformed(HashScheme::Bcrypt));
        }
        if stored.starts_with("$P$") || stored.starts_with("$H$") {
            return phpass::PortableHash::parse(stored)
                .map(|hash| Self(Stored::PhpassPortable(hash)))
                .ok_or(Malformed(HashScheme::PhpassPortable));
        }
        if let Some(digest) = parse_legacy_md5(stored) {
            return Ok(Self(Stored::LegacyMd5(digest)));
        }
        Err(match unsupported_scheme(stored) {
            Some(scheme) => Unsupported(scheme),
            None => Unrecognized,
        })
    }

    pub fn scheme(&self) -> HashScheme {
        match &self.0 {
            Stored::Bcrypt { .. } => HashScheme::Bcrypt,
            Stored::PhpassPortable(_) => HashScheme::PhpassPortable,
            Stored::LegacyMd5(_) => HashScheme::LegacyMd5,
        }
    }

    /// Whether `candidate` is the password, as osTicket would decide.
    /// Digests are compared in constant time.
    pub fn verify(&self, candidate: &str) -> bool {
        match &self.0 {
            // PHP hands bcrypt a C string, so a NUL would cut the candidate
            // short and accept "secret\0anything" for "secret". Refusing is
            // stricter than osTicket and loses nobody: no form submits NUL.
            Stored::Bcrypt { hash, .. } => {
                !candidate.contains('\0') && bcrypt::verify(candidate, hash).unwrap_or(false)
            }
            Stored::PhpassPortable(hash) => hash.verify(candidate),
            // osTicket skips its MD5 fallback for a falsy password, and PHP
            // counts "0" as falsy just like "".
            Stored::LegacyMd5(digest) => {
                if candidate.is_empty() || candidate == "0" {
                    return false;
                }
                let computed: [u8; 16] = Md5::digest(candidate.as_bytes()).into();
                computed.ct_eq(digest).into()
            }
        }
    }

    /// Whether, after a successful [`verify`](Self::verify), the password
    /// should be rehashed with [`hash_password`] at [`BcryptCost::DEFAULT`].
    pub fn needs_rehash(&self) -> bool {
        self.needs_rehash_for(BcryptCost::DEFAULT)
    }

    /// As [`needs_rehash`](Self::needs_rehash), for a configured cost:
    /// MD5 and phpass always, bcrypt when weaker than `target`.
    pub fn needs_rehash_for(&self, target: BcryptCost) -> bool {
        match &self.0 {
            Stored::Bcrypt { cost, .. } => *cost < target,
            Stored::PhpassPortable(_) | Stored::LegacyMd5(_) => true,
        }
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PasswordHash").field(&self.scheme()).finish()
    }
}

/// Hashes `plain` as `$2y$<cost>$…` (60 characters) with a fresh random salt,
/// in the form osTicket's PHP `crypt()` verifies. As with osTicket, bytes
/// past the 72nd do not count.
pub fn hash_password(plain: &str, cost: BcryptCost) -> Result<String, HashPasswordError> {
    if plain.contains('\0') {
        return Err(HashPasswordError::ContainsNul);
    }
    let salt: [u8; 16] = rand::random();
    let parts = bcrypt::hash_with_salt(plain, cost.get(), salt)
        .expect("BcryptCost is always within bcrypt's accepted range");
    Ok(parts.format_for_version(WRITTEN_BCRYPT_VERSION))
}

/// A bcrypt value PHP's `crypt()` could reproduce: 60 characters, a two-digit
/// cost in 4..=31, and salt and digest in bcrypt's alphabet with the unused
/// trailing bits clear (PHP writes them clear, so any other value never matches).
fn parse_bcrypt(stored: &str) -> Option<(String, BcryptCost)> {
    let cost_digits = stored.get(4..6)?;
    if !cost_digits.bytes().all(|b| b.is_ascii_digit()) || stored.as_bytes().get(6) != Some(&b'$') {
        return None;
    }
    let cost = BcryptCost::parse(cost_digits.parse().ok()?).ok()?;
    stored.parse::<bcrypt::HashParts>().ok()?;
    Some((stored.to_owned(), cost))
}

/// osTicket compares with `strcmp(stored, md5(password))`, and PHP's `md5()`
/// is lower-case hex, so upper-case hex never matched there either.
fn parse_legacy_md5(stored: &str) -> Option<[u8; 16]> {
    let is_lower_hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    if stored.len() != 32 || !stored.as_bytes().iter().all(is_lower_hex) {
        return None;
    }
    let mut digest = [0u8; 16];
    hex::decode_to_slice(stored, &mut digest).ok()?;
    Some(digest)
}

fn unsupported_scheme(stored: &str) -> Option<UnsupportedScheme> {
    let crypt_alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'/';
    let scheme = if stored.starts_with('_') {
        UnsupportedScheme::ExtendedDes
    } else if stored.starts_with("$2x$") {
        UnsupportedScheme::BcryptSignExtensionBug
    } else if stored.starts_with("$1$") {
        UnsupportedScheme::Md5Crypt
    } else if stored.starts_with("$5$") {
        UnsupportedScheme::Sha256Crypt
    } else if stored.starts_with("$6$") {
        UnsupportedScheme::Sha512Crypt
    } else if stored.len() == 13 && stored.bytes().all(crypt_alphabet) {
        UnsupportedScheme::TraditionalDes
    } else {
        return None;
    };
    Some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CHEAP: BcryptCost = BcryptCost(4);

    fn parse(stored: &str) -> PasswordHash {
        PasswordHash::parse(stored).unwrap_or_else(|e| panic!("{stored}: {e}"))
    }

    /// The admin row of a genuine osTicket 1.18 install, read from the dump.
    fn osticket_admin_hash() -> Option<String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/osticket/fresh-install.sql"
        );
        let dump = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                assert!(
                    std::env::var("OXT_TEST_REQUIRE_ALL").as_deref() != Ok("1"),
                    "{path} is missing and OXT_TEST_REQUIRE_ALL=1"
                );
                eprintln!("skipped: {path} not found");
                return None;
            }
            Err(e) => panic!("{path}: {e}"),
        };
        // The dump holds some bytes that are not UTF-8; the staff row is ASCII.
        let row = String::from_utf8_lossy(&dump)
            .lines()
            .find(|line| line.contains("'ostadmin'"))
            .expect("the dump has the ostadmin staff row")
            .to_owned();
        let start = row.find("'$2").expect("ostadmin has a bcrypt hash") + 1;
        let len = row[start..].find('\'').expect("the hash is quoted");
        Some(row[start..start + len].to_owned())
    }

    #[test]
    fn osticket_fresh_install_admin_password_verifies() {
        let Some(stored) = osticket_admin_hash() else {
            return;
        };
        assert!(stored.starts_with("$2a$08$"), "{stored}");
        let hash = parse(&stored);
        assert_eq!(hash.scheme(), HashScheme::Bcrypt);
        assert!(hash.verify("Adm1nPassw0rd!"));
        assert!(!hash.verify("adm1nPassw0rd!"));
        assert!(!hash.verify("Adm1nPassw0rd"));
        assert!(hash.needs_rehash());
        assert!(!hash.needs_rehash_for(BcryptCost::OSTICKET));
    }

    #[test]
    fn openwall_bcrypt_vectors_verify_under_every_accepted_prefix() {
        // crypt_blowfish's published vectors, written with `$2a$`.
        let vectors = [
            (
                "U*U",
                "05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            ),
            (
                "U*U*",
                "05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK",
            ),
            (
                "",
                "05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy",
            ),
        ];
        for (password, rest) in vectors {
            for prefix in ["$2a$", "$2b$", "$2y$"] {
                let hash = parse(&format!("{prefix}{rest}"));
                assert!(hash.verify(password), "{prefix}{rest}");
                assert!(!hash.verify("U*U*U"), "{prefix}{rest}");
            }
        }
    }

    #[test]
    fn bcrypt_ignores_bytes_past_the_seventy_second_as_php_does() {
        let hash = parse("$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui");
        let first_72 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        assert!(hash.verify(first_72));
        assert!(hash.verify(&format!("{first_72}chars after 72 are ignored")));
        assert!(!hash.verify(&first_72[..71]));
    }

    #[test]
    fn non_ascii_password_verifies_against_glibc_crypt_output() {
        // libxcrypt's crypt("Grüße", "$2y$05$abcdefghijklmnopqrstuu"), an
        // implementation independent of the bcrypt crate; `$2a$` and `$2b$`
        // gave the same digest.
        let rest = "05$abcdefghijklmnopqrstuuuIpp3Qi35nuBTAx.3FGSuZ4WaBwdBEi";
        for prefix in ["$2a$", "$2b$", "$2y$"] {
            let hash = parse(&format!("{prefix}{rest}"));
            assert!(hash.verify("Grüße"));
            assert!(!hash.verify("Grusse"));
        }
    }

    #[test]
    fn bcrypt_candidate_with_nul_is_refused_though_php_would_truncate_it() {
        let hash = parse("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
        assert!(hash.verify("U*U"));
        assert!(!hash.verify("U*U\0tail"));
    }

    #[test]
    fn phpass_published_portable_vector_verifies() {
        // phpass 0.3 test.php: the portable hash of "test12345".
        let hash = parse("$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0");
        assert_eq!(hash.scheme(), HashScheme::PhpassPortable);
        assert!(hash.verify("test12345"));
        assert!(!hash.verify("test12346"));
        assert!(hash.needs_rehash());
    }

    #[test]
    fn phpbb_spelling_and_other_round_counts_verify() {
        // Known-good pairs from passlib's phpass test suite.
        let vectors = [
            ("test1", "$H$9aaaaaSXBjgypwqm.JsMssPLiS8YQ00"),
            ("123456", "$H$9PE8jEklgZhgLmZl5.HYJAzfGCQtzi1"),
            ("thisisalongertestPW", "$P$912345678LIjjb6PhecupozNBmDndU0"),
            ("JohnRipper", "$P$612345678si5M0DDyPpmRCmcltU/YW/"),
        ];
        for (password, stored) in vectors {
            let hash = parse(stored);
            assert!(hash.verify(password), "{stored}");
            assert!(!hash.verify(&format!("{password}x")), "{stored}");
        }
    }

    #[test]
    fn legacy_md5_verifies_like_osticket_fallback() {
        let hash = parse("5f4dcc3b5aa765d61d8327deb882cf99");
        assert_eq!(hash.scheme(), HashScheme::LegacyMd5);
        assert!(hash.verify("password"));
        assert!(!hash.verify("Password"));
        assert!(hash.needs_rehash_for(BcryptCost::OSTICKET));
    }

    #[test]
    fn legacy_md5_never_accepts_a_falsy_php_password() {
        // md5("") and md5("0"): osTicket's `!$password` guard refuses both.
        assert!(!parse("d41d8cd98f00b204e9800998ecf8427e").verify(""));
        assert!(!parse("cfcd208495d565ef66e7dff9f98764da").verify("0"));
    }

    #[test]
    fn upper_case_md5_is_not_a_hash_osticket_could_match() {
        assert_eq!(
            PasswordHash::parse("5F4DCC3B5AA765D61D8327DEB882CF99"),
            Err(ParsePasswordHashError::Unrecognized)
        );
    }

    #[test]
    fn empty_column_means_no_password() {
        assert_eq!(PasswordHash::parse(""), Err(ParsePasswordHashError::Empty));
    }

    #[test]
    fn malformed_bcrypt_values_are_rejected_at_parse() {
        let good = "$2a$08$7x8eRXe1ojNvSU5lZUUKDOQH531IavoEMeNhYwHymHCga7VBgsJbu";
        assert!(PasswordHash::parse(good).is_ok());
        let malformed = [
            &good[..59],
            &format!("{good} "),
            "$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2a$32$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2a$+8$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2a$08xCCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            // salt's last character carries bits PHP never sets
            "$2a$05$CCCCCCCCCCCCCCCCCCCCCCE5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe!",
            "$2y$",
        ];
        for stored in malformed {
            assert_eq!(
                PasswordHash::parse(stored),
                Err(ParsePasswordHashError::Malformed(HashScheme::Bcrypt)),
                "{stored}"
            );
        }
    }

    #[test]
    fn malformed_phpass_values_are_rejected_at_parse() {
        for stored in [
            "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L",
            "$P$",
            "$H$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0x",
        ] {
            assert_eq!(
                PasswordHash::parse(stored),
                Err(ParsePasswordHashError::Malformed(
                    HashScheme::PhpassPortable
                )),
                "{stored}"
            );
        }
    }

    #[test]
    fn crypt_schemes_osticket_never_writes_are_reported_by_name() {
        // Outputs of libxcrypt's crypt() for "U*U".
        let cases = [
            ("_J9..CCCC2hjwL0cmP4.", UnsupportedScheme::ExtendedDes),
            (
                "$1$saltsalt$eCO9Xe85XuPs3sRCW8ErV1",
                UnsupportedScheme::Md5Crypt,
            ),
            (
                "$5$saltsalt$OMy5aWo4z28SrY9VJsycnRm.r3aGU2qS9f1uej2OER/",
                UnsupportedScheme::Sha256Crypt,
            ),
            (
                "$6$saltsalt$Gyietdg4VSA4kbw1r9MQ8NoH4SzUJHgYu8xH9KHTcCsOXSDz/q8rT2Q.7TpFVRt0wLu3QHCmBZyrUH6EKsZ3./",
                UnsupportedScheme::Sha512Crypt,
            ),
            (
                "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
                UnsupportedScheme::BcryptSignExtensionBug,
            ),
            ("abCY/CHNnliwA", UnsupportedScheme::TraditionalDes),
        ];
        for (stored, scheme) in cases {
            assert_eq!(
                PasswordHash::parse(stored),
                Err(ParsePasswordHashError::Unsupported(scheme)),
                "{stored}"
            );
        }
    }

    #[test]
    fn strings_that_are_no_hash_at_all_are_unrecognized() {
        for stored in [
            "secret",
            "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
            " 5f4dcc3b5aa765d61d8327deb882cf99",
        ] {
            assert_eq!(
                PasswordHash::parse(stored),
                Err(ParsePasswordHashError::Unrecognized),
                "{stored}"
            );
        }
    }

    #[test]
    fn debug_output_shows_the_scheme_not_the_hash() {
        let hash = parse("5f4dcc3b5aa765d61d8327deb882cf99");
        assert_eq!(format!("{hash:?}"), "PasswordHash(LegacyMd5)");
    }

    #[test]
    fn written_hash_is_two_y_at_the_requested_cost() {
        let written = hash_password("s3cret", BcryptCost::OSTICKET).unwrap();
        assert_eq!(written.len(), 60);
        assert!(written.starts_with("$2y$08$"), "{written}");
        let hash = parse(&written);
        assert!(hash.verify("s3cret"));
        assert!(hash.needs_rehash());
        assert!(!parse(&hash_password("s3cret", BcryptCost::DEFAULT).unwrap()).needs_rehash());
    }

    #[test]
    fn each_written_hash_gets_its_own_salt() {
        assert_ne!(
            hash_password("same", CHEAP).unwrap(),
            hash_password("same", CHEAP).unwrap()
        );
    }

    #[test]
    fn password_with_nul_is_not_hashed() {
        assert_eq!(
            hash_password("a\0b", CHEAP),
            Err(HashPasswordError::ContainsNul)
        );
    }

    #[test]
    fn bcrypt_cost_outside_four_to_thirty_one_is_rejected() {
        assert_eq!(BcryptCost::parse(3), Err(BcryptCostError::OutOfRange(3)));
        assert_eq!(BcryptCost::parse(32), Err(BcryptCostError::OutOfRange(32)));
        assert_eq!(BcryptCost::parse(31).map(BcryptCost::get), Ok(31));
        assert!(serde_json::from_str::<BcryptCost>("2").is_err());
        assert_eq!(serde_json::from_str::<BcryptCost>("12").unwrap().get(), 12);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn any_hashed_password_verifies_and_no_other_does(
            plain in "[^\0]{0,18}",
            other in "[^\0]{0,18}",
        ) {
            let hash = parse(&hash_password(&plain, CHEAP).unwrap());
            prop_assert!(hash.verify(&plain));
            prop_assume!(other != plain);
            prop_assert!(!hash.verify(&other));
        }
    }
}
