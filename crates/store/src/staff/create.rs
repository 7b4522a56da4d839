//! Creating staff members with the columns osTicket's own `Staff::create`
//! leaves.

use crate::entity::staff;
use crate::text::conflict_or_backend;
use crate::{Conn, OstDateTime, StoreError};
use chrono::{DateTime, Utc};
use oxt_ticket::ids::{DeptId, RoleId, StaffId};
use sea_orm::{ActiveValue::Set, EntityTrait};

/// A staff member to create. Names and address are taken as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaff {
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    /// A hash `oxt_identity::PasswordHash` accepts (bcrypt as Oxticket writes).
    pub passwd: String,
    /// Primary department, with `role_id` as the role there.
    pub dept_id: DeptId,
    pub role_id: RoleId,
    pub is_admin: bool,
    pub is_active: bool,
    pub on_vacation: bool,
    /// `assigned_only`: department access opens no ticket, only those
    /// assigned to them or their teams.
    pub assigned_only: bool,
    /// Ask for a new password at the next sign-in (`change_passwd`).
    pub change_passwd: bool,
    /// `ost_staff.permissions`: the global permissions as osTicket's JSON object.
    pub permissions: String,
}

/// osTicket's defaults for an agent's page size and paper.
const MAX_PAGE_SIZE: u32 = 25;
const SIGNATURE_TYPE: &str = "none";
const PAPER_SIZE: &str = "Letter";

pub async fn create(
    db: &impl Conn,
    new: &NewStaff,
    now: DateTime<Utc>,
) -> Result<StaffId, StoreError> {
    let now = OstDateTime::at(now.naive_utc());
    let id = staff::Entity::insert(staff::ActiveModel {
        dept_id: Set(new.dept_id.get()),
        role_id: Set(new.role_id.get()),
        username: Set(new.username.clone()),
        firstname: Set(Some(new.firstname.clone())),
        lastname: Set(Some(new.lastname.clone())),
        passwd: Set(Some(new.passwd.clone())),
        backend: Set(None),
        email: Set(Some(new.email.clone())),
        phone: Set(String::new()),
        phone_ext: Set(None),
        mobile: Set(String::new()),
        signature: Set(String::new()),
        lang: Set(None),
        timezone: Set(None),
        locale: Set(None),
        notes: Set(None),
        isactive: Set(i16::from(new.is_active)),
        isadmin: Set(i16::from(new.is_admin)),
        isvisible: Set(1),
        onvacation: Set(u32::from(new.on_vacation)),
        assigned_only: Set(u32::from(new.assigned_only)),
        show_assigned_tickets: Set(0),
        change_passwd: Set(u32::from(new.change_passwd)),
        max_page_size: Set(MAX_PAGE_SIZE),
        auto_refresh_rate: Set(0),
        default_signature_type: Set(SIGNATURE_TYPE.to_owned()),
        default_paper_size: Set(PAPER_SIZE.to_owned()),
        extra: Set(None),
        permissions: Set(Some(new.permissions.clone())),
        created: Set(now),
        lastlogin: Set(OstDateTime::NONE),
        passwdreset: Set(now),
        updated: Set(now),
        ..Default::default()
    })
    .exec(db.db())
    .await
    .map_err(conflict_or_backend)?
    .last_insert_id;
    Ok(StaffId::new(id))
}
