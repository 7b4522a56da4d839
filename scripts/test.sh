#!/usr/bin/env bash
# The test command: starts (installing if needed) MariaDB and PostgreSQL,
# exports their URLs, and runs every suite of the workspace on SQLite,
# MariaDB and PostgreSQL. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/services.sh)"
exec cargo test --workspace --all-targets "$@"
