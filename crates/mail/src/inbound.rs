//! Reading a received e-mail as osTicket's `Mail_Parse` and
//! `EmailDataParser` read it (include/class.mailparse.php): the sender, the
//! Reply-To, the To and Cc recipients, the subject and body decoded to
//! UTF-8, the ids that thread it, and the raw header block osTicket keeps
//! in `ost_thread_entry_email.headers`.
//!
//! Pure: no I/O. Piped messages (`/api/tickets.email`) and a mailbox
//! fetcher hand the raw bytes here and act on the result.

use mailparse::{DispositionType, MailAddr, MailHeaderMap, ParsedMail, addrparse_header};
use md5::{Digest, Md5};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

static SUBJECT_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"#((?:\p{P}*[^\p{C}\p{Z}\p{P}]+)+)").expect("the ticket number pattern compiles")
});

/// One address of an address header, its display name decoded (RFC 2047).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub email: String,
    /// The display name, quotes and surrounding spaces removed; empty when
    /// the header gave none.
    pub name: String,
}

/// A message body and the format it was sent in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailBody {
    Text(String),
    Html(String),
}

/// A received message, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundMessage {
    /// The first `From` address that looks like an address (else the first).
    pub from: Mailbox,
    pub reply_to: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// The subject decoded and trimmed; empty when the message has none.
    pub subject: String,
    /// Every inline `text/plain` part, concatenated, as UTF-8.
    pub text: Option<String>,
    /// Every inline `text/html` part, concatenated, as UTF-8.
    pub html: Option<String>,
    /// `Message-ID` as sent (`<id@host>`), or osTicket's stand-in for a
    /// message without one: `<md5 of the header block@local>`.
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub references: Option<String>,
    /// The header block as received, up to the blank line before the body.
    pub header: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseMessageError {
    /// Nothing before the body reads as a header.
    #[error("the message has no headers")]
    NoHeaders,
    /// No `From` header, or one without an address.
    #[error("the message names no sender")]
    NoSender,
    #[error("the message cannot be read: {0}")]
    Malformed(String),
}

impl InboundMessage {
    /// Decodes a raw RFC 822 message.
    pub fn parse(raw: &[u8]) -> Result<Self, ParseMessageError> {
        let mail = mailparse::parse_mail(raw)
            .map_err(|error| ParseMessageError::Malformed(error.to_string()))?;
        if mail.headers.is_empty() {
            return Err(ParseMessageError::NoHeaders);
        }
        let header_bytes = header_block(raw);
        let header = bytes_as_text(header_bytes).into_owned();
        let from = addresses(&mail, "From");
        let from = from
            .iter()
            .find(|mailbox| looks_like_address(&mailbox.email))
            .or(from.first())
            .cloned()
            .ok_or(ParseMessageError::NoSender)?;
        let message_id = value(&mail, "Message-ID").unwrap_or_else(|| {
            // `Mail_Parse::getMessageId`: a message without one gets an id
            // derived from its headers, so piping it twice is seen as a
            // repeat.
            format!("<{}@local>", hex::encode(Md5::digest(header_bytes)))
        });
        let mut text = None;
        let mut html = None;
        collect_bodies(&mail, &mut text, &mut html);
        Ok(Self {
            from,
            reply_to: addresses(&mail, "Reply-To").into_iter().next(),
            to: addresses(&mail, "To"),
            cc: addresses(&mail, "Cc"),
            subject: mail
                .headers
                .get_first_value("Subject")
                .map(|subject| subject.trim().to_owned())
                .unwrap_or_default(),
            text,
            html,
            message_id,
            in_reply_to: value(&mail, "In-Reply-To"),
            references: value(&mail, "References"),
            header,
        })
    }

    /// The sender's name as osTicket records it: the display name, else
    /// the address.
    pub fn sender_name(&self) -> &str {
        if self.from.name.is_empty() {
            &self.from.email
        } else {
            &self.from.name
        }
    }

    /// The body osTicket keeps: with rich text on, the HTML parts when there
    /// are any, else the plain ones; with it off, the plain parts, else the
    /// HTML ones. `None` when the message has neither.
    pub fn body(&self, prefer_html: bool) -> Option<MailBody> {
        let text = self.text.clone().map(MailBody::Text);
        let html = self.html.clone().map(MailBody::Html);
        if prefer_html {
            html.or(text)
        } else {
            text.or(html)
        }
    }

