//! `POST /api/v2/users`

use super::view::UserBody;
use crate::http::problem::{FieldError, Problem};
use crate::http::{Authenticated, JsonBody};
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, post, web};
use oxt_service::Ctx;
use oxt_service::users::{CreateUser, PhoneNumber};
use oxt_ticket::contact::{EmailAddress, EmailAddressError, PersonName, PersonNameError};
use serde::Deserialize;
use utoipa::ToSchema;

/// A new user. Every field is checked and every invalid one named.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateUserRequest {
    /// Required; must not belong to a user already (compared ignoring case).
    email: Option<String>,
    /// Required, at most 128 characters.
    name: Option<String>,
    /// At least 7 digits; `x` introduces an extension.
    phone: Option<String>,
    /// Internal notes.
    notes: Option<String>,
}

/// Creates a user with the rows osTicket writes for one.
#[utoipa::path(
    tag = "users",
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserBody, headers(("Location" = String, description = "`/api/v2/users/{id}`"))),
        (status = 400, description = "`malformed-json`", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: not a staff member", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`user-email-taken`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`unsupported-media-type`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: the invalid fields, named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users")]
pub async fn create_user(
    ctx: web::Data<Ctx>,
    Authenticated(caller): Authenticated,
    JsonBody(body): JsonBody<CreateUserRequest>,
) -> Result<HttpResponse, Problem> {
    let cmd = body.parse()?;
    let record = oxt_service::users::create(&ctx, &caller, cmd).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v2/users/{}", record.id)))
        .json(UserBody::from(record)))
}

impl CreateUserRequest {
    fn parse(self) -> Result<CreateUser, Problem> {
        let mut errors = Vec::new();
        let email = match self.email.as_deref() {
            None => {
                errors.push(FieldError::new(
                    "email",
                    "required",
                    "an e-mail address is required",
                ));
                None
            }
            Some(raw) => EmailAddress::parse(raw)
                .map_err(|error| {
                    let code = if error == EmailAddressError::Empty {
                        "required"
                    } else {
                        "invalid"
                    };
                    errors.push(FieldError::new("email", code, error.to_string()));
                })
                .ok(),
        };
        let name = match self.name.as_deref() {
            None => {
                errors.push(FieldError::new("name", "required", "a name is required"));
                None
            }
            Some(raw) => PersonName::parse(raw)
                .map_err(|error| {
                    let code = match error {
                        PersonNameError::Empty => "required",
                        PersonNameError::TooLong => "too-long",
                    };
                    errors.push(FieldError::new("name", code, error.to_string()));
                })
                .ok(),
        };
        let phone = match self
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|raw| !raw.is_empty())
        {
            None => Some(None),
            Some(raw) => PhoneNumber::parse(raw)
                .map(Some)
                .map_err(|error| {
                    errors.push(FieldError::new("phone", "invalid", error.to_string()))
                })
                .ok(),
        };
        match (email, name, phone) {
            (Some(email), Some(name), Some(phone)) if errors.is_empty() => Ok(CreateUser {
                email,
                name,
                phone,
                notes: self.notes,
            }),
            _ => Err(Problem::invalid(errors)),
        }
    }
}
