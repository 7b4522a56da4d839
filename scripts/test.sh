#!/usr/bin/env bash
# The test command: starts (installing if needed) MariaDB and PostgreSQL,
# exports their URLs, and runs every suite of the workspace on SQLite,
# MariaDB and PostgreSQL. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/services.sh)"
# The generated entities and schema step must match osTicket's DDL in ../shared/.
if [ -f ../shared/osticket/install-mysql.sql ]; then
  python3 tools/schema-gen/schema_gen.py --check
elif [ "${OXT_TEST_REQUIRE_ALL:-}" = 1 ]; then
  echo "../shared/osticket/install-mysql.sql is missing" >&2; exit 1
else
  echo "skipped: the entity freshness check (../shared/osticket/ is missing)" >&2
fi
exec cargo test --workspace --all-targets "$@"
