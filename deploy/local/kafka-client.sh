#!/usr/bin/env bash
# Prints the path of a ready client configuration for a Kafka principal of the platform on the local broker
# (deploy/local/kafka.sh): bootstrap servers, SASL/SCRAM-SHA-512 and the principal's credentials (TLS too, with KAFKA_TLS=1).
#   deploy/local/kafka-client.sh PRINCIPAL            a Java client properties file (--command-config, --producer.config…)
#   deploy/local/kafka-client.sh PRINCIPAL --kcat     a librdkafka configuration (kcat -F FILE): bootstrap.servers,
#                                                     security.protocol, sasl.mechanisms, sasl.username, sasl.password
# PRINCIPAL: aggregation-service, energy-service, transport-service, building-service, agriculture-service, waste-service,
#            registry-service, ops, bureau-energy, bureau-transport, bureau-building, bureau-agriculture, bureau-waste, admin
# Example, a bureau's system producing a report to its feed (it may write that topic only; docs/api.md):
#   kcat -F "$(deploy/local/kafka-client.sh bureau-energy --kcat)" -P -t feeds.energy.v1 -k r1 \
#        -H "authorization=Bearer $(deploy/local/token.sh feed:energy)" report.json
# Environment: KAFKA_RUN_DIR, KAFKA_PORT, KAFKA_TLS as for kafka.sh. The files are made with the broker's credentials by
# kafka.sh (here too if the broker never ran: it takes them at its first start); they hold a password: keep them private.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUN_DIR=${KAFKA_RUN_DIR:-$ROOT/deploy/local/run/kafka}
CREDENTIALS="$RUN_DIR/credentials"

[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
principal=$1
[[ "$principal" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "not a principal name: $principal" >&2; exit 2; }
suffix=properties
if [ $# -eq 2 ]; then
  [ "$2" = --kcat ] || { echo "unknown option $2 (--kcat)" >&2; exit 2; }
  suffix=kcat.conf
fi
if [ ! -f "$CREDENTIALS/admin.properties" ]; then
  "$ROOT/deploy/local/kafka.sh" credentials >&2
fi
if [ ! -f "$CREDENTIALS/$principal.properties" ]; then
  echo "unknown principal '$principal'; the platform's: $(cd "$CREDENTIALS" && ls -- *.password | sed 's/\.password$//' | tr '\n' ' ')" >&2
  exit 2
fi
echo "$CREDENTIALS/$principal.$suffix"
