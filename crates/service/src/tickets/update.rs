//! Changing a ticket as osTicket's staff tools do, in one transaction: the
//! edit form (subject, priority, help topic, SLA, due date, custom fields),
//! a transfer to another department and a status change (close, reopen, or
//! another open status). Each part asks for its own permission and logs the
//! thread event osTicket logs; the SLA due date is recomputed whenever the
//! department, the SLA or the help topic changed or the ticket reopened.

use crate::access::{TicketAccessError, actor, authorize_ticket, require_on_ticket};
use crate::tickets::due_date::{DueDateError, estimated_due_date};
use crate::tickets::entry_body::searchable;
use crate::tickets::reopen::reopen_status;
use crate::tickets::thread_events::log_event;
use crate::tickets::view::TicketView;
use crate::{Caller, Ctx};
use chrono::{DateTime, Utc};
use oxt_identity::Subject as CallerSubject;
use oxt_perm::{Action, Permission};
use oxt_store::tickets::{
    DepartmentRouting, LockTicketError, SearchObject, find_department, find_form_value,
    find_priority, find_sla, find_status, find_ticket_form, find_topic, index_for_search,
    load_ticket_settings, lock_ticket, save_ticket, set_form_value,
};
use oxt_store::{Conn, StoreError};
use oxt_ticket::contact::Subject;
use oxt_ticket::ids::{DeptId, PriorityId, SlaId, StatusId, TicketId, TopicId};
use oxt_ticket::status::{ClosedStatus, OpenStatus, StatusState};
use oxt_ticket::{
    Actor, CloseError, EditError, FieldChange, OpenStatusError, Ticket, TicketEdit, TicketEvent,
    TransferError, Transition,
};
use serde_json::{Map, Value, json};

/// The changes to make; `None` and an empty `fields` leave things as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketChanges {
    pub subject: Option<Subject>,
    pub priority: Option<PriorityId>,
    pub topic: Option<TopicId>,
    /// Custom ticket-form fields: the key is the field's name or id, as sent.
    pub fields: Vec<(String, String)>,
    /// Transfer to this department (`ticket.transfer`); a closed ticket
    /// reopens, as osTicket's `transfer` does.
    pub dept: Option<DeptId>,
    /// `Some(None)` removes the SLA.
    pub sla: Option<Option<SlaId>>,
    /// The staff-set due date; `Some(None)` removes it.
    pub duedate: Option<Option<DateTime<Utc>>>,
    /// A status of the open or closed state: closing needs `ticket.close`,
    /// reopening `ticket.close` or `ticket.create`, as osTicket's status menu.
    pub status: Option<StatusId>,
}

