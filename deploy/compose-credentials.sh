#!/usr/bin/env bash
# Makes the compose file's secrets once: deploy/.env (never committed; docker compose reads it next to compose.yaml) with
# a random password for every Kafka principal of the platform -- SYNERGY_KAFKA_PASSWORD_<PRINCIPAL> (ADMIN, OPS,
# AGGREGATION_SERVICE, ENERGY_SERVICE ..., BUREAU_ENERGY ...) -- one for every service's database role,
# SYNERGY_DB_PASSWORD_<SERVICE> (AGGREGATION, ENERGY, ..., REGISTRY, CONSOLE: the role synergy_<service>), and the
# database administrators' (SYNERGY_DB_PASSWORD, role synergy). Run again, it adds what is missing and changes nothing
# else (delete a line, run it again, to make a new password: docs/security.md, "Rotating credentials"). A bureau's system
# gets its password from there (docs/security.md).
# The broker's containers get only the Kafka passwords: deploy/kafka.env, rewritten from deploy/.env on every run.
set -euo pipefail
ENV_FILE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.env
PRINCIPALS="admin ops aggregation-service energy-service transport-service building-service agriculture-service waste-service
registry-service console-service bureau-energy bureau-transport bureau-building bureau-agriculture bureau-waste"
touch "$ENV_FILE"
chmod 600 "$ENV_FILE"
add() {
  grep -q "^$1=" "$ENV_FILE" || echo "$1=$(openssl rand -hex 24)" >> "$ENV_FILE"
}
for p in $PRINCIPALS; do
  add "SYNERGY_KAFKA_PASSWORD_$(echo "$p" | tr '[:lower:]-' '[:upper:]_')"
done
add SYNERGY_DB_PASSWORD
for s in aggregation energy transport building agriculture waste registry console; do
  add "SYNERGY_DB_PASSWORD_$(echo "$s" | tr '[:lower:]' '[:upper:]')"
done
KAFKA_ENV_FILE=$(dirname "$ENV_FILE")/kafka.env
(umask 077 && grep '^SYNERGY_KAFKA_PASSWORD_' "$ENV_FILE" > "$KAFKA_ENV_FILE")
echo "$ENV_FILE"
