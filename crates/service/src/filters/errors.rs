//! Where a filter draft is wrong, named as the API's JSON names it.

use oxt_filter::{ActionError, DraftError, Reference, RuleError};

/// One invalid value of a submitted filter: `field` is its JSON path
/// (`name`, `rules[0].val`, `actions[1].configuration.dept_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterFieldError {
    pub field: String,
    pub issue: FilterIssue,
    /// Says why, with the reason a pattern cannot be used.
    pub message: String,
}

/// What kind of wrong a [`FilterFieldError`] is, for clients that branch on
/// it rather than read the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterIssue {
    Required,
    TooLong,
    /// A field, operator, target or action type osTicket does not have, or
    /// an id naming no row.
    Unknown,
    /// A name another filter has, or a rule repeating an earlier one.
    Taken,
    /// A value of the right kind that cannot be used: a pattern that does
    /// not compile or translate, an address that is none, bad JSON.
    Invalid,
    /// A value the rules refuse here (the ban list's name).
    NotAllowed,
}

impl FilterFieldError {
    pub(crate) fn new(
        field: impl Into<String>,
        issue: FilterIssue,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            issue,
            message: message.into(),
        }
    }
}

impl From<&DraftError> for FilterFieldError {
    fn from(error: &DraftError) -> Self {
        let field = match error {
            DraftError::NameRequired | DraftError::NameTooLong => "name".to_owned(),
            DraftError::OrderRequired => "execorder".to_owned(),
            DraftError::Target(_) => "target".to_owned(),
            DraftError::NoRules => "rules".to_owned(),
            DraftError::DuplicateRule { index } => format!("rules[{index}]"),
            DraftError::Rule { index, source } => {
                let column = match source {
                    RuleError::UnknownField(_) => "what",
                    RuleError::UnknownOperator(_) => "how",
                    RuleError::Pattern(_)
                    | RuleError::ValueRequired
                    | RuleError::InvalidEmail { .. } => "val",
                };
                format!("rules[{index}].{column}")
            }
            DraftError::Action { index, source } => match source {
                ActionError::UnknownType(_) => format!("actions[{index}].type"),
                ActionError::MalformedJson { .. } | ActionError::NotAnObject(_) => {
                    format!("actions[{index}].configuration")
                }
                ActionError::InvalidValue { key, .. } | ActionError::MissingValue { key } => {
                    format!("actions[{index}].configuration.{key}")
                }
                ActionError::InvalidRecipient(_) => {
                    format!("actions[{index}].configuration.recipients")
                }
            },
        };
        let issue = match error {
            DraftError::NameRequired
            | DraftError::OrderRequired
            | DraftError::NoRules
            | DraftError::Rule {
                source: RuleError::ValueRequired,
                ..
            }
            | DraftError::Action {
                source: ActionError::MissingValue { .. },
                ..
            } => FilterIssue::Required,
            DraftError::NameTooLong => FilterIssue::TooLong,
            DraftError::Target(_)
            | DraftError::Rule {
                source: RuleError::UnknownField(_) | RuleError::UnknownOperator(_),
                ..
            }
            | DraftError::Action {
                source: ActionError::UnknownType(_),
                ..
            } => FilterIssue::Unknown,
            DraftError::DuplicateRule { .. } => FilterIssue::Taken,
            DraftError::Rule {
                source: RuleError::Pattern(_) | RuleError::InvalidEmail { .. },
                ..
            }
            | DraftError::Action {
                source:
                    ActionError::MalformedJson { .. }
                    | ActionError::NotAnObject(_)
                    | ActionError::InvalidValue { .. }
                    | ActionError::InvalidRecipient(_),
                ..
            } => FilterIssue::Invalid,
        };
        let message = match error {
            DraftError::Rule { source, .. } => source.to_string(),
            DraftError::Action { source, .. } => source.to_string(),
            other => other.to_string(),
        };
        Self {
            field,
            issue,
            message,
        }
    }
}

/// The configuration key an action names its row with.
pub(crate) fn reference_key(reference: Reference) -> &'static str {
    match reference {
        Reference::CannedResponse(_) => "canned_id",
        Reference::Department(_) => "dept_id",
        Reference::Priority(_) => "priority",
        Reference::Sla(_) => "sla_id",
        Reference::Team(_) => "team_id",
        Reference::Agent(_) => "staff_id",
        Reference::HelpTopic(_) => "topic_id",
        Reference::Status(_) => "status_id",
        Reference::Email(_) => "from",
    }
}

pub(crate) fn reference_missing(reference: Reference) -> String {
    match reference {
        Reference::CannedResponse(id) => format!("canned response {id} does not exist"),
        Reference::Department(id) => format!("department {id} does not exist"),
        Reference::Priority(id) => format!("priority {id} does not exist"),
        Reference::Sla(id) => format!("SLA {id} does not exist"),
        Reference::Team(id) => format!("team {id} does not exist"),
        Reference::Agent(id) => format!("agent {id} does not exist"),
        Reference::HelpTopic(id) => format!("help topic {id} does not exist"),
        Reference::Status(id) => format!("status {id} does not exist"),
        Reference::Email(id) => format!("e-mail account {id} does not exist"),
    }
}
