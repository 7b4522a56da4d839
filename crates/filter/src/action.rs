//! What a matching filter does: `ost_filter_action` rows, one type each with
//! its JSON configuration, as osTicket 1.18's `FilterAction` subclasses read
//! them.

use oxt_ticket::contact::EmailAddress;
use oxt_ticket::ids::{
    CannedId, DeptId, EmailId, PriorityId, SlaId, StaffId, StatusId, TeamId, TopicId,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A configured action. Serializes as osTicket stores it: the `type` tag
/// plus the configuration keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Action {
    /// `reject`: the ticket is refused (403 "Ticket denied" on the API).
    #[serde(rename = "reject")]
    Reject,
    /// `replyto`: the Reply-To address becomes the ticket's sender.
    #[serde(rename = "replyto")]
    UseReplyTo,
    /// `noresp`: no new-ticket auto-response.
    #[serde(rename = "noresp")]
    DisableAutoResponse,
    /// `canned`: the canned response is sent as the auto-reply.
    #[serde(rename = "canned")]
    AttachCannedResponse { canned_id: CannedId },
    /// `dept`: applied only if the department is active when the ticket is
    /// created.
    #[serde(rename = "dept")]
    SetDepartment { dept_id: DeptId },
    /// `pri`. osTicket reads the key `priority`; rows its 1.10 upgrader
    /// wrote with `priority_id` do nothing in osTicket, and nothing here.
    #[serde(rename = "pri")]
    SetPriority { priority: PriorityId },
    #[serde(rename = "sla")]
    SetSla { sla_id: SlaId },
    #[serde(rename = "team")]
    AssignTeam { team_id: TeamId },
    #[serde(rename = "agent")]
    AssignAgent { staff_id: StaffId },
    /// `topic`: applied only if the topic is active when the ticket is
    /// created.
    #[serde(rename = "topic")]
    SetHelpTopic { topic_id: TopicId },
    #[serde(rename = "status")]
    SetStatus { status_id: StatusId },
    /// `email`: sent once the ticket exists.
    #[serde(rename = "email")]
    SendEmail(SendEmail),
}

/// The `email` action's configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendEmail {
    /// Comma-separated addresses; `%{user}` stands for the ticket's owner.
    pub recipients: String,
    /// Template text with `%{ticket.*}` variables.
    pub subject: String,
    /// HTML template text with `%{ticket.*}` and `%{recipient}` variables.
    pub message: String,
    /// The help-desk mailbox to send from; `None` for the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<EmailId>,
}

/// When osTicket applies an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// While the ticket data is being prepared: every action but `email`.
    BeforeCreate,
    /// Once the ticket has been created: `email` only.
    AfterCreate,
}

