//! What a create or an edit sets, and the checks osTicket's `Staff::update`
//! makes before it writes.

use crate::departments::DepartmentFlags;
use crate::validation::{Checks, Invalid, Issue};
use oxt_perm::{Permission, PermissionScope, RolePermissions};
use oxt_store::staff::{self, StaffFields};
use oxt_store::{Conn, StoreError, departments, roles};
use oxt_ticket::contact::EmailAddress;
use oxt_ticket::ids::{DeptId, RoleId, StaffId};

/// `ost_staff.username`, `firstname`, `lastname` are `varchar(32)`.
const NAME_MAX: usize = 32;
const EMAIL_MAX: usize = 255;
/// osTicket's `osTicketStaffAuthentication::checkPassword`.
const PASSWORD_MIN: usize = 6;

/// The fields a create sets or an edit changes; `None` leaves a field as it
/// is (on create: required, or osTicket's default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffChanges {
    pub username: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub email: Option<String>,
    /// Primary department.
    pub dept: Option<DeptId>,
    /// Role in the primary department.
    pub role: Option<RoleId>,
    pub is_admin: Option<bool>,
    pub is_active: Option<bool>,
    pub on_vacation: Option<bool>,
    pub assigned_only: Option<bool>,
    /// Replaces the staff-level permission keys (`user.create`, ...).
    pub permissions: Option<Vec<String>>,
    /// A new password, hashed as osTicket verifies it.
    pub password: Option<String>,
    /// Ask for a new password at the next sign-in.
    pub change_passwd: Option<bool>,
}

/// Checks the password osTicket would accept, before any hashing.
pub(super) fn check_password(password: Option<&str>) -> Result<(), Invalid> {
    match password {
        Some(password) if password.chars().count() < PASSWORD_MIN => Err(Invalid::field(
            "password",
            Issue::NotAllowed("must be at least 6 characters"),
        )),
        Some(password) if password.contains('\0') => Err(Invalid::field(
            "password",
            Issue::NotAllowed("must not contain a NUL character"),
        )),
        _ => Ok(()),
    }
}

/// Hashes `password` on the blocking pool, as bcrypt osTicket verifies.
pub(super) async fn hash(
    password: Option<String>,
    cost: oxt_identity::BcryptCost,
) -> Result<Option<String>, Invalid> {
    let Some(password) = password else {
        return Ok(None);
    };
    let hashed = tokio::task::spawn_blocking(move || oxt_identity::hash_password(&password, cost))
        .await
        .ok()
        .and_then(Result::ok);
    hashed
        .map(Some)
        .ok_or_else(|| Invalid::field("password", Issue::NotAllowed("could not be hashed")))
}

