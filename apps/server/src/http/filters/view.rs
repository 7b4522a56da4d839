//! The JSON shape of a filter: `ost_filter` with its `ost_filter_rule` and
//! `ost_filter_action` rows, fields named after their columns.

use chrono::{DateTime, Utc};
use oxt_service::filters::FilterRecord;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct FilterBody {
    /// `ost_filter.id`
    pub id: u32,
    pub name: String,
    /// Filters run in ascending `execorder`.
    pub execorder: u32,
    pub isactive: bool,
    /// `true`: every rule must hold; `false`: any one.
    pub match_all_rules: bool,
    /// No later filter runs once this one matched.
    pub stop_onmatch: bool,
    /// `Any`, `Web`, `Email` or `API`: the channel the filter listens to.
    pub target: String,
    /// The help-desk mailbox (`ost_email.email_id`) an `Email` filter is
    /// bound to; `null` for every mailbox.
    pub email_id: Option<u32>,
    pub notes: Option<String>,
    /// In the order they are stored.
    pub rules: Vec<RuleBody>,
    /// In the order they run (`sort`).
    pub actions: Vec<ActionBody>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

/// One `ost_filter_rule` row.
#[derive(Debug, Serialize, ToSchema)]
pub struct RuleBody {
    pub id: u32,
    /// The field tested: `name`, `email`, `reply-to`, `reply-to-name`,
    /// `addressee`, `topicId`, `body` or a form field `field.<id>` /
    /// `field.<id>.<property>`.
    pub what: String,
    /// `equal`, `not_equal`, `contains`, `dn_contain`, `starts`, `ends`,
    /// `match` or `not_match`.
    pub how: String,
    /// The value compared; for `match`/`not_match` a delimited PCRE
    /// pattern (`/^urgent/iu`).
    pub val: String,
    /// Only the ban list reads it; filters evaluate every rule.
    pub isactive: bool,
}

/// One `ost_filter_action` row.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionBody {
    pub id: u32,
    pub sort: u32,
    /// `reject`, `replyto`, `noresp`, `canned`, `dept`, `pri`, `sla`,
    /// `team`, `agent`, `topic`, `status` or `email`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The `configuration` column's JSON (`{"dept_id": 3}`); `{}` for an
    /// action without settings, the text itself when a row holds no JSON.
    #[schema(value_type = Object)]
    pub configuration: Value,
}

impl From<FilterRecord> for FilterBody {
    fn from(record: FilterRecord) -> Self {
        let definition = record.definition;
        let filter = definition.filter;
        Self {
            id: filter.id.get(),
            name: filter.name,
            execorder: filter.execorder,
            isactive: filter.isactive,
            match_all_rules: filter.match_all_rules,
            stop_onmatch: filter.stop_onmatch,
            target: filter.target,
            email_id: filter.email_id.map(|id| id.get()),
            notes: record.notes,
            rules: definition
                .rules
                .into_iter()
                .map(|rule| RuleBody {
                    id: rule.id.get(),
                    what: rule.what,
                    how: rule.how,
                    val: rule.val,
                    isactive: rule.isactive,
                })
                .collect(),
            actions: definition
                .actions
                .into_iter()
                .map(|action| ActionBody {
                    id: action.id.get(),
                    sort: action.sort,
                    kind: action.kind,
                    configuration: configuration(action.configuration.as_deref()),
                })
                .collect(),
            created: record.created.map(|at| at.and_utc()),
            updated: record.updated.map(|at| at.and_utc()),
        }
    }
}

/// osTicket encodes an empty settings array as `[]`, which is `{}` here;
/// text that is not JSON (written by hand beside osTicket) is shown as is.
fn configuration(text: Option<&str>) -> Value {
    let text = text.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Value::Object(serde_json::Map::new());
    }
    match serde_json::from_str(text) {
        Ok(Value::Array(items)) if items.is_empty() => Value::Object(serde_json::Map::new()),
        Ok(value) => value,
        Err(_) => Value::String(text.to_owned()),
    }
}

/// Every filter, in execution order.
#[derive(Debug, Serialize, ToSchema)]
pub struct FilterListBody {
    pub items: Vec<FilterBody>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn php_empty_arrays_and_missing_settings_read_as_empty_objects() {
        assert_eq!(configuration(Some("[]")), json!({}));
        assert_eq!(configuration(None), json!({}));
        assert_eq!(
            configuration(Some(r#"{"dept_id":3}"#)),
            json!({"dept_id": 3})
        );
        assert_eq!(configuration(Some("dept=3")), json!("dept=3"));
    }
}
