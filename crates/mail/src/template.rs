//! osTicket's template variables, as `VariableReplacer` resolves them
//! (include/class.variable.php): `%{root.path.to.value}`, also in its
//! URL-encoded form `%%7Broot.path%7D` that HTML balancing can produce.
//!
//! An unknown root is left alone, so a template mentioning a variable this
//! caller does not provide still shows it; a known root with a missing path
//! renders as empty text, exactly as osTicket does.

use regex::{Captures, Regex};
use serde_json::Value;
use std::sync::LazyLock;

static VARIABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:%\{|%%7B)([A-Za-z_][\w._]+)(?:\}|%7D)").expect("the variable pattern compiles")
});

/// The values a template may refer to: a JSON object whose keys are the roots
/// (`ticket`, `recipient`, `staff`, ...), matched case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct TemplateVars(serde_json::Map<String, Value>);

impl TemplateVars {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a root; its key is stored lower-cased, as osTicket matches tags.
    pub fn with(mut self, root: &str, value: Value) -> Self {
        self.0.insert(root.to_lowercase(), value);
        self
    }

    fn resolve(&self, variable: &str) -> Option<String> {
        let mut parts = variable.split('.');
        let root = parts.next()?.to_lowercase();
        let mut value = self.0.get(&root)?;
        for tag in parts {
            match value.get(tag.to_lowercase()) {
                Some(inner) => value = inner,
                None => return Some(String::new()),
            }
        }
        Some(match value {
            Value::String(text) => text.clone(),
            Value::Null => String::new(),
            Value::Object(map) => map
                .get("name")
                .or_else(|| map.get("value"))
                .map(scalar_text)
                .unwrap_or_default(),
            other => scalar_text(other),
        })
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Replaces every variable `vars` knows; leaves the others as written.
pub fn render(template: &str, vars: &TemplateVars) -> String {
    VARIABLE
        .replace_all(template, |caps: &Captures<'_>| {
            vars.resolve(&caps[1]).unwrap_or_else(|| caps[0].to_owned())
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vars() -> TemplateVars {
        TemplateVars::new()
            .with(
                "ticket",
                json!({"number": "795436", "subject": "Printer", "dept": {"name": "Support"}}),
            )
            .with("recipient", json!({"name": "Angry User"}))
    }

    #[test]
    fn known_variables_are_replaced() {
        let text = render("Ticket #%{ticket.number}: %{ticket.subject}", &vars());
        assert_eq!(text, "Ticket #795436: Printer");
    }

    #[test]
    fn an_object_renders_as_its_name() {
        assert_eq!(render("%{ticket.dept}", &vars()), "Support");
        assert_eq!(render("%{ticket.dept.name}", &vars()), "Support");
    }

    #[test]
    fn url_encoded_delimiters_are_recognised() {
        assert_eq!(render("%%7Bticket.number%7D", &vars()), "795436");
    }

    #[test]
    fn an_unknown_root_is_left_alone() {
        assert_eq!(
            render("Hello %{staff.name}", &vars()),
            "Hello %{staff.name}"
        );
    }

    #[test]
    fn a_missing_path_under_a_known_root_is_empty() {
        assert_eq!(render("[%{ticket.duedate}]", &vars()), "[]");
    }

    #[test]
    fn roots_and_tags_match_case_insensitively() {
        assert_eq!(render("%{Ticket.Number}", &vars()), "795436");
    }
}