/// A row an action points at, which the service must check exists (and for
/// departments and topics, is active).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Reference {
    CannedResponse(CannedId),
    Department(DeptId),
    Priority(PriorityId),
    Sla(SlaId),
    Team(TeamId),
    Agent(StaffId),
    HelpTopic(TopicId),
    Status(StatusId),
    Email(EmailId),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ActionError {
    #[error("`{0}` is not a filter action type")]
    UnknownType(String),
    #[error("the configuration is not valid JSON (line {line}, column {column})")]
    MalformedJson { line: usize, column: usize },
    #[error("the configuration must be a JSON object")]
    NotAnObject(Value),
    #[error("`{key}` holds {found}, which is not a valid value")]
    InvalidValue { key: &'static str, found: Value },
    #[error("`{key}` needs a value")]
    MissingValue { key: &'static str },
    #[error("`{0}` is not a recipient address or %{{user}}")]
    InvalidRecipient(String),
}

/// The result of reading one action row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Configured {
    Action(Action),
    /// The configuration leaves the action without its value, so osTicket
    /// skips it (`if ($config['dept_id'])`).
    Unset {
        key: &'static str,
    },
}

impl Action {
    /// The `type` column value.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Reject => "reject",
            Self::UseReplyTo => "replyto",
            Self::DisableAutoResponse => "noresp",
            Self::AttachCannedResponse { .. } => "canned",
            Self::SetDepartment { .. } => "dept",
            Self::SetPriority { .. } => "pri",
            Self::SetSla { .. } => "sla",
            Self::AssignTeam { .. } => "team",
            Self::AssignAgent { .. } => "agent",
            Self::SetHelpTopic { .. } => "topic",
            Self::SetStatus { .. } => "status",
            Self::SendEmail(_) => "email",
        }
    }

    pub fn phase(&self) -> Phase {
        match self {
            Self::SendEmail(_) => Phase::AfterCreate,
            _ => Phase::BeforeCreate,
        }
    }

    pub fn reference(&self) -> Option<Reference> {
        Some(match self {
            Self::Reject | Self::UseReplyTo | Self::DisableAutoResponse => return None,
            Self::AttachCannedResponse { canned_id } => Reference::CannedResponse(*canned_id),
            Self::SetDepartment { dept_id } => Reference::Department(*dept_id),
            Self::SetPriority { priority } => Reference::Priority(*priority),
            Self::SetSla { sla_id } => Reference::Sla(*sla_id),
            Self::AssignTeam { team_id } => Reference::Team(*team_id),
            Self::AssignAgent { staff_id } => Reference::Agent(*staff_id),
            Self::SetHelpTopic { topic_id } => Reference::HelpTopic(*topic_id),
            Self::SetStatus { status_id } => Reference::Status(*status_id),
            Self::SendEmail(send) => return send.from.map(Reference::Email),
        })
    }

    /// osTicket records an "edited" thread event for these after creating
    /// the ticket (`getEventDescription`).
    pub fn is_logged_after_create(&self) -> bool {
        matches!(
            self,
            Self::SetDepartment { .. }
                | Self::SetPriority { .. }
                | Self::SetSla { .. }
                | Self::AssignTeam { .. }
                | Self::AssignAgent { .. }
                | Self::SetHelpTopic { .. }
                | Self::SetStatus { .. }
        )
    }

    /// The `configuration` column value, as osTicket encodes it (`[]` for an
    /// action without settings).
    pub fn configuration(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        let Some(object) = value.as_object_mut() else {
            return "[]".to_owned();
        };
        object.remove("type");
        if object.is_empty() {
            "[]".to_owned()
        } else {
            value.to_string()
        }
    }

    /// Reads the `type` and `configuration` columns.
    pub(crate) fn from_columns(
        kind: &str,
        configuration: Option<&str>,
    ) -> Result<Configured, ActionError> {
        let text = configuration.map(str::trim).unwrap_or_default();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(text).map_err(|e| ActionError::MalformedJson {
                line: e.line(),
                column: e.column(),
            })?
        };
        Self::from_configuration(kind, &value)
    }

    /// Reads a type and its configuration given as JSON.
    pub(crate) fn from_configuration(
        kind: &str,
        configuration: &Value,
    ) -> Result<Configured, ActionError> {
        let empty = Map::new();
        let config = match configuration {
            Value::Object(map) => map,
            // PHP encodes an empty configuration as `[]`.
            Value::Null | Value::Array(_) => &empty,
            other => return Err(ActionError::NotAnObject(other.clone())),
        };
        let read =
            |key: &'static str, make: fn(u32) -> Action| -> Result<Configured, ActionError> {
                Ok(match id_value(config, key)? {
                    Some(id) => Configured::Action(make(id)),
                    None => Configured::Unset { key },
                })
            };
        match kind {
            "reject" => Ok(Configured::Action(Self::Reject)),
            "replyto" => Ok(Configured::Action(Self::UseReplyTo)),
            "noresp" => Ok(Configured::Action(Self::DisableAutoResponse)),
            "canned" => read("canned_id", |id| Self::AttachCannedResponse {
                canned_id: CannedId::new(id),
            }),
            "dept" => read("dept_id", |id| Self::SetDepartment {
                dept_id: DeptId::new(id),
            }),
            "pri" => read("priority", |id| Self::SetPriority {
                priority: PriorityId::new(id),
            }),
            "sla" => read("sla_id", |id| Self::SetSla {
                sla_id: SlaId::new(id),
            }),
            "team" => read("team_id", |id| Self::AssignTeam {
                team_id: TeamId::new(id),
            }),
            "agent" => read("staff_id", |id| Self::AssignAgent {
                staff_id: StaffId::new(id),
            }),
            "topic" => read("topic_id", |id| Self::SetHelpTopic {
                topic_id: TopicId::new(id),
            }),
            "status" => read("status_id", |id| Self::SetStatus {
                status_id: StatusId::new(id),
            }),
            "email" => {
                let recipients = text_value(config, "recipients")?;
                if recipients.trim().is_empty() {
                    return Ok(Configured::Unset { key: "recipients" });
                }
                Ok(Configured::Action(Self::SendEmail(SendEmail {
                    recipients,
                    subject: text_value(config, "subject")?,
                    message: text_value(config, "message")?,
                    from: id_value(config, "from")?.map(EmailId::new),
                })))
            }
            other => Err(ActionError::UnknownType(other.to_owned())),
        }
    }
}

