//! `Format::parseRfc2397`: a `data:` URL as osTicket's API reads it,
//! including its quirks, since clients' tickets depend on them.
//!
//! osTicket splits the media type's parameters but then looks only at the
//! whole parameter string, once per parameter: `charset=utf-8;base64` reads
//! as the charset `utf-8;base64`, which iconv does not know, so the body is
//! kept as sent and not base64-decoded; `;base64` alone is decoded and then,
//! with no charset, read as ISO-8859-1. A URL without a charset is always
//! read as ISO-8859-1, so UTF-8 text in it arrives double-encoded.

use super::charset::to_utf8;
use base64::Engine;
use base64::alphabet::STANDARD;
use base64::engine::general_purpose::GeneralPurpose;
use base64::engine::{DecodePaddingMode, GeneralPurposeConfig};

/// A decoded `data:` URL (or plain text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataUrl {
    pub media_type: String,
    pub data: String,
}

/// Reads `value`; text without the `data:` prefix is `text/plain` as it is.
pub fn parse(value: &str) -> DataUrl {
    let Some(rest) = value.strip_prefix("data:") else {
        return DataUrl {
            media_type: "text/plain".to_owned(),
            data: value.to_owned(),
        };
    };
    let (meta, contents) = rest.split_once(',').unwrap_or((rest, ""));
    let (media_type, extra) = meta.split_once(';').unwrap_or((meta, ""));
    let media_type = if media_type.is_empty() {
        "text/plain"
    } else {
        media_type
    };
    let mut pieces = extra.split('=');
    let param = pieces.next().unwrap_or_default();
    let value = pieces.next();
    let mut bytes = contents.as_bytes().to_vec();
    let mut charset = Some("iso-8859-1".to_owned());
    for _ in extra.split(';') {
        match param {
            "charset" => charset = value.map(str::to_owned),
            "base64" => bytes = lenient_base64(&bytes),
            _ => {}
        }
    }
    let data = match charset {
        Some(charset) => to_utf8(&bytes, &charset),
        None => String::from_utf8_lossy(&bytes).into_owned(),
    };
    DataUrl {
        media_type: media_type.to_owned(),
        data,
    }
}

/// PHP's non-strict `base64_decode`: characters outside the alphabet are
/// skipped, padding is optional, a dangling sixth of a byte is dropped.
fn lenient_base64(encoded: &[u8]) -> Vec<u8> {
    let mut alphabet_only: Vec<u8> = encoded
        .iter()
        .copied()
        .filter(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
        .collect();
    if alphabet_only.len() % 4 == 1 {
        alphabet_only.pop();
    }
    let engine = GeneralPurpose::new(
        &STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    engine.decode(&alphabet_only).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(value: &str) -> (String, String) {
        let url = parse(value);
        (url.media_type, url.data)
    }

    #[test]
    fn plain_text_is_kept_as_it_is() {
        assert_eq!(read("Grüße"), ("text/plain".into(), "Grüße".into()));
    }

    #[test]
    fn html_with_a_charset() {
        assert_eq!(
            read("data:text/html;charset=utf-8,MESSAGE <b>HERE</b>"),
            ("text/html".into(), "MESSAGE <b>HERE</b>".into())
        );
    }

    #[test]
    fn without_a_charset_the_body_is_read_as_latin1() {
        assert_eq!(read("data:text/plain,Grüße").1, "GrÃ¼Ã\u{9f}e");
        assert_eq!(
            read("data:text/html,MESSAGE <b>HERE</b>").1,
            "MESSAGE <b>HERE</b>"
        );
    }

    #[test]
    fn base64_alone_is_decoded() {
        assert_eq!(
            read("data:text/plain;base64,SGVsbG8gd29ybGQ=").1,
            "Hello world"
        );
        assert_eq!(
            read("data:text/plain;base64,SGVsbG8gd29ybGQ").1,
            "Hello world"
        );
    }

    #[test]
    fn base64_after_a_charset_is_not_decoded() {
        assert_eq!(
            read("data:text/plain;charset=utf-8;base64,SGVsbG8=").1,
            "SGVsbG8="
        );
    }

    #[test]
    fn an_empty_media_type_is_text_plain() {
        assert_eq!(read("data:,hi"), ("text/plain".into(), "hi".into()));
        assert_eq!(read("data:text/html"), ("text/html".into(), String::new()));
    }
}
