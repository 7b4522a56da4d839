//! Job leases. Each statement is atomic on its own, so these run on the [`Store`]
//! (autocommit), never inside an operation's transaction: a lease must be visible to
//! other instances the moment it is taken, and on PostgreSQL a refused `INSERT` would
//! abort the transaction around it.

use crate::entity::oxt_job_lease;
use crate::{Store, StoreError};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter, SqlErr};

/// What an attempt to take a job's lease found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaseAttempt {
    /// The lease is ours until `expires_at`.
    Acquired { expires_at: DateTime<Utc> },
    /// Another instance holds it and it has not expired.
    HeldElsewhere {
        holder: String,
        expires_at: DateTime<Utc>,
    },
}

/// Takes `job`'s lease for `holder` until `now + ttl`: by creating it, by taking
/// over one that expired (`expires_at <= now`), or by extending one `holder`
/// already has. Two instances racing for the same lease cannot both win: the
/// take-over is one conditional `UPDATE`, the creation one `INSERT` on the
/// primary key.
pub async fn acquire_lease(
    store: &Store,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
    ttl: TimeDelta,
) -> Result<LeaseAttempt, StoreError> {
    use oxt_job_lease::Column;
    let db = store.connection();
    let expires_at = now + ttl;
    let taken = oxt_job_lease::Entity::update_many()
        .col_expr(Column::Holder, Expr::value(holder))
        .col_expr(Column::AcquiredAt, Expr::value(now))
        .col_expr(Column::ExpiresAt, Expr::value(expires_at))
        .filter(Column::Job.eq(job))
        .filter(
            Condition::any()
                .add(Column::Holder.eq(holder))
                .add(Column::ExpiresAt.lte(now)),
        )
        .exec(db)
        .await?;
    if taken.rows_affected == 1 {
        return Ok(LeaseAttempt::Acquired { expires_at });
    }
    if let Some(current) = oxt_job_lease::Entity::find_by_id(job).one(db).await? {
        return Ok(LeaseAttempt::HeldElsewhere {
            holder: current.holder,
            expires_at: current.expires_at,
        });
    }
    let created = oxt_job_lease::Entity::insert(oxt_job_lease::ActiveModel {
        job: Set(job.to_owned()),
        holder: Set(holder.to_owned()),
        acquired_at: Set(now),
        expires_at: Set(expires_at),
    })
    .exec_without_returning(db)
    .await;
    match created {
        Ok(_) => Ok(LeaseAttempt::Acquired { expires_at }),
        // Another instance created it between our read and our insert.
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            let current = oxt_job_lease::Entity::find_by_id(job)
                .one(db)
                .await?
                .ok_or(StoreError::NotFound)?;
            Ok(LeaseAttempt::HeldElsewhere {
                holder: current.holder,
                expires_at: current.expires_at,
            })
        }
        Err(error) => Err(error.into()),
    }
}

/// Extends `holder`'s lease on `job` to `now + ttl`. `false` when `holder` no
/// longer holds it (it expired and another instance took it over).
pub async fn renew_lease(
    store: &Store,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
    ttl: TimeDelta,
) -> Result<bool, StoreError> {
    use oxt_job_lease::Column;
    let renewed = oxt_job_lease::Entity::update_many()
        .col_expr(Column::ExpiresAt, Expr::value(now + ttl))
        .filter(Column::Job.eq(job))
        .filter(Column::Holder.eq(holder))
        .exec(store.connection())
        .await?;
    Ok(renewed.rows_affected == 1)
}

/// Gives up `holder`'s lease on `job`, so that any instance may run the job at its
/// next tick. Does nothing if `holder` no longer holds it.
pub async fn release_lease(store: &Store, job: &str, holder: &str) -> Result<(), StoreError> {
    use oxt_job_lease::Column;
    oxt_job_lease::Entity::delete_many()
        .filter(Column::Job.eq(job))
        .filter(Column::Holder.eq(holder))
        .exec(store.connection())
        .await?;
    Ok(())
}
