//! Changing a schedule: its name, zone, description, holiday list, and
//! replacing its entries.

use super::check::{InvalidScheduleField, ScheduleDraft, check_schedule};
use super::create::{distinct, normalized_zone, trimmed};
use super::{ScheduleDetails, holidays_configuration};
use crate::access::{AdminAccessError, require_admin};
use crate::tickets::helpdesk_zone;
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::sla::{
    ScheduleEntryValues, ScheduleValues, get_schedule, replace_schedule_entries,
    set_holiday_schedules, update_schedule,
};
use oxt_store::tickets::load_ticket_settings;
use oxt_ticket::ids::ScheduleId;

/// The changes to make; `None` leaves a part as it is. `entries` replaces
/// every entry of the schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleChanges {
    pub name: Option<String>,
    /// `Some(None)` clears the zone.
    pub timezone: Option<Option<String>>,
    pub description: Option<String>,
    pub holidays: Option<Vec<ScheduleId>>,
    pub entries: Option<Vec<ScheduleEntryValues>>,
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateScheduleError {
    #[error("schedule {0} does not exist")]
    NotFound(ScheduleId),
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("the schedule has invalid fields")]
    Invalid(Vec<InvalidScheduleField>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Applies `changes` in one transaction (administrators only); nothing is
/// written when any field is invalid.
#[tracing::instrument(skip_all, fields(schedule_id = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: ScheduleId,
    changes: ScheduleChanges,
) -> Result<ScheduleDetails, UpdateScheduleError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let Some(current) = get_schedule(&tx, id).await? else {
        return Err(UpdateScheduleError::NotFound(id));
    };
    let settings = load_ticket_settings(&tx).await?;
    let current = ScheduleDetails::from(current);
    let values = ScheduleValues {
        name: changes
            .name
            .map_or(current.name.clone(), |name| name.trim().to_owned()),
        timezone: changes
            .timezone
            .clone()
            .map_or(current.timezone.clone(), normalized_zone),
        description: changes
            .description
            .map_or(current.description.clone(), |text| text.trim().to_owned()),
    };
    let holidays = changes
        .holidays
        .clone()
        .map_or(current.holiday_schedules.clone(), distinct);
    let entries = match changes.entries.clone() {
        Some(entries) => trimmed(entries),
        None => current
            .entries
            .iter()
            .map(|entry| entry.values.clone())
            .collect(),
    };
    let draft = ScheduleDraft {
        kind: current.kind,
        name: &values.name,
        timezone: values.timezone.as_deref(),
        description: &values.description,
        holidays: &holidays,
        entries: &entries,
        holidays_changed: changes.holidays.is_some(),
        entries_changed: changes.entries.is_some(),
        timezone_changed: changes.timezone.is_some(),
    };
    let invalid = check_schedule(&tx, &draft, helpdesk_zone(&settings), now).await?;
    if !invalid.is_empty() {
        return Err(UpdateScheduleError::Invalid(invalid));
    }
    update_schedule(&tx, id, &values, now).await?;
    if changes.entries.is_some() {
        replace_schedule_entries(&tx, id, &entries, now).await?;
    }
    if changes.holidays.is_some() {
        set_holiday_schedules(&tx, id, &holidays_configuration(&holidays), now).await?;
    }
    let updated = get_schedule(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    Ok(updated.into())
}
