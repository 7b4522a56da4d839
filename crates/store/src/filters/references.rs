//! The rows filter actions point at: whether they exist (checked when a
//! filter is saved) and the names osTicket writes in the "edited" events a
//! matching filter leaves on a new ticket.

use crate::entity::{
    canned_response, department, email, help_topic, sla, staff, team, ticket_priority,
    ticket_status,
};
use crate::tickets::find_staff_name;
use crate::{Conn, StoreError};
use oxt_filter::Reference;
use oxt_ticket::ids::CannedId;
use sea_orm::EntityTrait;

/// Whether the row `reference` names exists.
pub async fn reference_exists(db: &impl Conn, reference: Reference) -> Result<bool, StoreError> {
    let db = db.db();
    Ok(match reference {
        Reference::CannedResponse(id) => canned_response::Entity::find_by_id(id.get())
            .one(db)
            .await?
            .is_some(),
        Reference::Department(id) => department::Entity::find_by_id(id.get())
            .one(db)
            .await?
            .is_some(),
        Reference::Priority(id) => match i16::try_from(id.get()) {
            Ok(key) => ticket_priority::Entity::find_by_id(key)
                .one(db)
                .await?
                .is_some(),
            Err(_) => false,
        },
        Reference::Sla(id) => sla::Entity::find_by_id(id.get()).one(db).await?.is_some(),
        Reference::Team(id) => team::Entity::find_by_id(id.get()).one(db).await?.is_some(),
        Reference::Agent(id) => staff::Entity::find_by_id(id.get()).one(db).await?.is_some(),
        Reference::HelpTopic(id) => help_topic::Entity::find_by_id(id.get())
            .one(db)
            .await?
            .is_some(),
        Reference::Status(id) => match i32::try_from(id.get()) {
            Ok(key) => ticket_status::Entity::find_by_id(key)
                .one(db)
                .await?
                .is_some(),
            Err(_) => false,
        },
        Reference::Email(id) => email::Entity::find_by_id(id.get()).one(db).await?.is_some(),
    })
}

/// The name osTicket shows for the row: a department's, SLA's, team's or
/// topic's name, a priority's description, an agent's full name, a status's
/// name, a canned response's title, a mailbox's address.
pub async fn reference_name(
    db: &impl Conn,
    reference: Reference,
) -> Result<Option<String>, StoreError> {
    let conn = db.db();
    Ok(match reference {
        Reference::CannedResponse(id) => canned_response::Entity::find_by_id(id.get())
            .one(conn)
            .await?
            .map(|row| row.title),
        Reference::Department(id) => department::Entity::find_by_id(id.get())
            .one(conn)
            .await?
            .map(|row| row.name),
        Reference::Priority(id) => match i16::try_from(id.get()) {
            Ok(key) => ticket_priority::Entity::find_by_id(key)
                .one(conn)
                .await?
                .map(|row| row.priority_desc),
            Err(_) => None,
        },
        Reference::Sla(id) => sla::Entity::find_by_id(id.get())
            .one(conn)
            .await?
            .map(|row| row.name),
        Reference::Team(id) => team::Entity::find_by_id(id.get())
            .one(conn)
            .await?
            .map(|row| row.name),
        Reference::Agent(id) => find_staff_name(db, id).await?.map(|name| name.full_name),
        Reference::HelpTopic(id) => help_topic::Entity::find_by_id(id.get())
            .one(conn)
            .await?
            .map(|row| row.topic),
        Reference::Status(id) => match i32::try_from(id.get()) {
            Ok(key) => ticket_status::Entity::find_by_id(key)
                .one(conn)
                .await?
                .map(|row| row.name),
            Err(_) => None,
        },
        Reference::Email(id) => email::Entity::find_by_id(id.get())
            .one(conn)
            .await?
            .map(|row| row.email),
    })
}

/// A canned response as an auto-reply uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedReply {
    pub id: CannedId,
    pub title: String,
    /// HTML, as osTicket's editor stores it.
    pub response: String,
    pub enabled: bool,
}

pub async fn find_canned_reply(
    db: &impl Conn,
    id: CannedId,
) -> Result<Option<CannedReply>, StoreError> {
    Ok(canned_response::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .map(|row| CannedReply {
            id,
            title: row.title,
            response: row.response,
            enabled: row.isenabled != 0,
        }))
}
