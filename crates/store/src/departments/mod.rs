//! Departments (`ost_department`): reading and writing them as osTicket's
//! `Dept` model does, with the `path` column that nests them.

use crate::entity::{
    department, email, email_template_group, help_topic, schedule, sla, staff, staff_dept_access,
    task, ticket,
};
use crate::store::locked;
use crate::text::conflict_or_backend;
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, NaiveDateTime, Utc};
use oxt_ticket::ids::{DeptId, EmailId, ScheduleId, SlaId, StaffId, TemplateGroupId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// A department as stored; `0` reference columns read as `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptRecord {
    pub id: DeptId,
    pub fields: DeptFields,
    /// `ost_department.path`: `/root/…/id/`.
    pub path: String,
    pub created: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
}

/// The columns a create or an edit writes (all but `path` and the dates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptFields {
    pub name: String,
    pub parent: Option<DeptId>,
    pub template_group: Option<TemplateGroupId>,
    pub sla: Option<SlaId>,
    pub schedule: Option<ScheduleId>,
    pub email: Option<EmailId>,
    pub autoresponse_email: Option<EmailId>,
    pub manager: Option<StaffId>,
    /// `ost_department.flags`, every bit as osTicket keeps it.
    pub flags: u32,
    pub signature: String,
    pub is_public: bool,
    /// `group_membership`: which members get alerts (`Dept::ALERTS_*`).
    pub group_membership: i16,
    pub ticket_auto_response: bool,
    pub message_auto_response: bool,
}

impl From<department::Model> for DeptRecord {
    fn from(row: department::Model) -> Self {
        Self {
            id: DeptId::new(row.id),
            fields: DeptFields {
                name: row.name,
                parent: row.pid.and_then(DeptId::from_column),
                template_group: TemplateGroupId::from_column(row.tpl_id),
                sla: SlaId::from_column(row.sla_id),
                schedule: ScheduleId::from_column(row.schedule_id),
                email: EmailId::from_column(row.email_id),
                autoresponse_email: EmailId::from_column(row.autoresp_email_id),
                manager: StaffId::from_column(row.manager_id),
                flags: row.flags,
                signature: row.signature,
                is_public: row.ispublic != 0,
                group_membership: row.group_membership,
                ticket_auto_response: row.ticket_auto_response != 0,
                message_auto_response: row.message_auto_response != 0,
            },
            path: row.path,
            created: row.created.get(),
            updated: row.updated.get(),
        }
    }
}

/// Every department, by id.
pub async fn list(db: &impl Conn) -> Result<Vec<DeptRecord>, StoreError> {
    Ok(department::Entity::find()
        .order_by_asc(department::Column::Id)
        .all(db.db())
        .await?
        .into_iter()
        .map(DeptRecord::from)
        .collect())
}

/// Department `id`, locked for the rest of the transaction when `db` locks rows.
pub async fn find(db: &impl Conn, id: DeptId) -> Result<Option<DeptRecord>, StoreError> {
    let query = locked(db, department::Entity::find_by_id(id.get()));
    Ok(query.one(db.db()).await?.map(DeptRecord::from))
}

/// The department called `name` directly under `parent` (osTicket's unique
/// key is `(name, pid)`, compared without case).
pub async fn find_id_by_name(
    db: &impl Conn,
    name: &str,
    parent: Option<DeptId>,
) -> Result<Option<DeptId>, StoreError> {
    let mut query = department::Entity::find()
        .select_only()
        .column(department::Column::Id)
        .filter(crate::text::equals_ignoring_case(
            db,
            department::Column::Name,
            name,
        ));
    // A top-level department may have `pid` NULL (osTicket) or 0 (older rows).
    query = match parent {
        Some(parent) => query.filter(department::Column::Pid.eq(parent.get())),
        None => query.filter(
            Condition::any()
                .add(department::Column::Pid.is_null())
                .add(department::Column::Pid.eq(0)),
        ),
    };
    let id: Option<u32> = query.into_tuple().one(db.db()).await?;
    Ok(id.map(DeptId::new))
}

/// Inserts a department with `path` computed from its parent's, as
/// osTicket's `Dept::update` does once the id is known.
pub async fn insert(
    db: &impl Conn,
    fields: &DeptFields,
    parent_path: Option<&str>,
    now: DateTime<Utc>,
) -> Result<DeptId, StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let mut row = active_model(fields);
    row.path = Set("/".to_owned());
    row.created = Set(now);
    row.updated = Set(now);
    let id = DeptId::new(
        department::Entity::insert(row)
            .exec(db.db())
            .await
            .map_err(conflict_or_backend)?
            .last_insert_id,
    );
    set_path(db, id, &child_path(parent_path, id)).await?;
    Ok(id)
}

