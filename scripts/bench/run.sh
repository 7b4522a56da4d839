#!/usr/bin/env bash
# HTTP benchmark of the release server on MariaDB, driven by wrk over loopback.
#
#   scripts/bench/run.sh            # everything: build, fresh DB, creates, 1M seed, reads, creates
#
# Steps:
#  1. builds `oxticket` in release mode (CARGO_TARGET_DIR is honoured);
#  2. drops and recreates the bench database (default oxt_bench — never a test database:
#     the name must start with oxt_bench);
#  3. starts the server on it, on 127.0.0.1 with a fixed JWT secret (its first start
#     migrates the database and creates the `admin` agent), logs in as admin and
#     measures ticket creation at concurrency 1, 8 and 32 on the fresh install (what the
#     osTicket runs in FACTS.md measured);
#  4. stops it, loads OXT_BENCH_TICKETS tickets with seed-tickets.sh, starts it again and
#     measures GET /api/v2/tickets/{id}, the first page of one department's open tickets,
#     and creation again, now beside a million tickets, then once more with the opt-in
#     index on ost_ticket.number (`oxticket migrate --with-performance-indexes`);
#  5. prints a table (also written to $OXT_BENCH_OUT/results.md with wrk's raw output)
#     with the server's resident memory after each scenario and its peak (VmHWM).
#
# Settings (environment): OXT_BENCH_DB (oxt_bench), OXT_BENCH_TICKETS (1000000),
# OXT_BENCH_SECONDS per scenario (20), OXT_BENCH_WARMUP_SECONDS before reads (5),
# OXT_BENCH_PORT (18080), OXT_BENCH_OUT (/tmp/oxt-bench-<time>), OXT_BENCH_SKIP_BUILD=1,
# MariaDB on 127.0.0.1:3306 as root (OXT_BENCH_MYSQL, default mysql://root@127.0.0.1:3306).
# Every wrk run is bounded by its duration; the server is stopped on exit.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR=$REPO/scripts/bench
DB_NAME=${OXT_BENCH_DB:-oxt_bench}
MYSQL_SERVER=${OXT_BENCH_MYSQL:-mysql://root@127.0.0.1:3306}
TICKETS=${OXT_BENCH_TICKETS:-1000000}
SECONDS_PER_RUN=${OXT_BENCH_SECONDS:-20}
WARMUP_SECONDS=${OXT_BENCH_WARMUP_SECONDS:-5}
PORT=${OXT_BENCH_PORT:-18080}
OUT=${OXT_BENCH_OUT:-/tmp/oxt-bench-$(date -u +%Y%m%dT%H%M%SZ)}
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
BIN=$TARGET_DIR/release/oxticket
ADMIN_PASSWORD='bench-admin-Passw0rd'
JWT_SECRET='oxticket-bench-fixed-secret-0123456789abcdef'
BASE=http://127.0.0.1:$PORT

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

[[ $DB_NAME =~ ^oxt_bench[A-Za-z0-9_]*$ ]] || die "OXT_BENCH_DB must start with oxt_bench (it is dropped)"
[[ $MYSQL_SERVER =~ ^mysql://([^:@/]+)(:([^@/]*))?@([^:/]+)(:([0-9]+))?/?$ ]] \
  || die "OXT_BENCH_MYSQL must look like mysql://user[:password]@host[:port]"
DB_USER=${BASH_REMATCH[1]} DB_PASSWORD=${BASH_REMATCH[3]} DB_HOST=${BASH_REMATCH[4]} DB_PORT=${BASH_REMATCH[6]:-3306}
export OXT_DATABASE_URL=${MYSQL_SERVER%/}/$DB_NAME

sql() { MYSQL_PWD=$DB_PASSWORD mariadb --batch --skip-column-names -u"$DB_USER" -h"$DB_HOST" -P"$DB_PORT" "$@"; }

command -v wrk >/dev/null || {
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
}
command -v jq >/dev/null || die "jq is needed to read the login answer"
sql -e 'SELECT 1' >/dev/null || die "MariaDB does not answer at $MYSQL_SERVER (scripts/services.sh starts it)"

mkdir -p "$OUT"
log "raw output in $OUT"

if [ -z "${OXT_BENCH_SKIP_BUILD:-}" ]; then
  log "building the release server"
  (cd "$REPO" && CARGO_TARGET_DIR=$TARGET_DIR cargo build --release -p oxticket) >&2
fi
[ -x "$BIN" ] || die "$BIN is missing"

server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap stop_server EXIT

start_server() {
  OXT_HTTP_ADDR=127.0.0.1:$PORT OXT_JWT_SECRET=$JWT_SECRET OXT_LOG_FORMAT=json \
    OXT_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD "$BIN" serve >>"$OUT/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "$BASE/health" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || die "the server exited; see $OUT/server.log"
    sleep 0.5
  done
  die "the server did not answer /health within 60 s"
}

login() {
  local answer
  answer=$(curl -fsS -X POST "$BASE/api/v2/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}") || die "login failed"
  TOKEN=$(jq -r '.access_token' <<<"$answer")
  [ -n "$TOKEN" ] && [ "$TOKEN" != null ] || die "no access_token in the login answer: $answer"
  export OXT_BENCH_TOKEN=$TOKEN
}

status_kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$server_pid/status"; }

peak_rss_kb=0
note_peak() {
  local hwm
  hwm=$(status_kb VmHWM)
  [ "$hwm" -gt "$peak_rss_kb" ] && peak_rss_kb=$hwm
  return 0
}

# The table: one row per measured scenario.
RESULTS=$OUT/results.md
{
  echo "| phase | scenario | clients | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | server RSS MB | load avg |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$RESULTS"

export OXT_BENCH_LUA=$BENCH_DIR/wrk

# wrk SCRIPT CLIENTS SECONDS PATH → raw output on stdout
run_wrk() {
  local script=$1 clients=$2 seconds=$3 path=$4
  local threads=$(( clients < 2 ? clients : 2 ))
  wrk -t"$threads" -c"$clients" -d"${seconds}s" --timeout 10s -s "$OXT_BENCH_LUA/$script" "$BASE$path"
}

# measure PHASE NAME SCRIPT CLIENTS PATH
measure() {
  local phase=$1 name=$2 script=$3 clients=$4 path=$5
  local raw=$OUT/$phase-$name-c$clients.txt load line
  load=$(cut -d' ' -f1 /proc/loadavg)
  log "$phase: $name with $clients clients for ${SECONDS_PER_RUN}s (load $load)"
  run_wrk "$script" "$clients" "$SECONDS_PER_RUN" "$path" >"$raw"
  line=$(grep '^RESULT ' "$raw") || die "wrk printed no RESULT line: see $raw"
  local -A r
  for field in ${line#RESULT }; do r[${field%%=*}]=${field#*=}; done
  note_peak
  printf '| %s | %s | %d | %d | %s | %s | %s | %s | %s | %d | %.1f | %s |\n' \
    "$phase" "$name" "$clients" "${r[requests]}" "${r[rps]}" "${r[p50_ms]}" "${r[p90_ms]}" \
    "${r[p99_ms]}" "${r[max_ms]}" $(( r[http_errors] + r[socket_errors] )) \
    "$(awk -v kb="$(status_kb VmRSS)" 'BEGIN { print kb / 1024 }')" "$load" >>"$RESULTS"
}

warm_up() {
  log "warming up $1 for ${WARMUP_SECONDS}s (not recorded)"
  run_wrk "$1" 8 "$WARMUP_SECONDS" "$2" >/dev/null
}

# GET PATH → body on stdout, fails unless 200
get_ok() { curl -fsS "$BASE$1" -H "Authorization: Bearer $TOKEN"; }

log "recreating database $DB_NAME"
sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`; CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4"

# First start on the empty database: the server migrates it and seeds the demo desk,
# whose `admin` gets OXT_BOOTSTRAP_ADMIN_PASSWORD.
start_server
login
# One ticket by hand first: a load of failing requests measures nothing.
status=$(curl -sS -o "$OUT/check-create.json" -w '%{http_code}' -X POST "$BASE/api/v2/tickets" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"Check User","email":"check@bench.example","subject":"Check","message":"Check."}')
[ "$status" = 201 ] || die "POST /api/v2/tickets answered $status: $OUT/check-create.json"
for clients in 1 8 32; do
  measure fresh create create_ticket.lua "$clients" /api/v2/tickets
done
# The runs above reuse 100 requesters; this one registers a user with every ticket.
OXT_BENCH_NEW_REQUESTERS=1 measure fresh create-new-requester create_ticket.lua 32 /api/v2/tickets
note_peak
stop_server

OXT_TABLE_PREFIX=ost_ "$BENCH_DIR/seed-tickets.sh" "$TICKETS" 2>&1 | tee "$OUT/seed.log" >&2
# The reads draw ids over every department. osTicket gives an administrator no department
# beyond their own (Support), so `admin` gets extended access to Sales and Maintenance, as
# a desk's lead agent has, and every drawn ticket is one the caller may see.
sql "$DB_NAME" -e 'INSERT INTO ost_staff_dept_access (staff_id, dept_id, role_id, flags) VALUES (1, 2, 1, 1), (1, 3, 1, 1)'

start_server
login
max_ticket=$(sql "$DB_NAME" -e 'SELECT MAX(ticket_id) FROM ost_ticket')
export OXT_BENCH_MAX_TICKET=$max_ticket
export OXT_BENCH_QUERY='dept_id=1&status=open&per_page=50'

# The API must read the seeded rows: a seeded ticket (the seed's are the last ids) and
# the queue come back whole.
seeded=$(( max_ticket - TICKETS / 2 ))
seeded_subject=$(sql "$DB_NAME" -e "SELECT subject FROM ost_ticket__cdata WHERE ticket_id = $seeded")
get_ok "/api/v2/tickets/$seeded" >"$OUT/check-get.json" || die "GET of seeded ticket $seeded failed"
grep -qF "\"subject\":\"$seeded_subject\"" "$OUT/check-get.json" \
  || die "ticket $seeded came back without its subject: $OUT/check-get.json"
get_ok "/api/v2/tickets?$OXT_BENCH_QUERY" >"$OUT/check-list.json" || die "the open-tickets page failed"
[ "$(jq '[.. | objects | select(has("number"))] | length' "$OUT/check-list.json")" -ge 50 ] \
  || die "the open-tickets page has fewer than 50 tickets: $OUT/check-list.json"
log "the API reads seeded tickets (checked ticket $seeded and the first page of dept 1)"

warm_up get_ticket.lua /api/v2/tickets/1
for clients in 1 8; do
  measure seeded get-ticket get_ticket.lua "$clients" /api/v2/tickets/1
done
warm_up list_tickets.lua "/api/v2/tickets?$OXT_BENCH_QUERY"
for clients in 1 8; do
  measure seeded list-open-dept1 list_tickets.lua "$clients" "/api/v2/tickets?$OXT_BENCH_QUERY"
done
for clients in 1 8 32; do
  measure seeded create create_ticket.lua "$clients" /api/v2/tickets
done
note_peak
stop_server

# osTicket's schema has no index on ost_ticket.number, so each creation's uniqueness check
# reads the whole table; the operator's opt-in index removes that cost.
log "adding the opt-in performance indexes"
"$BIN" migrate --with-performance-indexes >>"$OUT/server.log" 2>&1
start_server
login
for clients in 1 8 32; do
  measure seeded+index create create_ticket.lua "$clients" /api/v2/tickets
done
note_peak
stop_server

{
  echo
  echo "fresh: a fresh install (the demo desk); seeded: after seed-tickets.sh loaded $TICKETS tickets;"
  echo "seeded+index: the same after \`oxticket migrate --with-performance-indexes\`."
  echo "Peak server RSS (VmHWM, largest of both server runs): $(awk -v kb="$peak_rss_kb" 'BEGIN { printf "%.1f", kb / 1024 }') MB"
  echo
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores," \
    "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo) GiB;" \
    "$(sql -e 'SELECT VERSION()');" \
    "$(rustc --version); $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2);" \
    "oxticket $(git -C "$REPO" rev-parse --short HEAD); $(date -u '+%Y-%m-%d %H:%M UTC')"
} >>"$RESULTS"
cat "$RESULTS"
