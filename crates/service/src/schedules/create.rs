//! Creating a schedule with its entries and holiday list.

use super::check::{InvalidScheduleField, ScheduleDraft, check_schedule};
use super::{ScheduleDetails, holidays_configuration};
use crate::access::{AdminAccessError, require_admin};
use crate::tickets::helpdesk_zone;
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::sla::{
    ScheduleEntryValues, ScheduleKind, ScheduleValues, get_schedule, insert_schedule,
    replace_schedule_entries, set_holiday_schedules,
};
use oxt_store::tickets::load_ticket_settings;
use oxt_ticket::ids::ScheduleId;

/// A schedule to create. The kind is chosen once, as in osTicket's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSchedule {
    pub kind: ScheduleKind,
    pub name: String,
    /// IANA name; `None` follows the help desk's zone (business hours) or
    /// floats (holidays).
    pub timezone: Option<String>,
    pub description: String,
    /// Business hours only: the holiday schedules whose days are skipped.
    pub holidays: Vec<ScheduleId>,
    pub entries: Vec<ScheduleEntryValues>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateScheduleError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("the schedule has invalid fields")]
    Invalid(Vec<InvalidScheduleField>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates a schedule, its entries and (for business hours) its
/// `schedule.<id>` configuration in one transaction (administrators only).
#[tracing::instrument(skip_all)]
pub async fn create(
    ctx: &Ctx,
    caller: &Caller,
    new: NewSchedule,
) -> Result<ScheduleDetails, CreateScheduleError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let settings = load_ticket_settings(&tx).await?;
    let values = ScheduleValues {
        name: new.name.trim().to_owned(),
        timezone: normalized_zone(new.timezone),
        description: new.description.trim().to_owned(),
    };
    let holidays = distinct(new.holidays);
    let draft = ScheduleDraft {
        kind: new.kind,
        name: &values.name,
        timezone: values.timezone.as_deref(),
        description: &values.description,
        holidays: &holidays,
        entries: &new.entries,
        holidays_changed: true,
        entries_changed: true,
        timezone_changed: true,
    };
    let invalid = check_schedule(&tx, &draft, helpdesk_zone(&settings), now).await?;
    if !invalid.is_empty() {
        return Err(CreateScheduleError::Invalid(invalid));
    }
    let id = insert_schedule(&tx, new.kind, &values, now).await?;
    replace_schedule_entries(&tx, id, &trimmed(new.entries), now).await?;
    if new.kind == ScheduleKind::BusinessHours {
        set_holiday_schedules(&tx, id, &holidays_configuration(&holidays), now).await?;
    }
    let created = get_schedule(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    Ok(created.into())
}

/// An empty zone means none, as osTicket's form leaves it.
pub(super) fn normalized_zone(zone: Option<String>) -> Option<String> {
    zone.map(|zone| zone.trim().to_owned())
        .filter(|zone| !zone.is_empty())
}

/// The list without repeats, in the order given.
pub(super) fn distinct(ids: Vec<ScheduleId>) -> Vec<ScheduleId> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter().filter(|id| seen.insert(*id)).collect()
}

pub(super) fn trimmed(entries: Vec<ScheduleEntryValues>) -> Vec<ScheduleEntryValues> {
    entries
        .into_iter()
        .map(|entry| ScheduleEntryValues {
            name: entry.name.trim().to_owned(),
            repeats: entry.repeats.trim().to_owned(),
            ..entry
        })
        .collect()
}
