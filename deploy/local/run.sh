#!/usr/bin/env bash
# Runs the whole platform on this machine: PostgreSQL, a Kafka broker and the eight services, with demo data.
# Ctrl-C (SIGINT) or SIGTERM stops everything this script started, then the script exits (130 or 143).
#   deploy/local/run.sh            (SKIP_BUILD=1 to use what is built; NO_DEMO=1 to start empty)
# SYNERGY_LOCAL_DIR (default deploy/local) is where the step scripts (postgres.sh, kafka.sh, services.sh, token.sh) are
# taken from: deploy/helm-check's RunScriptTest runs this script against stand-ins to test its signal handling.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
LOCAL=${SYNERGY_LOCAL_DIR:-deploy/local}
export SYNERGY_RUN_DIR=${SYNERGY_RUN_DIR:-$ROOT/deploy/local/run}
export KAFKA_RUN_DIR=${KAFKA_RUN_DIR:-$SYNERGY_RUN_DIR/kafka}
mkdir -p "$SYNERGY_RUN_DIR"
T0=$SECONDS
STOPPED=0

stop_all() {
  [ "$STOPPED" = 1 ] && return 0
  STOPPED=1
  trap - INT TERM EXIT
  echo
  echo "[run] stopping…"
  if [ -n "$STEP_PID" ]; then
    kill "$STEP_PID" 2>/dev/null || true
    wait "$STEP_PID" 2>/dev/null || true
  fi
  "$LOCAL/services.sh" stop || true
  "$LOCAL/kafka.sh" stop || true
  echo "[run] stopped (PostgreSQL keeps running: pg_ctlcluster 15 main stop)"
}

# A signal stops what was started and ends the script at once, with the shell's conventional status (128 + the signal):
# a terminal gets its prompt back after one Ctrl-C, and a supervisor's TERM leaves nothing behind.
on_signal() {
  stop_all
  exit "$1"
}

# Runs one step and says how long it took ("[run] <what>: 12 s"). The step runs in the background while the shell waits for
# it, so that a signal is handled at once, not when the step ends (bash runs a trap only between foreground commands); the
# signal handler ends the step too.
STEP_PID=
step() {
  local what=$1 t=$SECONDS status=0
  shift
  echo "[run] $what…"
  "$@" &
  STEP_PID=$!
  wait "$STEP_PID" || status=$?
  STEP_PID=
  if [ "$status" != 0 ]; then
    echo "[run] $what failed (status $status)" >&2
    return "$status"
  fi
  echo "[run] $what: $((SECONDS - t)) s"
}

# The build, module by module: Maven's reactor lines ("Building … [3/15]") and its result; the whole log in build.log.
build() {
  local log="$SYNERGY_RUN_DIR/build.log"
  if ! ./mvnw -B package -DskipTests 2>&1 | tee "$log" | grep --line-buffered -E '^\[INFO\] (Building .*\[[0-9]+/[0-9]+\]|BUILD |Total time)|^\[ERROR\]' \
      | sed -u -e 's/^\[INFO\] /[build] /' -e 's/^\[ERROR\] /[build] ERROR /'; then
    echo "[run] the build failed; the whole log: $log" >&2
    return 1
  fi
  grep -q 'BUILD SUCCESS' "$log"
}

# 1. PostgreSQL: started if stopped, role and databases created once
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
if [ "$(id -u)" = 0 ]; then
  step "PostgreSQL" "$LOCAL/postgres.sh"
else
  step "PostgreSQL" bash -c "sudo -n '$LOCAL/postgres.sh' 2>/dev/null || '$LOCAL/postgres.sh'"
fi

# 2. Build if needed (the first time, or when a service jar is missing)
needs_build=0
for s in aggregation energy transport building agriculture waste registry console; do
  [ -f "services/$s-service/target/quarkus-app/quarkus-run.jar" ] || needs_build=1
done
# the broker's jars and its provisioning tool (credentials, topics, ACLs)
ls deploy/kafka-broker/target/lib/kafka-broker-*.jar >/dev/null 2>&1 || needs_build=1
if [ "${SKIP_BUILD:-0}" != 1 ] && [ $needs_build = 1 ]; then
  step "build (./mvnw package -DskipTests; the first build takes minutes)" build
fi

trap stop_all EXIT

# 3. Kafka broker, then the services
step "Kafka broker" "$LOCAL/kafka.sh" start
# the broker's storage was formatted anew (kafka.sh says why): the topics are empty, so the services start on empty
# schemas too and the demo data is loaded again -- the figures and the topics agree
if [ -f "$KAFKA_RUN_DIR/storage-renewed" ]; then
  rm -f "$KAFKA_RUN_DIR/storage-renewed"
  export FRESH_DB=1
  echo "[run] the broker's storage is new: the services start on empty schemas"
