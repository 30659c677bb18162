#!/usr/bin/env bash
# The compose file's kafka-init (deploy/compose.yaml): as the administrator, the platform's topics, any principal's SCRAM
# credential added since the broker was formatted, and exactly the platform's ACLs -- io.synergy.kafka.Provision, from the
# jars of deploy/kafka-broker/target/lib, as deploy/local/kafka.sh runs it. Passwords from SYNERGY_KAFKA_PASSWORD_<P>.
set -euo pipefail

DIR=/tmp/credentials
mkdir -p "$DIR"
chmod 700 "$DIR"
while IFS='=' read -r name value; do
  principal=$(echo "${name#SYNERGY_KAFKA_PASSWORD_}" | tr '[:upper:]_' '[:lower:]-')
  (umask 077 && echo "$value" > "$DIR/$principal.password")
done < <(env | grep '^SYNERGY_KAFKA_PASSWORD_')
java -cp '/synergy/lib/*' io.synergy.kafka.Provision credentials "$DIR" kafka:19092 SASL_PLAINTEXT
java -cp '/synergy/lib/*' io.synergy.kafka.Provision provision "$DIR" 1
