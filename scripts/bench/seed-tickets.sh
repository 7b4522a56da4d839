#!/usr/bin/env bash
# Loads synthetic tickets into a MariaDB database that `oxticket migrate` created, with
# every row a real ticket has: ost_ticket, ost_ticket__cdata, ost_thread, a message
# (and, once answered, a response) in ost_thread_entry, ost_thread_event, the ticket
# form's ost_form_entry + ost_form_entry_values, ost__search; and the users who opened
# them (ost_user, ost_user_email, ost_user__cdata, the user form's entry and values).
#
#   OXT_DATABASE_URL=mysql://root@127.0.0.1:3306/oxt_bench scripts/bench/seed-tickets.sh [TICKETS] [USERS]
#
# Defaults: 1,000,000 tickets from 50,000 users, in a few minutes: each table is filled
# by one INSERT … SELECT over MariaDB's SEQUENCE engine (`seq_1_to_N`), so no row
# travels through the client. Rows are added after the ones already there (ids start
# past each table's maximum), so the script also runs on a database that has tickets.
#
# The mix (deterministic, a function of the ticket's ordinal n):
# - departments of the fresh install: 1 Support 60 %, 2 Sales 30 %, 3 Maintenance 10 %;
# - statuses: 1 Open 10 %, 2 Resolved 5 %, 3 Closed 80 %, 4 Archived 5 %;
# - created evenly over the three years before 2026-11-21, in id order;
# - help topics 1/2/10/11, sources Web/Email/API/Phone, priority Normal;
# - every ticket not open has a staff response (staff 1, the bootstrap admin) and a
#   'closed' event; every ticket has its 'created' event.
# Numbers are seven digits (0000001 …), so they never collide with osTicket's default
# six-digit random numbers that the server hands out.
set -euo pipefail

