//! Filter rows → a [`FilterSet`] that evaluates tickets without touching
//! the rows again.

use std::collections::{HashMap, HashSet};

use oxt_ticket::ids::{EmailId, FilterId};
use serde::Serialize;

use crate::action::{Action, ActionError, Configured, Reference};
use crate::banlist::BanList;
use crate::batch::{BATCH_MIN, MultiSearch, caseless_literal_pattern};
use crate::field::Field;
use crate::ids::{FilterActionId, FilterRuleId};
use crate::incoming::Incoming;
use crate::operator::Operator;
use crate::rows::FilterDefinition;
use crate::rule::{CompiledRule, PatternCache, RuleError, Subject, Test};
use crate::target::{Target, UnknownTarget};

/// Why a filter could not be compiled; names the filter and the row.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompileError {
    #[error("filter {filter}: {source}")]
    Target {
        filter: FilterId,
        #[source]
        source: UnknownTarget,
    },
    #[error("filter {filter}, rule {rule}: {source}")]
    Rule {
        filter: FilterId,
        rule: FilterRuleId,
        #[source]
        source: RuleError,
    },
    #[error("filter {filter}, action {action}: {source}")]
    Action {
        filter: FilterId,
        action: FilterActionId,
        #[source]
        source: ActionError,
    },
}

impl CompileError {
    pub fn filter(&self) -> FilterId {
        match self {
            Self::Target { filter, .. }
            | Self::Rule { filter, .. }
            | Self::Action { filter, .. } => *filter,
        }
    }
}

/// A row another table must hold for an action to work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ActionReference {
    pub filter: FilterId,
    pub action: FilterActionId,
    pub reference: Reference,
}

/// From this many `equal` rules on one field, a filter answers them with a
/// single hash lookup (the system ban list can hold thousands).
const EQUAL_SET_MIN: usize = 4;

#[derive(Debug, Clone)]
pub(crate) struct CompiledAction {
    pub id: FilterActionId,
    pub action: Action,
}

