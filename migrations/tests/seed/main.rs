//! The rows of a fresh osTicket install, as `oxt_migrations::seed::fresh_install`
//! writes them: compared with osTicket's own install on the genuine schema
//! (MariaDB), and written through `migrate` on SQLite, MariaDB and PostgreSQL.

mod backends;
mod genuine;

use chrono::{DateTime, TimeZone, Utc};
use oxt_store::{TablePrefix, table_prefix};

/// The process's table prefix, which `TestDb` and `migrate` use (osTicket's `ost_`).
pub fn test_prefix() -> TablePrefix {
    table_prefix().clone()
}

/// The install time handed to the seed.
pub fn install_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 23, 32, 11).unwrap()
}

/// [`install_time`] as the databases print it.
pub const INSTALL_TIME_SQL: &str = "2026-11-21 23:32:11";
