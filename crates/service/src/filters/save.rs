//! Creating and changing a filter, validated as osTicket's editor validates
//! it (`FilterDraft::validate`) plus what only the database can tell: the
//! name is free, and every row an action or the mailbox binding names
//! exists. Every problem is reported at once; nothing is written unless the
//! whole filter is valid.

use crate::access::{AdminAccessError, require_admin};
use crate::filters::errors::{FilterFieldError, FilterIssue, reference_key, reference_missing};
use crate::{Caller, Ctx};
use oxt_filter::{ActionDraft, BanList, FilterDraft, Reference, RuleDraft, ValidatedFilter};
use oxt_perm::AccessError;
use oxt_store::filters::{
    FilterRecord, filter_name_taken, find_filter, insert_filter, reference_exists, replace_filter,
};
use oxt_store::{Conn, StoreError};
use oxt_ticket::ids::{EmailId, FilterId};

#[derive(Debug, thiserror::Error)]
pub enum SaveFilterError {
    #[error(transparent)]
    Refused(#[from] AccessError),
    #[error("filter {0} does not exist")]
    NotFound(FilterId),
    #[error("the filter is not valid")]
    Invalid(Vec<FilterFieldError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<AdminAccessError> for SaveFilterError {
    fn from(error: AdminAccessError) -> Self {
        match error {
            AdminAccessError::Refused(refused) => Self::Refused(refused),
            AdminAccessError::Store(store) => Self::Store(store),
        }
    }
}

/// A filter as submitted, with its free-text notes.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterSubmission {
    pub draft: FilterDraft,
    pub notes: Option<String>,
}

/// What a partial update changes; `None` keeps the stored value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterChanges {
    pub name: Option<String>,
    pub execorder: Option<u32>,
    pub isactive: Option<bool>,
    pub match_all_rules: Option<bool>,
    pub stop_onmatch: Option<bool>,
    pub target: Option<String>,
    pub email_id: Option<Option<EmailId>>,
    pub notes: Option<Option<String>>,
    pub rules: Option<Vec<RuleDraft>>,
    pub actions: Option<Vec<ActionDraft>>,
}

#[tracing::instrument(skip_all)]
pub async fn create(
    ctx: &Ctx,
    caller: &Caller,
    submission: FilterSubmission,
) -> Result<FilterRecord, SaveFilterError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let filter = check(&tx, &submission.draft, None).await?;
    let id = insert_filter(&tx, &filter, submission.notes.as_deref(), now).await?;
    let record = find_filter(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    ctx.filters.invalidate();
    tracing::info!(filter_id = %id, "filter created");
    Ok(record)
}

/// Replaces the filter's settings, rules and actions with `changes` laid
/// over what is stored (a full replacement when every field is given).
#[tracing::instrument(skip_all, fields(filter_id = %id))]
pub async fn update(
    ctx: &Ctx,
    caller: &Caller,
    id: FilterId,
    changes: FilterChanges,
) -> Result<FilterRecord, SaveFilterError> {
    let now = ctx.clock.now();
    let tx = ctx.store.begin().await?;
    require_admin(&tx, caller).await?;
    let stored = find_filter(&tx, id)
        .await?
        .ok_or(SaveFilterError::NotFound(id))?;
    let was_ban_list = is_ban_list(&stored);
    let notes = changes.notes.clone().unwrap_or(stored.notes.clone());
    let draft = merge(stored, changes);
    if was_ban_list && !draft.name.trim().eq_ignore_ascii_case(BanList::FILTER_NAME) {
        return Err(SaveFilterError::Invalid(vec![FilterFieldError::new(
            "name",
            FilterIssue::NotAllowed,
            "the system ban list keeps its name",
        )]));
    }
    let filter = check(&tx, &draft, Some(id)).await?;
    replace_filter(&tx, id, &filter, notes.as_deref(), now).await?;
    let record = find_filter(&tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    ctx.filters.invalidate();
    tracing::info!("filter updated");
    Ok(record)
}

pub(crate) fn is_ban_list(record: &FilterRecord) -> bool {
    record
        .definition
        .filter
        .name
        .eq_ignore_ascii_case(BanList::FILTER_NAME)
}

/// The stored filter as a draft, with `changes` laid over it.
fn merge(stored: FilterRecord, changes: FilterChanges) -> FilterDraft {
    let definition = stored.definition;
    let row = definition.filter;
    FilterDraft {
        name: changes.name.unwrap_or(row.name),
        execorder: changes.execorder.unwrap_or(row.execorder),
        isactive: changes.isactive.unwrap_or(row.isactive),
        match_all_rules: changes.match_all_rules.unwrap_or(row.match_all_rules),
        stop_onmatch: changes.stop_onmatch.unwrap_or(row.stop_onmatch),
        target: changes.target.unwrap_or(row.target),
        email_id: changes.email_id.unwrap_or(row.email_id),
        rules: changes.rules.unwrap_or_else(|| {
            definition
                .rules
                .into_iter()
                .map(|rule| RuleDraft {
                    what: rule.what,
                    how: rule.how,
                    val: rule.val,
                })
                .collect()
        }),
        actions: changes.actions.unwrap_or_else(|| {
            definition
                .actions
                .into_iter()
                .map(|action| ActionDraft {
                    configuration: action
                        .configuration
                        .as_deref()
                        .and_then(|text| serde_json::from_str(text).ok())
                        .unwrap_or(serde_json::Value::Null),
                    kind: action.kind,
                })
                .collect()
        }),
    }
}

/// `FilterDraft::validate`, then the checks that need the database.
pub(crate) async fn check(
    db: &impl Conn,
    draft: &FilterDraft,
    existing: Option<FilterId>,
) -> Result<ValidatedFilter, SaveFilterError> {
    let (filter, mut errors) = match draft.validate() {
        Ok(filter) => (Some(filter), Vec::new()),
        Err(invalid) => (None, invalid.0.iter().map(FilterFieldError::from).collect()),
    };
    let name = draft.name.trim();
    if !name.is_empty() && filter_name_taken(db, name, existing).await? {
        errors.push(FilterFieldError::new(
            "name",
            FilterIssue::Taken,
            format!("a filter named {name:?} already exists"),
        ));
    }
    if let Some(email) = draft.email_id
        && !reference_exists(db, Reference::Email(email)).await?
    {
        errors.push(FilterFieldError::new(
            "email_id",
            FilterIssue::Unknown,
            reference_missing(Reference::Email(email)),
        ));
    }
    if let Some(filter) = &filter {
        for (index, reference) in filter.references() {
            if !reference_exists(db, reference).await? {
                errors.push(FilterFieldError::new(
                    format!(
                        "actions[{index}].configuration.{}",
                        reference_key(reference)
                    ),
                    FilterIssue::Unknown,
                    reference_missing(reference),
                ));
            }
        }
    }
    match filter {
        Some(filter) if errors.is_empty() => Ok(filter),
        _ => Err(SaveFilterError::Invalid(errors)),
    }
}
