//! `POST /api/v2/filters/test`

use super::request::FilterRequest;
use crate::http::problem::{FieldError, Problem};
use crate::http::tickets::field_answers;
use crate::http::{Authenticated, JsonBody};
use actix_web::{HttpResponse, post, web};
use oxt_filter::{
    Channel, Evaluation, Explanation, FilterMatch, FilterStatus, FilterTrace, FormFieldKey,
    Incoming, Outcome, PlannedAction, Recipient,
};
use oxt_service::Ctx;
use oxt_service::filters::{DryRun, TicketToTry};
use oxt_ticket::contact::EmailAddress;
use oxt_ticket::ids::{EmailId, TopicId};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// A ticket that is not opened: what the filters would see of it. osTicket's
/// filters test no raw header; the header values they see are the
/// Reply-To address and name and the To/Cc recipients, taken here.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FilterTestRequest {
    /// How the ticket would be opened: `web` (the client portal), `staff`
    /// or `phone` (the staff panel; filtered as `Web`), `email`, `api`
    /// (default: what `POST /api/v2/tickets` by an agent is) or `other`
    /// (only `Any` filters run).
    channel: Option<ChannelBody>,
    /// The help-desk mailbox an e-mail arrived at, for filters bound to one.
    email_id: Option<u32>,
    /// The sender's address (required). A known user's stored address and
    /// name are used instead, as on creation.
    email: Option<String>,
    name: Option<String>,
    /// The ticket form's subject field.
    subject: Option<String>,
    /// The message; also the ticket form's message field.
    message: Option<String>,
    reply_to: Option<String>,
    reply_to_name: Option<String>,
    /// To and Cc recipients that are not help-desk mailboxes (`addressee`).
    recipients: Option<Vec<RecipientBody>>,
    topic_id: Option<u32>,
    /// Custom ticket-form fields by name or id, as `POST /api/v2/tickets`
    /// takes them.
    #[schema(value_type = Option<Object>)]
    fields: Option<BTreeMap<String, Value>>,
    /// Any other form value (user, organization, list-item property), keyed
    /// as rules name it: `{"field.36.abb": "CA"}`.
    form_fields: Option<BTreeMap<String, String>>,
    /// A filter that is not saved, tried among the stored ones under id 0;
    /// checked as on create (its fields named `filter.rules[0].val`).
    filter: Option<FilterRequest>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChannelBody {
    Web,
    Staff,
    Phone,
    Email,
    Api,
    Other,
}

