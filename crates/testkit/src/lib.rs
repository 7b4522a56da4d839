//! oxt-testkit: a fresh database per test, on SQLite always and on MariaDB/MySQL and
//! PostgreSQL when the suite is given a server, plus osTicket's genuine schema and a
//! genuine fresh install loaded the way osTicket loads them. A dev-dependency only.
//!
//! - `OXT_TEST_MYSQL_URL` (e.g. `mysql://root@127.0.0.1:3306/test`) and
//!   `OXT_TEST_POSTGRES_URL` (e.g. `postgres://postgres@127.0.0.1:5432/postgres`) name
//!   a server and an account that may create databases; the database in the URL is only
//!   used to log in (MySQL needs none).
//! - Without a URL, or without `../shared/osticket/` beside the workspace, a test is
//!   skipped with a note on stderr; with `OXT_TEST_REQUIRE_ALL=1` (CI) it fails instead.
//!
//! Each database is created as `oxt_test_<uuid>` and dropped when its [`TestDb`] is
//! dropped, also when the test panics.

use oxt_store::table_prefix;
use sea_orm::sqlx::{self, Connection};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use std::path::PathBuf;

/// Which database server a [`TestDb`] lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    MySql,
    Postgres,
}

/// A database of its own for one test, reached through [`oxt_store::connect`] (so with
/// the process's table prefix and Oxticket's session settings).
#[derive(Debug)]
pub struct TestDb {
    /// `None` only while the database is being dropped.
    conn: Option<DatabaseConnection>,
    backend: Backend,
    place: Place,
}

/// Where a test database lives, which says what dropping it removes.
#[derive(Debug)]
enum Place {
    Memory,
    File(PathBuf),
    Server(ServerDatabase),
}

impl TestDb {
    /// An in-memory SQLite database.
    pub async fn sqlite() -> TestDb {
        let conn = oxt_store::connect("sqlite::memory:", table_prefix().clone())
            .await
            .expect("an in-memory SQLite database opens");
        TestDb {
            conn: Some(conn),
            backend: Backend::Sqlite,
            place: Place::Memory,
        }
    }

    /// A SQLite database in a file of the temporary directory, for what an in-memory
    /// database does not show (the write-ahead log, waits between writers); removed on drop.
    pub async fn sqlite_file() -> TestDb {
        let path =
            std::env::temp_dir().join(format!("oxt_test_{}.db", uuid::Uuid::new_v4().simple()));
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let conn = oxt_store::connect(&url, table_prefix().clone())
            .await
            .unwrap_or_else(|error| panic!("cannot create {}: {error}", path.display()));
        TestDb {
            conn: Some(conn),
            backend: Backend::Sqlite,
            place: Place::File(path),
        }
    }

    /// A fresh database on the MariaDB/MySQL server of `OXT_TEST_MYSQL_URL`.
    pub async fn mysql() -> Option<TestDb> {
        let url = server_url("OXT_TEST_MYSQL_URL")?;
        Some(TestDb::on_server(Backend::MySql, &url).await)
    }

    /// A fresh database on the PostgreSQL server of `OXT_TEST_POSTGRES_URL`.
    pub async fn postgres() -> Option<TestDb> {
        let url = server_url("OXT_TEST_POSTGRES_URL")?;
        Some(TestDb::on_server(Backend::Postgres, &url).await)
    }

    /// A fresh MariaDB/MySQL database holding osTicket's genuine empty schema: its
    /// `install-mysql.sql` with the process's table prefix put in, run in one session
    /// with `SQL_MODE=''`, as osTicket's installer (`SetupWizard::load_sql`) does.
    pub async fn mysql_with_osticket_schema() -> Option<TestDb> {
        let ddl = osticket_file("install-mysql.sql")?;
        let db = TestDb::mysql().await?;
        db.run_mysql_script(&ddl.replace("%TABLE_PREFIX%", table_prefix().as_str()))
            .await;
        Some(db)
    }

    /// A fresh MariaDB/MySQL database restored from `fresh-install.sql`, the dump of a
    /// database osTicket 1.18.1's web installer had just set up.
    pub async fn mysql_with_fresh_install() -> Option<TestDb> {
        let db = TestDb::mysql().await?;
        db.load_osticket_dump("fresh-install.sql").await?;
        Some(db)
    }

    /// Runs a `mysqldump` file of `../shared/osticket/` (written with the `ost_` prefix)
    /// on this MariaDB/MySQL database, its tables renamed to the process's table prefix.
    /// `None` after a skip note when the file is missing.
    pub async fn load_osticket_dump(&self, name: &str) -> Option<()> {
        let dump = osticket_file(name)?;
        let prefixed = format!("`{}", table_prefix());
        self.run_mysql_script(&dump.replace("`ost_", &prefixed))
            .await;
        Some(())
    }

