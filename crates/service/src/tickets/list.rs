//! Listing tickets: filtered, sorted, one page at a time, with the total.

use crate::access::{ActorError, actor};
use crate::{Caller, Ctx};
use oxt_perm::{searchable, visible};
use oxt_store::StoreError;
use oxt_store::tickets::{
    TicketFilter, TicketOrder, TicketPageRequest, TicketSortKey, TicketSummary, list_tickets,
};

/// Which page of a list to read. `page` counts from 1; `per_page` is 1 to
/// [`Paging::MAX_PER_PAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    page: u32,
    per_page: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PagingError {
    #[error("page counts from 1")]
    PageZero,
    #[error("per_page must be between 1 and {max}")]
    PerPageOutOfRange { max: u32 },
}

impl Paging {
    pub const DEFAULT_PER_PAGE: u32 = 25;
    pub const MAX_PER_PAGE: u32 = 100;

    /// The first page of the default size.
    pub const FIRST: Self = Self {
        page: 1,
        per_page: Self::DEFAULT_PER_PAGE,
    };

    pub fn parse(page: Option<u32>, per_page: Option<u32>) -> Result<Self, PagingError> {
        let page = page.unwrap_or(1);
        if page == 0 {
            return Err(PagingError::PageZero);
        }
        let per_page = per_page.unwrap_or(Self::DEFAULT_PER_PAGE);
        if !(1..=Self::MAX_PER_PAGE).contains(&per_page) {
            return Err(PagingError::PerPageOutOfRange {
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

    /// How many items come before this page.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }
}

/// What to list: the filter, the order and the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketQuery {
    pub filter: TicketFilter,
    pub order: TicketOrder,
    pub paging: Paging,
}

impl TicketQuery {
    /// Newest first, as osTicket's queues show tickets.
    pub const DEFAULT_ORDER: TicketOrder = TicketOrder {
        key: TicketSortKey::Created,
        descending: true,
    };
}

/// One page of tickets and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketList {
    pub items: Vec<TicketSummary>,
    /// How many tickets match, when `total_exact`; otherwise
    /// [`TOTAL_COUNT_CAP`], which more tickets than that match.
    pub total: u64,
    pub total_exact: bool,
    pub paging: Paging,
}

/// How far a list counts the tickets it matches. Counting all of a predicate
/// that matches most of a million tickets takes the better part of a second
/// on MariaDB, the page itself a few milliseconds; past this many, a client
/// learns "more than 10,000", which is what a pager needs.
pub const TOTAL_COUNT_CAP: u64 = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum ListTicketsError {
    #[error(transparent)]
    Caller(#[from] ActorError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The page of tickets matching `query` among those `caller` may see: one
/// query for the page and one capped count, run side by side, both narrowed by
/// `oxt_perm::visible` (or, for a text search, `oxt_perm::searchable`, which
/// lets staff holding `search.all` search every ticket as osTicket does).
#[tracing::instrument(skip_all, fields(page = query.paging.page, per_page = query.paging.per_page))]
pub async fn list(
    ctx: &Ctx,
    caller: &Caller,
    query: TicketQuery,
) -> Result<TicketList, ListTicketsError> {
    // Reads only: no transaction, so the page and the count can run at once
    // on two pooled connections (a count may then see a ticket the page,
    // read a moment apart, does not).
    let db = &ctx.store;
    let actor = actor(db, caller).await?;
    let allowed = if query.filter.text.is_some() {
        searchable(&actor)
    } else {
        visible(&actor)
    };
    let page = list_tickets(
        db,
        &query.filter,
        &allowed,
        query.order,
        TicketPageRequest {
            offset: query.paging.offset(),
            limit: u64::from(query.paging.per_page),
            count_cap: TOTAL_COUNT_CAP,
        },
    )
    .await?;
    Ok(TicketList {
        items: page.items,
        total: page.total,
        total_exact: page.total_exact,
        paging: query.paging,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_defaults_to_the_first_page_of_25() {
        assert_eq!(Paging::parse(None, None), Ok(Paging::FIRST));
        assert_eq!(Paging::FIRST.offset(), 0);
    }

    #[test]
    fn page_three_of_ten_skips_twenty() {
        assert_eq!(Paging::parse(Some(3), Some(10)).unwrap().offset(), 20);
    }

    #[test]
    fn page_zero_is_rejected() {
        assert_eq!(Paging::parse(Some(0), None), Err(PagingError::PageZero));
    }

    #[test]
    fn per_page_above_100_or_zero_is_rejected() {
        let out_of_range = Err(PagingError::PerPageOutOfRange { max: 100 });
        assert_eq!(Paging::parse(None, Some(101)), out_of_range);
        assert_eq!(Paging::parse(None, Some(0)), out_of_range);
        assert!(Paging::parse(None, Some(100)).is_ok());
    }
}
