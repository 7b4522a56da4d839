//! Running a [`FilterSet`] over one ticket: which filters match and what
//! their actions ask for. Nothing is applied here.

use oxt_ticket::ids::FilterId;
use serde::Serialize;

use crate::action::{Action, Phase};
use crate::compile::{CompiledFilter, Eligibility, FilterSet};
use crate::ids::{FilterActionId, FilterRuleId};
use crate::incoming::{Incoming, php_trim};

/// How a filter run ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Open the ticket, applying the plan.
    Accepted,
    /// The sender is on the system ban list; no filter ran.
    Banned { filter: FilterId },
    /// A `reject` action matched: the ticket must not be opened.
    Rejected { filter: FilterId },
    /// A `replyto` action made the Reply-To address the sender. osTicket
    /// then starts over: the caller rebuilds the ticket data for this sender
    /// (user, organization and their form data), keeps what the plan so far
    /// set, and evaluates again, ban check included.
    SenderReplaced {
        filter: FilterId,
        email: String,
        name: Option<String>,
    },
}

/// One action to apply, and the filter that asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedAction {
    pub filter: FilterId,
    pub action_id: FilterActionId,
    pub action: Action,
}

/// A filter whose actions were taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilterMatch {
    pub filter: FilterId,
    pub name: String,
    /// Every rule for an all-rules filter, else the first that held.
    pub rules: Vec<FilterRuleId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    pub outcome: Outcome,
    /// Actions to apply, in order: filters in `execorder`, each filter's
    /// actions in `sort` order. Before creation it holds every action but
    /// `email`, ending with the `reject` or `replyto` that ended the run;
    /// after creation, the `email` actions.
    pub plan: Vec<PlannedAction>,
    /// The filters whose actions were taken, in order.
    pub matched: Vec<FilterMatch>,
    /// After creation: the department, priority, SLA, team, agent, topic
    /// and status actions of the matched filters, which osTicket records as
    /// "edited" thread events. Empty before creation.
    pub logged_changes: Vec<PlannedAction>,
}

/// Where a run stopped, so an explanation can tell reached filters from
/// the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Halt {
    Completed,
    BeforeFilters,
    AfterFilter(usize),
}

impl FilterSet {
    /// Runs the filters as osTicket's `Ticket::filterTicketData` does at one
    /// point of ticket creation. Call it with [`Phase::BeforeCreate`] on the
    /// submitted data, and with [`Phase::AfterCreate`] on the created
    /// ticket's data (which filters changed), as osTicket does.
    ///
    /// Before creation the ban list is checked first, for every channel;
    /// after creation it is not consulted again. A banned sender should not
    /// reply to an existing ticket either: check [`FilterSet::ban_list`]
    /// there (osTicket itself only checks on ticket creation).
    pub fn evaluate(&self, incoming: &Incoming, phase: Phase) -> Evaluation {
        self.run(incoming, phase).0
    }

    pub(crate) fn run(&self, incoming: &Incoming, phase: Phase) -> (Evaluation, Halt) {
        let mut evaluation = Evaluation {
            outcome: Outcome::Accepted,
            plan: Vec::new(),
            matched: Vec::new(),
            logged_changes: Vec::new(),
        };
        if phase == Phase::BeforeCreate
            && let Some(filter) = self.ban_list.filter()
            && self.ban_list.is_banned(&incoming.email)
        {
            evaluation.outcome = Outcome::Banned { filter };
            return (evaluation, Halt::BeforeFilters);
        }
        let subjects = self.subjects(incoming);
        let target = incoming.channel.target();
        for (at, filter) in self.filters.iter().enumerate() {
            if filter.eligibility(target, incoming.email_id) != Eligibility::Eligible
                || !filter.matches(&subjects)
            {
                continue;
            }
            evaluation.matched.push(FilterMatch {
                filter: filter.id,
                name: filter.name.clone(),
                rules: filter.deciding_rules(&subjects),
            });
            let ended = match phase {
                Phase::BeforeCreate => plan_before_create(filter, incoming, &mut evaluation),
                Phase::AfterCreate => {
                    plan_after_create(filter, &mut evaluation);
                    false
                }
            };
            if ended || filter.stop_on_match {
                return (evaluation, Halt::AfterFilter(at));
            }
        }
        (evaluation, Halt::Completed)
    }
}

