#!/usr/bin/env bash
# The whole-platform benchmark of issue 8, in one command: PostgreSQL, the build, the broker and the eight services on
# a fresh database (synergy_bench) in deploy/bench/run/, then
#   ingestion (values/s accepted and published, latency) · the limits: PostgreSQL COPY and Kafka ProducerPerformance ·
#   freshness at 1,000 reports/s · RSS at idle and under load · start → all healthy · the JMH recompute benchmark,
# one table printed and written to docs/performance.md. Everything it started is stopped at the end, on error and on Ctrl-C.
#
#   deploy/bench/run.sh [--duration 60] [--quick] [--skip-build]
#     --duration S   seconds of the ingestion and of the freshness phase (default 60)
#     --quick        every phase shortened: a smoke run of 1–2 minutes (plus the build)
#     --skip-build   use what is built (services, broker jars, bench/target/benchmarks.jar)
#     --fresh-per-request N   reports per request in the freshness phase (default 10: 100 requests/s carry the 1,000
#                             reports/s; with 1, each report its own request, the waste service tops out near 350/s
#                             on two shared cores — a commit per request — and the rate measured is that, not freshness)
# Environment: SYNERGY_TOKEN_ENERGY / SYNERGY_TOKEN_WASTE (bearer tokens; taken from deploy/local/token.sh if it exists),
#              SERVICE_JVM_OPTS (as deploy/local/services.sh), PORT_WAIT (s to wait for busy ports, default 1800)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
COMMAND="deploy/bench/run.sh${*:+ $*}"

DURATION=60
QUICK=false
SKIP_BUILD=0
FRESH_PER_REQUEST=10
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --quick) QUICK=true; shift ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    --fresh-per-request) FRESH_PER_REQUEST=$2; shift 2 ;;
    *) echo "usage: $0 [--duration S] [--quick] [--skip-build] [--fresh-per-request N]" >&2; exit 2 ;;
  esac
done

# Phase lengths. Quick: enough to see every phase work, not to trust the figures.
if [ "$QUICK" = true ]; then
  INGEST_S=10 WARMUP_S=3 COPY_S=5 FRESH_S=10 FRESH_DRAIN_S=15 IDLE_WAIT_S=3 PRODUCER_RECORDS=50000
  JMH_OPTS="-wi 1 -w 1s -i 2 -r 1s -f 1"
else
  INGEST_S=$DURATION WARMUP_S=10 COPY_S=20 FRESH_S=$DURATION FRESH_DRAIN_S=90 IDLE_WAIT_S=10 PRODUCER_RECORDS=500000
  JMH_OPTS="-wi 3 -w 2s -i 5 -r 2s -f 1"
fi

RUN=$ROOT/deploy/bench/run
RESULTS=$RUN/results
export SYNERGY_RUN_DIR=$RUN
export KAFKA_RUN_DIR=$RUN/kafka
export DB_NAME=synergy_bench
BOOTSTRAP=127.0.0.1:9092
JDBC="jdbc:postgresql://127.0.0.1:5432/$DB_NAME"
JAR=$ROOT/bench/target/benchmarks.jar
TOOL_JAVA=(java -Xmx512m -cp "$JAR")
SERVICES=(aggregation energy transport building agriculture waste registry console)
PORTS=(8080 8081 8082 8083 8084 8085 8086 8087 9092 9093)
PRODUCER_TOPIC=bench.producer-performance

log() { echo "[bench] $*"; }
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# key=value lines the report reads (the Java phases write their own files next to it)
record() { echo "$1=$2" >> "$RESULTS/platform.properties"; }
NOTES=()
note() { NOTES+=("$*"); log "NOTE: $*"; }
# One line per phase with the time it took and the time since the start, so a run of many minutes shows where it is:
#   [bench] phase 5/11 ingestion: 60s (+10s warm-up) — at 95.2 s
#   [bench] phase 5/11 done in 71.3 s — at 166.5 s
BENCH_T0=$(now)
PHASE=""
PHASE_N=0
PHASE_T0=$BENCH_T0
PHASES=11
phase() {
  if [ -n "$PHASE" ]; then
    log "phase $PHASE_N/$PHASES done in $(seconds_since "$PHASE_T0") s — at $(seconds_since "$BENCH_T0") s"
  fi
  PHASE=${1:-}
  PHASE_T0=$(now)
  if [ -n "$PHASE" ]; then
    PHASE_N=$((PHASE_N + 1))
    log "phase $PHASE_N/$PHASES $PHASE — at $(seconds_since "$BENCH_T0") s"
  fi
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-; }
taken_ports() { local p out=(); for p in "${PORTS[@]}"; do port_taken "$p" && out+=("$p"); done; echo "${out[*]:-}"; }