fi
step "services" "$LOCAL/services.sh" start
echo "[run] platform healthy in $((SECONDS - T0)) s"

# 4. Demo data: five sectors, ten districts, 2020–2024 (each sector's system writes with its own token)
if [ "${NO_DEMO:-0}" != 1 ]; then
  for s in energy transport building agriculture waste; do
    export "SYNERGY_TOKEN_${s^^}=$("$LOCAL/token.sh" "feed:$s" --name "demo-$s-system")"
  done
  step "demo data" java deploy/local/DemoData.java 127.0.0.1
  # parks and enterprises: registered by an operator on the registry service, their key projects and pilots recorded by a
  # planner, then the energy statistics system reports their figures
  SYNERGY_TOKEN_OPS=$("$LOCAL/token.sh" ops --name demo-registry-operator) \
    SYNERGY_TOKEN_PLANNER=$("$LOCAL/token.sh" planner --name demo-planner) step "demo parks, enterprises, projects and pilots" \
    java deploy/local/DemoUnits.java 127.0.0.1
  # the aggregation recomputes as the indicator events arrive
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null -H "Authorization: Bearer $("$LOCAL/token.sh" reader)" "http://127.0.0.1:8080/api/v1/attainment?period=2024" 2>/dev/null && break
    sleep 0.5
  done
fi

READER=$("$LOCAL/token.sh" reader --name local-reader)
OFFICIAL=$("$LOCAL/token.sh" reader ops --name local-official)
# the staff pages (data entry, upload, approval matrix) as the energy bureau that also reviews and accepts, to try the whole cycle
STAFF=$("$LOCAL/token.sh" feed:energy reviewer:energy approver:energy reader --name local-energy-staff)
cat <<MSG

  Synergy is running. Every API call needs a bearer token (deploy/local/token.sh ROLE prints one; roles:
  feed:energy … feed:waste to write a sector, reader to read, ops to operate, planner for projects, pilots and targets). Tokens
  below are valid 8 hours.
    Dashboard                http://127.0.0.1:8087/#token=$OFFICIAL
    Staff pages (energy)     http://127.0.0.1:8087/staff/entry.html#token=$STAFF   (upload.html, approvals.html)
    Operations (ops API)     curl -H "Authorization: Bearer \$(deploy/local/token.sh ops)" 'http://127.0.0.1:8087/api/v1/ops/consumers'
    Attainment, city 2024    curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8080/api/v1/attainment?period=2024'
    Synergy degree 2024      curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8080/api/v1/synergy?period=2024'
    A reader token           $READER
    Sector services          energy :8081  transport :8082  building :8083  agriculture :8084  waste :8085
    Parks, enterprises       curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8086/api/v1/org-units?level=PARK'
    Key projects, pilots     curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8086/api/v1/projects/progress?period=2024'
                             curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8086/api/v1/pilots'
    E5 from key projects     curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8080/api/v1/attainment?period=2024' | jq '.indicators[] | select(.indicator | startswith("E5"))'
    Pilot enterprises' D     curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8080/api/v1/synergy/units?period=2024&pilot=CARBON_EIA'
    Assessment report        http://127.0.0.1:8080/api/v1/assessment/report?period=2024 (linked from the dashboard; PDF with Accept: application/pdf)
    Targets per district     curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8086/api/v1/targets?indicator=T1&year=2025'
    OpenAPI / Swagger UI     http://127.0.0.1:8081/q/openapi   http://127.0.0.1:8081/q/swagger-ui
    Health / metrics         http://127.0.0.1:8080/q/health/ready   http://127.0.0.1:8080/q/metrics
    Kafka                    127.0.0.1:9092, SASL/SCRAM-SHA-512; a principal's client configuration: deploy/local/kafka-client.sh PRINCIPAL [--kcat]
                             (deploy/local/kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 \\
                                --command-config \$(deploy/local/kafka-client.sh admin) --list)
    Logs                     $SYNERGY_RUN_DIR/*.log

  Ctrl-C stops everything.
MSG

# wait until Ctrl-C or TERM (or until a service dies). The sleep runs in the background and the shell waits for it: a
# signal interrupts the wait at once (a foreground sleep would delay the trap until it ends).
while true; do
  sleep 2 &
  wait $! || true
  for s in aggregation energy transport building agriculture waste registry console; do
    # no pid file, or an empty one, is a stopped service ("kill -0 0" would probe this script's own process group)
    pid=$(cat "$SYNERGY_RUN_DIR/$s.pid" 2>/dev/null || true)
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "[run] $s stopped unexpectedly; see $SYNERGY_RUN_DIR/$s.log" >&2
      exit 1
    fi
  done
done
