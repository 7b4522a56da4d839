//! osTicket's ticket filters and system ban list: the compiled set every
//! ticket creation runs ([`FilterCache`]), how creation applies it
//! (`apply`), the filter editor's use cases, the ban list's, and the dry
//! run.

pub(crate) mod apply;
mod banlist;
mod cache;
mod delete;
mod dry_run;
mod errors;
mod read;
mod save;

pub use apply::{
    CANNED_REPLY_TOPIC, FILTER_EMAIL_TOPIC, FilterRejection, MailEnvelope, SenderBanned,
};
pub use banlist::{BanError, BanListAccessError, NewBan, UnbanError, ban, list_banned, unban};
pub use cache::FilterCache;
pub use delete::{DeleteFilterError, delete};
pub use dry_run::{DRAFT_FILTER_ID, DryRun, DryRunError, TicketToTry, test};
pub use errors::{FilterFieldError, FilterIssue};
pub use oxt_store::filters::{BanRule, FilterRecord};
pub use read::{ReadFiltersError, get, list};
pub use save::{FilterChanges, FilterSubmission, SaveFilterError, create, update};
