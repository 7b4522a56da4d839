//! `ApiXmlDataParser`: an XML body as osTicket's API reads it.
//!
//! osTicket turns the document into nested PHP arrays (`XmlDataParser`):
//! an element's attributes and children become keys, its text the key
//! `:text`, a repeated child a list, and an element with nothing but text
//! collapses to that text. Its character-data handler trims every piece of
//! text the parser hands over, and the parser splits text at each entity
//! reference, so `Fish &amp; chips` arrives as `Fish&chips`; the same is done
//! here with the text and reference events quick-xml reports.

use super::charset::to_utf8;
use oxt_service::osticket_api::{ApiTicketSubmission, SubmittedMessage};
use oxt_ticket::thread::BodyFormat;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// A value in osTicket's array form of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Text(String),
    Element(Element),
    List(Vec<Node>),
}

/// An element: its text, then its attributes and children in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Element {
    text: String,
    entries: Vec<(String, Node)>,
}

impl Element {
    fn get(&self, key: &str) -> Option<&Node> {
        self.entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, node)| node)
    }

    fn attribute(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Node::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// `XmlDataParser::endElement`: a second child of one name turns the
    /// first into a list.
    fn add_child(&mut self, name: String, child: Element) {
        match self.entries.iter_mut().find(|(seen, _)| *seen == name) {
            Some((_, Node::List(items))) => items.push(Node::Element(child)),
            Some((_, existing)) => {
                let first = std::mem::replace(existing, Node::List(Vec::new()));
                *existing = Node::List(vec![first, Node::Element(child)]);
            }
            None => self.entries.push((name, Node::Element(child))),
        }
    }
}

/// `XmlDataParser::reduce`: an element with only text becomes its text.
fn reduce(node: Node) -> Node {
    match node {
        Node::Element(element) if element.entries.is_empty() => Node::Text(element.text),
        Node::Element(element) => Node::Element(Element {
            text: element.text,
            entries: element
                .entries
                .into_iter()
                .map(|(name, node)| (name, reduce(node)))
                .collect(),
        }),
        Node::List(items) => Node::List(items.into_iter().map(reduce).collect()),
        text @ Node::Text(_) => text,
    }
}

/// Parses `body`; the error is the 400 body osTicket sends.
pub fn parse(body: &[u8]) -> Result<ApiTicketSubmission, String> {
    let text = std::str::from_utf8(body).map_err(|error| {
        let (line, column) = position(body, error.valid_up_to());
        format!("XML error: Invalid character at line {line}:{column}")
    })?;
    let document = read_document(text)?;
    // `fixup`: the `<ticket>` root's content is the request; any other root
    // is a request with that one key.
    let ticket = match document.get("ticket") {
        Some(Node::Element(ticket)) => ticket.clone(),
        Some(Node::Text(text)) if !text.is_empty() => Element::default(),
        _ => document,
    };
    if ticket.entries.is_empty() {
        return Err(no_data(body));
    }
    let mut submission = ApiTicketSubmission::default();
    for (key, node) in ticket.entries {
        read_entry(&mut submission, key, node);
    }
    Ok(submission)
}

fn read_entry(submission: &mut ApiTicketSubmission, key: String, node: Node) {
    match (key.as_str(), node) {
        // Oxticket sends no alerts or auto-responses yet.
        ("alert" | "autorespond", _) => {}
        ("system_emails" | "thread_entry_recipients", _) => {}
        ("message", node) => match message(node) {
            Some(message) => submission.message = Some(message),
            None => submission.unexpected.push(key),
        },
        ("attachments", node) => {
            let files = match &node {
                Node::Element(element) => match element.get("file") {
                    Some(Node::List(files)) => files.len(),
                    Some(_) => 1,
                    None => element.entries.len(),
                },
                _ => 0,
            };
            tracing::warn!(
                attachments = files,
                "API ticket attachments are not stored by Oxticket"
            );
        }
        ("phone", Node::Element(element)) => submission.values.push((key, element.text)),
        (_, Node::Text(text)) => submission.values.push((key, text)),
        (_, Node::Element(_) | Node::List(_)) => submission.unexpected.push(key),
    }
}

/// `<message type="text/html" encoding="...">body</message>`, or bare text
/// (`text/plain`, in the document's encoding).
fn message(node: Node) -> Option<SubmittedMessage> {
    let (body, media_type, encoding) = match &node {
        Node::Text(text) => (text.clone(), None, None),
        Node::Element(element) => (
            element.text.clone(),
            element.attribute("type"),
            element.attribute("encoding"),
        ),
        Node::List(_) => return None,
    };
    let body = match encoding {
        // osTicket reads the declared charset from the parsed (UTF-8) text;
        // a latin-1 declaration therefore double-encodes it.
        Some(charset) => to_utf8(body.as_bytes(), charset),
        None => body,
    };
    let format = match media_type {
        Some(kind) if kind.eq_ignore_ascii_case("text/html") => BodyFormat::Html,
        _ => BodyFormat::Text,
    };
    Some(SubmittedMessage { body, format })
}

/// The document as osTicket's arrays: a root element holding the document
/// element by its name.
fn read_document(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<(String, Element)> = vec![(String::new(), Element::default())];
    loop {
        let event = reader
            .read_event()
            .map_err(|error| syntax_error(text, reader.error_position(), &error))?;
        match event {
            Event::Start(start) => stack.push(open(&start, text, &reader)?),
            Event::Empty(start) => {
                let (name, element) = open(&start, text, &reader)?;
                close(&mut stack, name, element);
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(syntax_error_text(
                        text,
                        reader.buffer_position(),
                        "Mismatched tag",
                    ));
                }
                let (name, element) = stack.pop().expect("an open element");
                close(&mut stack, name, element);
            }
            Event::Text(piece) => append(&mut stack, &piece.xml10_content()),
            Event::CData(piece) => append(&mut stack, &piece.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&reference)
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            syntax_error_text(text, reader.buffer_position(), "Undeclared entity")
                        })?,
                };
                append(&mut stack, &resolved);
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err(syntax_error_text(
            text,
            reader.buffer_position(),
            "Premature end of data",
        ));
    }
    let (_, root) = stack.pop().expect("the document root");
    Ok(match reduce(Node::Element(root)) {
        Node::Element(root) => root,
        _ => Element::default(),
    })
}

