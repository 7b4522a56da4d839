//! The one problem mapper: every error that leaves the HTTP edge becomes an
//! RFC 9457 `application/problem+json` body here, and nowhere else.
//!
//! Each `type` is a relative URI `/problems/<slug>`; every slug is listed in
//! `docs/api/problems.md`. Bad input is always a 4xx that names the fields.

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, ResponseError};
use oxt_perm::AccessError;
use oxt_service::access::{ActorError, AdminAccessError, TicketAccessError};
use oxt_service::api_keys::{
    CreateApiKeyError, DeleteApiKeyError, GetApiKeyError, ListApiKeysError, UpdateApiKeyError,
};
use oxt_service::auth::{LoginError, LogoutError, RefreshError, UserLoginError};
use oxt_service::departments::{
    CreateDepartmentError, DeleteDepartmentError, GetDepartmentError, ListDepartmentsError,
    UpdateDepartmentError,
};
use oxt_service::filters::{
    BanError, BanListAccessError, DeleteFilterError, DryRunError, FilterFieldError, FilterIssue,
    ReadFiltersError, SaveFilterError, UnbanError,
};
use oxt_service::roles::{
    CreateRoleError, DeleteRoleError, GetRoleError, ListRolesError, UpdateRoleError,
};
use oxt_service::schedules::{
    CreateScheduleError, DeleteScheduleError, GetScheduleError, InvalidScheduleField,
    ListSchedulesError, ScheduleProblem, UpdateScheduleError,
};
use oxt_service::slas::{
    CreateSlaError, DeleteSlaError, GetSlaError, InvalidSlaField, ListSlasError, SlaDueError,
    UpdateSlaError,
};
use oxt_service::staff::{
    CreateStaffError, DeleteStaffError, GetDeptAccessError, GetStaffError, ListStaffError,
    SetDeptAccessError, UpdateStaffError,
};
use oxt_service::teams::{
    CreateTeamError, DeleteTeamError, GetTeamError, ListTeamsError, SetMembersError,
    UpdateTeamError,
};
use oxt_service::tickets::{
    CreateTicketError, ExplainPermissionsError, PostEntryError, UpdateTicketError,
};
use oxt_service::tickets::{GetThreadError, GetTicketError, ListTicketsError};
use oxt_service::users::{CreateUserError, GetUserError, ListUsersError};
use oxt_service::validation::{Invalid, Issue};
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

pub const CONTENT_TYPE: &str = "application/problem+json";

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// `/problems/<slug>`, documented in `docs/api/problems.md`.
    #[serde(rename = "type")]
    kind: String,
    title: &'static str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    /// The invalid fields, each named.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FieldError>,
}

/// One invalid input field.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    /// The field as the client sent it (`email`, `topic_id`, `fields.12`).
    pub field: String,
    /// A stable machine-readable reason (`required`, `invalid`, `unknown`, `too-long`).
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

impl Problem {
    pub fn new(status: StatusCode, slug: &str, title: &'static str) -> Self {
        Self {
            kind: format!("/problems/{slug}"),
            title,
            status: status.as_u16(),
            detail: None,
            errors: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// 422 naming every invalid field.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        Self {
            errors,
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "The request has invalid fields",
            )
        }
    }

    pub fn invalid_field(
        field: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self::invalid(vec![FieldError::new(field, code, message)])
    }

    pub fn not_found(slug: &str, title: &'static str) -> Self {
        Self::new(StatusCode::NOT_FOUND, slug, title)
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Authentication required",
        )
        .with_detail(detail)
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", "Not allowed")
    }

    /// A 500 that says nothing about the cause: the `source()` chain goes to
    /// the log, under the request id the client sees in `X-Request-Id`.
    pub fn internal(error: &(dyn std::error::Error + 'static)) -> Self {
        tracing::error!(error = %ErrorChain(error), "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "Internal error").with_detail(
            "The server could not complete the request; quote the X-Request-Id header when reporting it",
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.title, self.kind)
    }
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code())
            .content_type(ContentType(
                CONTENT_TYPE.parse().expect("a valid media type"),
            ))
            .json(self)
    }
}

/// The one refusal rule: 404 when the caller may not see the object, 403
/// when it sees it but may not do this (with osTicket's reasons).
impl From<AccessError> for Problem {
    fn from(error: AccessError) -> Self {
        match error {
            AccessError::NotVisible => Problem::not_found("not-found", "No such resource"),
            AccessError::Forbidden { reasons } => {
                let why = serde_json::to_string(&reasons).unwrap_or_default();
                Problem::forbidden().with_detail(format!("refused: {why}"))
            }
        }
    }
}

