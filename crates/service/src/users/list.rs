//! Searching the user directory.

use crate::access::{ActorError, actor, require_anywhere};
use crate::{Caller, Ctx};
use oxt_perm::{AccessError, Permission};
use oxt_store::StoreError;
use oxt_store::users::{self, Page, UserRecord};

/// Which page of the directory, checked: `page` from 1, `per_page` 1 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserPaging {
    page: u32,
    per_page: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UserPagingError {
    #[error("pages count from 1")]
    PageZero,
    #[error("per_page is between 1 and {max}")]
    PerPageOutOfRange { max: u32 },
}

impl UserPaging {
    pub const DEFAULT_PER_PAGE: u32 = 25;
    pub const MAX_PER_PAGE: u32 = 100;

    /// Absent values take the defaults (page 1, 25 a page).
    pub fn parse(page: Option<u32>, per_page: Option<u32>) -> Result<Self, UserPagingError> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(Self::DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(UserPagingError::PageZero);
        }
        if !(1..=Self::MAX_PER_PAGE).contains(&per_page) {
            return Err(UserPagingError::PerPageOutOfRange {
                max: Self::MAX_PER_PAGE,
            });
        }
        Ok(Self { page, per_page })
    }

    pub fn page(self) -> u32 {
        self.page
    }

    pub fn per_page(self) -> u32 {
        self.per_page
    }
}

/// What to list: users whose name or an address contains `text` (any case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserQuery {
    pub text: Option<String>,
    pub paging: UserPaging,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserList {
    pub items: Vec<UserRecord>,
    /// How many users match in all.
    pub total: u64,
    pub paging: UserPaging,
}

#[derive(Debug, thiserror::Error)]
pub enum ListUsersError {
    #[error(transparent)]
    Caller(#[from] ActorError),
    /// Not a staff member holding `user.dir` (and not the user themselves).
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The directory is osTicket's staff tool behind `user.dir`; end users are
/// refused (403).
#[tracing::instrument(skip_all, fields(page = query.paging.page))]
pub async fn list(
    ctx: &Ctx,
    caller: &Caller,
    query: UserQuery,
) -> Result<UserList, ListUsersError> {
    let grants = actor(&ctx.store, caller).await?;
    require_anywhere(&grants, Permission::UserDirectory)?;
    let page = users::list(
        &ctx.store,
        query.text.as_deref(),
        Page {
            number: u64::from(query.paging.page),
            size: u64::from(query.paging.per_page),
        },
    )
    .await?;
    Ok(UserList {
        items: page.items,
        total: page.total,
        paging: query.paging,
    })
}
