//! Opening a ticket, as osTicket's `Ticket::create` does for the API: the
//! owner found or created by e-mail address, the help topic's routing
//! defaults, a number from the configured sequence, the SLA due date, and
//! every row osTicket writes, all in one transaction.

use crate::access::{ActorError, actor};
use crate::filters::apply::{
    CreatedForFilters, FILTER_USERNAME, FilterDecision, FilterRejection, MailEnvelope, ScreenError,
    Submission, after_create, channel_for, screen,
};
use crate::mail::EntryRecipients;
use crate::tickets::due_date::{DueDateError, estimated_due_date};
use crate::tickets::entry_body::{EntryBody, searchable};
use crate::tickets::thread_events::{insert, log_event};
use crate::tickets::view::TicketView;
use crate::{Caller, Ctx};
use oxt_identity::Subject as CallerSubject;
use oxt_perm::{AccessError, Action, Permission, can, can_in_department};
use oxt_store::StoreError;
use oxt_store::access::load_ticket_facts;
use oxt_store::mail::{find_system_email, insert_email_info};
use oxt_store::tickets::{
    EventAuthor, FieldValue, NewThreadEntry, NewTicketRecord, NumberingError, SearchObject,
    SearchRow, TicketForm, TicketSettings, TopicRouting, allocate_ticket_number, find_department,
    find_priority, find_status, find_ticket_form, find_topic, index_all_for_search,
    insert_thread_entry, insert_ticket, load_ticket_settings,
};
use oxt_store::users::{NewUser, find_or_create};
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{ApiKeyId, DeptId, PriorityId, StatusId, TicketId, TopicId};
use oxt_ticket::number::{NumberFormat, NumberFormatError, NumberingPlan, TicketNumber};
use oxt_ticket::source::TicketSource;
use oxt_ticket::status::OpenStatus;
use oxt_ticket::thread::{BodyFormat, EntryFlags, EntryType, ThreadEventKind};
use oxt_ticket::{Actor, NewTicket, Ticket, TicketEvent};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::ops::RangeInclusive;

/// osTicket's fallback status for a new ticket: 1, `Open`.
const OPEN_STATUS: StatusId = StatusId::new(1);

/// Who asks for a ticket: a signed-in caller, or an integration holding one
/// of osTicket's API keys (its v1 API), which speaks for no agent or user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requester {
    Caller(Caller),
    ApiKey(ApiKeyId),
}

impl From<&Caller> for Requester {
    fn from(caller: &Caller) -> Self {
        Self::Caller(*caller)
    }
}

/// A ticket to open, its input already parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicketRequest {
    pub email: EmailAddress,
    pub name: PersonName,
    pub phone: Option<String>,
    pub subject: Subject,
    pub message: MessageBody,
    pub format: BodyFormat,
    pub topic: Option<TopicId>,
    pub dept: Option<DeptId>,
    pub priority: Option<PriorityId>,
    /// `None` takes the requester's channel: `API` for agents and API keys
    /// (osTicket's API channel), `Web` for end users (its client portal).
    pub source: Option<TicketSource>,
    /// The client's address, stored with the ticket and its first message.
    pub ip: String,
    /// Custom ticket-form fields: the key is the field's name or id, as sent.
    pub fields: Vec<(String, String)>,
}

