//! Teams (`ost_team`, `ost_team_member`): read and written as osTicket's
//! `Team` model does.

use crate::entity::{staff, team, team_member, ticket};
use crate::store::locked;
use crate::text::{conflict_or_backend, equals_ignoring_case};
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, NaiveDateTime, Utc};
use oxt_ticket::ids::{StaffId, TeamId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationDef,
};

/// `Team::FLAG_ENABLED`: tickets may be assigned to the team.
const FLAG_ENABLED: u32 = 0x1;
/// `Team::FLAG_NOALERTS`: no assignment alert goes to the members.
const FLAG_NOALERTS: u32 = 0x2;
/// `TeamMember::FLAG_ALERTS`: the member gets the team's alerts.
const MEMBER_ALERTS: u32 = 0x1;

/// A team as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRecord {
    pub id: TeamId,
    pub fields: TeamFields,
    pub created: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
}

/// The columns a create or an edit writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamFields {
    pub name: String,
    pub notes: Option<String>,
    /// `lead_id`; `0` reads as `None`.
    pub lead: Option<StaffId>,
    pub enabled: bool,
    pub no_alerts: bool,
    /// Bits of `flags` osTicket 1.18 does not define, kept as they are.
    pub other_flags: u32,
}

impl From<team::Model> for TeamRecord {
    fn from(row: team::Model) -> Self {
        Self {
            id: TeamId::new(row.team_id),
            fields: TeamFields {
                name: row.name,
                notes: row.notes,
                lead: StaffId::from_column(row.lead_id),
                enabled: row.flags & FLAG_ENABLED != 0,
                no_alerts: row.flags & FLAG_NOALERTS != 0,
                other_flags: row.flags & !(FLAG_ENABLED | FLAG_NOALERTS),
            },
            created: row.created.get(),
            updated: row.updated.get(),
        }
    }
}

impl TeamFields {
    fn flags(&self) -> u32 {
        let mut flags = self.other_flags & !(FLAG_ENABLED | FLAG_NOALERTS);
        if self.enabled {
            flags |= FLAG_ENABLED;
        }
        if self.no_alerts {
            flags |= FLAG_NOALERTS;
        }
        flags
    }
}

/// One member of a team, with the name osTicket shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRecord {
    pub team: TeamId,
    pub staff: StaffId,
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    /// `TeamMember::FLAG_ALERTS`.
    pub alerts: bool,
}

/// A membership to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewMember {
    pub staff: StaffId,
    pub alerts: bool,
}

/// Every team, by name as osTicket lists them.
pub async fn list(db: &impl Conn) -> Result<Vec<TeamRecord>, StoreError> {
    Ok(team::Entity::find()
        .order_by_asc(team::Column::Name)
        .order_by_asc(team::Column::TeamId)
        .all(db.db())
        .await?
        .into_iter()
        .map(TeamRecord::from)
        .collect())
}

/// Team `id`, locked for the rest of the transaction when `db` locks rows.
pub async fn find(db: &impl Conn, id: TeamId) -> Result<Option<TeamRecord>, StoreError> {
    let query = locked(db, team::Entity::find_by_id(id.get()));
    Ok(query.one(db.db()).await?.map(TeamRecord::from))
}

/// The team called `name` (compared without case, as the unique key does).
pub async fn find_id_by_name(db: &impl Conn, name: &str) -> Result<Option<TeamId>, StoreError> {
    let id: Option<u32> = team::Entity::find()
        .select_only()
        .column(team::Column::TeamId)
        .filter(equals_ignoring_case(db, team::Column::Name, name))
        .into_tuple()
        .one(db.db())
        .await?;
    Ok(id.map(TeamId::new))
}

/// Inserts a team; [`StoreError::Conflict`] when the name is taken.
pub async fn insert(
    db: &impl Conn,
    fields: &TeamFields,
    now: DateTime<Utc>,
) -> Result<TeamId, StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let id = team::Entity::insert(team::ActiveModel {
        lead_id: Set(fields.lead.map_or(0, StaffId::get)),
        flags: Set(fields.flags()),
        name: Set(fields.name.clone()),
        notes: Set(fields.notes.clone()),
        created: Set(now),
        updated: Set(now),
        ..Default::default()
    })
    .exec(db.db())
    .await
    .map_err(conflict_or_backend)?
    .last_insert_id;
    Ok(TeamId::new(id))
}

