//! osTicket's ticket filters (`ost_filter`, `ost_filter_rule`,
//! `ost_filter_action`): the rows `oxt-filter` compiles, the change marker the
//! service's filter cache polls, the writes of the filter editor, and the
//! system ban list's rules.

mod banlist;
mod outbox;
mod read;
mod references;
mod write;

pub use banlist::{BanRule, insert_ban_rule, list_ban_rules};
pub use outbox::queue_outbox_event;
pub use read::{
    FilterRecord, FiltersMarker, TableMarker, filters_marker, find_filter, list_filters,
    load_filter_definitions,
};
pub use references::{CannedReply, find_canned_reply, reference_exists, reference_name};
pub use write::{
    delete_filter, delete_filter_rules, filter_name_taken, insert_filter, replace_filter,
};
