#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 if it is stopped and creates the platform's role and databases.
# Idempotent: safe to run any number of times. Needs root (or the postgres user) for pg_ctlcluster and psql.
#   synergy       the local run (deploy/local/run.sh)
#   synergy_test  the module tests (mvn verify)
#   synergy_e2e   the end-to-end tests, which start the services as processes
set -euo pipefail

PG_VERSION=${PG_VERSION:-15}
PG_CLUSTER=${PG_CLUSTER:-main}
DB_USER=${DB_USER:-synergy}
DB_PASSWORD=${DB_PASSWORD:-synergy}
DATABASES=${DATABASES:-"synergy synergy_test synergy_e2e synergy_bench"}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi
}

if command -v pg_lsclusters >/dev/null 2>&1; then
  if ! pg_lsclusters --no-header | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; then
    echo "[postgres] starting cluster $PG_VERSION/$PG_CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
  fi
fi

for _ in $(seq 1 30); do
  as_postgres psql -qtAc "select 1" >/dev/null 2>&1 && break
  sleep 1
done

as_postgres psql -v ON_ERROR_STOP=1 -qtA <<SQL >/dev/null
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${DB_USER}') THEN
    CREATE ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASSWORD}';
  END IF;
END
\$\$;
SQL

for db in $DATABASES; do
  if ! as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname = '${db}'" | grep -q 1; then
    as_postgres psql -qtAc "CREATE DATABASE ${db} OWNER ${DB_USER}" >/dev/null
    echo "[postgres] created database ${db}"
  fi
done
echo "[postgres] ready on 127.0.0.1:5432 (role ${DB_USER}; databases: ${DATABASES})"