/// Rewrites department `id`'s columns and `path`, and stamps `updated`.
pub async fn update(
    db: &impl Conn,
    id: DeptId,
    fields: &DeptFields,
    path: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut row = active_model(fields);
    row.id = Set(id.get());
    row.path = Set(path.to_owned());
    row.updated = Set(OstDateTime::at(now.naive_utc()));
    let updated = department::Entity::update_many()
        .set(row)
        .filter(department::Column::Id.eq(id.get()))
        .exec(db.db())
        .await
        .map_err(conflict_or_backend)?;
    if updated.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The path of a department `id` under a parent whose path is `parent_path`.
pub fn child_path(parent_path: Option<&str>, id: DeptId) -> String {
    let parent = parent_path.unwrap_or("/");
    let parent = if parent.ends_with('/') {
        parent.to_owned()
    } else {
        format!("{parent}/")
    };
    format!("{parent}{id}/")
}

/// Sets department `id`'s `path`.
pub async fn set_path(db: &impl Conn, id: DeptId, path: &str) -> Result<(), StoreError> {
    department::Entity::update_many()
        .col_expr(department::Column::Path, Expr::value(path))
        .filter(department::Column::Id.eq(id.get()))
        .exec(db.db())
        .await?;
    Ok(())
}

/// What keeps a department from being deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeptUsage {
    /// Staff members whose primary department it is.
    pub staff: u64,
    pub tickets: u64,
    pub tasks: u64,
    /// Departments whose parent it is.
    pub children: u64,
}

impl DeptUsage {
    pub fn is_unused(self) -> bool {
        self.staff == 0 && self.tickets == 0 && self.tasks == 0 && self.children == 0
    }
}

pub async fn usage(db: &impl Conn, id: DeptId) -> Result<DeptUsage, StoreError> {
    let conn = db.db();
    Ok(DeptUsage {
        staff: staff::Entity::find()
            .filter(staff::Column::DeptId.eq(id.get()))
            .count(conn)
            .await?,
        tickets: ticket::Entity::find()
            .filter(ticket::Column::DeptId.eq(id.get()))
            .count(conn)
            .await?,
        tasks: task::Entity::find()
            .filter(task::Column::DeptId.eq(id.get()))
            .count(conn)
            .await?,
        children: department::Entity::find()
            .filter(department::Column::Pid.eq(id.get()))
            .count(conn)
            .await?,
    })
}

/// Deletes department `id` and, as osTicket's `Dept::delete` does, the
/// extended access to it, and points help topics and system e-mails that
/// routed to it back at the default (`0`).
pub async fn delete(db: &impl Conn, id: DeptId) -> Result<(), StoreError> {
    let conn = db.db();
    let deleted = department::Entity::delete_by_id(id.get())
        .exec(conn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    staff_dept_access::Entity::delete_many()
        .filter(staff_dept_access::Column::DeptId.eq(id.get()))
        .exec(conn)
        .await?;
    help_topic::Entity::update_many()
        .col_expr(help_topic::Column::DeptId, Expr::value(0u32))
        .filter(help_topic::Column::DeptId.eq(id.get()))
        .exec(conn)
        .await?;
    email::Entity::update_many()
        .col_expr(email::Column::DeptId, Expr::value(0u32))
        .filter(email::Column::DeptId.eq(id.get()))
        .exec(conn)
        .await?;
    Ok(())
}

/// A row a department refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeptReference {
    Sla(SlaId),
    Schedule(ScheduleId),
    Email(EmailId),
    TemplateGroup(TemplateGroupId),
    Staff(StaffId),
}

/// Whether the row `reference` names exists.
pub async fn reference_exists(
    db: &impl Conn,
    reference: DeptReference,
) -> Result<bool, StoreError> {
    let conn = db.db();
    let count = match reference {
        DeptReference::Sla(id) => sla::Entity::find_by_id(id.get()).count(conn).await?,
        DeptReference::Schedule(id) => schedule::Entity::find_by_id(id.get()).count(conn).await?,
        DeptReference::Email(id) => email::Entity::find_by_id(id.get()).count(conn).await?,
        DeptReference::TemplateGroup(id) => match i32::try_from(id.get()) {
            Ok(id) => {
                email_template_group::Entity::find_by_id(id)
                    .count(conn)
                    .await?
            }
            Err(_) => 0,
        },
        DeptReference::Staff(id) => staff::Entity::find_by_id(id.get()).count(conn).await?,
    };
    Ok(count > 0)
}

fn active_model(fields: &DeptFields) -> department::ActiveModel {
    let id = |id: Option<u32>| id.unwrap_or(0);
    department::ActiveModel {
        pid: Set(fields.parent.map(DeptId::get)),
        tpl_id: Set(id(fields.template_group.map(TemplateGroupId::get))),
        sla_id: Set(id(fields.sla.map(SlaId::get))),
        schedule_id: Set(id(fields.schedule.map(ScheduleId::get))),
        email_id: Set(id(fields.email.map(EmailId::get))),
        autoresp_email_id: Set(id(fields.autoresponse_email.map(EmailId::get))),
        manager_id: Set(id(fields.manager.map(StaffId::get))),
        flags: Set(fields.flags),
        name: Set(fields.name.clone()),
        signature: Set(fields.signature.clone()),
        ispublic: Set(u32::from(fields.is_public)),
        group_membership: Set(fields.group_membership),
        ticket_auto_response: Set(i16::from(fields.ticket_auto_response)),
        message_auto_response: Set(i16::from(fields.message_auto_response)),
        ..Default::default()
    }
}
