//! oxt-store: sea-orm entities for the osTicket tables (and Oxticket's own `oxt_*`
//! tables), the process-wide table prefix, osTicket's loose dates, and the connection.

pub mod access;
pub mod api_keys;
mod connect;
mod datetime;
pub mod departments;
pub mod entity;
mod error;
pub mod filters;
pub mod forms;
pub mod jobs;
pub mod mail;
pub mod outbox;
mod prefix;
mod reference_cache;
pub mod roles;
pub mod sla;
pub mod staff;
mod store;
pub mod syslog;
pub mod teams;
mod text;
pub mod tickets;
pub mod tokens;
pub mod users;

pub use connect::connect;
pub use datetime::{OstDate, OstDateTime};
pub use error::StoreError;
pub use prefix::{
    PrefixError, TablePrefix, install_table_prefix, prefixed_table_name, table_prefix,
};
pub use reference_cache::REFERENCE_DATA_TTL;
pub use store::{Backend, Conn, Store, Tx};
