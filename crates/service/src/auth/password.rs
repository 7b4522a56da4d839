//! Checking a sign-in password as osTicket does, on the blocking pool, in
//! the same time whether or not the account exists. Staff and client
//! sign-in share it.

use oxt_identity::{BcryptCost, PasswordHash, hash_password};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};
use tokio::task::JoinError;

/// The result of checking a password.
pub(super) struct Verdict {
    pub(super) matches: bool,
    /// The bcrypt hash that replaces an outdated stored one.
    pub(super) rehashed: Option<String>,
}

/// The stored hash local sign-in may check: none when another backend (LDAP,
/// OAuth) owns the account, as osTicket then skips its local backend
/// (`local_backend` is that backend's id), or when the account has no
/// password osTicket could verify.
pub(super) fn local_password(
    passwd: Option<&str>,
    backend: Option<&str>,
    local_backend: &str,
) -> Option<PasswordHash> {
    let foreign_backend =
        backend.is_some_and(|backend| !backend.is_empty() && backend != local_backend);
    if foreign_backend {
        return None;
    }
    PasswordHash::parse(passwd?).ok()
}

/// Verifies on the blocking pool; without a stored hash, verifies against a
/// dummy one of the same cost so the answer takes as long.
pub(super) async fn check_password(
    stored: Option<PasswordHash>,
    candidate: String,
    cost: BcryptCost,
) -> Result<Verdict, JoinError> {
    tokio::task::spawn_blocking(move || match stored {
        Some(hash) => {
            let matches = hash.verify(&candidate);
            let rehashed = (matches && hash.needs_rehash_for(cost))
                .then(|| hash_password(&candidate, cost).ok())
                .flatten();
            Verdict { matches, rehashed }
        }
        None => {
            dummy_hash(cost).verify(&candidate);
            Verdict {
                matches: false,
                rehashed: None,
            }
        }
    })
    .await
}

/// A bcrypt hash of a password nobody has, one per cost, made once.
fn dummy_hash(cost: BcryptCost) -> PasswordHash {
    static DUMMIES: OnceLock<Mutex<HashMap<u32, PasswordHash>>> = OnceLock::new();
    let mut dummies = DUMMIES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    dummies
        .entry(cost.get())
        .or_insert_with(|| {
            let hash = hash_password("no account has this password", cost)
                .expect("the dummy password has no NUL");
            PasswordHash::parse(&hash).expect("bcrypt output parses")
        })
        .clone()
}
