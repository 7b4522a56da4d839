//! A short-lived, per-store cache of the reference rows every ticket creation reads:
//! the `core` settings, help topics, departments, priorities, statuses, SLAs,
//! schedules, the ticket and user forms with their fields, and the columns of
//! `ticket__cdata`.
//!
//! Without it a creation spends about a dozen round trips re-reading rows that change
//! a few times a year. Two rules keep it honest:
//!
//! - **Oxticket's own writes are seen at once.** Every statement that goes through a
//!   [`Store`](crate::Store) or a [`Tx`](crate::Tx) is checked ([`writes_reference_data`]):
//!   a transaction that writes a reference table (or changes any table's columns) stops
//!   using the cache for the rest of its life and empties it when it commits.
//! - **Changes made beside Oxticket are seen within [`REFERENCE_DATA_TTL`].** osTicket's
//!   admin panel (or an operator's SQL) writes the same tables without telling us, so an
//!   entry is only trusted for a few seconds after it was read.
//!
//! A value read in a transaction is only kept if no commit emptied the cache since that
//! transaction began: its snapshot may predate that commit (MariaDB's REPEATABLE READ), and
//! storing what it read would bring back the rows the commit replaced.

use crate::{StoreError, prefixed_table_name};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long a reference row read from the database is trusted: the longest an edit made
/// in osTicket's admin panel goes unseen by Oxticket.
pub const REFERENCE_DATA_TTL: Duration = Duration::from_secs(5);

/// The osTicket tables whose rows the cache holds.
const REFERENCE_TABLES: [&str; 10] = [
    "config",
    "help_topic",
    "department",
    "ticket_priority",
    "ticket_status",
    "sla",
    "schedule",
    "schedule_entry",
    "form",
    "form_field",
];

/// What an entry holds; each key has one value type, chosen by the function that reads it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ReferenceKey {
    TicketSettings,
    Topic(u32),
    Department(u32),
    Priority(u32),
    Status(u32),
    Sla(u32),
    Schedule(u32),
    Config { namespace: String, key: String },
    TicketForm,
    UserForm,
    TicketCdataColumns,
}

struct Entry {
    value: Arc<dyn Any + Send + Sync>,
    loaded_at: Instant,
}

#[derive(Default)]
struct State {
    /// Moves on every [`ReferenceCache::clear`]; a load started under an older
    /// generation is not stored.
    generation: u64,
    entries: HashMap<ReferenceKey, Entry>,
}

/// The cache a store and its transactions share.
pub(crate) struct ReferenceCache {
    ttl: Duration,
    state: Mutex<State>,
}

impl std::fmt::Debug for ReferenceCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferenceCache")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl ReferenceCache {
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn generation(&self) -> u64 {
        self.state().generation
    }

    /// Drops every entry; loads already under way are not stored.
    pub(crate) fn clear(&self) {
        let mut state = self.state();
        state.generation += 1;
        state.entries.clear();
    }

    fn get<T: Clone + Send + Sync + 'static>(&self, key: &ReferenceKey) -> Option<T> {
        let state = self.state();
        let entry = state.entries.get(key)?;
        if entry.loaded_at.elapsed() >= self.ttl {
            return None;
        }
        entry.value.downcast_ref::<T>().cloned()
    }

    fn put<T: Send + Sync + 'static>(
        &self,
        key: ReferenceKey,
        value: T,
        loaded_at: Instant,
        generation: u64,
    ) {
        if self.ttl.is_zero() {
            return;
        }
        let mut state = self.state();
        if state.generation == generation {
            state.entries.insert(
                key,
                Entry {
                    value: Arc::new(value),
                    loaded_at,
                },
            );
        }
    }
}

/// The cache as one connection may use it: `generation` is the one its reads belong to.
#[derive(Debug, Clone, Copy)]
pub struct CacheView<'a> {
    pub(crate) cache: &'a ReferenceCache,
    pub(crate) generation: u64,
}

/// The value under `key`, from the cache while it is fresh, else from `load` (then kept).
/// `view` is `None` where the cache must not be used (a transaction that wrote reference
/// data reads its own writes).
pub(crate) async fn cached<T, Load>(
    view: Option<CacheView<'_>>,
    key: ReferenceKey,
    load: Load,
) -> Result<T, StoreError>
where
    T: Clone + Send + Sync + 'static,
    Load: Future<Output = Result<T, StoreError>>,
{
    let Some(view) = view else {
        return load.await;
    };
    if let Some(hit) = view.cache.get::<T>(&key) {
        return Ok(hit);
    }
    let loaded_at = Instant::now();
    let value = load.await?;
    view.cache
        .put(key, value.clone(), loaded_at, view.generation);
    Ok(value)
}

