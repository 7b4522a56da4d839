//! osTicket ticket filters.
pub mod pcre;
