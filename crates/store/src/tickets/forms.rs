//! The ticket form (`ost_form` of type `T`): its fields, a ticket's entry of
//! it (`ost_form_entry` + `ost_form_entry_values`), and the flattened copy
//! osTicket keeps in `ost_ticket__cdata`, one column per field name.

use crate::entity::{form, form_entry, form_entry_values, form_field};
use crate::reference_cache::{ReferenceKey, cached};
use crate::{Backend, Conn, StoreError, prefixed_table_name};
use oxt_ticket::Ticket;
use oxt_ticket::ids::{FormFieldId, FormId, TicketId};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, NotSet, QueryFilter,
    QueryOrder, Statement,
};
use std::collections::HashSet;

/// The names osTicket gives the ticket form's built-in fields.
const SUBJECT: &str = "subject";
const MESSAGE: &str = "message";
const PRIORITY: &str = "priority";

/// Field types that hold no answer (section breaks, static text).
const PRESENTATION_TYPES: [&str; 2] = ["break", "info"];

/// The ticket form as ticket creation fills it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketForm {
    pub id: FormId,
    pub subject: FormFieldId,
    /// The `message` field ("Issue Details"), which filters test as
    /// `field.<id>`; its answer lives in the thread, not in the form entry.
    pub message: Option<FormFieldId>,
    pub priority: Option<FormFieldId>,
    /// Fields beyond subject, message and priority that take an answer.
    pub custom: Vec<TicketFormField>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFormField {
    pub id: FormFieldId,
    /// Also the `ost_ticket__cdata` column osTicket keeps its value in.
    pub name: String,
    pub label: String,
}

impl TicketForm {
    /// A custom field by its name or, when `key` is a number, its id.
    pub fn custom_field(&self, key: &str) -> Option<&TicketFormField> {
        let id = key.parse::<u32>().ok();
        self.custom
            .iter()
            .find(|field| field.name == key || Some(field.id.get()) == id)
    }
}

/// An answer to a custom field of the ticket form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue {
    pub field: FormFieldId,
    pub name: String,
    pub value: String,
}

/// The ticket form and its fields (through the reference cache); `None` when
/// the install has no ticket form with a subject field.
pub async fn find_ticket_form(db: &impl Conn) -> Result<Option<TicketForm>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::TicketForm,
        load_ticket_form(db),
    )
    .await
}

