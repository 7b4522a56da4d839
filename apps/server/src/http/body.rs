//! JSON request bodies that fail as problems naming the field.
//!
//! actix's own `Json` extractor reports a type error as a message without the
//! field's path; clients need the path (`fields.12`, `priority_id`), so bodies
//! are read as bytes and decoded with `serde_path_to_error`.

use crate::http::problem::{FieldError, Problem};
use actix_web::error::PayloadError;
use actix_web::http::StatusCode;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest, dev::Payload};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

/// A JSON body decoded into `T`. The size limit is actix's `PayloadConfig`.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = Problem;
    type Future = LocalBoxFuture<'static, Result<Self, Problem>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .map(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        let bytes = Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(Problem::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    "The body must be application/json",
                ));
            }
            let bytes = bytes.await.map_err(payload_problem)?;
            decode(&bytes).map(JsonBody)
        })
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            let field = if path == "." { "body".to_owned() } else { path };
            Problem::invalid(vec![FieldError::new(field, "invalid", inner.to_string())])
        } else {
            malformed(&inner)
        }
    })?;
    deserializer.end().map_err(|error| malformed(&error))?;
    Ok(value)
}

fn malformed(error: &serde_json::Error) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "malformed-json",
        "The body is not valid JSON",
    )
    .with_detail(error.to_string())
}

fn payload_problem(error: actix_web::Error) -> Problem {
    match error.as_error::<PayloadError>() {
        Some(PayloadError::Overflow) => Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body-too-large",
            "The body is larger than this server accepts",
        ),
        _ => Problem::new(
            StatusCode::BAD_REQUEST,
            "unreadable-body",
            "The body could not be read",
        )
        .with_detail(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Body {
        priority_id: Option<u32>,
    }

    #[test]
    fn a_type_error_names_the_field() {
        let problem = decode::<Body>(br#"{"priority_id":"high"}"#).unwrap_err();
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["status"], 422);
        assert_eq!(json["errors"][0]["field"], "priority_id");
    }

    #[test]
    fn broken_json_is_a_400() {
        let problem = decode::<Body>(b"{\"priority_id\":").unwrap_err();
        assert_eq!(serde_json::to_value(&problem).unwrap()["status"], 400);
    }

    #[test]
    fn trailing_garbage_is_malformed() {
        let problem = decode::<Body>(b"{} {}").unwrap_err();
        assert_eq!(serde_json::to_value(&problem).unwrap()["status"], 400);
    }
}
