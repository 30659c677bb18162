#!/usr/bin/env bash
# Runs the whole platform on this machine: PostgreSQL, a Kafka broker and the seven services, with demo data.
# Ctrl-C stops everything this script started.
#   deploy/local/run.sh            (SKIP_BUILD=1 to use what is built; NO_DEMO=1 to start empty)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export SYNERGY_RUN_DIR=${SYNERGY_RUN_DIR:-$ROOT/deploy/local/run}
export KAFKA_RUN_DIR=${KAFKA_RUN_DIR:-$SYNERGY_RUN_DIR/kafka}
mkdir -p "$SYNERGY_RUN_DIR"
T0=$SECONDS

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "[run] stopping…"
  deploy/local/services.sh stop || true
  deploy/local/kafka.sh stop || true
  echo "[run] stopped (PostgreSQL keeps running: pg_ctlcluster 15 main stop)"
}

# 1. PostgreSQL: started if stopped, role and databases created once
if [ "$(id -u)" = 0 ]; then
  deploy/local/postgres.sh
else
  sudo -n deploy/local/postgres.sh 2>/dev/null || deploy/local/postgres.sh
fi

# 2. Build if needed (the first time, or when a service jar is missing)
needs_build=0
for s in aggregation energy transport building agriculture waste registry; do
  [ -f "services/$s-service/target/quarkus-app/quarkus-run.jar" ] || needs_build=1
done
[ -d deploy/kafka-broker/target/lib ] || needs_build=1
if [ "${SKIP_BUILD:-0}" != 1 ] && [ $needs_build = 1 ]; then
  echo "[run] building (./mvnw package -DskipTests)…"
  ./mvnw -B -q package -DskipTests
fi

trap stop_all INT TERM EXIT

# 3. Kafka broker, then the services
deploy/local/kafka.sh start
deploy/local/services.sh start
echo "[run] platform healthy in $((SECONDS - T0)) s"

# 4. Demo data: five sectors, ten districts, 2020–2024 (each sector's system writes with its own token)
if [ "${NO_DEMO:-0}" != 1 ]; then
  for s in energy transport building agriculture waste; do
    export "SYNERGY_TOKEN_${s^^}=$(deploy/local/token.sh "feed:$s" --name "demo-$s-system")"
  done
  java deploy/local/DemoData.java 127.0.0.1
  # parks and enterprises: registered by an operator on the registry service, then the energy statistics system reports their figures
  SYNERGY_TOKEN_OPS=$(deploy/local/token.sh ops --name demo-registry-operator) java deploy/local/DemoUnits.java 127.0.0.1
  # the aggregation recomputes as the indicator events arrive
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null -H "Authorization: Bearer $(deploy/local/token.sh reader)" "http://127.0.0.1:8080/api/v1/attainment?period=2024" 2>/dev/null && break
    sleep 0.5
  done
fi

READER=$(deploy/local/token.sh reader --name local-reader)
OFFICIAL=$(deploy/local/token.sh reader ops --name local-official)
cat <<MSG

  Synergy is running. Every API call needs a bearer token (deploy/local/token.sh ROLE prints one; roles:
  feed:energy … feed:waste to write a sector, reader to read, ops to operate, planner to allocate targets). Tokens below are valid 8 hours.
    Dashboard                http://127.0.0.1:8080/#token=$OFFICIAL
    Attainment, city 2024    curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8080/api/v1/attainment?period=2024'
    Synergy degree 2024      curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8080/api/v1/synergy?period=2024'
    A reader token           $READER
    Sector services          energy :8081  transport :8082  building :8083  agriculture :8084  waste :8085
    Parks, enterprises       curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8086/api/v1/org-units?level=PARK'
    Targets per district     curl -H "Authorization: Bearer \$(deploy/local/token.sh reader)" 'http://127.0.0.1:8086/api/v1/targets?indicator=T1&year=2025'
    OpenAPI / Swagger UI     http://127.0.0.1:8081/q/openapi   http://127.0.0.1:8081/q/swagger-ui
    Health / metrics         http://127.0.0.1:8080/q/health/ready   http://127.0.0.1:8080/q/metrics
    Kafka                    127.0.0.1:9092   (deploy/local/kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list)
    Logs                     $SYNERGY_RUN_DIR/*.log

  Ctrl-C stops everything.
MSG

# wait until Ctrl-C (or until a service dies)
while true; do
  sleep 2
  for s in aggregation energy transport building agriculture waste registry; do
    if ! kill -0 "$(cat "$SYNERGY_RUN_DIR/$s.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
      echo "[run] $s stopped unexpectedly; see $SYNERGY_RUN_DIR/$s.log" >&2
      exit 1
    fi
  done
done
