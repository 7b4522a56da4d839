//! Opening the database, configured per backend the way osTicket's own sessions are.

use crate::{StoreError, TablePrefix, install_table_prefix};
use sea_orm::sqlx::{self, Executor};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::time::Duration;

/// Connections a MySQL/MariaDB or PostgreSQL pool may open. The server, not the pool, is
/// the bottleneck of a help desk; this leaves room for other clients (osTicket's PHP
/// workers among them) under the default server limits.
const SERVER_POOL_SIZE: u32 = 10;

/// SQLite serves one writer at a time; a few connections let readers proceed alongside it
/// (write-ahead log) without multiplying lock waits.
const SQLITE_POOL_SIZE: u32 = 4;

/// How long a SQLite writer waits for the one before it instead of failing with "database
/// is locked".
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A pooled connection idle for at least this long is pinged before it is handed out.
/// sqlx pings every connection it hands out by default: a round trip more for each
/// transaction and each statement outside one, to a server that answered a moment ago;
/// a connection idle this long may have been closed by the server or a proxy meanwhile.
const PING_AFTER_IDLE: Duration = Duration::from_secs(30);

/// What osTicket's `db_connect()` (include/mysqli.php) sets on every session. With an empty
/// SQL mode MySQL stores zero dates and fills omitted `NOT NULL` columns with their implicit
/// defaults, and osTicket's rows depend on both. Its dates are in the server's time zone.
const OSTICKET_MYSQL_SESSION: &str = "SET SESSION sql_mode = '', time_zone = 'SYSTEM'";

/// osTicket's `ticket` table has single-column indexes only (`dept_id`, `status_id`, ...),
/// and MariaDB likes to answer a queue (`dept_id = ? AND status_id IN (...)`) by
/// intersecting two of them, which reads the index entry of every open ticket: hundreds
/// of milliseconds at a million tickets, where walking one index takes a few. Oxticket's
/// own sessions turn that plan off; osTicket's sessions are not affected.
const QUEUE_FRIENDLY_OPTIMIZER: &str =
    "SET SESSION optimizer_switch = 'index_merge_intersection=off'";

/// Opens a pool on `url` (`mysql://`, `mariadb://`, `postgres://` or `sqlite:`) and installs
/// `prefix` as the process-wide table prefix (see [`install_table_prefix`]).
///
/// - MySQL/MariaDB: every session gets osTicket's settings (empty SQL mode, server time
///   zone) and `utf8mb4`, a superset of the `utf8` osTicket's tables use.
/// - SQLite: `?mode=rwc` in the URL creates the file; the journal is write-ahead so readers
///   do not block the writer, and a writer waits up to 10 s for another instead of
///   failing. Write transactions should begin `IMMEDIATE` (sea-orm's
///   `SqliteTransactionMode::Immediate`), so that they take the write lock before reading
///   rather than fail to upgrade a read snapshot another writer has outdated.
pub async fn connect(url: &str, prefix: TablePrefix) -> Result<DatabaseConnection, StoreError> {
    install_table_prefix(prefix)?;

    let mut options = ConnectOptions::new(url);
    // sqlx would log every statement at INFO; statements carry e-mail addresses and token
    // hashes, which must stay out of the logs.
    options.sqlx_logging(false);
    options.test_before_acquire_if_idle_for(PING_AFTER_IDLE);
    options
        .map_sqlx_mysql_opts(|mysql| {
            mysql
                .charset("utf8mb4")
                .collation("utf8mb4_general_ci")
                // sqlx appends these to the SQL mode and fixes the time zone at UTC; the
                // session settings above replace both with osTicket's.
                .pipes_as_concat(false)
                .no_engine_substitution(false)
                .timezone(None)
        })
        .map_sqlx_mysql_pool_opts(|pool| {
            pool.max_connections(SERVER_POOL_SIZE)
                .after_connect(|connection, _| {
                    Box::pin(async move {
                        connection.execute(OSTICKET_MYSQL_SESSION).await?;
                        connection.execute(QUEUE_FRIENDLY_OPTIMIZER).await?;
                        Ok(())
                    })
                })
        })
        .map_sqlx_postgres_pool_opts(|pool| pool.max_connections(SERVER_POOL_SIZE))
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
        })
        .map_sqlx_sqlite_pool_opts(|pool| {
            // An in-memory database lives only while a connection to it is open: keep one.
            pool.max_connections(SQLITE_POOL_SIZE)
                .min_connections(1)
                .max_lifetime(None)
                .idle_timeout(None)
        });

    Ok(Database::connect(options).await?)
}
