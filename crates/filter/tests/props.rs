//! Properties of filter evaluation, checked against a plain model of
//! osTicket's `TicketFilter` written from its PHP.

use std::collections::HashMap;

use oxt_filter::pcre::Pattern;
use oxt_filter::{
    ActionRow, Channel, FilterActionId, FilterDefinition, FilterRow, FilterRuleId, FilterSet,
    FilterStatus, FormFieldKey, Incoming, Phase, RuleRow,
};
use oxt_ticket::ids::{FilterId, FormFieldId};
use proptest::prelude::*;

const FIELDS: [&str; 4] = ["name", "email", "field.20", "reply-to"];
const OPERATORS: [&str; 8] = [
    "equal",
    "not_equal",
    "contains",
    "dn_contain",
    "starts",
    "ends",
    "match",
    "not_match",
];
const WORDS: [&str; 8] = ["a", "A", "ab", "Ab", "b", "ba", "x.y", "é"];

#[derive(Debug, Clone)]
struct RuleSpec {
    field: usize,
    operator: usize,
    /// For patterns: the literal, anchors and caseless flag.
    word: String,
    anchored_start: bool,
    anchored_end: bool,
    caseless: bool,
}

#[derive(Debug, Clone)]
struct FilterSpec {
    execorder: u32,
    match_all: bool,
    stop: bool,
    rules: Vec<RuleSpec>,
}

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS.to_vec()), 1..3).prop_map(|w| w.concat())
}

