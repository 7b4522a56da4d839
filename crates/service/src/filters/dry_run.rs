//! `POST /filters/test`: what the filters would do with a ticket, without
//! opening it — each filter's status, each rule's outcome, the plan before
//! creation and the e-mails and events after it. Optionally with a filter
//! that is not saved yet, to try it among the stored ones. Administrators
//! only, as the filters it reveals are theirs to see.

use crate::access::{AdminAccessError, require_admin};
use crate::filters::apply::use_known_sender;
use crate::filters::errors::FilterFieldError;
use crate::filters::save::{SaveFilterError, check};
use crate::{Caller, Ctx};
use oxt_filter::{
    ActionRow, Evaluation, Explanation, FilterActionId, FilterDefinition, FilterDraft, FilterRow,
    FilterRuleId, FilterSet, FormFieldKey, Incoming, Phase, RuleRow, ValidatedFilter,
};
use oxt_perm::AccessError;
use oxt_store::StoreError;
use oxt_store::filters::load_filter_definitions;
use oxt_store::tickets::find_ticket_form;
use oxt_ticket::ids::FilterId;

/// The id a tried, unsaved filter is reported under.
pub const DRAFT_FILTER_ID: FilterId = FilterId::new(0);

#[derive(Debug, thiserror::Error)]
pub enum DryRunError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error("the filter to try is not valid")]
    InvalidDraft(Vec<FilterFieldError>),
    #[error("the ticket form has no field {0:?}")]
    UnknownField(String),
    #[error("the install has no ticket form with a subject field")]
    NoTicketForm,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<AdminAccessError> for DryRunError {
    fn from(error: AdminAccessError) -> Self {
        match error {
            AdminAccessError::Refused(refused) => Self::Refused(refused),
            AdminAccessError::Store(store) => Self::Store(store),
        }
    }
}

/// A ticket to try the filters on: what they see of it, plus the ticket
/// form's answers given as `POST /tickets` takes them, which are put under
/// their field ids (`field.20`) as ticket creation puts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketToTry {
    /// Channel, sender, envelope, topic, message, and any form values keyed
    /// as rules name them (`field.36.abb`).
    pub incoming: Incoming,
    /// The ticket form's subject field.
    pub subject: Option<String>,
    /// Custom ticket-form fields by name or id.
    pub fields: Vec<(String, String)>,
}

impl From<Incoming> for TicketToTry {
    fn from(incoming: Incoming) -> Self {
        Self {
            incoming,
            subject: None,
            fields: Vec::new(),
        }
    }
}

/// The two runs osTicket makes for a new ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DryRun {
    /// Every filter's and rule's outcome, and the plan applied while the
    /// ticket is created.
    pub before_create: Explanation,
    /// The e-mails sent and the "edited" events logged once it exists.
    pub after_create: Evaluation,
}

#[tracing::instrument(skip_all)]
pub async fn test(
    ctx: &Ctx,
    caller: &Caller,
    ticket: TicketToTry,
    draft: Option<FilterDraft>,
) -> Result<DryRun, DryRunError> {
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let mut incoming = ticket_form_answers(&tx, ticket).await?;
    let mut definitions = load_filter_definitions(&tx).await?;
    if let Some(draft) = draft {
        let filter = match check(&tx, &draft, None).await {
            Ok(filter) => filter,
            Err(SaveFilterError::Invalid(errors)) => return Err(DryRunError::InvalidDraft(errors)),
            Err(SaveFilterError::Store(error)) => return Err(error.into()),
            Err(SaveFilterError::Refused(refused)) => return Err(refused.into()),
            Err(SaveFilterError::NotFound(_)) => return Err(StoreError::NotFound.into()),
        };
        definitions.push(draft_definition(&filter));
    }
    use_known_sender(&tx, &mut incoming).await?;
    let (filters, skipped) = FilterSet::compile_skipping_invalid(&definitions);
    for error in &skipped {
        tracing::debug!(filter = %error.filter(), %error, "filter left out of the dry run");
    }
    let before_create = filters.explain(&incoming, Phase::BeforeCreate);
    let mut after = incoming;
    if let Some(topic) = before_create
        .evaluation
        .plan
        .iter()
        .rev()
        .find_map(|p| match p.action {
            oxt_filter::Action::SetHelpTopic { topic_id } => Some(topic_id),
            _ => None,
        })
    {
        after.topic_id = Some(topic);
    }
    let after_create = filters.evaluate(&after, Phase::AfterCreate);
    Ok(DryRun {
        before_create,
        after_create,
    })
}

/// The ticket as creation hands it to the filters: the subject, the message
/// and the custom fields under the ticket form's field ids; these take
/// precedence over form values keyed by the caller.
async fn ticket_form_answers(
    db: &impl oxt_store::Conn,
    ticket: TicketToTry,
) -> Result<Incoming, DryRunError> {
    let TicketToTry {
        mut incoming,
        subject,
        fields,
    } = ticket;
    let form = find_ticket_form(db)
        .await?
        .ok_or(DryRunError::NoTicketForm)?;
    let mut answers = Vec::new();
    if let Some(subject) = subject {
        answers.push((form.subject, subject));
    }
    if let Some(message) = form.message
        && !incoming.message.is_empty()
    {
        answers.push((message, incoming.message.clone()));
    }
    for (key, value) in fields {
        let field = form
            .custom_field(&key)
            .ok_or_else(|| DryRunError::UnknownField(key.clone()))?;
        answers.push((field.id, value));
    }
    incoming.form_fields.extend(
        answers
            .into_iter()
            .map(|(field, value)| (FormFieldKey::field(field), value)),
    );
    Ok(incoming)
}

/// The validated draft as the rows it would be saved as, under
/// [`DRAFT_FILTER_ID`].
fn draft_definition(filter: &ValidatedFilter) -> FilterDefinition {
    FilterDefinition {
        filter: FilterRow {
            id: DRAFT_FILTER_ID,
            execorder: filter.execorder,
            isactive: filter.isactive,
            match_all_rules: filter.match_all_rules,
            stop_onmatch: filter.stop_onmatch,
            target: filter.target.to_string(),
            email_id: filter.email_id,
            name: filter.name.clone(),
        },
        rules: filter
            .rules
            .iter()
            .zip(1..)
            .map(|(rule, id)| RuleRow {
                id: FilterRuleId::new(id),
                filter_id: DRAFT_FILTER_ID,
                what: rule.what.to_string(),
                how: rule.how.as_str().to_owned(),
                val: rule.val.clone(),
                isactive: true,
            })
            .collect(),
        actions: filter
            .actions
            .iter()
            .zip(1..)
            .map(|(action, id)| ActionRow {
                id: FilterActionId::new(id),
                filter_id: DRAFT_FILTER_ID,
                sort: action.sort,
                kind: action.action.kind().to_owned(),
                configuration: Some(action.action.configuration()),
            })
            .collect(),
    }
}
