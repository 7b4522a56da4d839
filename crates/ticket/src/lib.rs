//! The ticket domain: the aggregate, its states and the rules that move it,
//! osTicket's ticket numbers, and the events every operation produces.
//!
//! Pure: no I/O, no clock. Callers pass `now` and a source of random digits.

pub mod ids;
