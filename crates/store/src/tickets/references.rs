//! The rows a ticket refers to, read as ticket creation and editing need them:
//! help topics with their routing defaults, departments, priorities,
//! statuses, SLAs and agents. All but agents come through the reference cache.

use crate::entity::{department, help_topic, sla, staff, ticket_priority, ticket_status};
use crate::reference_cache::{ReferenceKey, cached};
use crate::sla::SlaFlags;
use crate::{Conn, StoreError};
use oxt_ticket::ids::{
    DeptId, PriorityId, ScheduleId, SequenceId, SlaId, StaffId, StatusId, TeamId, TopicId,
};
use oxt_ticket::status::{StatusState, TicketStatus};
use sea_orm::EntityTrait;

/// `Topic::FLAG_CUSTOM_NUMBERS`
const TOPIC_CUSTOM_NUMBERS: u32 = 0x1;
/// `Topic::FLAG_ACTIVE`
const TOPIC_ACTIVE: u32 = 0x2;
/// `Dept::FLAG_DISABLE_AUTO_CLAIM`
const DEPT_NO_AUTO_CLAIM: u32 = 0x2;
/// `Dept::FLAG_ACTIVE`
const DEPT_ACTIVE: u32 = 0x4;

/// A help topic's routing defaults (`ost_help_topic`); 0 columns read as `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRouting {
    pub id: TopicId,
    pub name: String,
    pub active: bool,
    pub dept: Option<DeptId>,
    pub priority: Option<PriorityId>,
    pub sla: Option<SlaId>,
    pub status: Option<StatusId>,
    pub staff: Option<StaffId>,
    pub team: Option<TeamId>,
    /// Set when the topic numbers its tickets itself (`FLAG_CUSTOM_NUMBERS`).
    pub custom_numbers: Option<TopicNumbering>,
}

/// A help topic's own numbering: its `number_format` and `sequence_id` columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicNumbering {
    pub number_format: Option<String>,
    pub sequence: Option<SequenceId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentRouting {
    pub id: DeptId,
    /// osTicket names the department in a `transferred` event.
    pub name: String,
    pub active: bool,
    /// Responses of its agents never claim a ticket.
    pub no_auto_claim: bool,
    pub sla: Option<SlaId>,
    pub schedule: Option<ScheduleId>,
}

/// `ost_ticket_priority`: `priority_desc` is the value the ticket form stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityRow {
    pub id: PriorityId,
    pub desc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaRow {
    pub id: SlaId,
    pub active: bool,
    /// `FLAG_TRANSIENT`: gives way to the department's or help topic's SLA
    /// on transfer and on a help-topic change.
    pub transient: bool,
    pub grace_period: u32,
    pub schedule: Option<ScheduleId>,
}

pub async fn find_topic(db: &impl Conn, id: TopicId) -> Result<Option<TopicRouting>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::Topic(id.get()),
        load_topic(db, id),
    )
    .await
}

async fn load_topic(db: &impl Conn, id: TopicId) -> Result<Option<TopicRouting>, StoreError> {
    let Some(row) = help_topic::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
    else {
        return Ok(None);
    };
    let flags = row.flags.unwrap_or(0);
    Ok(Some(TopicRouting {
        id,
        name: row.topic,
        active: flags & TOPIC_ACTIVE != 0,
        dept: DeptId::from_column(row.dept_id),
        priority: PriorityId::from_column(row.priority_id),
        sla: SlaId::from_column(row.sla_id),
        status: StatusId::from_column(row.status_id),
        staff: StaffId::from_column(row.staff_id),
        team: TeamId::from_column(row.team_id),
        custom_numbers: (flags & TOPIC_CUSTOM_NUMBERS != 0).then(|| TopicNumbering {
            number_format: row.number_format,
            sequence: SequenceId::from_column(row.sequence_id),
        }),
    }))
}

pub async fn find_department(
    db: &impl Conn,
    id: DeptId,
) -> Result<Option<DepartmentRouting>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::Department(id.get()),
        load_department(db, id),
    )
    .await
}

async fn load_department(
    db: &impl Conn,
    id: DeptId,
) -> Result<Option<DepartmentRouting>, StoreError> {
    Ok(department::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .map(|row| DepartmentRouting {
            id,
            name: row.name,
            active: row.flags & DEPT_ACTIVE != 0,
            no_auto_claim: row.flags & DEPT_NO_AUTO_CLAIM != 0,
            sla: SlaId::from_column(row.sla_id),
            schedule: ScheduleId::from_column(row.schedule_id),
        }))
}

pub async fn find_priority(
    db: &impl Conn,
    id: PriorityId,
) -> Result<Option<PriorityRow>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::Priority(id.get()),
        load_priority(db, id),
    )
    .await
}

async fn load_priority(db: &impl Conn, id: PriorityId) -> Result<Option<PriorityRow>, StoreError> {
    let Ok(key) = i16::try_from(id.get()) else {
        return Ok(None);
    };
    Ok(ticket_priority::Entity::find_by_id(key)
        .one(db.db())
        .await?
        .map(|row| PriorityRow {
            id,
            desc: row.priority_desc,
        }))
}

/// A status row; `None` also for a row whose `state` osTicket does not know.
pub async fn find_status(db: &impl Conn, id: StatusId) -> Result<Option<TicketStatus>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::Status(id.get()),
        load_status(db, id),
    )
    .await
}

async fn load_status(db: &impl Conn, id: StatusId) -> Result<Option<TicketStatus>, StoreError> {
    let Ok(key) = i32::try_from(id.get()) else {
        return Ok(None);
    };
    Ok(ticket_status::Entity::find_by_id(key)
        .one(db.db())
        .await?
        .and_then(|row| {
            let state = StatusState::parse(row.state.as_deref()?).ok()?;
            Some(TicketStatus {
                id,
                name: row.name,
                state,
            })
        }))
}

pub async fn find_sla(db: &impl Conn, id: SlaId) -> Result<Option<SlaRow>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::Sla(id.get()),
        load_sla(db, id),
    )
    .await
}

async fn load_sla(db: &impl Conn, id: SlaId) -> Result<Option<SlaRow>, StoreError> {
    Ok(sla::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .map(|row| {
            let flags = SlaFlags::from_bits(row.flags);
            SlaRow {
                id,
                active: flags.active,
                transient: flags.transient,
                grace_period: row.grace_period,
                schedule: ScheduleId::from_column(row.schedule_id),
            }
        }))
}

/// An agent as a thread shows them: `username` for events, the full name as poster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffName {
    pub id: StaffId,
    pub username: String,
    pub full_name: String,
}

pub async fn find_staff_name(db: &impl Conn, id: StaffId) -> Result<Option<StaffName>, StoreError> {
    Ok(staff::Entity::find_by_id(id.get())
        .one(db.db())
        .await?
        .map(|row| {
            let full_name = [row.firstname, row.lastname]
                .into_iter()
                .flatten()
                .filter(|part| !part.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            StaffName {
                id,
                full_name: if full_name.is_empty() {
                    row.username.clone()
                } else {
                    full_name
                },
                username: row.username,
            }
        }))
}
