#!/usr/bin/env bash
# The compose file's PostgreSQL (deploy/compose.yaml): the image's entrypoint runs this once, on the first start with an
# empty volume (mounted into /docker-entrypoint-initdb.d), after it created the database synergy and its owner synergy
# (POSTGRES_USER, the administrators' role). It creates a role per service, synergy_<service>, with the password of
# SYNERGY_DB_PASSWORD_<SERVICE> (deploy/compose-credentials.sh writes them into deploy/.env), and that service's schema
# owned by it (deploy/postgres/roles.sh, as deploy/local/postgres.sh does on a machine). Idempotent: run it again to
# apply a changed password or to move an older volume, whose schemas synergy created, to the roles (docs/security.md):
#   docker compose -f deploy/compose.yaml exec postgres bash /docker-entrypoint-initdb.d/10-synergy-roles.sh
set -euo pipefail
# synergy_role_sql, synergy_schema_sql, SYNERGY_DB_SERVICES (the compose file mounts deploy/postgres at /synergy/postgres)
. "${SYNERGY_POSTGRES_ROLES:-/synergy/postgres/roles.sh}"

sql() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc -qtA --username "${POSTGRES_USER:-synergy}" --dbname "${POSTGRES_DB:-synergy}" >/dev/null
}

for s in $SYNERGY_DB_SERVICES; do
  variable=SYNERGY_DB_PASSWORD_${s^^}
  password=${!variable:?$variable is not set: run deploy/compose-credentials.sh}
  {
    synergy_role_sql "synergy_$s" "$password"
    # the password of the environment, also for a role that exists (a rotation)
    echo "ALTER ROLE synergy_$s PASSWORD '${password//\'/\'\'}';"
  } | sql
  synergy_schema_sql "$s" | sql
done
echo "[postgres] roles synergy_<service>, each owning its schema in ${POSTGRES_DB:-synergy}"