/// Adds a matching filter's actions; true when one of them ends the run.
fn plan_before_create(
    filter: &CompiledFilter,
    incoming: &Incoming,
    evaluation: &mut Evaluation,
) -> bool {
    for compiled in &filter.actions {
        let planned = || PlannedAction {
            filter: filter.id,
            action_id: compiled.id,
            action: compiled.action.clone(),
        };
        match &compiled.action {
            Action::SendEmail(_) => {}
            Action::Reject => {
                evaluation.plan.push(planned());
                evaluation.outcome = Outcome::Rejected { filter: filter.id };
                return true;
            }
            Action::UseReplyTo => {
                // osTicket does nothing when there is no Reply-To, no sender,
                // or they are the same address.
                let sender = php_trim(&incoming.email);
                let Some(reply_to) = incoming.trimmed_reply_to().filter(|reply_to| {
                    !sender.is_empty() && !reply_to.eq_ignore_ascii_case(sender)
                }) else {
                    continue;
                };
                evaluation.plan.push(planned());
                evaluation.outcome = Outcome::SenderReplaced {
                    filter: filter.id,
                    email: reply_to.to_owned(),
                    name: incoming.trimmed_reply_to_name().map(str::to_owned),
                };
                return true;
            }
            _ => evaluation.plan.push(planned()),
        }
    }
    false
}