/// An id in PHP's loose sense: a number or a numeric string; anything PHP
/// finds falsy (absent, null, false, 0, "", "0") means "not set".
fn id_value(config: &Map<String, Value>, key: &'static str) -> Result<Option<u32>, ActionError> {
    let invalid = |found: &Value| ActionError::InvalidValue {
        key,
        found: found.clone(),
    };
    match config.get(key) {
        None | Some(Value::Null | Value::Bool(false)) => Ok(None),
        Some(found @ Value::Number(n)) => {
            let id = n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| invalid(found))?;
            Ok((id != 0).then_some(id))
        }
        Some(found @ Value::String(s)) => {
            if s.is_empty() {
                return Ok(None);
            }
            if !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(found));
            }
            let id: u32 = s.parse().map_err(|_| invalid(found))?;
            Ok((id != 0).then_some(id))
        }
        Some(found) => Err(invalid(found)),
    }
}

/// A text setting; absent or null reads as "".
fn text_value(config: &Map<String, Value>, key: &'static str) -> Result<String, ActionError> {
    match config.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(found) => Err(ActionError::InvalidValue {
            key,
            found: found.clone(),
        }),
    }
}

impl SendEmail {
    /// osTicket's editor check on the recipient list: comma-separated
    /// addresses (optionally `Name <address>`), or the `%{user}` placeholder.
    pub fn check_recipients(&self) -> Result<(), ActionError> {
        let entries: Vec<&str> = self.recipients.split(',').map(str::trim).collect();
        if entries.iter().all(|entry| entry.is_empty()) {
            return Err(ActionError::MissingValue { key: "recipients" });
        }
        for entry in entries.into_iter().filter(|e| !e.is_empty()) {
            let address = match (entry.rfind('<'), entry.ends_with('>')) {
                (Some(open), true) => entry[open + 1..entry.len() - 1].trim(),
                _ => entry,
            };
            if address != "%{user}" && EmailAddress::parse(address).is_err() {
                return Err(ActionError::InvalidRecipient(entry.to_owned()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(kind: &str, configuration: &str) -> Result<Configured, ActionError> {
        Action::from_columns(kind, Some(configuration))
    }

    fn action(kind: &str, configuration: &str) -> Action {
        match parse(kind, configuration) {
            Ok(Configured::Action(action)) => action,
            other => panic!("{kind} {configuration}: {other:?}"),
        }
    }

    #[test]
    fn settings_free_actions_accept_any_empty_configuration() {
        assert_eq!(action("reject", "[]"), Action::Reject);
        assert_eq!(action("replyto", r#"{"enable":true}"#), Action::UseReplyTo);
        assert_eq!(
            Action::from_columns("noresp", None).unwrap(),
            Configured::Action(Action::DisableAutoResponse)
        );
        assert_eq!(action("reject", ""), Action::Reject);
    }

    #[test]
    fn every_id_action_reads_its_osticket_key() {
        assert_eq!(
            action("canned", r#"{"canned_id":4}"#),
            Action::AttachCannedResponse {
                canned_id: CannedId::new(4)
            }
        );
        assert_eq!(
            action("dept", r#"{"dept_id":3}"#),
            Action::SetDepartment {
                dept_id: DeptId::new(3)
            }
        );
        assert_eq!(
            action("pri", r#"{"priority":"2"}"#),
            Action::SetPriority {
                priority: PriorityId::new(2)
            }
        );
        assert_eq!(
            action("sla", r#"{"sla_id":1}"#),
            Action::SetSla {
                sla_id: SlaId::new(1)
            }
        );
        assert_eq!(
            action("team", r#"{"team_id":1}"#),
            Action::AssignTeam {
                team_id: TeamId::new(1)
            }
        );
        assert_eq!(
            action("agent", r#"{"staff_id":7}"#),
            Action::AssignAgent {
                staff_id: StaffId::new(7)
            }
        );
        assert_eq!(
            action("topic", r#"{"topic_id":10}"#),
            Action::SetHelpTopic {
                topic_id: TopicId::new(10)
            }
        );
        assert_eq!(
            action("status", r#"{"status_id":3}"#),
            Action::SetStatus {
                status_id: StatusId::new(3)
            }
        );
    }

    #[test]
    fn falsy_ids_leave_the_action_unset_like_php() {
        for config in [
            r#"{"dept_id":0}"#,
            r#"{"dept_id":""}"#,
            r#"{"dept_id":"0"}"#,
            r#"{"dept_id":false}"#,
            r#"{"dept_id":null}"#,
            "[]",
            "{}",
        ] {
            assert_eq!(
                parse("dept", config).unwrap(),
                Configured::Unset { key: "dept_id" },
                "{config}"
            );
        }
    }

    #[test]
    fn the_upgraders_priority_id_key_is_ignored_like_osticket() {
        assert_eq!(
            parse("pri", r#"{"priority_id":3}"#).unwrap(),
            Configured::Unset { key: "priority" }
        );
    }

    #[test]
    fn malformed_configurations_are_named() {
        assert_eq!(
            parse("dept", r#"{"dept_id":"sales"}"#).unwrap_err(),
            ActionError::InvalidValue {
                key: "dept_id",
                found: json!("sales")
            }
        );
        assert_eq!(
            parse("team", r#"{"team_id":-1}"#).unwrap_err(),
            ActionError::InvalidValue {
                key: "team_id",
                found: json!(-1)
            }
        );
        assert_eq!(
            parse("agent", r#"{"staff_id":[1]}"#).unwrap_err(),
            ActionError::InvalidValue {
                key: "staff_id",
                found: json!([1])
            }
        );
        assert_eq!(
            parse("dept", r#"{"dept_id":"#).unwrap_err(),
            ActionError::MalformedJson {
                line: 1,
                column: 11
            }
        );
        assert_eq!(
            parse("dept", "5").unwrap_err(),
            ActionError::NotAnObject(json!(5))
        );
        assert_eq!(
            parse("forward", "[]").unwrap_err(),
            ActionError::UnknownType("forward".to_owned())
        );
    }

    #[test]
    fn send_email_reads_recipients_template_and_sender() {
        let send = action(
            "email",
            r#"{"recipients":"%{user}, boss@example.com","subject":"New","message":"<p>Hi</p>","from":"2"}"#,
        );
        assert_eq!(
            send,
            Action::SendEmail(SendEmail {
                recipients: "%{user}, boss@example.com".to_owned(),
                subject: "New".to_owned(),
                message: "<p>Hi</p>".to_owned(),
                from: Some(EmailId::new(2)),
            })
        );
        assert_eq!(send.phase(), Phase::AfterCreate);
        assert_eq!(send.reference(), Some(Reference::Email(EmailId::new(2))));
        assert_eq!(
            parse("email", r#"{"subject":"x"}"#).unwrap(),
            Configured::Unset { key: "recipients" }
        );
        assert_eq!(
            parse("email", r#"{"recipients":"a@b.c","subject":5}"#).unwrap_err(),
            ActionError::InvalidValue {
                key: "subject",
                found: json!(5)
            }
        );
    }

    #[test]
    fn configuration_is_written_back_as_osticket_encodes_it() {
        assert_eq!(Action::Reject.configuration(), "[]");
        assert_eq!(
            Action::SetDepartment {
                dept_id: DeptId::new(3)
            }
            .configuration(),
            r#"{"dept_id":3}"#
        );
        assert_eq!(
            Action::SetPriority {
                priority: PriorityId::new(1)
            }
            .configuration(),
            r#"{"priority":1}"#
        );
        let send = Action::SendEmail(SendEmail {
            recipients: "a@example.com".to_owned(),
            subject: "s".to_owned(),
            message: "m".to_owned(),
            from: None,
        });
        assert_eq!(action("email", &send.configuration()), send);
    }

    #[test]
    fn references_name_the_row_each_action_needs() {
        assert_eq!(Action::Reject.reference(), None);
        assert_eq!(
            Action::AssignAgent {
                staff_id: StaffId::new(9)
            }
            .reference(),
            Some(Reference::Agent(StaffId::new(9)))
        );
        assert_eq!(
            Action::SetHelpTopic {
                topic_id: TopicId::new(2)
            }
            .reference(),
            Some(Reference::HelpTopic(TopicId::new(2)))
        );
    }

    #[test]
    fn recipient_lists_are_checked_like_the_osticket_editor() {
        let send = |recipients: &str| SendEmail {
            recipients: recipients.to_owned(),
            subject: "s".to_owned(),
            message: "m".to_owned(),
            from: None,
        };
        assert!(
            send("%{user}, Boss <boss@example.com>")
                .check_recipients()
                .is_ok()
        );
        assert_eq!(
            send("root@localhost").check_recipients().unwrap_err(),
            ActionError::InvalidRecipient("root@localhost".to_owned())
        );
        assert_eq!(
            send("not an address").check_recipients().unwrap_err(),
            ActionError::InvalidRecipient("not an address".to_owned())
        );
        assert_eq!(
            send(" , ").check_recipients().unwrap_err(),
            ActionError::MissingValue { key: "recipients" }
        );
    }
}
