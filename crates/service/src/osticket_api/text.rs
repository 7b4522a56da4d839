//! The text clean-ups osTicket applies to what its API receives.

use std::ops::RangeInclusive;

/// The code points `Format::strip_emoticons` removes.
const EMOTICONS: [RangeInclusive<u32>; 22] = [
    0x1F601..=0x1F64F,
    0x1F680..=0x1F6C0,
    0x1F600..=0x1F636,
    0x1F681..=0x1F6C5,
    0x1F30D..=0x1F567,
    0x1F910..=0x1F999,
    0x1F9D0..=0x1F9DF,
    0x1F9E0..=0x1F9EF,
    0x1F6F0..=0x1F6FF,
    0x1F6E0..=0x1F6EF,
    0x1F6C0..=0x1F6CF,
    0x1F9C0..=0x1F9C2,
    0x1F6D0..=0x1F6D2,
    0x1F500..=0x1F5FF,
    0x1F300..=0x1F3FF,
    0x2702..=0x27B0,
    0x00A9..=0x00AE,
    0x23F0..=0x23FF,
    0x23E0..=0x23EF,
    0x2310..=0x231F,
    0x1000B6..=0x1000B6,
    0x2322..=0x232F,
];

/// `Format::strip_emoticons`: osTicket's database columns are `utf8`
/// (three bytes), so it drops pictographs, and with them a few ordinary
/// symbols in its ranges (©, ®, ✓).
pub fn strip_emoticons(text: &str) -> String {
    text.chars()
        .filter(|c| !EMOTICONS.iter().any(|range| range.contains(&u32::from(*c))))
        .collect()
}

/// `TextboxField::parse` for a field sent through the API: entities
/// decoded, tags stripped, emoticons dropped, ends trimmed.
pub(crate) fn plain_field_text(raw: &str) -> String {
    strip_emoticons(&strip_tags(&decode_entities(raw)))
        .trim()
        .to_owned()
}

/// PHP's `strip_tags`: everything from a `<` to the next `>` goes.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => in_tag = false,
            (false, c) => out.push(c),
            (true, _) => {}
        }
    }
    out
}

/// The entities `html_entity_decode` resolves that matter in a one-line
/// field: the five XML ones, `&nbsp;`, and numeric references.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let candidate = &rest[start..];
        let decoded = candidate
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| entity(&candidate[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &candidate[end + 1..];
            }
            None => {
                out.push('&');
                rest = &candidate[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoticons_are_dropped_and_other_text_kept() {
        assert_eq!(strip_emoticons("Hi 😀 there 🚀 Grüße"), "Hi  there  Grüße");
        assert_eq!(strip_emoticons("© 2026"), " 2026");
    }

    #[test]
    fn a_field_loses_its_tags_entities_and_outer_spaces() {
        assert_eq!(plain_field_text("  <b>Testing</b> API "), "Testing API");
        assert_eq!(plain_field_text("Fish &amp; chips"), "Fish & chips");
        assert_eq!(plain_field_text("&lt;b&gt;x"), "x");
        assert_eq!(plain_field_text("a &#65;&#x42; & b"), "a AB & b");
    }
}