async fn load_ticket_form(db: &impl Conn) -> Result<Option<TicketForm>, StoreError> {
    let Some(form) = form::Entity::find()
        .filter(form::Column::Type.eq("T"))
        .order_by_asc(form::Column::Id)
        .one(db.db())
        .await?
    else {
        return Ok(None);
    };
    let fields = form_field::Entity::find()
        .filter(form_field::Column::FormId.eq(form.id))
        .order_by_asc(form_field::Column::Sort)
        .all(db.db())
        .await?;
    let by_name = |name: &str| {
        fields
            .iter()
            .find(|field| field.name == name)
            .map(|field| FormFieldId::new(field.id))
    };
    let Some(subject) = by_name(SUBJECT) else {
        return Ok(None);
    };
    let message = by_name(MESSAGE);
    let priority = by_name(PRIORITY);
    let custom = fields
        .iter()
        .filter(|field| ![SUBJECT, MESSAGE, PRIORITY].contains(&field.name.as_str()))
        .filter(|field| !field.name.is_empty())
        .filter(|field| !PRESENTATION_TYPES.contains(&field.r#type.as_str()))
        .map(|field| TicketFormField {
            id: FormFieldId::new(field.id),
            name: field.name.clone(),
            label: field.label.clone(),
        })
        .collect();
    Ok(Some(TicketForm {
        id: FormId::new(form.id),
        subject,
        message,
        priority,
        custom,
    }))
}

/// Writes a new ticket's form entry, its answers and its `__cdata` row.
pub(crate) async fn save_ticket_form(
    db: &impl Conn,
    id: TicketId,
    ticket: &Ticket,
    form: &TicketForm,
    priority_desc: &str,
    fields: &[FieldValue],
) -> Result<(), StoreError> {
    let at = crate::tickets::create::time(Some(ticket.created));
    let entry_id = form_entry::Entity::insert(form_entry::ActiveModel {
        id: NotSet,
        form_id: Set(form.id.get()),
        object_id: Set(Some(id.get())),
        object_type: Set("T".to_owned()),
        sort: Set(1),
        extra: Set(None),
        created: Set(at),
        updated: Set(at),
    })
    .exec(db.db())
    .await?
    .last_insert_id;
    let subject = ticket
        .subject
        .as_ref()
        .map(|subject| subject.as_str().to_owned());
    let mut values = vec![(form.subject, subject.clone(), None)];
    if let (Some(field), Some(priority)) = (form.priority, ticket.priority) {
        values.push((
            field,
            Some(priority_desc.to_owned()),
            i32::try_from(priority.get()).ok(),
        ));
    }
    values.extend(
        fields
            .iter()
            .map(|field| (field.field, Some(field.value.clone()), None)),
    );
    let rows = values
        .into_iter()
        .map(|(field, value, value_id)| form_entry_values::ActiveModel {
            entry_id: Set(entry_id),
            field_id: Set(field.get()),
            value: Set(value),
            value_id: Set(value_id),
        });
    form_entry_values::Entity::insert_many(rows)
        .exec_without_returning(db.db())
        .await?;
    let priority = ticket.priority.map(|priority| priority.get().to_string());
    insert_cdata(db, id, subject, priority, fields).await
}

/// The ticket's `__cdata` row in one insert: subject, priority, and each custom
/// field that has a column (osTicket adds a column per field name when it rebuilds
/// the table, so a field added since has none, and its value lives in the form
/// entry alone).
async fn insert_cdata(
    db: &impl Conn,
    id: TicketId,
    subject: Option<String>,
    priority: Option<String>,
    fields: &[FieldValue],
) -> Result<(), StoreError> {
    let mut columns: Vec<(&str, sea_orm::Value)> = vec![
        ("ticket_id", id.get().into()),
        ("subject", subject.into()),
        ("priority", priority.into()),
    ];
    if !fields.is_empty() {
        let existing = cdata_columns(db).await?;
        for field in fields.iter().filter(|field| existing.contains(&field.name)) {
            let value = sea_orm::Value::from(field.value.clone());
            // A field sent twice: the last value, as an update would leave it.
            match columns.iter_mut().find(|(name, _)| *name == field.name) {
                Some(column) => column.1 = value,
                None => columns.push((field.name.as_str(), value)),
            }
        }
    }
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new(prefixed_table_name("ticket__cdata")))
        .columns(columns.iter().map(|(name, _)| Alias::new(*name)))
        .values(columns.into_iter().map(|(_, value)| Expr::val(value)))
        .map_err(|error| StoreError::Backend(sea_orm::DbErr::Custom(error.to_string())))?;
    db.db().execute(&insert).await?;
    Ok(())
}

/// The answers of a ticket's form entry to `field`: `(value, value_id)`,
/// `None` when the entry has no answer row for it.
pub async fn find_form_value(
    db: &impl Conn,
    ticket: TicketId,
    field: FormFieldId,
) -> Result<Option<(Option<String>, Option<i32>)>, StoreError> {
    let Some(entry) = ticket_form_entry(db, ticket).await? else {
        return Ok(None);
    };
    Ok(form_entry_values::Entity::find_by_id((entry, field.get()))
        .one(db.db())
        .await?
        .map(|row| (row.value, row.value_id)))
}

/// Sets a ticket's answer to `field` (adding the answer row if missing) and
/// the matching `__cdata` column if the table has one.
pub async fn set_form_value(
    db: &impl Conn,
    ticket: TicketId,
    field: FormFieldId,
    cdata_column: &str,
    value: &str,
    value_id: Option<i32>,
) -> Result<(), StoreError> {
    let Some(entry) = ticket_form_entry(db, ticket).await? else {
        return Err(StoreError::NotFound);
    };
    form_entry_values::Entity::delete_by_id((entry, field.get()))
        .exec(db.db())
        .await?;
    form_entry_values::Entity::insert(form_entry_values::ActiveModel {
        entry_id: Set(entry),
        field_id: Set(field.get()),
        value: Set(Some(value.to_owned())),
        value_id: Set(value_id),
    })
    .exec_without_returning(db.db())
    .await?;
    let cdata = value_id.map_or_else(|| value.to_owned(), |id| id.to_string());
    set_cdata_columns(db, ticket, &[(cdata_column, cdata)]).await
}

async fn ticket_form_entry(db: &impl Conn, ticket: TicketId) -> Result<Option<u32>, StoreError> {
    Ok(form_entry::Entity::find()
        .filter(form_entry::Column::ObjectType.eq("T"))
        .filter(form_entry::Column::ObjectId.eq(ticket.get()))
        .order_by_asc(form_entry::Column::Id)
        .one(db.db())
        .await?
        .map(|entry| entry.id))
}

/// Writes values into the `__cdata` columns that exist: osTicket adds a
/// column per field name when it rebuilds the table, so a field added since
/// has none, and its value lives in the form entry alone.
async fn set_cdata_columns(
    db: &impl Conn,
    ticket: TicketId,
    values: &[(&str, String)],
) -> Result<(), StoreError> {
    if values.is_empty() {
        return Ok(());
    }
    let existing = cdata_columns(db).await?;
    let mut update = Query::update();
    update
        .table(Alias::new(prefixed_table_name("ticket__cdata")))
        .and_where(Expr::col(Alias::new("ticket_id")).eq(ticket.get()));
    let mut any = false;
    for (column, value) in values {
        if existing.contains(*column) {
            update.value(Alias::new(*column), value.clone());
            any = true;
        }
    }
    if any {
        db.db().execute(&update).await?;
    }
    Ok(())
}

/// The columns `ticket__cdata` has, through the reference cache (a schema change
/// through the store empties it).
async fn cdata_columns(db: &impl Conn) -> Result<HashSet<String>, StoreError> {
    cached(
        db.reference_cache(),
        ReferenceKey::TicketCdataColumns,
        read_cdata_columns(db),
    )
    .await
}

async fn read_cdata_columns(db: &impl Conn) -> Result<HashSet<String>, StoreError> {
    let table = prefixed_table_name("ticket__cdata");
    let backend = db.db().get_database_backend();
    let sql = match backend_of(backend) {
        Backend::MySql => {
            "SELECT CAST(COLUMN_NAME AS CHAR) AS name FROM information_schema.COLUMNS \
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
        }
        Backend::Postgres => {
            "SELECT CAST(column_name AS TEXT) AS name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1"
        }
        Backend::Sqlite => "SELECT name FROM pragma_table_info(?)",
    };
    let rows = db
        .db()
        .query_all_raw(Statement::from_sql_and_values(backend, sql, [table.into()]))
        .await?;
    rows.iter()
        .map(|row| row.try_get::<String>("", "name").map_err(StoreError::from))
        .collect()
}

fn backend_of(backend: DbBackend) -> Backend {
    match backend {
        DbBackend::MySql => Backend::MySql,
        DbBackend::Postgres => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}
