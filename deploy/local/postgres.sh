#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 if it is stopped and creates the platform's roles, databases and schemas.
# Idempotent: safe to run any number of times. Needs root (or the postgres user) for pg_ctlcluster and psql.
#   synergy       the local run (deploy/local/run.sh)
#   synergy_test  the module tests (mvn verify)
#   synergy_e2e   the end-to-end tests, which start the services as processes
#   synergy_bench the benchmark (deploy/bench/run.sh)
#
# Roles (docs/security.md, "Database"): one per service, synergy_<service> (synergy_aggregation, synergy_energy, …,
# synergy_registry), that owns that service's schema in every database and nothing else — no other schema, no right to
# create schemas or databases: the service connects as it and its Flyway migrations run as it. The role synergy owns the
# databases, is a member of every service role (an operator's and the benchmark's view of all schemas) and is what the
# module tests use. The passwords are fixed local ones (the role's name): roles belong to the whole PostgreSQL cluster,
# which the local run, the end-to-end tests, the benchmark and every engineer's module tests share on this machine, and it
# listens on 127.0.0.1 only. A deployment gives each role its own secret (the Helm chart's database values).
# A schema that an older version of the platform created as synergy is handed to its service's role, objects included.
set -euo pipefail

PG_VERSION=${PG_VERSION:-15}
PG_CLUSTER=${PG_CLUSTER:-main}
DB_USER=${DB_USER:-synergy}
DB_PASSWORD=${DB_PASSWORD:-synergy}
DATABASES=${DATABASES:-"synergy synergy_test synergy_e2e synergy_bench"}
# synergy_role_sql, synergy_schema_sql and the services (SYNERGY_DB_SERVICES), shared with the compose file's PostgreSQL
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../postgres/roles.sh"

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

{
  synergy_role_sql "$DB_USER" "$DB_PASSWORD"
  for s in $SYNERGY_DB_SERVICES; do
    synergy_role_sql "synergy_$s" "synergy_$s"
    echo "GRANT synergy_$s TO ${DB_USER};"
  done
} | as_postgres psql -v ON_ERROR_STOP=1 -qtA >/dev/null

for db in $DATABASES; do
  if ! as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname = '${db}'" | grep -q 1; then
    as_postgres psql -qtAc "CREATE DATABASE ${db} OWNER ${DB_USER}" >/dev/null
    echo "[postgres] created database ${db}"
  fi
  for s in $SYNERGY_DB_SERVICES; do
    synergy_schema_sql "$s" | as_postgres psql -v ON_ERROR_STOP=1 -qtA -d "$db" >/dev/null
  done
done
echo "[postgres] ready on 127.0.0.1:5432 (roles ${DB_USER} and synergy_<service>; databases: ${DATABASES})"
