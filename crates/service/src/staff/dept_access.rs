//! A staff member's extended department access, read and replaced whole.

use super::{directory_scope, in_scope, load};
use crate::access::{ActorError, AdminAccessError, actor, require_admin};
use crate::validation::{Checks, Invalid, Issue};
use crate::{Caller, Ctx};
use oxt_perm::AccessError;
use oxt_store::staff::{self, DeptAccessRow};
use oxt_store::{StoreError, departments, roles};
use oxt_ticket::ids::{DeptId, RoleId, StaffId};

/// One department of the access to set: ids as the client sent them, checked
/// by [`set_dept_access`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeptAccessChange {
    pub dept: Option<DeptId>,
    pub role: Option<RoleId>,
    pub alerts: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum GetDeptAccessError {
    #[error(transparent)]
    Caller(#[from] ActorError),
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    #[error("no staff member {0}")]
    NotFound(StaffId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum SetDeptAccessError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no staff member {0}")]
    NotFound(StaffId),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Staff member `id`'s extended access, for any staff member who sees them.
#[tracing::instrument(skip_all, fields(staff_id = %id))]
pub async fn get_dept_access(
    ctx: &Ctx,
    caller: &Caller,
    id: StaffId,
) -> Result<Vec<DeptAccessRow>, GetDeptAccessError> {
    let grants = actor(&ctx.store, caller).await?;
    let within = directory_scope(&grants)?;
    load(&ctx.store, id)
        .await?
        .filter(|member| in_scope(within.as_deref(), member))
        .map(|member| member.dept_access)
        .ok_or(GetDeptAccessError::NotFound(id))
}

/// Makes `access` staff member `id`'s whole extended access, with osTicket's
/// `Staff::updateAccess` checks: each department and role exists, no
/// department twice, and not the primary department (the primary role
/// applies there). The change holds from the staff member's next request.
#[tracing::instrument(skip_all, fields(staff_id = %id))]
pub async fn set_dept_access(
    ctx: &Ctx,
    caller: &Caller,
    id: StaffId,
    access: Vec<DeptAccessChange>,
) -> Result<Vec<DeptAccessRow>, SetDeptAccessError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let member = staff::find(&tx, id)
        .await?
        .ok_or(SetDeptAccessError::NotFound(id))?;
    let mut checks = Checks::default();
    let mut rows: Vec<DeptAccessRow> = Vec::with_capacity(access.len());
    for (index, change) in access.iter().enumerate() {
        let field = |name: &str| format!("items[{index}].{name}");
        let dept = match change.dept {
            None => {
                checks.push(field("dept_id"), Issue::Required);
                None
            }
            Some(dept) if dept == member.dept => {
                checks.push(
                    field("dept_id"),
                    Issue::NotAllowed("is the primary department"),
                );
                None
            }
            Some(dept) if rows.iter().any(|row| row.dept == dept) => {
                checks.push(field("dept_id"), Issue::NotAllowed("is listed twice"));
                None
            }
            Some(dept) if departments::find(&tx, dept).await?.is_none() => {
                checks.push(field("dept_id"), Issue::Unknown);
                None
            }
            Some(dept) => Some(dept),
        };
        let role = match change.role {
            None => {
                checks.push(field("role_id"), Issue::Required);
                None
            }
            Some(role) if !roles::exists(&tx, role).await? => {
                checks.push(field("role_id"), Issue::Unknown);
                None
            }
            Some(role) => Some(role),
        };
        if let (Some(dept), Some(role)) = (dept, role) {
            rows.push(DeptAccessRow {
                dept,
                role,
                alerts: change.alerts,
            });
        }
    }
    checks.finish()?;
    staff::replace_dept_access(&tx, id, &rows).await?;
    let stored = staff::list_dept_access(&tx, id).await?;
    tx.commit().await?;
    tracing::info!(departments = stored.len(), "extended access replaced");
    Ok(stored)
}
