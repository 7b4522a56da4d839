//! `content`: the client portal's pages and the account e-mails, by `type`.
//!
//! osTicket looks pages up by `type`; pages 1 to 3 are also named in `config`
//! (`landing_page_id`, `thank-you_page_id`, `offline_page_id`). For the e-mail
//! types, `name` is the subject line. Names are osTicket's; bodies and notes are
//! Oxticket's own wording with the same `%{...}` variables.

use chrono::NaiveDateTime;
use sea_orm::Value;

use super::SeedRow;

pub(super) struct Page {
    id: u32,
    kind: &'static str,
    /// Title, or subject of an e-mail; unique.
    name: &'static str,
    /// HTML.
    body: &'static str,
    /// What the page is for, shown to administrators.
    notes: &'static str,
}

pub(super) const PAGES: [Page; 13] = [
    Page {
        id: 1,
        kind: "landing",
        name: "Landing",
        body: "<h1>Welcome to the Support Center</h1>\n\
               <p>Tell us what you need and we will take it from there. Each request\n\
               becomes a ticket with its own number, which you can use to follow our\n\
               answers online and to find the whole history of your requests later.\n\
               Please give a valid e-mail address so that we can reach you.</p>",
        notes: "Shown at the top of the client portal's home page, above the links to \
                <strong>Open a New Ticket</strong> and <strong>Check Ticket Status</strong>.",
    },
    Page {
        id: 2,
        kind: "thank-you",
        name: "Thank You",
        body: "<div>%{ticket.name},\n\
               <br>\n\
               <br>\n\
               Thank you for your request. We have opened a ticket for it, and someone\n\
               from our team will get back to you if anything more is needed.\n\
               <br>\n\
               <br>\n\
               The support team\n\
               </div>",
        notes: "Shown to a client right after they open a ticket in the client portal.",
    },
    Page {
        id: 3,
        kind: "offline",
        name: "Offline",
        body: "<div><h1>\n\
               <span style=\"font-size: medium\">The help desk is offline</span>\n\
               </h1>\n\
               <p>Thank you for visiting. Our help desk is unavailable for the moment;\n\
               please try again a little later.</p>\n\
               </div>",
        notes: "Shown in the client portal while the help desk is set offline.",
    },
    Page {
        id: 4,
        kind: "registration-staff",
        name: "Welcome to osTicket",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <p>An agent account has been created for you on our help desk at %{url}.</p>\n\
               <p>Follow this link to confirm the account and choose your password:</p>\n\
               <p><a href=\"%{link}\">%{link}</a></p>\n\
               <p><em>%{company.name}</em></p>",
        notes: "E-mail sent, when asked for, to an agent whose account an administrator has \
                just created.",
    },
    Page {
        id: 5,
        kind: "pwreset-staff",
        name: "osTicket Staff Password Reset",
        body: "<p>Hello %{staff.name.first},</p>\n\
               <p>Someone asked to reset the password of your agent account on the help desk\n\
               at %{url}.</p>\n\
               <p>If that was you, follow this link to sign in and choose a new password:</p>\n\
               <p><a href=\"%{link}\">%{link}</a></p>\n\
               <p>If it was not, simply ignore this message: your password is unchanged and\n\
               your account stays as secure as before.</p>",
        notes: "E-mail sent to an agent who used <strong>Forgot My Password</strong> on the \
                agent sign-in page.",
    },
    Page {
        id: 6,
        kind: "banner-staff",
        name: "Authentication Required",
        body: "",
        notes: "Heading and banner of the agent sign-in page: the name is the heading shown \
                on top, the body an optional notice below it, such as a usage policy.",
    },
    Page {
        id: 7,
        kind: "registration-client",
        name: "Welcome to %{company.name}",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <p>An account has been created for you on our help desk at %{url}.</p>\n\
               <p>Follow this link to confirm your e-mail address and reach your tickets:</p>\n\
               <p><a href=\"%{link}\">%{link}</a></p>\n\
               <p><em>%{company.name}</em></p>",
        notes: "E-mail sent to a client whose account was just created, by the client in the \
                portal or by an agent. It confirms the e-mail address, so the body must \
                contain %{link}.",
    },
    Page {
        id: 8,
        kind: "pwreset-client",
        name: "%{company.name} Help Desk Access",
        body: "<p>Hello %{user.name.first},</p>\n\
               <p>Someone asked to reset the password of your account on the help desk at\n\
               %{url}.</p>\n\
               <p>If that was you, follow this link to sign in and choose a new password:</p>\n\
               <p><a href=\"%{link}\">%{link}</a></p>\n\
               <p>If it was not, simply ignore this message: your password is unchanged.</p>\n\
               <p><em>%{company.name}</em></p>",
        notes: "E-mail sent to a client who used <strong>Forgot My Password</strong> on the \
                client sign-in page.",
    },
    Page {
        id: 9,
        kind: "banner-client",
        name: "Sign in to %{company.name}",
        body: "Creating an account lets you follow all your requests in one place.",
        notes: "Heading and text of the client sign-in page, for instance to explain how \
                clients sign in or register.",
    },
    Page {
        id: 10,
        kind: "registration-confirm",
        name: "Account registration",
        body: "<div><strong>Thank you for registering.</strong><br>\n\
               <br>\n\
               We have sent a message to the e-mail address you gave. Follow the link in it\n\
               to confirm the address and start using your account.</div>",
        notes: "Shown to a client who has just filled in the registration form; it should say \
                that a confirmation e-mail is on its way and what to do with it.",
    },
    Page {
        id: 11,
        kind: "registration-thanks",
        name: "Account Confirmed!",
        body: "<div><strong>Your account is ready.</strong><br>\n\
               <br>\n\
               Your e-mail address is confirmed. You can now open new tickets and follow\n\
               the ones you already have.<br>\n\
               <br>\n\
               %{company.name}</div>",
        notes: "Shown to a client who has just confirmed their account; it should say that \
                registration is complete and what they can do next.",
    },
    Page {
        id: 12,
        kind: "access-link",
        name: "Ticket [#%{ticket.number}] Access Link",
        body: "<p>Hello %{recipient.name.first},</p>\n\
               <p>Someone asked for a link to ticket #%{ticket.number} on the help desk at\n\
               %{url}.</p>\n\
               <p>Follow this link to see ticket #%{ticket.number}:</p>\n\
               <p><a href=\"%{recipient.ticket_link}\">%{recipient.ticket_link}</a></p>\n\
               <p>If you did not ask for it, simply ignore this message; nobody gets access\n\
               to the ticket without the link.</p>\n\
               <p>%{company.name}</p>",
        notes: "E-mail sent to a client who asked for a link to a ticket by giving its number \
                and their e-mail address.",
    },
    Page {
        id: 13,
        kind: "email2fa-staff",
        name: "osTicket Two Factor Authentication",
        body: "<p>Hello %{staff.name.first},</p>\n\
               <p>You are signing in to the help desk at %{url}.</p>\n\
               <p>Enter this verification code to finish signing in:</p>\n\
               <p><strong>%{otp}</strong></p>",
        notes: "E-mail carrying the one-time code to an agent who signs in with e-mail \
                two-factor authentication.",
    },
];

impl SeedRow<8> for Page {
    const TABLE: &'static str = "content";
    const COLUMNS: [&'static str; 8] = [
        "id", "isactive", "type", "name", "body", "notes", "created", "updated",
    ];
    const SERIAL: Option<&'static str> = Some("id");

    fn values(&self, now: NaiveDateTime) -> [Value; 8] {
        [
            self.id.into(),
            1_u32.into(),
            self.kind.into(),
            self.name.into(),
            self.body.into(),
            self.notes.into(),
            now.into(),
            now.into(),
        ]
    }
}
