//! `TicketApiController::create` and the checks `Ticket::create` makes for
//! the API channel, ahead of [`crate::tickets::create`], which opens the
//! ticket as for every other channel.

use super::log::{ApiLogEntry, record};
use super::text::plain_field_text;
use crate::Ctx;
use crate::tickets::{CreateTicketError, NewTicketRequest, Requester, create};
use crate::users::PhoneNumber;
use oxt_store::StoreError;
use oxt_store::forms::{FormFieldSpec, IntakeForms, load_intake_forms};
use oxt_store::syslog::LogLevel;
use oxt_store::tickets::{find_priority, find_topic};
use oxt_store::users::find_by_email;
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{ApiKeyId, PriorityId, TicketId, TopicId};
use oxt_ticket::source::TicketSource;
use oxt_ticket::thread::BodyFormat;

/// The keys of a request that are not form fields (`getRequestStructure`).
const SOURCE: &str = "source";
const TOPIC: &str = "topicId";
const PRIORITY: &str = "priorityId";
const IP: &str = "ip";
/// The user form's fields `Ticket::create` reads by name.
const EMAIL: &str = "email";
const NAME: &str = "name";
const PHONE: &str = "phone";
/// The ticket form's fields the ticket itself holds.
const SUBJECT_FIELD: &str = "subject";
const MESSAGE_FIELD: &str = "message";
const PRIORITY_FIELD: &str = "priority";

/// Longest `ost_ticket.ip_address`.
const MAX_IP_CHARS: usize = 64;

/// A ticket as osTicket's API receives it, after the body format's own
/// fix-ups (JSON's `ApiJsonDataParser::fixup`, XML's `ApiXmlDataParser::fixup`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiTicketSubmission {
    /// Every other top-level value, in the order sent: form fields by name
    /// (`email`, `name`, `subject`, custom fields), `source`, `topicId`,
    /// `priorityId`, `ip`, and whatever else the client sent.
    pub values: Vec<(String, String)>,
    pub message: Option<SubmittedMessage>,
    /// Paths the body parser found that osTicket's request structure does
    /// not allow (`attachments/0/colour`, a list where a value belongs).
    pub unexpected: Vec<String>,
}

/// The `message`, its RFC 2397 or XML wrapping already taken off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmittedMessage {
    pub body: String,
    pub format: BodyFormat,
}

impl ApiTicketSubmission {
    fn value(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }
}

/// One failed check, keyed as osTicket keys its `$errors`: `user`, a form
/// field's id, `source`, `err`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub key: String,
    pub message: String,
}

impl FieldProblem {
    fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }
}

