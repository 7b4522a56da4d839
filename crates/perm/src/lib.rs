//! osTicket's permission model, resolved as osTicket 1.18 resolves it, with
//! the reasons behind every answer.
//!
//! Pure: the store loads rows, this crate decides. Two questions share one
//! set of rules:
//!
//! - [`can`]`(actor, action, ticket) -> `[`Decision`]: `Allowed(reasons)`,
//!   `Denied(reasons)` (answer 403) or `NotVisible` (answer 404);
//! - [`visible`]`(actor) -> `[`Predicate`]: the tickets the actor may see, as a
//!   condition the store turns into one SQL `WHERE`.
//!
//! [`explain`] lists every permission on a ticket with its verdict;
//! [`can_in_department`], [`can_anywhere`] and [`can_administer`] answer the
//! questions that involve no ticket; [`searchable`] widens [`visible`] for
//! staff holding `search.all`, as osTicket's search does; [`check_assignee`]
//! says who may hold a department's tickets.
//!
//! # Staff (`Ticket::checkStaffPerm`)
//!
//! A staff member sees a ticket when any of these holds:
//! - its department is one of theirs ([`StaffGrants::departments`]): the
//!   primary department and every extended-access department, each with all
//!   departments under it (`ost_department.path`), and every department they
//!   manage — unless `assigned_only` is set;
//! - it is open and assigned to them or to one of their teams;
//! - its thread is referred to them, to one of their teams or to one of their
//!   departments (even when `assigned_only` is set).
//!
//! A department permission is then looked up in one role: the role of the
//! ticket's department (the primary role there, or the extended-access role);
//! failing that, for a ticket assigned to them, the primary role (unless the
//! staff setting `def_assn_role` is off); failing that, osTicket's built-in
//! role that grants `ticket.create` only. So a subdepartment, a managed
//! department or a referral shows a ticket without granting more than that.
//! The manager of the ticket's department may also release and mark answered.
//! Staff-level permissions come from `ost_staff.permissions`. `isadmin` opens
//! the admin panel and no ticket.
//!
//! # End users (`Ticket::checkUserAccess`)
//!
//! An end user sees a ticket they own; a ticket whose owner is in their
//! organization when it shares with everybody, or with primary contacts and
//! they are one; a ticket they collaborate on (any collaborator row, active
//! or not), or signed in to through its collaborator link; and the parent of
//! a merge (not a link) when they see one of its children. Whoever sees a
//! ticket may reply; only the owner may edit; the rest is staff-only.
//!
//! # One rule for single tickets and lists
//!
//! osTicket checks a single ticket with `checkStaffPerm` / `checkUserAccess`
//! but builds its lists with separate queries that disagree at the edges:
//! the agent queues leave out closed tickets referred to the agent or their
//! team, and department referrals for `assigned_only` agents; the client
//! portal leaves out merge parents, and collaborator tickets when
//! `collaborator_ticket_visibility` is off. Here the single-ticket rules are
//! the only rules and [`visible`] lists exactly what [`can`] opens, so no
//! listed ticket answers 404 and no readable ticket is missing from a list.

mod assignment;
mod decision;
mod department;
mod permission;
mod rules;
mod staff;
mod ticket;
mod user;
mod visible;

pub use assignment::{Assignee, AssigneeError, StaffCandidate, TeamCandidate, check_assignee};
pub use decision::{AccessError, Action, Decision, DeptAccessKind, OrgSharing, Reason, RoleSource};
pub use department::{Department, DeptFlags, DeptPath, DeptPathError};
pub use permission::{
    Permission, PermissionScope, PermissionSet, RolePermissions, RolePermissionsError,
    UnknownPermission,
};
pub use rules::{
    Actor, Explanation, Verdict, can, can_administer, can_anywhere, can_in_department, explain,
};
pub use staff::{DeptAccess, Role, StaffGrants, StaffProfile, primary_role_on_assignment};
pub use ticket::{MergeFacts, MergeThreads, Referral, ReferralError, TicketFacts};
pub use user::{OrgStatus, UserGrants, UserStatus};
pub use visible::{Predicate, searchable, visible};
