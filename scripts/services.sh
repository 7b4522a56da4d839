#!/usr/bin/env bash
# Makes sure the database servers the test suites talk to are installed and
# running on this machine, then prints the URLs to export. Idempotent.
#
#   eval "$(scripts/services.sh)"
set -euo pipefail

log() { printf 'services: %s\n' "$*" >&2; }

apt_install() {
  log "installing $*"
  if [ -z "${OXT_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    export OXT_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

wait_for() {
  local what=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "$what did not come up"; return 1
}

ensure_mariadb() {
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server mariadb-client
  if ! mariadb -uroot -h127.0.0.1 -e 'SELECT 1' >/dev/null 2>&1; then
    log "starting MariaDB"
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql >&2
    wait_for MariaDB mariadb -uroot -h127.0.0.1 -e 'SELECT 1'
  fi
}

ensure_postgres() {
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql postgresql-client
  if ! psql -h 127.0.0.1 -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    log "starting PostgreSQL"
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
    wait_for PostgreSQL psql -h 127.0.0.1 -U postgres -d postgres -c 'SELECT 1'
  fi
}

ensure_mariadb
ensure_postgres

# The suites create one database per test from these server URLs and drop it
# afterwards; the base databases below are created fresh for this run.
mariadb -uroot -h127.0.0.1 -e 'DROP DATABASE IF EXISTS oxt_ci; CREATE DATABASE oxt_ci CHARACTER SET utf8mb4' >&2
psql -q -h 127.0.0.1 -U postgres -d postgres -c 'DROP DATABASE IF EXISTS oxt_ci' -c 'CREATE DATABASE oxt_ci' >&2

echo "export OXT_TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/oxt_ci"
echo "export OXT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/oxt_ci"