TICKETS=${1:-1000000}
USERS=${2:-50000}
PREFIX=${OXT_TABLE_PREFIX:-ost_}
URL=${OXT_DATABASE_URL:-mysql://root@127.0.0.1:3306/oxt_bench}

log() { printf 'seed: %s\n' "$*" >&2; }

if ! [[ $URL =~ ^(mysql|mariadb)://([^:@/]+)(:([^@/]*))?@([^:/]+)(:([0-9]+))?/([A-Za-z0-9_]+) ]]; then
  log "OXT_DATABASE_URL must look like mysql://user[:password]@host[:port]/database"
  exit 2
fi
DB_USER=${BASH_REMATCH[2]}
DB_PASSWORD=${BASH_REMATCH[4]}
DB_HOST=${BASH_REMATCH[5]}
DB_PORT=${BASH_REMATCH[7]:-3306}
DB_NAME=${BASH_REMATCH[8]}
if ! [[ $TICKETS =~ ^[1-9][0-9]*$ && $USERS =~ ^[1-9][0-9]*$ && $PREFIX =~ ^[A-Za-z0-9_]*$ ]]; then
  log "TICKETS and USERS must be positive integers, OXT_TABLE_PREFIX letters, digits or _"
  exit 2
fi

sql() {
  MYSQL_PWD=$DB_PASSWORD mariadb --batch --unbuffered --skip-column-names \
    -u"$DB_USER" -h"$DB_HOST" -P"$DB_PORT" "$DB_NAME" "$@"
}

if [ "$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '${PREFIX}ticket__cdata'")" != 1 ]; then
  log "$DB_NAME has no ${PREFIX}ticket__cdata: run \`oxticket migrate\` on it first"
  exit 1
fi

P=$PREFIX
started=$(date +%s)
log "loading $TICKETS tickets from $USERS users into $DB_NAME"

# The whole load, one session (the plan is a temporary table); each step announces itself.
seed_sql() {
  cat <<SQL
SET SESSION sql_mode = '', time_zone = '+00:00', unique_checks = 0, foreign_key_checks = 0;
SET @tickets = $TICKETS, @users = $USERS;
SET @span_secs = 3 * 365 * 86400, @epoch = TIMESTAMP('2023-11-22 00:00:00');

SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @user0 FROM ${P}user;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @email0 FROM ${P}user_email;
SELECT CAST(COALESCE(MAX(ticket_id), 0) AS UNSIGNED) INTO @ticket0 FROM ${P}ticket;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @thread0 FROM ${P}thread;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @entry0 FROM ${P}thread_entry;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @form_entry0 FROM ${P}form_entry;

SELECT 'step: users';
INSERT INTO ${P}user (id, org_id, default_email_id, status, name, created, updated)
SELECT @user0 + seq, 0, @email0 + seq, 0, CONCAT('Bench User ', seq), @epoch, @epoch
FROM seq_1_to_${USERS};
INSERT INTO ${P}user_email (id, user_id, flags, address)
SELECT @email0 + seq, @user0 + seq, 0, CONCAT('user', @user0 + seq, '@bench.example')
FROM seq_1_to_${USERS};
INSERT INTO ${P}user__cdata (user_id, email, name, phone, notes)
SELECT @user0 + seq, NULL, NULL, CONCAT('555', LPAD(seq, 7, '0')), ''
FROM seq_1_to_${USERS};
INSERT INTO ${P}form_entry (id, form_id, object_id, object_type, sort, extra, created, updated)
SELECT @form_entry0 + seq, 1, @user0 + seq, 'U', 1, NULL, @epoch, @epoch
FROM seq_1_to_${USERS};
INSERT INTO ${P}form_entry_values (entry_id, field_id, value, value_id)
SELECT @form_entry0 + seq, 3, CONCAT('555', LPAD(seq, 7, '0')), NULL FROM seq_1_to_${USERS}
UNION ALL
SELECT @form_entry0 + seq, 4, NULL, NULL FROM seq_1_to_${USERS};
INSERT INTO ${P}_search (object_type, object_id, title, content)
SELECT 'U', @user0 + seq, CONCAT('Bench User ', seq), CONCAT('user', @user0 + seq, '@bench.example')
FROM seq_1_to_${USERS};
SET @form_entry0 = @form_entry0 + @users;

SELECT 'step: plan';
CREATE TEMPORARY TABLE bench_plan (
  n int unsigned NOT NULL PRIMARY KEY,
  ticket_id int unsigned NOT NULL,
  user_no int unsigned NOT NULL,
  user_id int unsigned NOT NULL,
  dept_id int unsigned NOT NULL,
  status_id int unsigned NOT NULL,
  topic_id int unsigned NOT NULL,
  source varchar(8) NOT NULL,
  subject varchar(120) NOT NULL,
  created datetime NOT NULL,
  answered datetime NULL,
  closed datetime NULL
) ENGINE = InnoDB;
INSERT INTO bench_plan
SELECT seq,
       @ticket0 + seq,
       1 + (seq * 7919) % @users,
       @user0 + 1 + (seq * 7919) % @users,
       CASE WHEN (seq DIV 20) % 10 < 6 THEN 1 WHEN (seq DIV 20) % 10 < 9 THEN 2 ELSE 3 END,
       CASE WHEN seq % 20 < 2 THEN 1 WHEN seq % 20 = 2 THEN 2 WHEN seq % 20 = 3 THEN 4 ELSE 3 END,
       ELT(1 + seq % 4, 1, 2, 10, 11),
       ELT(1 + (seq DIV 3) % 4, 'Web', 'Email', 'API', 'Phone'),
       CONCAT(ELT(1 + seq % 8, 'Printer jammed', 'Cannot log in', 'VPN keeps dropping',
                  'Question about invoice', 'Password reset', 'Laptop overheating',
                  'Mail bounced', 'Refund request'), ' (', seq, ')'),
       @epoch + INTERVAL (seq * @span_secs DIV @tickets) SECOND,
       NULL,
       NULL
FROM seq_1_to_${TICKETS};
UPDATE bench_plan SET answered = created + INTERVAL 3 HOUR, closed = created + INTERVAL 1 DAY
WHERE status_id <> 1;

SELECT 'step: tickets';
INSERT INTO ${P}ticket (ticket_id, ticket_pid, number, user_id, user_email_id, status_id, dept_id,
  sla_id, topic_id, staff_id, team_id, email_id, lock_id, flags, sort, ip_address, source,
  source_extra, isoverdue, isanswered, duedate, est_duedate, reopened, closed, lastupdate,
  created, updated)
SELECT ticket_id, NULL, LPAD(ticket_id, 7, '0'), user_id, 0, status_id, dept_id,
  1, topic_id, IF(status_id = 1, 0, 1), 0, 0, 0, 0, 0, '127.0.0.1', source,
  NULL, 0, answered IS NOT NULL, NULL, created + INTERVAL 18 HOUR, NULL, closed,
  COALESCE(closed, created), created, COALESCE(closed, created)
FROM bench_plan;
INSERT INTO ${P}ticket__cdata (ticket_id, subject, priority)
SELECT ticket_id, subject, '2' FROM bench_plan;

SELECT 'step: threads';
INSERT INTO ${P}thread (id, object_id, object_type, extra, lastresponse, lastmessage, created)
SELECT @thread0 + n, ticket_id, 'T', NULL, answered, created, created FROM bench_plan;

SELECT 'step: entries';
INSERT INTO ${P}thread_entry (id, pid, thread_id, staff_id, user_id, type, flags, poster, editor,
  editor_type, source, title, body, format, ip_address, extra, recipients, created, updated)
SELECT @entry0 + n, 0, @thread0 + n, 0, user_id, 'M', 65,
  CONCAT('Bench User ', user_no), NULL, NULL, source, subject,
  CONCAT('<p>Hello, ', subject, '.</p><p>', REPEAT('It started this morning and happens every time. ', 5), '</p>'),
  'html', '127.0.0.1', NULL, NULL, created, '0000-00-00 00:00:00'
FROM bench_plan;
INSERT INTO ${P}thread_entry (id, pid, thread_id, staff_id, user_id, type, flags, poster, editor,
  editor_type, source, title, body, format, ip_address, extra, recipients, created, updated)
SELECT @entry0 + @tickets + n, 0, @thread0 + n, 1, 0, 'R', 64, 'Admin User', NULL, NULL,
  '', CONCAT('Re: ', subject),
  '<p>Thanks for the report: this is fixed now. Please reply if it happens again.</p>',
  'html', '127.0.0.1', NULL, NULL, answered, '0000-00-00 00:00:00'
FROM bench_plan WHERE answered IS NOT NULL;

SELECT 'step: events';
INSERT INTO ${P}thread_event (thread_id, thread_type, event_id, staff_id, team_id, dept_id, topic_id,
  data, username, uid, uid_type, annulled, timestamp)
SELECT @thread0 + n, 'T', 1, 0, 0, dept_id, topic_id, NULL, 'SYSTEM', user_id, 'U', 0, created
FROM bench_plan;
INSERT INTO ${P}thread_event (thread_id, thread_type, event_id, staff_id, team_id, dept_id, topic_id,
  data, username, uid, uid_type, annulled, timestamp)
SELECT @thread0 + n, 'T', 2, 1, 0, dept_id, topic_id, NULL, 'admin', 1, 'S', 0, closed
FROM bench_plan WHERE closed IS NOT NULL;

SELECT 'step: forms';
INSERT INTO ${P}form_entry (id, form_id, object_id, object_type, sort, extra, created, updated)
SELECT @form_entry0 + n, 2, ticket_id, 'T', 1, NULL, created, created FROM bench_plan;
INSERT INTO ${P}form_entry_values (entry_id, field_id, value, value_id)
SELECT @form_entry0 + n, 20, subject, NULL FROM bench_plan
UNION ALL
SELECT @form_entry0 + n, 22, 'Normal', 2 FROM bench_plan;

SELECT 'step: search';
INSERT INTO ${P}_search (object_type, object_id, title, content)
SELECT 'T', ticket_id, CONCAT(LPAD(ticket_id, 7, '0'), ' ', subject), subject FROM bench_plan;

SELECT 'step: statistics';
ANALYZE TABLE ${P}ticket, ${P}ticket__cdata, ${P}thread, ${P}thread_entry, ${P}thread_event,
  ${P}form_entry, ${P}form_entry_values, ${P}user, ${P}user_email;
DROP TEMPORARY TABLE bench_plan;
SQL
}

seed_sql | sql | while read -r line; do
  case $line in "step: "*) log "${line#step: } (at $(( $(date +%s) - started )) s)" ;; esac
done

log "done in $(( $(date +%s) - started )) s: $(sql -e "SELECT CONCAT(COUNT(*), ' tickets, ', SUM(status_id = 1), ' open') FROM ${P}ticket")"
