//! One rule, ready to test a value.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::Arc;

use oxt_ticket::contact::EmailAddressError;

use crate::batch::MultiSearch;
use crate::field::{Field, UnknownField};
use crate::ids::FilterRuleId;
use crate::incoming::Incoming;
use crate::operator::{
    Operator, UnknownOperator, ends_with_ascii_caseless, starts_with_ascii_caseless,
};
use crate::pcre::{Pattern, PatternError};
use crate::rows::RuleRow;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleError {
    #[error(transparent)]
    UnknownField(#[from] UnknownField),
    #[error(transparent)]
    UnknownOperator(#[from] UnknownOperator),
    #[error("the regular expression cannot be used: {0}")]
    Pattern(#[source] PatternError),
    #[error("a value is required")]
    ValueRequired,
    #[error("`{value}` is not a valid e-mail address, which an `email` `equal` rule needs")]
    InvalidEmail {
        value: String,
        #[source]
        reason: EmailAddressError,
    },
}

/// Identical patterns across filters are compiled once.
pub(crate) type PatternCache = HashMap<String, Arc<Pattern>>;

#[derive(Debug, Clone)]
pub(crate) enum Test {
    /// ASCII-lower-cased value.
    Equal(Box<str>),
    /// ASCII-lower-cased value, searched in the lower-cased subject.
    Contains(Box<str>),
    StartsWith(Box<str>),
    EndsWith(Box<str>),
    Pattern(Arc<Pattern>),
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledRule {
    pub id: FilterRuleId,
    pub field: Field,
    pub operator: Operator,
    pub value: String,
    /// Index of the field among the set's subjects.
    pub slot: usize,
    /// Position of this rule's needle or pattern in its field's shared
    /// search, when it has one.
    pub batch: Option<usize>,
    pub test: Test,
}

impl CompiledRule {
    pub fn compile(row: &RuleRow, patterns: &mut PatternCache) -> Result<Self, RuleError> {
        let field = Field::parse(&row.what)?;
        let operator = Operator::parse(&row.how)?;
        let lowered = || row.val.to_ascii_lowercase().into_boxed_str();
        let test = match operator {
            Operator::Equal | Operator::NotEqual => Test::Equal(lowered()),
            Operator::Contains | Operator::DoesNotContain => Test::Contains(lowered()),
            Operator::StartsWith => Test::StartsWith(row.val.clone().into_boxed_str()),
            Operator::EndsWith => Test::EndsWith(row.val.clone().into_boxed_str()),
            Operator::Matches | Operator::DoesNotMatch => {
                Test::Pattern(match patterns.get(&row.val) {
                    Some(pattern) => Arc::clone(pattern),
                    None => {
                        let pattern =
                            Arc::new(Pattern::parse(&row.val).map_err(RuleError::Pattern)?);
                        patterns.insert(row.val.clone(), Arc::clone(&pattern));
                        pattern
                    }
                })
            }
        };
        Ok(Self {
            id: row.id,
            field,
            operator,
            value: row.val.clone(),
            slot: 0,
            batch: None,
            test,
        })
    }

    pub fn holds(&self, subject: &Subject<'_>) -> bool {
        let passes = match (&self.test, self.batch) {
            (Test::Equal(value), _) => subject.raw.eq_ignore_ascii_case(value),
            (Test::Contains(_) | Test::Pattern(_), Some(at)) => subject.search_hit(at),
            (Test::Contains(value), None) => subject.lower().contains(&**value),
            (Test::StartsWith(value), _) => starts_with_ascii_caseless(&subject.raw, value),
            (Test::EndsWith(value), _) => ends_with_ascii_caseless(&subject.raw, value),
            (Test::Pattern(pattern), None) => pattern.is_match(&subject.raw),
        };
        passes != self.operator.is_negated()
    }

    /// A rough cost rank, so cheap rules decide a filter before dear ones.
    pub fn cost(&self) -> u8 {
        let long_text = matches!(self.field, Field::Body | Field::Form(_));
        match &self.test {
            Test::Equal(_) => 0,
            Test::StartsWith(_) | Test::EndsWith(_) => 1,
            Test::Contains(_) => 2 + u8::from(long_text),
            Test::Pattern(_) => 4 + u8::from(long_text),
        }
    }
}

/// The value of one field for one evaluation, and what has been worked out
/// about it so far.
#[derive(Debug)]
pub(crate) struct Subject<'a> {
    pub raw: Cow<'a, str>,
    pub present: bool,
    search: Option<&'a MultiSearch>,
    lower: OnceCell<String>,
    hits: OnceCell<Vec<bool>>,
}

impl<'a> Subject<'a> {
    pub fn of(incoming: &'a Incoming, field: &Field, search: Option<&'a MultiSearch>) -> Self {
        let value = incoming.value_of(field);
        Self {
            present: value.is_some(),
            raw: value.unwrap_or(Cow::Borrowed("")),
            search,
            lower: OnceCell::new(),
            hits: OnceCell::new(),
        }
    }

    pub fn lower(&self) -> &str {
        self.lower.get_or_init(|| self.raw.to_ascii_lowercase())
    }

    /// Whether the `at`-th term of the field's shared search occurs; the
    /// search runs once, on first use.
    fn search_hit(&self, at: usize) -> bool {
        self.hits
            .get_or_init(|| {
                self.search
                    .map(|search| search.hits(self.raw.as_bytes()))
                    .unwrap_or_default()
            })
            .get(at)
            .is_some_and(|hit| *hit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::FormFieldKey;
    use crate::target::Channel;
    use oxt_ticket::ids::{FilterId, FormFieldId};

    fn rule(what: &str, how: &str, val: &str) -> CompiledRule {
        CompiledRule::compile(
            &RuleRow {
                id: FilterRuleId::new(1),
                filter_id: FilterId::new(1),
                what: what.to_owned(),
                how: how.to_owned(),
                val: val.to_owned(),
                isactive: true,
            },
            &mut PatternCache::new(),
        )
        .unwrap_or_else(|e| panic!("{what} {how} {val}: {e}"))
    }

    fn holds(what: &str, how: &str, val: &str, incoming: &Incoming) -> bool {
        let rule = rule(what, how, val);
        rule.holds(&Subject::of(incoming, &rule.field, None))
    }

    fn ticket() -> Incoming {
        let mut incoming = Incoming::new(Channel::Email, "Ann.Lee@Example.com", "Ann Lée");
        incoming.form_fields.insert(
            FormFieldKey::field(FormFieldId::new(20)),
            "URGENT: printer on fire".to_owned(),
        );
        incoming
    }

    #[test]
    fn equal_is_strcasecmp() {
        let t = ticket();
        assert!(holds("email", "equal", "ann.lee@example.com", &t));
        assert!(!holds("email", "equal", "ann.lee@example.co", &t));
        assert!(!holds("name", "equal", "ann LÉE", &t));
        assert!(holds("name", "equal", "ANN Lée", &t));
    }

    #[test]
    fn not_equal_is_the_negation_of_equal() {
        let t = ticket();
        assert!(!holds("email", "not_equal", "ANN.LEE@example.com", &t));
        assert!(holds("email", "not_equal", "bob@example.com", &t));
    }

    #[test]
    fn contains_and_dn_contain_are_stripos() {
        let t = ticket();
        assert!(holds("field.20", "contains", "Printer ON", &t));
        assert!(!holds("field.20", "contains", "scanner", &t));
        assert!(holds("field.20", "dn_contain", "scanner", &t));
        assert!(!holds("field.20", "dn_contain", "FIRE", &t));
    }

    #[test]
    fn starts_and_ends_fold_ascii_case() {
        let t = ticket();
        assert!(holds("field.20", "starts", "urgent", &t));
        assert!(!holds("field.20", "starts", "printer", &t));
        assert!(holds("email", "ends", "@EXAMPLE.COM", &t));
        assert!(!holds("email", "ends", "@example.org", &t));
    }

    #[test]
    fn match_and_not_match_run_the_pattern() {
        let t = ticket();
        assert!(holds("field.20", "match", "/^urgent\\b/i", &t));
        assert!(!holds("field.20", "match", "/^urgent\\b/", &t));
        assert!(holds("field.20", "not_match", "/^urgent\\b/", &t));
        assert!(!holds("field.20", "not_match", "/fire$/", &t));
    }

    #[test]
    fn a_missing_field_compares_as_the_empty_string() {
        let t = ticket();
        assert!(!holds("reply-to", "equal", "x@example.com", &t));
        assert!(holds("reply-to", "not_equal", "x@example.com", &t));
        assert!(!holds("reply-to", "contains", "x", &t));
        assert!(holds("reply-to", "dn_contain", "x", &t));
        assert!(!holds("reply-to", "starts", "x", &t));
        assert!(holds("reply-to", "match", "/^$/", &t));
        assert!(holds("field.99", "not_match", "/./", &t));
    }

    #[test]
    fn an_empty_value_is_found_everywhere_like_stripos() {
        let t = ticket();
        assert!(holds("name", "contains", "", &t));
        assert!(holds("name", "starts", "", &t));
        assert!(holds("name", "ends", "", &t));
    }

    #[test]
    fn unknown_fields_operators_and_bad_patterns_are_rule_errors() {
        let compile = |what: &str, how: &str, val: &str| {
            CompiledRule::compile(
                &RuleRow {
                    id: FilterRuleId::new(1),
                    filter_id: FilterId::new(1),
                    what: what.to_owned(),
                    how: how.to_owned(),
                    val: val.to_owned(),
                    isactive: true,
                },
                &mut PatternCache::new(),
            )
            .unwrap_err()
        };
        assert_eq!(
            compile("subject", "equal", "x"),
            RuleError::UnknownField(UnknownField("subject".to_owned()))
        );
        assert_eq!(
            compile("email", "like", "x"),
            RuleError::UnknownOperator(UnknownOperator("like".to_owned()))
        );
        assert!(matches!(
            compile("email", "match", "/(a)\\1/"),
            RuleError::Pattern(PatternError::Unsupported { .. })
        ));
        assert!(matches!(
            compile("email", "match", "urgent"),
            RuleError::Pattern(PatternError::BadDelimiter('u'))
        ));
    }

    #[test]
    fn identical_patterns_are_compiled_once() {
        let mut cache = PatternCache::new();
        let row = |id| RuleRow {
            id: FilterRuleId::new(id),
            filter_id: FilterId::new(1),
            what: "name".to_owned(),
            how: "match".to_owned(),
            val: "/x/".to_owned(),
            isactive: true,
        };
        let (a, b) = (
            CompiledRule::compile(&row(1), &mut cache).unwrap(),
            CompiledRule::compile(&row(2), &mut cache).unwrap(),
        );
        match (a.test, b.test) {
            (Test::Pattern(a), Test::Pattern(b)) => assert!(Arc::ptr_eq(&a, &b)),
            other => panic!("{other:?}"),
        }
    }
}