/// One step of a filter's fast decision.
#[derive(Debug, Clone)]
pub(crate) enum Check {
    Rule(usize),
    /// Lower-cased values of several `equal` rules on one field.
    EqualSet {
        slot: usize,
        values: HashSet<Box<str>>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledFilter {
    pub id: FilterId,
    pub name: String,
    pub execorder: u32,
    pub target: Target,
    pub email_id: Option<EmailId>,
    pub match_all: bool,
    pub stop_on_match: bool,
    /// In row order, for explanations and the matched rule.
    pub rules: Vec<CompiledRule>,
    /// The same rules, regrouped and cheapest first.
    pub checks: Vec<Check>,
    /// In `sort` order, without those osTicket skips for lack of a value.
    pub actions: Vec<CompiledAction>,
}

/// Whether osTicket would consider a filter for a ticket at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Eligibility {
    Eligible,
    OtherTarget,
    OtherMailbox,
}

impl CompiledFilter {
    fn compile(
        definition: &FilterDefinition,
        patterns: &mut PatternCache,
    ) -> Result<Self, CompileError> {
        let row = &definition.filter;
        let filter = row.id;
        let target =
            Target::parse(&row.target).map_err(|source| CompileError::Target { filter, source })?;
        let mut rules = definition
            .rules
            .iter()
            .map(|rule| {
                CompiledRule::compile(rule, patterns).map_err(|source| CompileError::Rule {
                    filter,
                    rule: rule.id,
                    source,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        rules.sort_by_key(|rule| rule.id);
        let mut action_rows: Vec<_> = definition.actions.iter().collect();
        action_rows.sort_by_key(|action| (action.sort, action.id));
        let mut actions = Vec::with_capacity(action_rows.len());
        for row in action_rows {
            let configured = Action::from_columns(&row.kind, row.configuration.as_deref())
                .map_err(|source| CompileError::Action {
                    filter,
                    action: row.id,
                    source,
                })?;
            if let Configured::Action(action) = configured {
                actions.push(CompiledAction { id: row.id, action });
            }
        }
        Ok(Self {
            id: filter,
            name: row.name.clone(),
            execorder: row.execorder,
            target,
            email_id: row.email_id,
            match_all: row.match_all_rules,
            stop_on_match: row.stop_onmatch,
            rules,
            checks: Vec::new(),
            actions,
        })
    }

    /// Builds `checks` once every rule knows its slot.
    fn plan_checks(&mut self) {
        let mut equal_by_slot: HashMap<usize, Vec<usize>> = HashMap::new();
        for (at, rule) in self.rules.iter().enumerate() {
            if rule.operator == Operator::Equal {
                equal_by_slot.entry(rule.slot).or_default().push(at);
            }
        }
        let mut grouped = vec![false; self.rules.len()];
        let mut checks = Vec::new();
        for (slot, members) in equal_by_slot {
            if members.len() < EQUAL_SET_MIN {
                continue;
            }
            let values = members
                .iter()
                .filter_map(|&at| match &self.rules[at].test {
                    Test::Equal(value) => Some(value.clone()),
                    _ => None,
                })
                .collect();
            for &at in &members {
                grouped[at] = true;
            }
            checks.push((0, Check::EqualSet { slot, values }));
        }
        for (at, rule) in self.rules.iter().enumerate() {
            if !grouped[at] {
                checks.push((rule.cost(), Check::Rule(at)));
            }
        }
        checks.sort_by_key(|(cost, _)| *cost);
        self.checks = checks.into_iter().map(|(_, check)| check).collect();
    }

    /// osTicket's `TicketFilter::getAllActive` plus the mailbox test at the
    /// top of `Filter::matches`.
    pub fn eligibility(&self, target: Option<Target>, email_id: Option<EmailId>) -> Eligibility {
        if self.target != Target::Any && Some(self.target) != target {
            return Eligibility::OtherTarget;
        }
        if let (Some(mailbox), Some(bound)) = (email_id, self.email_id)
            && bound != mailbox
        {
            return Eligibility::OtherMailbox;
        }
        if self.target == Target::Email && self.email_id.is_some() && self.email_id != email_id {
            return Eligibility::OtherMailbox;
        }
        Eligibility::Eligible
    }

    /// `Filter::matches`: all rules (`match_all_rules`) or any; a filter
    /// without rules never matches.
    pub fn matches(&self, subjects: &[Subject<'_>]) -> bool {
        if self.rules.is_empty() {
            return false;
        }
        let holds = |check: &Check| match check {
            Check::Rule(at) => {
                let rule = &self.rules[*at];
                rule.holds(&subjects[rule.slot])
            }
            Check::EqualSet { slot, values } => {
                let found = values.contains(subjects[*slot].lower());
                // Under AND every value must equal the subject.
                found && (!self.match_all || values.len() == 1)
            }
        };
        if self.match_all {
            self.checks.iter().all(holds)
        } else {
            self.checks.iter().any(holds)
        }
    }

    /// The rules that made a matching filter match: all of them under AND,
    /// otherwise the first that holds.
    pub fn deciding_rules(&self, subjects: &[Subject<'_>]) -> Vec<FilterRuleId> {
        if self.match_all {
            return self.rules.iter().map(|rule| rule.id).collect();
        }
        self.rules
            .iter()
            .find(|rule| rule.holds(&subjects[rule.slot]))
            .map(|rule| rule.id)
            .into_iter()
            .collect()
    }
}

/// Every active filter, compiled, in execution order, with the system ban
/// list. Build it once from the rows and build a new one when a filter
/// changes; it is immutable and can be shared between threads.
#[derive(Debug, Clone)]
pub struct FilterSet {
    pub(crate) filters: Vec<CompiledFilter>,
    /// The distinct fields the rules test; a rule's `slot` indexes this.
    pub(crate) fields: Vec<Field>,
    /// The shared search of each field, by slot.
    pub(crate) searches: Vec<Option<MultiSearch>>,
    pub(crate) ban_list: BanList,
}

impl FilterSet {
    /// Compiles the active filters; the first faulty one fails the set.
    /// Inactive filters are not compiled: osTicket never runs them.
    pub fn compile(definitions: &[FilterDefinition]) -> Result<Self, CompileError> {
        let mut patterns = PatternCache::new();
        let filters = definitions
            .iter()
            .filter(|d| d.filter.isactive)
            .map(|d| CompiledFilter::compile(d, &mut patterns))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self::assemble(
            filters,
            BanList::from_definitions(definitions),
        ))
    }

    /// Compiles what can be compiled and leaves out, with the reason, each
    /// active filter that cannot: for loading rows osTicket may have written
    /// without the checks this crate applies.
    pub fn compile_skipping_invalid(definitions: &[FilterDefinition]) -> (Self, Vec<CompileError>) {
        let mut patterns = PatternCache::new();
        let mut errors = Vec::new();
        let filters = definitions
            .iter()
            .filter(|d| d.filter.isactive)
            .filter_map(|d| {
                CompiledFilter::compile(d, &mut patterns)
                    .map_err(|error| errors.push(error))
                    .ok()
            })
            .collect();
        (
            Self::assemble(filters, BanList::from_definitions(definitions)),
            errors,
        )
    }

    fn assemble(mut filters: Vec<CompiledFilter>, ban_list: BanList) -> Self {
        // `order_by('execorder')`; MySQL returns ties in primary-key order.
        filters.sort_by_key(|filter| (filter.execorder, filter.id));
        let mut fields = Vec::new();
        let mut slots: HashMap<Field, usize> = HashMap::new();
        for filter in &mut filters {
            for rule in &mut filter.rules {
                rule.slot = *slots.entry(rule.field.clone()).or_insert_with(|| {
                    fields.push(rule.field.clone());
                    fields.len() - 1
                });
            }
        }
        let searches = share_searches(&mut filters, fields.len());
        for filter in &mut filters {
            filter.plan_checks();
        }
        Self {
            filters,
            fields,
            searches,
            ban_list,
        }
    }

    pub fn ban_list(&self) -> &BanList {
        &self.ban_list
    }

    /// The number of active filters compiled.
    pub fn len(&self) -> usize {
        self.filters.len()
    }

    pub fn is_empty(&self) -> bool {
        self.filters.is_empty()
    }

    /// Every row the compiled actions point at, for the service to check.
    pub fn references(&self) -> Vec<ActionReference> {
        self.filters
            .iter()
            .flat_map(|filter| {
                filter.actions.iter().filter_map(move |action| {
                    action.action.reference().map(|reference| ActionReference {
                        filter: filter.id,
                        action: action.id,
                        reference,
                    })
                })
            })
            .collect()
    }

    pub(crate) fn subjects<'a>(&'a self, incoming: &'a Incoming) -> Vec<Subject<'a>> {
        self.fields
            .iter()
            .zip(&self.searches)
            .map(|(field, search)| Subject::of(incoming, field, search.as_ref()))
            .collect()
    }
}

/// What one shared search looks for.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Term {
    Needle(Box<str>),
    /// By source.
    Pattern(String),
}

impl Term {
    fn of(test: &Test) -> Option<Self> {
        match test {
            Test::Contains(needle) if !needle.is_empty() => Some(Self::Needle(needle.clone())),
            Test::Pattern(pattern) if pattern.shares_search() => {
                Some(Self::Pattern(pattern.source().to_owned()))
            }
            _ => None,
        }
    }
}

/// Gives every field with many `contains` needles or shareable patterns one
/// multi-pattern search, and points each such rule at its result.
fn share_searches(filters: &mut [CompiledFilter], slots: usize) -> Vec<Option<MultiSearch>> {
    let mut patterns: Vec<Vec<String>> = vec![Vec::new(); slots];
    let mut index: HashMap<(usize, Term), usize> = HashMap::new();
    for rule in filters.iter().flat_map(|filter| &filter.rules) {
        let Some(term) = Term::of(&rule.test) else {
            continue;
        };
        let field = &mut patterns[rule.slot];
        index.entry((rule.slot, term)).or_insert_with(|| {
            field.push(match &rule.test {
                Test::Pattern(pattern) => pattern.translated().to_owned(),
                _ => caseless_literal_pattern(&rule.value),
            });
            field.len() - 1
        });
    }
    let (searches, positions): (Vec<_>, Vec<_>) = patterns
        .iter()
        .map(|patterns| {
            if patterns.len() < BATCH_MIN {
                return (None, Vec::new());
            }
            let (search, positions) = MultiSearch::build(patterns);
            (Some(search), positions)
        })
        .unzip();
    for rule in filters.iter_mut().flat_map(|filter| &mut filter.rules) {
        rule.batch = Term::of(&rule.test)
            .and_then(|term| index.get(&(rule.slot, term)))
            .and_then(|&at| positions[rule.slot].get(at).copied().flatten());
    }
    searches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Phase;
    use crate::target::Channel;
    use crate::testing::filter;

    fn body_filters(values: &[(&str, &str)]) -> Vec<FilterDefinition> {
        values
            .iter()
            .zip(1..)
            .map(|(&(how, val), id)| {
                filter(id, 1)
                    .rule("body", how, val)
                    .action("noresp", "[]")
                    .build()
            })
            .collect()
    }

    #[test]
    fn many_needles_and_patterns_on_a_field_share_one_search() {
        let filters = FilterSet::compile(&body_filters(&[
            ("contains", "PAPER jam"),
            ("dn_contain", "toner"),
            ("match", "/print(er)?\\s+down/i"),
            ("not_match", "/^re:/i"),
            ("match", "/\\burgent\\b/iu"),
            ("contains", ""),
        ]))
        .unwrap();
        let batched: Vec<bool> = filters
            .filters
            .iter()
            .map(|f| f.rules[0].batch.is_some())
            .collect();
        // The Unicode word boundary and the empty needle search on their own.
        assert_eq!(batched, vec![true, true, true, true, false, false]);
        let mut incoming = Incoming::new(Channel::Web, "a@example.com", "A");
        incoming.message = "Printer   DOWN: paper JAM again, urgent".to_owned();
        let matched: Vec<u32> = filters
            .evaluate(&incoming, Phase::BeforeCreate)
            .matched
            .iter()
            .map(|m| m.filter.get())
            .collect();
        assert_eq!(matched, vec![1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn a_filter_set_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>(_: &T) {}
        shareable(&FilterSet::compile(&[]).unwrap());
    }

    #[test]
    fn few_terms_on_a_field_search_on_their_own() {
        let filters =
            FilterSet::compile(&body_filters(&[("contains", "a"), ("match", "/b/")])).unwrap();
        assert!(filters.filters.iter().all(|f| f.rules[0].batch.is_none()));
        assert!(filters.searches.iter().all(Option::is_none));
    }
}
