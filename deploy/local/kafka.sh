#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, one node) as its own process, from the jars Maven put in
# deploy/kafka-broker/target/lib. Data stays in $KAFKA_RUN_DIR between runs.
#   deploy/local/kafka.sh start | stop | status | tool <class> [args...]
# Environment: KAFKA_RUN_DIR (default deploy/local/run/kafka), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
#              KAFKA_HEAP (-Xms128m -Xmx256m)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LIB="$ROOT/deploy/kafka-broker/target/lib"
CONF="$ROOT/deploy/kafka-broker/config"
RUN_DIR=${KAFKA_RUN_DIR:-$ROOT/deploy/local/run/kafka}
PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
HEAP=${KAFKA_HEAP:--Xms128m -Xmx256m}
PID_FILE="$RUN_DIR/broker.pid"
JAVA=${JAVA:-java}

require_lib() {
  if [ ! -d "$LIB" ] || [ -z "$(ls -A "$LIB" 2>/dev/null)" ]; then
    echo "[kafka] $LIB is empty: build first (./mvnw -q -pl deploy/kafka-broker package)" >&2
    exit 1
  fi
}

running() {
  [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-
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
  sed -e "s#@DATA_DIR@#$RUN_DIR/data#" -e "s#@PORT@#$PORT#" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#" \
    "$CONF/server.properties.in" > "$RUN_DIR/server.properties"
  if [ ! -f "$RUN_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$("$JAVA" -cp "$LIB/*" -Dlog4j2.configurationFile="$CONF/tools-log4j2.properties" kafka.tools.StorageTool random-uuid)
    "$JAVA" -cp "$LIB/*" -Dlog4j2.configurationFile="$CONF/tools-log4j2.properties" \
      kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$RUN_DIR/server.properties" >/dev/null
    echo "[kafka] formatted $RUN_DIR/data (cluster $cluster_id)"
  fi
  # shellcheck disable=SC2086
  nohup "$JAVA" $HEAP -XX:+UseSerialGC -Dlog4j2.configurationFile="$CONF/log4j2.properties" -cp "$LIB/*" \
    kafka.Kafka "$RUN_DIR/server.properties" > "$RUN_DIR/broker.log" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 120); do
    if port_open "$PORT"; then
      echo "[kafka] up on 127.0.0.1:$PORT (pid $(cat "$PID_FILE"), log $RUN_DIR/broker.log)"
      return 0
    fi
    if ! running; then
      echo "[kafka] the broker exited; last lines of $RUN_DIR/broker.log:" >&2
      tail -20 "$RUN_DIR/broker.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "[kafka] not listening after 60 s" >&2
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
  tool)
    require_lib
    shift
    exec "$JAVA" -Xmx256m -Dlog4j2.configurationFile="$CONF/tools-log4j2.properties" -cp "$LIB/*" "$@" ;;
  *) echo "usage: $0 start|stop|status|tool <class> [args...]" >&2; exit 2 ;;
esac
