//! PATCH fields that may be absent (leave as is), `null` (clear) or a value.

use serde::{Deserialize, Deserializer};

/// With `#[serde(default, deserialize_with = "nullable")]` on an
/// `Option<Option<T>>` field: absent gives `None`, `null` gives `Some(None)`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