    /// The ticket number a subject such as `Re: [#123456] Printer` names,
    /// as osTicket finds it (`#`, then runs of optional punctuation followed
    /// by letters and digits); the last resort for threading a reply.
    pub fn ticket_number_in_subject(&self) -> Option<&str> {
        SUBJECT_NUMBER
            .captures(&self.subject)
            .and_then(|captures| captures.get(1))
            .map(|number| number.as_str())
    }

    /// The message ids this message names, in the order osTicket tries
    /// them (`ThreadEntry::lookupByEmailHeaders`): its own id, then
    /// `In-Reply-To`, then `References` from the most recent (rightmost),
    /// each as `<id@host>`; repeats dropped.
    pub fn thread_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for header in [
            Some(&self.message_id),
            self.in_reply_to.as_ref(),
            self.references.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            for id in bracketed_ids(header).into_iter().rev() {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    }
}

/// `<local@domain>` tokens in a header value, as osTicket's
/// `/<([^>@]+@[^>]+)>/` finds them.
fn bracketed_ids(value: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else { break };
        let inner = &after[..end];
        match inner.find('@') {
            Some(at) if at > 0 && at + 1 < inner.len() && !inner[..at].contains('<') => {
                ids.push(format!("<{inner}>"));
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    ids
}

/// The bytes before the first empty line (all of them for a message with
/// no body).
fn header_block(raw: &[u8]) -> &[u8] {
    let mut line_start = 0;
    while line_start < raw.len() {
        let line_end = raw[line_start..]
            .iter()
            .position(|byte| *byte == b'\n')
            .map_or(raw.len(), |offset| line_start + offset);
        let line = &raw[line_start..line_end];
        if line.is_empty() || line == b"\r" {
            let mut end = line_start;
            // Leave out the line break that ends the last header.
            if end > 0 && raw[end - 1] == b'\n' {
                end -= 1;
                if end > 0 && raw[end - 1] == b'\r' {
                    end -= 1;
                }
            }
            return &raw[..end];
        }
        line_start = line_end + 1;
    }
    raw
}

/// UTF-8 when the bytes are, else ISO-8859-1, as mail clients that do not
/// encode their headers send them.
fn bytes_as_text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|byte| char::from(*byte)).collect()),
    }
}