impl From<AdminAccessError> for Problem {
    fn from(error: AdminAccessError) -> Self {
        match error {
            AdminAccessError::Refused(refused) => refused.into(),
            AdminAccessError::Store(inner) => Problem::internal(&inner),
        }
    }
}

/// A token whose staff member or user is gone or locked is no credential.
fn actor_problem(error: &ActorError) -> Problem {
    match error {
        ActorError::UnknownCaller => Problem::unauthorized(error.to_string()),
        ActorError::Store(inner) => Problem::internal(inner),
    }
}

impl From<ActorError> for Problem {
    fn from(error: ActorError) -> Self {
        actor_problem(&error)
    }
}

/// A ticket the caller may not see answers exactly as a missing one.
fn ticket_access_problem(error: &TicketAccessError) -> Problem {
    match error {
        TicketAccessError::NotFound(_) => Problem::not_found("ticket-not-found", "No such ticket"),
        TicketAccessError::Forbidden(refused) => refused.clone().into(),
        TicketAccessError::Caller(unknown) => actor_problem(unknown),
        TicketAccessError::Store(inner) => Problem::internal(inner),
    }
}

impl From<TicketAccessError> for Problem {
    fn from(error: TicketAccessError) -> Self {
        ticket_access_problem(&error)
    }
}

