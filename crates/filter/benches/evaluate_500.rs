//! 500 active filters of 3 rules each (equal, contains and regex, spread
//! over sender, subject, body, recipients and Reply-To) against one e-mailed
//! ticket: compile time, evaluation time, and evaluation latency
//! percentiles measured one call at a time.
//!
//! The rows are generated from a fixed seed, so every run measures the same
//! input.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use oxt_filter::{
    ActionRow, Channel, FilterActionId, FilterDefinition, FilterRow, FilterRuleId, FilterSet,
    FormFieldKey, Incoming, Phase, Recipient, RuleRow,
};
use oxt_ticket::ids::{EmailId, FilterId, FormFieldId};

const FILTERS: u32 = 500;
const SUBJECT_FIELD: u32 = 20;
const MESSAGE_FIELD: u32 = 21;

/// A fixed-seed linear congruential generator: the same rows every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from((self.0 >> 33) % u64::from(below)).unwrap_or(0)
    }
}

fn rule(filter: u32, n: u32, what: &str, how: &str, val: String) -> RuleRow {
    RuleRow {
        id: FilterRuleId::new(filter * 10 + n),
        filter_id: FilterId::new(filter),
        what: what.to_owned(),
        how: how.to_owned(),
        val,
        isactive: true,
    }
}

fn generated_rule(rng: &mut Lcg, filter: u32, n: u32) -> RuleRow {
    let subject = format!("field.{SUBJECT_FIELD}");
    let message = format!("field.{MESSAGE_FIELD}");
    let i = filter;
    match rng.next(3) {
        0 => match rng.next(3) {
            0 => rule(
                filter,
                n,
                "email",
                "equal",
                format!("user{i}@customer{i}.example"),
            ),
            1 => rule(filter, n, "name", "equal", format!("Customer {i}")),
            _ => rule(
                filter,
                n,
                &subject,
                "equal",
                format!("Order #{i} cancelled"),
            ),
        },
        1 => match rng.next(4) {
            0 => rule(
                filter,
                n,
                &message,
                "contains",
                format!("invoice INV-{i:05}"),
            ),
            1 => rule(filter, n, &subject, "contains", format!("refund {i}")),
            2 => rule(filter, n, "addressee", "contains", format!("team{i}@")),
            _ => rule(filter, n, "email", "contains", format!("@partner{i}.")),
        },
        _ => match rng.next(6) {
            0 => rule(
                filter,
                n,
                &subject,
                "match",
                format!(r"/^re:\s*order\s+#?{i}\b/i"),
            ),
            1 => rule(
                filter,
                n,
                &message,
                "match",
                format!(r"/(urgent|asap|critical)-{i}\b/i"),
            ),
            2 => rule(
                filter,
                n,
                &subject,
                "match",
                format!(r"/\b[A-Z]{{2}}-{i}\d*\b/"),
            ),
            3 => rule(
                filter,
                n,
                "email",
                "match",
                format!(r"/@(example|corp){i}\.com$/i"),
            ),
            4 => rule(
                filter,
                n,
                &message,
                "match",
                format!(r"/^\s*\[ticket:{i}\]/mu"),
            ),
            _ => rule(
                filter,
                n,
                "reply-to",
                "not_match",
                format!(r"/^noreply{i}@/i"),
            ),
        },
    }
}

