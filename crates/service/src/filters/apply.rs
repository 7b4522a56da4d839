//! Filters at ticket creation, as osTicket's `Ticket::create` runs them:
//! the ban list and the filters for the ticket's channel before anything is
//! written ([`screen`]), the plan folded into the values creation uses
//! ([`FilterDecision`]), and once the ticket exists the "edited" events
//! naming each filter, the canned auto-reply and the e-mail actions
//! ([`after_create`]).

use chrono::{DateTime, Utc};
use oxt_filter::{
    Action, Channel, FilterMatch, FilterSet, FormFieldKey, Incoming, Outcome, Phase, PlannedAction,
    Recipient,
};
use oxt_identity::Subject as CallerSubject;
use oxt_store::filters::{find_canned_reply, queue_outbox_event, reference_exists, reference_name};
use oxt_store::tickets::{
    EventAuthor, NewThreadEntry, NewThreadEvent, find_department, find_topic, insert_thread_entry,
    insert_thread_event, update_thread_times,
};
use oxt_store::users::find_by_email;
use oxt_store::{Conn, StoreError};
use oxt_ticket::Ticket;
use oxt_ticket::contact::{EmailAddress, MessageBody};
use oxt_ticket::ids::{
    CannedId, DeptId, EmailId, FilterId, PriorityId, SlaId, StaffId, StatusId, TeamId, ThreadId,
    TopicId,
};
use oxt_ticket::source::TicketSource;
use oxt_ticket::thread::{BodyFormat, EntryType, ThreadEventKind};
use serde_json::json;

use crate::Caller;
use crate::tickets::Requester;
use crate::tickets::entry_body::EntryBody;

/// What osTicket writes as the author of what filters do.
pub(crate) const FILTER_USERNAME: &str = "Ticket Filter";
/// The poster of a canned auto-reply (`postCannedReply`).
const CANNED_POSTER: &str = "SYSTEM (Canned Reply)";
/// A `replyto` action restarts the run with the new sender; each restart
/// needs a Reply-To other than the current sender, so two are the most a
/// real message can cause.
const MAX_SENDER_CHANGES: usize = 4;

/// The outbox topic of an e-mail a filter's `email` action sends.
pub const FILTER_EMAIL_TOPIC: &str = "mail.filter_email";
/// The outbox topic of the canned response a filter sends as auto-reply.
pub const CANNED_REPLY_TOPIC: &str = "mail.canned_reply";

/// What an e-mail brings beyond the ticket fields, for the filters that
/// test it; the mail channel passes it to [`crate::tickets::create_with_envelope`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailEnvelope {
    /// The help-desk mailbox the message arrived at.
    pub email_id: Option<EmailId>,
    pub reply_to: Option<String>,
    pub reply_to_name: Option<String>,
    /// To and Cc recipients that are not help-desk mailboxes.
    pub recipients: Vec<Recipient>,
    /// The e-mail's Message-ID and header block, stored with the opening
    /// message (`ost_thread_entry_email`) so that replies find the ticket.
    pub message_id: Option<String>,
    pub headers: Option<String>,
    /// Who the e-mail was addressed to, stored with the opening message.
    pub addressed_to: Option<crate::mail::EntryRecipients>,
}

/// Why filters refused a ticket.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ticket denied: {email} rejected by filter \"{filter_name}\"")]
pub struct FilterRejection {
    pub filter: FilterId,
    pub filter_name: String,
    /// The sender the filters saw.
    pub email: String,
    /// The sender is on the system ban list.
    pub banned: bool,
}

/// The filter plan folded into the values ticket creation uses. A value is
/// `None` when no filter set it; later actions override earlier ones, as
/// each writes the same key of osTicket's `$vars`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FilterDecision {
    pub dept: Option<DeptId>,
    pub priority: Option<PriorityId>,
    pub sla: Option<SlaId>,
    pub staff: Option<StaffId>,
    pub team: Option<TeamId>,
    pub topic: Option<TopicId>,
    pub status: Option<StatusId>,
    pub autorespond: bool,
    pub canned: Option<CannedId>,
    /// The sender a `replyto` action put in place of the original one.
    pub sender: Option<(EmailAddress, Option<String>)>,
    pub matched: Vec<FilterMatch>,
}

