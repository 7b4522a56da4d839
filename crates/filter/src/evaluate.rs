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
    /// Before creation the ban list is checked first, for every channel. A
    /// banned sender should not reply to an existing ticket either; check
    /// [`FilterSet::ban_list`] there.
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
fn plan_before_create(filter: &CompiledFilter, incoming: &Incoming, evaluation: &mut Evaluation) -> bool {
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
                let Some(reply_to) = incoming
                    .trimmed_reply_to()
                    .filter(|reply_to| !sender.is_empty() && !reply_to.eq_ignore_ascii_case(sender))
                else {
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
