//! Reading the rows of `ticket-rows-example.sql`, a `mysqldump
//! --complete-insert` of the rows osTicket wrote: one `INSERT INTO `t`
//! (`c`, …) VALUES (…);` per row.

use std::collections::BTreeMap;

/// Column name → value as the dump writes it, `None` for `NULL`.
pub type Row = BTreeMap<String, Option<String>>;

/// Every row of the example, per table, in the dump's order; `None` (after a
/// skip note) when `../shared/` is missing.
pub fn example_rows() -> Option<BTreeMap<String, Vec<Row>>> {
    let dump = oxt_testkit::osticket_file("ticket-rows-example.sql")?;
    let mut tables: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for line in dump
        .lines()
        .filter(|line| line.starts_with("INSERT INTO `"))
    {
        let (table, row) = parse_insert(line);
        tables.entry(table).or_default().push(row);
    }
    Some(tables)
}

fn parse_insert(line: &str) -> (String, Row) {
    let rest = &line["INSERT INTO `".len()..];
    let (table, rest) = rest.split_once("` (").expect("a column list");
    let (columns, rest) = rest.split_once(") VALUES (").expect("a value list");
    let values = rest.strip_suffix(");").expect("one row per INSERT");
    let columns = columns
        .split(", ")
        .map(|column| column.trim_matches('`').to_owned());
    let row = columns.zip(parse_values(values)).collect();
    (table.to_owned(), row)
}

/// Splits a dump's value list: numbers, `NULL`, `0x…` and quoted strings with
/// MySQL's backslash escapes.
fn parse_values(list: &str) -> Vec<Option<String>> {
    let mut values = Vec::new();
    let mut chars = list.chars().peekable();
    loop {
        match chars.peek() {
            None => break,
            Some('\'') => {
                chars.next();
                let mut text = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => text.push(match chars.next() {
                            Some('n') => '\n',
                            Some('r') => '\r',
                            Some('t') => '\t',
                            Some('0') => '\0',
                            Some(other) => other,
                            None => break,
                        }),
                        '\'' => break,
                        other => text.push(other),
                    }
                }
                values.push(Some(text));
            }
            Some(_) => {
                let raw: String = chars.by_ref().take_while(|c| *c != ',').collect();
                values.push((raw != "NULL").then_some(raw));
                continue;
            }
        }
        if chars.next_if_eq(&',').is_none() {
            break;
        }
    }
    values
}

/// The shape of a value, for columns whose value depends on ids or the clock.
#[derive(Debug, PartialEq, Eq)]
pub enum Format {
    ZeroDate,
    DateTime,
    Integer,
    Text,
}

pub fn format_of(value: &str) -> Format {
    let is_datetime = value.len() == 19
        && value.bytes().enumerate().all(|(at, byte)| match at {
            4 | 7 => byte == b'-',
            10 => byte == b' ',
            13 | 16 => byte == b':',
            _ => byte.is_ascii_digit(),
        });
    if value == "0000-00-00 00:00:00" {
        Format::ZeroDate
    } else if is_datetime {
        Format::DateTime
    } else if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        Format::Integer
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dump_insert_reads_as_named_values() {
        let (table, row) = parse_insert(
            "INSERT INTO `ost_x` (`id`, `name`, `gone`, `at`) VALUES (1,'It\\'s a\\nline',NULL,'2026-11-21 23:32:49');",
        );
        assert_eq!(table, "ost_x");
        assert_eq!(row["id"].as_deref(), Some("1"));
        assert_eq!(row["name"].as_deref(), Some("It's a\nline"));
        assert_eq!(row["gone"], None);
        assert_eq!(format_of(row["at"].as_deref().unwrap()), Format::DateTime);
    }

    #[test]
    fn zero_dates_are_their_own_format() {
        assert_eq!(format_of("0000-00-00 00:00:00"), Format::ZeroDate);
    }
}
