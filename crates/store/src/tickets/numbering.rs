//! Allocating a ticket number as osTicket's `Sequence::next` does: draw a
//! number (from a locked `ost_sequence` row, or at random), and draw again
//! while `ost_ticket.number` already holds it.

use crate::entity::{BigUnsigned, sequence, ticket};
use crate::store::locked;
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::number::{
    DigitSource, NumberSource, NumberingPlan, Sequence, SequenceError, TicketNumber,
    TicketNumberError,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// How many numbers are drawn before giving up: osTicket loops forever, which
/// a nearly full format (say `##`) would turn into a hung request.
pub const MAX_NUMBER_ATTEMPTS: u32 = 100;

#[derive(Debug, thiserror::Error)]
pub enum NumberingError {
    #[error(transparent)]
    Sequence(#[from] SequenceError),
    #[error(transparent)]
    Number(#[from] TicketNumberError),
    #[error("no unused ticket number after {attempts} attempts")]
    NoFreeNumber { attempts: u32 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for NumberingError {
    fn from(error: sea_orm::DbErr) -> Self {
        Self::Store(error.into())
    }
}

/// The next free number under `plan`. A sequence row is locked (`FOR UPDATE`)
/// and advanced in the caller's transaction, so concurrent creations never
/// share a value; a plan naming a missing sequence numbers at random, as
/// osTicket's failed `Sequence::lookup` does.
pub async fn allocate_ticket_number(
    db: &impl Conn,
    plan: &NumberingPlan,
    digits: &mut impl DigitSource,
    now: DateTime<Utc>,
) -> Result<TicketNumber, NumberingError> {
    let mut sequence = match plan.source {
        NumberSource::Sequence(id) => lock_sequence(db, id.get()).await?,
        NumberSource::Random => None,
    };
    for _ in 0..MAX_NUMBER_ATTEMPTS {
        let candidate = match sequence {
            Some(current) => {
                let (number, advanced) = current.next_number(&plan.format)?;
                save_sequence(db, &advanced, now).await?;
                sequence = Some(advanced);
                number
            }
            None => plan.format.random(digits)?,
        };
        if !is_number_taken(db, &candidate).await? {
            return Ok(candidate);
        }
    }
    Err(NumberingError::NoFreeNumber {
        attempts: MAX_NUMBER_ATTEMPTS,
    })
}

pub async fn is_number_taken(db: &impl Conn, number: &TicketNumber) -> Result<bool, StoreError> {
    let count = ticket::Entity::find()
        .filter(ticket::Column::Number.eq(number.as_str()))
        .count(db.db())
        .await?;
    Ok(count > 0)
}

async fn lock_sequence(db: &impl Conn, id: u32) -> Result<Option<Sequence>, StoreError> {
    let query = locked(db, sequence::Entity::find_by_id(id));
    Ok(query.one(db.db()).await?.and_then(|row| {
        Some(Sequence {
            id: oxt_ticket::ids::SequenceId::from_column(row.id)?,
            next: row.next.0,
            increment: row.increment.unwrap_or(1),
            padding: row
                .padding
                .as_deref()
                .and_then(|padding| padding.chars().next())
                .unwrap_or('0'),
        })
    }))
}

async fn save_sequence(
    db: &impl Conn,
    sequence: &Sequence,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sequence::Entity::update_many()
        .col_expr(
            sequence::Column::Next,
            Expr::value(BigUnsigned(sequence.next)),
        )
        .col_expr(
            sequence::Column::Updated,
            Expr::value(OstDateTime::at(now.naive_utc())),
        )
        .filter(sequence::Column::Id.eq(sequence.id.get()))
        .exec(db.db())
        .await?;
    Ok(())
}
