//! Builders for filter rows in unit tests.

use oxt_ticket::ids::{EmailId, FilterId};

use crate::ids::{FilterActionId, FilterRuleId};
use crate::rows::{ActionRow, FilterDefinition, FilterRow, RuleRow};

pub(crate) struct FilterBuilder(FilterDefinition);

/// An active `Any` filter with OR rules and no stop; rule and action ids are
/// `id * 100 + n`, in the order they are added.
pub(crate) fn filter(id: u32, execorder: u32) -> FilterBuilder {
    FilterBuilder(FilterDefinition {
        filter: FilterRow {
            id: FilterId::new(id),
            execorder,
            isactive: true,
            match_all_rules: false,
            stop_onmatch: false,
            target: "Any".to_owned(),
            email_id: None,
            name: format!("filter {id}"),
        },
        rules: Vec::new(),
        actions: Vec::new(),
    })
}

impl FilterBuilder {
    pub fn name(mut self, name: &str) -> Self {
        name.clone_into(&mut self.0.filter.name);
        self
    }

    pub fn target(mut self, target: &str) -> Self {
        target.clone_into(&mut self.0.filter.target);
        self
    }

    pub fn mailbox(mut self, email_id: u32) -> Self {
        self.0.filter.email_id = Some(EmailId::new(email_id));
        self
    }

    pub fn all_rules(mut self) -> Self {
        self.0.filter.match_all_rules = true;
        self
    }

    pub fn stop(mut self) -> Self {
        self.0.filter.stop_onmatch = true;
        self
    }

    pub fn inactive(mut self) -> Self {
        self.0.filter.isactive = false;
        self
    }

    pub fn rule(mut self, what: &str, how: &str, val: &str) -> Self {
        let id = self.0.filter.id.get() * 100 + u32::try_from(self.0.rules.len()).unwrap_or(99) + 1;
        self.0.rules.push(RuleRow {
            id: FilterRuleId::new(id),
            filter_id: self.0.filter.id,
            what: what.to_owned(),
            how: how.to_owned(),
            val: val.to_owned(),
            isactive: true,
        });
        self
    }

    /// An action with `sort` equal to its position unless given otherwise.
    pub fn action(self, kind: &str, configuration: &str) -> Self {
        let sort = u32::try_from(self.0.actions.len()).unwrap_or(99) + 1;
        self.sorted_action(sort, kind, configuration)
    }

    pub fn sorted_action(mut self, sort: u32, kind: &str, configuration: &str) -> Self {
        let id =
            self.0.filter.id.get() * 100 + u32::try_from(self.0.actions.len()).unwrap_or(99) + 1;
        self.0.actions.push(ActionRow {
            id: FilterActionId::new(id),
            filter_id: self.0.filter.id,
            sort,
            kind: kind.to_owned(),
            configuration: Some(configuration.to_owned()),
        });
        self
    }

    pub fn build(self) -> FilterDefinition {
        self.0
    }
}
