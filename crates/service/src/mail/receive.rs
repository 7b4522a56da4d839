//! `TicketApiController::processEmail`: a message already received is
//! answered with its ticket; one that answers a ticket's thread (a
//! Message-ID it names is stored with an entry, or its subject carries the
//! number of a ticket its sender owns or collaborates on) is posted there;
//! any other opens a ticket through [`create_with_envelope`], so the ban
//! list and the filters for e-mail screen it before anything is written.

use crate::Ctx;
use crate::filters::apply::{FilterRejection, MailEnvelope};
use crate::mail::EntryRecipients;
use crate::osticket_api::{plain_field_text, strip_emoticons};
use crate::tickets::entry_body::EntryBody;
use crate::tickets::thread_events::{author_of, insert as insert_event};
use crate::tickets::{
    CreateTicketError, NewTicketRequest, PostEntryError, Requester, ThreadAppend, append_entry,
    create_with_envelope,
};
use chrono::{DateTime, Utc};
use oxt_filter::{BanList, Recipient};
use oxt_mail::{InboundMessage, MailBody};
use oxt_store::mail::{
    add_collaborator, find_entry_by_message_ids, find_last_message, find_system_email,
    find_system_email_by_address, find_ticket_by_number, insert_email_info, is_collaborator,
};
use oxt_store::tickets::{LockTicketError, find_config_value, find_ticket, lock_ticket};
use oxt_store::users::{NewUser, find_by_email, find_or_create};
use oxt_store::{Conn, StoreError};
use oxt_ticket::Actor;
use oxt_ticket::contact::{EmailAddress, MessageBody, PersonName, Subject};
use oxt_ticket::ids::{EmailId, EntryId, TicketId, UserId};
use oxt_ticket::source::TicketSource;
use oxt_ticket::thread::{BodyFormat, EntryFlags, EntryType, ThreadEventKind};
use serde_json::json;

/// `ApiEmailDataParser::fixup`'s subject for a message without one.
const NO_SUBJECT: &str = "[No Subject]";
/// What `ThreadEntry::create` stores for an empty body.
const EMPTY_BODY: &str = "-";
/// `ost_thread_entry.source` of everything received by e-mail.
const EMAIL_SOURCE: &str = "Email";
const MAX_SUBJECT_CHARS: usize = 255;
const MAX_NAME_CHARS: usize = 128;

/// What became of a received message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailOutcome {
    /// It opened the ticket.
    Opened,
    /// It was posted to the ticket's thread as this message.
    Replied(EntryId),
    /// A message with its Message-ID was received before; nothing was written.
    AlreadyReceived,
}

/// The ticket a received message opened or went to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedEmail {
    pub ticket: TicketId,
    pub number: String,
    pub outcome: EmailOutcome,
}

