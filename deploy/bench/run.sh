#!/usr/bin/env bash
# The whole-platform benchmark of issues 8 and 19, in one command: PostgreSQL, the build, then three parts, each on its
# own broker and eight services with fresh schemas in the database synergy_bench (run folder deploy/bench/run/):
#   write  ingestion (values/s accepted and published, latency) · the limits: PostgreSQL COPY and Kafka
#          ProducerPerformance · freshness at 1,000 reports/s · RSS at idle and under load · start → all healthy ·
#          the JMH recompute benchmark (at the end, on a quiet machine)
#   read   the local run's demo data, then every read endpoint of every service — JSON, CSV and XLSX where offered —
#          at 32 concurrent clients (wrk), each service's /q/health/live (its ceiling) measured just before its endpoints
#   scale  a generated city (10 districts, 50 parks, 5,000 enterprises, 30 data elements, 10 years) loaded through the
#          registry's CSV import and the sectors' batch REST · one enterprise's report: the recompute pass (the
#          aggregation's own timers) · the unit-synergy ranking of 5,000 enterprises · freshness at 1,000 reports/s spread
#          over every enterprise · the aggregation's RSS
# one table printed and written to docs/performance.md. Everything it started is stopped at the end, on error and on Ctrl-C.
#
#   deploy/bench/run.sh [--duration 60] [--quick] [--skip-build] [--phases write,read,scale] [--read-only]
#     --duration S   seconds of the ingestion and of each freshness phase (default 60)
#     --quick        every phase shortened (and a city of 500 enterprises): a smoke run (plus the build)
#     --skip-build   use what is built (services, broker jars, bench/target/benchmarks.jar)
#     --phases LIST  the parts to run, comma-separated (default write,read,scale). Only a run of all three rewrites
#                    docs/performance.md; a part run alone (to iterate on it) writes its table to
#                    deploy/bench/run/results/performance.md, with the other parts' rows carried over from
#                    docs/performance.md (and said so): copy it over docs/performance.md to record that run
#     --read-only    the read part alone: --phases read
#     --read-duration S   seconds per endpoint and format in the read part (default 10)
#     --read-services LIST   the services whose endpoints the read part loads, comma-separated (default all: aggregation,
#                            energy, transport, building, agriculture, waste, registry, console), e.g. energy,waste to compare two
#                            builds of the sector kit in minutes
#     --enterprises N     enterprises of the generated city (default 5000)
#     --fresh-per-request N   reports per request in the freshness phases (default 10: 100 requests/s carry the 1,000
#                             reports/s; with 1, each report its own request, the waste service tops out near 350/s
#                             on two shared cores — a commit per request — and the rate measured is that, not freshness)
# Environment: SYNERGY_TOKEN_<SECTOR> / SYNERGY_TOKEN_READER / SYNERGY_TOKEN_OPS / SYNERGY_TOKEN_PLANNER (bearer tokens; from
#              deploy/local/token.sh if it exists), SERVICE_JVM_OPTS and AGGREGATION_JVM_OPTS (as deploy/local/services.sh),
#              PORT_WAIT (s to wait for busy ports, default 1800), SCALE_IDLE_WAIT (s the aggregation may take to
#              compute the loaded city, default 600), BENCH_DB_POOL (each service's database pool, default 8). Needs wrk (Debian package wrk) for the read and scale parts.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
COMMAND="deploy/bench/run.sh${*:+ $*}"

DURATION=60
QUICK=false
SKIP_BUILD=0
FRESH_PER_REQUEST=10
SELECTED=write,read,scale
READ_S=
ENTERPRISES=
READ_SERVICES=aggregation,energy,transport,building,agriculture,waste,registry,console
USAGE="usage: $0 [--duration S] [--quick] [--skip-build] [--phases write,read,scale] [--read-only] [--read-duration S] [--read-services LIST] [--enterprises N] [--fresh-per-request N]"
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --quick) QUICK=true; shift ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    --fresh-per-request) FRESH_PER_REQUEST=$2; shift 2 ;;
    --phases) SELECTED=$2; shift 2 ;;
    --read-only) SELECTED=read; shift ;;
    --read-duration) READ_S=$2; shift 2 ;;
    --read-services) READ_SERVICES=$2; shift 2 ;;
    --enterprises) ENTERPRISES=$2; shift 2 ;;
    *) echo "$USAGE" >&2; exit 2 ;;
  esac