fn rule_spec() -> impl Strategy<Value = RuleSpec> {
    (
        0..FIELDS.len(),
        // Weighted towards `equal` so that some filters group many of them.
        prop_oneof![3 => Just(0usize), 5 => 0..OPERATORS.len()],
        word(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(field, operator, word, anchored_start, anchored_end, caseless)| RuleSpec {
                field,
                operator,
                word,
                anchored_start,
                anchored_end,
                caseless,
            },
        )
}

fn filter_spec() -> impl Strategy<Value = FilterSpec> {
    (
        0u32..4,
        any::<bool>(),
        prop::bool::weighted(0.2),
        prop::collection::vec(rule_spec(), 0..9),
    )
        .prop_map(|(execorder, match_all, stop, rules)| FilterSpec {
            execorder,
            match_all,
            stop,
            rules,
        })
}

/// PHP's `preg_quote` for a `/`-delimited pattern.
fn preg_quote(literal: &str) -> String {
    let mut quoted = String::new();
    for c in literal.chars() {
        if ".\\+*?[^]$(){}=!<>|:-#/".contains(c) {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted
}

impl RuleSpec {
    fn value(&self) -> String {
        if self.operator >= 6 {
            format!(
                "/{}{}{}/{}",
                if self.anchored_start { "^" } else { "" },
                preg_quote(&self.word),
                if self.anchored_end { "$" } else { "" },
                if self.caseless { "i" } else { "" },
            )
        } else {
            self.word.clone()
        }
    }

    /// The rule as osTicket's `Filter::matches` decides it.
    fn holds(&self, subjects: &HashMap<&str, String>) -> bool {
        let subject = subjects
            .get(FIELDS[self.field])
            .cloned()
            .unwrap_or_default();
        let (s, v) = (subject.to_ascii_lowercase(), self.word.to_ascii_lowercase());
        match OPERATORS[self.operator] {
            "equal" => s == v,
            "not_equal" => s != v,
            "contains" => s.contains(&v),
            "dn_contain" => !s.contains(&v),
            "starts" => s.starts_with(&v),
            "ends" => s.ends_with(&v),
            operator => {
                let (s, v) = if self.caseless {
                    (s, v)
                } else {
                    (subject.clone(), self.word.clone())
                };
                let found = match (self.anchored_start, self.anchored_end) {
                    (true, true) => s == v,
                    (true, false) => s.starts_with(&v),
                    (false, true) => s.ends_with(&v),
                    (false, false) => s.contains(&v),
                };
                found == (operator == "match")
            }
        }
    }
}

fn definitions(specs: &[FilterSpec]) -> Vec<FilterDefinition> {
    specs
        .iter()
        .enumerate()
        .map(|(at, spec)| {
            let id = u32::try_from(at).unwrap() + 1;
            FilterDefinition {
                filter: FilterRow {
                    id: FilterId::new(id),
                    execorder: spec.execorder,
                    isactive: true,
                    match_all_rules: spec.match_all,
                    stop_onmatch: spec.stop,
                    target: "Any".to_owned(),
                    email_id: None,
                    name: format!("f{id}"),
                },
                rules: spec
                    .rules
                    .iter()
                    .enumerate()
                    .map(|(n, rule)| RuleRow {
                        id: FilterRuleId::new(id * 100 + u32::try_from(n).unwrap()),
                        filter_id: FilterId::new(id),
                        what: FIELDS[rule.field].to_owned(),
                        how: OPERATORS[rule.operator].to_owned(),
                        val: rule.value(),
                        isactive: true,
                    })
                    .collect(),
                actions: vec![ActionRow {
                    id: FilterActionId::new(id),
                    filter_id: FilterId::new(id),
                    sort: 1,
                    kind: "dept".to_owned(),
                    configuration: Some(format!(r#"{{"dept_id":{id}}}"#)),
                }],
            }
        })
        .collect()
}

fn incoming(name: &str, email: &str, subject: &str) -> (Incoming, HashMap<&'static str, String>) {
    let mut incoming = Incoming::new(Channel::Web, email, name);
    incoming.form_fields.insert(
        FormFieldKey::field(FormFieldId::new(20)),
        subject.to_owned(),
    );
    let subjects = HashMap::from([
        ("name", name.to_owned()),
        ("email", email.to_owned()),
        ("field.20", subject.to_owned()),
    ]);
    (incoming, subjects)
}

/// The filters osTicket applies: every matching one in (execorder, id)
/// order, up to the first matching one that stops.
fn model(specs: &[FilterSpec], subjects: &HashMap<&str, String>) -> Vec<u32> {
    let mut order: Vec<(u32, u32, &FilterSpec)> = specs
        .iter()
        .enumerate()
        .map(|(at, spec)| (spec.execorder, u32::try_from(at).unwrap() + 1, spec))
        .collect();
    order.sort_by_key(|(execorder, id, _)| (*execorder, *id));
    let mut applied = Vec::new();
    for (_, id, spec) in order {
        let matches = !spec.rules.is_empty()
            && if spec.match_all {
                spec.rules.iter().all(|rule| rule.holds(subjects))
            } else {
                spec.rules.iter().any(|rule| rule.holds(subjects))
            };
        if matches {
            applied.push(id);
            if spec.stop {
                break;
            }
        }
    }
    applied
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn evaluation_applies_exactly_the_filters_the_model_applies(
        specs in prop::collection::vec(filter_spec(), 0..8),
        name in word(),
        email in word(),
        subject in word(),
    ) {
        let set = FilterSet::compile(&definitions(&specs)).unwrap();
        let (incoming, subjects) = incoming(&name, &email, &subject);
        let evaluation = set.evaluate(&incoming, Phase::BeforeCreate);
        let expected = model(&specs, &subjects);
        let matched: Vec<u32> = evaluation.matched.iter().map(|m| m.filter.get()).collect();
        prop_assert_eq!(&matched, &expected);
        let planned: Vec<u32> = evaluation.plan.iter().map(|p| p.filter.get()).collect();
        prop_assert_eq!(planned, expected);
    }

    #[test]
    fn many_searches_on_one_field_agree_with_the_model(
        specs in prop::collection::vec(
            (0u32..4, any::<bool>(), prop::collection::vec(
                rule_spec().prop_map(|mut rule| {
                    rule.field = 2;
                    rule.operator = 2 + rule.operator % 6;
                    rule
                }),
                1..4,
            ))
            .prop_map(|(execorder, match_all, rules)| FilterSpec { execorder, match_all, stop: false, rules }),
            8..24,
        ),
        subject in word(),
    ) {
        let set = FilterSet::compile(&definitions(&specs)).unwrap();
        let (incoming, subjects) = incoming("n", "e", &subject);
        let matched: Vec<u32> = set
            .evaluate(&incoming, Phase::BeforeCreate)
            .matched
            .iter()
            .map(|m| m.filter.get())
            .collect();
        prop_assert_eq!(matched, model(&specs, &subjects));
    }

    #[test]
    fn matched_filters_follow_execorder_and_stop_at_the_first_stopping_one(
        specs in prop::collection::vec(filter_spec(), 1..8),
        name in word(),
    ) {
        let set = FilterSet::compile(&definitions(&specs)).unwrap();
        let (incoming, _) = incoming(&name, &name, &name);
        let matched: Vec<usize> = set
            .evaluate(&incoming, Phase::BeforeCreate)
            .matched
            .iter()
            .map(|m| m.filter.get() as usize - 1)
            .collect();
        let keys: Vec<(u32, usize)> = matched.iter().map(|&at| (specs[at].execorder, at)).collect();
        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        if let Some(stopper) = matched.iter().position(|&at| specs[at].stop) {
            prop_assert_eq!(stopper, matched.len() - 1);
        }
    }

    #[test]
    fn the_explanation_agrees_with_the_evaluation(
        specs in prop::collection::vec(filter_spec(), 0..8),
        name in word(),
        subject in word(),
    ) {
        let set = FilterSet::compile(&definitions(&specs)).unwrap();
        let (incoming, subjects) = incoming(&name, "a@example.com", &subject);
        let explanation = set.explain(&incoming, Phase::BeforeCreate);
        let applied: Vec<u32> = explanation
            .filters
            .iter()
            .filter(|trace| trace.status == FilterStatus::Applied)
            .map(|trace| trace.filter.get())
            .collect();
        let matched: Vec<u32> = explanation.evaluation.matched.iter().map(|m| m.filter.get()).collect();
        prop_assert_eq!(applied, matched);
        for trace in &explanation.filters {
            let spec = &specs[trace.filter.get() as usize - 1];
            for (rule, model) in trace.rules.iter().zip(&spec.rules) {
                prop_assert_eq!(rule.holds, model.holds(&subjects));
            }
        }
    }

    #[test]
    fn a_quoted_literal_pattern_matches_where_the_literal_occurs(
        literal in "[a-zA-Z0-9 .*+?()\\[\\]{}|^$\\\\/#-]{1,12}",
        prefix in "[a-zA-Z .]{0,4}",
        suffix in "[a-zA-Z .]{0,4}",
        other in "[a-zA-Z0-9 .*+?()\\[\\]{}|^$\\\\/#-]{0,16}",
    ) {
        let pattern = Pattern::parse(&format!("/{}/", preg_quote(&literal))).unwrap();
        let subject = format!("{prefix}{literal}{suffix}");
        prop_assert!(pattern.is_match(&subject));
        prop_assert_eq!(pattern.is_match(&other), other.contains(&literal));
        let caseless = Pattern::parse(&format!("/{}/i", preg_quote(&literal))).unwrap();
        prop_assert_eq!(
            caseless.is_match(&other),
            other.to_ascii_lowercase().contains(&literal.to_ascii_lowercase())
        );
        // `\Q…\E` cannot quote a literal holding `\E` (in PCRE too: it ends the quote).
        if !literal.contains('#') && !literal.contains("\\E") {
            let quoted = Pattern::parse(&format!("#^\\Q{literal}\\E#")).unwrap();
            prop_assert_eq!(quoted.is_match(&other), other.starts_with(&literal));
        }
    }

    #[test]
    fn any_stored_value_either_compiles_or_is_refused_without_panicking(
        value in "[/#~({\\[<]?[a-z0-9 \\\\^$.|?*+()\\[\\]{}<>:=!&#'-]{0,24}[/#~)}\\]>]?[imsxuADUJnSXe ]{0,3}",
        subject in ".{0,32}",
    ) {
        if let Ok(pattern) = Pattern::parse(&value) {
            let _ = pattern.is_match(&subject);
        }
    }
}
