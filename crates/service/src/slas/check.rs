//! The checks of osTicket's `SLA::update`, every invalid field reported at once.

use oxt_sla::{GracePeriod, GracePeriodError};
use oxt_store::sla::{ScheduleKind, SlaFlags, SlaValues, find_schedule_kind, find_sla_id_by_name};
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::{ScheduleId, SlaId};

/// `ost_sla.name` is a `varchar(64)`.
const MAX_NAME: usize = 64;

/// An SLA as it would be after the write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaDraft {
    pub name: String,
    /// Hours, as sent: checked to be 1 to 8760.
    pub grace_period: i64,
    /// A business-hours schedule; `None` counts on the department's
    /// schedule, else the help desk's.
    pub schedule: Option<ScheduleId>,
    pub flags: SlaFlags,
    pub notes: Option<String>,
}

/// One invalid field of an SLA, named as the client sent it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidSlaField {
    #[error("name is required")]
    NameRequired,
    #[error("name is longer than {MAX_NAME} characters")]
    NameTooLong,
    #[error("another SLA is named {0:?}")]
    NameTaken(String),
    /// osTicket's form refuses an empty or zero grace period.
    #[error("grace_period must be at least one hour")]
    GracePeriodZero,
    #[error(transparent)]
    GracePeriod(GracePeriodError),
    #[error("schedule {0} does not exist")]
    UnknownSchedule(ScheduleId),
    #[error("schedule {0} is a holiday schedule, not business hours")]
    NotBusinessHours(ScheduleId),
}

impl InvalidSlaField {
    pub fn field(&self) -> &'static str {
        match self {
            Self::NameRequired | Self::NameTooLong | Self::NameTaken(_) => "name",
            Self::GracePeriodZero | Self::GracePeriod(_) => "grace_period",
            Self::UnknownSchedule(_) | Self::NotBusinessHours(_) => "schedule_id",
        }
    }
}

/// The row to write, or every problem of `draft`. `this` is the SLA being
/// updated, which may keep its own name.
pub(crate) async fn check_sla(
    db: &impl Conn,
    draft: SlaDraft,
    this: Option<SlaId>,
) -> Result<Result<SlaValues, Vec<InvalidSlaField>>, StoreError> {
    let mut invalid = Vec::new();
    let name = draft.name.trim().to_owned();
    if name.is_empty() {
        invalid.push(InvalidSlaField::NameRequired);
    } else if name.chars().count() > MAX_NAME {
        invalid.push(InvalidSlaField::NameTooLong);
    } else if find_sla_id_by_name(db, &name)
        .await?
        .is_some_and(|owner| Some(owner) != this)
    {
        invalid.push(InvalidSlaField::NameTaken(name.clone()));
    }
    let grace_period = match GracePeriod::parse_hours(draft.grace_period) {
        Ok(grace) if grace.hours() == 0 => {
            invalid.push(InvalidSlaField::GracePeriodZero);
            0
        }
        Ok(grace) => grace.hours(),
        Err(error) => {
            invalid.push(InvalidSlaField::GracePeriod(error));
            0
        }
    };
    if let Some(schedule) = draft.schedule {
        match find_schedule_kind(db, schedule).await? {
            None => invalid.push(InvalidSlaField::UnknownSchedule(schedule)),
            Some(ScheduleKind::Holidays) => {
                invalid.push(InvalidSlaField::NotBusinessHours(schedule));
            }
            Some(ScheduleKind::BusinessHours) => {}
        }
    }
    if !invalid.is_empty() {
        return Ok(Err(invalid));
    }
    Ok(Ok(SlaValues {
        name,
        grace_period,
        schedule: draft.schedule,
        flags: draft.flags,
        notes: draft
            .notes
            .map(|notes| ammonia::clean(notes.trim()))
            .filter(|notes| !notes.is_empty()),
    }))
}
