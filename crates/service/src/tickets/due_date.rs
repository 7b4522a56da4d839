//! `est_duedate` as osTicket's `Ticket::getSLADueDate` computes it: the SLA's
//! grace period in business hours of the department's schedule, else the
//! SLA's, else `core.schedule_id`, skipping the holidays that schedule lists.

use crate::schedules::holiday_schedule_ids;
use chrono::{DateTime, Utc};
use oxt_sla::{
    BusinessCalendar, DueError, GracePeriod, GracePeriodError, HolidaySchedule, Schedule,
    ScheduleError, due,
};
use oxt_store::tickets::{
    DepartmentRouting, SlaRow, TicketSettings, find_config_value, find_schedule, find_sla,
};
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::{ScheduleId, SlaId};

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
    let Some(row) = find_sla(db, sla).await? else {
        return Ok(None);
    };
    let dept_schedule = dept.and_then(|dept| dept.schedule);
    Ok(sla_due_date(db, &row, dept_schedule, settings, start)
        .await?
        .map(|due| due.at))
}

/// A due date and the business-hours schedule it was counted on (`None`
/// when every hour counted: no schedule applies, or its row is gone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SlaDueDate {
    pub at: DateTime<Utc>,
    pub schedule: Option<ScheduleId>,
}

/// The due date under one SLA row, with the schedule osTicket's
/// `SLA::addGracePeriod` picks: the department's, else the SLA's, else
/// `core.schedule_id`. `None` for an inactive SLA.
pub(crate) async fn sla_due_date(
    db: &impl Conn,
    row: &SlaRow,
    dept_schedule: Option<ScheduleId>,
    settings: &TicketSettings,
    start: DateTime<Utc>,
) -> Result<Option<SlaDueDate>, DueDateError> {
    if !row.active {
        return Ok(None);
    }
    let grace =
        GracePeriod::try_from(row.grace_period).map_err(|source| DueDateError::GracePeriod {
            sla: row.id,
            source,
        })?;
    let schedule_id = dept_schedule.or(row.schedule).or(settings.schedule);
    let calendar = match schedule_id {
        Some(id) => calendar(db, id, settings).await?,
        None => None,
    };
    Ok(Some(SlaDueDate {
        at: due(start, grace, calendar.as_ref())?,
        schedule: calendar.as_ref().map(BusinessCalendar::schedule_id),
    }))
}

async fn calendar(
    db: &impl Conn,
    id: ScheduleId,
    settings: &TicketSettings,
) -> Result<Option<BusinessCalendar>, DueDateError> {
    let Some(row) = find_schedule(db, id).await? else {
        return Ok(None);
    };
    let schedule = Schedule::parse(&row, helpdesk_zone(settings))?;
    let configuration =
        find_config_value(db, &format!("schedule.{}", id.get()), "configuration").await?;
    let mut holidays = Vec::new();
    for holiday in holiday_schedule_ids(configuration.as_deref()) {
        if let Some(row) = find_schedule(db, holiday).await? {
            holidays.push(HolidaySchedule::parse(&row)?);
        }
    }
    Ok(Some(BusinessCalendar::new(&schedule, &holidays)))
}

/// `core.default_timezone`, the zone of business schedules without their
/// own; UTC when unset or unknown.
pub(crate) fn helpdesk_zone(settings: &TicketSettings) -> chrono_tz::Tz {
    settings
        .timezone
        .as_deref()
        .and_then(|zone| zone.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::UTC)
}
