//! The table prefix shared by every table name, chosen once per process.
//!
//! osTicket names its tables `{prefix}ticket`, `{prefix}config`, ... with a prefix the
//! administrator picks at install time (`ost_` by default), so Oxticket learns it at run
//! time (`OXT_TABLE_PREFIX`). sea-orm 2.0 asks an entity for its table through
//! `EntityName::table_name(&self) -> &'static str`, and entities are unit structs with no
//! room for per-connection data. The prefix is therefore process-wide: one Oxticket
//! process serves one database, so there is exactly one prefix to know. It is installed
//! once, before the first query ([`install_table_prefix`], done by [`crate::connect`]);
//! reading it earlier locks in the default `ost_`.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock, PoisonError};

/// osTicket's installer default.
const DEFAULT_PREFIX: &str = "ost_";

/// Leaves room for the longest table name (`email_template_group`) and the index names
/// built from it within the 64-character identifier limit of MySQL and PostgreSQL.
const MAX_PREFIX_LEN: usize = 32;

/// A validated table prefix: 1 to 32 characters out of `[A-Za-z0-9_]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TablePrefix(String);

impl TablePrefix {
    /// Checks a prefix as osTicket's installer accepts it (letters, digits, `_`).
    pub fn parse(raw: &str) -> Result<Self, PrefixError> {
        if raw.is_empty() {
            return Err(PrefixError::Empty);
        }
        if raw.len() > MAX_PREFIX_LEN {
            return Err(PrefixError::TooLong {
                len: raw.len(),
                max: MAX_PREFIX_LEN,
            });
        }
        if let Some(character) = raw
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
        {
            return Err(PrefixError::InvalidCharacter { character });
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The full name of an osTicket or Oxticket table, e.g. `ost_ticket` for `ticket`.
    pub fn table(&self, name: &str) -> String {
        format!("{}{name}", self.0)
    }
}

impl Default for TablePrefix {
    fn default() -> Self {
        Self(DEFAULT_PREFIX.to_owned())
    }
}

impl fmt::Display for TablePrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrefixError {
    #[error("the table prefix is empty")]
    Empty,
    #[error("the table prefix has {len} characters, at most {max} are allowed")]
    TooLong { len: usize, max: usize },
    #[error("the table prefix may hold only letters, digits and `_`, not {character:?}")]
    InvalidCharacter { character: char },
    #[error(
        "table prefix `{installed}` is already in use by this process, `{requested}` cannot replace it"
    )]
    AlreadyInstalled {
        installed: TablePrefix,
        requested: TablePrefix,
    },
}

static INSTALLED: OnceLock<TablePrefix> = OnceLock::new();

/// Sets the process-wide prefix. Installing the prefix already in force is a no-op, so
/// several connections to the same database may each install it; a different prefix is
/// refused because entities may already have handed out names built from the first.
pub fn install_table_prefix(prefix: TablePrefix) -> Result<(), PrefixError> {
    let installed = INSTALLED.get_or_init(|| prefix.clone());
    if *installed == prefix {
        Ok(())
    } else {
        Err(PrefixError::AlreadyInstalled {
            installed: installed.clone(),
            requested: prefix,
        })
    }
}

/// The prefix in force; the default `ost_` (which then stays) if none was installed yet.
pub fn table_prefix() -> &'static TablePrefix {
    INSTALLED.get_or_init(TablePrefix::default)
}

/// `prefix + name` as a `&'static str`, as sea-orm's `EntityName::table_name` needs.
///
/// Each name is allocated once and kept for the life of the process (a bounded set: one
/// per table), so entities and migrations share the same string.
pub fn prefixed_table_name(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(full) = names.get(name) {
        return full;
    }
    let full: &'static str = Box::leak(table_prefix().table(name).into_boxed_str());
    names.insert(name.to_owned(), full);
    full
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osticket_default_prefix_is_accepted() {
        assert_eq!(TablePrefix::parse("ost_").unwrap(), TablePrefix::default());
    }

    #[test]
    fn prefix_with_punctuation_is_rejected() {
        assert_eq!(
            TablePrefix::parse("ost-"),
            Err(PrefixError::InvalidCharacter { character: '-' })
        );
        assert_eq!(
            TablePrefix::parse("o`t_"),
            Err(PrefixError::InvalidCharacter { character: '`' })
        );
    }

    #[test]
    fn empty_prefix_is_rejected() {
        assert_eq!(TablePrefix::parse(""), Err(PrefixError::Empty));
    }

    #[test]
    fn prefix_longer_than_32_characters_is_rejected() {
        assert!(TablePrefix::parse(&"a".repeat(32)).is_ok());
        assert_eq!(
            TablePrefix::parse(&"a".repeat(33)),
            Err(PrefixError::TooLong { len: 33, max: 32 })
        );
    }

    #[test]
    fn table_joins_prefix_and_name() {
        let prefix = TablePrefix::parse("acme_").unwrap();
        assert_eq!(prefix.table("ticket"), "acme_ticket");
    }
}