fn definitions() -> Vec<FilterDefinition> {
    let mut rng = Lcg(0x5EED);
    let mut definitions: Vec<FilterDefinition> = (1..=FILTERS)
        .map(|id| {
            let rules = (1..=3).map(|n| generated_rule(&mut rng, id, n)).collect();
            FilterDefinition {
                filter: FilterRow {
                    id: FilterId::new(id),
                    execorder: 1 + rng.next(100),
                    isactive: true,
                    match_all_rules: rng.next(2) == 0,
                    stop_onmatch: false,
                    target: if rng.next(10) < 7 { "Any" } else { "Email" }.to_owned(),
                    email_id: None,
                    name: format!("Filter {id}"),
                },
                rules,
                actions: vec![ActionRow {
                    id: FilterActionId::new(id),
                    filter_id: FilterId::new(id),
                    sort: 1,
                    kind: "dept".to_owned(),
                    configuration: Some(format!(r#"{{"dept_id":{}}}"#, 1 + id % 7)),
                }],
            }
        })
        .collect();
    // A few filters the ticket does match, so the plan is not empty.
    let subject = format!("field.{SUBJECT_FIELD}");
    let message = format!("field.{MESSAGE_FIELD}");
    definitions[120].rules[0] = rule(
        121,
        1,
        &subject,
        "match",
        r"/printer\s+not\s+working/i".to_owned(),
    );
    definitions[240].rules[1] = rule(241, 2, &message, "contains", "paper jam".to_owned());
    definitions[240].filter.match_all_rules = false;
    definitions[360].rules = vec![
        rule(361, 1, "email", "ends", "@customer.example".to_owned()),
        rule(361, 2, &subject, "starts", "re: order".to_owned()),
        rule(361, 3, &message, "match", r"/\burgent\b/i".to_owned()),
    ];
    definitions[360].filter.match_all_rules = true;
    definitions
}

fn ticket() -> Incoming {
    let mut incoming = Incoming::new(Channel::Email, "jane.doe@customer.example", "Jane Doe");
    incoming.email_id = Some(EmailId::new(1));
    incoming.reply_to = Some("jane@home.example".to_owned());
    incoming.reply_to_name = Some("Jane".to_owned());
    incoming.recipients = vec![
        Recipient {
            name: "Support".to_owned(),
            email: "support@helpdesk.example".to_owned(),
        },
        Recipient {
            name: "Bob Smith".to_owned(),
            email: "bob@customer.example".to_owned(),
        },
    ];
    let subject = "Re: Order 12345 - printer not working, urgent".to_owned();
    let paragraph = "Hello team, since this morning the printer on the third floor shows a \
        paper jam warning although there is no paper stuck anywhere. We restarted it twice and \
        cleaned the rollers as the manual suggests, without success. Could somebody from the \
        facilities team have a look today? It is urgent because payroll needs it. Thanks. ";
    let message = paragraph.repeat(5);
    incoming.form_fields.insert(
        FormFieldKey::field(FormFieldId::new(SUBJECT_FIELD)),
        subject,
    );
    incoming.form_fields.insert(
        FormFieldKey::field(FormFieldId::new(MESSAGE_FIELD)),
        message.clone(),
    );
    incoming.message = message;
    incoming
}

/// The same 500 filters plus a ban list of 10 000 addresses.
fn definitions_with_ban_list() -> Vec<FilterDefinition> {
    let mut definitions = definitions();
    let ban_list = FILTERS + 1;
    definitions.push(FilterDefinition {
        filter: FilterRow {
            id: FilterId::new(ban_list),
            execorder: 99,
            isactive: true,
            match_all_rules: false,
            stop_onmatch: false,
            target: "Email".to_owned(),
            email_id: None,
            name: "SYSTEM BAN LIST".to_owned(),
        },
        rules: (0..10_000)
            .map(|n| {
                rule(
                    ban_list,
                    n,
                    "email",
                    "equal",
                    format!("spammer{n}@junk.example"),
                )
            })
            .collect(),
        actions: vec![ActionRow {
            id: FilterActionId::new(ban_list),
            filter_id: FilterId::new(ban_list),
            sort: 1,
            kind: "reject".to_owned(),
            configuration: Some("[]".to_owned()),
        }],
    });
    definitions
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64) * p).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Criterion reports means; the target is a tail latency, so time single
/// calls and report percentiles as well.
fn report_latency(name: &str, filters: &FilterSet, incoming: &Incoming) {
    const WARM_UP: usize = 2_000;
    const SAMPLES: usize = 50_000;
    for _ in 0..WARM_UP {
        black_box(filters.evaluate(black_box(incoming), Phase::BeforeCreate));
    }
    let mut samples: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            black_box(filters.evaluate(black_box(incoming), Phase::BeforeCreate));
            start.elapsed()
        })
        .collect();
    samples.sort_unstable();
    eprintln!(
        "{name}: {SAMPLES} single calls: p50 {:?}  p90 {:?}  p99 {:?}  p99.9 {:?}  max {:?}",
        percentile(&samples, 0.50),
        percentile(&samples, 0.90),
        percentile(&samples, 0.99),
        percentile(&samples, 0.999),
        samples[samples.len() - 1],
    );
}

fn main() {
    let definitions = definitions();
    let with_ban_list = definitions_with_ban_list();
    let incoming = ticket();
    let filters = FilterSet::compile(&definitions).expect("the generated filters compile");
    let guarded = FilterSet::compile(&with_ban_list).expect("the generated filters compile");
    let evaluation = filters.evaluate(&incoming, Phase::BeforeCreate);
    eprintln!(
        "{} filters, {} matched, {} planned actions",
        filters.len(),
        evaluation.matched.len(),
        evaluation.plan.len()
    );

    let mut criterion = Criterion::default().configure_from_args();
    criterion.bench_function("compile_500", |b| {
        b.iter(|| FilterSet::compile(black_box(&definitions)))
    });
    criterion.bench_function("evaluate_500", |b| {
        b.iter(|| filters.evaluate(black_box(&incoming), Phase::BeforeCreate))
    });
    criterion.bench_function("evaluate_500_ban_list_10k", |b| {
        b.iter(|| guarded.evaluate(black_box(&incoming), Phase::BeforeCreate))
    });
    criterion.bench_function("explain_500", |b| {
        b.iter(|| filters.explain(black_box(&incoming), Phase::BeforeCreate))
    });
    criterion.final_summary();

    if !std::env::args().any(|arg| arg == "--test" || arg == "--list") {
        report_latency("evaluate_500", &filters, &incoming);
        report_latency("evaluate_500_ban_list_10k", &guarded, &incoming);
    }
}
