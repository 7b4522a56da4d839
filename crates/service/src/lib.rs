//! Oxticket's use cases: one function per operation, each in one transaction.
//!
//! A use case opens a [`oxt_store::Tx`], loads what it needs, asks the pure
//! domain crates for the decision (which returns new state and events, or a
//! typed error), saves through `oxt_store`, and commits. Every use case has
//! its own error enum; the HTTP edge maps each variant to a problem response.

pub mod access;
pub mod api_keys;
pub mod auth;
pub mod bootstrap;
pub mod clock;
mod context;
pub mod departments;
pub mod filters;
pub mod jobs;
pub mod mail;
pub mod osticket_api;
pub mod roles;
pub mod schedules;
pub mod slas;
pub mod staff;
pub mod teams;
pub mod tickets;
pub mod users;
pub mod validation;

pub use clock::{Clock, FixedClock};
pub use context::{Caller, Ctx};
