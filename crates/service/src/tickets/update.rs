//! Editing a ticket's subject, priority, help topic and custom fields, as
//! osTicket's staff edit does: the form answers and `__cdata` updated, the
//! search row rebuilt, and one `edited` event with osTicket's data shape
//! `{"fields": {"<field id>": [before, after]}, "topic_id": [before, after]}`.

use crate::access::{TicketAccessError, actor, authorize_ticket};
use crate::tickets::entry_body::searchable;
use crate::tickets::thread_events::log_event;
use crate::{Caller, Ctx};
use oxt_identity::Subject as CallerSubject;
use oxt_perm::{Action, Permission};
use oxt_store::StoreError;
use oxt_store::tickets::{
    LockTicketError, SearchObject, find_form_value, find_priority, find_ticket_form, find_topic,
    index_for_search, lock_ticket, save_ticket, set_form_value,
};
use oxt_ticket::contact::Subject;
use oxt_ticket::ids::{PriorityId, TicketId, TopicId};
use oxt_ticket::{Actor, EditError, FieldChange, TicketEdit, TicketEvent, Transition};
use serde_json::{Map, Value, json};

/// The changes to make; `None` and an empty `fields` leave things as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketChanges {
    pub subject: Option<Subject>,
    pub priority: Option<PriorityId>,
    pub topic: Option<TopicId>,
    /// Custom ticket-form fields: the key is the field's name or id, as sent.
    pub fields: Vec<(String, String)>,
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
    #[error("the ticket form has no field {0:?}")]
    UnknownField(String),
    #[error("the install has no ticket form with a subject field")]
    NoTicketForm,
    #[error(transparent)]
    Rule(#[from] EditError),
    #[error(transparent)]
    Load(#[from] LockTicketError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[tracing::instrument(skip_all, fields(ticket_id = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: TicketId,
    changes: TicketChanges,
) -> Result<(), UpdateTicketError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    let grants = actor(&tx, caller).await.map_err(TicketAccessError::from)?;
    let Some(loaded) = lock_ticket(&tx, id).await? else {
        return Err(TicketAccessError::NotFound(id).into());
    };
    let CallerSubject::Staff(agent) = caller.subject else {
        // An end user who may not see the ticket must not learn it exists.
        authorize_ticket(&tx, &grants, id, Action::View).await?;
        return Err(UpdateTicketError::NotAnAgent);
    };
    authorize_ticket(&tx, &grants, id, Permission::TicketEdit).await?;
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
    let form = find_ticket_form(&tx)
        .await?
        .ok_or(UpdateTicketError::NoTicketForm)?;

    let mut field_changes = Map::new();
    let mut custom = Vec::new();
    for (key, value) in changes.fields {
        let field = form
            .custom_field(&key)
            .ok_or_else(|| UpdateTicketError::UnknownField(key.clone()))?;
        let before = find_form_value(&tx, id, field.id)
            .await?
            .and_then(|(value, _)| value);
        if before.as_deref() != Some(value.as_str()) {
            field_changes.insert(field.id.get().to_string(), json!([before, value]));
            custom.push((field.clone(), value));
        }
    }

    let actor = Actor::Staff(agent);
    let edit = TicketEdit {
        subject: changes.subject,
        priority: changes.priority,
        topic: changes.topic,
    };
    let Transition { ticket, events } = match loaded.ticket.edit(edit, actor, now) {
        Ok(transition) => transition,
        // Only custom fields changed: the domain edits the built-in fields,
        // osTicket still bumps `lastupdate` and logs the edit.
        Err(EditError::NothingChanged) if !custom.is_empty() => {
            let mut ticket = loaded.ticket.clone();
            ticket.lastupdate = Some(now);
            ticket.updated = now;
            let event = TicketEvent::TicketEdited {
                by: actor,
                changes: Vec::new(),
            };
            Transition {
                ticket,
                events: vec![event],
            }
        }
        Err(error) => return Err(error.into()),
    };
    save_ticket(&tx, id, &ticket).await?;

    let mut data = Map::new();
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
                    data.insert(
                        "topic_id".to_owned(),
                        json!([from.map_or(0, |id| id.get()), to.get()]),
                    );
                }
            }
        }
    }
    for (field, value) in &custom {
        set_form_value(&tx, id, field.id, &field.name, value, None).await?;
    }
    if !field_changes.is_empty() {
        data.insert("fields".to_owned(), Value::Object(field_changes));
    }
    let data = Value::Object(data).to_string();
    for event in &events {
        log_event(&tx, loaded.thread, &ticket, event, Some(data.clone()), now).await?;
    }

    let subject = ticket
        .subject
        .as_ref()
        .map(|subject| searchable(subject.as_str()))
        .unwrap_or_default();
    let mut content = vec![subject.clone()];
    for field in &form.custom {
        if let Some((Some(value), _)) = find_form_value(&tx, id, field.id).await? {
            content.push(searchable(&value));
        }
    }
    index_for_search(
        &tx,
        SearchObject::Ticket(id.get()),
        &format!("{} {subject}", ticket.number),
        content.join("\n").trim(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
