//! Databases and reference files for the seed tests.

use std::path::PathBuf;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbErr, TransactionTrait};

/// `../shared/osticket/` beside the repository, which holds the genuine osTicket
/// schema and the dump of a fresh osTicket install.
pub fn osticket_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/osticket")
        .join(name)
}

/// Reads `OXT_TEST_*` URL `var`, or says why the test cannot run: a skip with a
/// note, or a failure under `OXT_TEST_REQUIRE_ALL=1` (CI).
pub fn server_url(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            skip(&format!("{var} is not set"));
            None
        }
    }
}

/// The text of a reference file from [`osticket_file`], or a skip/failure as in
/// [`server_url`] when it is missing. Bytes that are not UTF-8 (the dump holds the
/// osTicket logo's PNG data, which the tests never compare) become U+FFFD; that
/// cannot break the SQL around them, whose quotes and escapes are ASCII.
pub fn reference_file(name: &str) -> Option<String> {
    let path = osticket_file(name);
    match std::fs::read(&path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            skip(&format!("{} is missing", path.display()));
            None
        }
        Err(error) => panic!("cannot read {}: {error}", path.display()),
    }
}

fn skip(reason: &str) {
    if std::env::var("OXT_TEST_REQUIRE_ALL").as_deref() == Ok("1") {
        panic!("OXT_TEST_REQUIRE_ALL=1 but {reason}");
    }
    eprintln!("skipped: {reason}");
}

/// A database of its own on a MariaDB/MySQL or PostgreSQL server, dropped by
/// [`ScratchDatabase::drop`].
pub struct ScratchDatabase {
    server: DatabaseConnection,
    name: String,
    pub db: DatabaseConnection,
}

impl ScratchDatabase {
    /// Creates `<label>_<random>` on the server of `server_url` (any database
    /// named in the URL is only used to log in).
    pub async fn create(server_url: &str, label: &str) -> Result<Self, DbErr> {
        let name = format!("{label}_{}", uuid::Uuid::new_v4().simple());
        let server = Database::connect(server_url).await?;
        server
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        let db = Database::connect(with_database(server_url, &name)).await?;
        Ok(Self { server, name, db })
    }

    pub async fn drop(self) -> Result<(), DbErr> {
        self.db.close().await?;
        self.server
            .execute_unprepared(&format!("DROP DATABASE {}", self.name))
            .await?;
        Ok(())
    }
}

/// `url` with its database path replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    let (base, query) = match url.find('?') {
        Some(at) => (&url[..at], &url[at..]),
        None => (url, ""),
    };
    let host_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |at| after_scheme + at);
    format!("{}/{database}{query}", &base[..host_end])
}

/// Runs a MySQL script (`install-mysql.sql`, a `mysqldump` file) statement by
/// statement on one connection, so its session settings hold for all of it.
pub async fn run_mysql_script(db: &DatabaseConnection, script: &str) -> Result<(), DbErr> {
    let session = db.begin().await?;
    for statement in mysql_statements(script) {
        session.execute_unprepared(&statement).await?;
    }
    session.commit().await
}

/// Statements end with `;` at the end of a line; lines starting with `--` are
/// comments. Both files escape newlines inside values, so this split is exact.
fn mysql_statements(script: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let mut current = String::new();
    for line in script.lines() {
        if line.trim_start().starts_with("--") {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        if line.trim_end().ends_with(';') {
            statements.push(std::mem::take(&mut current));
        }
    }
    statements
}

#[test]
fn database_path_of_a_server_url_is_replaced() {
    assert_eq!(
        with_database("mysql://root@127.0.0.1:3306/oxt_ci", "oxt_seed_1"),
        "mysql://root@127.0.0.1:3306/oxt_seed_1"
    );
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432", "oxt_seed_1"),
        "postgres://postgres@127.0.0.1:5432/oxt_seed_1"
    );
    assert_eq!(
        with_database("mysql://root@h/db?ssl-mode=disabled", "x"),
        "mysql://root@h/x?ssl-mode=disabled"
    );
}

#[test]
fn script_is_split_at_statement_ends_and_comments_are_dropped() {
    let script = "-- header\nCREATE TABLE t (\n  a int -- why\n);\nINSERT INTO t VALUES (1);\n";
    assert_eq!(
        mysql_statements(script),
        [
            "CREATE TABLE t (\n  a int -- why\n);\n",
            "INSERT INTO t VALUES (1);\n"
        ]
    );
}
