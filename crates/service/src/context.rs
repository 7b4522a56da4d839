//! What every use case is handed: the store, the clock, the token issuer.

use crate::Clock;
use crate::filters::FilterCache;
use oxt_identity::{AccessTokens, BcryptCost, RefreshTokenConfig, Subject};
use oxt_store::Store;
use std::sync::Arc;

/// The dependencies of the use cases, built once at start-up and shared.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub access_tokens: Arc<AccessTokens>,
    pub refresh_tokens: RefreshTokenConfig,
    /// The cost of the bcrypt hashes Oxticket writes (new and upgraded passwords).
    pub password_cost: BcryptCost,
    /// The compiled ticket filters and ban list, rebuilt when they change.
    pub filters: FilterCache,
}

/// The authenticated subject an operation runs for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    pub subject: Subject,
}
