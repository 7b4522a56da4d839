#!/usr/bin/env bash
# Reshapes a database loaded by seed-tickets.sh into the desk of the permission
# benchmark (docs/performance.md, "Permissions"): 40 departments with the tickets spread
# evenly over them, and one agent `perm_agent` (staff 500) with
# primary department 10 (no password: mint its token with the bench JWT secret), extended
# access to departments 11, 12 and 13, `assigned_only`
# on, member of team 1; about 1,000 tickets assigned to them (one in ten open), 500 to
# their team, and 200 referrals each to them, their team and department 11.
#
#   OXT_DATABASE_URL=mysql://root@127.0.0.1:3306/oxt_bench_perm scripts/bench/perm-desk.sh
set -euo pipefail
URL=${OXT_DATABASE_URL:-mysql://root@127.0.0.1:3306/oxt_bench_perm}
[[ $URL =~ ^mysql://([^:@/]+)@([^:/]+):([0-9]+)/(oxt_bench[A-Za-z0-9_]*)$ ]] \
  || { echo "OXT_DATABASE_URL must be mysql://user@host:port/oxt_bench..." >&2; exit 2; }
mariadb -u"${BASH_REMATCH[1]}" -h"${BASH_REMATCH[2]}" -P"${BASH_REMATCH[3]}" "${BASH_REMATCH[4]}" <<'SQL'
SET SESSION sql_mode = '';
INSERT INTO ost_department (id, pid, flags, name, signature, path, created, updated)
SELECT seq, NULL, 4, CONCAT('Department ', seq), '', CONCAT('/', seq, '/'), NOW(), NOW()
FROM seq_4_to_40;
UPDATE ost_ticket SET dept_id = 1 + (ticket_id * 7) % 40;
INSERT INTO ost_staff (staff_id, dept_id, role_id, username, firstname, lastname, passwd, email, signature,
  isactive, isadmin, assigned_only, permissions, created, updated)
SELECT 500, 10, 1, 'perm_agent', 'Perm', 'Agent', NULL, 'perm_agent@bench.example', '', 1, 0, 1,
  '{"user.dir":1}', NOW(), NOW()
FROM seq_1_to_1;
-- Staff 500: the seed's closed tickets carry staff 1, the bootstrap admin.
SET @agent = 500;
INSERT INTO ost_staff_dept_access (staff_id, dept_id, role_id, flags)
VALUES (@agent, 11, 1, 0), (@agent, 12, 1, 0), (@agent, 13, 1, 0);
INSERT INTO ost_team_member (team_id, staff_id, flags) VALUES (1, @agent, 0);
UPDATE ost_ticket SET staff_id = @agent WHERE ticket_id % 997 = 0;
UPDATE ost_ticket SET team_id = 1 WHERE ticket_id % 1999 = 5;
INSERT INTO ost_thread_referral (thread_id, object_id, object_type, created)
SELECT id, @agent, 'S', NOW() FROM ost_thread WHERE object_type = 'T' AND object_id % 4999 = 1
UNION ALL
SELECT id, 1, 'E', NOW() FROM ost_thread WHERE object_type = 'T' AND object_id % 4999 = 2
UNION ALL
SELECT id, 11, 'D', NOW() FROM ost_thread WHERE object_type = 'T' AND object_id % 4999 = 3;
ANALYZE TABLE ost_ticket, ost_thread_referral;
SQL
