//! Invalid fields of a command, named as the command (and the HTTP API that
//! builds it) names them: `name`, `pid`, `permissions[3]`.

use std::fmt;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Issue {
    #[error("is required")]
    Required,
    #[error("is longer than {max} characters")]
    TooLong { max: usize },
    /// An id that names no row, or a name that is no permission.
    #[error("names nothing that exists")]
    Unknown,
    /// A name another row already has.
    #[error("is already taken")]
    Taken,
    /// A value the rules refuse here; the text says which rule.
    #[error("{0}")]
    NotAllowed(&'static str),
}

/// One invalid field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    pub field: String,
    pub issue: Issue,
}

impl fmt::Display for FieldIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.field, self.issue)
    }
}

/// Every invalid field of a command; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid fields: {}", list(.0))]
pub struct Invalid(pub Vec<FieldIssue>);

impl Invalid {
    pub fn field(field: impl Into<String>, issue: Issue) -> Self {
        Self(vec![FieldIssue {
            field: field.into(),
            issue,
        }])
    }

    /// Whether `field` is among the invalid ones.
    pub fn names(&self, field: &str) -> bool {
        self.0.iter().any(|issue| issue.field == field)
    }
}

fn list(issues: &[FieldIssue]) -> String {
    issues
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Collects the issues of one command, so that every invalid field is
/// reported at once.
#[derive(Debug, Default)]
pub(crate) struct Checks(Vec<FieldIssue>);

impl Checks {
    pub(crate) fn push(&mut self, field: impl Into<String>, issue: Issue) {
        self.0.push(FieldIssue {
            field: field.into(),
            issue,
        });
    }

    /// A required text field, trimmed, of at most `max` characters.
    pub(crate) fn name(&mut self, field: &str, raw: &str, max: usize) -> String {
        let name = raw.trim();
        if name.is_empty() {
            self.push(field, Issue::Required);
        } else if name.chars().count() > max {
            self.push(field, Issue::TooLong { max });
        }
        name.to_owned()
    }

    pub(crate) fn finish(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.0))
        }
    }
}