/// osTicket's `TicketFilter::origin2target` input for an Oxticket request:
/// end users come through the client portal (`web`); agents and API keys
/// open tickets through the API (`api`) unless they say the ticket came by
/// e-mail (`email`, the mail fetcher and `tickets.email`); an agent's phone,
/// web-form or other ticket is osTicket's staff panel (`staff`, filtered as
/// Web).
pub(crate) fn channel_for(requester: Requester, source: TicketSource) -> Channel {
    let agent = match requester {
        Requester::Caller(Caller {
            subject: CallerSubject::User(_),
        }) => return Channel::Web,
        Requester::Caller(_) => true,
        Requester::ApiKey(_) => false,
    };
    match source {
        TicketSource::Email => Channel::Email,
        TicketSource::Web | TicketSource::Phone | TicketSource::Other if agent => Channel::Staff,
        _ => Channel::Api,
    }
}

/// The ticket data a filter sees: the sender (the stored user's address
/// and name when the address is known, as osTicket looks the user up
/// first), the ticket form's answers by field, the help topic and message.
pub(crate) struct Submission<'a> {
    pub channel: Channel,
    pub envelope: &'a MailEnvelope,
    pub email: &'a EmailAddress,
    pub name: &'a str,
    pub topic: Option<TopicId>,
    pub message: &'a MessageBody,
    /// Ticket-form answers by field id (subject, message, custom fields).
    pub form_fields: Vec<(oxt_ticket::ids::FormFieldId, String)>,
}

impl Submission<'_> {
    pub(crate) async fn incoming(&self, db: &impl Conn) -> Result<Incoming, StoreError> {
        let mut incoming = Incoming::new(self.channel, self.email.as_str(), self.name);
        incoming.email_id = self.envelope.email_id;
        incoming.reply_to = self.envelope.reply_to.clone();
        incoming.reply_to_name = self.envelope.reply_to_name.clone();
        incoming.recipients = self.envelope.recipients.clone();
        incoming.topic_id = self.topic;
        incoming.message = self.message.as_str().to_owned();
        incoming.form_fields = self
            .form_fields
            .iter()
            .map(|(field, value)| (FormFieldKey::field(*field), value.clone()))
            .collect();
        use_known_sender(db, &mut incoming).await?;
        Ok(incoming)
    }
}

/// `filterTicketData`: a known address is filtered with its user's stored
/// address and name.
pub(crate) async fn use_known_sender(
    db: &impl Conn,
    incoming: &mut Incoming,
) -> Result<(), StoreError> {
    if let Ok(address) = EmailAddress::parse(incoming.email.trim())
        && let Some(user) = find_by_email(db, &address).await?
    {
        incoming.email = user.email.unwrap_or_else(|| address.as_str().to_owned());
        incoming.name = user.name;
    }
    Ok(())
}