    pub fn conn(&self) -> &DatabaseConnection {
        self.conn
            .as_ref()
            .expect("the connection is only taken when the database is dropped")
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL a server process would use to reach this database (`None` for an
    /// in-memory SQLite database, which lives only in this process).
    pub fn url(&self) -> Option<String> {
        match &self.place {
            Place::Server(server) => Some(with_database(&server.admin_url, &server.name)),
            Place::File(path) => Some(format!("sqlite://{}?mode=rwc", path.display())),
            Place::Memory => None,
        }
    }

    /// Runs `sql` and answers every row as column name → value, each value as the
    /// database renders it as text (`NULL` is `None`). For tests that compare rows
    /// with another system's (osTicket's) byte for byte: write the `CAST`s in `sql`.
    pub async fn text_rows(
        &self,
        sql: &str,
    ) -> Vec<std::collections::BTreeMap<String, Option<String>>> {
        let statement = sea_orm::Statement::from_string(self.conn().get_database_backend(), sql);
        let rows = self
            .conn()
            .query_all_raw(statement)
            .await
            .unwrap_or_else(|error| panic!("{sql}: {error}"));
        rows.iter()
            .map(|row| {
                row.column_names()
                    .into_iter()
                    .map(|column| {
                        let value = row
                            .try_get::<Option<String>>("", &column)
                            .unwrap_or_else(|error| panic!("{column} is not text: {error}"));
                        (column, value)
                    })
                    .collect()
            })
            .collect()
    }

    /// The database's name on its server (`None` for SQLite).
    pub fn database_name(&self) -> Option<&str> {
        match &self.place {
            Place::Server(server) => Some(&server.name),
            Place::Memory | Place::File(_) => None,
        }
    }

    async fn on_server(backend: Backend, url: &str) -> TestDb {
        let name = format!("oxt_test_{}", uuid::Uuid::new_v4().simple());
        let server = ServerDatabase {
            backend,
            admin_url: admin_url(backend, url),
            name,
        };
        let admin = Database::connect(&server.admin_url)
            .await
            .unwrap_or_else(|error| panic!("cannot reach the {backend:?} test server: {error}"));
        let create = match backend {
            // osTicket's tables name their own character set; the database default
            // serves Oxticket's tables.
            Backend::MySql => format!(
                "CREATE DATABASE `{}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
                server.name
            ),
            _ => format!("CREATE DATABASE \"{}\"", server.name),
        };
        admin
            .execute_unprepared(&create)
            .await
            .unwrap_or_else(|error| panic!("cannot create {}: {error}", server.name));
        admin.close().await.ok();
        let conn = oxt_store::connect(&with_database(url, &server.name), table_prefix().clone())
            .await
            .unwrap_or_else(|error| panic!("cannot open {}: {error}", server.name));
        TestDb {
            conn: Some(conn),
            backend,
            place: Place::Server(server),
        }
    }

    /// Runs a MySQL script as one multi-statement request on a connection of its own,
    /// so that the script's session settings hold throughout and end with it.
    async fn run_mysql_script(&self, script: &str) {
        let mut connection = self
            .conn()
            .get_mysql_connection_pool()
            .acquire()
            .await
            .expect("a MariaDB connection")
            .detach();
        sqlx::raw_sql(sqlx::AssertSqlSafe(script.to_owned()))
            .execute(&mut connection)
            .await
            .unwrap_or_else(|error| panic!("the MySQL script failed: {error}"));
        connection.close().await.ok();
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // Close this side first so that no session of ours holds a lock the drop waits for.
        drop(self.conn.take());
        match std::mem::replace(&mut self.place, Place::Memory) {
            Place::Memory => {}
            Place::File(path) => remove_sqlite_files(&path),
            Place::Server(server) => server.drop_database(),
        }
    }
}

/// The database file and the write-ahead log and index SQLite keeps beside it.
fn remove_sqlite_files(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => eprintln!("test database {file:?} was not removed: {error}"),
        }
    }
}

/// A database created on a server for one test.
#[derive(Debug)]
struct ServerDatabase {
    backend: Backend,
    admin_url: String,
    name: String,
}