# Other engineers' end-to-end tests use the same ports: wait for them to finish rather than disturb them.
wait_for_free_ports() {
  local waited=0 limit=${PORT_WAIT:-1800} busy
  while busy=$(taken_ports) && [ -n "$busy" ]; do
    if [ $waited -ge "$limit" ]; then
      log "ports still taken after ${limit}s: $busy — giving up (nothing of ours is running)"
      exit 1
    fi
    [ $((waited % 30)) -eq 0 ] && log "ports taken by someone else ($busy): waiting (${waited}s so far)"
    sleep 5
    waited=$((waited + 5))
  done
  [ $waited -gt 0 ] && note "waited ${waited}s for ports used by other engineers' tests before starting"
  return 0
}

pid_of() {
  if [ "$1" = kafka ]; then cat "$KAFKA_RUN_DIR/broker.pid" 2>/dev/null || true; else cat "$RUN/$1.pid" 2>/dev/null || true; fi
}
rss_kib() { local p; p=$(pid_of "$1"); [ -n "$p" ] && ps -o rss= -p "$p" 2>/dev/null | tr -d ' ' || true; }
# Maven and Surefire processes are other engineers' builds and tests (ours has finished by then): a busy machine.
busy_count() { pgrep -fc 'plexus-classworlds|surefirebooter' 2>/dev/null || true; }

SAMPLER_PID=
start_sampler() {
  (
    set +e
    while true; do
      for n in "${SERVICES[@]}" kafka; do
        r=$(rss_kib "$n")
        [ -n "$r" ] && echo "$n $r"
      done
      echo "busy $(busy_count)"
      sleep 1
    done
  ) >> "$RESULTS/rss-samples.txt" &
  SAMPLER_PID=$!
}
stop_sampler() {
  if [ -n "$SAMPLER_PID" ]; then
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=
  fi
}