/// Rewrites team `id`'s columns and stamps `updated`.
pub async fn update(
    db: &impl Conn,
    id: TeamId,
    fields: &TeamFields,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let updated = team::Entity::update_many()
        .col_expr(
            team::Column::LeadId,
            Expr::value(fields.lead.map_or(0, StaffId::get)),
        )
        .col_expr(team::Column::Flags, Expr::value(fields.flags()))
        .col_expr(team::Column::Name, Expr::value(fields.name.clone()))
        .col_expr(team::Column::Notes, Expr::value(fields.notes.clone()))
        .col_expr(
            team::Column::Updated,
            Expr::value(OstDateTime::at(now.naive_utc())),
        )
        .filter(team::Column::TeamId.eq(id.get()))
        .exec(db.db())
        .await
        .map_err(conflict_or_backend)?;
    if updated.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Deletes team `id` and, as osTicket's `Team::delete` does, its
/// memberships, and takes the tickets assigned to it off the team.
pub async fn delete(db: &impl Conn, id: TeamId) -> Result<(), StoreError> {
    let conn = db.db();
    let deleted = team::Entity::delete_by_id(id.get()).exec(conn).await?;
    if deleted.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    team_member::Entity::delete_many()
        .filter(team_member::Column::TeamId.eq(id.get()))
        .exec(conn)
        .await?;
    ticket::Entity::update_many()
        .col_expr(ticket::Column::TeamId, Expr::value(0u32))
        .filter(ticket::Column::TeamId.eq(id.get()))
        .exec(conn)
        .await?;
    Ok(())
}

/// The members of the teams `ids` (every team when `None`), by team and then
/// by name. Membership rows whose staff member is gone are left out.
pub async fn members(
    db: &impl Conn,
    ids: Option<&[TeamId]>,
) -> Result<Vec<MemberRecord>, StoreError> {
    member_rows(db, |select| match ids {
        Some(ids) => {
            select.filter(team_member::Column::TeamId.is_in(ids.iter().map(|id| id.get())))
        }
        None => select,
    })
    .await
}

/// The teams staff member `id` belongs to, by team.
pub async fn memberships(db: &impl Conn, id: StaffId) -> Result<Vec<MemberRecord>, StoreError> {
    member_rows(db, |select| {
        select.filter(team_member::Column::StaffId.eq(id.get()))
    })
    .await
}

type MemberRow = (u32, u32, u32, String, Option<String>, Option<String>);

async fn member_rows(
    db: &impl Conn,
    narrow: impl FnOnce(sea_orm::Select<team_member::Entity>) -> sea_orm::Select<team_member::Entity>,
) -> Result<Vec<MemberRecord>, StoreError> {
    let select = team_member::Entity::find()
        .select_only()
        .column(team_member::Column::TeamId)
        .column(team_member::Column::StaffId)
        .column(team_member::Column::Flags)
        .column_as(staff::Column::Username, "username")
        .column_as(staff::Column::Firstname, "firstname")
        .column_as(staff::Column::Lastname, "lastname")
        .join(JoinType::InnerJoin, member_staff())
        .order_by_asc(team_member::Column::TeamId)
        .order_by_asc(staff::Column::Firstname)
        .order_by_asc(staff::Column::Lastname)
        .order_by_asc(team_member::Column::StaffId);
    let rows: Vec<MemberRow> = narrow(select).into_tuple().all(db.db()).await?;
    Ok(rows
        .into_iter()
        .map(
            |(team, staff, flags, username, firstname, lastname)| MemberRecord {
                team: TeamId::new(team),
                staff: StaffId::new(staff),
                username,
                firstname: firstname.unwrap_or_default(),
                lastname: lastname.unwrap_or_default(),
                alerts: flags & MEMBER_ALERTS != 0,
            },
        )
        .collect())
}

fn member_staff() -> RelationDef {
    team_member::Entity::belongs_to(staff::Entity)
        .from(team_member::Column::StaffId)
        .to(staff::Column::StaffId)
        .into()
}

/// Makes `members` team `id`'s whole membership, as osTicket's
/// `Team::updateMembers` does: rows not listed go, a kept row keeps its other
/// flag bits.
pub async fn replace_members(
    db: &impl Conn,
    id: TeamId,
    members: &[NewMember],
) -> Result<(), StoreError> {
    let current = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(id.get()))
        .all(db.db())
        .await?;
    team_member::Entity::delete_many()
        .filter(team_member::Column::TeamId.eq(id.get()))
        .exec(db.db())
        .await?;
    if members.is_empty() {
        return Ok(());
    }
    team_member::Entity::insert_many(members.iter().map(|member| {
        let kept = current
            .iter()
            .find(|stored| stored.staff_id == member.staff.get())
            .map_or(0, |stored| stored.flags & !MEMBER_ALERTS);
        team_member::ActiveModel {
            team_id: Set(id.get()),
            staff_id: Set(member.staff.get()),
            flags: Set(kept | if member.alerts { MEMBER_ALERTS } else { 0 }),
        }
    }))
    .exec_without_returning(db.db())
    .await?;
    Ok(())
}