/// `current` (none for a new staff member) with `changes` applied, or every
/// field osTicket would refuse.
pub(super) async fn apply(
    db: &impl Conn,
    this: Option<StaffId>,
    current: Option<(&StaffFields, &RolePermissions)>,
    changes: &StaffChanges,
) -> Result<Result<StaffFields, Invalid>, StoreError> {
    let mut checks = Checks::default();
    let text = |change: &Option<String>, stored: fn(&StaffFields) -> &str| {
        change
            .clone()
            .or_else(|| current.map(|(fields, _)| stored(fields).to_owned()))
            .unwrap_or_default()
    };
    let username = checks.name(
        "username",
        &text(&changes.username, |f| &f.username),
        NAME_MAX,
    );
    let firstname = checks.name(
        "firstname",
        &text(&changes.firstname, |f| &f.firstname),
        NAME_MAX,
    );
    let lastname = checks.name(
        "lastname",
        &text(&changes.lastname, |f| &f.lastname),
        NAME_MAX,
    );
    let email = checks.name("email", &text(&changes.email, |f| &f.email), EMAIL_MAX);

    if changes.username.is_some() && !username.is_empty() {
        if let Some(why) = username_problem(&username) {
            checks.push("username", Issue::NotAllowed(why));
        } else if let Some(other) = staff::find_id_by_username(db, &username).await?
            && Some(other) != this
        {
            checks.push("username", Issue::Taken);
        }
    }
    if changes.email.is_some() && !email.is_empty() {
        if EmailAddress::parse(&email).is_err() {
            checks.push("email", Issue::NotAllowed("is not a valid e-mail address"));
        } else if staff::is_system_email(db, &email).await? {
            checks.push(
                "email",
                Issue::NotAllowed("is one of the help desk's system e-mails"),
            );
        } else if let Some(other) = staff::find_id_by_email(db, &email).await?
            && Some(other) != this
        {
            checks.push("email", Issue::Taken);
        }
    }

    let dept = changes.dept.or(current.map(|(fields, _)| fields.dept));
    match (dept, changes.dept) {
        (None, _) => checks.push("dept_id", Issue::Required),
        (Some(_), Some(new)) => match departments::find(db, new).await? {
            None => checks.push("dept_id", Issue::Unknown),
            Some(record) if !DepartmentFlags::from_column(record.fields.flags).active => {
                checks.push("dept_id", Issue::NotAllowed("is not an active department"));
            }
            Some(_) => {}
        },
        (Some(_), None) => {}
    }
    let role = changes.role.or(current.map(|(fields, _)| fields.role));
    match (role, changes.role) {
        (None, _) => checks.push("role_id", Issue::Required),
        (Some(_), Some(new)) if !roles::exists(db, new).await? => {
            checks.push("role_id", Issue::Unknown);
        }
        _ => {}
    }

    let permissions = match &changes.permissions {
        Some(keys) => {
            let granted = staff_permissions(&mut checks, keys);
            match current {
                Some((_, stored)) => stored.regrant(granted),
                None => granted.into_iter().collect(),
            }
        }
        None => current
            .map(|(_, stored)| stored.clone())
            .unwrap_or_default(),
    };

    let flag = |change: Option<bool>, stored: fn(&StaffFields) -> bool, default: bool| {
        change
            .or(current.map(|(fields, _)| stored(fields)))
            .unwrap_or(default)
    };
    let is_admin = flag(changes.is_admin, |f| f.is_admin, false);
    let is_active = flag(changes.is_active, |f| f.is_active, true);
    // osTicket's "cowardly refusing to remove or lock out the only active
    // administrator".
    if let Some(this) = this
        && current.is_some_and(|(fields, _)| fields.is_admin && fields.is_active)
        && !(is_admin && is_active)
        && staff::other_active_admins(db, this).await? == 0
    {
        let field = if is_admin { "isactive" } else { "isadmin" };
        checks.push(
            field,
            Issue::NotAllowed("would leave the help desk without an active administrator"),
        );
    }
    if let Err(invalid) = checks.finish() {
        return Ok(Err(invalid));
    }
    // Both were reported above when missing.
    let (Some(dept), Some(role)) = (dept, role) else {
        return Ok(Err(Invalid::field("dept_id", Issue::Required)));
    };
    Ok(Ok(StaffFields {
        username,
        firstname,
        lastname,
        email,
        dept,
        role,
        is_admin,
        is_active,
        on_vacation: flag(changes.on_vacation, |f| f.on_vacation, false),
        assigned_only: flag(changes.assigned_only, |f| f.assigned_only, false),
        // As osTicket's `setPassword`, a new password clears the request to
        // change it unless this edit asks again.
        change_passwd: match (changes.change_passwd, &changes.password) {
            (Some(change), _) => change,
            (None, Some(_)) => false,
            (None, None) => flag(None, |f| f.change_passwd, false),
        },
        permissions: permissions.to_json(),
    }))
}

/// osTicket's `Validator::is_username`: two characters or more, letters,
/// digits, `.`, `_` and `-` only, and not all digits (a number is read as a
/// staff id at sign-in).
fn username_problem(username: &str) -> Option<&'static str> {
    if username.chars().count() < 2 {
        Some("must have at least two characters")
    } else if username.chars().all(|c| c.is_ascii_digit())
        || !username
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        Some("may hold letters, digits, `.`, `_` and `-` only, and not only digits")
    } else {
        None
    }
}

/// The staff-level permissions among `keys`; a role's key or an unknown one
/// is named by position (`permissions[2]`).
fn staff_permissions(checks: &mut Checks, keys: &[String]) -> Vec<Permission> {
    let mut granted = Vec::with_capacity(keys.len());
    for (index, key) in keys.iter().enumerate() {
        match Permission::parse(key) {
            Ok(permission) if permission.scope() == PermissionScope::Staff => {
                granted.push(permission);
            }
            Ok(_) => checks.push(
                format!("permissions[{index}]"),
                Issue::NotAllowed("is a department permission, which only a role grants"),
            ),
            Err(_) => checks.push(format!("permissions[{index}]"), Issue::Unknown),
        }
    }
    granted
}
