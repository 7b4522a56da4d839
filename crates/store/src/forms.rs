//! The fields of the ticket form and the user form as osTicket's API reads
//! them: every enabled field, in form order, with what validating an answer
//! needs (`ost_form_field.flags`, label, type).

use crate::entity::{form, form_field};
use crate::{Conn, StoreError};
use oxt_ticket::ids::FormFieldId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// `DynamicFormField::FLAG_ENABLED`.
const FLAG_ENABLED: u32 = 0x1;
/// `DynamicFormField::FLAG_CLIENT_REQUIRED`: required when no agent is signed
/// in, which is how osTicket's API fills a form.
const FLAG_CLIENT_REQUIRED: u32 = 0x400;

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFieldSpec {
    pub id: FormFieldId,
    /// The key an API request names the field by.
    pub name: String,
    pub label: String,
    /// `ost_form_field.type` (`text`, `thread`, `priority`, `phone`, ...).
    pub kind: String,
    pub required: bool,
}

/// The ticket form's and the user form's enabled fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IntakeForms {
    pub ticket: Vec<FormFieldSpec>,
    pub user: Vec<FormFieldSpec>,
}

impl IntakeForms {
    /// Whether some field of either form is named `name`.
    pub fn knows(&self, name: &str) -> bool {
        self.ticket
            .iter()
            .chain(&self.user)
            .any(|field| field.name == name)
    }
}

/// The enabled fields of the first ticket form (`T`) and user form (`U`).
pub async fn load_intake_forms(db: &impl Conn) -> Result<IntakeForms, StoreError> {
    Ok(IntakeForms {
        ticket: enabled_fields(db, "T").await?,
        user: enabled_fields(db, "U").await?,
    })
}

async fn enabled_fields(db: &impl Conn, form_type: &str) -> Result<Vec<FormFieldSpec>, StoreError> {
    let Some(form) = form::Entity::find()
        .filter(form::Column::Type.eq(form_type))
        .order_by_asc(form::Column::Id)
        .one(db.db())
        .await?
    else {
        return Ok(Vec::new());
    };
    Ok(form_field::Entity::find()
        .filter(form_field::Column::FormId.eq(form.id))
        .order_by_asc(form_field::Column::Sort)
        .order_by_asc(form_field::Column::Id)
        .all(db.db())
        .await?
        .into_iter()
        .filter(|field| field.flags.unwrap_or(0) & FLAG_ENABLED != 0)
        .map(|field| FormFieldSpec {
            id: FormFieldId::new(field.id),
            required: field.flags.unwrap_or(0) & FLAG_CLIENT_REQUIRED != 0,
            name: field.name,
            label: field.label,
            kind: field.r#type,
        })
        .collect())
}
