//! osTicket 1.18 ticket filters, compiled for fast, explainable evaluation.
//!
//! The rows of `ost_filter`, `ost_filter_rule` and `ost_filter_action`
//! ([`FilterDefinition`]) compile into a [`FilterSet`]: rules parsed into
//! typed [`Field`]s and [`Operator`]s, PHP `preg_match` patterns translated
//! to the linear-time [`regex`] engine ([`pcre`]), actions decoded from their
//! JSON configuration ([`Action`]), and the system [`BanList`].
//!
//! [`FilterSet::evaluate`] runs the filters over an [`Incoming`] ticket in
//! `execorder`, honouring targets, mailboxes, `match_all_rules` and
//! `stop_onmatch`, and returns an [`Evaluation`]: the [`Outcome`], the
//! ordered plan of actions and the filters (and rules) that matched. It
//! changes nothing. [`FilterSet::explain`] adds every rule's outcome, for a
//! dry run. [`FilterDraft::validate`] checks a filter before it is saved.
//!
//! Semantics follow osTicket where a ticket could tell the difference:
//! comparisons fold ASCII letters only, a field the ticket lacks compares as
//! "", values are trimmed as PHP's `trim()` does (except the legacy `body`),
//! a rule's own `isactive` flag is ignored by filters (only the ban check
//! reads it), and actions without a value are skipped.
//!
//! Speed: each field's value is read once per evaluation; rules on the same
//! field that search it (`contains`, `match`) share one multi-pattern pass,
//! many `equal` rules of one filter (a ban list) become one hash lookup, and
//! within a filter cheap rules decide before dear ones.

mod action;
mod banlist;
mod batch;
mod compile;
mod draft;
mod evaluate;
mod explain;
mod field;
mod ids;
mod incoming;
mod operator;
pub mod pcre;
mod rows;
mod rule;
mod target;
#[cfg(test)]
mod testing;

pub use action::{Action, ActionError, Phase, Reference, SendEmail};
pub use banlist::{BanList, BanListError, NewBanRule};
pub use compile::{ActionReference, CompileError, FilterSet};
pub use draft::{
    ActionDraft, DraftError, FilterDraft, InvalidFilter, MAX_NAME_CHARS, NewAction, NewRule,
    RuleDraft, ValidatedFilter,
};
pub use evaluate::{Evaluation, FilterMatch, Outcome, PlannedAction};
pub use explain::{Explanation, FieldValue, FilterStatus, FilterTrace, RuleTrace};
pub use field::{Field, FormFieldKey, ListItemProperty, UnknownField};
pub use ids::{FilterActionId, FilterRuleId};
pub use incoming::{Incoming, Recipient};
pub use operator::{Operator, UnknownOperator};
pub use rows::{ActionRow, FilterDefinition, FilterRow, RuleRow};
pub use rule::RuleError;
pub use target::{Channel, Target, UnknownTarget};