impl From<ChannelBody> for Channel {
    fn from(channel: ChannelBody) -> Self {
        match channel {
            ChannelBody::Web => Self::Web,
            ChannelBody::Staff => Self::Staff,
            ChannelBody::Phone => Self::Phone,
            ChannelBody::Email => Self::Email,
            ChannelBody::Api => Self::Api,
            ChannelBody::Other => Self::Other,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientBody {
    #[serde(default)]
    name: String,
    email: String,
}

impl FilterTestRequest {
    fn parse(self) -> Result<TicketToTry, Problem> {
        let mut errors = Vec::new();
        let email = match self.email {
            None => {
                errors.push(FieldError::new("email", "required", "email is required"));
                None
            }
            Some(raw) => match EmailAddress::parse(&raw) {
                Ok(address) => Some(address),
                Err(error) => {
                    errors.push(FieldError::new("email", "invalid", error.to_string()));
                    None
                }
            },
        };
        let fields = field_answers(self.fields.unwrap_or_default(), &mut errors);
        let mut form_fields = HashMap::new();
        for (key, value) in self.form_fields.unwrap_or_default() {
            match FormFieldKey::try_from(key.clone()) {
                Ok(field) => {
                    form_fields.insert(field, value);
                }
                Err(error) => errors.push(FieldError::new(
                    format!("form_fields.{key}"),
                    "unknown",
                    error.to_string(),
                )),
            }
        }
        let Some(email) = email.filter(|_| errors.is_empty()) else {
            return Err(Problem::invalid(errors));
        };
        let channel = self.channel.unwrap_or(ChannelBody::Api).into();
        let mut incoming = Incoming::new(channel, email.as_str(), self.name.unwrap_or_default());
        incoming.email_id = self.email_id.filter(|id| *id != 0).map(EmailId::new);
        incoming.reply_to = self.reply_to;
        incoming.reply_to_name = self.reply_to_name;
        incoming.recipients = self
            .recipients
            .unwrap_or_default()
            .into_iter()
            .map(|r| Recipient {
                name: r.name,
                email: r.email,
            })
            .collect();
        incoming.topic_id = self.topic_id.map(TopicId::new);
        incoming.message = self.message.unwrap_or_default();
        incoming.form_fields = form_fields;
        Ok(TicketToTry {
            incoming,
            subject: self.subject,
            fields,
        })
    }
}

/// What the filters would do with the ticket.
#[derive(Debug, Serialize, ToSchema)]
pub struct FilterTestBody {
    pub outcome: OutcomeBody,
    /// The target the channel maps to (`Web`, `Email`, `API`); `null` when
    /// only `Any` filters run.
    pub target: Option<&'static str>,
    /// Every field a rule tests, as compared (`null`: the ticket has none,
    /// and rules compare "").
    pub values: Vec<FieldValueBody>,
    /// Every active filter in execution order, with each rule's outcome.
    pub filters: Vec<FilterTraceBody>,
    /// The actions applied while the ticket is created, in order.
    pub plan: Vec<PlannedActionBody>,
    /// The filters whose actions were taken, and the rules that decided.
    pub matched: Vec<FilterMatchBody>,
    /// What happens once the ticket exists.
    pub after_create: AfterCreateBody,
}

/// How the run ends.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeBody {
    /// `accepted`; `banned` (the sender is on the system ban list, no
    /// filter ran); `rejected` (a `reject` action: the ticket is denied);
    /// `sender_replaced` (a `replyto` action made the Reply-To the sender:
    /// on creation the filters run again for that sender).
    pub result: &'static str,
    /// The filter that ended the run, when one did.
    pub filter_id: Option<u32>,
    /// The new sender of `sender_replaced`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldValueBody {
    /// As rules name it (`email`, `field.20`).
    pub what: String,
    pub value: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FilterTraceBody {
    /// `ost_filter.id`; 0 for the tried filter.
    pub id: u32,
    pub name: String,
    pub execorder: u32,
    pub target: &'static str,
    pub match_all_rules: bool,
    pub stop_onmatch: bool,
    /// `applied` (its actions are in the plan), `not_matched`,
    /// `other_target` (it listens to another channel), `other_mailbox`
    /// (bound to another mailbox) or `not_reached` (it matched, but the ban
    /// list or an earlier filter ended the run).
    pub status: &'static str,
    /// Whether the rules hold, eligible or not.
    pub rules_match: bool,
    pub rules: Vec<RuleTraceBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RuleTraceBody {
    /// `ost_filter_rule.id` (numbered from 1 for the tried filter).
    pub id: u32,
    pub what: String,
    pub how: &'static str,
    pub val: String,
    pub holds: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlannedActionBody {
    pub filter_id: u32,
    /// `ost_filter_action.id` (numbered from 1 for the tried filter).
    pub action_id: u32,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[schema(value_type = Object)]
    pub configuration: Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FilterMatchBody {
    pub filter_id: u32,
    pub name: String,
    /// Every rule of an all-rules filter, else the first that held.
    pub rule_ids: Vec<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AfterCreateBody {
    /// The `email` actions, sent once the ticket exists.
    pub plan: Vec<PlannedActionBody>,
    /// The department, priority, SLA, team, agent, topic and status actions
    /// osTicket records as "edited" thread events naming the filter.
    pub logged_changes: Vec<PlannedActionBody>,
}

fn planned(actions: Vec<PlannedAction>) -> Vec<PlannedActionBody> {
    actions
        .into_iter()
        .map(|planned| PlannedActionBody {
            filter_id: planned.filter.get(),
            action_id: planned.action_id.get(),
            kind: planned.action.kind(),
            configuration: serde_json::from_str(&planned.action.configuration())
                .ok()
                .filter(Value::is_object)
                .unwrap_or_else(|| Value::Object(serde_json::Map::new())),
        })
        .collect()
}

fn outcome(outcome: Outcome) -> OutcomeBody {
    let (result, filter, sender) = match outcome {
        Outcome::Accepted => ("accepted", None, None),
        Outcome::Banned { filter } => ("banned", Some(filter), None),
        Outcome::Rejected { filter } => ("rejected", Some(filter), None),
        Outcome::SenderReplaced {
            filter,
            email,
            name,
        } => ("sender_replaced", Some(filter), Some((email, name))),
    };
    let (email, name) = match sender {
        Some((email, name)) => (Some(email), name),
        None => (None, None),
    };
    OutcomeBody {
        result,
        filter_id: filter.map(|id| id.get()),
        email,
        name,
    }
}

fn status(status: FilterStatus) -> &'static str {
    match status {
        FilterStatus::Applied => "applied",
        FilterStatus::NotMatched => "not_matched",
        FilterStatus::OtherTarget => "other_target",
        FilterStatus::OtherMailbox => "other_mailbox",
        FilterStatus::NotReached => "not_reached",
    }
}

fn trace(filter: FilterTrace) -> FilterTraceBody {
    FilterTraceBody {
        id: filter.filter.get(),
        name: filter.name,
        execorder: filter.execorder,
        target: filter.target.as_str(),
        match_all_rules: filter.match_all_rules,
        stop_onmatch: filter.stop_onmatch,
        status: status(filter.status),
        rules_match: filter.rules_match,
        rules: filter
            .rules
            .into_iter()
            .map(|rule| RuleTraceBody {
                id: rule.rule.get(),
                what: rule.field.to_string(),
                how: rule.operator.as_str(),
                val: rule.value,
                holds: rule.holds,
            })
            .collect(),
    }
}

fn matched(matches: Vec<FilterMatch>) -> Vec<FilterMatchBody> {
    matches
        .into_iter()
        .map(|found| FilterMatchBody {
            filter_id: found.filter.get(),
            name: found.name,
            rule_ids: found.rules.into_iter().map(|id| id.get()).collect(),
        })
        .collect()
}

impl From<DryRun> for FilterTestBody {
    fn from(run: DryRun) -> Self {
        let Explanation {
            target,
            values,
            filters,
            evaluation,
            ..
        } = run.before_create;
        let Evaluation {
            outcome: ended,
            plan,
            matched: found,
            ..
        } = evaluation;
        Self {
            outcome: outcome(ended),
            target: target.map(|target| target.as_str()),
            values: values
                .into_iter()
                .map(|value| FieldValueBody {
                    what: value.field.to_string(),
                    value: value.value,
                })
                .collect(),
            filters: filters.into_iter().map(trace).collect(),
            plan: planned(plan),
            matched: matched(found),
            after_create: AfterCreateBody {
                plan: planned(run.after_create.plan),
                logged_changes: planned(run.after_create.logged_changes),
            },
        }
    }
}

/// The dry run: which filters a would-be ticket matches, each rule's
/// outcome and the ordered action plan, without opening the ticket or
/// writing anything (administrators only, as the filters are theirs to
/// see). Optionally with an unsaved filter to try.
#[utoipa::path(
    tag = "filters",
    request_body = FilterTestRequest,
    responses(
        (status = 200, body = FilterTestBody),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named (`email`, `fields.serial`, `filter.rules[0].val`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/filters/test")]
pub async fn test_filters(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(mut body): JsonBody<FilterTestRequest>,
) -> Result<HttpResponse, Problem> {
    let draft = body.filter.take().map(|filter| filter.into_draft().0);
    let ticket = body.parse()?;
    let run = oxt_service::filters::test(&ctx, &caller, ticket, draft).await?;
    Ok(HttpResponse::Ok().json(FilterTestBody::from(run)))
}
