#!/usr/bin/env bash
# Counts the SQL statements one `POST /api/v2/tickets` costs on MariaDB, exactly: a
# number that does not move with the machine's load, unlike a rate.
#
#   scripts/bench/count-statements.sh [TICKETS]      # default 100 of each kind
#
# Steps:
#  1. drops and recreates the database oxt_bench_count and a MariaDB account of its own
#     (`oxt_count`), so the server's statements are told from every other client's by the
#     account that sent them;
#  2. starts the server (release build; its first start migrates and creates `admin`) as
#     that account, logs in and opens a few warm-up tickets, so the pool's connections
#     and prepared statements exist before counting;
#  3. turns MariaDB's general log on (to the table mysql.general_log, for the duration of
#     the count only; the previous settings are restored on exit), creates TICKETS tickets
#     for requesters already known, then TICKETS tickets that each register a new user,
#     one request at a time;
#  4. prints, per ticket and for each kind, the commands the server received (`Query` and
#     `Execute` are statements; `Prepare` happens once per connection and statement text)
#     split by SQL verb, the pings (COM_PING, which the general log does not show, from
#     a server-wide counter), and the statements of one known-requester creation in order.
#
# Settings (environment): OXT_COUNT_PORT (18090), OXT_COUNT_BIN (the release `oxticket`
# under CARGO_TARGET_DIR), OXT_COUNT_OUT (/tmp/oxt-count-<time>). Needs MariaDB on
# 127.0.0.1:3306 with a passwordless root, curl and jq.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TICKETS=${1:-100}
DB_NAME=oxt_bench_count
ACCOUNT=oxt_count
# Only this script uses the account, on the loopback database it drops and recreates.
ACCOUNT_PASSWORD=oxt-count-statements
PORT=${OXT_COUNT_PORT:-18090}
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
BIN=${OXT_COUNT_BIN:-$TARGET_DIR/release/oxticket}
OUT=${OXT_COUNT_OUT:-/tmp/oxt-count-$(date -u +%Y%m%dT%H%M%SZ)}
ADMIN_PASSWORD='count-admin-Passw0rd'
BASE=http://127.0.0.1:$PORT

log() { printf 'count: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
sql() { mariadb --batch --skip-column-names -uroot -h127.0.0.1 -P3306 "$@"; }
table() { mariadb --table -uroot -h127.0.0.1 -P3306 "$@"; }

[[ $TICKETS =~ ^[1-9][0-9]*$ ]] || die "TICKETS must be a positive integer"
[ -x "$BIN" ] || die "$BIN is missing: cargo build --release -p oxticket"
command -v jq >/dev/null || die "jq is needed to read the login answer"
mkdir -p "$OUT"

read -r saved_general_log saved_log_output < <(sql -e 'SELECT @@global.general_log, @@global.log_output')
server_pid=
cleanup() {
  sql -e "SET GLOBAL general_log = $saved_general_log; SET GLOBAL log_output = '$saved_log_output'" || true
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

log "recreating $DB_NAME and the account $ACCOUNT"
sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`; CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4;
  CREATE USER IF NOT EXISTS '$ACCOUNT'@'%' IDENTIFIED BY '$ACCOUNT_PASSWORD';
  GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$ACCOUNT'@'%';"

OXT_DATABASE_URL=mysql://$ACCOUNT:$ACCOUNT_PASSWORD@127.0.0.1:3306/$DB_NAME \
  OXT_HTTP_ADDR=127.0.0.1:$PORT OXT_JWT_SECRET=oxticket-count-fixed-secret-0123456789abcdef \
  OXT_LOG_FORMAT=json OXT_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  "$BIN" serve >"$OUT/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || die "the server exited; see $OUT/server.log"
  sleep 0.5
done
TOKEN=$(curl -fsS -X POST "$BASE/api/v2/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .access_token)
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || die "login failed"

# create EMAIL → fails unless 201
create() {
  local status
  status=$(curl -sS -o "$OUT/last-create.json" -w '%{http_code}' -X POST "$BASE/api/v2/tickets" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Count User\",\"email\":\"$1\",\"subject\":\"Printer on floor 3 is jammed\",\"message\":\"Every print job stops halfway with a paper jam.\"}")
  [ "$status" = 201 ] || die "POST /api/v2/tickets answered $status: $OUT/last-create.json"
}

log "warming up"
for i in $(seq 1 20); do create "known$(( i % 10 ))@count.example"; create "warm$i@count.example"; done

now6() { sql -e 'SELECT NOW(6)'; }
# The general log does not show COM_PING (sqlx's liveness check of a pooled connection);
# MariaDB counts it in Com_admin_commands, a server-wide counter.
admin_commands() { sql -e "SHOW GLOBAL STATUS LIKE 'Com_admin_commands'" | cut -f2; }
sql -e "SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = ON"
admin0=$(admin_commands)
started=$(now6)
for i in $(seq 1 "$TICKETS"); do create "known$(( i % 10 ))@count.example"; done
known_done=$(now6)
admin1=$(admin_commands)
for i in $(seq 1 "$TICKETS"); do create "new$i@count.example"; done
new_done=$(now6)
admin2=$(admin_commands)
sql -e "SET GLOBAL general_log = $saved_general_log; SET GLOBAL log_output = '$saved_log_output'"

# The commands this account sent in [FROM, TO): (event_time, command_type, verb, statement).
window() {
  cat <<SQL
SELECT event_time, command_type,
       UPPER(SUBSTRING_INDEX(TRIM(CONVERT(argument USING utf8mb4)), ' ', 1)) AS verb,
       CONVERT(argument USING utf8mb4) AS statement
FROM mysql.general_log
WHERE user_host LIKE '$ACCOUNT[%' AND event_time >= '$1' AND event_time < '$2'
SQL
}

summary() {
  local kind=$1 from=$2 to=$3 pings=$4
  echo
  echo "## $kind requester: commands per ticket ($TICKETS tickets)"
  table -e "SELECT command_type AS command, IF(command_type IN ('Query', 'Execute', 'Prepare'), verb, '') AS verb,
                   ROUND(COUNT(*) / $TICKETS, 2) AS per_ticket
            FROM ($(window "$from" "$to")) w
            GROUP BY command, verb ORDER BY command, per_ticket DESC"
  table -e "SELECT ROUND(SUM(command_type IN ('Query', 'Execute')) / $TICKETS, 2) AS statements_per_ticket,
                   ROUND(SUM(command_type = 'Prepare') / $TICKETS, 2) AS prepares_per_ticket,
                   ROUND(COUNT(*) / $TICKETS, 2) AS commands_per_ticket
            FROM ($(window "$from" "$to")) w"
  echo "Pings (COM_PING, server-wide counter, other clients included): $(awk -v n="$pings" -v t="$TICKETS" 'BEGIN { printf "%.2f", n / t }') per ticket"
}

{
  echo "# Statements per ticket creation — oxticket $(git -C "$REPO" rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC')"
  summary known "$started" "$known_done" $(( admin1 - admin0 ))
  summary new "$known_done" "$new_done" $(( admin2 - admin1 ))
  echo
  echo "## The last known-requester creation, in order (statements cut at 150 characters)"
  last_begin=$(sql -e "SELECT MAX(event_time) FROM ($(window "$started" "$known_done")) w WHERE verb = 'BEGIN'")
  # The CSV table keeps the log's order, which a plain scan returns.
  table -e "SELECT command_type AS command, LEFT(REPLACE(statement, '\n', ' '), 150) AS statement
            FROM ($(window "$last_begin" "$known_done")) w"
} | tee "$OUT/statements.md"
log "written to $OUT/statements.md"