/// Why screening could not finish.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ScreenError {
    #[error(transparent)]
    Rejected(#[from] FilterRejection),
    #[error("the Reply-To address {0:?} a filter made the sender is not an e-mail address")]
    InvalidReplyTo(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Runs the ban list and the filters on a ticket about to be opened. Writes
/// nothing.
pub(crate) async fn screen(
    db: &impl Conn,
    filters: &FilterSet,
    mut incoming: Incoming,
) -> Result<(FilterDecision, Incoming), ScreenError> {
    let mut plan: Vec<PlannedAction> = Vec::new();
    let mut matched = Vec::new();
    let mut sender = None;
    for _ in 0..MAX_SENDER_CHANGES {
        let evaluation = filters.evaluate(&incoming, Phase::BeforeCreate);
        matched.extend(evaluation.matched.iter().cloned());
        match evaluation.outcome {
            Outcome::Accepted => {
                plan.extend(evaluation.plan);
                let decision = decide(db, plan, matched, sender).await?;
                return Ok((decision, incoming));
            }
            Outcome::Banned { filter } => {
                return Err(FilterRejection {
                    filter,
                    filter_name: oxt_filter::BanList::FILTER_NAME.to_owned(),
                    email: incoming.email,
                    banned: true,
                }
                .into());
            }
            Outcome::Rejected { filter } => {
                let filter_name = evaluation
                    .matched
                    .iter()
                    .find(|m| m.filter == filter)
                    .map(|m| m.name.clone())
                    .unwrap_or_default();
                return Err(FilterRejection {
                    filter,
                    filter_name,
                    email: incoming.email,
                    banned: false,
                }
                .into());
            }
            Outcome::SenderReplaced { email, name, .. } => {
                // What the filters set so far stays in `$vars` across the
                // restart; the `replyto` action itself is spent.
                plan.extend(
                    evaluation
                        .plan
                        .into_iter()
                        .filter(|p| p.action != Action::UseReplyTo),
                );
                let address = EmailAddress::parse(&email)
                    .map_err(|_| ScreenError::InvalidReplyTo(email.clone()))?;
                incoming.email = address.as_str().to_owned();
                if let Some(name) = &name {
                    incoming.name.clone_from(name);
                }
                use_known_sender(db, &mut incoming).await?;
                sender = Some((address, name));
            }
        }
    }
    // Only a sender that keeps changing gets here; open the ticket with
    // what the filters decided so far, as nothing rejected it.
    let decision = decide(db, plan, matched, sender).await?;
    Ok((decision, incoming))
}

/// Folds the plan; department and topic actions count only when the row is
/// active, as `FA_RouteDepartment`/`FA_AssignTopic` check, and any action
/// whose row is gone (osTicket's panel deleted it) is passed over.
async fn decide(
    db: &impl Conn,
    plan: Vec<PlannedAction>,
    matched: Vec<FilterMatch>,
    sender: Option<(EmailAddress, Option<String>)>,
) -> Result<FilterDecision, StoreError> {
    let mut decision = FilterDecision {
        dept: None,
        priority: None,
        sla: None,
        staff: None,
        team: None,
        topic: None,
        status: None,
        autorespond: true,
        canned: None,
        sender,
        matched,
    };
    for planned in plan {
        if let Some(reference) = planned.action.reference()
            && !reference_exists(db, reference).await?
        {
            continue;
        }
        match planned.action {
            Action::SetDepartment { dept_id } => {
                if find_department(db, dept_id)
                    .await?
                    .is_some_and(|d| d.active)
                {
                    decision.dept = Some(dept_id);
                }
            }
            Action::SetHelpTopic { topic_id } => {
                if find_topic(db, topic_id).await?.is_some_and(|t| t.active) {
                    decision.topic = Some(topic_id);
                }
            }
            Action::SetPriority { priority } => decision.priority = Some(priority),
            Action::SetSla { sla_id } => decision.sla = Some(sla_id),
            Action::AssignAgent { staff_id } => decision.staff = Some(staff_id),
            Action::AssignTeam { team_id } => decision.team = Some(team_id),
            Action::SetStatus { status_id } => decision.status = Some(status_id),
            Action::DisableAutoResponse => decision.autorespond = false,
            Action::AttachCannedResponse { canned_id } => decision.canned = Some(canned_id),
            // Reject and Reply-To end the run; e-mail waits for the ticket.
            Action::Reject | Action::UseReplyTo | Action::SendEmail(_) => {}
        }
    }
    Ok(decision)
}

/// The created ticket, as the post-create filter run needs it.
pub(crate) struct CreatedForFilters<'a> {
    pub ticket: &'a Ticket,
    pub ticket_id: oxt_ticket::ids::TicketId,
    pub thread: ThreadId,
    pub first_message: Option<oxt_ticket::ids::EntryId>,
    pub owner_email: &'a str,
    pub owner_name: &'a str,
    pub ip: &'a str,
}

/// osTicket's second `filterTicketData` run, on the created ticket: an
/// "edited" event per department, priority, SLA, team, agent, topic and
/// status action of each matching filter (data `{"value", "filter",
/// "type"}`, by "Ticket Filter"), then the canned auto-reply, then each
/// `email` action queued to the outbox.
pub(crate) async fn after_create(
    db: &impl Conn,
    filters: &FilterSet,
    mut incoming: Incoming,
    decision: &FilterDecision,
    created: &CreatedForFilters<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    // The second run sees the data the first one changed.
    incoming.topic_id = created.ticket.topic;
    let evaluation = filters.evaluate(&incoming, Phase::AfterCreate);
    for change in &evaluation.logged_changes {
        log_filter_change(
            db,
            created,
            change,
            filter_name(&evaluation.matched, change.filter),
            now,
        )
        .await?;
    }
    if let Some(canned) = decision.canned {
        post_canned_reply(db, created, canned, decision.autorespond, now).await?;
    }
    for planned in &evaluation.plan {
        if let Action::SendEmail(send) = &planned.action {
            let owner = format!("\"{}\" <{}>", created.owner_name, created.owner_email);
            queue_outbox_event(
                db,
                FILTER_EMAIL_TOPIC,
                json!({
                    "ticket_id": created.ticket_id.get(),
                    "filter_id": planned.filter.get(),
                    "action_id": planned.action_id.get(),
                    "from_email_id": send.from.map(|id| id.get()),
                    "recipients": send.recipients.replace("%{user}", &owner),
                    "subject": send.subject,
                    "message": send.message,
                }),
                now,
            )
            .await?;
        }
    }
    Ok(())
}

fn filter_name(matched: &[FilterMatch], filter: FilterId) -> &str {
    matched
        .iter()
        .find(|m| m.filter == filter)
        .map_or("", |m| m.name.as_str())
}

async fn log_filter_change(
    db: &impl Conn,
    created: &CreatedForFilters<'_>,
    change: &PlannedAction,
    filter: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (kind, reference) = match change.action {
        Action::SetDepartment { dept_id } => {
            ("Department", oxt_filter::Reference::Department(dept_id))
        }
        Action::SetPriority { priority } => ("Priority", oxt_filter::Reference::Priority(priority)),
        Action::SetSla { sla_id } => ("SLA", oxt_filter::Reference::Sla(sla_id)),
        Action::AssignTeam { team_id } => ("Team", oxt_filter::Reference::Team(team_id)),
        Action::AssignAgent { staff_id } => ("Agent", oxt_filter::Reference::Agent(staff_id)),
        Action::SetHelpTopic { topic_id } => ("Topic", oxt_filter::Reference::HelpTopic(topic_id)),
        // osTicket 1.18 names the status with `Team::lookup(status_id)`, so
        // the value is the name of the team with that id, or false.
        Action::SetStatus { status_id } => (
            "Ticket Status",
            oxt_filter::Reference::Team(TeamId::new(status_id.get())),
        ),
        _ => return Ok(()),
    };
    let value = match reference_name(db, reference).await? {
        Some(name) => json!(name),
        None => json!(false),
    };
    let data = json!({ "value": value, "filter": filter, "type": kind }).to_string();
    let ticket = created.ticket;
    insert_thread_event(
        db,
        &NewThreadEvent {
            thread: created.thread,
            kind: ThreadEventKind::Edited,
            staff: ticket.staff,
            team: ticket.team,
            dept: ticket.dept,
            topic: ticket.topic,
            data: Some(data),
            author: EventAuthor {
                username: FILTER_USERNAME.to_owned(),
                uid: None,
                uid_type: 'S',
            },
            at: now,
        },
    )
    .await
}

/// `Ticket::postCannedReply`: the enabled canned response is posted as a
/// response by "SYSTEM (Canned Reply)" and, unless auto-responses are off,
/// queued to be mailed to the owner.
async fn post_canned_reply(
    db: &impl Conn,
    created: &CreatedForFilters<'_>,
    canned: CannedId,
    autorespond: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(reply) = find_canned_reply(db, canned).await?.filter(|r| r.enabled) else {
        return Ok(());
    };
    let Ok(body) = MessageBody::parse(&reply.response) else {
        return Ok(());
    };
    let body = EntryBody::prepare(&body, BodyFormat::Html);
    let entry = insert_thread_entry(
        db,
        &NewThreadEntry {
            thread: created.thread,
            kind: EntryType::Response,
            staff: None,
            user: None,
            flags: body.flags(),
            poster: CANNED_POSTER.to_owned(),
            source: String::new(),
            title: None,
            body: body.stored.clone(),
            format: body.format,
            ip_address: created.ip.to_owned(),
            parent: None,
            recipients: None,
            created: now,
        },
    )
    .await?;
    update_thread_times(db, created.thread, created.ticket.lastmessage, Some(now)).await?;
    if autorespond {
        queue_outbox_event(
            db,
            CANNED_REPLY_TOPIC,
            json!({
                "ticket_id": created.ticket_id.get(),
                "entry_id": entry.get(),
                "in_reply_to_entry_id": created.first_message.map(|id| id.get()),
                "canned_id": reply.id.get(),
                "to": created.owner_email,
            }),
            now,
        )
        .await?;
    }
    Ok(())
}

/// A banned address may not add to a thread either.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{email} is on the ban list")]
pub struct SenderBanned {
    pub filter: FilterId,
    pub email: String,
}

/// osTicket checks the ban list on every message it receives by mail, new
/// ticket or reply; Oxticket checks it on every message an end user posts.
pub(crate) async fn refuse_banned_sender(
    cache: &crate::filters::FilterCache,
    db: &impl Conn,
    user: oxt_ticket::ids::UserId,
) -> Result<(), BanCheckError> {
    let filters = cache.current(db).await?;
    let ban_list = filters.ban_list();
    let Some(filter) = ban_list.filter() else {
        return Ok(());
    };
    if let Some(email) = oxt_store::users::get(db, user).await?.email
        && ban_list.is_banned(&email)
    {
        return Err(SenderBanned { filter, email }.into());
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum BanCheckError {
    #[error(transparent)]
    Banned(#[from] SenderBanned),
    #[error(transparent)]
    Store(#[from] StoreError),
}
