//! Dry run: every filter, every rule's outcome, and the plan.

use oxt_ticket::ids::FilterId;
use serde::Serialize;

use crate::action::Phase;
use crate::compile::{Eligibility, FilterSet};
use crate::evaluate::{Evaluation, Halt};
use crate::field::Field;
use crate::ids::FilterRuleId;
use crate::incoming::Incoming;
use crate::operator::Operator;
use crate::target::Target;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub phase: Phase,
    /// The target the ticket's channel maps to; `None` when only `Any`
    /// filters apply.
    pub target: Option<Target>,
    /// The value of every field a rule tests, as compared.
    pub values: Vec<FieldValue>,
    /// One entry per active filter, in execution order.
    pub filters: Vec<FilterTrace>,
    pub evaluation: Evaluation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldValue {
    pub field: Field,
    /// `None` when the ticket has no such field; rules then compare "".
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilterTrace {
    pub filter: FilterId,
    pub name: String,
    pub execorder: u32,
    pub target: Target,
    pub match_all_rules: bool,
    pub stop_onmatch: bool,
    pub status: FilterStatus,
    /// What the rules say, whether or not the filter was eligible.
    pub rules_match: bool,
    pub rules: Vec<RuleTrace>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FilterStatus {
    /// Its actions are in the plan.
    Applied,
    NotMatched,
    /// It listens to another channel.
    OtherTarget,
    /// It is bound to another help-desk mailbox.
    OtherMailbox,
    /// It matched, but the ban list or an earlier filter ended the run.
    NotReached,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleTrace {
    pub rule: FilterRuleId,
    pub field: Field,
    pub operator: Operator,
    pub value: String,
    pub holds: bool,
}

impl FilterSet {
    /// Evaluates like [`FilterSet::evaluate`] and reports on every filter.
    pub fn explain(&self, incoming: &Incoming, phase: Phase) -> Explanation {
        let (evaluation, halt) = self.run(incoming, phase);
        let subjects = self.subjects(incoming);
        let target = incoming.channel.target();
        let filters = self
            .filters
            .iter()
            .enumerate()
            .map(|(at, filter)| {
                let rules: Vec<RuleTrace> = filter
                    .rules
                    .iter()
                    .map(|rule| RuleTrace {
                        rule: rule.id,
                        field: rule.field.clone(),
                        operator: rule.operator,
                        value: rule.value.clone(),
                        holds: rule.holds(&subjects[rule.slot]),
                    })
                    .collect();
                let rules_match = !rules.is_empty()
                    && if filter.match_all {
                        rules.iter().all(|r| r.holds)
                    } else {
                        rules.iter().any(|r| r.holds)
                    };
                let reached = match halt {
                    Halt::Completed => true,
                    Halt::BeforeFilters => false,
                    Halt::AfterFilter(last) => at <= last,
                };
                let status = match filter.eligibility(target, incoming.email_id) {
                    Eligibility::OtherTarget => FilterStatus::OtherTarget,
                    Eligibility::OtherMailbox => FilterStatus::OtherMailbox,
                    Eligibility::Eligible if !rules_match => FilterStatus::NotMatched,
                    Eligibility::Eligible if reached => FilterStatus::Applied,
                    Eligibility::Eligible => FilterStatus::NotReached,
                };
                FilterTrace {
                    filter: filter.id,
                    name: filter.name.clone(),
                    execorder: filter.execorder,
                    target: filter.target,
                    match_all_rules: filter.match_all,
                    stop_onmatch: filter.stop_on_match,
                    status,
                    rules_match,
                    rules,
                }
            })
            .collect();
        let values = self
            .fields
            .iter()
            .zip(&subjects)
            .map(|(field, subject)| FieldValue {
                field: field.clone(),
                value: subject.present.then(|| subject.raw.to_string()),
            })
            .collect();
        Explanation {
            phase,
            target,
            values,
            filters,
            evaluation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::Outcome;
    use crate::target::Channel;
    use crate::testing::filter;
    use oxt_ticket::ids::EmailId;

    fn ticket() -> Incoming {
        let mut incoming = Incoming::new(Channel::Email, "ann@example.com", "Ann Lee");
        incoming.email_id = Some(EmailId::new(1));
        incoming
    }

    fn statuses(explanation: &Explanation) -> Vec<(u32, FilterStatus)> {
        explanation
            .filters
            .iter()
            .map(|trace| (trace.filter.get(), trace.status))
            .collect()
    }

    #[test]
    fn every_filter_gets_a_status_and_its_rules_outcomes() {
        let filters = FilterSet::compile(&[
            filter(1, 1)
                .rule("email", "contains", "nomatch")
                .action("noresp", "[]")
                .build(),
            filter(2, 2)
                .target("API")
                .rule("email", "contains", "@")
                .action("noresp", "[]")
                .build(),
            filter(3, 3)
                .target("Email")
                .mailbox(7)
                .rule("email", "contains", "@")
                .build(),
            filter(4, 4)
                .rule("reply-to", "equal", "x@example.com")
                .rule("name", "starts", "ann")
                .stop()
                .action("noresp", "[]")
                .build(),
            filter(5, 5)
                .rule("email", "contains", "@")
                .action("noresp", "[]")
                .build(),
            filter(6, 6).rule("email", "contains", "nomatch").build(),
        ])
        .unwrap();
        let explanation = filters.explain(&ticket(), Phase::BeforeCreate);
        assert_eq!(explanation.target, Some(Target::Email));
        assert_eq!(
            statuses(&explanation),
            vec![
                (1, FilterStatus::NotMatched),
                (2, FilterStatus::OtherTarget),
                (3, FilterStatus::OtherMailbox),
                (4, FilterStatus::Applied),
                (5, FilterStatus::NotReached),
                (6, FilterStatus::NotMatched),
            ]
        );
        assert!(explanation.filters[1].rules_match);
        let rules = &explanation.filters[3].rules;
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].field, Field::ReplyTo);
        assert!(!rules[0].holds);
        assert!(rules[1].holds);
        let value = |field: Field| {
            explanation
                .values
                .iter()
                .find(|v| v.field == field)
                .map(|v| v.value.clone())
        };
        assert_eq!(value(Field::ReplyTo), Some(None));
        assert_eq!(value(Field::Name), Some(Some("Ann Lee".to_owned())));
        assert_eq!(
            explanation.evaluation,
            filters.evaluate(&ticket(), Phase::BeforeCreate)
        );
    }

    #[test]
    fn a_ban_leaves_every_matching_filter_unreached() {
        let filters = FilterSet::compile(&[
            filter(1, 1)
                .rule("email", "contains", "@")
                .action("noresp", "[]")
                .build(),
            filter(9, 99)
                .name("SYSTEM BAN LIST")
                .target("Email")
                .rule("email", "equal", "ann@example.com")
                .action("reject", "[]")
                .build(),
        ])
        .unwrap();
        let explanation = filters.explain(&ticket(), Phase::BeforeCreate);
        assert!(matches!(
            explanation.evaluation.outcome,
            Outcome::Banned { .. }
        ));
        assert_eq!(
            statuses(&explanation),
            vec![(1, FilterStatus::NotReached), (9, FilterStatus::NotReached)]
        );
    }

    #[test]
    fn explanations_serialize_for_the_api() {
        let filters = FilterSet::compile(&[filter(1, 1)
            .rule("field.20.abb", "equal", "HW")
            .action("dept", r#"{"dept_id":2}"#)
            .build()])
        .unwrap();
        let json = serde_json::to_value(filters.explain(&ticket(), Phase::BeforeCreate)).unwrap();
        assert_eq!(json["filters"][0]["rules"][0]["field"], "field.20.abb");
        assert_eq!(json["filters"][0]["rules"][0]["operator"], "equal");
        assert_eq!(json["filters"][0]["status"], "not_matched");
        assert_eq!(json["evaluation"]["outcome"]["outcome"], "accepted");
        assert_eq!(json["target"], "Email");
    }
}
