//! Who the caller is in osTicket's permission model, and the checks every
//! use case makes before it reads or writes.
//!
//! The one rule for refusals (`docs/api/problems.md`): a caller who may not
//! see an object gets [`AccessError::NotVisible`] (404, its existence is not
//! revealed); a caller who sees it but may not do this gets
//! [`AccessError::Forbidden`] (403).

use crate::Caller;
use oxt_identity::Subject;
use oxt_perm::{AccessError, Action, Actor, Permission, Reason, TicketFacts, can, can_anywhere};
use oxt_store::access::{load_staff_grants, load_ticket_facts, load_user_grants};
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::TicketId;

/// Why an administrative operation (configuring SLAs, schedules, filters,
/// the ban list, roles, staff, teams, departments) was refused.
#[derive(Debug, thiserror::Error)]
pub enum AdminAccessError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Succeeds when the caller is an active staff member with `isadmin`, as
/// osTicket's admin panel requires; any other caller is refused with 403.
pub async fn require_admin(db: &impl Conn, caller: &Caller) -> Result<(), AdminAccessError> {
    let refused = |reason| AccessError::Forbidden {
        reasons: vec![reason],
    };
    match caller.subject {
        Subject::Staff(id) if oxt_store::staff::is_active_admin(db, id).await? => Ok(()),
        Subject::Staff(_) => Err(refused(Reason::AdminFlag).into()),
        Subject::User(_) => Err(refused(Reason::StaffOnly).into()),
    }
}

/// Why the caller could not be resolved into an [`Actor`].
#[derive(Debug, thiserror::Error)]
pub enum ActorError {
    /// The token names a staff member or user that no longer exists, or a
    /// locked staff account: answered like a missing token (401).
    #[error("the caller's account does not exist or is locked")]
    UnknownCaller,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The caller as `oxt_perm` sees them: a staff member's grants (roles,
/// departments, teams) or an end user's (organization sharing).
pub async fn actor(db: &impl Conn, caller: &Caller) -> Result<Actor, ActorError> {
    let actor = match caller.subject {
        Subject::Staff(id) => load_staff_grants(db, id).await?.map(Actor::Staff),
        Subject::User(id) => load_user_grants(db, id).await?.map(Actor::User),
    };
    actor.ok_or(ActorError::UnknownCaller)
}

/// Why an operation on one ticket was refused.
#[derive(Debug, thiserror::Error)]
pub enum TicketAccessError {
    /// No such ticket, or one the caller may not see: the two are not told
    /// apart, so that ids cannot be probed.
    #[error("ticket {0} does not exist")]
    NotFound(TicketId),
    /// The caller sees the ticket but may not do this (always
    /// [`AccessError::Forbidden`]).
    #[error(transparent)]
    Forbidden(AccessError),
    #[error(transparent)]
    Caller(#[from] ActorError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Asks `oxt_perm::can` whether `actor` may do `action` to ticket `id`, and
/// answers the ticket's facts when it may.
pub(crate) async fn authorize_ticket(
    db: &impl Conn,
    actor: &Actor,
    id: TicketId,
    action: impl Into<Action>,
) -> Result<TicketFacts, TicketAccessError> {
    let facts = load_ticket_facts(db, id)
        .await?
        .ok_or(TicketAccessError::NotFound(id))?;
    require_on_ticket(actor, action, &facts, id)?;
    Ok(facts)
}

/// Asks `oxt_perm::can` about a ticket whose facts are already loaded, so an
/// operation needing several permissions reads them once.
pub(crate) fn require_on_ticket(
    actor: &Actor,
    action: impl Into<Action>,
    facts: &TicketFacts,
    id: TicketId,
) -> Result<(), TicketAccessError> {
    match can(actor, action, facts).require() {
        Ok(_) => Ok(()),
        Err(AccessError::NotVisible) => Err(TicketAccessError::NotFound(id)),
        Err(forbidden) => Err(TicketAccessError::Forbidden(forbidden)),
    }
}

/// Succeeds when `actor` holds `permission` somewhere (osTicket's
/// `Staff::hasPerm`), as the user directory and other staff tools require;
/// end users are refused.
pub(crate) fn require_anywhere(actor: &Actor, permission: Permission) -> Result<(), AccessError> {
    can_anywhere(actor, permission).require().map(drop)
}

/// Succeeds when the caller is an active staff member: any agent may read
/// the desk's configuration (roles, departments, teams, staff) that its
/// forms offer; end users and disabled agents are refused with 403.
pub async fn require_staff(db: &impl Conn, caller: &Caller) -> Result<(), AdminAccessError> {
    let refused = |reason| AccessError::Forbidden {
        reasons: vec![reason],
    };
    match caller.subject {
        Subject::Staff(id) if oxt_store::staff::is_active_staff(db, id).await? => Ok(()),
        Subject::Staff(_) | Subject::User(_) => Err(refused(Reason::StaffOnly).into()),
    }
}
