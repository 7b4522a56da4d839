//! The agent directory.

use super::directory_scope;
use crate::access::{ActorError, actor};
use crate::users::UserPaging;
use crate::{Caller, Ctx};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_store::staff::{self, StaffFilter, StaffRecord};
use oxt_store::users::Page;
use oxt_ticket::ids::DeptId;

/// What to list; every condition given must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffQuery {
    /// Primary department.
    pub dept: Option<DeptId>,
    /// Text the username, a name or the address contains (any case).
    pub text: Option<String>,
    pub is_active: Option<bool>,
    pub paging: UserPaging,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffList {
    pub items: Vec<StaffRecord>,
    /// How many staff members match in all.
    pub total: u64,
    pub paging: UserPaging,
}

#[derive(Debug, thiserror::Error)]
pub enum ListStaffError {
    #[error(transparent)]
    Caller(#[from] ActorError),
    /// End users have no directory of agents.
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The staff members the caller may see, by name, one page at a time.
#[tracing::instrument(skip_all, fields(page = query.paging.page()))]
pub async fn list(
    ctx: &Ctx,
    caller: &Caller,
    query: StaffQuery,
) -> Result<StaffList, ListStaffError> {
    let grants = actor(&ctx.store, caller).await?;
    let within = directory_scope(&grants)?;
    let filter = StaffFilter {
        dept: query.dept,
        text: query.text,
        is_active: query.is_active,
        within,
    };
    let page = staff::list(
        &ctx.store,
        &filter,
        Page {
            number: u64::from(query.paging.page()),
            size: u64::from(query.paging.per_page()),
        },
    )
    .await?;
    Ok(StaffList {
        items: page.items,
        total: page.total,
        paging: query.paging,
    })
}
