//! Who may be assigned a ticket of a department (osTicket's
//! `Dept::canAssign` with the availability checks of `Ticket::assign` and
//! `AssignmentForm`). Whether the *caller* may assign is `ticket.assign`,
//! asked through [`crate::can`].

use crate::department::Department;
use oxt_ticket::ids::{DeptId, StaffId, TeamId};
use thiserror::Error;

/// A staff member proposed as assignee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffCandidate {
    pub id: StaffId,
    /// `ost_staff.dept_id`.
    pub primary_dept: DeptId,
    /// The departments of their `ost_staff_dept_access` rows.
    pub extended_depts: Vec<DeptId>,
    /// `ost_staff.isactive`.
    pub is_active: bool,
    /// `ost_staff.onvacation`.
    pub on_vacation: bool,
}

/// A team proposed as assignee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamCandidate {
    pub id: TeamId,
    /// `ost_team.flags` has `FLAG_ENABLED` (0x1).
    pub is_enabled: bool,
    /// How many `ost_team_member` rows the team has.
    pub member_count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee<'a> {
    Staff(&'a StaffCandidate),
    Team(&'a TeamCandidate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum AssigneeError {
    #[error("agent {0} is locked or on vacation")]
    StaffUnavailable(StaffId),
    #[error("department {dept} assigns only its primary members, and agent {staff} is not one")]
    NotPrimaryMember { staff: StaffId, dept: DeptId },
    #[error("department {dept} assigns only its members, and agent {staff} is not one")]
    NotMember { staff: StaffId, dept: DeptId },
    #[error("team {0} is disabled")]
    TeamDisabled(TeamId),
    #[error("team {0} has no members")]
    TeamWithoutMembers(TeamId),
}

/// May `assignee` hold tickets of `dept`?
pub fn check_assignee(dept: &Department, assignee: Assignee<'_>) -> Result<(), AssigneeError> {
    match assignee {
        Assignee::Staff(staff) => {
            if !staff.is_active || staff.on_vacation {
                return Err(AssigneeError::StaffUnavailable(staff.id));
            }
            if dept.flags.assigns_primary_members_only() && staff.primary_dept != dept.id {
                return Err(AssigneeError::NotPrimaryMember {
                    staff: staff.id,
                    dept: dept.id,
                });
            }
            // Dept::getMembers: primary members, the manager and extended access.
            let is_member = staff.primary_dept == dept.id
                || dept.manager == Some(staff.id)
                || staff.extended_depts.contains(&dept.id);
            if dept.flags.assigns_members_only() && !is_member {
                return Err(AssigneeError::NotMember {
                    staff: staff.id,
                    dept: dept.id,
                });
            }
            Ok(())
        }
        Assignee::Team(team) => {
            if !team.is_enabled {
                return Err(AssigneeError::TeamDisabled(team.id));
            }
            if team.member_count == 0 {
                return Err(AssigneeError::TeamWithoutMembers(team.id));
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::department::{DeptFlags, DeptPath};

    fn dept(flags: u32, manager: Option<u32>) -> Department {
        Department {
            id: DeptId::new(1),
            path: DeptPath::parse("/1/").unwrap(),
            manager: manager.map(StaffId::new),
            flags: DeptFlags::from_column(flags),
        }
    }

    fn agent(primary: u32, extended: &[u32]) -> StaffCandidate {
        StaffCandidate {
            id: StaffId::new(9),
            primary_dept: DeptId::new(primary),
            extended_depts: extended.iter().copied().map(DeptId::new).collect(),
            is_active: true,
            on_vacation: false,
        }
    }

    #[test]
    fn any_available_agent_may_be_assigned_when_the_department_does_not_restrict() {
        assert_eq!(
            check_assignee(&dept(0, None), Assignee::Staff(&agent(2, &[]))),
            Ok(())
        );
    }

    #[test]
    fn an_agent_on_vacation_may_not_be_assigned() {
        let mut away = agent(1, &[]);
        away.on_vacation = true;
        assert_eq!(
            check_assignee(&dept(0, None), Assignee::Staff(&away)),
            Err(AssigneeError::StaffUnavailable(StaffId::new(9)))
        );
    }

    #[test]
    fn a_locked_agent_may_not_be_assigned() {
        let mut locked = agent(1, &[]);
        locked.is_active = false;
        assert_eq!(
            check_assignee(&dept(0, None), Assignee::Staff(&locked)),
            Err(AssigneeError::StaffUnavailable(StaffId::new(9)))
        );
    }

    #[test]
    fn members_only_departments_accept_extended_members_and_the_manager() {
        let members_only = dept(0x1, Some(9));
        assert_eq!(
            check_assignee(&members_only, Assignee::Staff(&agent(2, &[]))),
            Ok(())
        );
        let members_only = dept(0x1, None);
        assert_eq!(
            check_assignee(&members_only, Assignee::Staff(&agent(2, &[1]))),
            Ok(())
        );
        assert_eq!(
            check_assignee(&members_only, Assignee::Staff(&agent(2, &[3]))),
            Err(AssigneeError::NotMember {
                staff: StaffId::new(9),
                dept: DeptId::new(1)
            })
        );
    }

    #[test]
    fn primary_only_departments_reject_extended_members() {
        let primary_only = dept(0x10, None);
        assert_eq!(
            check_assignee(&primary_only, Assignee::Staff(&agent(1, &[]))),
            Ok(())
        );
        assert_eq!(
            check_assignee(&primary_only, Assignee::Staff(&agent(2, &[1]))),
            Err(AssigneeError::NotPrimaryMember {
                staff: StaffId::new(9),
                dept: DeptId::new(1)
            })
        );
    }

    #[test]
    fn a_disabled_or_empty_team_may_not_be_assigned() {
        let mut team = TeamCandidate {
            id: TeamId::new(4),
            is_enabled: true,
            member_count: 2,
        };
        assert_eq!(
            check_assignee(&dept(0x1, None), Assignee::Team(&team)),
            Ok(())
        );
        team.member_count = 0;
        assert_eq!(
            check_assignee(&dept(0, None), Assignee::Team(&team)),
            Err(AssigneeError::TeamWithoutMembers(TeamId::new(4)))
        );
        team.is_enabled = false;
        assert_eq!(
            check_assignee(&dept(0, None), Assignee::Team(&team)),
            Err(AssigneeError::TeamDisabled(TeamId::new(4)))
        );
    }
}
