//! A staff member's grants, resolved once per request from their rows.

use crate::decision::{DeptAccessKind, RoleSource};
use crate::department::Department;
use crate::permission::{Permission, PermissionSet, RolePermissions, php_truthy};
use oxt_ticket::ids::{DeptId, RoleId, StaffId, TeamId};

/// One `ost_role` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub id: RoleId,
    /// `ost_role.permissions`. The role's `flags` (enabled) are not read:
    /// osTicket's `Role::hasPerm` ignores them, a disabled role still grants.
    pub permissions: RolePermissions,
}

/// The `ost_staff` columns permissions depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffProfile {
    pub id: StaffId,
    /// `ost_staff.dept_id`, the primary department.
    pub dept: DeptId,
    /// The role `ost_staff.role_id` names; `None` when no such row exists.
    pub role: Option<Role>,
    /// `ost_staff.permissions`: the staff-level permissions.
    pub permissions: RolePermissions,
    /// `ost_staff.isadmin`: the admin panel (settings, staff, departments...).
    /// It opens no ticket: osTicket's ticket checks never read it.
    pub is_admin: bool,
    /// `ost_staff.assigned_only`: see only tickets assigned or referred.
    pub assigned_only: bool,
    /// The `def_assn_role` setting; see [`primary_role_on_assignment`].
    pub primary_role_on_assignment: bool,
}

/// One `ost_staff_dept_access` row with the role its `role_id` names
/// (`None` when that row is gone; osTicket sets `role_id = 0` when a role is
/// deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptAccess {
    pub dept: DeptId,
    pub role: Option<Role>,
}

/// Reads `def_assn_role` from `ost_staff.extra` (JSON) as osTicket's
/// `usePrimaryRoleOnAssignment` does: absent, unreadable or not an object
/// means the default, `true`, and so does `null`; otherwise PHP truthiness of
/// the value.
pub fn primary_role_on_assignment(extra_column: Option<&str>) -> bool {
    let Some(serde_json::Value::Object(extra)) =
        extra_column.and_then(|raw| serde_json::from_str(raw).ok())
    else {
        return true;
    };
    // getExtraAttr() tests the key with isset(), so a null value is absent.
    match extra.get("def_assn_role") {
        None | Some(serde_json::Value::Null) => true,
        Some(value) => php_truthy(value),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RoleGrant {
    pub(crate) id: RoleId,
    pub(crate) permissions: PermissionSet,
}

impl RoleGrant {
    fn from_role(role: Option<&Role>) -> Option<Self> {
        role.map(|role| Self {
            id: role.id,
            permissions: role.permissions.granted(),
        })
    }
}

/// The role that applies to one ticket or department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EffectiveRole {
    Role(RoleGrant, RoleSource),
    /// osTicket's built-in role for departments without one: `ticket.create`.
    CreateOnly(DeptId),
    /// The role that should apply is gone; osTicket grants nothing.
    Missing(RoleSource),
}

impl EffectiveRole {
    pub(crate) fn grants(self, permission: Permission) -> bool {
        match self {
            Self::Role(role, _) => role.permissions.contains(permission),
            Self::CreateOnly(_) => permission == Permission::TicketCreate,
            Self::Missing(_) => false,
        }
    }
}

/// Everything the rules need about one staff member, resolved once.
///
/// Built by [`StaffGrants::resolve`] from the staff row, their dept access
/// rows, their team ids and the department list; every check afterwards is a
/// lookup in small sorted vectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffGrants {
    id: StaffId,
    is_admin: bool,
    assigned_only: bool,
    primary_role_on_assignment: bool,
    primary_role: Option<RoleGrant>,
    primary_dept: DeptId,
    /// `Staff::getRoles`: the primary department's role, overridden by
    /// extended access rows; sorted by department.
    dept_roles: Vec<(DeptId, Option<RoleGrant>, RoleSource)>,
    staff_permissions: PermissionSet,
    /// `Staff::getDepartments`, sorted by department.
    depts: Vec<(DeptId, DeptAccessKind)>,
    /// `Staff::getManagedDepartments`, sorted.
    managed: Vec<DeptId>,
    /// `Staff::getTeams`, sorted and deduplicated.
    teams: Vec<TeamId>,
}