fn plan_after_create(filter: &CompiledFilter, evaluation: &mut Evaluation) {
    for compiled in &filter.actions {
        let planned = PlannedAction {
            filter: filter.id,
            action_id: compiled.id,
            action: compiled.action.clone(),
        };
        if compiled.action.phase() == Phase::AfterCreate {
            evaluation.plan.push(planned);
        } else if compiled.action.is_logged_after_create() {
            evaluation.logged_changes.push(planned);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::CompileError;
    use crate::field::FormFieldKey;
    use crate::incoming::Incoming;
    use crate::rule::RuleError;
    use crate::target::Channel;
    use crate::testing::filter;
    use oxt_ticket::ids::{DeptId, EmailId, FormFieldId, PriorityId, StaffId};

    const SUBJECT: &str = "field.20";

    fn ticket(channel: Channel) -> Incoming {
        let mut incoming = Incoming::new(channel, "ann@example.com", "Ann Lee");
        incoming.form_fields.insert(
            FormFieldKey::field(FormFieldId::new(20)),
            "URGENT: printer on fire".to_owned(),
        );
        incoming.message = "The printer in room 4 is on fire.".to_owned();
        incoming
    }

    fn set(definitions: Vec<crate::rows::FilterDefinition>) -> FilterSet {
        FilterSet::compile(&definitions).unwrap()
    }

    fn planned_kinds(evaluation: &Evaluation) -> Vec<(u32, &'static str)> {
        evaluation
            .plan
            .iter()
            .map(|p| (p.filter.get(), p.action.kind()))
            .collect()
    }

    fn matched_ids(evaluation: &Evaluation) -> Vec<u32> {
        evaluation.matched.iter().map(|m| m.filter.get()).collect()
    }

    #[test]
    fn filters_run_in_execorder_then_id_and_actions_in_sort_order() {
        let filters = set(vec![
            filter(1, 20)
                .rule("email", "contains", "@example.com")
                .action("noresp", "[]")
                .build(),
            filter(2, 10)
                .rule("email", "contains", "@example.com")
                .sorted_action(2, "pri", r#"{"priority":4}"#)
                .sorted_action(1, "dept", r#"{"dept_id":3}"#)
                .build(),
            filter(3, 10)
                .rule("email", "contains", "@example.com")
                .action("sla", r#"{"sla_id":1}"#)
                .build(),
        ]);
        let evaluation = filters.evaluate(&ticket(Channel::Web), Phase::BeforeCreate);
        assert_eq!(evaluation.outcome, Outcome::Accepted);
        assert_eq!(matched_ids(&evaluation), vec![2, 3, 1]);
        assert_eq!(
            planned_kinds(&evaluation),
            vec![(2, "dept"), (2, "pri"), (3, "sla"), (1, "noresp")]
        );
    }

    #[test]
    fn stop_onmatch_ends_the_run_after_its_filter() {
        let filters = set(vec![
            filter(1, 1)
                .rule("email", "contains", "nomatch")
                .stop()
                .action("noresp", "[]")
                .build(),
            filter(2, 2)
                .rule("email", "contains", "@example.com")
                .stop()
                .action("dept", r#"{"dept_id":3}"#)
                .build(),
            filter(3, 3)
                .rule("email", "contains", "@example.com")
                .action("noresp", "[]")
                .build(),
        ]);
        let evaluation = filters.evaluate(&ticket(Channel::Web), Phase::BeforeCreate);
        assert_eq!(matched_ids(&evaluation), vec![2]);
        assert_eq!(planned_kinds(&evaluation), vec![(2, "dept")]);
    }

    #[test]
    fn match_all_rules_needs_every_rule_and_otherwise_one_suffices() {
        let rules = |b: crate::testing::FilterBuilder| {
            b.rule("email", "ends", "@example.com")
                .rule(SUBJECT, "starts", "invoice")
                .action("noresp", "[]")
        };
        let filters = set(vec![
            rules(filter(1, 1).all_rules()).build(),
            rules(filter(2, 2)).build(),
        ]);
        let evaluation = filters.evaluate(&ticket(Channel::Web), Phase::BeforeCreate);
        assert_eq!(matched_ids(&evaluation), vec![2]);
        assert_eq!(
            evaluation.matched[0].rules,
            vec![crate::ids::FilterRuleId::new(201)]
        );
    }

    #[test]
    fn an_all_rules_match_reports_every_rule() {
        let filters = set(vec![
            filter(1, 1)
                .all_rules()
                .rule("email", "ends", "@example.com")
                .rule(SUBJECT, "match", "/fire$/")
                .action("noresp", "[]")
                .build(),
        ]);
        let evaluation = filters.evaluate(&ticket(Channel::Web), Phase::BeforeCreate);
        assert_eq!(
            evaluation.matched[0].rules,
            vec![
                crate::ids::FilterRuleId::new(101),
                crate::ids::FilterRuleId::new(102)
            ]
        );
    }

    #[test]
    fn a_filter_without_rules_never_matches() {
        let filters = set(vec![filter(1, 1).action("reject", "[]").build()]);
        let evaluation = filters.evaluate(&ticket(Channel::Web), Phase::BeforeCreate);
        assert_eq!(evaluation.outcome, Outcome::Accepted);
        assert!(evaluation.matched.is_empty());
    }

    #[test]
    fn filters_see_only_the_channels_they_target() {
        let filters = set(vec![
            filter(1, 1)
                .target("Any")
                .rule("name", "contains", "ann")
                .action("noresp", "[]")
                .build(),
            filter(2, 2)
                .target("Web")
                .rule("name", "contains", "ann")
                .action("noresp", "[]")
                .build(),
            filter(3, 3)
                .target("Email")
                .rule("name", "contains", "ann")
                .action("noresp", "[]")
                .build(),
            filter(4, 4)
                .target("API")
                .rule("name", "contains", "ann")
                .action("noresp", "[]")
                .build(),
        ]);
        let ids = |channel| matched_ids(&filters.evaluate(&ticket(channel), Phase::BeforeCreate));
        assert_eq!(ids(Channel::Web), vec![1, 2]);
        assert_eq!(ids(Channel::Staff), vec![1, 2]);
        assert_eq!(ids(Channel::Phone), vec![1, 2]);
        assert_eq!(ids(Channel::Email), vec![1, 3]);
        assert_eq!(ids(Channel::Api), vec![1, 4]);
        assert_eq!(ids(Channel::Other), vec![1]);
    }

    #[test]
    fn mailbox_bound_filters_see_only_their_mailbox() {
        let filters = set(vec![
            filter(1, 1)
                .target("Email")
                .mailbox(2)
                .rule("name", "contains", "ann")
                .action("noresp", "[]")
                .build(),
            filter(2, 2)
                .target("Any")
                .mailbox(2)
                .rule("name", "contains", "ann")
                .action("noresp", "[]")
                .build(),
            filter(3, 3)
                .target("Email")
                .rule("name", "contains", "ann")
                .action("noresp", "[]")
                .build(),
        ]);
        let ids = |channel, mailbox: Option<u32>| {
            let mut incoming = ticket(channel);
            incoming.email_id = mailbox.map(EmailId::new);
            matched_ids(&filters.evaluate(&incoming, Phase::BeforeCreate))
        };
        assert_eq!(ids(Channel::Email, Some(2)), vec![1, 2, 3]);
        assert_eq!(ids(Channel::Email, Some(3)), vec![3]);
        // Without a mailbox, osTicket's query keeps bound filters, but the
        // Email-target ones then fail their mailbox test.
        assert_eq!(ids(Channel::Email, None), vec![2, 3]);
        assert_eq!(ids(Channel::Web, None), vec![2]);
    }

    fn ban_list_filter() -> crate::rows::FilterDefinition {
        filter(9, 99)
            .name("SYSTEM BAN LIST")
            .target("Email")
            .rule("email", "equal", "ann@example.com")
            .action("reject", "[]")
            .build()
    }

    #[test]
    fn a_banned_sender_is_refused_on_every_channel_before_any_filter() {
        let filters = set(vec![
            filter(1, 1)
                .rule("name", "contains", "ann")
                .action("dept", r#"{"dept_id":3}"#)
                .build(),
            ban_list_filter(),
        ]);
        for channel in [
            Channel::Web,
            Channel::Api,
            Channel::Email,
            Channel::Staff,
            Channel::Other,
        ] {
            let evaluation = filters.evaluate(&ticket(channel), Phase::BeforeCreate);
            assert_eq!(
                evaluation.outcome,
                Outcome::Banned {
                    filter: FilterId::new(9)
                }
            );
            assert!(evaluation.plan.is_empty());
        }
        let mut other = ticket(Channel::Api);
        other.email = "bob@example.com".to_owned();
        assert_eq!(
            filters.evaluate(&other, Phase::BeforeCreate).outcome,
            Outcome::Accepted
        );
    }

    #[test]
    fn reject_ends_the_run_with_the_rejecting_filter() {
        let filters = set(vec![
            filter(1, 1)
                .rule(SUBJECT, "contains", "fire")
                .action("dept", r#"{"dept_id":3}"#)
                .action("reject", "[]")
                .action("pri", r#"{"priority":1}"#)
                .build(),
            filter(2, 2)
                .rule(SUBJECT, "contains", "fire")
                .action("noresp", "[]")
                .build(),
        ]);
        let evaluation = filters.evaluate(&ticket(Channel::Api), Phase::BeforeCreate);
        assert_eq!(
            evaluation.outcome,
            Outcome::Rejected {
                filter: FilterId::new(1)
            }
        );
        assert_eq!(planned_kinds(&evaluation), vec![(1, "dept"), (1, "reject")]);
    }

    #[test]
    fn reply_to_replaces_the_sender_and_asks_for_a_new_run() {
        let filters = set(vec![
            filter(1, 1)
                .rule("email", "contains", "@")
                .action("dept", r#"{"dept_id":3}"#)
                .action("replyto", "[]")
                .action("noresp", "[]")
                .build(),
        ]);
        let mut incoming = ticket(Channel::Email);
        incoming.reply_to = Some(" boss@example.com ".to_owned());
        incoming.reply_to_name = Some("The Boss".to_owned());
        let evaluation = filters.evaluate(&incoming, Phase::BeforeCreate);
        assert_eq!(
            evaluation.outcome,
            Outcome::SenderReplaced {
                filter: FilterId::new(1),
                email: "boss@example.com".to_owned(),
                name: Some("The Boss".to_owned()),
            }
        );
        assert_eq!(
            planned_kinds(&evaluation),
            vec![(1, "dept"), (1, "replyto")]
        );
    }

    #[test]
    fn reply_to_does_nothing_without_a_different_address() {
        let filters = set(vec![
            filter(1, 1)
                .rule("email", "contains", "@")
                .action("replyto", "[]")
                .action("noresp", "[]")
                .build(),
        ]);
        let mut incoming = ticket(Channel::Email);
        for reply_to in [None, Some("ANN@example.com"), Some("  ")] {
            incoming.reply_to = reply_to.map(str::to_owned);
            let evaluation = filters.evaluate(&incoming, Phase::BeforeCreate);
            assert_eq!(evaluation.outcome, Outcome::Accepted);
            assert_eq!(planned_kinds(&evaluation), vec![(1, "noresp")]);
        }
    }

    #[test]
    fn after_creation_only_emails_are_planned_and_field_changes_logged() {
        let email = r#"{"recipients":"%{user}","subject":"s","message":"m"}"#;
        let filters = set(vec![
            filter(1, 1)
                .rule("email", "contains", "@")
                .action("reject", "[]")
                .action("agent", r#"{"staff_id":5}"#)
                .action("email", email)
                .action("noresp", "[]")
                .build(),
            ban_list_filter(),
        ]);
        let evaluation = filters.evaluate(&ticket(Channel::Web), Phase::AfterCreate);
        assert_eq!(evaluation.outcome, Outcome::Accepted);
        assert_eq!(planned_kinds(&evaluation), vec![(1, "email")]);
        assert_eq!(
            evaluation
                .logged_changes
                .iter()
                .map(|p| p.action.clone())
                .collect::<Vec<_>>(),
            vec![Action::AssignAgent {
                staff_id: StaffId::new(5)
            }]
        );
    }

    #[test]
    fn actions_without_a_value_are_skipped_like_osticket() {
        let filters = set(vec![
            filter(1, 1)
                .rule("email", "contains", "@")
                .action("dept", r#"{"dept_id":0}"#)
                .action("pri", r#"{"priority_id":3}"#)
                .action("dept", r#"{"dept_id":"4"}"#)
                .build(),
        ]);
        let evaluation = filters.evaluate(&ticket(Channel::Web), Phase::BeforeCreate);
        assert_eq!(
            evaluation
                .plan
                .iter()
                .map(|p| p.action.clone())
                .collect::<Vec<_>>(),
            vec![Action::SetDepartment {
                dept_id: DeptId::new(4)
            }]
        );
    }

    #[test]
    fn many_equal_rules_on_a_field_behave_like_single_rules() {
        let mut any = filter(1, 1);
        let mut all_same = filter(2, 2).all_rules();
        let mut all_different = filter(3, 3).all_rules();
        for n in 0..6 {
            any = any.rule("email", "equal", &format!("user{n}@example.com"));
            all_same = all_same.rule(
                "email",
                "equal",
                if n % 2 == 0 {
                    "ANN@example.com"
                } else {
                    "ann@EXAMPLE.com"
                },
            );
            all_different = all_different.rule("email", "equal", &format!("user{n}@example.com"));
        }
        let filters = set(vec![
            any.rule("name", "equal", "nobody")
                .action("noresp", "[]")
                .build(),
            all_same.action("noresp", "[]").build(),
            all_different.action("noresp", "[]").build(),
        ]);
        let mut incoming = ticket(Channel::Web);
        assert_eq!(
            matched_ids(&filters.evaluate(&incoming, Phase::BeforeCreate)),
            vec![2]
        );
        incoming.email = "USER3@example.com".to_owned();
        let evaluation = filters.evaluate(&incoming, Phase::BeforeCreate);
        assert_eq!(matched_ids(&evaluation), vec![1]);
        assert_eq!(
            evaluation.matched[0].rules,
            vec![crate::ids::FilterRuleId::new(104)]
        );
    }

    #[test]
    fn strict_compilation_names_the_faulty_filter_and_rule() {
        let error = FilterSet::compile(&[filter(1, 1).rule("email", "match", "/(?<=x)y/").build()])
            .unwrap_err();
        assert!(matches!(
            &error,
            CompileError::Rule { filter, rule, source: RuleError::Pattern(_) }
                if filter.get() == 1 && rule.get() == 101
        ));
        assert!(error.to_string().contains("lookbehind"), "{error}");
        let error = FilterSet::compile(&[filter(2, 1).target("Fax").build()]).unwrap_err();
        assert_eq!(error.filter(), FilterId::new(2));
        let error = FilterSet::compile(&[filter(3, 1)
            .rule("email", "equal", "a")
            .action("dept", "{")
            .build()])
        .unwrap_err();
        assert!(matches!(error, CompileError::Action { .. }));
    }

    #[test]
    fn lenient_compilation_leaves_out_faulty_filters_and_keeps_the_rest() {
        let definitions = vec![
            filter(1, 1)
                .rule("subject", "equal", "x")
                .action("noresp", "[]")
                .build(),
            filter(2, 2)
                .rule("email", "contains", "@")
                .action("pri", r#"{"priority":2}"#)
                .build(),
            filter(3, 3)
                .inactive()
                .rule("email", "match", "/(a)\\1/")
                .build(),
        ];
        let (filters, errors) = FilterSet::compile_skipping_invalid(&definitions);
        assert_eq!(
            errors.iter().map(CompileError::filter).collect::<Vec<_>>(),
            vec![FilterId::new(1)]
        );
        assert_eq!(filters.len(), 1);
        let evaluation = filters.evaluate(&ticket(Channel::Web), Phase::BeforeCreate);
        assert_eq!(
            evaluation.plan[0].action,
            Action::SetPriority {
                priority: PriorityId::new(2)
            }
        );
        assert!(FilterSet::compile(&definitions[1..]).is_ok());
    }

    #[test]
    fn references_list_every_row_the_actions_need() {
        let filters = set(vec![
            filter(1, 1)
                .rule("email", "contains", "@")
                .action("reject", "[]")
                .action("agent", r#"{"staff_id":5}"#)
                .build(),
        ]);
        assert_eq!(
            filters.references(),
            vec![crate::compile::ActionReference {
                filter: FilterId::new(1),
                action: crate::ids::FilterActionId::new(102),
                reference: crate::action::Reference::Agent(StaffId::new(5)),
            }]
        );
    }
}
