//! Thread entry bodies as osTicket stores and indexes them: HTML sanitised
//! (osTicket's `Format::sanitize`, here ammonia), text kept verbatim, and the
//! plain text `ost__search` holds (`ThreadEntryBody::getSearchable`).

use oxt_ticket::contact::MessageBody;
use oxt_ticket::thread::{BodyFormat, EntryFlags};

/// A body ready for `ost_thread_entry.body`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryBody {
    pub stored: String,
    pub format: BodyFormat,
}

impl EntryBody {
    pub(crate) fn prepare(body: &MessageBody, format: BodyFormat) -> Self {
        let stored = match format {
            BodyFormat::Html => ammonia::clean(body.as_str()),
            BodyFormat::Text => body.as_str().to_owned(),
        };
        Self { stored, format }
    }

    /// osTicket flags an HTML body it has balanced (`FLAG_BALANCED`); a text body gets none.
    pub(crate) fn flags(&self) -> EntryFlags {
        match self.format {
            BodyFormat::Html => EntryFlags::BALANCED,
            BodyFormat::Text => EntryFlags::empty(),
        }
    }

    /// The text the search index holds for this body.
    pub(crate) fn searchable(&self) -> String {
        match self.format {
            BodyFormat::Html => searchable(&html_to_text(&self.stored)),
            BodyFormat::Text => searchable(&self.stored),
        }
    }
}

/// osTicket's `Format::searchable`: runs of whitespace shrink to their first
/// character, and the ends are trimmed.
pub(crate) fn searchable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(c);
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out.trim().to_owned()
}

/// Tags dropped (line breaks and block ends become new lines), the entities
/// ammonia writes decoded.
fn html_to_text(html: &str) -> String {
    const BREAKING: [&str; 12] = [
        "br",
        "/p",
        "/div",
        "/li",
        "/tr",
        "/h1",
        "/h2",
        "/h3",
        "/h4",
        "/h5",
        "/h6",
        "/blockquote",
    ];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let inner = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name = inner
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        if BREAKING.contains(&name) {
            text.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(text, |text, (entity, plain)| text.replace(entity, plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(body: &str) -> EntryBody {
        EntryBody::prepare(&MessageBody::parse(body).unwrap(), BodyFormat::Html)
    }

    #[test]
    fn the_observed_html_message_is_stored_and_indexed_as_osticket_does() {
        let body = html("MESSAGE <b>HERE</b>");
        assert_eq!(body.stored, "MESSAGE <b>HERE</b>");
        assert_eq!(body.searchable(), "MESSAGE HERE");
        assert_eq!(body.flags(), EntryFlags::BALANCED);
    }

    #[test]
    fn scripts_and_event_handlers_are_removed_from_html() {
        let body = html(r#"<p onclick="x()">hi<script>alert(1)</script></p>"#);
        assert_eq!(body.stored, "<p>hi</p>");
    }

    #[test]
    fn block_ends_separate_words_in_the_index() {
        assert_eq!(
            html("<p>one</p><p>two &amp; three</p>").searchable(),
            "one\ntwo & three"
        );
    }

    #[test]
    fn text_is_kept_verbatim_and_indexed_with_whitespace_collapsed() {
        let body = EntryBody::prepare(
            &MessageBody::parse("  a <b>  b\n\n c ").unwrap(),
            BodyFormat::Text,
        );
        assert_eq!(body.stored, "  a <b>  b\n\n c ");
        assert_eq!(body.searchable(), "a <b> b\nc");
        assert_eq!(body.flags(), EntryFlags::empty());
    }
}
