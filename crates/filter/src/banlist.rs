//! osTicket's system ban list: the filter named `SYSTEM BAN LIST`, whose
//! `email` rules hold the banned addresses and whose action is `reject`.

use std::collections::HashMap;

use oxt_ticket::contact::EmailAddress;
use oxt_ticket::ids::FilterId;

use crate::action::Action;
use crate::draft::{NewAction, NewRule, ValidatedFilter};
use crate::field::Field;
use crate::ids::FilterRuleId;
use crate::operator::Operator;
use crate::rows::FilterDefinition;
use crate::target::Target;

/// The banned addresses, read from the ban-list filter's rules.
#[derive(Debug, Clone, Default)]
pub struct BanList {
    filter: Option<FilterId>,
    active: bool,
    /// By [`collation_key`] of the rule value.
    entries: HashMap<String, Vec<BanEntry>>,
}

#[derive(Debug, Clone)]
struct BanEntry {
    rule: FilterRuleId,
    active: bool,
    equal: bool,
}

/// One rule row to insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBanRule {
    pub filter: FilterId,
    pub rule: NewRule,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BanListError {
    #[error("there is no `SYSTEM BAN LIST` filter; create it first")]
    MissingFilter,
    #[error("{0} is already on the ban list")]
    AlreadyListed(EmailAddress),
}

/// How MySQL's `utf8_general_ci` columns compare the rule value with an
/// address: case-insensitively and ignoring trailing spaces. (It also
/// equates some accented letters; e-mail addresses rarely carry any.)
pub(crate) fn collation_key(value: &str) -> String {
    value.trim_end_matches(' ').to_lowercase()
}

impl BanList {
    /// The filter's name, compared case-insensitively as osTicket does.
    pub const FILTER_NAME: &'static str = "SYSTEM BAN LIST";
    pub const FILTER_NOTES: &'static str = "Internal list for email banning. Do not remove";

    /// Finds the ban-list filter among all filters, active or not.
    pub fn from_definitions(definitions: &[FilterDefinition]) -> Self {
        let Some(definition) = definitions
            .iter()
            .filter(|d| d.filter.name.eq_ignore_ascii_case(Self::FILTER_NAME))
            .min_by_key(|d| d.filter.id)
        else {
            return Self::default();
        };
        let mut entries: HashMap<String, Vec<BanEntry>> = HashMap::new();
        for rule in definition
            .rules
            .iter()
            .filter(|rule| rule.what.eq_ignore_ascii_case("email"))
        {
            entries
                .entry(collation_key(&rule.val))
                .or_default()
                .push(BanEntry {
                    rule: rule.id,
                    active: rule.isactive,
                    equal: rule.how == Operator::Equal.as_str(),
                });
        }
        Self {
            filter: Some(definition.filter.id),
            active: definition.filter.isactive,
            entries,
        }
    }

    /// The ban-list filter, if the help desk has one.
    pub fn filter(&self) -> Option<FilterId> {
        self.filter
    }

    /// osTicket's `Banlist::isBanned`: the filter is active and an active
    /// `email` rule holds the address (whatever its operator says).
    pub fn is_banned(&self, email: &str) -> bool {
        self.active
            && self
                .entries
                .get(&collation_key(email))
                .is_some_and(|entries| entries.iter().any(|entry| entry.active))
    }

    /// `Banlist::includes`: an `email equal` rule holds the address, active
    /// or not.
    pub fn includes(&self, email: &str) -> bool {
        self.entries
            .get(&collation_key(email))
            .is_some_and(|entries| entries.iter().any(|entry| entry.equal))
    }

    /// `Banlist::add`: the rule row banning `email`.
    pub fn rule_to_add(&self, email: &EmailAddress) -> Result<NewBanRule, BanListError> {
        let filter = self.filter.ok_or(BanListError::MissingFilter)?;
        if self.includes(email.as_str()) {
            return Err(BanListError::AlreadyListed(email.clone()));
        }
        Ok(NewBanRule {
            filter,
            rule: NewRule {
                what: Field::Email,
                how: Operator::Equal,
                val: email.as_str().to_owned(),
            },
        })
    }

    /// `Banlist::remove`: the rule rows to delete to lift a ban.
    pub fn rules_to_remove(&self, email: &str) -> Vec<FilterRuleId> {
        self.entries
            .get(&collation_key(email))
            .into_iter()
            .flatten()
            .filter(|entry| entry.equal)
            .map(|entry| entry.rule)
            .collect()
    }