impl ServerDatabase {
    /// `Drop` cannot await, and blocking the test's own runtime on I/O it drives would
    /// deadlock; so the drop runs on a thread with a runtime of its own and is joined.
    fn drop_database(self) {
        let name = self.name.clone();
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|error| error.to_string())?;
            runtime.block_on(async {
                let admin = Database::connect(&self.admin_url)
                    .await
                    .map_err(|error| error.to_string())?;
                if self.backend == Backend::MySql {
                    // A session the test left inside a transaction (its rollback queued on
                    // the test's runtime, which this drop blocks) holds metadata locks that
                    // DROP DATABASE would wait for forever: end those sessions first, as
                    // PostgreSQL's `WITH (FORCE)` does.
                    let sessions = admin
                        .query_all_raw(sea_orm::Statement::from_string(
                            sea_orm::DatabaseBackend::MySql,
                            format!(
                                "SELECT CAST(ID AS UNSIGNED) AS id FROM information_schema.PROCESSLIST \
                                 WHERE DB = '{}' AND ID <> CONNECTION_ID()",
                                self.name
                            ),
                        ))
                        .await
                        .map_err(|error| error.to_string())?;
                    for session in sessions {
                        let id: u64 = session
                            .try_get("", "id")
                            .map_err(|error| error.to_string())?;
                        // The session may end on its own meanwhile; that is fine.
                        admin.execute_unprepared(&format!("KILL {id}")).await.ok();
                    }
                }
                let statement = match self.backend {
                    Backend::MySql => format!("DROP DATABASE IF EXISTS `{}`", self.name),
                    _ => format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
                };
                admin
                    .execute_unprepared(&statement)
                    .await
                    .map_err(|error| error.to_string())?;
                admin.close().await.map_err(|error| error.to_string())
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(error)) => eprintln!("test database {name} was not dropped: {error}"),
            Err(_) => eprintln!("test database {name} was not dropped: the drop panicked"),
        }
    }
}

/// The URL of the test server in `var`, or `None` after a skip note (a panic under
/// `OXT_TEST_REQUIRE_ALL=1`).
fn server_url(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => unavailable(&format!("{var} is not set")),
    }
}

/// `../shared/osticket/<name>` beside the workspace root, or `None` after a skip note
/// (a panic under `OXT_TEST_REQUIRE_ALL=1`) when it is missing.
///
/// Bytes that are not UTF-8 become U+FFFD: the dump's only such bytes are inside the
/// quoted image data of `file_chunk`, and the quotes and escapes around them are ASCII.
pub fn osticket_file(name: &str) -> Option<String> {
    let path = workspace_root()
        .join("..")
        .join("shared")
        .join("osticket")
        .join(name);
    match std::fs::read(&path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            unavailable(&format!("{} is missing", path.display()))
        }
        Err(error) => panic!("cannot read {}: {error}", path.display()),
    }
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
}

fn unavailable<T>(reason: &str) -> Option<T> {
    if std::env::var("OXT_TEST_REQUIRE_ALL").as_deref() == Ok("1") {
        panic!("{reason}, and OXT_TEST_REQUIRE_ALL=1 turns the skip into a failure");
    }
    eprintln!("skipped: {reason}");
    None
}

/// Where to log in to create and drop databases: the URL itself for PostgreSQL, whose
/// URL names an existing database; the bare server for MySQL, where the URL's database
/// need not exist.
fn admin_url(backend: Backend, url: &str) -> String {
    match backend {
        Backend::MySql => with_database(url, ""),
        _ => url.to_owned(),
    }
}

/// `url` with its database (the path) replaced by `database`, its query kept.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url.split_at(url.find('?').unwrap_or(url.len()));
    let authority_start = base.find("://").map_or(0, |at| at + 3);
    let authority_end = base[authority_start..]
        .find('/')
        .map_or(base.len(), |at| authority_start + at);
    format!("{}/{database}{query}", &base[..authority_end])
}

/// Writes one async DB test for every backend: `db_test!(name, |db| async move {...})`
/// becomes the tests `name::sqlite`, `name::mysql` and `name::postgres`, each given
/// its own fresh [`TestDb`](crate::TestDb) (`db` is the `TestDb`, by value). The
/// MySQL and PostgreSQL tests skip (or fail under `OXT_TEST_REQUIRE_ALL=1`) without
/// their server. The calling crate needs `tokio` (macros, rt) as a dev-dependency.
#[macro_export]
macro_rules! db_test {
    ($name:ident, |$db:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[::tokio::test]
            async fn sqlite() {
                let $db = $crate::TestDb::sqlite().await;
                $body.await
            }

            #[::tokio::test]
            async fn mysql() {
                let Some($db) = $crate::TestDb::mysql().await else {
                    return;
                };
                $body.await
            }

            #[::tokio::test]
            async fn postgres() {
                let Some($db) = $crate::TestDb::postgres().await else {
                    return;
                };
                $body.await
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_of_a_url_is_replaced_and_its_query_kept() {
        assert_eq!(
            with_database("mysql://root@127.0.0.1:3306/test", "oxt_test_1"),
            "mysql://root@127.0.0.1:3306/oxt_test_1"
        );
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432", "oxt_test_1"),
            "postgres://postgres@127.0.0.1:5432/oxt_test_1"
        );
        assert_eq!(
            with_database("mysql://root@h/db?ssl-mode=disabled", "x"),
            "mysql://root@h/x?ssl-mode=disabled"
        );
    }

    #[test]
    fn mysql_logs_in_to_the_bare_server() {
        assert_eq!(
            admin_url(Backend::MySql, "mysql://root@127.0.0.1:3306/test"),
            "mysql://root@127.0.0.1:3306/"
        );
    }
}
