#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, one node) as its own process, from the jars Maven put in
# deploy/kafka-broker/target/lib, secured as the platform runs Kafka (docs/security.md): clients authenticate with
# SASL/SCRAM-SHA-512 (over TLS with KAFKA_TLS=1), the controller listener takes only the administrator, and Kafka's
# StandardAuthorizer denies whatever the platform's ACLs (shared-model KafkaAccess) do not allow. Data stays in
# $KAFKA_RUN_DIR between runs.
#   deploy/local/kafka.sh start | stop | status | tool <class> [args...] | rotate PRINCIPAL | acls
#
# Credentials: on the first start, a random password for every principal of the platform (each service, ops, each
# bureau, admin) in $KAFKA_RUN_DIR/credentials (readable by its owner only, never committed), given to the broker when its
# storage is formatted (kafka-storage format --add-scram). Each start then provisions, as admin and idempotently, the
# platform's topics, the credential of any principal added since, and exactly the platform's ACLs.
# deploy/local/kafka-client.sh PRINCIPAL prints a principal's client configuration; `rotate PRINCIPAL` gives it a new
# password (restart what uses it; for admin, restart the broker too).
# `tool` runs a Kafka class, e.g. (as admin):
#   deploy/local/kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 \
#       --command-config "$(deploy/local/kafka-client.sh admin)" --list
# Environment: KAFKA_RUN_DIR (default deploy/local/run/kafka), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
#              KAFKA_HEAP (-Xms128m -Xmx256m), KAFKA_JVM_OPTS (added to the broker's JVM options; the end-to-end tests
#              run it on C1 with -XX:TieredStopAtLevel=1), KAFKA_TLS (1: SASL_SSL with a self-signed certificate made once)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LIB="$ROOT/deploy/kafka-broker/target/lib"
CONF="$ROOT/deploy/kafka-broker/config"
RUN_DIR=${KAFKA_RUN_DIR:-$ROOT/deploy/local/run/kafka}
PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
HEAP=${KAFKA_HEAP:--Xms128m -Xmx256m}
BROKER_OPTS=${KAFKA_JVM_OPTS:-}
# The tools below (credentials, storage format, provisioning) each run for a second or two: C1 alone and the serial
# collector halve their CPU (provisioning an existing broker: 1.4 s -> 0.75 s of CPU, 3-4 s -> 1-2 s on a loaded machine),
# C2's compilations and G1's threads cost more than they save in a JVM that lives that long.
TOOL_JVM="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
PID_FILE="$RUN_DIR/broker.pid"
CREDENTIALS="$RUN_DIR/credentials"
TLS_DIR="$RUN_DIR/tls"
JAVA=${JAVA:-java}
if [ "${KAFKA_TLS:-0}" = 1 ]; then PROTOCOL=SASL_SSL; else PROTOCOL=SASL_PLAINTEXT; fi
LISTENER=$(echo "$PROTOCOL" | tr '[:upper:]' '[:lower:]')

require_lib() {
  if [ ! -d "$LIB" ] || [ -z "$(ls -A "$LIB" 2>/dev/null)" ]; then
    echo "[kafka] $LIB is empty: build first (./mvnw -q -pl deploy/kafka-broker -am package)" >&2
    exit 1
  fi
}

provision_tool() {
  # shellcheck disable=SC2086
  "$JAVA" -Xmx128m $TOOL_JVM -Dlog4j2.configurationFile="$CONF/tools-log4j2.properties" -cp "$LIB/*" io.synergy.kafka.Provision "$@"
}