    /// The ban-list filter as a fresh osTicket install creates it, for a
    /// help desk that has none.
    pub fn system_filter() -> ValidatedFilter {
        ValidatedFilter {
            name: Self::FILTER_NAME.to_owned(),
            execorder: 99,
            isactive: true,
            match_all_rules: false,
            stop_onmatch: false,
            target: Target::Email,
            email_id: None,
            rules: Vec::new(),
            actions: vec![NewAction {
                sort: 1,
                action: Action::Reject,
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rows::{FilterRow, RuleRow};

    fn definition(name: &str, isactive: bool, rules: Vec<RuleRow>) -> FilterDefinition {
        FilterDefinition {
            filter: FilterRow {
                id: FilterId::new(1),
                execorder: 99,
                isactive,
                match_all_rules: false,
                stop_onmatch: false,
                target: "Email".to_owned(),
                email_id: None,
                name: name.to_owned(),
            },
            rules,
            actions: Vec::new(),
        }
    }

    fn rule(id: u32, how: &str, val: &str, isactive: bool) -> RuleRow {
        RuleRow {
            id: FilterRuleId::new(id),
            filter_id: FilterId::new(1),
            what: "email".to_owned(),
            how: how.to_owned(),
            val: val.to_owned(),
            isactive,
        }
    }

    fn address(raw: &str) -> EmailAddress {
        EmailAddress::parse(raw).unwrap()
    }

    #[test]
    fn a_listed_address_is_banned_whatever_its_case_or_trailing_blanks() {
        let list = BanList::from_definitions(&[definition(
            "SYSTEM BAN LIST",
            true,
            vec![rule(1, "equal", "Spam@Example.com", true)],
        )]);
        assert!(list.is_banned("spam@example.com"));
        assert!(list.is_banned("SPAM@EXAMPLE.COM  "));
        assert!(!list.is_banned("ham@example.com"));
    }

    #[test]
    fn inactive_rules_and_an_inactive_filter_ban_nobody() {
        let list = BanList::from_definitions(&[definition(
            "SYSTEM BAN LIST",
            true,
            vec![rule(1, "equal", "spam@example.com", false)],
        )]);
        assert!(!list.is_banned("spam@example.com"));
        assert!(list.includes("spam@example.com"));
        let list = BanList::from_definitions(&[definition(
            "system ban list",
            false,
            vec![rule(1, "equal", "spam@example.com", true)],
        )]);
        assert!(!list.is_banned("spam@example.com"));
    }

    #[test]
    fn the_ban_check_ignores_the_operator_like_osticket() {
        let list = BanList::from_definitions(&[definition(
            "SYSTEM BAN LIST",
            true,
            vec![rule(1, "contains", "spam@example.com", true)],
        )]);
        assert!(list.is_banned("spam@example.com"));
        assert!(!list.includes("spam@example.com"));
    }

    #[test]
    fn without_the_filter_nobody_is_banned_and_nothing_can_be_added() {
        let list = BanList::from_definitions(&[definition("Other", true, Vec::new())]);
        assert_eq!(list.filter(), None);
        assert!(!list.is_banned("spam@example.com"));
        assert_eq!(
            list.rule_to_add(&address("spam@example.com")).unwrap_err(),
            BanListError::MissingFilter
        );
    }

    #[test]
    fn adding_gives_an_email_equal_rule_unless_already_listed() {
        let list = BanList::from_definitions(&[definition(
            "SYSTEM BAN LIST",
            true,
            vec![rule(1, "equal", "spam@example.com", true)],
        )]);
        assert_eq!(
            list.rule_to_add(&address("new@example.com")).unwrap(),
            NewBanRule {
                filter: FilterId::new(1),
                rule: NewRule {
                    what: Field::Email,
                    how: Operator::Equal,
                    val: "new@example.com".to_owned(),
                },
            }
        );
        assert_eq!(
            list.rule_to_add(&address("SPAM@example.com")).unwrap_err(),
            BanListError::AlreadyListed(address("SPAM@example.com"))
        );
    }

    #[test]
    fn removing_targets_every_matching_equal_rule() {
        let list = BanList::from_definitions(&[definition(
            "SYSTEM BAN LIST",
            true,
            vec![
                rule(1, "equal", "spam@example.com", true),
                rule(2, "equal", "SPAM@example.com", false),
                rule(3, "contains", "spam@example.com", true),
            ],
        )]);
        assert_eq!(
            list.rules_to_remove("spam@example.com"),
            vec![FilterRuleId::new(1), FilterRuleId::new(2)]
        );
        assert!(list.rules_to_remove("ham@example.com").is_empty());
    }

    #[test]
    fn the_system_filter_rejects_emails_at_order_99() {
        let filter = BanList::system_filter();
        assert_eq!(filter.name, "SYSTEM BAN LIST");
        assert_eq!(filter.execorder, 99);
        assert_eq!(filter.target, Target::Email);
        assert_eq!(filter.actions[0].action, Action::Reject);
    }
}
