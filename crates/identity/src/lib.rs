//! Identity adapters: the password hashes osTicket stores, the JWT access
//! tokens and rotating refresh tokens Oxticket hands out.
//!
//! No I/O, no environment, no clock: configuration arrives as plain `serde`
//! structs, and every time-dependent call takes `now`. Password hashing and
//! verification are synchronous and slow on purpose; run them on a blocking
//! thread.

pub mod api_key;
pub mod password;
pub mod refresh;
mod subject;
pub mod token;
mod ttl;

pub use password::{BcryptCost, PasswordHash, hash_password};
pub use refresh::{RefreshDecision, RefreshToken, RefreshTokenConfig, RefreshTokenRecord};
pub use subject::{ParseSubjectError, Subject};
pub use token::{AccessToken, AccessTokens, Claims, JwtConfig, TokenError};
pub use ttl::{TokenTtl, TokenTtlError};
