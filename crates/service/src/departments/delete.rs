//! Deleting an empty department.

use crate::access::{AdminAccessError, require_admin};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::departments::{self, DeptUsage};
use oxt_store::tickets::load_ticket_settings;
use oxt_ticket::ids::DeptId;

#[derive(Debug, thiserror::Error)]
pub enum DeleteDepartmentError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no department {0}")]
    NotFound(DeptId),
    /// `core.default_dept_id` names it: osTicket never deletes the default.
    #[error("department {0} is the default department")]
    DefaultDepartment(DeptId),
    /// It still has agents (osTicket refuses), or tickets, tasks or
    /// subdepartments (which osTicket would silently move or orphan).
    #[error(
        "department {id} still has {} agent(s), {} ticket(s), {} task(s) and {} subdepartment(s)",
        usage.staff,
        usage.tickets,
        usage.tasks,
        usage.children
    )]
    InUse { id: DeptId, usage: DeptUsage },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Deletes department `id`, its extended access rows, and the help topics'
/// and system e-mails' routing to it, as osTicket's `Dept::delete` does.
#[tracing::instrument(skip_all, fields(dept_id = %id))]
pub async fn delete(ctx: &Ctx, caller: &Caller, id: DeptId) -> Result<(), DeleteDepartmentError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    if departments::find(&tx, id).await?.is_none() {
        return Err(DeleteDepartmentError::NotFound(id));
    }
    if load_ticket_settings(&tx).await?.default_dept == Some(id) {
        return Err(DeleteDepartmentError::DefaultDepartment(id));
    }
    let usage = departments::usage(&tx, id).await?;
    if !usage.is_unused() {
        return Err(DeleteDepartmentError::InUse { id, usage });
    }
    departments::delete(&tx, id).await?;
    tx.commit().await?;
    tracing::info!("department deleted");
    Ok(())
}