running() {
  [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-
}

# With KAFKA_TLS=1: a key pair and a self-signed certificate for 127.0.0.1 and localhost, made once; clients trust that
# certificate (ca.pem) and check the broker's name against it.
tls_material() {
  [ "$PROTOCOL" = SASL_SSL ] || return 0
  mkdir -p "$TLS_DIR"
  chmod 700 "$TLS_DIR"
  if [ ! -f "$TLS_DIR/broker.p12" ]; then
    (umask 077 && openssl rand -hex 24 > "$TLS_DIR/keystore.password")
    keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=localhost" \
      -ext "SAN=ip:127.0.0.1,dns:localhost" -keystore "$TLS_DIR/broker.p12" -storetype PKCS12 \
      -storepass "$(cat "$TLS_DIR/keystore.password")" >/dev/null 2>&1
    keytool -exportcert -rfc -alias broker -keystore "$TLS_DIR/broker.p12" -storepass "$(cat "$TLS_DIR/keystore.password")" \
      -file "$TLS_DIR/ca.pem" >/dev/null 2>&1
    chmod 600 "$TLS_DIR/broker.p12"
    echo "[kafka] made a TLS certificate for 127.0.0.1 in $TLS_DIR (clients trust ca.pem)"
  fi
}

# Every principal's password (made once) and client files, for this port and protocol.
credentials() {
  require_lib
  tls_material
  local ca=()
  [ "$PROTOCOL" = SASL_SSL ] && ca=("$TLS_DIR/ca.pem")
  provision_tool credentials "$CREDENTIALS" "127.0.0.1:$PORT" "$PROTOCOL" "${ca[@]}"
}

server_properties() {
  local admin
  admin=$(cat "$CREDENTIALS/admin.password")
  (
    umask 077
    sed -e "s#@DATA_DIR@#$RUN_DIR/data#" -e "s#@PORT@#$PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
      -e "s#@PROTOCOL@#$PROTOCOL#g" -e "s#@LISTENER@#$LISTENER#g" -e "s#@ADMIN_PASSWORD@#$admin#g" \
      "$CONF/server.properties.in" > "$RUN_DIR/server.properties"
    if [ "$PROTOCOL" = SASL_SSL ]; then
      printf 'ssl.keystore.type=PKCS12\nssl.keystore.location=%s\nssl.keystore.password=%s\n' \
        "$TLS_DIR/broker.p12" "$(cat "$TLS_DIR/keystore.password")" >> "$RUN_DIR/server.properties"
    fi
  )
}

start() {
  require_lib
  if running; then
    echo "[kafka] already running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"
    return 0
  fi
  if port_open "$PORT"; then
    echo "[kafka] something else listens on 127.0.0.1:$PORT; stop it or set KAFKA_PORT" >&2
    exit 1
  fi
  mkdir -p "$RUN_DIR/data"
  credentials
  server_properties
  # The storage holds the SCRAM credentials it was formatted with, and $RUN_DIR/formatted-with names the set they belong
  # to ($CREDENTIALS/.set, made once with the credentials; rotating a password keeps it). Storage formatted otherwise --
  # by a version of the platform before authentication, or before the credentials were made anew -- has no admin the
  # provisioning could log in as: it is set aside and formatted again, and $RUN_DIR/storage-renewed tells
  # deploy/local/run.sh to reload the services' data onto the empty topics.
  [ -f "$CREDENTIALS/.set" ] || (umask 077 && cat /proc/sys/kernel/random/uuid > "$CREDENTIALS/.set")
  local formatted_with
  formatted_with=$(cat "$CREDENTIALS/.set")
  if [ -f "$RUN_DIR/data/meta.properties" ] && [ "$(cat "$RUN_DIR/formatted-with" 2>/dev/null)" != "$formatted_with" ]; then
    local kept
    kept="$RUN_DIR/data.before-$(date +%Y%m%d-%H%M%S)"
    mv "$RUN_DIR/data" "$kept"
    mkdir -p "$RUN_DIR/data"
    touch "$RUN_DIR/storage-renewed"
    echo "[kafka] $RUN_DIR/data was not formatted with the current credentials (an unauthenticated version of the platform ran here, or the credentials were made anew): kept as $kept, formatting anew"
  fi
  if [ ! -f "$RUN_DIR/data/meta.properties" ]; then
    local cluster_id p scram=()
    # shellcheck disable=SC2086
    cluster_id=$("$JAVA" $TOOL_JVM -cp "$LIB/*" -Dlog4j2.configurationFile="$CONF/tools-log4j2.properties" kafka.tools.StorageTool random-uuid)
    # every principal's SCRAM-SHA-512 credential, in the metadata from the start (the passwords are hex: nothing to quote)
    for p in $(provision_tool principals); do
      scram+=(--add-scram "SCRAM-SHA-512=[name=$p,password=$(cat "$CREDENTIALS/$p.password")]")
    done
    # shellcheck disable=SC2086
    "$JAVA" $TOOL_JVM -cp "$LIB/*" -Dlog4j2.configurationFile="$CONF/tools-log4j2.properties" \
      kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$RUN_DIR/server.properties" "${scram[@]}" >/dev/null
    echo "$formatted_with" > "$RUN_DIR/formatted-with"
    echo "[kafka] formatted $RUN_DIR/data (cluster $cluster_id) with the SCRAM credentials of $((${#scram[@]} / 2)) principals"
  fi
  # shellcheck disable=SC2086
  nohup "$JAVA" $HEAP $BROKER_OPTS -XX:+UseSerialGC -Dlog4j2.configurationFile="$CONF/log4j2.properties" -cp "$LIB/*" \
    kafka.Kafka "$RUN_DIR/server.properties" > "$RUN_DIR/broker.log" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 120); do
    if port_open "$PORT"; then
      break
    fi
    if ! running; then
      echo "[kafka] the broker exited; last lines of $RUN_DIR/broker.log:" >&2
      tail -20 "$RUN_DIR/broker.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  port_open "$PORT" || { echo "[kafka] not listening after 60 s" >&2; exit 1; }
  # topics, credentials added since the format, ACLs: as admin, once the broker has loaded its metadata
  for attempt in $(seq 1 20); do
    if provision_tool provision "$CREDENTIALS" > "$RUN_DIR/provision.log" 2>&1; then
      sed 's/^/  /' "$RUN_DIR/provision.log" | grep -v '^  $' || true
      echo "[kafka] up on 127.0.0.1:$PORT ($PROTOCOL, SCRAM-SHA-512; pid $(cat "$PID_FILE"), log $RUN_DIR/broker.log)"
      return 0
    fi
    [ "$attempt" -lt 20 ] && sleep 1
  done
  echo "[kafka] could not provision topics and ACLs; see $RUN_DIR/provision.log:" >&2
  tail -20 "$RUN_DIR/provision.log" >&2
  exit 1
}

stop() {
  if running; then
    local pid
    pid=$(cat "$PID_FILE")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
    echo "[kafka] stopped"
  fi
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$PID_FILE"))"; else echo "stopped"; exit 3; fi ;;
  credentials) credentials ;;
  rotate)
    [ $# -ge 2 ] || { echo "usage: $0 rotate PRINCIPAL" >&2; exit 2; }
    require_lib
    running || { echo "[kafka] the broker is not running: start it first" >&2; exit 1; }
    provision_tool rotate "$CREDENTIALS" "$2" ;;
  acls)
    require_lib
    provision_tool acls "$CREDENTIALS" ;;
  tool)
    require_lib
    shift
    exec "$JAVA" -Xmx256m -Dlog4j2.configurationFile="$CONF/tools-log4j2.properties" -cp "$LIB/*" "$@" ;;
  *) echo "usage: $0 start|stop|status|tool <class> [args...]|rotate PRINCIPAL|acls" >&2; exit 2 ;;
esac
