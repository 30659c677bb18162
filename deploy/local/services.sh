#!/usr/bin/env bash
# Starts, stops or kills the eight Synergy services as processes (the built quarkus-run.jar of each).
#   deploy/local/services.sh start|stop|kill|status [service...]      (service: aggregation energy transport building agriculture waste registry console)
# Environment: SYNERGY_RUN_DIR (logs and pids; default deploy/local/run), DB_NAME (synergy), KAFKA_BOOTSTRAP_SERVERS
#              (127.0.0.1:9092), KAFKA_RUN_DIR (the broker's, for its credentials; default $SYNERGY_RUN_DIR/kafka),
#              FRESH_DB=1 (empty each service's schema at start), SERVICE_JVM_OPTS (every service),
#              AGGREGATION_JVM_OPTS (added for the aggregation), REGISTRY_JVM_OPTS (added for the registry), READY_TIMEOUT (s)
# Each service connects as itself: to PostgreSQL as its role synergy_<service> (deploy/local/postgres.sh), to Kafka as its
# principal <service>-service with the password deploy/local/kafka.sh made (the console's ops API also as ops), both
# handed over in the environment, never on the command line.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUN_DIR=${SYNERGY_RUN_DIR:-$ROOT/deploy/local/run}
DB_NAME=${DB_NAME:-synergy}
# Sized for about 200 MB resident under load (docs/performance.md): a 64 MB heap with the serial collector, returned to
# the OS after a burst (heap free ratios); C1 only (the C2 compiler's code and arenas cost ~50 MB for ~10 % throughput
# on this workload); capped metaspace, code cache and direct memory, and the JDK's temporary direct buffers above 256 KB
# (a Kafka fetch's socket read) freed after each read instead of kept per thread (docs/performance.md, "Kafka fetches and
# direct memory"); small thread stacks; MALLOC_ARENA_MAX below stops glibc from keeping one malloc arena per thread,
# and TrimNativeHeapInterval hands what glibc freed in its arenas back to the OS every 5 s (3–6 MB of RSS a service,
# docs/performance.md, "Native heap trimming").
# The chart (helm/synergy/values.yaml) and compose (deploy/compose.yaml) repeat these and the two below with the same
# effective options and MALLOC_* settings (HelmChartTest checks it); where each service's memory goes under load, and the
# flags still to measure: deploy/bench/analysis.md, "RSS under the load phases".
JVM_OPTS=${SERVICE_JVM_OPTS:--Xms16m -Xmx64m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=25 -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=100m -XX:MaxDirectMemorySize=24m -Djdk.nio.maxCachedBufferSize=262144 -XX:TrimNativeHeapInterval=5000}
# The aggregation keeps a recompute's working set (the indicator table, a year's result documents) alive for a few hundred
# ms while results are written: with the default small young generation that set is promoted and the old generation
# fills, and full collections took a quarter of its time under a steady stream of reports. A young generation as large
# as the old one, with survivor spaces that hold a pass, and a heap allowed to keep 40 % free, let it die young.
# Its heap may grow to 160 MB (the last -Xmx wins): it holds the facts of every unit it computes (issue 19: a city of
# 5,000 enterprises is 1.5 M facts, 23 MB of columns, ScaleRecomputeBenchmark) beside the ~32 MB the demo's old generation
# already filled at 64 MB; the heap grows only as its live data does (-Xms16m, MinHeapFreeRatio), docs/performance.md.
AGGREGATION_JVM_OPTS=${AGGREGATION_JVM_OPTS:--Xmx160m -XX:NewRatio=1 -XX:SurvivorRatio=3 -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70}
# Hibernate ORM with Panache and the entities of all the master data need more class metadata than the 100m above
REGISTRY_JVM_OPTS=${REGISTRY_JVM_OPTS:--XX:MaxMetaspaceSize=160m}
READY_TIMEOUT=${READY_TIMEOUT:-120}
JAVA=${JAVA:-java}
# tokens are verified with this public key (the local run makes the pair once; production configures its own key)
KEY_DIR=${SYNERGY_KEY_DIR:-$ROOT/deploy/local/run/keys}
KAFKA_CREDENTIALS=${KAFKA_RUN_DIR:-$RUN_DIR/kafka}/credentials

declare -A PORT=([aggregation]=8080 [energy]=8081 [transport]=8082 [building]=8083 [agriculture]=8084 [waste]=8085 [registry]=8086 [console]=8087)
ALL=(aggregation energy transport building agriculture waste registry console)

