//! The overdue monitor, osTicket's `Cron::TicketMonitor` → `Ticket::checkOverdue`
//! → `Ticket::markOverdue`: open tickets whose due date passed get
//! `isoverdue = 1` and an `overdue` thread event, and an overdue alert is
//! queued in the outbox unless the ticket's SLA disables overdue alerts
//! (`FLAG_NOALERTS`) or the help desk does (`core.overdue_alert_active`).
//! With the SLA's `FLAG_ESCALATE` the ticket's priority also moves one level
//! more urgent (next lower `priority_urgency`), logged as an `edited` event
//! with the shape a staff edit of the priority has.
//!
//! osTicket 1.18 stores `FLAG_ESCALATE` and shows it in the SLA form ("priority
//! escalation on overdue tickets") but no code path acts on it; Oxticket does
//! what the flag promises, one level per time a ticket becomes overdue.
//!
//! Work goes in pages of `batch_size` tickets, each page one transaction, so a
//! failure loses at most one page and locks are held briefly. A page's rows are
//! re-read under `FOR UPDATE SKIP LOCKED` and flagged with an `UPDATE` guarded
//! by `isoverdue = 0`, so two monitors running at once (two instances) mark
//! each ticket once, with one event and one alert.

use crate::Ctx;
use crate::tickets::thread_events::author_of;
use chrono::{DateTime, Utc};
use oxt_sla::{OverdueInput, becomes_overdue};
use oxt_store::outbox::{NewOutboxEvent, queue_outbox_events};
use oxt_store::tickets::{
    NewThreadEvent, OverdueCandidate, PriorityLevel, find_config_value, find_ticket_form,
    find_ticket_priorities, find_ticket_threads, insert_thread_events, list_open_status_ids,
    list_overdue_candidates, list_priority_levels, list_sla_flags, lock_overdue_candidates,
    mark_tickets_overdue, set_ticket_priorities,
};
use oxt_store::{StoreError, Tx};
use oxt_ticket::Actor;
use oxt_ticket::ids::{FormFieldId, SlaId, TicketId};
use oxt_ticket::thread::ThreadEventKind;
use serde_json::json;
use std::collections::HashMap;
use std::num::NonZeroU32;

/// The outbox topic of an overdue alert.
pub const OVERDUE_ALERT_TOPIC: &str = "ticket.overdue";

/// `SLA::FLAG_ESCALATE`
const SLA_ESCALATE: u32 = 0x2;
/// `SLA::FLAG_NOALERTS`
const SLA_NO_ALERTS: u32 = 0x4;

/// How many tickets one transaction marks at most.
pub const DEFAULT_OVERDUE_BATCH: NonZeroU32 = NonZeroU32::new(500).expect("500 is not zero");

