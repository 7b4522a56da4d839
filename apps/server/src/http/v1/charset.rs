//! `Charset::transcode` as osTicket's API uses it: text in a declared
//! charset becomes UTF-8, and a charset iconv does not know leaves the text
//! as it was.

use encoding_rs::Encoding;

/// `Charset::normalize`: the spellings mail and API clients use for a
/// handful of charsets, and ISO-8859-1 for the bogus or empty ones.
fn normalize(charset: &str) -> String {
    let charset = charset.trim();
    let lower = charset.to_ascii_lowercase();
    if let Some(number) = lower
        .strip_prefix("windows")
        .map(|rest| rest.strip_prefix('-').unwrap_or(rest))
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
    {
        return format!("windows-{number}");
    }
    if lower.starts_with("ks_c_5601-1987") {
        return "cp949".to_owned();
    }
    if lower.starts_with("gb2312") {
        return "gbk".to_owned();
    }
    if matches!(
        lower.as_str(),
        "" | "default" | "x-user-defined" | "iso" | "us-ascii"
    ) {
        return "iso-8859-1".to_owned();
    }
    lower
}

/// `bytes` in `charset`, as UTF-8. ISO-8859-1 maps each byte to the code
/// point of the same number, as iconv does (the WHATWG label would read it as
/// windows-1252); UTF-8 loses its invalid sequences (`//IGNORE`).
pub fn to_utf8(bytes: &[u8], charset: &str) -> String {
    let charset = normalize(charset);
    match charset.as_str() {
        "iso-8859-1" | "iso8859-1" | "latin1" | "l1" => {
            bytes.iter().map(|b| char::from(*b)).collect()
        }
        "utf-8" | "utf8" => bytes.utf8_chunks().map(|chunk| chunk.valid()).collect(),
        label => match Encoding::for_label(label.as_bytes()) {
            Some(encoding) => encoding.decode_without_bom_handling(bytes).0.into_owned(),
            None => String::from_utf8_lossy(bytes).into_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_bytes_become_their_code_points() {
        assert_eq!(
            to_utf8(&[0x47, 0x72, 0xFC, 0xDF, 0x65], "iso-8859-1"),
            "Grüße"
        );
        assert_eq!(to_utf8(&[0x80], "ISO-8859-1"), "\u{80}");
    }

    #[test]
    fn utf8_read_as_latin1_is_double_encoded_as_osticket_stores_it() {
        assert_eq!(to_utf8("Grüße".as_bytes(), "iso-8859-1"), "GrÃ¼Ã\u{9f}e");
    }

    #[test]
    fn utf8_drops_invalid_sequences() {
        assert_eq!(to_utf8(b"ok\xFFok", "UTF-8"), "okok");
    }

    #[test]
    fn other_charsets_and_spellings() {
        assert_eq!(to_utf8(&[0x80], "Windows1252"), "€");
        assert_eq!(to_utf8(&[0xE9], "us-ascii"), "é");
        assert_eq!(to_utf8(b"plain", "no-such-charset"), "plain");
    }
}
