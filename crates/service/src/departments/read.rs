//! Listing departments and reading one.

use super::Department;
use super::tree::Tree;
use crate::access::{AdminAccessError, require_staff};
use crate::{Caller, Ctx};
use oxt_store::StoreError;
use oxt_store::departments;
use oxt_ticket::ids::DeptId;

#[derive(Debug, thiserror::Error)]
pub enum ListDepartmentsError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum GetDepartmentError {
    #[error(transparent)]
    Access(#[from] AdminAccessError),
    #[error("no department {0}")]
    NotFound(DeptId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Every department, by full name as osTicket lists them.
#[tracing::instrument(skip_all)]
pub async fn list(ctx: &Ctx, caller: &Caller) -> Result<Vec<Department>, ListDepartmentsError> {
    require_staff(&ctx.store, caller).await?;
    let records = departments::list(&ctx.store).await?;
    let tree = Tree::new(&records);
    let mut all: Vec<Department> = records
        .iter()
        .map(|record| tree.department(record))
        .collect();
    all.sort_by(|a, b| {
        a.full_name
            .to_lowercase()
            .cmp(&b.full_name.to_lowercase())
            .then(a.record.id.cmp(&b.record.id))
    });
    Ok(all)
}

#[tracing::instrument(skip_all, fields(dept_id = %id))]
pub async fn get(ctx: &Ctx, caller: &Caller, id: DeptId) -> Result<Department, GetDepartmentError> {
    require_staff(&ctx.store, caller).await?;
    let records = departments::list(&ctx.store).await?;
    let tree = Tree::new(&records);
    records
        .iter()
        .find(|record| record.id == id)
        .map(|record| tree.department(record))
        .ok_or(GetDepartmentError::NotFound(id))
}