done
for part in ${SELECTED//,/ }; do
  case "$part" in write|read|scale) ;; *) echo "unknown part '$part' in --phases (write, read, scale)" >&2; echo "$USAGE" >&2; exit 2 ;; esac
done
want() { [[ ",$SELECTED," == *",$1,"* ]]; }
for s in ${READ_SERVICES//,/ }; do
  case "$s" in aggregation|energy|transport|building|agriculture|waste|registry|console) ;; *) echo "unknown service '$s' in --read-services" >&2; echo "$USAGE" >&2; exit 2 ;; esac
done
read_wanted() { [[ ",$READ_SERVICES," == *",$1,"* ]]; }

# Phase lengths. Quick: enough to see every phase work, not to trust the figures.
if [ "$QUICK" = true ]; then
  INGEST_S=10 WARMUP_S=3 COPY_S=5 FRESH_S=10 FRESH_DRAIN_S=15 IDLE_WAIT_S=3 PRODUCER_RECORDS=50000
  JMH_OPTS="-wi 1 -w 1s -i 2 -r 1s -f 1"
  READ_S=${READ_S:-3} READ_SETTLE_S=1 ENTERPRISES=${ENTERPRISES:-500} RECOMPUTE_REPORTS=1
else
  INGEST_S=$DURATION WARMUP_S=10 COPY_S=20 FRESH_S=$DURATION FRESH_DRAIN_S=90 IDLE_WAIT_S=10 PRODUCER_RECORDS=500000
  JMH_OPTS="-wi 3 -w 2s -i 5 -r 2s -f 1"
  READ_S=${READ_S:-10} READ_SETTLE_S=2 ENTERPRISES=${ENTERPRISES:-5000} RECOMPUTE_REPORTS=3
fi
SCALE_IDLE_WAIT=${SCALE_IDLE_WAIT:-600}

RUN=$ROOT/deploy/bench/run
RESULTS=$RUN/results
export SYNERGY_RUN_DIR=$RUN
export KAFKA_RUN_DIR=$RUN/kafka
export DB_NAME=synergy_bench
BOOTSTRAP=127.0.0.1:9092
# the broker authenticates every client: the benchmark's tools read and write as its administrator (kafka-client.sh admin),
# once kafka.sh has made the credentials
KAFKA_ADMIN_CONFIG=
JDBC="jdbc:postgresql://127.0.0.1:5432/$DB_NAME"
JAR=$ROOT/bench/target/benchmarks.jar
TOOL_JAVA=(java -Xmx512m -cp "$JAR")
SERVICES=(aggregation energy transport building agriculture waste registry console)
PORTS=(8080 8081 8082 8083 8084 8085 8086 8087 9092 9093)
PRODUCER_TOPIC=bench.producer-performance
SECTORS=(energy transport building agriculture waste)
declare -A SECTOR_PORT=([energy]=8081 [transport]=8082 [building]=8083 [agriculture]=8084 [waste]=8085)

log() { echo "[bench] $*"; }
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# key=value lines the report reads (the Java phases write their own files next to it)
record() { echo "$1=$2" >> "$RESULTS/platform.properties"; }
NOTES=()
note() { NOTES+=("$*"); log "NOTE: $*"; }
# One line per phase with the time it took and the time since the start, so a run of many minutes shows where it is:
#   [bench] phase 5/24 ingestion: 60s (+10s warm-up) — at 95.2 s
#   [bench] phase 5/24 done in 71.3 s — at 166.5 s
BENCH_T0=$(now)
PHASE=""
PHASE_N=0
PHASE_T0=$BENCH_T0
# PostgreSQL, build, report; write: start, idle RSS, ingestion, ProducerPerformance, COPY, freshness, stop, JMH;
# read: start and demo data, the load, stop; scale: start, city, recompute, ranking, freshness, stop
PHASES=3
want write && PHASES=$((PHASES + 8))
want read && PHASES=$((PHASES + 3))
want scale && PHASES=$((PHASES + 6))
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
# start_sampler [FILE]: every second, each process's RSS and the count of other engineers' builds (default rss-samples.txt:
# the write part's load phases, which the RSS rows report; the scale part samples into its own file)
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
  ) >> "$RESULTS/${1:-rss-samples.txt}" &
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

