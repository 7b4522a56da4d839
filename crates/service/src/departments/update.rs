//! Editing a department (PATCH), re-parenting it with its subtree.

use super::Department;
use super::changes::{DepartmentChanges, Target, apply};
use super::tree::Tree;
use crate::access::{AdminAccessError, require_admin};
use crate::validation::{Invalid, Issue};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::departments;
use oxt_store::tickets::load_ticket_settings;
use oxt_ticket::ids::DeptId;

#[derive(Debug, thiserror::Error)]
pub enum UpdateDepartmentError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no department {0}")]
    NotFound(DeptId),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Applies `changes` to department `id`. Its `path` is recomputed from its
/// parent's as osTicket's `Dept::update` does, and so is every
/// subdepartment's, so that access through `path` follows the move.
#[tracing::instrument(skip_all, fields(dept_id = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: DeptId,
    changes: DepartmentChanges,
) -> Result<Department, UpdateDepartmentError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let current = departments::find(&tx, id)
        .await?
        .ok_or(UpdateDepartmentError::NotFound(id))?;
    let records = departments::list(&tx).await?;
    let tree = Tree::new(&records);
    let target = Target {
        id: Some(id),
        tree: &tree,
        default_dept: load_ticket_settings(&tx).await?.default_dept,
    };
    let fields = apply(&tx, &target, current.fields, changes).await??;
    let path =
        departments::child_path(fields.parent.map(|parent| tree.path(parent)).as_deref(), id);
    match departments::update(&tx, id, &fields, &path, now).await {
        Ok(()) => {}
        Err(StoreError::Conflict) => return Err(Invalid::field("name", Issue::Taken).into()),
        Err(other) => return Err(other.into()),
    }
    let records = departments::list(&tx).await?;
    let tree = Tree::new(&records);
    let mut moved = 0;
    for below in std::iter::once(id).chain(tree.descendants(id)) {
        let path = tree.path(below);
        let stored = records.iter().find(|record| record.id == below);
        if stored.is_some_and(|record| record.path != path) {
            departments::set_path(&tx, below, &path).await?;
            moved += 1;
        }
    }
    let records = departments::list(&tx).await?;
    let tree = Tree::new(&records);
    let updated = records
        .iter()
        .find(|record| record.id == id)
        .map(|record| tree.department(record))
        .ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    tracing::info!(paths_rewritten = moved, "department updated");
    Ok(updated)
}
