//! `est_duedate` as osTicket's `Ticket::getSLADueDate` computes it: the SLA's
//! grace period in business hours of the department's schedule, else the
//! SLA's, else `core.schedule_id`, skipping the holidays that schedule lists.

use chrono::{DateTime, Utc};
use oxt_sla::{
    BusinessCalendar, DueError, GracePeriod, GracePeriodError, HolidaySchedule, Schedule,
    ScheduleError, due,
};
use oxt_store::tickets::{
    DepartmentRouting, TicketSettings, find_config_value, find_schedule, find_sla,
};
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::{ScheduleId, SlaId};
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum DueDateError {
    #[error("SLA {sla}: {source}")]
    GracePeriod {
        sla: SlaId,
        #[source]
        source: GracePeriodError,
    },
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error(transparent)]
    Due(#[from] DueError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The `configuration` value of namespace `schedule.<id>` in `ost_config`.
#[derive(Debug, Deserialize)]
struct ScheduleConfiguration {
    #[serde(default)]
    holidays: Vec<u32>,
}

/// When a ticket under `sla` whose clock starts at `start` is due; `None`
/// without an SLA or with an inactive one, as osTicket leaves it.
pub(crate) async fn estimated_due_date(
    db: &impl Conn,
    sla: Option<SlaId>,
    dept: Option<&DepartmentRouting>,
    settings: &TicketSettings,
    start: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DueDateError> {
    let Some(sla) = sla else { return Ok(None) };
    let Some(row) = find_sla(db, sla).await?.filter(|row| row.active) else {
        return Ok(None);
    };
    let grace = GracePeriod::try_from(row.grace_period)
        .map_err(|source| DueDateError::GracePeriod { sla, source })?;
    let schedule_id = dept
        .and_then(|dept| dept.schedule)
        .or(row.schedule)
        .or(settings.schedule);
    let calendar = match schedule_id {
        Some(id) => calendar(db, id, settings).await?,
        None => None,
    };
    Ok(Some(due(start, grace, calendar.as_ref())?))
}

async fn calendar(
    db: &impl Conn,
    id: ScheduleId,
    settings: &TicketSettings,
) -> Result<Option<BusinessCalendar>, DueDateError> {
    let Some(row) = find_schedule(db, id).await? else {
        return Ok(None);
    };
    let helpdesk_zone = settings
        .timezone
        .as_deref()
        .and_then(|zone| zone.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::UTC);
    let schedule = Schedule::parse(&row, helpdesk_zone)?;
    let configuration = find_config_value(db, &format!("schedule.{}", id.get()), "configuration")
        .await?
        .and_then(|json| serde_json::from_str::<ScheduleConfiguration>(&json).ok());
    let mut holidays = Vec::new();
    for holiday in configuration
        .map(|config| config.holidays)
        .unwrap_or_default()
    {
        let Some(holiday) = ScheduleId::from_column(holiday) else {
            continue;
        };
        if let Some(row) = find_schedule(db, holiday).await? {
            holidays.push(HolidaySchedule::parse(&row)?);
        }
    }
    Ok(Some(BusinessCalendar::new(&schedule, &holidays)))
}