# Broker and services on a fresh broker data folder and fresh schemas; HEALTHY_S is the time from the broker's start to
# all healthy. A port taken meanwhile by someone else's test: stop ours, wait, try again.
start_platform() {
  local started=false attempt t0
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
  log "platform healthy in ${HEALTHY_S}s"
  # the benchmark's Kafka client (topic admin, lag, results.v1) authenticates as the administrator
  KAFKA_ADMIN_CONFIG=$(deploy/local/kafka-client.sh admin)
  tokens
}

# Bearer tokens, if access control exists (the load generators send them when set): each sector's writer, a reader, an
# operator, and a planner (the demo's key projects and pilots)
tokens() {
  [ -x deploy/local/token.sh ] || return 0
  local role var grant value
  for role in "${SECTORS[@]}" reader ops planner; do
    var=SYNERGY_TOKEN_${role^^}
    [ -n "${!var:-}" ] && continue
    case "$role" in reader|ops|planner) grant=$role ;; *) grant=feed:$role ;; esac
    value=$(deploy/local/token.sh "$grant") || note "deploy/local/token.sh $grant failed"
    printf -v "$var" '%s' "$value"
    export "${var?}"
  done
}

# The services' logs of one part (the next part's start overwrites them) and the aggregation's garbage collector counters
save_logs() {
  mkdir -p "$RESULTS/logs-$1"
  cp "$RUN"/*.log "$RESULTS/logs-$1/" 2>/dev/null || true
}
gc_snapshot() {
  local p
  p=$(pid_of aggregation)
  [ -n "$p" ] && command -v jstat >/dev/null && jstat -gc "$p" > "$RESULTS/jstat-aggregation-$1.txt" 2>&1 || true
}

# measure GROUP SERVICE PORT ROLE PATH FORMAT [CONNECTIONS] [TIMEOUT]
#   one wrk run against one endpoint in one format (live: the service's /q/health/live, its ceiling), after a single
#   request that checks it answers at all: an endpoint this build does not have (404) is recorded and not loaded.
#   Writes results/GROUP/NNN-SERVICE.properties, which the report reads.
MEASURE_N=0
measure() {
  local group=$1 service=$2 port=$3 role=$4 path=$5 format=$6 connections=${7:-32} timeout=${8:-2s}
  local url="http://127.0.0.1:$port$path" accept=application/json headers=() probe file threads=2
  if [ "$group" = read ] && ! read_wanted "$service"; then return 0; fi
  case "$format" in
    csv) accept=text/csv ;;
    xlsx) accept=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ;;
  esac
  headers=(-H "Accept: $accept")
  # json-gzip: the JSON as a browser asks for it (the dashboard's readers), compressed on the wire
  [ "$format" = json-gzip ] && headers+=(-H "Accept-Encoding: gzip")
  case "$role" in
    reader) headers+=(-H "Authorization: Bearer ${SYNERGY_TOKEN_READER:-}") ;;
    ops) headers+=(-H "Authorization: Bearer ${SYNERGY_TOKEN_OPS:-}") ;;
  esac
  MEASURE_N=$((MEASURE_N + 1))
  mkdir -p "$RESULTS/$group"
  file=$RESULTS/$group/$(printf '%03d' "$MEASURE_N")-$service.properties
  probe=$(curl -sS -o "$file.body" -w '%{http_code} %{time_total}' --max-time 60 "${headers[@]}" "$url" 2>/dev/null || echo "000 0")
  {
    echo "service=$service"; echo "port=$port"; echo "path=$path"; echo "format=$format"; echo "role=$role"
    echo "connections=$connections"; echo "timeout=$timeout"; echo "duration.planned.s=$READ_S"
    echo "probe.status=${probe%% *}"; echo "probe.ms=$(awk -v s="${probe##* }" 'BEGIN { printf "%.1f", s * 1000 }')"
    echo "probe.bytes=$(stat -c %s "$file.body" 2>/dev/null || echo 0)"
    grep -o '"type" *: *"[^"]*"' "$file.body" 2>/dev/null | head -1 | sed 's/.*"\([^"]*\)"$/probe.problem=\1/' || true
  } > "$file"
  if [ "${probe%% *}" = 404 ]; then
    log "  $service GET $path ($format): HTTP 404 $(sed -n 's/^probe.problem=//p' "$file") — not loaded (not on this build, or nothing to read)"
    return 0
  fi
  if [ "${probe%% *}" = 000 ]; then
    log "  $service GET $path ($format): no answer to a single request within 60 s — not loaded (its threads: $file.threads.txt)"
    # what the service's threads were doing instead: the evidence for why
    local p
    p=$(pid_of "$service")
    [ -n "$p" ] && command -v jcmd >/dev/null && jcmd "$p" Thread.print > "$file.threads.txt" 2>&1 || true
    settle "$service" "$file"
    return 0
  fi
  [ "$connections" -lt 2 ] && threads=1
  # the service's collections before and after the run (jstat -gcutil: FGC/FGCT, YGC/YGCT): the evidence for a p99
  local gp
  gp=$(pid_of "$service")
  [ -n "$gp" ] && command -v jstat >/dev/null && jstat -gcutil "$gp" > "$file.gc-before.txt" 2>&1 || true
  WRK_OUT=$file wrk -t"$threads" -c"$connections" -d"${READ_S}s" --timeout "$timeout" -s deploy/bench/wrk-report.lua "${headers[@]}" "$url" \
    > "$file.wrk.txt" 2>&1 || note "wrk failed on $url (see $file.wrk.txt)"
  [ -n "$gp" ] && command -v jstat >/dev/null && jstat -gcutil "$gp" > "$file.gc-after.txt" 2>&1 || true
  log "  $service GET $path ($format, $connections clients): $(sed -n 's/^requests.per.s=//p' "$file") req/s, p50 $(sed -n 's/^latency.p50.ms=//p' "$file") ms," \
    "p99 $(sed -n 's/^latency.p99.ms=//p' "$file") ms, $(sed -n 's/^errors.status=//p' "$file") non-2xx, $(sed -n 's/^errors.timeout=//p' "$file") timeouts"
  settle "$service" "$file"
}

# settle SERVICE FILE: the service keeps working off the requests wrk left in flight when its run ended (a heavy endpoint, for
# minutes): wait until the process has used under 15 % of a core in each of two seconds in a row, at most 90 s, so the next
# run measures its own requests only. How long it took goes into the run's file.
cpu_ticks() { local p; p=$(pid_of "$1"); [ -n "$p" ] && awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0; }
settle() {
  local t0 waited quiet=0 before after hz
  hz=$(getconf CLK_TCK)
  t0=$(now)
  before=$(cpu_ticks "$1")
  while [ $quiet -lt 2 ]; do
    sleep 1
    after=$(cpu_ticks "$1")
    if [ $((after - before)) -le $((hz * 15 / 100)) ]; then quiet=$((quiet + 1)); else quiet=0; fi
    before=$after
    waited=$(seconds_since "$t0")
    awk -v w="$waited" 'BEGIN { exit !(w > 90) }' && { echo "settle.limit=true" >> "$2"; break; }
  done
  echo "settle.s=$(seconds_since "$t0")" >> "$2"
  sleep "$READ_SETTLE_S"
}

# measure_all GROUP SERVICE PORT ROLE PATH FORMATS: the endpoint in each of the formats (comma-separated)
measure_all() {
  local f
  for f in ${6//,/ }; do
    measure "$1" "$2" "$3" "$4" "$5" "$f"
  done
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
record started.at "$(date --iso-8601=seconds)"
record quick "$QUICK"
record phases "$SELECTED"
if { want read || want scale; } && ! command -v wrk >/dev/null; then
  log "wrk is missing (the read and scale parts load the endpoints with it): apt-get install wrk"
  exit 1
fi
command -v wrk >/dev/null && record wrk.version "$(wrk --version 2>&1 | head -1 | awk '{ print $1, $2 }')"

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

record busy.before "$(busy_count)"
record load.before "$(cut -d' ' -f1 /proc/loadavg)"
[ -f "$JAR" ] || { log "$JAR is missing: run without --skip-build"; exit 1; }
record service.jvm.opts "${SERVICE_JVM_OPTS:-$(sed -n 's/^JVM_OPTS=\${SERVICE_JVM_OPTS:-\(.*\)}$/\1/p' deploy/local/services.sh)}"
# PostgreSQL's max_connections (100 by default) is shared with whatever else uses the cluster: eight services at the
# platform's default pool of 16 could take 128. Each service's pool is capped here (BENCH_DB_POOL, default 8).
export QUARKUS_DATASOURCE_JDBC_MAX_SIZE=${BENCH_DB_POOL:-8}
record db.pool.max "$QUARKUS_DATASOURCE_JDBC_MAX_SIZE"
record aggregation.jvm.opts "${AGGREGATION_JVM_OPTS:-$(sed -n 's/^AGGREGATION_JVM_OPTS=\${AGGREGATION_JVM_OPTS:-\(.*\)}$/\1/p' deploy/local/services.sh)}"

if want write; then
# 3. Broker and services, timed from the broker's start to all healthy
phase "broker and services: start until all healthy"
start_platform
record healthy.s "$HEALTHY_S"

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
"${TOOL_JAVA[@]}" io.synergy.bench.platform.IngestionLoad --url http://127.0.0.1:8081 --kafka-config "$KAFKA_ADMIN_CONFIG" --jdbc "$JDBC" \
  --duration "$INGEST_S" --warmup "$WARMUP_S" --clients 4 --batch 1000 --out "$RESULTS/ingestion.properties" \
  || note "the ingestion phase failed (see the output above)"

# The broker's own limit, with records as large as a real indicator event's JSON
RECORD_BYTES=$(sed -n 's/^event.value.bytes.avg=//p' "$RESULTS/ingestion.properties" 2>/dev/null | awk '{ printf "%d", $1 + 0.5 }' || true)
RECORD_BYTES=${RECORD_BYTES:-400}
record producer.record.bytes "$RECORD_BYTES"
record producer.records "$PRODUCER_RECORDS"
phase "Kafka ProducerPerformance: $PRODUCER_RECORDS records of $RECORD_BYTES bytes, acks=all"
{
  deploy/local/kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --command-config "$KAFKA_ADMIN_CONFIG" \
    --create --if-not-exists \
    --topic "$PRODUCER_TOPIC" --partitions 3 --replication-factor 1 >/dev/null
  deploy/local/kafka.sh tool org.apache.kafka.tools.ProducerPerformance --topic "$PRODUCER_TOPIC" --num-records "$PRODUCER_RECORDS" \
    --record-size "$RECORD_BYTES" --throughput -1 \
    --producer.config "$KAFKA_ADMIN_CONFIG" --producer-props bootstrap.servers="$BOOTSTRAP" acks=all linger.ms=5 enable.idempotence=true
} 2>&1 | tee "$RESULTS/producer-performance.txt" || note "Kafka ProducerPerformance failed"

phase "PostgreSQL COPY: ${COPY_S}s"
EVENTS_PER_REPORT=$(sed -n 's/^events.per.report=//p' "$RESULTS/ingestion.properties" 2>/dev/null || true)
"${TOOL_JAVA[@]}" io.synergy.bench.platform.CopyLimit --jdbc "$JDBC" --duration "$COPY_S" --batch 1000 \
  --events-per-report "${EVENTS_PER_REPORT:-1}" --event-sample "$RESULTS/indicator-event.json" --out "$RESULTS/copy.properties" \
  || note "the COPY phase failed (see the output above)"

phase "freshness: 1,000 reports/s for ${FRESH_S}s"
"${TOOL_JAVA[@]}" io.synergy.bench.platform.Freshness --url http://127.0.0.1:8085 --kafka-config "$KAFKA_ADMIN_CONFIG" --jdbc "$JDBC" \
  --rate 1000 --per-request "$FRESH_PER_REQUEST" --warmup "$WARMUP_S" --duration "$FRESH_S" --drain "$FRESH_DRAIN_S" --out "$RESULTS/freshness.properties" \
  || note "the freshness phase failed (see the output above)"

stop_sampler
phase "stopping the broker and the services"
save_logs write
stop_platform
PLATFORM_UP=false
fi

# 6. The read path: the local run's demo data (five sectors, ten districts, 2020–2024; three parks and thirty enterprises),
#    then every read endpoint of every service at 32 clients, beside the service's own /q/health/live in the same run
if want read; then
phase "read: broker and services (fresh schemas), the demo data of deploy/local/run.sh"
start_platform
record load.read "$(cut -d' ' -f1 /proc/loadavg)"
java deploy/local/DemoData.java 127.0.0.1 > "$RESULTS/read-demo-data.txt" 2>&1 || note "the demo data did not load (see read-demo-data.txt)"
java deploy/local/DemoUnits.java 127.0.0.1 >> "$RESULTS/read-demo-data.txt" 2>&1 || note "the demo parks and enterprises did not load (see read-demo-data.txt)"
"${TOOL_JAVA[@]}" io.synergy.bench.platform.AggregationIdle --kafka-config "$KAFKA_ADMIN_CONFIG" --timeout 300 --out "$RESULTS/read-idle.properties"
gc_snapshot read-before

phase "read: every endpoint, ${READ_S}s each at 32 clients (wrk)"
[ "$READ_SERVICES" = aggregation,energy,transport,building,agriculture,waste,registry,console ] || note "the read part loaded the endpoints of $READ_SERVICES only (--read-services)"
measure read aggregation 8080 none /q/health/live live
measure_all read aggregation 8080 reader '/api/v1/attainment?period=2024' json,csv
measure_all read aggregation 8080 reader '/api/v1/synergy?period=2024' json
measure_all read aggregation 8080 reader '/api/v1/synergy/history?orgUnit=370200' json,csv
measure_all read aggregation 8080 reader '/api/v1/synergy/districts?period=2024' json,csv
measure_all read aggregation 8080 reader '/api/v1/effects?from=2023&to=2024' json,csv
measure_all read aggregation 8080 reader '/api/v1/synergy/units?period=2024&level=enterprise' json,csv
measure_all read aggregation 8080 reader '/api/v1/inventory?period=2024' json,csv
measure_all read aggregation 8080 reader '/api/v1/years' json
# the dashboard's figures and the ops API are the console service's (the aggregation's former paths only redirect there)
measure read console 8087 none /q/health/live live
measure read console 8087 reader /api/v1/dashboard/years json
measure read console 8087 reader '/api/v1/dashboard/synergy?period=2024' json
measure read console 8087 reader '/api/v1/dashboard/synergy/districts?period=2024' json
measure read console 8087 reader '/api/v1/dashboard/attainment?period=2024' json
for path in /api/v1/ops/topics /api/v1/ops/consumers /api/v1/ops/dead-letters /api/v1/ops/freshness; do
  measure read console 8087 ops "$path" json
done
for s in "${SECTORS[@]}"; do
  measure read "$s" "${SECTOR_PORT[$s]}" none /q/health/live live
  measure_all read "$s" "${SECTOR_PORT[$s]}" reader '/api/v1/indicators?period=2024' json,csv
  measure_all read "$s" "${SECTOR_PORT[$s]}" reader '/api/v1/completeness?period=2024' json,csv
  # the approval matrix is the sector services' (sector-kit ApprovalResource), not the registry's
  for path in '/api/v1/reports?flag=IMPLAUSIBLE_CHANGE' /api/v1/catalog '/api/v1/approvals?period=2024'; do
    measure read "$s" "${SECTOR_PORT[$s]}" reader "$path" json
  done
done
measure read registry 8086 none /q/health/live live
measure_all read registry 8086 reader /api/v1/org-units json,csv,xlsx
measure_all read registry 8086 reader /api/v1/projects json,csv,xlsx
measure_all read registry 8086 reader '/api/v1/projects/progress?period=2024' json,csv,xlsx
measure_all read registry 8086 reader /api/v1/pilots json,csv,xlsx
measure_all read registry 8086 reader /api/v1/targets json,csv
measure read registry 8086 reader /api/v1/targets/history json
measure_all read registry 8086 reader '/api/v1/deadlines?period=2024' json,csv
gc_snapshot read-end
record read.aggregation.oom "$(grep -c OutOfMemoryError "$RUN/aggregation.log" 2>/dev/null || true)"
phase "read: stopping the broker and the services"
save_logs read
stop_platform
PLATFORM_UP=false
fi

# 7. City scale: the generated city through the real APIs, then what one report costs, the ranking, freshness spread over it
if want scale; then
phase "scale: broker and services (fresh schemas)"
start_platform
record load.scale "$(cut -d' ' -f1 /proc/loadavg)"
start_sampler rss-scale.txt

phase "scale: a city of $ENTERPRISES enterprises through the registry import and the sectors' batch REST"
SCALE_CITY=(--enterprises "$ENTERPRISES" --parks-per-district 5 --first-year 2015 --years 10)
"${TOOL_JAVA[@]}" io.synergy.bench.platform.ScaleLoad "${SCALE_CITY[@]}" --out "$RESULTS/scale-load.properties" --units-out "$RESULTS/scale-units.csv" \
  || note "the scale load failed (see the output above)"
"${TOOL_JAVA[@]}" io.synergy.bench.platform.AggregationIdle --kafka-config "$KAFKA_ADMIN_CONFIG" --timeout "$SCALE_IDLE_WAIT" --out "$RESULTS/scale-idle.properties"
gc_snapshot scale-loaded
record scale.aggregation.ready "$(curl -s --max-time 30 http://127.0.0.1:8080/q/health/ready | tr -d '\n' | tr -s ' ' | cut -c1-400)"

phase "scale: the recompute after one enterprise's report ($RECOMPUTE_REPORTS reports, one at a time)"
"${TOOL_JAVA[@]}" io.synergy.bench.platform.RecomputeProbe --kafka-config "$KAFKA_ADMIN_CONFIG" "${SCALE_CITY[@]}" --reports "$RECOMPUTE_REPORTS" --timeout 180 \
  --out "$RESULTS/scale-recompute.properties" || note "the recompute probe failed (see the output above)"

phase "scale: the unit-synergy ranking of $ENTERPRISES enterprises (1 client, then 32, then 32 asking for gzip)"
measure scale aggregation 8080 reader '/api/v1/synergy/units?period=2024&level=enterprise' json 1 60s
measure scale aggregation 8080 reader '/api/v1/synergy/units?period=2024&level=enterprise' json 32 2s
measure scale aggregation 8080 reader '/api/v1/synergy/units?period=2024&level=enterprise' json-gzip 32 2s

phase "scale: freshness, 1,000 reports/s spread over $ENTERPRISES enterprises for ${FRESH_S}s"
"${TOOL_JAVA[@]}" io.synergy.bench.platform.Freshness --url http://127.0.0.1:8085 --kafka-config "$KAFKA_ADMIN_CONFIG" --jdbc "$JDBC" \
  --units "$RESULTS/scale-units.csv" --rate 1000 --per-request "$FRESH_PER_REQUEST" --warmup "$WARMUP_S" --duration "$FRESH_S" \
  --drain "$FRESH_DRAIN_S" --out "$RESULTS/scale-freshness.properties" || note "the scale freshness phase failed (see the output above)"
gc_snapshot scale-end
record scale.aggregation.oom "$(grep -c OutOfMemoryError "$RUN/aggregation.log" 2>/dev/null || true)"

stop_sampler
phase "scale: stopping the broker and the services"
save_logs scale
stop_platform
PLATFORM_UP=false
fi
record load.end "$(cut -d' ' -f1 /proc/loadavg)"

# 8. The computation core alone, on a quiet platform (everything above is stopped)
if want write; then
phase "JMH RecomputeBenchmark ($JMH_OPTS)"
record jmh.options "$JMH_OPTS"
"${TOOL_JAVA[@]}" org.openjdk.jmh.Main RecomputeBenchmark $JMH_OPTS -rf json -rff "$RESULTS/jmh.json" > "$RESULTS/jmh.txt" 2>&1 \
  || note "the JMH benchmark failed (see $RESULTS/jmh.txt)"
grep -E '^(Benchmark|RecomputeBenchmark)' "$RESULTS/jmh.txt" || true
fi

# 9. One table: docs/performance.md when every part ran, otherwise next to the raw results
phase "report"
REPORT_OUT=$ROOT/docs/performance.md
want write && want read && want scale || REPORT_OUT=$RESULTS/performance.md
[ ${#NOTES[@]} -gt 0 ] && record note "$(IFS=' '; echo "${NOTES[*]}")"
"${TOOL_JAVA[@]}" io.synergy.bench.platform.PerformanceReport --root "$ROOT" --results "$RESULTS" --jdbc "$JDBC" \
  --command "$COMMAND" --carry "$ROOT/docs/performance.md" --out "$REPORT_OUT"
phase ""
