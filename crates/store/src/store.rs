//! The store handle the service holds, and the transaction every operation runs in.
//!
//! The service never names sea-orm: it opens a [`Tx`] with [`Store::begin`], passes
//! `&tx` (or `&store` for a read outside any transaction) to the repository functions,
//! and commits. A `Tx` dropped without `commit` rolls back, so an early return through
//! `?` leaves nothing half-written.
//!
//! sqlx only queues the rollback of a dropped transaction until its connection is next
//! used, and on MariaDB the row locks it took are held until then; so dropping a `Tx`
//! rolls back right away, on the runtime it ran on.

use crate::{StoreError, TablePrefix, connect};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// The database behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    MySql,
    Postgres,
    Sqlite,
}

/// A pool of connections to one osTicket database.
#[derive(Debug, Clone)]
pub struct Store {
    db: DatabaseConnection,
}

impl Store {
    /// Connects to `url` and installs the process-wide table `prefix`.
    pub async fn open(url: &str, prefix: TablePrefix) -> Result<Self, StoreError> {
        Ok(Self {
            db: connect(url, prefix).await?,
        })
    }

    /// A store over a pool opened elsewhere (the test databases of `oxt-testkit`).
    pub fn from_connection(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// The underlying sea-orm connection, for the migrations crate.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    pub fn backend(&self) -> Backend {
        match self.db.get_database_backend() {
            DbBackend::MySql => Backend::MySql,
            DbBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    /// Opens the one transaction of an operation.
    ///
    /// On SQLite the transaction takes the write lock up front (`BEGIN IMMEDIATE`):
    /// a deferred one that reads first and writes later fails with "database is
    /// locked" when another writer committed in between, instead of waiting.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let options = TransactionOptions {
            isolation_level: None,
            access_mode: None,
            sqlite_transaction_mode: (self.db.get_database_backend() == DatabaseBackend::Sqlite)
                .then_some(SqliteTransactionMode::Immediate),
        };
        Ok(Tx {
            txn: Some(self.db.begin_with_options(options).await?),
        })
    }

    /// Whether the database answers (for `/ready`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        Ok(self.db.ping().await?)
    }
}

/// One operation's transaction. Dropping it without [`Tx::commit`] rolls back.
#[derive(Debug)]
pub struct Tx {
    /// `None` once committed.
    txn: Option<DatabaseTransaction>,
}

impl Tx {
    pub async fn commit(mut self) -> Result<(), StoreError> {
        let txn = self.txn.take().expect("a transaction is committed once");
        Ok(txn.commit().await?)
    }

    fn transaction(&self) -> &DatabaseTransaction {
        self.txn
            .as_ref()
            .expect("a transaction is used only until it is committed")
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        if let Some(txn) = self.txn.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            runtime.spawn(async move {
                if let Err(error) = txn.rollback().await {
                    tracing::warn!(%error, "rolling back an abandoned transaction failed");
                }
            });
        }
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Store {}
    impl Sealed for super::Tx {}
}

/// Where a repository function runs: inside an operation's [`Tx`], or on the
/// [`Store`] itself for a read that needs no transaction.
pub trait Conn: sealed::Sealed + Send + Sync {
    #[doc(hidden)]
    fn db(&self) -> &impl ConnectionTrait;

    #[doc(hidden)]
    fn locks_rows(&self) -> bool;
}

impl Conn for Store {
    fn db(&self) -> &impl ConnectionTrait {
        &self.db
    }

    fn locks_rows(&self) -> bool {
        false
    }
}

impl Conn for Tx {
    fn db(&self) -> &impl ConnectionTrait {
        self.transaction()
    }

    /// SQLite has no `SELECT … FOR UPDATE`; its `BEGIN IMMEDIATE` already holds
    /// the database's one write lock for the whole transaction.
    fn locks_rows(&self) -> bool {
        self.transaction().get_database_backend() != DatabaseBackend::Sqlite
    }
}
