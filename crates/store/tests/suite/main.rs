//! oxt-store's database suite: the entities and `oxt_migrations::migrate` on SQLite,
//! MariaDB and PostgreSQL, and against osTicket's genuine schema and a genuine fresh
//! install (MariaDB). See oxt-testkit for the environment it reads.

mod connect;
mod dates;
mod existing_osticket;
mod migrate;
mod mysql_schema;
mod prefix;
mod support;