/// Whether `sql` may change what the cache holds: an `INSERT`, `REPLACE`, `UPDATE` or
/// `DELETE` of a reference table, or any schema change (osTicket adds `__cdata` columns
/// when a form gains a field). Reads, and writes of any other table, do not.
pub(crate) fn writes_reference_data(sql: &str) -> bool {
    let mut words = sql.split_whitespace();
    let Some(verb) = words.next() else {
        return false;
    };
    let target = match verb.to_ascii_uppercase().as_str() {
        "INSERT" | "REPLACE" => words
            .find(|word| word.eq_ignore_ascii_case("INTO"))
            .and(words.next()),
        "UPDATE" => words.find(|word| {
            !word.eq_ignore_ascii_case("LOW_PRIORITY") && !word.eq_ignore_ascii_case("IGNORE")
        }),
        "DELETE" => words
            .find(|word| word.eq_ignore_ascii_case("FROM"))
            .and(words.next()),
        "ALTER" | "CREATE" | "DROP" | "RENAME" | "TRUNCATE" => return true,
        _ => return false,
    };
    // No table where one was expected: assume the worst.
    target.is_none_or(|target| is_reference_table(bare_table_name(target)))
}

/// `ost_config` out of `` `ost_config` ``, `"ost_config"`, `db.ost_config` or `ost_config(`.
fn bare_table_name(word: &str) -> &str {
    let word = word.split('(').next().unwrap_or(word);
    let word = word.rsplit('.').next().unwrap_or(word);
    word.trim_matches(|c| matches!(c, '`' | '"' | '[' | ']'))
}

