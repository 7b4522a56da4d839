//! osTicket's permission keys and the JSON columns that grant them.
//!
//! osTicket registers every permission with `RolePermission::register`. Keys
//! marked `primary` there are staff-level: they live in `ost_staff.permissions`
//! and hold in every department. The others live in `ost_role.permissions` and
//! hold in the departments where that role applies.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// Where osTicket looks a permission up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PermissionScope {
    /// In the role that applies to a department (`ost_role.permissions`).
    Department,
    /// In the staff member's own set (`ost_staff.permissions`), everywhere.
    Staff,
}

macro_rules! permissions {
    ($($(#[$meta:meta])* $variant:ident = $key:literal, $scope:ident;)+) => {
        /// One osTicket permission key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Permission {
            $($(#[$meta])* $variant,)+
        }

        impl Permission {
            /// Every permission osTicket 1.18 registers: the department-scoped ones
            /// first, then the staff-level ones. [`crate::explain`] lists them in
            /// this order.
            pub const ALL: &'static [Permission] = &[$(Permission::$variant,)+];

            /// The key osTicket stores in the permissions JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Permission::$variant => $key,)+
                }
            }

            pub const fn scope(self) -> PermissionScope {
                match self {
                    $(Permission::$variant => PermissionScope::$scope,)+
                }
            }

            /// Reads a key as osTicket stores it; anything else is reported.
            pub fn parse(key: &str) -> Result<Self, UnknownPermission> {
                match key {
                    $($key => Ok(Permission::$variant),)+
                    _ => Err(UnknownPermission(key.to_owned())),
                }
            }
        }
    };
}

permissions! {
    TicketCreate = "ticket.create", Department;
    TicketEdit = "ticket.edit", Department;
    TicketAssign = "ticket.assign", Department;
    TicketRelease = "ticket.release", Department;
    TicketTransfer = "ticket.transfer", Department;
    TicketRefer = "ticket.refer", Department;
    TicketMerge = "ticket.merge", Department;
    TicketLink = "ticket.link", Department;
    TicketReply = "ticket.reply", Department;
    TicketMarkAnswered = "ticket.markanswered", Department;
    TicketClose = "ticket.close", Department;
    TicketDelete = "ticket.delete", Department;
    /// Edit thread entries written by other agents.
    ThreadEdit = "thread.edit", Department;
    TaskCreate = "task.create", Department;
    TaskEdit = "task.edit", Department;
    TaskAssign = "task.assign", Department;
    TaskTransfer = "task.transfer", Department;
    TaskReply = "task.reply", Department;
    TaskClose = "task.close", Department;
    TaskDelete = "task.delete", Department;
    /// Manage canned responses.
    CannedManage = "canned.manage", Department;
    UserCreate = "user.create", Staff;
    UserEdit = "user.edit", Staff;
    UserDelete = "user.delete", Staff;
    /// Manage end-user accounts (passwords, registration).
    UserManage = "user.manage", Staff;
    /// Browse the user directory.
    UserDirectory = "user.dir", Staff;
    OrgCreate = "org.create", Staff;
    OrgEdit = "org.edit", Staff;
    OrgDelete = "org.delete", Staff;
    FaqManage = "faq.manage", Staff;
    /// See agents of every department, not only of one's own.
    AgentVisibility = "visibility.agents", Staff;
    /// See every department, not only one's own.
    DepartmentVisibility = "visibility.departments", Staff;
    /// Search every ticket.
    SearchAll = "search.all", Staff;
    /// See other agents' statistics.
    AgentStats = "stats.agents", Staff;
    /// Manage the e-mail ban list.
    EmailBanlist = "emails.banlist", Staff;
}

impl Permission {
    const fn bit(self) -> u64 {
        1 << self as u32
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Permission {
    type Err = UnknownPermission;

    fn from_str(key: &str) -> Result<Self, Self::Err> {
        Self::parse(key)
    }
}

impl Serialize for Permission {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Permission {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = String::deserialize(deserializer)?;
        Self::parse(&key).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown osTicket permission key `{0}`")]
pub struct UnknownPermission(pub String);

/// A set of known permissions, one bit each, so a check is one AND.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PermissionSet(u64);

impl PermissionSet {
    pub const fn empty() -> Self {
        Self(0)
    }

    pub const fn contains(self, permission: Permission) -> bool {
        self.0 & permission.bit() != 0
    }

    pub fn insert(&mut self, permission: Permission) {
        self.0 |= permission.bit();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Permission> {
        Permission::ALL
            .iter()
            .copied()
            .filter(move |p| self.contains(*p))
    }
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        let mut set = Self::empty();
        for permission in iter {
            set.insert(permission);
        }
        set
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RolePermissionsError {
    #[error("permissions column is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("permissions column is a JSON {found}, expected an object of keys")]
    NotAnObject { found: &'static str },
}

/// The permissions JSON of `ost_role.permissions` or `ost_staff.permissions`
/// (osTicket reads both with its `RolePermission` class).
///
/// A key is granted when its value is true in PHP's sense (`1`, `true`,
/// `"1"`, ...); `0`, `false`, `""`, `"0"`, `null` grant nothing, exactly as
/// `RolePermission::has` casts them. Granted keys osTicket 1.18 does not
/// register (a plugin's, say) are kept in [`RolePermissions::unknown_keys`] and
/// written back by [`RolePermissions::to_json`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RolePermissions {
    granted: PermissionSet,
    unknown: BTreeSet<String>,
}

impl RolePermissions {
    /// Reads the column. `NULL`, the empty string, JSON `null` and `[]` (what
    /// PHP writes for an empty set) all mean "no permission".
    pub fn parse(column: Option<&str>) -> Result<Self, RolePermissionsError> {
        let raw = match column.map(str::trim) {
            None | Some("") => return Ok(Self::default()),
            Some(raw) => raw,
        };
        let value: serde_json::Value = serde_json::from_str(raw)
            .map_err(|e| RolePermissionsError::InvalidJson(e.to_string()))?;
        let object = match value {
            serde_json::Value::Object(object) => object,
            serde_json::Value::Null => return Ok(Self::default()),
            serde_json::Value::Array(items) if items.is_empty() => return Ok(Self::default()),
            other => {
                return Err(RolePermissionsError::NotAnObject {
                    found: json_kind(&other),
                });
            }
        };
        let mut permissions = Self::default();
        for (key, value) in object {
            if !php_truthy(&value) {
                continue;
            }
            match Permission::parse(&key) {
                Ok(permission) => permissions.granted.insert(permission),
                Err(UnknownPermission(key)) => {
                    permissions.unknown.insert(key);
                }
            }
        }
        Ok(permissions)
    }

    pub fn has(&self, permission: Permission) -> bool {
        self.granted.contains(permission)
    }

    pub fn granted(&self) -> PermissionSet {
        self.granted
    }

    /// Granted keys this crate does not know, preserved verbatim.
    pub fn unknown_keys(&self) -> impl Iterator<Item = &str> {
        self.unknown.iter().map(String::as_str)
    }

    /// The same column with `granted` as its known permissions: keys this
    /// crate does not know stay granted, as osTicket's `Role::updatePerms`
    /// keeps keys it does not register.
    pub fn regrant(&self, granted: impl IntoIterator<Item = Permission>) -> Self {
        Self {
            granted: granted.into_iter().collect(),
            unknown: self.unknown.clone(),
        }
    }

    /// The column value osTicket would write: `{"key":1,...}`, or `[]` when
    /// nothing is granted (PHP encodes an empty array as a list).
    pub fn to_json(&self) -> String {
        let known = self
            .granted
            .iter()
            .map(|permission| permission.as_str().to_owned());
        let object: serde_json::Map<String, serde_json::Value> = known
            .chain(self.unknown.iter().cloned())
            .map(|key| (key, serde_json::Value::from(1)))
            .collect();
        if object.is_empty() {
            return "[]".to_owned();
        }
        serde_json::Value::Object(object).to_string()
    }
}

impl FromIterator<Permission> for RolePermissions {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        Self {
            granted: iter.into_iter().collect(),
            unknown: BTreeSet::new(),
        }
    }
}

/// PHP's `(bool)` cast on a value `json_decode(..., true)` produced.
pub(crate) fn php_truthy(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => false,
        serde_json::Value::Bool(b) => *b,
        serde_json::Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        serde_json::Value::String(s) => !(s.is_empty() || s == "0"),
        serde_json::Value::Array(items) => !items.is_empty(),
        serde_json::Value::Object(fields) => !fields.is_empty(),
    }
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_parses_back_to_its_permission() {
        for permission in Permission::ALL {
            assert_eq!(Permission::parse(permission.as_str()), Ok(*permission));
        }
        assert_eq!(Permission::ALL.len(), 35);
    }

    #[test]
    fn an_unknown_key_is_reported_by_name() {
        assert_eq!(
            Permission::parse("ticket.view"),
            Err(UnknownPermission("ticket.view".to_owned()))
        );
    }

    #[test]
    fn primary_permissions_are_staff_scoped_and_role_permissions_department_scoped() {
        assert_eq!(Permission::TicketReply.scope(), PermissionScope::Department);
        assert_eq!(
            Permission::CannedManage.scope(),
            PermissionScope::Department
        );
        assert_eq!(Permission::UserDirectory.scope(), PermissionScope::Staff);
        assert_eq!(Permission::SearchAll.scope(), PermissionScope::Staff);
    }

    #[test]
    fn seed_role_json_grants_its_keys() {
        let role = RolePermissions::parse(Some(
            r#"{"ticket.assign":1,"ticket.close":1,"task.create":1}"#,
        ))
        .unwrap();
        assert!(role.has(Permission::TicketAssign));
        assert!(role.has(Permission::TicketClose));
        assert!(role.has(Permission::TaskCreate));
        assert!(!role.has(Permission::TicketDelete));
    }

    #[test]
    fn null_empty_and_empty_list_columns_grant_nothing() {
        for column in [None, Some(""), Some("null"), Some("[]"), Some("{}")] {
            let role = RolePermissions::parse(column).unwrap();
            assert!(role.granted().is_empty(), "{column:?}");
        }
    }

    #[test]
    fn falsy_values_grant_nothing_as_php_casts_them() {
        let role = RolePermissions::parse(Some(
            r#"{"ticket.edit":0,"ticket.close":false,"ticket.reply":"0","ticket.link":"","ticket.merge":null,"ticket.refer":"yes","ticket.delete":true}"#,
        ))
        .unwrap();
        let granted: Vec<_> = role.granted().iter().collect();
        assert_eq!(granted, [Permission::TicketRefer, Permission::TicketDelete]);
    }

    #[test]
    fn unknown_granted_keys_are_preserved_and_written_back() {
        let role =
            RolePermissions::parse(Some(r#"{"plugin.frob":1,"ticket.edit":1,"plugin.off":0}"#))
                .unwrap();
        assert_eq!(role.unknown_keys().collect::<Vec<_>>(), ["plugin.frob"]);
        let reparsed = RolePermissions::parse(Some(&role.to_json())).unwrap();
        assert_eq!(reparsed, role);
    }

    #[test]
    fn regranting_replaces_known_keys_and_keeps_unknown_ones() {
        let role = RolePermissions::parse(Some(r#"{"plugin.frob":1,"ticket.edit":1}"#)).unwrap();
        let regranted = role.regrant([Permission::TicketClose]);
        assert!(regranted.has(Permission::TicketClose));
        assert!(!regranted.has(Permission::TicketEdit));
        assert_eq!(
            regranted.unknown_keys().collect::<Vec<_>>(),
            ["plugin.frob"]
        );
    }

    #[test]
    fn an_empty_set_is_written_as_php_writes_it() {
        assert_eq!(RolePermissions::default().to_json(), "[]");
    }

    #[test]
    fn malformed_columns_are_errors_not_silent_denials() {
        assert!(matches!(
            RolePermissions::parse(Some("{ticket.edit")),
            Err(RolePermissionsError::InvalidJson(_))
        ));
        assert_eq!(
            RolePermissions::parse(Some(r#"["ticket.edit"]"#)),
            Err(RolePermissionsError::NotAnObject { found: "array" })
        );
    }

    #[test]
    fn permissions_serialize_as_their_osticket_keys() {
        assert_eq!(
            serde_json::to_string(&Permission::TicketMarkAnswered).unwrap(),
            r#""ticket.markanswered""#
        );
        let back: Permission = serde_json::from_str(r#""user.dir""#).unwrap();
        assert_eq!(back, Permission::UserDirectory);
    }
}