impl TicketChanges {
    fn edits_fields(&self) -> bool {
        self.subject.is_some()
            || self.priority.is_some()
            || self.topic.is_some()
            || self.sla.is_some()
            || self.duedate.is_some()
            || !self.fields.is_empty()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateTicketError {
    /// Not found, not visible, not permitted, or an unknown caller.
    #[error(transparent)]
    Access(#[from] TicketAccessError),
    /// An end user who sees the ticket: this is the agents' edit.
    #[error("only agents edit tickets")]
    NotAnAgent,
    #[error("help topic {0} does not exist or is not active")]
    UnknownTopic(TopicId),
    #[error("priority {0} does not exist")]
    UnknownPriority(PriorityId),
    #[error("department {0} does not exist or is not active")]
    UnknownDepartment(DeptId),
    #[error("SLA {0} does not exist")]
    UnknownSla(SlaId),
    #[error("ticket status {0} does not exist")]
    UnknownStatus(StatusId),
    /// Deleting and archiving are not status edits.
    #[error("status {status} is of the {state} state; only open and closed statuses can be set")]
    StatusNotSettable {
        status: StatusId,
        state: StatusState,
    },
    #[error("the ticket form has no field {0:?}")]
    UnknownField(String),
    #[error("the install has no ticket form with a subject field")]
    NoTicketForm,
    #[error(transparent)]
    Rule(#[from] EditError),
    #[error(transparent)]
    Transfer(#[from] TransferError),
    #[error(transparent)]
    Reopen(#[from] OpenStatusError),
    #[error(transparent)]
    Close(#[from] CloseError),
    #[error(transparent)]
    DueDate(#[from] DueDateError),
    #[error(transparent)]
    Load(#[from] LockTicketError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A status the request may set.
enum NewStatus {
    Open(OpenStatus),
    Closed(ClosedStatus),
}

/// The ticket as it changes, step by step, with the events of each step.
struct Changing {
    ticket: Ticket,
    events: Vec<TicketEvent>,
}

impl Changing {
    fn absorb(&mut self, Transition { ticket, events }: Transition) {
        self.ticket = ticket;
        self.events.extend(events);
    }

    fn has(&self, matches: impl Fn(&TicketEvent) -> bool) -> bool {
        self.events.iter().any(matches)
    }
}

#[tracing::instrument(skip_all, fields(ticket_id = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: TicketId,
    changes: TicketChanges,
) -> Result<TicketView, UpdateTicketError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    let grants = actor(&tx, caller).await.map_err(TicketAccessError::from)?;
    let Some(loaded) = lock_ticket(&tx, id).await? else {
        return Err(TicketAccessError::NotFound(id).into());
    };
    let facts = authorize_ticket(&tx, &grants, id, Action::View).await?;
    let CallerSubject::Staff(agent) = caller.subject else {
        return Err(UpdateTicketError::NotAnAgent);
    };
    let status = match changes.status {
        Some(status) => Some(settable_status(&tx, status).await?),
        None => None,
    };
    let mut required: Vec<&[Permission]> = Vec::new();
    if changes.edits_fields() || (changes.dept.is_none() && status.is_none()) {
        required.push(&[Permission::TicketEdit]);
    }
    if changes.dept.is_some() {
        required.push(&[Permission::TicketTransfer]);
    }
    match status {
        Some(NewStatus::Closed(_)) => required.push(&[Permission::TicketClose]),
        Some(NewStatus::Open(_)) => {
            required.push(&[Permission::TicketClose, Permission::TicketCreate]);
        }
        None => {}
    }
    for any_of in required {
        let mut refusal = None;
        for permission in any_of {
            match require_on_ticket(&grants, *permission, &facts, id) {
                Ok(()) => {
                    refusal = None;
                    break;
                }
                Err(refused) => refusal = refusal.or(Some(refused)),
            }
        }
        if let Some(refused) = refusal {
            return Err(refused.into());
        }
    }

    if let Some(topic) = changes.topic
        && !find_topic(&tx, topic)
            .await?
            .is_some_and(|topic| topic.active)
    {
        return Err(UpdateTicketError::UnknownTopic(topic));
    }
    let priority = match changes.priority {
        Some(priority) => Some(
            find_priority(&tx, priority)
                .await?
                .ok_or(UpdateTicketError::UnknownPriority(priority))?,
        ),
        None => None,
    };
    let to_dept = match changes.dept {
        Some(dept) => Some(
            find_department(&tx, dept)
                .await?
                .filter(|row| row.active)
                .ok_or(UpdateTicketError::UnknownDepartment(dept))?,
        ),
        None => None,
    };
    if let Some(Some(sla)) = changes.sla
        && find_sla(&tx, sla).await?.is_none()
    {
        return Err(UpdateTicketError::UnknownSla(sla));
    }
    if matches!(status, Some(NewStatus::Closed(_))) && matches!(changes.duedate, Some(Some(_))) {
        return Err(EditError::DueDateOnClosedTicket.into());
    }
    let form = find_ticket_form(&tx)
        .await?
        .ok_or(UpdateTicketError::NoTicketForm)?;

    let mut field_changes = Map::new();
    let mut custom = Vec::new();
    for (key, value) in &changes.fields {
        let field = form
            .custom_field(key)
            .ok_or_else(|| UpdateTicketError::UnknownField(key.clone()))?;
        let before = find_form_value(&tx, id, field.id)
            .await?
            .and_then(|(value, _)| value);
        if before.as_deref() != Some(value.as_str()) {
            field_changes.insert(field.id.get().to_string(), json!([before, value]));
            custom.push((field.clone(), value.clone()));
        }
    }

    let settings = load_ticket_settings(&tx).await?;
    let actor = Actor::Staff(agent);
    let before = loaded.ticket;
    let mut changing = Changing {
        ticket: before.clone(),
        events: Vec::new(),
    };
    // osTicket's order: a reopen first, so that the rest applies to an open
    // ticket; a close last, so that it settles the due dates.
    if let Some(NewStatus::Open(open)) = &status {
        changing.absorb(changing.ticket.set_open_status(open.clone(), actor, now)?);
    }
    if let Some(dept) = &to_dept {
        changing.absorb(changing.ticket.transfer(dept.id, actor, now)?);
        if changing.ticket.state() == StatusState::Closed
            && status.is_none()
            && let Some(open) = reopen_status(&tx, settings.default_status).await?
        {
            changing.absorb(changing.ticket.set_open_status(open, actor, now)?);
        }
        // The new department's SLA, unless the request names one or the
        // ticket's own does not give way (`Ticket::transfer`).
        if changes.sla.is_none()
            && dept.sla.is_some()
            && sla_gives_way(&tx, changing.ticket.sla).await?
        {
            changing.ticket.sla = dept.sla;
        }
    }
    let edit = TicketEdit {
        subject: changes.subject,
        priority: changes.priority,
        topic: changes.topic,
        sla: changes.sla,
        duedate: changes.duedate,
    };
    match changing.ticket.edit(edit, actor, now) {
        Ok(transition) => changing.absorb(transition),
        Err(EditError::NothingChanged) => {}
        Err(error) => return Err(error.into()),
    }
    if changing.ticket.topic != before.topic
        && changes.sla.is_none()
        && sla_gives_way(&tx, changing.ticket.sla).await?
        && let Some(sla) = selected_sla(&tx, &changing.ticket, &settings).await?
    {
        changing.ticket.sla = Some(sla);
    }
    // Only custom fields changed: the domain edits the built-in fields,
    // osTicket still bumps `lastupdate` and logs the edit.
    if !custom.is_empty()
        && !changing.has(|event| matches!(event, TicketEvent::TicketEdited { .. }))
    {
        changing.ticket.lastupdate = Some(now);
        changing.ticket.updated = now;
        changing.events.push(TicketEvent::TicketEdited {
            by: actor,
            changes: Vec::new(),
        });
    }
    if let Some(NewStatus::Closed(closed)) = &status {
        changing.absorb(changing.ticket.close(closed.clone(), actor, now)?);
    }
    let reopened = changing.has(|event| matches!(event, TicketEvent::TicketReopened { .. }));
    let resets_clock = reopened
        || changing.ticket.dept != before.dept
        || changing.ticket.sla != before.sla
        || changing.ticket.topic != before.topic;
    if changing.ticket.state() == StatusState::Open && resets_clock {
        let dept = match to_dept.clone() {
            Some(dept) => Some(dept),
            None => find_department(&tx, changing.ticket.dept).await?,
        };
        let start = changing.ticket.reopened.unwrap_or(changing.ticket.created);
        let due =
            estimated_due_date(&tx, changing.ticket.sla, dept.as_ref(), &settings, start).await?;
        changing.ticket = changing.ticket.with_sla_due_date(due, now);
    }
    if changing.events.is_empty() && changing.ticket == before {
        return Err(EditError::NothingChanged.into());
    }
    let Changing { ticket, events } = changing;
    save_ticket(&tx, id, &ticket).await?;

    let mut edited = Map::new();
    let mut reindex = !custom.is_empty();
    for event in &events {
        let TicketEvent::TicketEdited { changes, .. } = event else {
            continue;
        };
        for change in changes {
            match change {
                FieldChange::Subject { from, to } => {
                    set_form_value(&tx, id, form.subject, "subject", to.as_str(), None).await?;
                    field_changes.insert(
                        form.subject.get().to_string(),
                        json!([from.as_ref().map(Subject::as_str), to.as_str()]),
                    );
                    reindex = true;
                }
                FieldChange::Priority { from, to } => {
                    let Some(field) = form.priority else { continue };
                    let desc = priority
                        .as_ref()
                        .map(|p| p.desc.clone())
                        .unwrap_or_default();
                    let value_id = i32::try_from(to.get()).ok();
                    set_form_value(&tx, id, field, "priority", &desc, value_id).await?;
                    let before = match from {
                        Some(from) => find_priority(&tx, *from)
                            .await?
                            .map_or(Value::Null, |p| json!([p.desc, from.get()])),
                        None => Value::Null,
                    };
                    field_changes
                        .insert(field.get().to_string(), json!([before, [desc, to.get()]]));
                }
                FieldChange::Topic { from, to } => {
                    edited.insert(
                        "topic_id".to_owned(),
                        json!([from.map_or(0, |id| id.get()), to.get()]),
                    );
                }
                FieldChange::Sla { from, to } => {
                    edited.insert(
                        "sla_id".to_owned(),
                        json!([from.map_or(0, |id| id.get()), to.map_or(0, |id| id.get())]),
                    );
                }
                FieldChange::DueDate { from, to } => {
                    edited.insert("duedate".to_owned(), json!([db_time(*from), db_time(*to)]));
                }
            }
        }
    }
    for (field, value) in &custom {
        set_form_value(&tx, id, field.id, &field.name, value, None).await?;
    }
    if !field_changes.is_empty() {
        edited.insert("fields".to_owned(), Value::Object(field_changes));
    }
    for event in &events {
        let data = match event {
            TicketEvent::TicketEdited { .. } => Some(Value::Object(edited.clone())),
            TicketEvent::TicketTransferred { .. } => to_dept
                .as_ref()
                .map(|dept: &DepartmentRouting| json!({ "dept": dept.name })),
            TicketEvent::TicketClosed { status, .. } => {
                Some(json!({ "status": [status.id.get(), status.name] }))
            }
            TicketEvent::StatusChanged { status, .. } => Some(json!({ "status": status.id.get() })),
            _ => None,
        };
        let data = data.map(|data| data.to_string());
        log_event(&tx, loaded.thread, &ticket, event, data, now).await?;
    }
    if reindex {
        reindex_ticket(&tx, id, &ticket, &form).await?;
    }
    let view = TicketView::load(&tx, id)
        .await?
        .ok_or(TicketAccessError::NotFound(id))?;
    tx.commit().await?;
    Ok(view)
}

/// The status row, if it is one a PATCH may set.
async fn settable_status(db: &impl Conn, id: StatusId) -> Result<NewStatus, UpdateTicketError> {
    let status = find_status(db, id)
        .await?
        .ok_or(UpdateTicketError::UnknownStatus(id))?;
    let state = status.state;
    let not_settable = UpdateTicketError::StatusNotSettable { status: id, state };
    match state {
        StatusState::Open => OpenStatus::parse(status)
            .map(NewStatus::Open)
            .map_err(|_| not_settable),
        StatusState::Closed => ClosedStatus::parse(status)
            .map(NewStatus::Closed)
            .map_err(|_| not_settable),
        StatusState::Archived | StatusState::Deleted => Err(not_settable),
    }
}

/// Whether the ticket's SLA yields to another one (osTicket: none, or one
/// flagged transient).
async fn sla_gives_way(db: &impl Conn, sla: Option<SlaId>) -> Result<bool, StoreError> {
    Ok(match sla {
        None => true,
        Some(sla) => find_sla(db, sla).await?.is_none_or(|row| row.transient),
    })
}

/// osTicket's `selectSLAId`: the department's SLA, else the help topic's,
/// else the help desk's default.
async fn selected_sla(
    db: &impl Conn,
    ticket: &Ticket,
    settings: &oxt_store::tickets::TicketSettings,
) -> Result<Option<SlaId>, StoreError> {
    if let Some(sla) = find_department(db, ticket.dept)
        .await?
        .and_then(|dept| dept.sla)
    {
        return Ok(Some(sla));
    }
    if let Some(topic) = ticket.topic
        && let Some(sla) = find_topic(db, topic).await?.and_then(|topic| topic.sla)
    {
        return Ok(Some(sla));
    }
    Ok(settings.default_sla)
}

/// How osTicket's events record a time: `Y-m-d H:i:s` in UTC, or `null`.
fn db_time(at: Option<DateTime<Utc>>) -> Value {
    at.map_or(Value::Null, |at| {
        Value::String(at.format("%Y-%m-%d %H:%M:%S").to_string())
    })
}

/// Rebuilds the ticket's search row from its subject and custom answers.
async fn reindex_ticket(
    db: &impl Conn,
    id: TicketId,
    ticket: &Ticket,
    form: &oxt_store::tickets::TicketForm,
) -> Result<(), StoreError> {
    let subject = ticket
        .subject
        .as_ref()
        .map(|subject| searchable(subject.as_str()))
        .unwrap_or_default();
    let mut content = vec![subject.clone()];
    for field in &form.custom {
        if let Some((Some(value), _)) = find_form_value(db, id, field.id).await? {
            content.push(searchable(&value));
        }
    }
    index_for_search(
        db,
        SearchObject::Ticket(id.get()),
        &format!("{} {subject}", ticket.number),
        content.join("\n").trim(),
    )
    .await
}
