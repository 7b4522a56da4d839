//! The values osTicket derives from a user's form answers: the phone number as its
//! phone field stores and shows it, and the user's `ost__search` row
//! (`MysqlSearchBackend::update` for a `User`).

/// osTicket's `PhoneField::parse`: only the digits and the `X` that separates
/// the extension (the JSON API upper-cases the value first, so `x123` counts).
/// `None` when nothing is left.
pub(super) fn stored_phone(raw: &str) -> Option<String> {
    let kept: String = raw
        .to_uppercase()
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'X')
        .collect();
    (!kept.is_empty()).then_some(kept)
}

/// `PhoneField::toString` with the default "United States" display format:
/// 7 or 10 digits are grouped, and an extension is appended as ` x123`.
pub(super) fn displayed_phone(stored: &str) -> String {
    let (number, extension) = stored.split_once('X').unwrap_or((stored, ""));
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let mut shown = match digits.len() {
        7 => format!("{}-{}", &digits[..3], &digits[3..]),
        10 => format!("({}) {}-{}", &digits[..3], &digits[3..6], &digits[6..]),
        _ => number.to_owned(),
    };
    if !extension.is_empty() {
        shown.push_str(" x");
        shown.push_str(extension);
    }
    shown
}

/// `Format::searchable`: runs of whitespace shrink to their first character,
/// and the ends are trimmed.
pub(super) fn searchable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous_was_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !previous_was_space {
                out.push(c);
            }
            previous_was_space = true;
        } else {
            out.push(c);
            previous_was_space = false;
        }
    }
    out.trim().to_owned()
}

/// The `content` of a new user's `ost__search` row: the searchable form answers
/// (phone, notes) one per line, then a space and the user's addresses one per
/// line. At creation osTicket's user still lists its default address twice
/// (once as the default, once added to its address list), so the address
/// appears twice, as in the rows osTicket writes.
pub(super) fn new_user_search_content(
    phone: Option<&str>,
    notes: Option<&str>,
    email: &str,
) -> String {
    let answers: Vec<String> = [phone.map(displayed_phone), notes.map(searchable)]
        .into_iter()
        .flatten()
        .map(|answer| searchable(&answer))
        .filter(|answer| !answer.is_empty())
        .collect();
    format!("{} {email}\n{email}", answers.join("\n").trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_keeps_its_digits_and_the_extension_marker() {
        assert_eq!(
            stored_phone("318-555-8634x123").as_deref(),
            Some("3185558634X123")
        );
        assert_eq!(stored_phone(" - "), None);
    }

    #[test]
    fn ten_and_seven_digit_numbers_show_grouped() {
        assert_eq!(displayed_phone("3185558634X123"), "(318) 555-8634 x123");
        assert_eq!(displayed_phone("5558634"), "555-8634");
        assert_eq!(displayed_phone("441315558634"), "441315558634");
    }

    #[test]
    fn search_content_matches_the_row_osticket_writes() {
        assert_eq!(
            new_user_search_content(Some("3185558634X123"), None, "api@example.com"),
            "(318) 555-8634 x123 api@example.com\napi@example.com"
        );
    }

    #[test]
    fn search_content_without_answers_starts_with_the_separator() {
        assert_eq!(
            new_user_search_content(None, Some("  "), "a@example.com"),
            " a@example.com\na@example.com"
        );
    }

    #[test]
    fn searchable_text_collapses_whitespace() {
        assert_eq!(searchable("  Angry \n\n User "), "Angry User");
        assert_eq!(searchable("Angry\n  User"), "Angry\nUser");
    }
}
