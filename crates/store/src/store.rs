//! The store handle the service holds, and the transaction every operation runs in.
//!
//! The service never names sea-orm: it opens a [`Tx`] with [`Store::begin`], passes
//! `&tx` (or `&store` for a read outside any transaction) to the repository functions,
//! and commits. A `Tx` dropped without `commit` rolls back, so an early return through
//! `?` leaves nothing half-written.
//!
//! Both pass every statement on to sea-orm, noting the ones that write reference data so
//! that the [reference cache](crate::reference_cache) never serves a row Oxticket itself
//! has replaced.
//!
//! sqlx only queues the rollback of a dropped transaction until its connection is next
//! used, and on MariaDB the row locks it took are held until then; so dropping a `Tx`
//! rolls back right away, on the runtime it ran on.

use crate::reference_cache::{
    CacheView, REFERENCE_DATA_TTL, ReferenceCache, writes_reference_data,
};
use crate::{StoreError, TablePrefix, connect};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    EntityTrait, ExecResult, QueryResult, QuerySelect, Select, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The database behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    MySql,
    Postgres,
    Sqlite,
}

/// A pool of connections to one osTicket database, with the cache of its reference rows.
#[derive(Debug, Clone)]
pub struct Store {
    db: DatabaseConnection,
    reference: Arc<ReferenceCache>,
}

impl Store {
    /// Connects to `url` and installs the process-wide table `prefix`.
    pub async fn open(url: &str, prefix: TablePrefix) -> Result<Self, StoreError> {
        Ok(Self::from_connection(connect(url, prefix).await?))
    }

    /// A store over a pool opened elsewhere (the test databases of `oxt-testkit`).
    pub fn from_connection(db: DatabaseConnection) -> Self {
        Self {
            db,
            reference: Arc::new(ReferenceCache::new(REFERENCE_DATA_TTL)),
        }
    }

    /// The same pool with a fresh reference cache that trusts a row for `ttl`
    /// ([`REFERENCE_DATA_TTL`] by default; zero reads every row every time).
    pub fn with_reference_ttl(self, ttl: Duration) -> Self {
        Self {
            reference: Arc::new(ReferenceCache::new(ttl)),
            ..self
        }
    }

    /// Forgets every cached reference row, for a change made beside the store (osTicket,
    /// or SQL on [`Store::connection`]) that must be seen before the cache expires.
    pub fn forget_reference_data(&self) {
        self.reference.clear();
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
        // Taken before the transaction's snapshot exists: a commit that empties the cache
        // after this point may be newer than what the transaction reads.
        let generation = self.reference.generation();
        Ok(Tx {
            txn: Some(self.db.begin_with_options(options).await?),
            reference: Arc::clone(&self.reference),
            generation,
            wrote_reference_data: AtomicBool::new(false),
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
    reference: Arc<ReferenceCache>,
    /// The cache generation when the transaction began.
    generation: u64,
    /// Set by the first statement that writes reference data.
    wrote_reference_data: AtomicBool,
}

impl Tx {
    pub async fn commit(mut self) -> Result<(), StoreError> {
        let txn = self.txn.take().expect("a transaction is committed once");
        txn.commit().await?;
        if self.wrote_reference_data.load(Ordering::Relaxed) {
            self.reference.clear();
        }
        Ok(())
    }

    fn note(&self, sql: &str) {
        if writes_reference_data(sql) {
            self.wrote_reference_data.store(true, Ordering::Relaxed);
        }
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

    /// The reference cache, unless this connection must read reference rows afresh.
    #[doc(hidden)]
    fn reference_cache(&self) -> Option<CacheView<'_>>;
}

/// `query` with its rows locked until the transaction ends, where `db` locks
/// rows (`FOR UPDATE`); SQLite's transaction already holds the write lock.
pub(crate) fn locked<E: EntityTrait>(db: &impl Conn, query: Select<E>) -> Select<E> {
    if db.locks_rows() {
        query.lock_exclusive()
    } else {
        query
    }
}

impl Conn for Store {
    fn db(&self) -> &impl ConnectionTrait {
        self
    }

    fn locks_rows(&self) -> bool {
        false
    }

    fn reference_cache(&self) -> Option<CacheView<'_>> {
        Some(CacheView {
            cache: &self.reference,
            generation: self.reference.generation(),
        })
    }
}

impl Conn for Tx {
    fn db(&self) -> &impl ConnectionTrait {
        self
    }

    /// A transaction that changed reference rows reads its own changes.
    fn reference_cache(&self) -> Option<CacheView<'_>> {
        (!self.wrote_reference_data.load(Ordering::Relaxed)).then_some(CacheView {
            cache: &self.reference,
            generation: self.generation,
        })
    }

    /// SQLite has no `SELECT … FOR UPDATE`; its `BEGIN IMMEDIATE` already holds
    /// the database's one write lock for the whole transaction.
    fn locks_rows(&self) -> bool {
        self.transaction().get_database_backend() != DatabaseBackend::Sqlite
    }
}

/// Statements on the pool commit one by one: a write to reference data empties the cache
/// as soon as it is done.
#[async_trait::async_trait]
impl ConnectionTrait for Store {
    fn get_database_backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        let writes = writes_reference_data(&stmt.sql);
        let result = self.db.execute_raw(stmt).await;
        if writes {
            self.reference.clear();
        }
        result
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        let result = self.db.execute_unprepared(sql).await;
        if writes_reference_data(sql) {
            self.reference.clear();
        }
        result
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        // `INSERT … RETURNING` (PostgreSQL, SQLite) is a query.
        let writes = writes_reference_data(&stmt.sql);
        let result = self.db.query_one_raw(stmt).await;
        if writes {
            self.reference.clear();
        }
        result
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let writes = writes_reference_data(&stmt.sql);
        let result = self.db.query_all_raw(stmt).await;
        if writes {
            self.reference.clear();
        }
        result
    }

    fn support_returning(&self) -> bool {
        self.db.support_returning()
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Tx {
    fn get_database_backend(&self) -> DbBackend {
        self.transaction().get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.note(&stmt.sql);
        self.transaction().execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.note(sql);
        self.transaction().execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.note(&stmt.sql);
        self.transaction().query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.note(&stmt.sql);
        self.transaction().query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.transaction().support_returning()
    }
}