/// A ticket opened through the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmittedTicket {
    pub id: TicketId,
    pub number: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmitTicketError {
    /// `Ticket::create` refused the request; osTicket answers the problems
    /// in this order.
    #[error("the ticket is incomplete or invalid: {0:?}")]
    Invalid(Vec<FieldProblem>),
    #[error(transparent)]
    Create(#[from] CreateTicketError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks `submission` as osTicket's API does and opens the ticket with the
/// key as requester. Keys osTicket does not know are logged and ignored.
#[tracing::instrument(skip_all, fields(api_key = %key))]
pub async fn submit_ticket(
    ctx: &Ctx,
    key: ApiKeyId,
    sent_key: &str,
    client_ip: &str,
    submission: ApiTicketSubmission,
) -> Result<SubmittedTicket, SubmitTicketError> {
    let forms = load_intake_forms(&ctx.store).await?;
    log_unexpected(ctx, &submission, &forms, sent_key, client_ip).await?;
    let request = check(ctx, &forms, &submission, client_ip).await?;
    let opened = create(ctx, Requester::ApiKey(key), request).await?;
    Ok(SubmittedTicket {
        id: opened.id,
        number: opened.number.to_string(),
    })
}

/// `validateRequestStructure` in its lenient mode: each unknown key is an
/// error-level log row titled `Unexpected Data (400)`, and the request goes on.
async fn log_unexpected(
    ctx: &Ctx,
    submission: &ApiTicketSubmission,
    forms: &IntakeForms,
    sent_key: &str,
    client_ip: &str,
) -> Result<(), StoreError> {
    let unknown_values =
        submission.values.iter().map(|(key, _)| key).filter(|key| {
            ![SOURCE, TOPIC, PRIORITY, IP].contains(&key.as_str()) && !forms.knows(key)
        });
    for path in unknown_values.chain(&submission.unexpected) {
        tracing::warn!(%path, "unexpected data in an API request");
        record(
            ctx,
            &ApiLogEntry {
                status: 400,
                title: "Unexpected Data",
                message: &format!("{path}: Unexpected data received in API request"),
                level: LogLevel::Error,
                sent_key: Some(sent_key),
                client_ip,
            },
        )
        .await?;
    }
    Ok(())
}

/// `Ticket::create`'s checks for the API origin, in its order: the source,
/// then (when that passed) the requester's contact information, then the
/// ticket form's required fields.
async fn check(
    ctx: &Ctx,
    forms: &IntakeForms,
    submission: &ApiTicketSubmission,
    client_ip: &str,
) -> Result<NewTicketRequest, SubmitTicketError> {
    let mut problems = Vec::new();
    let source = match submission.value(SOURCE) {
        None => Some(TicketSource::Api),
        Some(raw) => TicketSource::parse(raw.trim()).ok(),
    };
    if source.is_none() {
        problems.push(FieldProblem::new(SOURCE, "Indicate ticket source"));
        problems.push(FieldProblem::new(
            "err",
            "Missing or invalid data \u{2014} Correct any errors below and try again",
        ));
    }
    let ip = match submission.value(IP).map(str::trim) {
        Some(ip) if ip.chars().count() > MAX_IP_CHARS => {
            problems.push(FieldProblem::new(IP, "Enter a valid IP address"));
            String::new()
        }
        Some(ip) if !ip.is_empty() => ip.to_owned(),
        _ => client_ip.to_owned(),
    };

    let requester = if problems.is_empty() {
        let requester = requester(ctx, forms, submission).await?;
        if requester.is_none() {
            problems.push(FieldProblem::new("user", "Incomplete client information"));
        }
        requester
    } else {
        None
    };

    let subject_text = submission
        .value(SUBJECT_FIELD)
        .map(plain_field_text)
        .unwrap_or_default();
    let mut subject = None;
    let mut message = None;
    let mut fields = Vec::new();
    for field in &forms.ticket {
        let answered = match field.name.as_str() {
            SUBJECT_FIELD => {
                subject = Subject::parse(&subject_text).ok();
                if !subject_text.is_empty() && subject.is_none() {
                    problems.push(FieldProblem::new(
                        field.id.to_string(),
                        format!("{} is too long", field.label),
                    ));
                }
                !subject_text.is_empty()
            }
            MESSAGE_FIELD => {
                message = submission.message.as_ref().and_then(|sent| {
                    MessageBody::parse(&sent.body)
                        .ok()
                        .map(|body| (body, sent.format))
                });
                message.is_some()
            }
            PRIORITY_FIELD => true,
            name => match submission.value(name).map(plain_field_text) {
                Some(value) if !value.is_empty() => {
                    fields.push((name.to_owned(), value));
                    true
                }
                _ => false,
            },
        };
        if field.required && !answered {
            problems.push(required(field));
        }
    }
    let topic = topic(ctx, submission.value(TOPIC)).await?;
    if !problems.is_empty() {
        return Err(SubmitTicketError::Invalid(problems));
    }
    let (Some(source), Some((email, name, phone)), Some(subject), Some((message, format))) =
        (source, requester, subject, message)
    else {
        // Every missing piece above was reported as a problem.
        return Err(SubmitTicketError::Invalid(vec![FieldProblem::new(
            "err",
            "Unable to create the ticket",
        )]));
    };
    Ok(NewTicketRequest {
        email,
        name,
        phone,
        subject,
        message,
        format,
        topic,
        dept: None,
        // `priorityId` overrides the ticket form's own priority field, which
        // the API fills by name like any other field.
        priority: priority(
            ctx,
            submission
                .value(PRIORITY)
                .or_else(|| submission.value(PRIORITY_FIELD)),
        )
        .await?,
        source: Some(source),
        ip,
        fields,
    })
}

fn required(field: &FormFieldSpec) -> FieldProblem {
    let message = if field.label.is_empty() {
        "This is a required field".to_owned()
    } else {
        format!("{} is a required field", field.label)
    };
    FieldProblem::new(field.id.to_string(), message)
}

/// The requester's address, name and phone. A known address needs nothing
/// more (osTicket looks the user up and skips the user form); a new one
/// needs the user form filled in validly: every required field, an e-mail
/// address, a name, a phone number if one is given.
async fn requester(
    ctx: &Ctx,
    forms: &IntakeForms,
    submission: &ApiTicketSubmission,
) -> Result<Option<(EmailAddress, PersonName, Option<String>)>, StoreError> {
    let Some(email) = submission
        .value(EMAIL)
        .and_then(|raw| EmailAddress::parse(raw).ok())
    else {
        return Ok(None);
    };
    let sent_name = submission
        .value(NAME)
        .and_then(|raw| PersonName::parse(&plain_field_text(raw)).ok());
    let phone = submission
        .value(PHONE)
        .map(str::trim)
        .filter(|phone| !phone.is_empty());
    if let Some(user) = find_by_email(&ctx.store, &email).await? {
        let name = sent_name
            .or_else(|| PersonName::parse(&user.name).ok())
            .or_else(|| PersonName::parse(email.as_str()).ok());
        return Ok(name.map(|name| (email, name, None)));
    }
    let required_answered = forms
        .user
        .iter()
        .filter(|field| field.required)
        .all(|field| {
            submission
                .value(&field.name)
                .is_some_and(|value| !plain_field_text(value).is_empty())
        });
    let phone_valid = phone.is_none_or(|phone| PhoneNumber::parse(phone).is_ok());
    Ok(match sent_name {
        Some(name) if required_answered && phone_valid => {
            Some((email, name, phone.map(str::to_owned)))
        }
        _ => None,
    })
}

/// `topicId` when it names an active help topic; anything else is ignored,
/// as osTicket resets it to 0.
async fn topic(ctx: &Ctx, sent: Option<&str>) -> Result<Option<TopicId>, StoreError> {
    let Some(id) = sent
        .and_then(|raw| raw.trim().parse::<u32>().ok())
        .filter(|id| *id != 0)
    else {
        return Ok(None);
    };
    let topic = find_topic(&ctx.store, TopicId::new(id)).await?;
    Ok(topic.filter(|topic| topic.active).map(|topic| topic.id))
}

/// `priorityId` when it names a priority. osTicket would store an unknown
/// id as the answer; Oxticket keeps the default priority instead of
/// writing a dangling reference.
async fn priority(ctx: &Ctx, sent: Option<&str>) -> Result<Option<PriorityId>, StoreError> {
    let Some(id) = sent
        .and_then(|raw| raw.trim().parse::<u32>().ok())
        .filter(|id| *id != 0)
    else {
        return Ok(None);
    };
    Ok(find_priority(&ctx.store, PriorityId::new(id))
        .await?
        .map(|priority| priority.id))
}