/// What one run of the monitor did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OverdueReport {
    /// Tickets flagged overdue by this run.
    pub marked: u64,
    /// Overdue alerts queued in the outbox.
    pub alerts_queued: u64,
    /// Tickets whose priority was escalated.
    pub escalated: u64,
    /// Transactions committed (pages that held candidates).
    pub batches: u64,
    /// SQL statements issued (`BEGIN`/`COMMIT` not counted).
    pub queries: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum OverdueMonitorError {
    /// The guarded `UPDATE` changed a different number of rows than were
    /// locked: the batch is rolled back rather than logging events for rows
    /// that may not have changed.
    #[error("{locked} tickets were locked for marking but {changed} were marked")]
    MarkedCountMismatch { locked: usize, changed: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the pages need that does not change during a run.
struct RunSettings {
    open: Vec<oxt_ticket::ids::StatusId>,
    sla_flags: HashMap<SlaId, u32>,
    alerts_active: bool,
    /// Most urgent first; empty when no SLA escalates.
    priorities: Vec<PriorityLevel>,
    priority_field: Option<FormFieldId>,
}

/// Marks every open ticket whose due date passed before `ctx.clock.now()`.
#[tracing::instrument(skip_all, fields(batch_size = batch_size.get()))]
pub async fn mark_overdue_tickets(
    ctx: &Ctx,
    batch_size: NonZeroU32,
) -> Result<OverdueReport, OverdueMonitorError> {
    let now = ctx.clock.now();
    let mut report = OverdueReport::default();
    let open = list_open_status_ids(&ctx.store).await?;
    report.queries += 1;
    if open.is_empty() {
        return Ok(report);
    }
    let sla_flags = list_sla_flags(&ctx.store).await?;
    let alerts_active = find_config_value(&ctx.store, "core", "overdue_alert_active")
        .await?
        .is_some_and(|value| is_on(&value));
    report.queries += 2;
    let (priorities, priority_field) = if sla_flags.values().any(|flags| flags & SLA_ESCALATE != 0)
    {
        let priorities = list_priority_levels(&ctx.store).await?;
        // `find_ticket_form` reads the form, then its fields.
        let form = find_ticket_form(&ctx.store).await?;
        report.queries += 3;
        (priorities, form.and_then(|form| form.priority))
    } else {
        (Vec::new(), None)
    };
    let settings = RunSettings {
        open,
        sla_flags,
        alerts_active,
        priorities,
        priority_field,
    };

    let limit = u64::from(batch_size.get());
    let mut after = None;
    loop {
        let tx = ctx.store.begin().await?;
        let page = list_overdue_candidates(&tx, &settings.open, after, now, limit).await?;
        report.queries += 1;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        let full = page.len() as u64 == limit;
        mark_page(&tx, &settings, &page, now, &mut report).await?;
        tx.commit().await?;
        report.batches += 1;
        if !full {
            break;
        }
    }
    tracing::info!(
        marked = report.marked,
        alerts_queued = report.alerts_queued,
        escalated = report.escalated,
        batches = report.batches,
        queries = report.queries,
        "overdue monitor finished"
    );
    Ok(report)
}

/// Marks the page's tickets that are overdue and still unmarked once locked.
async fn mark_page(
    tx: &Tx,
    settings: &RunSettings,
    page: &[OverdueCandidate],
    now: DateTime<Utc>,
    report: &mut OverdueReport,
) -> Result<(), OverdueMonitorError> {
    // The database selected by osTicket's rule; the domain rule has the last
    // word (it reads MySQL's zero date as no date, for one).
    let due: Vec<TicketId> = page
        .iter()
        .filter(|candidate| is_due(candidate, now))
        .map(|candidate| candidate.id)
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    let locked: Vec<OverdueCandidate> = lock_overdue_candidates(tx, &settings.open, &due, now)
        .await?
        .into_iter()
        .filter(|candidate| is_due(candidate, now))
        .collect();
    report.queries += 1;
    if locked.is_empty() {
        return Ok(());
    }
    let ids: Vec<TicketId> = locked.iter().map(|candidate| candidate.id).collect();
    let changed = mark_tickets_overdue(tx, &ids, now).await?;
    report.queries += 1;
    if changed != locked.len() as u64 {
        return Err(OverdueMonitorError::MarkedCountMismatch {
            locked: locked.len(),
            changed,
        });
    }
    let threads = find_ticket_threads(tx, &ids).await?;
    report.queries += 1;
    // A cron run has no staff or client: osTicket records `SYSTEM`.
    let author = author_of(tx, Actor::System).await?;

    let flags = |candidate: &OverdueCandidate| {
        candidate
            .sla
            .and_then(|sla| settings.sla_flags.get(&sla).copied())
            .unwrap_or(0)
    };
    let escalating: Vec<TicketId> = locked
        .iter()
        .filter(|candidate| flags(candidate) & SLA_ESCALATE != 0)
        .map(|candidate| candidate.id)
        .collect();
    let escalations = escalate(tx, settings, &escalating, report).await?;

    let mut events = Vec::with_capacity(locked.len());
    let mut alerts = Vec::new();
    for candidate in &locked {
        let escalation = escalations.get(&candidate.id);
        // osTicket logs events only on a ticket that has a thread.
        if let Some(&thread) = threads.get(&candidate.id) {
            let event = |kind, data| NewThreadEvent {
                thread,
                kind,
                staff: candidate.staff,
                team: candidate.team,
                dept: candidate.dept,
                topic: candidate.topic,
                data,
                author: author.clone(),
                at: now,
            };
            events.push(event(ThreadEventKind::Overdue, None));
            if let Some((from, to)) = escalation {
                let fields = match settings.priority_field {
                    Some(field) => json!({
                        "fields": {
                            field.get().to_string(): [[from.desc, from.id.get()], [to.desc, to.id.get()]]
                        }
                    }),
                    None => json!({}),
                };
                events.push(event(ThreadEventKind::Edited, Some(fields.to_string())));
            }
        }
        if settings.alerts_active && flags(candidate) & SLA_NO_ALERTS == 0 {
            alerts.push(NewOutboxEvent {
                topic: OVERDUE_ALERT_TOPIC,
                payload: alert_payload(candidate, escalation),
                created_at: now,
            });
        }
    }
    insert_thread_events(tx, &events).await?;
    report.queries += u64::from(!events.is_empty());
    queue_outbox_events(tx, &alerts).await?;
    report.queries += u64::from(!alerts.is_empty());
    report.marked += changed;
    report.alerts_queued += alerts.len() as u64;
    report.escalated += escalations.len() as u64;
    Ok(())
}

/// Moves each of `tickets` one priority level more urgent; a ticket already
/// at the most urgent level, or with no priority recorded, stays as it is.
/// Answers the tickets changed with their old and new level.
async fn escalate<'a>(
    tx: &Tx,
    settings: &'a RunSettings,
    tickets: &[TicketId],
    report: &mut OverdueReport,
) -> Result<HashMap<TicketId, (&'a PriorityLevel, &'a PriorityLevel)>, StoreError> {
    if tickets.is_empty() {
        return Ok(HashMap::new());
    }
    let current = find_ticket_priorities(tx, tickets).await?;
    report.queries += 1;
    let escalations: HashMap<TicketId, (&PriorityLevel, &PriorityLevel)> = current
        .into_iter()
        .filter_map(|(ticket, priority)| {
            let from = settings
                .priorities
                .iter()
                .find(|level| level.id == priority)?;
            let to = more_urgent(&settings.priorities, from)?;
            Some((ticket, (from, to)))
        })
        .collect();
    if escalations.is_empty() {
        return Ok(escalations);
    }
    let changes: Vec<(TicketId, &PriorityLevel)> = escalations
        .iter()
        .map(|(ticket, (_, to))| (*ticket, *to))
        .collect();
    report.queries += set_ticket_priorities(tx, settings.priority_field, &changes).await?;
    Ok(escalations)
}

/// The level just above `from` in urgency: the largest `priority_urgency`
/// below `from`'s (osTicket: Emergency 1, High 2, Normal 3, Low 4).
fn more_urgent<'a>(levels: &'a [PriorityLevel], from: &PriorityLevel) -> Option<&'a PriorityLevel> {
    levels
        .iter()
        .filter(|level| level.urgency < from.urgency)
        .max_by_key(|level| level.urgency)
}

