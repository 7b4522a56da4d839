//! Saving a filter: the checks osTicket's editor makes (`Filter::update`,
//! `validate_rules`, `validate_actions`), plus refusing what the filter set
//! could not compile, and the values to store.

use std::collections::HashSet;

use oxt_ticket::contact::EmailAddress;
use oxt_ticket::ids::EmailId;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::action::{Action, ActionError, Configured, Reference};
use crate::banlist::collation_key;
use crate::field::Field;
use crate::operator::Operator;
use crate::pcre::Pattern;
use crate::rule::RuleError;
use crate::target::{Target, UnknownTarget};

/// `ost_filter.name` is `varchar(32)`.
pub const MAX_NAME_CHARS: usize = 32;

/// A filter as an administrator submits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilterDraft {
    pub name: String,
    pub execorder: u32,
    pub isactive: bool,
    pub match_all_rules: bool,
    pub stop_onmatch: bool,
    pub target: String,
    pub email_id: Option<EmailId>,
    pub rules: Vec<RuleDraft>,
    /// In the order they should run.
    pub actions: Vec<ActionDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleDraft {
    pub what: String,
    pub how: String,
    pub val: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionDraft {
    /// The action type (`dept`, `reject`, …).
    pub kind: String,
    /// Its settings, keyed as osTicket stores them (`{"dept_id": 3}`).
    pub configuration: Value,
}

/// A filter ready to store. Whether the rows its actions reference exist
/// (and departments and topics are active) is for the caller to check, from
/// [`ValidatedFilter::references`]; so is the name being unused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidatedFilter {
    pub name: String,
    pub execorder: u32,
    pub isactive: bool,
    pub match_all_rules: bool,
    pub stop_onmatch: bool,
    pub target: Target,
    pub email_id: Option<EmailId>,
    pub rules: Vec<NewRule>,
    pub actions: Vec<NewAction>,
}

/// An `ost_filter_rule` row to insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRule {
    pub what: Field,
    pub how: Operator,
    /// As osTicket stores it: trimmed, and a bare expression wrapped as
    /// `/…/iu`.
    pub val: String,
}

/// An `ost_filter_action` row to insert: `type` is `action.kind()`,
/// `configuration` is `action.configuration()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAction {
    pub sort: u32,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DraftError {
    #[error("a name is required")]
    NameRequired,
    #[error("the name has more than {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("an execution order (1 or more) is required")]
    OrderRequired,
    #[error(transparent)]
    Target(#[from] UnknownTarget),
    #[error("at least one rule is required")]
    NoRules,
    #[error("rule {index}: {source}")]
    Rule {
        index: usize,
        #[source]
        source: RuleError,
    },
    /// The rules table allows one row per field, operator and value.
    #[error("rule {index} repeats an earlier rule")]
    DuplicateRule { index: usize },
    #[error("action {index}: {source}")]
    Action {
        index: usize,
        #[source]
        source: ActionError,
    },
}

/// Every problem found in a draft, in field order.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the filter cannot be saved: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct InvalidFilter(pub Vec<DraftError>);

impl FilterDraft {
    pub fn validate(&self) -> Result<ValidatedFilter, InvalidFilter> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(DraftError::NameRequired);
        } else if name.chars().count() > MAX_NAME_CHARS {
            errors.push(DraftError::NameTooLong);
        }
        if self.execorder == 0 {
            errors.push(DraftError::OrderRequired);
        }
        let target = Target::parse(&self.target)
            .map_err(|e| errors.push(e.into()))
            .ok();
        if self.rules.is_empty() {
            errors.push(DraftError::NoRules);
        }
        let mut rules = Vec::with_capacity(self.rules.len());
        let mut seen = HashSet::new();
        for (index, draft) in self.rules.iter().enumerate() {
            match validate_rule(draft) {
                Ok(rule) => {
                    if seen.insert((rule.what.clone(), rule.how, collation_key(&rule.val))) {
                        rules.push(rule);
                    } else {
                        errors.push(DraftError::DuplicateRule { index });
                    }
                }
                Err(source) => errors.push(DraftError::Rule { index, source }),
            }
        }
        let mut actions = Vec::with_capacity(self.actions.len());
        for (index, draft) in self.actions.iter().enumerate() {
            match validate_action(draft) {
                Ok(action) => actions.push(NewAction {
                    sort: u32::try_from(index + 1).unwrap_or(u32::MAX),
                    action,
                }),
                Err(source) => errors.push(DraftError::Action { index, source }),
            }
        }
        match target {
            Some(target) if errors.is_empty() => Ok(ValidatedFilter {
                name: name.to_owned(),
                execorder: self.execorder,
                isactive: self.isactive,
                match_all_rules: self.match_all_rules,
                stop_onmatch: self.stop_onmatch,
                target,
                email_id: self.email_id,
                rules,
                actions,
            }),
            _ => Err(InvalidFilter(errors)),
        }
    }
}