fn open(
    start: &BytesStart<'_>,
    text: &str,
    reader: &Reader<&[u8]>,
) -> Result<(String, Element), String> {
    let name = start.name().as_ref().to_owned();
    let mut element = Element::default();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|error| {
            syntax_error_text(text, reader.buffer_position(), &error.to_string())
        })?;
        let key = attribute.key.as_ref().to_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|error| syntax_error(text, reader.buffer_position(), &error))?
            .into_owned();
        element.entries.push((key, Node::Text(value)));
    }
    Ok((name, element))
}

fn close(stack: &mut [(String, Element)], name: String, element: Element) {
    let (_, parent) = stack.last_mut().expect("every element has a parent");
    parent.add_child(name, element);
}

/// `XmlDataParser::content`: each piece trimmed, then appended.
fn append(stack: &mut [(String, Element)], piece: &str) {
    let (_, current) = stack.last_mut().expect("text is inside the document");
    current.text.push_str(piece.trim());
}

fn syntax_error(text: &str, offset: u64, error: &quick_xml::Error) -> String {
    syntax_error_text(text, offset, &error.to_string())
}

/// `XmlDataParser::lastError`'s shape: `XML error: <what> at line <l>:<c>`.
fn syntax_error_text(text: &str, offset: u64, what: &str) -> String {
    let offset = usize::try_from(offset).unwrap_or(usize::MAX);
    let (line, column) = position(text.as_bytes(), offset);
    format!("XML error: {what} at line {line}:{column}")
}

/// The answer for a body that holds no request: expat's "no error" at the
/// position parsing stopped.
fn no_data(body: &[u8]) -> String {
    let (line, column) = position(body, body.len());
    format!("XML error: No error at line {line}:{column}")
}

/// 1-based line and 0-based column of byte `offset`, as expat counts them.
fn position(body: &[u8], offset: usize) -> (usize, usize) {
    let before = &body[..offset.min(body.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.len()
        - before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value<'a>(submission: &'a ApiTicketSubmission, key: &str) -> Option<&'a str> {
        submission
            .values
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    const TICKET: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ticket alert="true" autorespond="false" source="Email">
    <name>Angry User</name>
    <email>api@example.com</email>
    <subject>Testing API</subject>
    <phone>318-555-8634X123</phone>
    <message type="text/html"><![CDATA[MESSAGE <b>HERE</b>]]></message>
    <ip>123.211.233.122</ip>
    <attachments>
        <file name="file.txt" type="text/plain">content</file>
    </attachments>
</ticket>"#;

    #[test]
    fn a_ticket_document_becomes_its_values() {
        let submission = parse(TICKET.as_bytes()).unwrap();
        assert_eq!(value(&submission, "source"), Some("Email"));
        assert_eq!(value(&submission, "name"), Some("Angry User"));
        assert_eq!(value(&submission, "phone"), Some("318-555-8634X123"));
        assert_eq!(value(&submission, "ip"), Some("123.211.233.122"));
        assert_eq!(
            submission.message,
            Some(SubmittedMessage {
                body: "MESSAGE <b>HERE</b>".into(),
                format: BodyFormat::Html
            })
        );
        assert!(submission.unexpected.is_empty());
    }

    #[test]
    fn a_bare_message_is_plain_text() {
        let submission = parse(b"<ticket><message>Hello</message></ticket>").unwrap();
        assert_eq!(submission.message.unwrap().format, BodyFormat::Text);
    }

    #[test]
    fn text_is_trimmed_piece_by_piece_around_references() {
        let submission =
            parse(b"<ticket><subject> Fish &amp; chips &#65; </subject></ticket>").unwrap();
        assert_eq!(value(&submission, "subject"), Some("Fish&chipsA"));
    }

    #[test]
    fn a_declared_message_charset_transcodes_the_text() {
        let submission =
            parse("<ticket><message encoding=\"iso-8859-1\">Grüße</message></ticket>".as_bytes())
                .unwrap();
        assert_eq!(submission.message.unwrap().body, "GrÃ¼Ã\u{9f}e");
    }

    #[test]
    fn nested_elements_where_a_value_belongs_are_unexpected() {
        let submission = parse(b"<ticket><name><first>A</first></name></ticket>").unwrap();
        assert_eq!(submission.unexpected, ["name"]);
    }

    #[test]
    fn malformed_documents_are_reported_with_a_position() {
        let error = parse(b"<ticket><name>A</nam></ticket>").unwrap_err();
        assert!(
            error.starts_with("XML error: ") && error.contains(" at line 1:"),
            "{error}"
        );
        let error = parse(b"<ticket><name>A</name>").unwrap_err();
        assert!(error.starts_with("XML error: "), "{error}");
    }

    #[test]
    fn an_empty_body_holds_no_request() {
        assert_eq!(parse(b"").unwrap_err(), "XML error: No error at line 1:0");
        assert_eq!(
            parse(b"<ticket>text only</ticket>").unwrap_err(),
            "XML error: No error at line 1:26"
        );
    }

    #[test]
    fn an_empty_ticket_is_a_request_with_one_unknown_key() {
        let submission = parse(b"<ticket/>").unwrap();
        assert_eq!(value(&submission, "ticket"), Some(""));
    }
}