selected() {
  if [ $# -eq 0 ]; then echo "${ALL[@]}"; else echo "$@"; fi
}

pid_of() { cat "$RUN_DIR/$1.pid" 2>/dev/null || true; }
alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

start_one() {
  local name=$1 port=${PORT[$1]}
  local jar="$ROOT/services/$name-service/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ]; then
    echo "[services] $jar is missing: build first (./mvnw -q package -DskipTests)" >&2
    exit 1
  fi
  if alive "$name"; then
    echo "[services] $name already running (pid $(pid_of "$name"))"
    return 0
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "[services] port $port is taken: is another $name running?" >&2
    exit 1
  fi
  local extra_opts=""
  case "$name" in
    aggregation) extra_opts=$AGGREGATION_JVM_OPTS ;;
    registry) extra_opts=$REGISTRY_JVM_OPTS ;;
  esac
  local fresh=()
  if [ "${FRESH_DB:-0}" = 1 ]; then
    fresh=(QUARKUS_FLYWAY_CLEAN_AT_START=true QUARKUS_FLYWAY_CLEAN_DISABLED=false)
  fi
  if [ ! -f "$KAFKA_CREDENTIALS/$name-service.password" ]; then
    echo "[services] no Kafka credentials in $KAFKA_CREDENTIALS: start the broker first (deploy/local/kafka.sh start)" >&2
    exit 1
  fi
  # secrets go through the environment of a subshell, so that no command line shows them
  (
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB_NAME" DB_USER="synergy_$name" DB_PASSWORD="synergy_$name"
    export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" SYNERGY_JWT_PUBLIC_KEY_LOCATION="$KEY_DIR/public.pem"
    SYNERGY_KAFKA_PASSWORD=$(cat "$KAFKA_CREDENTIALS/$name-service.password")
    export SYNERGY_KAFKA_PASSWORD
    if [ "$name" = console ]; then
      SYNERGY_OPS_KAFKA_PASSWORD=$(cat "$KAFKA_CREDENTIALS/ops.password")
      export SYNERGY_OPS_KAFKA_PASSWORD
    fi
    # the broker's listener: SASL_SSL with the certificate kafka.sh made when it runs with KAFKA_TLS=1
    if [ "$(sed -n 2p "$KAFKA_CREDENTIALS/bootstrap")" = SASL_SSL ]; then
      export SYNERGY_KAFKA_SECURITY_PROTOCOL=SASL_SSL KAFKA_SSL_TRUSTSTORE_TYPE=PEM
      KAFKA_SSL_TRUSTSTORE_LOCATION=$(sed -n 3p "$KAFKA_CREDENTIALS/bootstrap")
      export KAFKA_SSL_TRUSTSTORE_LOCATION
    fi
    # shellcheck disable=SC2086
    exec env "${fresh[@]}" ${SERVICE_ENV:-} nohup "$JAVA" $JVM_OPTS $extra_opts -jar "$jar" > "$RUN_DIR/$name.log" 2>&1
  ) &
  echo $! > "$RUN_DIR/$name.pid"
}

wait_ready() {
  local name=$1 port=${PORT[$1]} deadline=$((SECONDS + READY_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then
      echo "[services] $name ready on http://127.0.0.1:$port (pid $(pid_of "$name"))"
      return 0
    fi
    if ! alive "$name"; then
      echo "[services] $name exited; last lines of $RUN_DIR/$name.log:" >&2
      tail -30 "$RUN_DIR/$name.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "[services] $name not ready after ${READY_TIMEOUT}s; see $RUN_DIR/$name.log" >&2
  return 1
}

# Signals every named service at once, then waits for each (graceful shutdown ~3 s), SIGKILL after 10 s.
signal() {
  local sig=$1 name p
  shift
  local pids=()
  for name in "$@"; do
    p=$(pid_of "$name")
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
      kill "-$sig" "$p" 2>/dev/null || true
      pids+=("$name:$p")
    fi
    rm -f "$RUN_DIR/$name.pid"
  done
  for entry in "${pids[@]}"; do
    name=${entry%%:*}
    p=${entry##*:}
    for _ in $(seq 1 40); do
      kill -0 "$p" 2>/dev/null || break
      sleep 0.25
    done
    kill -9 "$p" 2>/dev/null || true
    echo "[services] $name stopped ($sig)"
  done
}

cmd=${1:-}
shift || true
mkdir -p "$RUN_DIR"
case "$cmd" in
  start)
    SYNERGY_KEY_DIR=$KEY_DIR "$ROOT/deploy/local/keys.sh" >/dev/null
    names=$(selected "$@")
    for n in $names; do start_one "$n"; done
    rc=0
    for n in $names; do wait_ready "$n" || rc=1; done
    exit $rc ;;
  stop) signal TERM $(selected "$@") ;;
  kill) signal KILL $(selected "$@") ;;
  status)
    for n in $(selected "$@"); do
      if alive "$n"; then echo "$n running (pid $(pid_of "$n"), port ${PORT[$n]})"; else echo "$n stopped"; fi
    done ;;
  *) echo "usage: $0 start|stop|kill|status [aggregation|energy|transport|building|agriculture|waste|registry|console ...]" >&2; exit 2 ;;
esac