# Stops only what this script started: the pid files in our own run folder.
stop_platform() {
  deploy/local/services.sh stop >/dev/null 2>&1 || true
  deploy/local/kafka.sh stop >/dev/null 2>&1 || true
}
PLATFORM_UP=false
cleanup() {
  local rc=$?
  trap - INT TERM EXIT
  stop_sampler
  if [ "$PLATFORM_UP" = true ]; then
    log "stopping the broker and the services…"
    stop_platform
  fi
  [ $rc -ne 0 ] && log "failed (exit $rc); logs in $RUN"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
record started.at "$(date --iso-8601=seconds)"
record quick "$QUICK"

# 1. PostgreSQL: started if stopped, role and database synergy_bench created once
phase "PostgreSQL"
if [ "$(id -u)" = 0 ]; then
  DATABASES=synergy_bench deploy/local/postgres.sh
else
  sudo -n deploy/local/postgres.sh 2>/dev/null || DATABASES=synergy_bench deploy/local/postgres.sh
fi

# 2. Build: the services and the broker's jars, then the bench module (shaded: benchmarks.jar)
# Other engineers build in the same tree at the same time: a jar read while another build rewrites it fails the build
# ("zip END header not found"), so a failed build is tried once more after a pause.
build() {
  log "building (./mvnw -q $*)…"
  ./mvnw -B -q "$@" && return 0
  log "the build failed; trying once more in 30 s (a concurrent build may have been rewriting a jar)"
  sleep 30
  ./mvnw -B -q "$@"
}
phase "build"
if [ "$SKIP_BUILD" != 1 ]; then
  build package -DskipTests
  build -Pbench -pl bench -am package -DskipTests
fi
[ -f "$JAR" ] || { log "$JAR is missing: run without --skip-build"; exit 1; }

record busy.before "$(busy_count)"
record load.before "$(cut -d' ' -f1 /proc/loadavg)"
record service.jvm.opts "${SERVICE_JVM_OPTS:-$(sed -n 's/^JVM_OPTS=\${SERVICE_JVM_OPTS:-\(.*\)}$/\1/p' deploy/local/services.sh)}"
record aggregation.jvm.opts "${AGGREGATION_JVM_OPTS:-$(sed -n 's/^AGGREGATION_JVM_OPTS=\${AGGREGATION_JVM_OPTS:-\(.*\)}$/\1/p' deploy/local/services.sh)}"

# 3. Broker and services on a fresh broker data folder and fresh schemas; timed from the broker's start to all healthy.
#    A port taken meanwhile by someone else's test: stop ours, wait, try again.
phase "broker and services: start until all healthy"
started=false
for attempt in 1 2 3; do
  wait_for_free_ports
  rm -rf "$KAFKA_RUN_DIR"
  PLATFORM_UP=true
  t0=$(now)
  if deploy/local/kafka.sh start && FRESH_DB=1 deploy/local/services.sh start; then
    HEALTHY_S=$(seconds_since "$t0")
    started=true
    break
  fi
  stop_platform
  PLATFORM_UP=false
  if [ -z "$(taken_ports)" ]; then
    log "the platform did not start (and no port is taken by anyone else): see $RUN/*.log"
    exit 1
  fi
  log "a port was taken by someone else during the start (attempt $attempt); retrying"
done
[ "$started" = true ] || { log "could not start the platform after 3 attempts"; exit 1; }
record healthy.s "$HEALTHY_S"
log "platform healthy in ${HEALTHY_S}s"

# Bearer tokens, if access control exists (the load generator sends them when set)
if [ -x deploy/local/token.sh ]; then
  [ -n "${SYNERGY_TOKEN_ENERGY:-}" ] || SYNERGY_TOKEN_ENERGY=$(deploy/local/token.sh feed:energy) || note "deploy/local/token.sh feed:energy failed"
  [ -n "${SYNERGY_TOKEN_WASTE:-}" ] || SYNERGY_TOKEN_WASTE=$(deploy/local/token.sh feed:waste) || note "deploy/local/token.sh feed:waste failed"
  export SYNERGY_TOKEN_ENERGY SYNERGY_TOKEN_WASTE
fi

# 4. RSS at idle
phase "RSS at idle (${IDLE_WAIT_S}s)"
sleep "$IDLE_WAIT_S"
record idle.wait.s "$IDLE_WAIT_S"
for n in "${SERVICES[@]}" kafka; do
  record "rss.idle.$n" "$(rss_kib "$n")"
done

# 5. Under load, RSS sampled every second. A phase that fails is noted and the others still run.
start_sampler

phase "ingestion: ${INGEST_S}s (+${WARMUP_S}s warm-up)"
"${TOOL_JAVA[@]}" io.synergy.bench.platform.IngestionLoad --url http://127.0.0.1:8081 --bootstrap "$BOOTSTRAP" --jdbc "$JDBC" \
  --duration "$INGEST_S" --warmup "$WARMUP_S" --clients 4 --batch 1000 --out "$RESULTS/ingestion.properties" \
  || note "the ingestion phase failed (see the output above)"

# The broker's own limit, with records as large as a real indicator event's JSON
RECORD_BYTES=$(sed -n 's/^event.value.bytes.avg=//p' "$RESULTS/ingestion.properties" 2>/dev/null | awk '{ printf "%d", $1 + 0.5 }' || true)
RECORD_BYTES=${RECORD_BYTES:-400}
record producer.record.bytes "$RECORD_BYTES"
record producer.records "$PRODUCER_RECORDS"
phase "Kafka ProducerPerformance: $PRODUCER_RECORDS records of $RECORD_BYTES bytes, acks=all"
{
  deploy/local/kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$PRODUCER_TOPIC" --partitions 3 --replication-factor 1 >/dev/null
  deploy/local/kafka.sh tool org.apache.kafka.tools.ProducerPerformance --topic "$PRODUCER_TOPIC" --num-records "$PRODUCER_RECORDS" \
    --record-size "$RECORD_BYTES" --throughput -1 \
    --producer-props bootstrap.servers="$BOOTSTRAP" acks=all linger.ms=5 enable.idempotence=true
} 2>&1 | tee "$RESULTS/producer-performance.txt" || note "Kafka ProducerPerformance failed"

phase "PostgreSQL COPY: ${COPY_S}s"
EVENTS_PER_REPORT=$(sed -n 's/^events.per.report=//p' "$RESULTS/ingestion.properties" 2>/dev/null || true)
"${TOOL_JAVA[@]}" io.synergy.bench.platform.CopyLimit --jdbc "$JDBC" --duration "$COPY_S" --batch 1000 \
  --events-per-report "${EVENTS_PER_REPORT:-1}" --event-sample "$RESULTS/indicator-event.json" --out "$RESULTS/copy.properties" \
  || note "the COPY phase failed (see the output above)"

phase "freshness: 1,000 reports/s for ${FRESH_S}s"
"${TOOL_JAVA[@]}" io.synergy.bench.platform.Freshness --url http://127.0.0.1:8085 --bootstrap "$BOOTSTRAP" --jdbc "$JDBC" \
  --rate 1000 --per-request "$FRESH_PER_REQUEST" --warmup "$WARMUP_S" --duration "$FRESH_S" --drain "$FRESH_DRAIN_S" --out "$RESULTS/freshness.properties" \
  || note "the freshness phase failed (see the output above)"

stop_sampler
phase "stopping the broker and the services"
stop_platform
PLATFORM_UP=false

# 6. The computation core alone, on a quiet platform (everything above is stopped)
phase "JMH RecomputeBenchmark ($JMH_OPTS)"
record jmh.options "$JMH_OPTS"
"${TOOL_JAVA[@]}" org.openjdk.jmh.Main RecomputeBenchmark $JMH_OPTS -rf json -rff "$RESULTS/jmh.json" > "$RESULTS/jmh.txt" 2>&1 \
  || note "the JMH benchmark failed (see $RESULTS/jmh.txt)"
grep -E '^(Benchmark|RecomputeBenchmark)' "$RESULTS/jmh.txt" || true

# 7. One table, and docs/performance.md
phase "report (docs/performance.md)"
[ ${#NOTES[@]} -gt 0 ] && record note "$(IFS=' '; echo "${NOTES[*]}")"
"${TOOL_JAVA[@]}" io.synergy.bench.platform.PerformanceReport --root "$ROOT" --results "$RESULTS" --jdbc "$JDBC" \
  --command "$COMMAND" --out "$ROOT/docs/performance.md"
phase ""
