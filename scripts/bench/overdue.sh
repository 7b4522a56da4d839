#!/usr/bin/env bash
# The overdue monitor over a million open tickets, of which a given number are due.
#
#   OXT_DATABASE_URL=mysql://root@127.0.0.1:3306/oxt_bench scripts/bench/overdue.sh [DUE]
#
# On a database seeded by seed-tickets.sh (it must be named oxt_bench*: this script
# rewrites its tickets), every ticket is made open, not overdue and due a year from now;
# then DUE of them (default 10,000, spread evenly over the ids) get an est_duedate in the
# past. `oxticket cron` (the release binary) then runs every periodic job once; the script
# reports its wall time, the statements MariaDB counted meanwhile (`Questions`, which
# includes the cron's own migration check and the lock clean-up), the monitor's own count
# from its log line, and checks that exactly DUE tickets were flagged and got an
# `overdue` event. A second run, with nothing left to flag, shows the cost of a
# quiet pass.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DUE=${1:-10000}
PREFIX=${OXT_TABLE_PREFIX:-ost_}
URL=${OXT_DATABASE_URL:-mysql://root@127.0.0.1:3306/oxt_bench}
BIN=${CARGO_TARGET_DIR:-$REPO/target}/release/oxticket

log() { printf 'overdue: %s\n' "$*" >&2; }

if ! [[ $URL =~ ^(mysql|mariadb)://([^:@/]+)(:([^@/]*))?@([^:/]+)(:([0-9]+))?/(oxt_bench[A-Za-z0-9_]*)$ ]]; then
  log "OXT_DATABASE_URL must name a database oxt_bench* (its tickets are rewritten)"
  exit 2
fi
DB_USER=${BASH_REMATCH[2]} DB_PASSWORD=${BASH_REMATCH[4]} DB_HOST=${BASH_REMATCH[5]}
DB_PORT=${BASH_REMATCH[7]:-3306} DB_NAME=${BASH_REMATCH[8]}
[[ $DUE =~ ^[1-9][0-9]*$ && $PREFIX =~ ^[A-Za-z0-9_]*$ ]] || { log "DUE must be a positive integer"; exit 2; }
[ -x "$BIN" ] || { log "build the server first: cargo build --release -p oxticket"; exit 1; }

sql() {
  MYSQL_PWD=$DB_PASSWORD mariadb --batch --skip-column-names \
    -u"$DB_USER" -h"$DB_HOST" -P"$DB_PORT" "$DB_NAME" "$@"
}
questions() { sql -e "SHOW GLOBAL STATUS LIKE 'Questions'" | cut -f2; }

P=$PREFIX
total=$(sql -e "SELECT COUNT(*) FROM ${P}ticket")
step=$(( total / DUE ))
(( step >= 1 )) || { log "only $total tickets: fewer than DUE"; exit 1; }
log "opening all $total tickets; $DUE of them (every ${step}th) due"
sql <<SQL
UPDATE ${P}ticket SET status_id = 1, closed = NULL, isoverdue = 0, duedate = NULL,
  sla_id = 1, est_duedate = UTC_TIMESTAMP() + INTERVAL 1 YEAR;
UPDATE ${P}ticket SET est_duedate = UTC_TIMESTAMP() - INTERVAL 1 HOUR
  WHERE ticket_id % $step = 0 ORDER BY ticket_id LIMIT $DUE;
DELETE FROM ${P}thread_event WHERE event_id = (SELECT id FROM ${P}event WHERE name = 'overdue');
DELETE FROM ${P}oxt_job_lease;
SQL

run() {
  local label=$1 before after started ended
  before=$(questions)
  started=$(date +%s.%N)
  RUST_LOG=${RUST_LOG:-info} OXT_DATABASE_URL=$URL "$BIN" cron 2> "/tmp/oxt-overdue-$label.log"
  ended=$(date +%s.%N)
  after=$(questions)
  printf '| %s | %.2f s | %d | %s |\n' "$label" "$(echo "$ended - $started" | bc)" \
    $(( after - before - 1 )) \
    "$(grep -o '[0-9]* tickets marked overdue.*queries' "/tmp/oxt-overdue-$label.log" | tail -1)"
}

echo "| run | wall time | statements (MariaDB Questions) | the monitor's report |"
echo "|---|---:|---:|---|"
run first
flagged=$(sql -e "SELECT COUNT(*) FROM ${P}ticket WHERE isoverdue = 1")
events=$(sql -e "SELECT COUNT(*) FROM ${P}thread_event WHERE event_id = (SELECT id FROM ${P}event WHERE name = 'overdue')")
run second
echo
echo "flagged: $flagged tickets, $events overdue events (expected $DUE each)"
[ "$flagged" = "$DUE" ] && [ "$events" = "$DUE" ]
