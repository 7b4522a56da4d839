//! The body of a filter create or edit.

use crate::http::nullable::nullable;
use oxt_filter::{ActionDraft, FilterDraft, RuleDraft};
use oxt_service::filters::{FilterChanges, FilterSubmission};
use oxt_ticket::ids::EmailId;
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

/// Filter fields, named after `ost_filter`'s columns. On create `name`,
/// `execorder`, `target` and at least one rule are required, and an absent
/// flag takes its default; on edit an absent field keeps its value, and
/// `rules` or `actions`, when given, replace all of them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FilterRequest {
    /// At most 32 characters, unique (ignoring case).
    name: Option<String>,
    /// 1 or more; filters run in ascending order.
    execorder: Option<u32>,
    /// Default `true`.
    isactive: Option<bool>,
    /// Default `false` (any rule).
    match_all_rules: Option<bool>,
    /// Default `false`.
    stop_onmatch: Option<bool>,
    /// `Any`, `Web`, `Email` or `API`.
    target: Option<String>,
    /// An existing help-desk mailbox, or `null` (and `0`) for every mailbox.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable, value_type = Option<u32>)]
    email_id: Option<Option<u32>>,
    /// `null` clears them.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(nullable, value_type = Option<String>)]
    notes: Option<Option<String>>,
    rules: Option<Vec<RuleRequest>>,
    /// In the order they should run.
    actions: Option<Vec<ActionRequest>>,
}

/// A rule: the field tested (`what`), the operator (`how`) and the value
/// (`val`). An unknown field or operator, an empty value, an `email`
/// `equal` rule whose value is no address, or a pattern that does not
/// compile or cannot run on the linear-time engine is named, with the
/// reason: `rules[2].val`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleRequest {
    what: Option<String>,
    how: Option<String>,
    val: Option<String>,
}

/// An action: its `type` and the `configuration` osTicket stores for it
/// (`{"dept_id": 3}`). A row it names that does not exist is named:
/// `actions[0].configuration.dept_id`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[schema(value_type = Option<Object>)]
    configuration: Option<Value>,
}

/// `0` is osTicket's "every mailbox".
fn mailbox(raw: Option<u32>) -> Option<EmailId> {
    raw.filter(|id| *id != 0).map(EmailId::new)
}

fn rules(sent: Vec<RuleRequest>) -> Vec<RuleDraft> {
    sent.into_iter()
        .map(|rule| RuleDraft {
            what: rule.what.unwrap_or_default(),
            how: rule.how.unwrap_or_default(),
            val: rule.val.unwrap_or_default(),
        })
        .collect()
}

fn actions(sent: Vec<ActionRequest>) -> Vec<ActionDraft> {
    sent.into_iter()
        .map(|action| ActionDraft {
            kind: action.kind.unwrap_or_default(),
            configuration: action.configuration.unwrap_or(Value::Null),
        })
        .collect()
}

impl FilterRequest {
    /// The filter as submitted for creation, absent values left for the
    /// service to name (an empty name, order 0, no target).
    pub fn into_draft(self) -> (FilterDraft, Option<String>) {
        let draft = FilterDraft {
            name: self.name.unwrap_or_default(),
            execorder: self.execorder.unwrap_or(0),
            isactive: self.isactive.unwrap_or(true),
            match_all_rules: self.match_all_rules.unwrap_or(false),
            stop_onmatch: self.stop_onmatch.unwrap_or(false),
            target: self.target.unwrap_or_default(),
            email_id: mailbox(self.email_id.flatten()),
            rules: rules(self.rules.unwrap_or_default()),
            actions: actions(self.actions.unwrap_or_default()),
        };
        (draft, self.notes.flatten())
    }
}

impl From<FilterRequest> for FilterSubmission {
    fn from(body: FilterRequest) -> Self {
        let (draft, notes) = body.into_draft();
        Self { draft, notes }
    }
}

impl From<FilterRequest> for FilterChanges {
    fn from(body: FilterRequest) -> Self {
        Self {
            name: body.name,
            execorder: body.execorder,
            isactive: body.isactive,
            match_all_rules: body.match_all_rules,
            stop_onmatch: body.stop_onmatch,
            target: body.target,
            email_id: body.email_id.map(mailbox),
            notes: body.notes,
            rules: body.rules.map(rules),
            actions: body.actions.map(actions),
        }
    }
}