fn is_due(candidate: &OverdueCandidate, now: DateTime<Utc>) -> bool {
    becomes_overdue(
        &OverdueInput {
            // The queries select only open, unflagged tickets.
            state_is_open: true,
            duedate: candidate.duedate,
            est_duedate: candidate.est_duedate,
            isoverdue: false,
        },
        now,
    )
}

fn alert_payload(
    candidate: &OverdueCandidate,
    escalation: Option<&(&PriorityLevel, &PriorityLevel)>,
) -> serde_json::Value {
    json!({
        "ticket_id": candidate.id,
        "number": candidate.number,
        "dept_id": candidate.dept,
        "staff_id": candidate.staff,
        "team_id": candidate.team,
        "sla_id": candidate.sla,
        "due": candidate.duedate.or(candidate.est_duedate),
        "escalated_priority": escalation.map(|(from, to)| json!({
            "from": from.id,
            "to": to.id,
        })),
    })
}

/// osTicket's truthiness of a config value (`"1"`, `"true"`, ...; `""` and `"0"` are off).
fn is_on(value: &str) -> bool {
    !matches!(value.trim(), "" | "0" | "false")
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxt_ticket::ids::PriorityId;

    fn level(id: u32, urgency: u32) -> PriorityLevel {
        PriorityLevel {
            id: PriorityId::new(id),
            desc: format!("p{id}"),
            urgency,
        }
    }

    #[test]
    fn escalation_moves_to_the_next_more_urgent_level() {
        let levels = [level(4, 1), level(3, 2), level(2, 3), level(1, 4)];
        assert_eq!(more_urgent(&levels, &levels[2]), Some(&levels[1]));
        assert_eq!(more_urgent(&levels, &levels[3]), Some(&levels[2]));
        assert_eq!(more_urgent(&levels, &levels[0]), None);
    }

    #[test]
    fn escalation_skips_gaps_in_urgency() {
        let levels = [level(9, 1), level(2, 5)];
        assert_eq!(more_urgent(&levels, &levels[1]), Some(&levels[0]));
    }

    #[test]
    fn config_values_read_as_osticket_reads_them() {
        assert!(is_on("1"));
        assert!(!is_on(""));
        assert!(!is_on("0"));
    }
}
