//! Where a filter draft is wrong, named as the API's JSON names it.

use oxt_filter::{ActionError, DraftError, Reference, RuleError};

/// One invalid value of a submitted filter: `field` is its JSON path
/// (`name`, `rules[0].val`, `actions[1].config.dept_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterFieldError {
    pub field: String,
    pub message: String,
}

impl FilterFieldError {
    pub(crate) fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
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
                    format!("actions[{index}].config")
                }
                ActionError::InvalidValue { key, .. } | ActionError::MissingValue { key } => {
                    format!("actions[{index}].config.{key}")
                }
                ActionError::InvalidRecipient(_) => format!("actions[{index}].config.recipients"),
            },
        };
        let message = match error {
            DraftError::Rule { source, .. } => source.to_string(),
            DraftError::Action { source, .. } => source.to_string(),
            other => other.to_string(),
        };
        Self { field, message }
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