fn value(mail: &ParsedMail<'_>, name: &str) -> Option<String> {
    mail.headers
        .get_first_value(name)
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

fn looks_like_address(email: &str) -> bool {
    matches!(email.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.'))
}

/// Every address of the first header called `name`; groups are flattened.
/// A header that does not parse gives no address, as `parseAddressList`
/// answers a PEAR error with an empty list.
fn addresses(mail: &ParsedMail<'_>, name: &str) -> Vec<Mailbox> {
    let Some(header) = mail.headers.get_first_header(name) else {
        return Vec::new();
    };
    let Ok(list) = addrparse_header(header) else {
        return Vec::new();
    };
    list.iter()
        .flat_map(|addr| match addr {
            MailAddr::Single(single) => vec![single.clone()],
            MailAddr::Group(group) => group.addrs.clone(),
        })
        .filter(|single| !single.addr.trim().is_empty())
        .map(|single| Mailbox {
            email: single.addr.trim().to_owned(),
            name: single
                .display_name
                .as_deref()
                .unwrap_or_default()
                .trim_matches(|c: char| c == '"' || c.is_whitespace())
                .to_owned(),
        })
        .collect()
}

/// `Mail_Parse::getPart` for text/plain and text/html: every leaf part of
/// that type that is not an attachment, in order, concatenated.
fn collect_bodies(part: &ParsedMail<'_>, text: &mut Option<String>, html: &mut Option<String>) {
    if !part.subparts.is_empty() {
        for subpart in &part.subparts {
            collect_bodies(subpart, text, html);
        }
        return;
    }
    if part.get_content_disposition().disposition != DispositionType::Inline {
        return;
    }
    let target = match part.ctype.mimetype.to_ascii_lowercase().as_str() {
        "text/plain" => text,
        "text/html" => html,
        _ => return,
    };
    let Some(decoded) = decoded_body(part) else {
        return;
    };
    target.get_or_insert_with(String::new).push_str(&decoded);
}

/// The part's body with its transfer encoding undone and its charset
/// converted to UTF-8. A part that names no charset is taken as UTF-8 when
/// it is (osTicket leaves such a part as it is), else as ISO-8859-1.
fn decoded_body(part: &ParsedMail<'_>) -> Option<String> {
    if part.ctype.params.contains_key("charset") {
        return part.get_body().ok();
    }
    let raw = part.get_body_raw().ok()?;
    Some(bytes_as_text(&raw).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> InboundMessage {
        InboundMessage::parse(raw.replace('\n', "\r\n").as_bytes()).expect("the message parses")
    }

    #[test]
    fn a_plain_message_gives_its_sender_subject_body_and_ids() {
        let message = parse(
            "Return-Path: <ann@example.com>\n\
             From: \"Ann Example\" <ann@example.com>\n\
             To: Support <support@helpdesk.example>\n\
             Subject: Printer on fire\n\
             Message-ID: <CAF1234@mail.example.com>\n\
             Date: Sun, 22 Nov 2026 06:00:00 +0000\n\
             Content-Type: text/plain; charset=utf-8\n\
             \n\
             The printer on floor 2 is on fire.\n",
        );
        assert_eq!(
            message.from,
            Mailbox {
                email: "ann@example.com".to_owned(),
                name: "Ann Example".to_owned()
            }
        );
        assert_eq!(message.sender_name(), "Ann Example");
        assert_eq!(
            message.to,
            vec![Mailbox {
                email: "support@helpdesk.example".to_owned(),
                name: "Support".to_owned()
            }]
        );
        assert_eq!(message.subject, "Printer on fire");
        assert_eq!(
            message.text.as_deref(),
            Some("The printer on floor 2 is on fire.\r\n")
        );
        assert_eq!(message.html, None);
        assert_eq!(message.message_id, "<CAF1234@mail.example.com>");
        assert!(
            message
                .header
                .starts_with("Return-Path: <ann@example.com>\r\n")
        );
        assert!(
            message
                .header
                .ends_with("Content-Type: text/plain; charset=utf-8")
        );
    }

    #[test]
    fn multipart_alternative_offers_both_bodies_and_rich_text_picks_html() {
        let message = parse(
            "From: Bob <bob@example.com>\n\
             To: support@helpdesk.example\n\
             Subject: Both kinds\n\
             Message-ID: <alt-1@example.com>\n\
             MIME-Version: 1.0\n\
             Content-Type: multipart/alternative; boundary=\"b1\"\n\
             \n\
             --b1\n\
             Content-Type: text/plain; charset=UTF-8\n\
             Content-Transfer-Encoding: quoted-printable\n\
             \n\
             Caf=C3=A9 is =\n\
             closed.\n\
             --b1\n\
             Content-Type: text/html; charset=UTF-8\n\
             Content-Transfer-Encoding: base64\n\
             \n\
             PHA+Q2Fmw6kgaXMgPGI+Y2xvc2VkPC9iPi48L3A+\n\
             --b1--\n",
        );
        // The line break before a boundary belongs to the boundary.
        assert_eq!(message.text.as_deref(), Some("Café is closed."));
        assert_eq!(
            message.html.as_deref(),
            Some("<p>Café is <b>closed</b>.</p>")
        );
        assert_eq!(
            message.body(true),
            Some(MailBody::Html("<p>Café is <b>closed</b>.</p>".to_owned()))
        );
        assert_eq!(
            message.body(false),
            Some(MailBody::Text("Café is closed.".to_owned()))
        );
    }

    #[test]
    fn an_html_only_message_keeps_its_format_either_way() {
        let message = parse(
            "From: bob@example.com\n\
             Subject: html\n\
             Content-Type: text/html; charset=us-ascii\n\
             \n\
             <div>Hello</div>\n",
        );
        assert_eq!(
            message.body(false),
            Some(MailBody::Html("<div>Hello</div>\r\n".to_owned()))
        );
    }

    #[test]
    fn iso_8859_1_bodies_and_encoded_words_are_decoded() {
        let raw = b"From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <jm@example.de>\r\n\
Subject: =?iso-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=\r\n\
Content-Type: text/plain; charset=ISO-8859-1\r\n\
Content-Transfer-Encoding: 8bit\r\n\
\r\n\
Sch\xf6ne Gr\xfc\xdfe\r\n";
        let message = InboundMessage::parse(raw).unwrap();
        assert_eq!(message.from.name, "Jürgen Müller");
        assert_eq!(message.subject, "Grüße aus Köln");
        assert_eq!(message.text.as_deref(), Some("Schöne Grüße\r\n"));
    }

    #[test]
    fn base64_encoded_words_in_utf8_are_decoded() {
        let message = parse(
            "From: =?UTF-8?B?5bGx55Sw5aSq6YOO?= <taro@example.jp>\n\
             Subject: =?UTF-8?B?44OX44Oq44Oz44K/44O844GM5YuV44GL44Gq44GE?=\n\
             \n\
             body\n",
        );
        assert_eq!(message.from.name, "山田太郎");
        assert_eq!(message.subject, "プリンターが動かない");
    }

    #[test]
    fn a_body_without_charset_is_read_as_utf8_when_it_is() {
        let raw = "From: a@example.com\r\nSubject: x\r\n\r\nGrüße\r\n";
        let message = InboundMessage::parse(raw.as_bytes()).unwrap();
        assert_eq!(message.text.as_deref(), Some("Grüße\r\n"));
    }

    #[test]
    fn a_missing_message_id_is_derived_from_the_headers() {
        let raw = "From: a@example.com\r\nSubject: x\r\n\r\nbody\r\n";
        let message = InboundMessage::parse(raw.as_bytes()).unwrap();
        let digest = hex::encode(Md5::digest(b"From: a@example.com\r\nSubject: x"));
        assert_eq!(message.message_id, format!("<{digest}@local>"));
        assert_eq!(
            InboundMessage::parse(raw.as_bytes()).unwrap().message_id,
            message.message_id
        );
    }

    #[test]
    fn a_message_without_sender_is_refused() {
        assert_eq!(
            InboundMessage::parse(b"To: support@example.com\r\nSubject: x\r\n\r\nbody"),
            Err(ParseMessageError::NoSender)
        );
        assert_eq!(
            InboundMessage::parse(b"From: undisclosed-recipients:;\r\nSubject: x\r\n\r\nbody"),
            Err(ParseMessageError::NoSender)
        );
    }

    #[test]
    fn a_message_without_headers_is_refused() {
        assert_eq!(
            InboundMessage::parse(b""),
            Err(ParseMessageError::NoHeaders)
        );
    }

    #[test]
    fn reply_to_and_cc_are_read_and_attachments_are_not_bodies() {
        let message = parse(
            "From: Ann <ann@example.com>\n\
             Reply-To: \"Ann's Desk\" <desk@example.com>\n\
             To: support@helpdesk.example\n\
             Cc: Carol <carol@example.com>, dave@example.com\n\
             Subject: Re: [#123456] Printer\n\
             Message-ID: <r2@example.com>\n\
             In-Reply-To: <r1@example.com>\n\
             References: <r0@example.com>\n\
              <r1@example.com>\n\
             Content-Type: multipart/mixed; boundary=m\n\
             \n\
             --m\n\
             Content-Type: text/plain; charset=utf-8\n\
             \n\
             See attached.\n\
             --m\n\
             Content-Type: text/plain; name=log.txt\n\
             Content-Disposition: attachment; filename=log.txt\n\
             \n\
             not the body\n\
             --m--\n",
        );
        assert_eq!(
            message.reply_to,
            Some(Mailbox {
                email: "desk@example.com".to_owned(),
                name: "Ann's Desk".to_owned()
            })
        );
        assert_eq!(
            message
                .cc
                .iter()
                .map(|m| (m.name.as_str(), m.email.as_str()))
                .collect::<Vec<_>>(),
            vec![("Carol", "carol@example.com"), ("", "dave@example.com")]
        );
        assert_eq!(message.text.as_deref(), Some("See attached."));
        assert_eq!(
            message.thread_ids(),
            vec![
                "<r2@example.com>".to_owned(),
                "<r1@example.com>".to_owned(),
                "<r0@example.com>".to_owned(),
            ]
        );
    }

    #[test]
    fn a_sender_without_name_is_named_by_address() {
        let message = parse("From: zed@example.com\nSubject: x\n\nbody\n");
        assert_eq!(message.sender_name(), "zed@example.com");
        assert_eq!(message.reply_to, None);
    }

    #[test]
    fn the_ticket_number_is_found_in_the_subject() {
        let subject = |text: &str| {
            parse(&format!("From: a@example.com\nSubject: {text}\n\nbody\n"))
                .ticket_number_in_subject()
                .map(str::to_owned)
        };
        assert_eq!(subject("Re: [#123456] Printer").as_deref(), Some("123456"));
        assert_eq!(
            subject("Ticket #TKT-0001 again").as_deref(),
            Some("TKT-0001")
        );
        assert_eq!(subject("No number here"), None);
        assert_eq!(subject("Just # a hash"), None);
    }

    #[test]
    fn thread_ids_ignore_tokens_without_an_at_sign() {
        assert_eq!(
            bracketed_ids("<nope> junk <a@b> <c@d>"),
            vec!["<a@b>".to_owned(), "<c@d>".to_owned()]
        );
    }
}