/// A ticket just opened: its id and number, and how its opener sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedTicket {
    pub id: TicketId,
    pub number: TicketNumber,
    /// `None` for an API key, and for an opener who may not see the ticket
    /// (an agent opening one in a department outside their access, as
    /// osTicket allows).
    pub view: Option<TicketView>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateTicketError {
    #[error(transparent)]
    Caller(#[from] ActorError),
    /// The agent's role in the department does not grant `ticket.create`.
    #[error(transparent)]
    Forbidden(AccessError),
    #[error("help topic {0} does not exist or is not active")]
    UnknownTopic(TopicId),
    #[error(transparent)]
    Rejected(#[from] FilterRejection),
    #[error("the Reply-To address {0:?} a filter made the sender is not an e-mail address")]
    InvalidReplyTo(String),
    #[error("department {0} does not exist or is not active")]
    UnknownDepartment(DeptId),
    #[error("priority {0} does not exist")]
    UnknownPriority(PriorityId),
    #[error("the ticket form has no field {0:?}")]
    UnknownField(String),
    #[error("end users open tickets through the Web channel, not {0}")]
    SourceNotAllowed(TicketSource),
    #[error("end users open tickets for their own e-mail address only")]
    NotOwnAddress,
    #[error("no department: neither given, nor set by the help topic, nor core.default_dept_id")]
    NoDepartment,
    #[error("no priority: neither given, nor set by the help topic, nor core.default_priority_id")]
    NoPriority,
    #[error("no open status for new tickets (help topic, core.default_ticket_status_id, or 1)")]
    NoOpenStatus,
    #[error("the install has no ticket form with a subject field")]
    NoTicketForm,
    #[error("the ticket number format is unusable: {0}")]
    NumberFormat(#[from] NumberFormatError),
    #[error(transparent)]
    Numbering(#[from] NumberingError),
    #[error(transparent)]
    DueDate(#[from] DueDateError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Opens a ticket and answers its id. Nothing is written unless everything is.
pub async fn create(
    ctx: &Ctx,
    requester: impl Into<Requester>,
    request: NewTicketRequest,
) -> Result<OpenedTicket, CreateTicketError> {
    create_with_envelope(ctx, requester, request, &MailEnvelope::default()).await
}

/// [`create`] for a ticket that arrived by e-mail, whose envelope (mailbox,
/// Reply-To, other recipients) the filters can test.
///
/// The ban list and the filters for the ticket's channel run before
/// anything is written; a refusal writes nothing. Their plan overrides the
/// request and the help topic's defaults, as osTicket's `$vars` do.
#[tracing::instrument(skip_all, fields(topic = ?request.topic, dept = ?request.dept))]
pub async fn create_with_envelope(
    ctx: &Ctx,
    requester: impl Into<Requester>,
    request: NewTicketRequest,
    envelope: &MailEnvelope,
) -> Result<OpenedTicket, CreateTicketError> {
    let requester = requester.into();
    let now = ctx.clock.now();
    let source = source_for(requester, request.source)?;
    let tx = ctx.store.begin().await?;
    // An API key was checked for `can_create_tickets` when it was presented;
    // it speaks for no agent or user whose grants apply.
    let grants = match &requester {
        Requester::Caller(caller) => Some(actor(&tx, caller).await?),
        Requester::ApiKey(_) => None,
    };
    let settings = load_ticket_settings(&tx).await?;
    let form = find_ticket_form(&tx)
        .await?
        .ok_or(CreateTicketError::NoTicketForm)?;
    let fields = custom_fields(&form, request.fields)?;

    let requested_topic = match request.topic {
        Some(id) => Some(
            find_topic(&tx, id)
                .await?
                .filter(|topic| topic.active)
                .ok_or(CreateTicketError::UnknownTopic(id))?,
        ),
        None => None,
    };

    let filters = ctx.filters.current(&tx).await?;
    let mut form_fields = vec![(form.subject, request.subject.as_str().to_owned())];
    if let Some(message) = form.message {
        form_fields.push((message, request.message.as_str().to_owned()));
    }
    form_fields.extend(
        fields
            .iter()
            .map(|field| (field.field, field.value.clone())),
    );
    let incoming = Submission {
        channel: channel_for(requester, source),
        envelope,
        email: &request.email,
        name: request.name.as_str(),
        topic: request.topic,
        message: &request.message,
        form_fields,
    }
    .incoming(&tx)
    .await?;
    let (decision, incoming) = match screen(&tx, &filters, incoming).await {
        Ok(screened) => screened,
        Err(ScreenError::Rejected(rejection)) => {
            tracing::warn!(filter = %rejection.filter, banned = rejection.banned, "ticket denied by a filter");
            return Err(rejection.into());
        }
        Err(ScreenError::InvalidReplyTo(address)) => {
            return Err(CreateTicketError::InvalidReplyTo(address));
        }
        Err(ScreenError::Store(error)) => return Err(error.into()),
    };
    // `Ticket::create` applies the settings of the mailbox an e-mail
    // arrived at below the filters' and the request's own choices and above
    // the help topic's.
    let mailbox = match (source, envelope.email_id) {
        (TicketSource::Email, Some(id)) => find_system_email(&tx, id).await?,
        _ => None,
    };
    let topic = match decision.topic {
        Some(id) => find_topic(&tx, id).await?,
        None => match (requested_topic, mailbox.as_ref().and_then(|m| m.topic)) {
            (Some(topic), _) => Some(topic),
            (None, Some(id)) => find_topic(&tx, id).await?.filter(|topic| topic.active),
            (None, None) => None,
        },
    };
    let (email, name) = match &decision.sender {
        Some((address, reply_to_name)) => (
            address.clone(),
            reply_to_name
                .as_deref()
                .and_then(|name| PersonName::parse(name).ok())
                .unwrap_or(request.name),
        ),
        None => (request.email, request.name),
    };

    let chosen_dept = decision.dept.or(request.dept);
    let mailbox_dept = match (chosen_dept, mailbox.as_ref().and_then(|m| m.dept)) {
        // An inactive mailbox department falls back to the default one.
        (None, Some(id)) => match find_department(&tx, id).await? {
            Some(dept) if dept.active => Some(id),
            _ => settings.default_dept,
        },
        _ => None,
    };
    let dept_id = chosen_dept
        .or(mailbox_dept)
        .or(topic.as_ref().and_then(|topic| topic.dept))
        .or(settings.default_dept)
        .ok_or(CreateTicketError::NoDepartment)?;
    let dept = find_department(&tx, dept_id)
        .await?
        .filter(|dept| dept.active)
        .ok_or(CreateTicketError::UnknownDepartment(dept_id))?;
    // osTicket's staff open form asks the role that applies in the
    // department; end users open tickets for themselves (checked below).
    if let Some(grants @ oxt_perm::Actor::Staff(_)) = &grants {
        can_in_department(grants, Permission::TicketCreate, dept_id)
            .require()
            .map_err(CreateTicketError::Forbidden)?;
    }
    let priority_id = decision
        .priority
        .or(request.priority)
        .or(mailbox.as_ref().and_then(|mailbox| mailbox.priority))
        .or(topic.as_ref().and_then(|topic| topic.priority))
        .or(settings.default_priority)
        .ok_or(CreateTicketError::NoPriority)?;
    let priority = find_priority(&tx, priority_id)
        .await?
        .ok_or(CreateTicketError::UnknownPriority(priority_id))?;
    let status = open_status(&tx, decision.status, topic.as_ref(), &settings).await?;
    // `selectSLAId`: a filter's SLA, else the topic's, trumps the
    // department's, then the default.
    let sla = decision
        .sla
        .or(topic.as_ref().and_then(|topic| topic.sla))
        .or(dept.sla)
        .or(settings.default_sla);

    let user = find_or_create(
        &tx,
        &NewUser {
            email,
            name,
            phone: request.phone,
            notes: None,
        },
        now,
    )
    .await?;
    if let Requester::Caller(Caller {
        subject: CallerSubject::User(own),
    }) = requester
        && own != user.id
    {
        return Err(CreateTicketError::NotOwnAddress);
    }

    let est_duedate = estimated_due_date(&tx, sla, Some(&dept), &settings, now).await?;
    let plan = numbering_plan(topic.as_ref(), &settings)?;
    let mut rng = StdRng::from_os_rng();
    let mut digits = |range: RangeInclusive<u8>| rng.random_range(range);
    let number = allocate_ticket_number(&tx, &plan, &mut digits, now).await?;

    let opened = Ticket::open(
        NewTicket {
            user: user.id,
            opened_by: Actor::User(user.id),
            source,
            subject: request.subject,
            dept: dept.id,
            topic: topic.as_ref().map(|topic| topic.id),
            priority: priority.id,
            sla,
            status,
            est_duedate,
        },
        number,
        now,
    );
    let unassigned = opened.ticket.clone();
    let mut ticket = opened.ticket;
    assign_on_creation(&mut ticket, &decision, topic.as_ref());

    let created = insert_ticket(
        &tx,
        &NewTicketRecord {
            ticket: &ticket,
            ip_address: &request.ip,
            email_id: mailbox.as_ref().map(|mailbox| mailbox.id),
            form: &form,
            priority_desc: &priority.desc,
            fields: &fields,
        },
    )
    .await?;
    let subject = ticket
        .subject
        .as_ref()
        .map(|subject| subject.as_str().to_owned())
        .unwrap_or_default();
    // The message's and the ticket's index rows go in one statement at the end.
    let mut search_rows = Vec::with_capacity(2);
    let mut first_message = None;
    for event in &opened.events {
        match event {
            TicketEvent::MessagePosted { by } => {
                let body = EntryBody::prepare(&request.message, request.format);
                let addressed_to = envelope.addressed_to.as_ref();
                let entry = insert_thread_entry(
                    &tx,
                    &NewThreadEntry {
                        thread: created.thread,
                        kind: EntryType::Message,
                        staff: None,
                        user: Some(*by),
                        flags: EntryFlags::ORIGINAL_MESSAGE
                            | body.flags()
                            | addressed_to.map_or(EntryFlags::empty(), EntryRecipients::flags),
                        poster: user.name.clone(),
                        source: source.as_str().to_owned(),
                        title: Some(subject.clone()),
                        body: body.stored.clone(),
                        format: body.format,
                        ip_address: request.ip.clone(),
                        parent: None,
                        recipients: addressed_to.map(EntryRecipients::json),
                        created: now,
                    },
                )
                .await?;
                if let Some(mid) = &envelope.message_id {
                    insert_email_info(&tx, entry, mid, envelope.headers.as_deref()).await?;
                }
                first_message = Some(entry);
                search_rows.push(SearchRow {
                    object: SearchObject::ThreadEntry(entry.get()),
                    title: searchable(&subject),
                    content: body.searchable(),
                });
            }
            event => log_event(&tx, created.thread, &unassigned, event, None, now).await?,
        }
    }
    after_create(
        &tx,
        &filters,
        incoming,
        &decision,
        &CreatedForFilters {
            ticket: &ticket,
            ticket_id: created.id,
            thread: created.thread,
            first_message,
            owner_email: &user.email,
            owner_name: &user.name,
            ip: &request.ip,
        },
        now,
    )
    .await?;
    log_assignment(&tx, created.thread, &ticket, now).await?;

    let mut content = vec![searchable(&subject)];
    content.extend(fields.iter().map(|field| searchable(&field.value)));
    search_rows.push(SearchRow {
        object: SearchObject::Ticket(created.id.get()),
        title: format!("{} {}", ticket.number, searchable(&subject)),
        content: content.join("\n").trim().to_owned(),
    });
    index_all_for_search(&tx, &search_rows).await?;
    let view = match &grants {
        Some(grants) => visible_view(&tx, grants, created.id).await?,
        None => None,
    };
    tx.commit().await?;
    tracing::info!(ticket_id = created.id.get(), "ticket created");
    Ok(OpenedTicket {
        id: created.id,
        number: ticket.number,
        view,
    })
}

/// The new ticket as its opener reads it, when the opener may see it: read
/// in the creating transaction, so the answer costs no second one.
async fn visible_view(
    db: &impl oxt_store::Conn,
    opener: &oxt_perm::Actor,
    id: TicketId,
) -> Result<Option<TicketView>, StoreError> {
    let Some(facts) = load_ticket_facts(db, id).await? else {
        return Ok(None);
    };
    if can(opener, Action::View, &facts).require().is_err() {
        return Ok(None);
    }
    TicketView::load(db, id).await
}

fn source_for(
    requester: Requester,
    requested: Option<TicketSource>,
) -> Result<TicketSource, CreateTicketError> {
    let subject = match requester {
        Requester::ApiKey(_) => return Ok(requested.unwrap_or(TicketSource::Api)),
        Requester::Caller(caller) => caller.subject,
    };
    match (subject, requested) {
        (CallerSubject::Staff(_), requested) => Ok(requested.unwrap_or(TicketSource::Api)),
        (CallerSubject::User(_), None | Some(TicketSource::Web)) => Ok(TicketSource::Web),
        (CallerSubject::User(_), Some(other)) => Err(CreateTicketError::SourceNotAllowed(other)),
    }
}

fn custom_fields(
    form: &TicketForm,
    sent: Vec<(String, String)>,
) -> Result<Vec<FieldValue>, CreateTicketError> {
    sent.into_iter()
        .map(|(key, value)| {
            let field = form
                .custom_field(&key)
                .ok_or_else(|| CreateTicketError::UnknownField(key.clone()))?;
            Ok(FieldValue {
                field: field.id,
                name: field.name.clone(),
                value,
            })
        })
        .collect()
}

/// A filter's status, else the topic's, else `core.default_ticket_status_id`,
/// else status 1; one that is missing or not open is passed over, as
/// osTicket forces the default when `setStatus` fails. (A filter naming a
/// closed status closes the new ticket in osTicket; Oxticket opens every
/// ticket open and passes such a status over.)
async fn open_status(
    db: &impl oxt_store::Conn,
    filtered: Option<StatusId>,
    topic: Option<&TopicRouting>,
    settings: &TicketSettings,
) -> Result<OpenStatus, CreateTicketError> {
    let candidates = [
        filtered,
        topic.and_then(|topic| topic.status),
        settings.default_status,
        Some(OPEN_STATUS),
    ];
    for id in candidates.into_iter().flatten() {
        if let Some(status) = find_status(db, id).await?
            && let Ok(open) = OpenStatus::parse(status)
        {
            return Ok(open);
        }
    }
    Err(CreateTicketError::NoOpenStatus)
}

/// `Topic::getNewTicketNumber` for a topic with its own numbers, else
/// `OsticketConfig::getNewTicketNumber`.
fn numbering_plan(
    topic: Option<&TopicRouting>,
    settings: &TicketSettings,
) -> Result<NumberingPlan, NumberFormatError> {
    match topic.and_then(|topic| topic.custom_numbers.as_ref()) {
        Some(custom) => NumberingPlan::for_custom_topic(
            custom.number_format.as_deref(),
            custom.sequence.map_or(0, |id| id.get()),
        ),
        None => NumberingPlan::from_settings(
            settings
                .number_format
                .as_deref()
                .unwrap_or(NumberFormat::DEFAULT),
            &settings.sequence_id,
        ),
    }
}

/// `Ticket::create`'s auto-assignment: the filters' agent and team, and
/// the help topic's agent when no filter chose one, else the topic's team
/// when no filter chose one. Agent and team can both be set.
fn assign_on_creation(
    ticket: &mut Ticket,
    decision: &FilterDecision,
    topic: Option<&TopicRouting>,
) {
    let mut staff = decision.staff;
    let mut team = decision.team;
    if let Some(topic) = topic {
        if staff.is_none() && topic.staff.is_some() {
            staff = topic.staff;
        } else if team.is_none() && topic.team.is_some() {
            team = topic.team;
        }
    }
    ticket.staff = staff;
    ticket.team = team;
}

/// osTicket logs automatic assignment (`assignToStaff`, then `assignToTeam`)
/// as done by "Ticket Filter", data `{"staff":id}` and `{"team":id}`.
async fn log_assignment(
    db: &impl oxt_store::Conn,
    thread: oxt_ticket::ids::ThreadId,
    ticket: &Ticket,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    let assignments = [
        ticket
            .staff
            .map(|staff| serde_json::json!({ "staff": staff.get() })),
        ticket
            .team
            .map(|team| serde_json::json!({ "team": team.get() })),
    ];
    for data in assignments.into_iter().flatten() {
        let author = EventAuthor {
            username: FILTER_USERNAME.to_owned(),
            uid: None,
            uid_type: 'S',
        };
        insert(
            db,
            thread,
            ticket,
            ThreadEventKind::Assigned,
            ticket.staff,
            Some(data.to_string()),
            author,
            at,
        )
        .await?;
    }
    Ok(())
}
