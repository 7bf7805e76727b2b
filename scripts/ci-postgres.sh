#!/usr/bin/env bash
# Starts Debian's PostgreSQL on 127.0.0.1 (no systemd needed) with a role and database for the
# store tests, and prints the URL for NAVIGATOR_TEST_POSTGRES_URL. Needs root (CI runs as root).
# Idempotent: an existing cluster, role or database is reused.
# NAVIGATOR_TEST_POSTGRES_DB names the database (default navigator_test): branches whose
# migrations differ can share one machine's server without meeting each other's schema.
set -euo pipefail
db="${NAVIGATOR_TEST_POSTGRES_DB:-navigator_test}"
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "ci-postgres.sh: bad database name: $db" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "ci-postgres.sh: needs root to run PostgreSQL as the postgres user" >&2; exit 1; }
command -v pg_lsclusters >/dev/null || { echo "ci-postgres.sh: postgresql is not installed (scripts/setup.sh installs it)" >&2; exit 1; }

version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -qx online; then
  # Its messages (e.g. "Removed stale pid file.") go to stderr: stdout carries only the URL.
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')

# cd /: the postgres user may not be allowed into the current directory.
as_postgres() { (cd / && su postgres -c "$1"); }
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='navigator'\"" | grep -q 1 \
  || as_postgres "psql -p $port -qc \"CREATE ROLE navigator LOGIN PASSWORD 'navigator'\"" >&2
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1 \
  || as_postgres "createdb -p $port -O navigator $db" >&2

echo "postgresql://navigator:navigator@127.0.0.1:$port/$db"
