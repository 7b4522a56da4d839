//! Everything `oxt_perm::StaffGrants::resolve` needs about one staff member.

use crate::entity::{department, role, staff, staff_dept_access, team_member};
use crate::{Conn, StoreError};
use oxt_perm::{
    DeptAccess, DeptFlags, DeptPath, Role, RolePermissions, StaffGrants, StaffProfile,
    primary_role_on_assignment,
};
use oxt_ticket::ids::{DeptId, RoleId, StaffId, TeamId};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query};
use sea_orm::{ConnectionTrait, FromQueryResult};

#[derive(Debug, FromQueryResult)]
struct StaffRow {
    dept_id: u32,
    isactive: i16,
    isadmin: i16,
    assigned_only: u32,
    extra: Option<String>,
    permissions: Option<String>,
    found_role_id: Option<u32>,
    role_permissions: Option<String>,
}

#[derive(Debug, FromQueryResult)]
struct AccessRow {
    dept_id: u32,
    found_role_id: Option<u32>,
    role_permissions: Option<String>,
}

#[derive(Debug, FromQueryResult)]
struct TeamRow {
    team_id: u32,
}

#[derive(Debug, FromQueryResult)]
struct DepartmentRow {
    id: u32,
    manager_id: u32,
    flags: u32,
    path: String,
}

/// The grants of an active staff member, in four queries (the staff row with
/// its role, the extended-access rows with theirs, the team ids, and the
/// departments, whose paths decide which subdepartments are reached). `None`
/// when there is no such staff member or the account is locked
/// (`isactive = 0`), which osTicket lets do nothing at all.
pub async fn load_staff_grants(
    db: &impl Conn,
    id: StaffId,
) -> Result<Option<StaffGrants>, StoreError> {
    let db = db.db();
    let Some(row) = staff_row(db, id).await? else {
        return Ok(None);
    };
    if row.isactive == 0 {
        return Ok(None);
    }
    let profile = StaffProfile {
        id,
        dept: DeptId::new(row.dept_id),
        role: role(row.found_role_id, row.role_permissions.as_deref()),
        permissions: permissions(row.permissions.as_deref()),
        is_admin: row.isadmin != 0,
        assigned_only: row.assigned_only != 0,
        primary_role_on_assignment: primary_role_on_assignment(row.extra.as_deref()),
    };
    let access = access_rows(db, id).await?;
    let teams = team_ids(db, id).await?;
    let departments = list_departments(db).await?;
    Ok(Some(StaffGrants::resolve(
        &profile,
        &access,
        &teams,
        &departments,
    )))
}

/// Every department as far as permissions go: id, path, manager and flags.
async fn list_departments(
    db: &impl ConnectionTrait,
) -> Result<Vec<oxt_perm::Department>, StoreError> {
    let select = Query::select()
        .columns([
            department::Column::Id,
            department::Column::ManagerId,
            department::Column::Flags,
            department::Column::Path,
        ])
        .from(department::Entity)
        .to_owned();
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| {
            let row = DepartmentRow::from_query_result(row, "")?;
            let id = DeptId::new(row.id);
            Ok(oxt_perm::Department {
                id,
                // A path osTicket could not have written reaches no
                // subdepartment; the department still reaches itself.
                path: DeptPath::parse(&row.path)
                    .unwrap_or_else(|_| DeptPath::from_ancestry(vec![id])),
                manager: StaffId::from_column(row.manager_id),
                flags: DeptFlags::from_column(row.flags),
            })
        })
        .collect()
}

async fn staff_row(db: &impl ConnectionTrait, id: StaffId) -> Result<Option<StaffRow>, StoreError> {
    use staff::Column as S;
    let select = Query::select()
        .columns(
            [
                S::DeptId,
                S::Isactive,
                S::Isadmin,
                S::AssignedOnly,
                S::Extra,
                S::Permissions,
            ]
            .map(|column| (staff::Entity, column)),
        )
        .expr_as(
            Expr::col((role::Entity, role::Column::Id)),
            Alias::new("found_role_id"),
        )
        .expr_as(
            Expr::col((role::Entity, role::Column::Permissions)),
            Alias::new("role_permissions"),
        )
        .from(staff::Entity)
        .join(
            JoinType::LeftJoin,
            role::Entity,
            Expr::col((role::Entity, role::Column::Id)).equals((staff::Entity, S::RoleId)),
        )
        .and_where(Expr::col((staff::Entity, S::StaffId)).eq(id.get()))
        .to_owned();
    match db.query_one(&select).await? {
        Some(row) => Ok(Some(StaffRow::from_query_result(&row, "")?)),
        None => Ok(None),
    }
}

async fn access_rows(
    db: &impl ConnectionTrait,
    id: StaffId,
) -> Result<Vec<DeptAccess>, StoreError> {
    use staff_dept_access::Column as A;
    let select = Query::select()
        .column((staff_dept_access::Entity, A::DeptId))
        .expr_as(
            Expr::col((role::Entity, role::Column::Id)),
            Alias::new("found_role_id"),
        )
        .expr_as(
            Expr::col((role::Entity, role::Column::Permissions)),
            Alias::new("role_permissions"),
        )
        .from(staff_dept_access::Entity)
        .join(
            JoinType::LeftJoin,
            role::Entity,
            Expr::col((role::Entity, role::Column::Id))
                .equals((staff_dept_access::Entity, A::RoleId)),
        )
        .and_where(Expr::col((staff_dept_access::Entity, A::StaffId)).eq(id.get()))
        .to_owned();
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| {
            let row = AccessRow::from_query_result(row, "")?;
            Ok(DeptAccess {
                dept: DeptId::new(row.dept_id),
                role: role(row.found_role_id, row.role_permissions.as_deref()),
            })
        })
        .collect()
}

async fn team_ids(db: &impl ConnectionTrait, id: StaffId) -> Result<Vec<TeamId>, StoreError> {
    let select = Query::select()
        .column(team_member::Column::TeamId)
        .from(team_member::Entity)
        .and_where(Expr::col(team_member::Column::StaffId).eq(id.get()))
        .to_owned();
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| Ok(TeamId::new(TeamRow::from_query_result(row, "")?.team_id)))
        .collect()
}

/// The role a `role_id` found, if its row exists.
fn role(found: Option<u32>, column: Option<&str>) -> Option<Role> {
    found.map(|id| Role {
        id: RoleId::new(id),
        permissions: permissions(column),
    })
}

/// A permissions column. osTicket decodes it with `json_decode`, which gives
/// `null` for text it cannot read, and so grants nothing: the same here.
fn permissions(column: Option<&str>) -> RolePermissions {
    RolePermissions::parse(column).unwrap_or_default()
}