impl StaffGrants {
    /// Resolves osTicket's rules for one staff member.
    ///
    /// `departments` is every `ost_department` row: a staff member reaches
    /// their primary department and each extended-access department together
    /// with all departments under them, plus every department they manage.
    /// `teams` are the `team_id`s of their `ost_team_member` rows.
    pub fn resolve(
        profile: &StaffProfile,
        access: &[DeptAccess],
        teams: &[TeamId],
        departments: &[Department],
    ) -> Self {
        let mut dept_roles: Vec<(DeptId, Option<RoleGrant>, RoleSource)> = vec![(
            profile.dept,
            RoleGrant::from_role(profile.role.as_ref()),
            RoleSource::PrimaryDepartment(profile.dept),
        )];
        // Like osTicket's getRoles(), a dept access row for the primary
        // department replaces the primary role there.
        for row in access {
            let entry = (
                row.dept,
                RoleGrant::from_role(row.role.as_ref()),
                RoleSource::ExtendedAccess(row.dept),
            );
            match dept_roles.iter_mut().find(|(dept, _, _)| *dept == row.dept) {
                Some(existing) => *existing = entry,
                None => dept_roles.push(entry),
            }
        }
        dept_roles.sort_by_key(|(dept, _, _)| *dept);

        let mut depts = Vec::new();
        let mut managed = Vec::new();
        for department in departments {
            if department.manager == Some(profile.id) {
                managed.push(department.id);
            }
            if let Some(kind) = reach(profile, access, department) {
                depts.push((department.id, kind));
            }
        }
        depts.sort_by_key(|(dept, _)| *dept);
        depts.dedup_by_key(|(dept, _)| *dept);
        managed.sort();
        managed.dedup();

        let mut teams = teams.to_vec();
        teams.sort();
        teams.dedup();

        Self {
            id: profile.id,
            is_admin: profile.is_admin,
            assigned_only: profile.assigned_only,
            primary_role_on_assignment: profile.primary_role_on_assignment,
            primary_role: RoleGrant::from_role(profile.role.as_ref()),
            primary_dept: profile.dept,
            dept_roles,
            staff_permissions: profile.permissions.granted(),
            depts,
            managed,
            teams,
        }
    }

    pub fn id(&self) -> StaffId {
        self.id
    }

    pub fn is_admin(&self) -> bool {
        self.is_admin
    }

    /// `assigned_only`: department access opens no ticket.
    pub fn is_access_limited(&self) -> bool {
        self.assigned_only
    }

    pub fn primary_dept(&self) -> DeptId {
        self.primary_dept
    }

    /// Every department the staff member reaches, and how, sorted by id.
    pub fn departments(&self) -> &[(DeptId, DeptAccessKind)] {
        &self.depts
    }

    pub fn managed_departments(&self) -> &[DeptId] {
        &self.managed
    }

    pub fn teams(&self) -> &[TeamId] {
        &self.teams
    }

    pub fn has_staff_permission(&self, permission: Permission) -> bool {
        self.staff_permissions.contains(permission)
    }

    pub(crate) fn dept_access(&self, dept: DeptId) -> Option<DeptAccessKind> {
        self.depts
            .binary_search_by_key(&dept, |(d, _)| *d)
            .ok()
            .map(|i| self.depts[i].1)
    }

    pub(crate) fn reaches(&self, dept: DeptId) -> bool {
        self.dept_access(dept).is_some()
    }

    pub(crate) fn manages(&self, dept: DeptId) -> bool {
        self.managed.binary_search(&dept).is_ok()
    }

    pub(crate) fn in_team(&self, team: TeamId) -> bool {
        self.teams.binary_search(&team).is_ok()
    }

    /// `Staff::getRole($dept, $assigned)`.
    pub(crate) fn role_for(&self, dept: DeptId, assigned: bool) -> EffectiveRole {
        if let Ok(i) = self.dept_roles.binary_search_by_key(&dept, |(d, _, _)| *d) {
            // osTicket tests the role map with isset(), which is false for a
            // missing role: such a row falls through to the defaults below.
            if let (_, Some(role), source) = self.dept_roles[i] {
                return EffectiveRole::Role(role, source);
            }
        }
        if assigned && self.primary_role_on_assignment {
            return match self.primary_role {
                Some(role) => EffectiveRole::Role(role, RoleSource::PrimaryRoleOnAssignment),
                None => EffectiveRole::Missing(RoleSource::PrimaryRoleOnAssignment),
            };
        }
        EffectiveRole::CreateOnly(dept)
    }

