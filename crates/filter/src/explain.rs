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
    /// One entry per active filter, in execution order.
    pub filters: Vec<FilterTrace>,
    pub evaluation: Evaluation,
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
    /// The value tested; `None` when the ticket has no such field (it is
    /// then compared as "").
    pub subject: Option<String>,
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
                    .map(|rule| {
                        let subject = &subjects[rule.slot];
                        RuleTrace {
                            rule: rule.id,
                            field: rule.field.clone(),
                            operator: rule.operator,
                            value: rule.value.clone(),
                            subject: subject.present.then(|| subject.raw.to_string()),
                            holds: rule.holds(subject),
                        }
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
        Explanation {
            phase,
            target,
            filters,
            evaluation,
        }
    }
}
