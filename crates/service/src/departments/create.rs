//! Creating a department.

use super::Department;
use super::changes::{DepartmentChanges, Target, apply, new_department};
use super::tree::Tree;
use crate::access::{AdminAccessError, require_admin};
use crate::validation::{Invalid, Issue};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::departments;
use oxt_store::tickets::load_ticket_settings;

#[derive(Debug, thiserror::Error)]
pub enum CreateDepartmentError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates a department from osTicket's defaults and `changes`, with its
/// `path` under its parent's.
#[tracing::instrument(skip_all)]
pub async fn create(
    ctx: &Ctx,
    caller: &Caller,
    changes: DepartmentChanges,
) -> Result<Department, CreateDepartmentError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let records = departments::list(&tx).await?;
    let tree = Tree::new(&records);
    let target = Target {
        id: None,
        tree: &tree,
        default_dept: load_ticket_settings(&tx).await?.default_dept,
    };
    let fields = apply(&tx, &target, new_department(), changes).await??;
    let parent_path = fields.parent.map(|parent| tree.path(parent));
    let id = match departments::insert(&tx, &fields, parent_path.as_deref(), now).await {
        Ok(id) => id,
        // Another request took the name under this parent after the check.
        Err(StoreError::Conflict) => return Err(Invalid::field("name", Issue::Taken).into()),
        Err(other) => return Err(other.into()),
    };
    let records = departments::list(&tx).await?;
    let tree = Tree::new(&records);
    let created = records
        .iter()
        .find(|record| record.id == id)
        .map(|record| tree.department(record))
        .ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    tracing::info!(dept_id = %id, "department created");
    Ok(created)
}