fn is_reference_table(name: &str) -> bool {
    REFERENCE_TABLES
        .iter()
        .any(|table| prefixed_table_name(table).eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_to_reference_tables_are_recognised_in_every_dialect() {
        assert!(writes_reference_data(
            "UPDATE `ost_help_topic` SET `dept_id` = ? WHERE `topic_id` = ?"
        ));
        assert!(writes_reference_data(
            r#"INSERT INTO "ost_config" ("namespace", "key") VALUES ($1, $2)"#
        ));
        assert!(writes_reference_data(
            "delete from ost_form_field where id = 3"
        ));
        assert!(writes_reference_data(
            "REPLACE INTO oxt.`ost_sla`(id, name) VALUES (1, 'x')"
        ));
        assert!(writes_reference_data(
            "ALTER TABLE ost_ticket__cdata ADD COLUMN serial TEXT"
        ));
    }

    #[test]
    fn reads_and_writes_of_other_tables_are_not() {
        assert!(!writes_reference_data("SELECT * FROM `ost_config`"));
        assert!(!writes_reference_data(
            "INSERT INTO `ost_form_entry` (`form_id`) VALUES (?)"
        ));
        assert!(!writes_reference_data(
            "UPDATE `ost_ticket` SET `status_id` = ? WHERE `ticket_id` = ?"
        ));
        assert!(!writes_reference_data(
            "INSERT INTO `ost__search` (`object_type`) VALUES (?) ON DUPLICATE KEY UPDATE `title` = VALUES(`title`)"
        ));
        assert!(!writes_reference_data("BEGIN"));
        assert!(!writes_reference_data(""));
    }

    #[test]
    fn a_write_without_a_table_counts_as_one() {
        assert!(writes_reference_data("DELETE"));
    }

    #[tokio::test]
    async fn a_fresh_entry_is_served_and_a_cleared_one_is_loaded_again() {
        let cache = ReferenceCache::new(Duration::from_secs(60));
        let view = || {
            Some(CacheView {
                cache: &cache,
                generation: cache.generation(),
            })
        };
        let first = cached(view(), ReferenceKey::Topic(1), async { Ok(1_u32) }).await;
        let second = cached(view(), ReferenceKey::Topic(1), async { Ok(2_u32) }).await;
        assert_eq!((first.unwrap(), second.unwrap()), (1, 1));
        cache.clear();
        let third = cached(view(), ReferenceKey::Topic(1), async { Ok(3_u32) }).await;
        assert_eq!(third.unwrap(), 3);
    }

    #[tokio::test]
    async fn a_load_begun_before_a_clear_is_not_kept() {
        let cache = ReferenceCache::new(Duration::from_secs(60));
        let stale = CacheView {
            cache: &cache,
            generation: cache.generation(),
        };
        cache.clear();
        let read = cached(Some(stale), ReferenceKey::Sla(1), async { Ok(1_u32) }).await;
        assert_eq!(read.unwrap(), 1);
        let current = CacheView {
            cache: &cache,
            generation: cache.generation(),
        };
        let again = cached(Some(current), ReferenceKey::Sla(1), async { Ok(2_u32) }).await;
        assert_eq!(again.unwrap(), 2);
    }

    #[tokio::test]
    async fn an_expired_entry_is_loaded_again() {
        let cache = ReferenceCache::new(Duration::from_millis(20));
        let view = || {
            Some(CacheView {
                cache: &cache,
                generation: cache.generation(),
            })
        };
        cached(view(), ReferenceKey::Priority(2), async { Ok(1_u32) })
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(40)).await;
        let reloaded = cached(view(), ReferenceKey::Priority(2), async { Ok(2_u32) }).await;
        assert_eq!(reloaded.unwrap(), 2);
    }

    #[tokio::test]
    async fn a_zero_ttl_caches_nothing() {
        let cache = ReferenceCache::new(Duration::ZERO);
        let view = || {
            Some(CacheView {
                cache: &cache,
                generation: cache.generation(),
            })
        };
        cached(view(), ReferenceKey::TicketForm, async { Ok(1_u32) })
            .await
            .unwrap();
        let again = cached(view(), ReferenceKey::TicketForm, async { Ok(2_u32) }).await;
        assert_eq!(again.unwrap(), 2);
    }

    mod against_the_database {
        use crate::entity::department;
        use crate::tickets::find_department;
        use crate::{Store, prefixed_table_name};
        use chrono::{TimeZone, Utc};
        use oxt_testkit::{TestDb, db_test};
        use oxt_ticket::ids::{DeptId, SlaId};
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
        use std::time::Duration;

        async fn migrated(db: &TestDb) -> Store {
            oxt_migrations::migrate(
                db.conn(),
                Utc.with_ymd_and_hms(2026, 11, 22, 4, 0, 0).unwrap(),
            )
            .await
            .expect("the test database migrates");
            Store::from_connection(db.conn().clone())
        }

        /// The SLA department 1 routes to, as the store reads it.
        async fn sla_of_support(db: &impl crate::Conn) -> Option<SlaId> {
            find_department(db, DeptId::new(1))
                .await
                .unwrap()
                .expect("department 1 exists")
                .sla
        }

        /// Changes department 1 the way osTicket's admin panel would: beside the store.
        async fn set_sla_beside_the_store(db: &TestDb, sla: u32) {
            db.conn()
                .execute_unprepared(&format!(
                    "UPDATE {} SET sla_id = {sla} WHERE id = 1",
                    prefixed_table_name("department")
                ))
                .await
                .unwrap();
        }

        db_test!(
            a_row_is_read_once_and_served_until_forgotten,
            |db| async move {
                let store = migrated(&db).await;
                let before = sla_of_support(&store).await;
                set_sla_beside_the_store(&db, 7).await;
                assert_eq!(sla_of_support(&store).await, before);
                store.forget_reference_data();
                assert_eq!(sla_of_support(&store).await, Some(SlaId::new(7)));
            }
        );

        db_test!(
            a_write_through_the_store_is_seen_by_its_transaction_and_by_all_once_committed,
            |db| async move {
                let store = migrated(&db).await;
                let before = sla_of_support(&store).await;
                let tx = store.begin().await.unwrap();
                department::Entity::update_many()
                    .col_expr(department::Column::SlaId, Expr::value(9_u32))
                    .filter(department::Column::Id.eq(1_u32))
                    .exec(&tx)
                    .await
                    .unwrap();
                assert_eq!(sla_of_support(&tx).await, Some(SlaId::new(9)));
                assert_eq!(sla_of_support(&store).await, before);
                tx.commit().await.unwrap();
                assert_eq!(sla_of_support(&store).await, Some(SlaId::new(9)));
            }
        );

        db_test!(
            a_write_rolled_back_leaves_the_cache_alone,
            |db| async move {
                let store = migrated(&db).await;
                let before = sla_of_support(&store).await;
                set_sla_beside_the_store(&db, 7).await;
                {
                    let tx = store.begin().await.unwrap();
                    department::Entity::update_many()
                        .col_expr(department::Column::SlaId, Expr::value(9_u32))
                        .filter(department::Column::Id.eq(1_u32))
                        .exec(&tx)
                        .await
                        .unwrap();
                }
                // Still the cached row: the abandoned transaction emptied nothing...
                assert_eq!(sla_of_support(&store).await, before);
                // ...and left nothing behind.
                store.forget_reference_data();
                assert_eq!(sla_of_support(&store).await, Some(SlaId::new(7)));
            }
        );

        db_test!(
            a_change_beside_the_store_is_seen_once_the_ttl_has_passed,
            |db| async move {
                let store = migrated(&db)
                    .await
                    .with_reference_ttl(Duration::from_millis(100));
                sla_of_support(&store).await;
                set_sla_beside_the_store(&db, 7).await;
                tokio::time::sleep(Duration::from_millis(200)).await;
                assert_eq!(sla_of_support(&store).await, Some(SlaId::new(7)));
            }
        );

        db_test!(a_zero_ttl_reads_every_time, |db| async move {
            let store = migrated(&db).await.with_reference_ttl(Duration::ZERO);
            sla_of_support(&store).await;
            set_sla_beside_the_store(&db, 7).await;
            assert_eq!(sla_of_support(&store).await, Some(SlaId::new(7)));
        });
    }
}
