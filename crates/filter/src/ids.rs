//! Identifiers of the filter child tables, which `oxt_ticket::ids` does not
//! cover because nothing outside filters refers to them.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! row_id {
    ($($(#[$meta:meta])* $name:ident;)+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(u32);

        impl $name {
            pub const fn new(raw: u32) -> Self {
                Self(raw)
            }

            pub const fn get(self) -> u32 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

row_id! {
    /// `ost_filter_rule.id`
    FilterRuleId;
    /// `ost_filter_action.id`
    FilterActionId;
}