#[derive(Debug, thiserror::Error)]
pub enum ReceiveEmailError {
    /// osTicket's user form refuses the sender: `Incomplete client information`.
    #[error("the sender {0:?} is not an e-mail address")]
    InvalidSender(String),
    /// Opening the ticket failed, or the ban list or a filter refused it.
    #[error(transparent)]
    Create(#[from] CreateTicketError),
    /// The sender of a reply is on the ban list; nothing was written.
    #[error(transparent)]
    Banned(FilterRejection),
    #[error(transparent)]
    Post(#[from] PostEntryError),
    #[error(transparent)]
    Load(#[from] LockTicketError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Receives one message for `requester` (the API key it was piped with),
/// from `client_ip`. A reply is posted in one transaction; a new ticket is
/// opened in one transaction; a repeat writes nothing.
#[tracing::instrument(skip_all)]
pub async fn receive_email(
    ctx: &Ctx,
    requester: Requester,
    message: &InboundMessage,
    client_ip: &str,
) -> Result<ReceivedEmail, ReceiveEmailError> {
    let now = ctx.clock.now();
    let sender = EmailAddress::parse(&message.from.email)
        .map_err(|_| ReceiveEmailError::InvalidSender(message.from.email.clone()))?;
    let tx = ctx.store.begin().await?;
    let addressing = addressing(&tx, message).await?;
    let body = body(&tx, message).await?;

    if let Some(seen) =
        find_entry_by_message_ids(&tx, std::slice::from_ref(&message.message_id)).await?
    {
        tracing::info!(ticket_id = seen.ticket.get(), "message received before");
        let number = ticket_number(&tx, seen.ticket).await?;
        return Ok(ReceivedEmail {
            ticket: seen.ticket,
            number,
            outcome: EmailOutcome::AlreadyReceived,
        });
    }
    if let Some(target) = reply_target(&tx, message, &sender).await?
        && let Some(entry) = post_reply(
            ctx,
            &tx,
            &target,
            message,
            &sender,
            &body,
            &addressing.recipients,
            now,
        )
        .await?
    {
        let number = ticket_number(&tx, target.ticket).await?;
        tx.commit().await?;
        tracing::info!(ticket_id = target.ticket.get(), "e-mail reply posted");
        return Ok(ReceivedEmail {
            ticket: target.ticket,
            number,
            outcome: EmailOutcome::Replied(entry),
        });
    }
    // Nothing was written: the new ticket opens in a transaction of its own.
    drop(tx);

    let request = NewTicketRequest {
        email: sender.clone(),
        name: person_name(message.sender_name(), &sender),
        phone: None,
        subject: subject(&message.subject),
        message: body.0,
        format: body.1,
        topic: None,
        dept: None,
        priority: None,
        source: Some(TicketSource::Email),
        ip: client_ip.to_owned(),
        fields: Vec::new(),
    };
    let envelope = MailEnvelope {
        email_id: addressing.mailbox,
        reply_to: message
            .reply_to
            .as_ref()
            .map(|mailbox| mailbox.email.clone()),
        reply_to_name: message
            .reply_to
            .as_ref()
            .map(|mailbox| mailbox.name.clone())
            .filter(|name| !name.is_empty()),
        recipients: addressing.others,
        message_id: Some(message.message_id.clone()),
        headers: Some(message.header.clone()),
        addressed_to: Some(addressing.recipients),
    };
    let opened = create_with_envelope(ctx, requester, request, &envelope).await?;
    Ok(ReceivedEmail {
        ticket: opened.id,
        number: opened.number.to_string(),
        outcome: EmailOutcome::Opened,
    })
}

/// How a message was addressed, sorted as `Mail_Parse::getHeaderInfo`
/// sorts it.
struct Addressing {
    /// The help-desk mailbox it arrived at: the first of its To and Cc
    /// addresses that is one, else `core.default_email_id`.
    mailbox: Option<EmailId>,
    /// The To and Cc addresses that are not the help desk's, for the filters.
    others: Vec<Recipient>,
    recipients: EntryRecipients,
}

async fn addressing(db: &impl Conn, message: &InboundMessage) -> Result<Addressing, StoreError> {
    let mut mailbox = None;
    let mut others = Vec::new();
    let mut recipients = EntryRecipients::default();
    for (is_cc, address) in message
        .to
        .iter()
        .map(|address| (false, address))
        .chain(message.cc.iter().map(|address| (true, address)))
    {
        let system = match EmailAddress::parse(&address.email) {
            Ok(parsed) => find_system_email_by_address(db, &parsed).await?,
            Err(_) => None,
        };
        match system {
            Some(system) => {
                mailbox.get_or_insert(system.id);
                let listed = system.address();
                if !recipients.to.contains(&listed) {
                    recipients.to.push(listed);
                }
            }
            None => {
                let email = lowercase_mailbox(&address.email);
                let listed = format!("{} <{}>", address.name, email);
                if is_cc {
                    recipients.cc.push(listed);
                } else {
                    recipients.to.push(listed);
                }
                others.push(Recipient {
                    name: address.name.clone(),
                    email,
                });
            }
        }
    }
    if mailbox.is_none() {
        mailbox = match find_config_value(db, "core", "default_email_id")
            .await?
            .and_then(|raw| raw.trim().parse::<u32>().ok())
            .and_then(EmailId::from_column)
        {
            Some(id) => find_system_email(db, id).await?.map(|system| system.id),
            None => None,
        };
    }
    Ok(Addressing {
        mailbox,
        others,
        recipients,
    })
}

/// osTicket lower-cases the mailbox part of a recipient's address.
fn lowercase_mailbox(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, host)) => format!("{}@{host}", local.to_lowercase()),
        None => email.to_owned(),
    }
}

/// The body osTicket keeps (`Mail_Parse::getBody`): the HTML parts when
/// rich text is on (`core.enable_richtext`, on unless set to 0), else the
/// plain ones, each falling back to the other; pictographs dropped.
async fn body(
    db: &impl Conn,
    message: &InboundMessage,
) -> Result<(MessageBody, BodyFormat), StoreError> {
    let rich_text = find_config_value(db, "core", "enable_richtext")
        .await?
        .is_none_or(|value| !matches!(value.trim(), "" | "0"));
    let (text, format) = match message.body(rich_text) {
        Some(MailBody::Html(html)) => (html, BodyFormat::Html),
        // `TextThreadEntryBody::getClean` trims a plain body.
        Some(MailBody::Text(text)) => (text.trim().to_owned(), BodyFormat::Text),
        None => (String::new(), BodyFormat::Text),
    };
    let body = MessageBody::parse(&strip_emoticons(&text))
        .or_else(|_| MessageBody::parse(EMPTY_BODY))
        .expect("the stand-in body is not empty");
    Ok((body, format))
}

fn subject(raw: &str) -> Subject {
    let cleaned = plain_field_text(raw);
    let kept: String = cleaned.chars().take(MAX_SUBJECT_CHARS).collect();
    Subject::parse(&kept)
        .or_else(|_| Subject::parse(NO_SUBJECT))
        .expect("the stand-in subject is valid")
}

/// The sender's name as the user form keeps it, else the address.
fn person_name(name: &str, sender: &EmailAddress) -> PersonName {
    let kept: String = plain_field_text(name)
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    PersonName::parse(&kept)
        .or_else(|_| {
            PersonName::parse(
                &sender
                    .as_str()
                    .chars()
                    .take(MAX_NAME_CHARS)
                    .collect::<String>(),
            )
        })
        .expect("an e-mail address is a name")
}

async fn ticket_number(db: &impl Conn, id: TicketId) -> Result<String, StoreError> {
    find_ticket(db, id)
        .await?
        .and_then(|ticket| ticket.number)
        .ok_or(StoreError::NotFound)
}

/// The ticket a message answers and the entry it answers.
struct ReplyTarget {
    ticket: TicketId,
    parent: EntryId,
}

/// `ThreadEntry::lookupByEmailHeaders`: an entry stored with a Message-ID
/// the message names (`In-Reply-To`, `References`), else, as a last resort
/// that third parties cannot use, the ticket whose number the subject
/// carries when the sender owns it or collaborates on it (then the reply
/// answers its last message).
async fn reply_target(
    db: &impl Conn,
    message: &InboundMessage,
    sender: &EmailAddress,
) -> Result<Option<ReplyTarget>, StoreError> {
    let named: Vec<String> = message
        .thread_ids()
        .into_iter()
        .filter(|id| id != &message.message_id)
        .collect();
    if let Some(found) = find_entry_by_message_ids(db, &named).await? {
        return Ok(Some(ReplyTarget {
            ticket: found.ticket,
            parent: found.entry,
        }));
    }
    let Some(number) = message.ticket_number_in_subject() else {
        return Ok(None);
    };
    let Some(ticket) = find_ticket_by_number(db, number).await? else {
        return Ok(None);
    };
    let Some(user) = find_by_email(db, sender).await? else {
        return Ok(None);
    };
    if user.id != ticket.owner && !is_collaborator(db, ticket.thread, user.id).await? {
        return Ok(None);
    }
    Ok(find_last_message(db, ticket.thread)
        .await?
        .map(|parent| ReplyTarget {
            ticket: ticket.id,
            parent,
        }))
}

/// `Thread::postEmail` for a user's message: `None` when the message is
/// not to be posted (the ticket is gone, or it came from one of the help
/// desk's own addresses), and a new ticket is to be opened instead.
///
/// The owner posts as the owner. Anyone else becomes a collaborator: a
/// known user as is, an unknown sender as a new user, whose message starts
/// with `Received From: name <address>` (`Thread::postEmail`, then
/// `Ticket::postMessage`, which adds the poster to the thread).
#[allow(clippy::too_many_arguments)]
async fn post_reply(
    ctx: &Ctx,
    db: &impl Conn,
    target: &ReplyTarget,
    message: &InboundMessage,
    sender: &EmailAddress,
    body: &(MessageBody, BodyFormat),
    recipients: &EntryRecipients,
    now: DateTime<Utc>,
) -> Result<Option<EntryId>, ReceiveEmailError> {
    let Some(loaded) = lock_ticket(db, target.ticket).await? else {
        return Ok(None);
    };
    let filters = ctx.filters.current(db).await?;
    let ban_list = filters.ban_list();
    if let Some(filter) = ban_list.filter()
        && ban_list.is_banned(sender.as_str())
    {
        tracing::warn!(
            ticket_id = target.ticket.get(),
            "e-mail reply from a banned sender refused"
        );
        return Err(ReceiveEmailError::Banned(FilterRejection {
            filter,
            filter_name: BanList::FILTER_NAME.to_owned(),
            email: sender.as_str().to_owned(),
            banned: true,
        }));
    }
    if find_system_email_by_address(db, sender).await?.is_some() {
        return Ok(None);
    }
    let name = message.sender_name();
    let (user, user_name, unknown) = match find_by_email(db, sender).await? {
        Some(user) => (user.id, user.name, false),
        None => {
            let created = find_or_create(
                db,
                &NewUser {
                    email: sender.clone(),
                    name: person_name(name, sender),
                    phone: None,
                    notes: None,
                },
                now,
            )
            .await?;
            (created.id, created.name, true)
        }
    };
    let collaborator = user != loaded.ticket.user;
    if collaborator && !is_collaborator(db, loaded.thread, user).await? {
        add_collaborator(db, loaded.thread, user, now).await?;
        log_collaborator(db, &loaded, user, &user_name, now).await?;
    }
    let (text, format) = body;
    let text = if unknown {
        received_from(name, sender, text, *format)
    } else {
        text.clone()
    };
    let mut flags = recipients.flags();
    if collaborator {
        flags = flags | EntryFlags::COLLABORATOR;
    }
    let entry = append_entry(
        db,
        target.ticket,
        &loaded,
        Actor::User(user),
        ThreadAppend {
            kind: EntryType::Message,
            body: EntryBody::prepare(&text, *format),
            poster: name.to_owned(),
            source: EMAIL_SOURCE.to_owned(),
            // `Thread::postEmail` posts with an empty address.
            ip: String::new(),
            flags,
            parent: Some(target.parent),
            recipients: Some(recipients.json()),
        },
        now,
    )
    .await?;
    insert_email_info(db, entry, &message.message_id, Some(&message.header)).await?;
    Ok(Some(entry))
}

/// The banner osTicket puts above a message from someone the ticket does
/// not know (`Thread::postEmail`), prepended as each body kind prepends:
/// a text body after a blank line (empty lines then collapsed), an HTML
/// body escaped, broken into lines and wrapped in a `<div>`.
fn received_from(
    name: &str,
    sender: &EmailAddress,
    body: &MessageBody,
    format: BodyFormat,
) -> MessageBody {
    let banner = format!("Received From: {name} <{}>\n\n", sender.as_str());
    let text = match format {
        BodyFormat::Text => format!("{banner}{}", body.as_str()),
        BodyFormat::Html => format!(
            "<div>{}<br/><br/></div>{}",
            escape_html(&banner).replace('\n', "<br />\n"),
            body.as_str()
        ),
    };
    MessageBody::parse(&text).unwrap_or_else(|_| body.clone())
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#039;")
}

/// `Thread::logCollaboratorEvents`: a `collab` event naming who was added,
/// by `SYSTEM` as no one is signed in.
async fn log_collaborator(
    db: &impl Conn,
    loaded: &oxt_store::tickets::TicketForUpdate,
    user: UserId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let data = json!({ "add": { user.get().to_string(): { "name": name } } });
    insert_event(
        db,
        loaded.thread,
        &loaded.ticket,
        ThreadEventKind::Collab,
        loaded.ticket.staff,
        Some(data.to_string()),
        author_of(db, Actor::System).await?,
        now,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_senders_message_is_introduced() {
        let sender = EmailAddress::parse("eve@example.com").unwrap();
        let body = MessageBody::parse("Hello").unwrap();
        assert_eq!(
            received_from("Eve", &sender, &body, BodyFormat::Text).as_str(),
            "Received From: Eve <eve@example.com>\n\nHello"
        );
        assert_eq!(
            received_from("Eve", &sender, &body, BodyFormat::Html).as_str(),
            "<div>Received From: Eve &lt;eve@example.com&gt;<br />\n<br />\n<br/><br/></div>Hello"
        );
    }

    #[test]
    fn subjects_and_names_fall_back_as_osticket_does() {
        assert_eq!(subject("  ").as_str(), NO_SUBJECT);
        assert_eq!(subject(&"x".repeat(300)).as_str().chars().count(), 255);
        let sender = EmailAddress::parse("zed@example.com").unwrap();
        assert_eq!(person_name("", &sender).as_str(), "zed@example.com");
    }

    #[test]
    fn only_the_mailbox_part_is_lower_cased() {
        assert_eq!(lowercase_mailbox("Carol@Example.COM"), "carol@Example.COM");
    }
}
