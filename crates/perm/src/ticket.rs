//! What the rules need to know about one ticket.

use oxt_ticket::ids::{DeptId, OrgId, StaffId, TeamId, TicketId, UserId};
use serde::Serialize;
use thiserror::Error;

/// The facts about a ticket that access depends on. The store fills it from
/// `ost_ticket`, its status, its owner's `ost_user` row and its thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFacts {
    pub id: TicketId,
    /// `ost_ticket.dept_id`.
    pub dept: DeptId,
    /// The status' state is `open` (osTicket counts an assignment only then).
    pub is_open: bool,
    /// `ost_ticket.staff_id` (`0` is none).
    pub assigned_staff: Option<StaffId>,
    /// `ost_ticket.team_id` (`0` is none).
    pub assigned_team: Option<TeamId>,
    /// `ost_ticket.user_id`.
    pub owner: UserId,
    /// The owner's `ost_user.org_id` (`0`, or no user row, is none).
    pub owner_org: Option<OrgId>,
    /// `user_id` of every `ost_thread_collaborator` row of the ticket's thread.
    /// Every row counts, whatever its flags: osTicket's `checkUserAccess`
    /// looks a collaborator up by user and thread only, so an inactive (not
    /// CC'd) collaborator still reads the ticket.
    pub collaborators: Vec<UserId>,
    /// The `ost_thread_referral` rows of the ticket's thread.
    pub referrals: Vec<Referral>,
    /// Set when the ticket is the parent of a merge or link (`FLAG_PARENT`).
    pub merge: Option<MergeFacts>,
}

/// One `ost_thread_referral` row: the ticket was referred to...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "to", content = "id", rename_all = "snake_case")]
pub enum Referral {
    /// object_type `S`
    Staff(StaffId),
    /// object_type `E`
    Team(TeamId),
    /// object_type `D`
    Dept(DeptId),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReferralError {
    #[error("referral object type `{0}` is none of S, E, D")]
    UnknownObjectType(String),
    #[error("referral to object id 0")]
    NoObject,
}

impl Referral {
    /// Reads `object_type` and `object_id` of an `ost_thread_referral` row.
    pub fn from_columns(object_type: &str, object_id: u32) -> Result<Self, ReferralError> {
        if object_id == 0 {
            return Err(ReferralError::NoObject);
        }
        match object_type {
            "S" => Ok(Self::Staff(StaffId::new(object_id))),
            "E" => Ok(Self::Team(TeamId::new(object_id))),
            "D" => Ok(Self::Dept(DeptId::new(object_id))),
            other => Err(ReferralError::UnknownObjectType(other.to_owned())),
        }
    }
}

/// A merge or link parent and its children (`ost_ticket.ticket_pid` = this id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeFacts {
    pub threads: MergeThreads,
    /// The child tickets. Only their owner, owner's organization,
    /// collaborators and id are consulted; osTicket never makes a merge child
    /// a parent itself (`setMergeType` clears `FLAG_PARENT` on children), so
    /// their own `merge` is ignored.
    pub children: Vec<TicketFacts>,
}

/// How the parent holds its children, from the parent's `ost_ticket.flags`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeThreads {
    /// `FLAG_COMBINE_THREADS`: one thread.
    Combined,
    /// `FLAG_SEPARATE_THREADS`: merged, threads kept apart.
    Separate,
    /// Neither: a "visual" link, which shares no access.
    Linked,
}

impl MergeThreads {
    const COMBINE: u32 = 0x0001;
    const SEPARATE: u32 = 0x0002;

    /// Same precedence as osTicket's `Ticket::getMergeType`.
    pub const fn from_flags(flags: u32) -> Self {
        if flags & Self::COMBINE != 0 {
            Self::Combined
        } else if flags & Self::SEPARATE != 0 {
            Self::Separate
        } else {
            Self::Linked
        }
    }

    /// A merge (not a link) lets whoever reads a child read the parent.
    pub const fn shares_access(self) -> bool {
        !matches!(self, Self::Linked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referral_rows_read_their_object_type() {
        assert_eq!(
            Referral::from_columns("S", 3),
            Ok(Referral::Staff(StaffId::new(3)))
        );
        assert_eq!(
            Referral::from_columns("E", 4),
            Ok(Referral::Team(TeamId::new(4)))
        );
        assert_eq!(
            Referral::from_columns("D", 5),
            Ok(Referral::Dept(DeptId::new(5)))
        );
    }

    #[test]
    fn a_referral_with_an_unknown_object_type_is_rejected() {
        assert_eq!(
            Referral::from_columns("U", 5),
            Err(ReferralError::UnknownObjectType("U".to_owned()))
        );
        assert_eq!(Referral::from_columns("S", 0), Err(ReferralError::NoObject));
    }

    #[test]
    fn merge_type_follows_osticket_flag_precedence() {
        assert_eq!(MergeThreads::from_flags(0x10 | 0x1), MergeThreads::Combined);
        assert_eq!(MergeThreads::from_flags(0x10 | 0x2), MergeThreads::Separate);
        assert_eq!(MergeThreads::from_flags(0x10 | 0x3), MergeThreads::Combined);
        assert_eq!(MergeThreads::from_flags(0x10 | 0x8), MergeThreads::Linked);
        assert!(!MergeThreads::Linked.shares_access());
        assert!(MergeThreads::Separate.shares_access());
    }
}
