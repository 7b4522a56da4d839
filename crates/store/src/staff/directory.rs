//! Reading staff members as osTicket's agent directory and admin panel list
//! them. The password hash and the authentication backend are never read
//! here: nothing built from a [`StaffRecord`] can leak them.

use crate::entity::{email, staff, staff_dept_access};
use crate::store::locked;
use crate::text::equals_ignoring_case;
use crate::users::{Page, escape_like, lower_like};
use crate::{Conn, StoreError};
use chrono::NaiveDateTime;
use oxt_ticket::ids::{DeptId, RoleId, StaffId};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// A staff member as stored, without credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRecord {
    pub id: StaffId,
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub phone: String,
    pub phone_ext: Option<String>,
    pub mobile: String,
    /// Primary department, with `role` as the role there.
    pub dept: DeptId,
    pub role: RoleId,
    pub is_admin: bool,
    pub is_active: bool,
    pub on_vacation: bool,
    pub assigned_only: bool,
    /// `change_passwd`: asked for a new password at the next sign-in.
    pub change_passwd: bool,
    /// `ost_staff.permissions`, the staff-level permissions as osTicket's JSON.
    pub permissions: Option<String>,
    pub created: Option<NaiveDateTime>,
    pub updated: Option<NaiveDateTime>,
    pub lastlogin: Option<NaiveDateTime>,
}

impl From<staff::Model> for StaffRecord {
    fn from(row: staff::Model) -> Self {
        Self {
            id: StaffId::new(row.staff_id),
            username: row.username,
            firstname: row.firstname.unwrap_or_default(),
            lastname: row.lastname.unwrap_or_default(),
            email: row.email.unwrap_or_default(),
            phone: row.phone,
            phone_ext: row.phone_ext,
            mobile: row.mobile,
            dept: DeptId::new(row.dept_id),
            role: RoleId::new(row.role_id),
            is_admin: row.isadmin != 0,
            is_active: row.isactive != 0,
            on_vacation: row.onvacation != 0,
            assigned_only: row.assigned_only != 0,
            change_passwd: row.change_passwd != 0,
            permissions: row.permissions,
            created: row.created.get(),
            updated: row.updated.get(),
            lastlogin: row.lastlogin.get(),
        }
    }
}

/// Which staff members to list; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffFilter {
    /// Primary department.
    pub dept: Option<DeptId>,
    /// Text the username, a name or the address contains (any case).
    pub text: Option<String>,
    pub is_active: Option<bool>,
    /// osTicket's `Staff::applyDeptVisibility`: only members whose primary
    /// department, or a department of their extended access, is one of these.
    pub within: Option<Vec<DeptId>>,
}

/// One page of staff members and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffPage {
    pub items: Vec<StaffRecord>,
    pub total: u64,
}

/// Staff members matching `filter`, by first and last name as osTicket's
/// directory sorts them.
pub async fn list(
    db: &impl Conn,
    filter: &StaffFilter,
    page: Page,
) -> Result<StaffPage, StoreError> {
    let mut select = staff::Entity::find();
    if let Some(dept) = filter.dept {
        select = select.filter(staff::Column::DeptId.eq(dept.get()));
    }
    if let Some(active) = filter.is_active {
        select = select.filter(staff::Column::Isactive.eq(i16::from(active)));
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
        select = select.filter(
            Condition::any()
                .add(lower_like(staff::Column::Username, &pattern))
                .add(lower_like(staff::Column::Firstname, &pattern))
                .add(lower_like(staff::Column::Lastname, &pattern))
                .add(lower_like(staff::Column::Email, &pattern)),
        );
    }
    if let Some(within) = &filter.within {
        let ids: Vec<u32> = within.iter().map(|dept| dept.get()).collect();
        let extended = Query::select()
            .column(staff_dept_access::Column::StaffId)
            .from(staff_dept_access::Entity)
            .and_where(staff_dept_access::Column::DeptId.is_in(ids.clone()))
            .to_owned();
        select = select.filter(
            Condition::any()
                .add(staff::Column::DeptId.is_in(ids))
                .add(staff::Column::StaffId.in_subquery(extended)),
        );
    }
    let total = select.clone().count(db.db()).await?;
    let items = select
        .order_by_asc(staff::Column::Firstname)
        .order_by_asc(staff::Column::Lastname)
        .order_by_asc(staff::Column::StaffId)
        .offset(page.number.saturating_sub(1).saturating_mul(page.size))
        .limit(page.size)
        .all(db.db())
        .await?
        .into_iter()
        .map(StaffRecord::from)
        .collect();
    Ok(StaffPage { items, total })
}

/// Staff member `id`, locked for the rest of the transaction when `db` locks rows.
pub async fn find(db: &impl Conn, id: StaffId) -> Result<Option<StaffRecord>, StoreError> {
    let query = locked(db, staff::Entity::find_by_id(id.get()));
    Ok(query.one(db.db()).await?.map(StaffRecord::from))
}

/// Whether `id` names a staff member.
pub async fn exists(db: &impl Conn, id: StaffId) -> Result<bool, StoreError> {
    Ok(staff::Entity::find_by_id(id.get()).count(db.db()).await? > 0)
}

/// The staff member signing in as `username` (compared without case, as the
/// unique key does).
pub async fn find_id_by_username(
    db: &impl Conn,
    username: &str,
) -> Result<Option<StaffId>, StoreError> {
    find_id_where(db, staff::Column::Username, username).await
}

/// The staff member with address `email` (compared without case).
pub async fn find_id_by_email(db: &impl Conn, email: &str) -> Result<Option<StaffId>, StoreError> {
    find_id_where(db, staff::Column::Email, email).await
}

async fn find_id_where(
    db: &impl Conn,
    column: staff::Column,
    value: &str,
) -> Result<Option<StaffId>, StoreError> {
    let id: Option<u32> = staff::Entity::find()
        .select_only()
        .column(staff::Column::StaffId)
        .filter(equals_ignoring_case(db, column, value))
        .order_by_asc(staff::Column::StaffId)
        .into_tuple()
        .one(db.db())
        .await?;
    Ok(id.map(StaffId::new))
}

/// Whether `address` is one of the help desk's own system e-mails, which
/// osTicket's `Staff::update` refuses as an agent's address.
pub async fn is_system_email(db: &impl Conn, address: &str) -> Result<bool, StoreError> {
    Ok(email::Entity::find()
        .filter(equals_ignoring_case(db, email::Column::Email, address))
        .count(db.db())
        .await?
        > 0)
}
