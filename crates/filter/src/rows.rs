//! The filter tables as the store reads them. Only the columns that take
//! part in evaluation are carried; `flags`, `status`, `notes` and the
//! timestamps change nothing about which tickets a filter matches.

use oxt_ticket::ids::{EmailId, FilterId};
use serde::{Deserialize, Serialize};

use crate::ids::{FilterActionId, FilterRuleId};

/// One `ost_filter` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterRow {
    pub id: FilterId,
    pub execorder: u32,
    pub isactive: bool,
    pub match_all_rules: bool,
    pub stop_onmatch: bool,
    /// The `target` enum value: `Any`, `Web`, `Email` or `API`.
    pub target: String,
    /// `email_id`, the help-desk mailbox the filter is bound to; `None` for
    /// the column's `0`.
    pub email_id: Option<EmailId>,
    pub name: String,
}

/// One `ost_filter_rule` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRow {
    pub id: FilterRuleId,
    pub filter_id: FilterId,
    pub what: String,
    pub how: String,
    pub val: String,
    /// Only the ban-list check reads it: osTicket's filters evaluate every
    /// rule of a filter whatever this flag says.
    pub isactive: bool,
}

/// One `ost_filter_action` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    pub id: FilterActionId,
    pub filter_id: FilterId,
    pub sort: u32,
    /// The `type` column.
    pub kind: String,
    /// The `configuration` column, JSON text or NULL.
    pub configuration: Option<String>,
}

/// A filter with its rules and actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterDefinition {
    pub filter: FilterRow,
    pub rules: Vec<RuleRow>,
    pub actions: Vec<ActionRow>,
}

impl FilterDefinition {
    /// Groups the three tables' rows by filter. Rules and actions of filters
    /// that do not exist are dropped, as osTicket never reaches them.
    pub fn assemble(
        filters: Vec<FilterRow>,
        rules: Vec<RuleRow>,
        actions: Vec<ActionRow>,
    ) -> Vec<Self> {
        let mut definitions: Vec<Self> = filters
            .into_iter()
            .map(|filter| Self {
                filter,
                rules: Vec::new(),
                actions: Vec::new(),
            })
            .collect();
        definitions.sort_by_key(|d| d.filter.id);
        let position = |id: FilterId, definitions: &[Self]| {
            definitions.binary_search_by_key(&id, |d| d.filter.id).ok()
        };
        for rule in rules {
            if let Some(at) = position(rule.filter_id, &definitions) {
                definitions[at].rules.push(rule);
            }
        }
        for action in actions {
            if let Some(at) = position(action.filter_id, &definitions) {
                definitions[at].actions.push(action);
            }
        }
        definitions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(id: u32) -> FilterRow {
        FilterRow {
            id: FilterId::new(id),
            execorder: 1,
            isactive: true,
            match_all_rules: false,
            stop_onmatch: false,
            target: "Any".to_owned(),
            email_id: None,
            name: format!("f{id}"),
        }
    }

    fn rule(id: u32, filter_id: u32) -> RuleRow {
        RuleRow {
            id: FilterRuleId::new(id),
            filter_id: FilterId::new(filter_id),
            what: "email".to_owned(),
            how: "equal".to_owned(),
            val: "a@example.com".to_owned(),
            isactive: true,
        }
    }

    #[test]
    fn rows_are_grouped_under_their_filter_and_orphans_dropped() {
        let definitions = FilterDefinition::assemble(
            vec![filter(2), filter(1)],
            vec![rule(10, 1), rule(11, 2), rule(12, 9)],
            vec![ActionRow {
                id: FilterActionId::new(5),
                filter_id: FilterId::new(2),
                sort: 1,
                kind: "reject".to_owned(),
                configuration: None,
            }],
        );
        assert_eq!(definitions.len(), 2);
        assert_eq!(definitions[0].filter.id, FilterId::new(1));
        assert_eq!(definitions[0].rules, vec![rule(10, 1)]);
        assert_eq!(definitions[1].rules, vec![rule(11, 2)]);
        assert_eq!(definitions[1].actions.len(), 1);
    }
}