impl From<GetTicketError> for Problem {
    fn from(error: GetTicketError) -> Self {
        match error {
            GetTicketError::Access(refused) => ticket_access_problem(&refused),
            GetTicketError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetThreadError> for Problem {
    fn from(error: GetThreadError) -> Self {
        match error {
            GetThreadError::Access(refused) => ticket_access_problem(&refused),
            GetThreadError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<ListTicketsError> for Problem {
    fn from(error: ListTicketsError) -> Self {
        match error {
            ListTicketsError::Caller(unknown) => unknown.into(),
            ListTicketsError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<CreateTicketError> for Problem {
    fn from(error: CreateTicketError) -> Self {
        let unknown = |field: String| Problem::invalid_field(field, "unknown", error.to_string());
        match &error {
            CreateTicketError::Caller(unknown) => actor_problem(unknown),
            CreateTicketError::Forbidden(refused) => refused.clone().into(),
            CreateTicketError::UnknownTopic(_) => unknown("topic_id".to_owned()),
            CreateTicketError::UnknownDepartment(_) => unknown("dept_id".to_owned()),
            CreateTicketError::UnknownPriority(_) => unknown("priority_id".to_owned()),
            CreateTicketError::UnknownField(key) => unknown(format!("fields.{key}")),
            CreateTicketError::SourceNotAllowed(_) => {
                Problem::invalid_field("source", "not-allowed", error.to_string())
            }
            CreateTicketError::NotOwnAddress => Problem::forbidden().with_detail(error.to_string()),
            CreateTicketError::Rejected(rejection) => ticket_rejected(rejection),
            CreateTicketError::InvalidReplyTo(_) => {
                Problem::invalid_field("reply_to", "invalid", error.to_string())
            }
            CreateTicketError::NoDepartment
            | CreateTicketError::NoPriority
            | CreateTicketError::NoOpenStatus
            | CreateTicketError::NoTicketForm
            | CreateTicketError::NumberFormat(_)
            | CreateTicketError::Numbering(_)
            | CreateTicketError::DueDate(_)
            | CreateTicketError::Store(_) => Problem::internal(&error),
        }
    }
}

impl From<PostEntryError> for Problem {
    fn from(error: PostEntryError) -> Self {
        use oxt_ticket::PostEntryError as Rule;
        match &error {
            PostEntryError::Access(refused) => ticket_access_problem(refused),
            PostEntryError::Rule(Rule::TicketDeleted) => Problem::new(
                StatusCode::CONFLICT,
                "ticket-deleted",
                "The ticket is deleted",
            ),
            PostEntryError::Rule(Rule::UserCannotPost(_) | Rule::OnlyUsersPostMessages(_)) => {
                Problem::new(
                    StatusCode::FORBIDDEN,
                    "entry-type-not-allowed",
                    "The caller may not post this type of entry",
                )
                .with_detail(error.to_string())
            }
            PostEntryError::Banned(banned) => sender_banned(banned),
            PostEntryError::Load(_) | PostEntryError::DueDate(_) | PostEntryError::Store(_) => {
                Problem::internal(&error)
            }
        }
    }
}

impl From<UpdateTicketError> for Problem {
    fn from(error: UpdateTicketError) -> Self {
        use oxt_ticket::{CloseError, EditError, OpenStatusError, TransferError};
        let unknown = |field: &str| Problem::invalid_field(field, "unknown", error.to_string());
        let deleted = || {
            Problem::new(
                StatusCode::CONFLICT,
                "ticket-deleted",
                "The ticket is deleted",
            )
        };
        match &error {
            UpdateTicketError::Access(refused) => ticket_access_problem(refused),
            UpdateTicketError::NotAnAgent => Problem::forbidden().with_detail(error.to_string()),
            UpdateTicketError::UnknownTopic(_) => unknown("topic_id"),
            UpdateTicketError::UnknownPriority(_) => unknown("priority_id"),
            UpdateTicketError::UnknownDepartment(_) => unknown("dept_id"),
            UpdateTicketError::UnknownSla(_) => unknown("sla_id"),
            UpdateTicketError::UnknownStatus(_) => unknown("status_id"),
            UpdateTicketError::StatusNotSettable { .. } => {
                Problem::invalid_field("status_id", "not-settable", error.to_string())
            }
            UpdateTicketError::UnknownField(key) => unknown(&format!("fields.{key}")),
            UpdateTicketError::Rule(
                EditError::DueDateNotAhead | EditError::DueDateOnClosedTicket,
            ) => Problem::invalid_field("duedate", "invalid", error.to_string()),
            UpdateTicketError::Rule(EditError::TicketDeleted)
            | UpdateTicketError::Transfer(TransferError::TicketDeleted)
            | UpdateTicketError::Reopen(OpenStatusError::TicketDeleted)
            | UpdateTicketError::Close(CloseError::TicketDeleted) => deleted(),
            UpdateTicketError::Reopen(OpenStatusError::NotChangeable(_)) => Problem::new(
                StatusCode::CONFLICT,
                "ticket-archived",
                "The ticket is archived and keeps its status",
            )
            .with_detail(error.to_string()),
            UpdateTicketError::Rule(EditError::NothingChanged) => Problem::new(
                StatusCode::CONFLICT,
                "nothing-changed",
                "The ticket already has these values",
            ),
            UpdateTicketError::DueDate(_) => Problem::new(
                StatusCode::CONFLICT,
                "due-date-unresolvable",
                "The SLA and schedule that apply yield no due date",
            )
            .with_detail(error.to_string()),
            UpdateTicketError::NoTicketForm
            | UpdateTicketError::Load(_)
            | UpdateTicketError::Store(_) => Problem::internal(&error),
        }
    }
}

impl From<ExplainPermissionsError> for Problem {
    fn from(error: ExplainPermissionsError) -> Self {
        match &error {
            ExplainPermissionsError::Access(refused) => ticket_access_problem(refused),
            ExplainPermissionsError::NotAdmin(AdminAccessError::Refused(refused)) => {
                refused.clone().into()
            }
            ExplainPermissionsError::UnknownStaff(_) => {
                Problem::invalid_field("staff_id", "unknown", error.to_string())
            }
            ExplainPermissionsError::NotAdmin(AdminAccessError::Store(_))
            | ExplainPermissionsError::Store(_) => Problem::internal(&error),
        }
    }
}

impl From<CreateUserError> for Problem {
    fn from(error: CreateUserError) -> Self {
        match error {
            CreateUserError::Caller(unknown) => unknown.into(),
            CreateUserError::Forbidden(refused) => refused.into(),
            CreateUserError::EmailTaken => Problem::new(
                StatusCode::CONFLICT,
                "user-email-taken",
                "The e-mail address already belongs to a user",
            ),
            CreateUserError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetUserError> for Problem {
    fn from(error: GetUserError) -> Self {
        match error {
            GetUserError::Caller(unknown) => unknown.into(),
            GetUserError::Forbidden(refused) => refused.into(),
            GetUserError::NotFound(_) => Problem::not_found("user-not-found", "No such user"),
            GetUserError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<ListUsersError> for Problem {
    fn from(error: ListUsersError) -> Self {
        match error {
            ListUsersError::Caller(unknown) => unknown.into(),
            ListUsersError::Forbidden(refused) => refused.into(),
            ListUsersError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<LoginError> for Problem {
    fn from(error: LoginError) -> Self {
        match error {
            LoginError::InvalidCredentials => Problem::new(
                StatusCode::UNAUTHORIZED,
                "invalid-credentials",
                "The username or password is wrong",
            ),
            LoginError::AccountDisabled(_) => Problem::new(
                StatusCode::FORBIDDEN,
                "account-disabled",
                "The account is disabled",
            ),
            LoginError::PasswordCheck(_) => Problem::internal(&error),
            LoginError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<RefreshError> for Problem {
    fn from(error: RefreshError) -> Self {
        let refused = |error: &RefreshError| {
            Problem::new(
                StatusCode::UNAUTHORIZED,
                "invalid-refresh-token",
                "The refresh token is not accepted; sign in again",
            )
            .with_detail(error.to_string())
        };
        match error {
            RefreshError::Unknown
            | RefreshError::Expired
            | RefreshError::Revoked
            | RefreshError::ReuseDetected
            | RefreshError::AccountDisabled => refused(&error),
            RefreshError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<LogoutError> for Problem {
    fn from(error: LogoutError) -> Self {
        match error {
            LogoutError::Store(inner) => Problem::internal(&inner),
        }
    }
}

fn api_key_not_found() -> Problem {
    Problem::not_found("api-key-not-found", "No such API key")
}

impl From<CreateApiKeyError> for Problem {
    fn from(error: CreateApiKeyError) -> Self {
        match error {
            CreateApiKeyError::Access(refused) => refused.into(),
            CreateApiKeyError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<ListApiKeysError> for Problem {
    fn from(error: ListApiKeysError) -> Self {
        match error {
            ListApiKeysError::Access(refused) => refused.into(),
            ListApiKeysError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetApiKeyError> for Problem {
    fn from(error: GetApiKeyError) -> Self {
        match error {
            GetApiKeyError::NotFound(_) => api_key_not_found(),
            GetApiKeyError::Access(refused) => refused.into(),
            GetApiKeyError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<UpdateApiKeyError> for Problem {
    fn from(error: UpdateApiKeyError) -> Self {
        match error {
            UpdateApiKeyError::NotFound(_) => api_key_not_found(),
            UpdateApiKeyError::Access(refused) => refused.into(),
            UpdateApiKeyError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<DeleteApiKeyError> for Problem {
    fn from(error: DeleteApiKeyError) -> Self {
        match error {
            DeleteApiKeyError::NotFound(_) => api_key_not_found(),
            DeleteApiKeyError::Access(refused) => refused.into(),
            DeleteApiKeyError::Store(inner) => Problem::internal(&inner),
        }
    }
}

fn sla_not_found() -> Problem {
    Problem::not_found("sla-not-found", "No such SLA")
}

fn invalid_sla(fields: &[InvalidSlaField]) -> Problem {
    Problem::invalid(
        fields
            .iter()
            .map(|invalid| {
                let code = match invalid {
                    InvalidSlaField::NameRequired => "required",
                    InvalidSlaField::NameTooLong => "too-long",
                    InvalidSlaField::NameTaken(_) => "taken",
                    InvalidSlaField::GracePeriodZero | InvalidSlaField::GracePeriod(_) => {
                        "out-of-range"
                    }
                    InvalidSlaField::UnknownSchedule(_) => "unknown",
                    InvalidSlaField::NotBusinessHours(_) => "invalid",
                };
                FieldError::new(invalid.field(), code, invalid.to_string())
            })
            .collect(),
    )
}

impl From<ListSlasError> for Problem {
    fn from(error: ListSlasError) -> Self {
        match error {
            ListSlasError::Refused(refused) => refused.into(),
            ListSlasError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetSlaError> for Problem {
    fn from(error: GetSlaError) -> Self {
        match error {
            GetSlaError::NotFound(_) => sla_not_found(),
            GetSlaError::Refused(refused) => refused.into(),
            GetSlaError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<CreateSlaError> for Problem {
    fn from(error: CreateSlaError) -> Self {
        match error {
            CreateSlaError::Access(refused) => refused.into(),
            CreateSlaError::Invalid(fields) => invalid_sla(&fields),
            CreateSlaError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<UpdateSlaError> for Problem {
    fn from(error: UpdateSlaError) -> Self {
        match error {
            UpdateSlaError::NotFound(_) => sla_not_found(),
            UpdateSlaError::Access(refused) => refused.into(),
            UpdateSlaError::Invalid(fields) => invalid_sla(&fields),
            UpdateSlaError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<DeleteSlaError> for Problem {
    fn from(error: DeleteSlaError) -> Self {
        match error {
            DeleteSlaError::NotFound(_) => sla_not_found(),
            DeleteSlaError::DefaultSla(_) => Problem::new(
                StatusCode::CONFLICT,
                "sla-is-default",
                "The help desk's default SLA cannot be deleted",
            )
            .with_detail(error.to_string()),
            DeleteSlaError::Access(refused) => refused.into(),
            DeleteSlaError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<SlaDueError> for Problem {
    fn from(error: SlaDueError) -> Self {
        match error {
            SlaDueError::NotFound(_) => sla_not_found(),
            SlaDueError::Refused(refused) => refused.into(),
            SlaDueError::Unusable(cause) => Problem::new(
                StatusCode::CONFLICT,
                "sla-unusable",
                "The stored SLA or schedule cannot give a due date",
            )
            .with_detail(cause.to_string()),
            SlaDueError::Store(inner) => Problem::internal(&inner),
        }
    }
}

fn schedule_not_found() -> Problem {
    Problem::not_found("schedule-not-found", "No such schedule")
}

fn invalid_schedule(fields: &[InvalidScheduleField]) -> Problem {
    Problem::invalid(
        fields
            .iter()
            .map(|invalid| {
                let code = match &invalid.problem {
                    ScheduleProblem::NameRequired => "required",
                    ScheduleProblem::TooLong(_) => "too-long",
                    ScheduleProblem::UnknownTimezone(_) | ScheduleProblem::UnknownSchedule(_) => {
                        "unknown"
                    }
                    ScheduleProblem::Entry(_)
                    | ScheduleProblem::NotHolidays(_)
                    | ScheduleProblem::UnreadableHolidays(_) => "invalid",
                    ScheduleProblem::DuplicateEntryName => "taken",
                    ScheduleProblem::TooManyEntries(_) => "too-many",
                    ScheduleProblem::NoBusinessTime => "no-business-time",
                    ScheduleProblem::HolidaysNotAllowed => "not-allowed",
                };
                FieldError::new(invalid.field.clone(), code, invalid.problem.to_string())
            })
            .collect(),
    )
}

impl From<ListSchedulesError> for Problem {
    fn from(error: ListSchedulesError) -> Self {
        match error {
            ListSchedulesError::Refused(refused) => refused.into(),
            ListSchedulesError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetScheduleError> for Problem {
    fn from(error: GetScheduleError) -> Self {
        match error {
            GetScheduleError::NotFound(_) => schedule_not_found(),
            GetScheduleError::Refused(refused) => refused.into(),
            GetScheduleError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<CreateScheduleError> for Problem {
    fn from(error: CreateScheduleError) -> Self {
        match error {
            CreateScheduleError::Access(refused) => refused.into(),
            CreateScheduleError::Invalid(fields) => invalid_schedule(&fields),
            CreateScheduleError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<UpdateScheduleError> for Problem {
    fn from(error: UpdateScheduleError) -> Self {
        match error {
            UpdateScheduleError::NotFound(_) => schedule_not_found(),
            UpdateScheduleError::Access(refused) => refused.into(),
            UpdateScheduleError::Invalid(fields) => invalid_schedule(&fields),
            UpdateScheduleError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<DeleteScheduleError> for Problem {
    fn from(error: DeleteScheduleError) -> Self {
        match error {
            DeleteScheduleError::NotFound(_) => schedule_not_found(),
            DeleteScheduleError::Access(refused) => refused.into(),
            DeleteScheduleError::InUse { .. } => Problem::new(
                StatusCode::CONFLICT,
                "schedule-in-use",
                "The schedule is in use",
            )
            .with_detail(error.to_string()),
            DeleteScheduleError::Store(inner) => Problem::internal(&inner),
        }
    }
}

/// A command's invalid fields: 422 naming each.
impl From<Invalid> for Problem {
    fn from(invalid: Invalid) -> Self {
        Problem::invalid(
            invalid
                .0
                .into_iter()
                .map(|issue| {
                    let code = match issue.issue {
                        Issue::Required => "required",
                        Issue::TooLong { .. } => "too-long",
                        Issue::Unknown => "unknown",
                        Issue::Taken => "taken",
                        Issue::NotAllowed(_) => "not-allowed",
                    };
                    let message = issue.to_string();
                    FieldError::new(issue.field, code, message)
                })
                .collect(),
        )
    }
}

impl From<UserLoginError> for Problem {
    fn from(error: UserLoginError) -> Self {
        match error {
            UserLoginError::InvalidCredentials => Problem::new(
                StatusCode::UNAUTHORIZED,
                "invalid-credentials",
                "The username or password is wrong",
            ),
            UserLoginError::AccountUnconfirmed(_) => Problem::new(
                StatusCode::FORBIDDEN,
                "account-unconfirmed",
                "The account is not confirmed",
            ),
            UserLoginError::AccountLocked(_) => Problem::new(
                StatusCode::FORBIDDEN,
                "account-locked",
                "The account is locked",
            ),
            UserLoginError::PasswordCheck(_) => Problem::internal(&error),
            UserLoginError::Store(inner) => Problem::internal(&inner),
        }
    }
}

fn role_not_found() -> Problem {
    Problem::not_found("role-not-found", "No such role")
}

impl From<ListRolesError> for Problem {
    fn from(error: ListRolesError) -> Self {
        match error {
            ListRolesError::Access(refused) => refused.into(),
            ListRolesError::Unreadable(_) => Problem::internal(&error),
            ListRolesError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetRoleError> for Problem {
    fn from(error: GetRoleError) -> Self {
        match error {
            GetRoleError::Access(refused) => refused.into(),
            GetRoleError::NotFound(_) => role_not_found(),
            GetRoleError::Unreadable(_) => Problem::internal(&error),
            GetRoleError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<CreateRoleError> for Problem {
    fn from(error: CreateRoleError) -> Self {
        match error {
            CreateRoleError::Access(refused) => refused.into(),
            CreateRoleError::Invalid(invalid) => invalid.into(),
            CreateRoleError::Unreadable(_) => Problem::internal(&error),
            CreateRoleError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<UpdateRoleError> for Problem {
    fn from(error: UpdateRoleError) -> Self {
        match error {
            UpdateRoleError::Access(refused) => refused.into(),
            UpdateRoleError::NotFound(_) => role_not_found(),
            UpdateRoleError::Invalid(invalid) => invalid.into(),
            UpdateRoleError::Unreadable(_) => Problem::internal(&error),
            UpdateRoleError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<DeleteRoleError> for Problem {
    fn from(error: DeleteRoleError) -> Self {
        match error {
            DeleteRoleError::Access(refused) => refused.into(),
            DeleteRoleError::NotFound(_) => role_not_found(),
            DeleteRoleError::InUse { .. } => Problem::new(
                StatusCode::CONFLICT,
                "role-in-use",
                "The role is held by agents or department access",
            )
            .with_detail(error.to_string()),
            DeleteRoleError::Store(inner) => Problem::internal(&inner),
        }
    }
}

fn department_not_found() -> Problem {
    Problem::not_found("department-not-found", "No such department")
}

impl From<ListDepartmentsError> for Problem {
    fn from(error: ListDepartmentsError) -> Self {
        match error {
            ListDepartmentsError::Access(refused) => refused.into(),
            ListDepartmentsError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetDepartmentError> for Problem {
    fn from(error: GetDepartmentError) -> Self {
        match error {
            GetDepartmentError::Access(refused) => refused.into(),
            GetDepartmentError::NotFound(_) => department_not_found(),
            GetDepartmentError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<CreateDepartmentError> for Problem {
    fn from(error: CreateDepartmentError) -> Self {
        match error {
            CreateDepartmentError::Access(refused) => refused.into(),
            CreateDepartmentError::Invalid(invalid) => invalid.into(),
            CreateDepartmentError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<UpdateDepartmentError> for Problem {
    fn from(error: UpdateDepartmentError) -> Self {
        match error {
            UpdateDepartmentError::Access(refused) => refused.into(),
            UpdateDepartmentError::NotFound(_) => department_not_found(),
            UpdateDepartmentError::Invalid(invalid) => invalid.into(),
            UpdateDepartmentError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<DeleteDepartmentError> for Problem {
    fn from(error: DeleteDepartmentError) -> Self {
        match error {
            DeleteDepartmentError::Access(refused) => refused.into(),
            DeleteDepartmentError::NotFound(_) => department_not_found(),
            DeleteDepartmentError::DefaultDepartment(_) => Problem::new(
                StatusCode::CONFLICT,
                "default-department",
                "The default department cannot be deleted",
            ),
            DeleteDepartmentError::InUse { .. } => Problem::new(
                StatusCode::CONFLICT,
                "department-in-use",
                "The department still has agents, tickets, tasks or subdepartments",
            )
            .with_detail(error.to_string()),
            DeleteDepartmentError::Store(inner) => Problem::internal(&inner),
        }
    }
}

fn staff_not_found() -> Problem {
    Problem::not_found("staff-not-found", "No such staff member")
}

impl From<ListStaffError> for Problem {
    fn from(error: ListStaffError) -> Self {
        match error {
            ListStaffError::Caller(unknown) => unknown.into(),
            ListStaffError::Forbidden(refused) => refused.into(),
            ListStaffError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetStaffError> for Problem {
    fn from(error: GetStaffError) -> Self {
        match error {
            GetStaffError::Caller(unknown) => unknown.into(),
            GetStaffError::Forbidden(refused) => refused.into(),
            GetStaffError::NotFound(_) => staff_not_found(),
            GetStaffError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<CreateStaffError> for Problem {
    fn from(error: CreateStaffError) -> Self {
        match error {
            CreateStaffError::Access(refused) => refused.into(),
            CreateStaffError::Invalid(invalid) => invalid.into(),
            CreateStaffError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<UpdateStaffError> for Problem {
    fn from(error: UpdateStaffError) -> Self {
        match error {
            UpdateStaffError::Access(refused) => refused.into(),
            UpdateStaffError::NotFound(_) => staff_not_found(),
            UpdateStaffError::Invalid(invalid) => invalid.into(),
            UpdateStaffError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<DeleteStaffError> for Problem {
    fn from(error: DeleteStaffError) -> Self {
        match error {
            DeleteStaffError::Access(refused) => refused.into(),
            DeleteStaffError::NotFound(_) => staff_not_found(),
            DeleteStaffError::OwnAccount(_) => Problem::new(
                StatusCode::CONFLICT,
                "staff-own-account",
                "An administrator cannot delete their own account",
            ),
            DeleteStaffError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetDeptAccessError> for Problem {
    fn from(error: GetDeptAccessError) -> Self {
        match error {
            GetDeptAccessError::Caller(unknown) => unknown.into(),
            GetDeptAccessError::Forbidden(refused) => refused.into(),
            GetDeptAccessError::NotFound(_) => staff_not_found(),
            GetDeptAccessError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<SetDeptAccessError> for Problem {
    fn from(error: SetDeptAccessError) -> Self {
        match error {
            SetDeptAccessError::Access(refused) => refused.into(),
            SetDeptAccessError::NotFound(_) => staff_not_found(),
            SetDeptAccessError::Invalid(invalid) => invalid.into(),
            SetDeptAccessError::Store(inner) => Problem::internal(&inner),
        }
    }
}

fn team_not_found() -> Problem {
    Problem::not_found("team-not-found", "No such team")
}

impl From<ListTeamsError> for Problem {
    fn from(error: ListTeamsError) -> Self {
        match error {
            ListTeamsError::Access(refused) => refused.into(),
            ListTeamsError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<GetTeamError> for Problem {
    fn from(error: GetTeamError) -> Self {
        match error {
            GetTeamError::Access(refused) => refused.into(),
            GetTeamError::NotFound(_) => team_not_found(),
            GetTeamError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<CreateTeamError> for Problem {
    fn from(error: CreateTeamError) -> Self {
        match error {
            CreateTeamError::Access(refused) => refused.into(),
            CreateTeamError::Invalid(invalid) => invalid.into(),
            CreateTeamError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<UpdateTeamError> for Problem {
    fn from(error: UpdateTeamError) -> Self {
        match error {
            UpdateTeamError::Access(refused) => refused.into(),
            UpdateTeamError::NotFound(_) => team_not_found(),
            UpdateTeamError::Invalid(invalid) => invalid.into(),
            UpdateTeamError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<DeleteTeamError> for Problem {
    fn from(error: DeleteTeamError) -> Self {
        match error {
            DeleteTeamError::Access(refused) => refused.into(),
            DeleteTeamError::NotFound(_) => team_not_found(),
            DeleteTeamError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<SetMembersError> for Problem {
    fn from(error: SetMembersError) -> Self {
        match error {
            SetMembersError::Access(refused) => refused.into(),
            SetMembersError::NotFound(_) => team_not_found(),
            SetMembersError::Invalid(invalid) => invalid.into(),
            SetMembersError::Store(inner) => Problem::internal(&inner),
        }
    }
}

fn filter_not_found() -> Problem {
    Problem::not_found("filter-not-found", "No such filter")
}

/// A filter's invalid fields, each under `prefix` (`filter.` for the one a
/// dry run tries), with the reason a pattern cannot be used in `message`.
fn invalid_filter(prefix: &str, fields: Vec<FilterFieldError>) -> Problem {
    Problem::invalid(
        fields
            .into_iter()
            .map(|invalid| {
                let code = match invalid.issue {
                    FilterIssue::Required => "required",
                    FilterIssue::TooLong => "too-long",
                    FilterIssue::Unknown => "unknown",
                    FilterIssue::Taken => "taken",
                    FilterIssue::Invalid => "invalid",
                    FilterIssue::NotAllowed => "not-allowed",
                };
                FieldError::new(format!("{prefix}{}", invalid.field), code, invalid.message)
            })
            .collect(),
    )
}

impl From<ReadFiltersError> for Problem {
    fn from(error: ReadFiltersError) -> Self {
        match error {
            ReadFiltersError::Refused(refused) => refused.into(),
            ReadFiltersError::NotFound(_) => filter_not_found(),
            ReadFiltersError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<SaveFilterError> for Problem {
    fn from(error: SaveFilterError) -> Self {
        match error {
            SaveFilterError::Refused(refused) => refused.into(),
            SaveFilterError::NotFound(_) => filter_not_found(),
            SaveFilterError::Invalid(fields) => invalid_filter("", fields),
            SaveFilterError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<DeleteFilterError> for Problem {
    fn from(error: DeleteFilterError) -> Self {
        match error {
            DeleteFilterError::Refused(refused) => refused.into(),
            DeleteFilterError::NotFound(_) => filter_not_found(),
            DeleteFilterError::SystemBanList(_) => Problem::new(
                StatusCode::CONFLICT,
                "system-ban-list",
                "The system ban list cannot be deleted",
            )
            .with_detail(error.to_string()),
            DeleteFilterError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<DryRunError> for Problem {
    fn from(error: DryRunError) -> Self {
        match error {
            DryRunError::Refused(refused) => refused.into(),
            DryRunError::InvalidDraft(fields) => invalid_filter("filter.", fields),
            DryRunError::UnknownField(ref key) => {
                Problem::invalid_field(format!("fields.{key}"), "unknown", error.to_string())
            }
            DryRunError::NoTicketForm => Problem::internal(&error),
            DryRunError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<BanListAccessError> for Problem {
    fn from(error: BanListAccessError) -> Self {
        match error {
            BanListAccessError::Refused(refused) => refused.into(),
            BanListAccessError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<BanError> for Problem {
    fn from(error: BanError) -> Self {
        match error {
            BanError::Refused(refused) => refused.into(),
            BanError::AlreadyBanned(_) => Problem::new(
                StatusCode::CONFLICT,
                "already-banned",
                "The address is already on the ban list",
            )
            .with_detail(error.to_string()),
            BanError::Store(inner) => Problem::internal(&inner),
        }
    }
}

impl From<UnbanError> for Problem {
    fn from(error: UnbanError) -> Self {
        match error {
            UnbanError::Refused(refused) => refused.into(),
            UnbanError::NotBanned(_) => {
                Problem::not_found("ban-not-found", "The address is not on the ban list")
                    .with_detail(error.to_string())
            }
            UnbanError::Store(inner) => Problem::internal(&inner),
        }
    }
}

/// Renders an error with all its sources, for the log.
struct ErrorChain<'a>(&'a (dyn std::error::Error + 'static));

impl fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

/// osTicket answers a banned or filtered-out ticket with 403 "Ticket
/// denied"; the detail names the sender and the filter.
fn ticket_rejected(rejection: &oxt_service::filters::FilterRejection) -> Problem {
    Problem::new(StatusCode::FORBIDDEN, "ticket-rejected", "Ticket denied").with_detail(format!(
        "Ticket denied: {} was rejected by filter \"{}\" (id {})",
        rejection.email, rejection.filter_name, rejection.filter
    ))
}

fn sender_banned(banned: &oxt_service::filters::SenderBanned) -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "sender-banned",
        "The sender is on the ban list",
    )
    .with_detail(format!("{} is on the system ban list", banned.email))
}
