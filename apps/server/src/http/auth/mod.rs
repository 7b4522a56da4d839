//! `/api/v2/auth`: staff and end-user sign-in, token refresh and sign-out. These take no
//! bearer token: they are how a client gets one.

mod login;
mod logout;
mod refresh;
mod token;
mod user_login;

/// Registers the authentication handlers.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(login::login);
    cfg.service(user_login::user_login);
    cfg.service(refresh::refresh);
    cfg.service(logout::logout);
}