impl ValidatedFilter {
    /// The rows the actions point at, by action index.
    pub fn references(&self) -> Vec<(usize, Reference)> {
        self.actions
            .iter()
            .enumerate()
            .filter_map(|(index, new)| new.action.reference().map(|r| (index, r)))
            .collect()
    }
}

fn validate_rule(draft: &RuleDraft) -> Result<NewRule, RuleError> {
    let what = Field::parse(&draft.what)?;
    let how = Operator::parse(&draft.how)?;
    let value = draft.val.trim();
    if value.is_empty() {
        return Err(RuleError::ValueRequired);
    }
    if what == Field::Email && how == Operator::Equal {
        EmailAddress::parse(value).map_err(|reason| RuleError::InvalidEmail {
            value: value.to_owned(),
            reason,
        })?;
    }
    let val = if how.takes_pattern() {
        Pattern::parse_for_save(value)
            .map_err(RuleError::Pattern)?
            .source()
            .to_owned()
    } else {
        value.to_owned()
    };
    Ok(NewRule { what, how, val })
}

fn validate_action(draft: &ActionDraft) -> Result<Action, ActionError> {
    let action = match Action::from_configuration(&draft.kind, &draft.configuration)? {
        Configured::Action(action) => action,
        Configured::Unset { key } => return Err(ActionError::MissingValue { key }),
    };
    if let Action::SendEmail(send) = &action {
        send.check_recipients()?;
        if send.subject.trim().is_empty() {
            return Err(ActionError::MissingValue { key: "subject" });
        }
        if send.message.trim().is_empty() {
            return Err(ActionError::MissingValue { key: "message" });
        }
    }
    Ok(action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pcre::{PatternError, UnsupportedConstruct};
    use oxt_ticket::ids::DeptId;
    use serde_json::json;

    fn draft() -> FilterDraft {
        FilterDraft {
            name: "Urgent mail".to_owned(),
            execorder: 1,
            isactive: true,
            match_all_rules: false,
            stop_onmatch: false,
            target: "Email".to_owned(),
            email_id: None,
            rules: vec![RuleDraft {
                what: "field.20".to_owned(),
                how: "match".to_owned(),
                val: " ^urgent ".to_owned(),
            }],
            actions: vec![ActionDraft {
                kind: "dept".to_owned(),
                configuration: json!({"dept_id": 3}),
            }],
        }
    }

    #[test]
    fn a_valid_draft_becomes_rows_with_osticket_normalisation() {
        let filter = draft().validate().unwrap();
        assert_eq!(filter.target, Target::Email);
        assert_eq!(filter.rules[0].val, "/^urgent/iu");
        assert_eq!(filter.actions[0].sort, 1);
        assert_eq!(
            filter.references(),
            vec![(0, Reference::Department(DeptId::new(3)))]
        );
    }

    #[test]
    fn filter_level_problems_are_all_reported() {
        let mut bad = draft();
        bad.name = "  ".to_owned();
        bad.execorder = 0;
        bad.target = "Fax".to_owned();
        bad.rules.clear();
        assert_eq!(
            bad.validate().unwrap_err().0,
            vec![
                DraftError::NameRequired,
                DraftError::OrderRequired,
                DraftError::Target(UnknownTarget("Fax".to_owned())),
                DraftError::NoRules,
            ]
        );
        let mut long = draft();
        long.name = "x".repeat(33);
        assert_eq!(
            long.validate().unwrap_err().0,
            vec![DraftError::NameTooLong]
        );
    }

    #[test]
    fn an_untranslatable_regex_is_refused_with_its_reason() {
        let mut bad = draft();
        bad.rules[0].val = "/(a)\\1/".to_owned();
        let errors = bad.validate().unwrap_err().0;
        assert!(matches!(
            &errors[..],
            [DraftError::Rule {
                index: 0,
                source: RuleError::Pattern(PatternError::Unsupported {
                    construct: UnsupportedConstruct::Backreference,
                    ..
                })
            }]
        ));
        assert!(errors[0].to_string().contains("backreference"));
    }

    #[test]
    fn rule_values_are_checked_like_the_osticket_editor() {
        let check = |what: &str, how: &str, val: &str| {
            validate_rule(&RuleDraft {
                what: what.to_owned(),
                how: how.to_owned(),
                val: val.to_owned(),
            })
        };
        assert_eq!(
            check("email", "contains", "  "),
            Err(RuleError::ValueRequired)
        );
        assert!(matches!(
            check("email", "equal", "not-an-address"),
            Err(RuleError::InvalidEmail { .. })
        ));
        assert!(check("email", "contains", "not-an-address").is_ok());
        assert!(matches!(
            check("subject", "equal", "x"),
            Err(RuleError::UnknownField(_))
        ));
        assert!(matches!(
            check("email", "is", "x"),
            Err(RuleError::UnknownOperator(_))
        ));
    }

    #[test]
    fn repeated_rules_are_refused_as_the_unique_key_would() {
        let mut bad = draft();
        bad.rules.push(RuleDraft {
            what: "field.20".to_owned(),
            how: "match".to_owned(),
            val: "/^URGENT/iu".to_owned(),
        });
        bad.rules.push(RuleDraft {
            what: "field.20".to_owned(),
            how: "match".to_owned(),
            val: "/^urgent/iu".to_owned(),
        });
        assert_eq!(
            bad.validate().unwrap_err().0,
            vec![
                DraftError::DuplicateRule { index: 1 },
                DraftError::DuplicateRule { index: 2 }
            ]
        );
    }

    #[test]
    fn actions_need_their_values() {
        let check = |kind: &str, configuration: Value| {
            validate_action(&ActionDraft {
                kind: kind.to_owned(),
                configuration,
            })
        };
        assert_eq!(
            check("dept", json!({})),
            Err(ActionError::MissingValue { key: "dept_id" })
        );
        assert_eq!(
            check(
                "email",
                json!({"recipients": "a@example.com", "subject": "", "message": "m"})
            ),
            Err(ActionError::MissingValue { key: "subject" })
        );
        assert_eq!(
            check(
                "email",
                json!({"recipients": "a@example.com", "subject": "s", "message": " "})
            ),
            Err(ActionError::MissingValue { key: "message" })
        );
        assert_eq!(
            check(
                "email",
                json!({"recipients": "nobody", "subject": "s", "message": "m"})
            ),
            Err(ActionError::InvalidRecipient("nobody".to_owned()))
        );
        assert_eq!(check("noresp", json!([])), Ok(Action::DisableAutoResponse));
        assert_eq!(
            check("bounce", json!([])),
            Err(ActionError::UnknownType("bounce".to_owned()))
        );
    }
}