    /// The roles `Staff::hasPerm($perm, false)` consults: the primary role
    /// and every extended-access role, each with where it applies.
    pub(crate) fn all_roles(&self) -> impl Iterator<Item = EffectiveRole> + '_ {
        let primary = std::iter::once(match self.primary_role {
            Some(role) => {
                EffectiveRole::Role(role, RoleSource::PrimaryDepartment(self.primary_dept))
            }
            None => EffectiveRole::Missing(RoleSource::PrimaryDepartment(self.primary_dept)),
        });
        let extended = self
            .dept_roles
            .iter()
            .filter(|(_, _, source)| matches!(source, RoleSource::ExtendedAccess(_)))
            .map(|&(_, role, source)| match role {
                Some(role) => EffectiveRole::Role(role, source),
                None => EffectiveRole::Missing(source),
            });
        primary.chain(extended)
    }
}

/// How `Staff::getDepartments` reaches `department`, if it does. Exact
/// departments win over managed ones, and those over subdepartments, so the
/// reason shown is the most direct one.
fn reach(
    profile: &StaffProfile,
    access: &[DeptAccess],
    department: &Department,
) -> Option<DeptAccessKind> {
    if department.id == profile.dept {
        return Some(DeptAccessKind::Primary);
    }
    if access.iter().any(|row| row.dept == department.id) {
        return Some(DeptAccessKind::ExtendedAccess);
    }
    if department.manager == Some(profile.id) {
        return Some(DeptAccessKind::Manager);
    }
    std::iter::once(profile.dept)
        .chain(access.iter().map(|row| row.dept))
        .find(|ancestor| department.path.passes_through(*ancestor))
        .map(DeptAccessKind::Subdepartment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::department::{DeptFlags, DeptPath};

    fn dept(id: u32, path: &str, manager: Option<u32>) -> Department {
        Department {
            id: DeptId::new(id),
            path: DeptPath::parse(path).unwrap(),
            manager: manager.map(StaffId::new),
            flags: DeptFlags::default(),
        }
    }

    fn role(id: u32, permissions: &[Permission]) -> Role {
        Role {
            id: RoleId::new(id),
            permissions: permissions.iter().copied().collect(),
        }
    }

    fn profile(primary: u32) -> StaffProfile {
        StaffProfile {
            id: StaffId::new(7),
            dept: DeptId::new(primary),
            role: Some(role(1, &[Permission::TicketReply])),
            permissions: RolePermissions::default(),
            is_admin: false,
            assigned_only: false,
            primary_role_on_assignment: true,
        }
    }

    fn desk() -> Vec<Department> {
        vec![
            dept(1, "/1/", None),
            dept(2, "/1/2/", None),
            dept(3, "/3/", None),
            dept(4, "/3/4/", None),
            dept(5, "/5/", Some(7)),
            dept(6, "/5/6/", None),
            dept(8, "/8/", None),
        ]
    }

    fn kinds(grants: &StaffGrants) -> Vec<(u32, DeptAccessKind)> {
        grants
            .departments()
            .iter()
            .map(|(d, k)| (d.get(), *k))
            .collect()
    }

    #[test]
    fn primary_and_extended_departments_reach_their_subdepartments_but_managed_ones_do_not() {
        let access = [DeptAccess {
            dept: DeptId::new(3),
            role: Some(role(2, &[])),
        }];
        let grants = StaffGrants::resolve(&profile(1), &access, &[], &desk());
        assert_eq!(
            kinds(&grants),
            [
                (1, DeptAccessKind::Primary),
                (2, DeptAccessKind::Subdepartment(DeptId::new(1))),
                (3, DeptAccessKind::ExtendedAccess),
                (4, DeptAccessKind::Subdepartment(DeptId::new(3))),
                (5, DeptAccessKind::Manager),
            ]
        );
        assert_eq!(grants.managed_departments(), [DeptId::new(5)]);
    }

    #[test]
    fn a_subdepartment_has_no_role_of_its_own() {
        let grants = StaffGrants::resolve(&profile(1), &[], &[], &desk());
        assert_eq!(
            grants.role_for(DeptId::new(2), false),
            EffectiveRole::CreateOnly(DeptId::new(2))
        );
    }

    #[test]
    fn an_extended_access_row_for_the_primary_department_replaces_the_primary_role() {
        let access = [DeptAccess {
            dept: DeptId::new(1),
            role: Some(role(9, &[Permission::TicketClose])),
        }];
        let grants = StaffGrants::resolve(&profile(1), &access, &[], &desk());
        let EffectiveRole::Role(role, source) = grants.role_for(DeptId::new(1), false) else {
            panic!("expected a role");
        };
        assert_eq!(role.id, RoleId::new(9));
        assert_eq!(source, RoleSource::ExtendedAccess(DeptId::new(1)));
    }

    #[test]
    fn an_access_row_whose_role_is_gone_falls_back_like_no_row() {
        let access = [DeptAccess {
            dept: DeptId::new(3),
            role: None,
        }];
        let grants = StaffGrants::resolve(&profile(1), &access, &[], &desk());
        assert_eq!(
            grants.role_for(DeptId::new(3), false),
            EffectiveRole::CreateOnly(DeptId::new(3))
        );
        assert!(matches!(
            grants.role_for(DeptId::new(3), true),
            EffectiveRole::Role(_, RoleSource::PrimaryRoleOnAssignment)
        ));
    }

    #[test]
    fn assignment_borrows_the_primary_role_unless_the_staff_setting_is_off() {
        let mut staff = profile(1);
        let grants = StaffGrants::resolve(&staff, &[], &[], &desk());
        assert!(matches!(
            grants.role_for(DeptId::new(8), true),
            EffectiveRole::Role(_, RoleSource::PrimaryRoleOnAssignment)
        ));
        staff.primary_role_on_assignment = false;
        let grants = StaffGrants::resolve(&staff, &[], &[], &desk());
        assert_eq!(
            grants.role_for(DeptId::new(8), true),
            EffectiveRole::CreateOnly(DeptId::new(8))
        );
    }

    #[test]
    fn a_missing_primary_role_grants_nothing_on_assignment() {
        let mut staff = profile(1);
        staff.role = None;
        let grants = StaffGrants::resolve(&staff, &[], &[], &desk());
        let role = grants.role_for(DeptId::new(8), true);
        assert_eq!(
            role,
            EffectiveRole::Missing(RoleSource::PrimaryRoleOnAssignment)
        );
        assert!(!role.grants(Permission::TicketCreate));
    }

    #[test]
    fn the_create_only_fallback_grants_ticket_create_alone() {
        let fallback = EffectiveRole::CreateOnly(DeptId::new(1));
        assert!(fallback.grants(Permission::TicketCreate));
        assert!(!fallback.grants(Permission::TicketReply));
    }

    #[test]
    fn teams_are_sorted_and_deduplicated() {
        let teams = [TeamId::new(3), TeamId::new(1), TeamId::new(3)];
        let grants = StaffGrants::resolve(&profile(1), &[], &teams, &desk());
        assert_eq!(grants.teams(), [TeamId::new(1), TeamId::new(3)]);
        assert!(grants.in_team(TeamId::new(3)));
        assert!(!grants.in_team(TeamId::new(2)));
    }

    #[test]
    fn def_assn_role_defaults_to_true_and_follows_php_truthiness() {
        assert!(primary_role_on_assignment(None));
        assert!(primary_role_on_assignment(Some("not json")));
        assert!(primary_role_on_assignment(Some(r#"{"browser_lang":"en"}"#)));
        assert!(!primary_role_on_assignment(Some(
            r#"{"def_assn_role":false}"#
        )));
        assert!(!primary_role_on_assignment(Some(
            r#"{"def_assn_role":"0"}"#
        )));
        assert!(primary_role_on_assignment(Some(r#"{"def_assn_role":1}"#)));
        assert!(primary_role_on_assignment(Some(
            r#"{"def_assn_role":null}"#
        )));
    }
}
