#!/usr/bin/env bash
# Runs every test of every module: makes sure PostgreSQL is up (and its role and databases exist), then mvn verify.
# Tests start their own Kafka broker (in the test JVM, or as a process for the end-to-end tests).
#   deploy/local/test.sh [extra maven arguments]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
if [ "$(id -u)" = 0 ]; then
  deploy/local/postgres.sh
else
  sudo -n deploy/local/postgres.sh 2>/dev/null || deploy/local/postgres.sh
fi
# Two modules at a time (-T 2): a module's tests wait on Kafka, PostgreSQL and HTTP for much of their time, so a second
# module's build fills the gaps; every module has its own schema and the tests take free ports (the end-to-end tests,
# on fixed ports, depend on every service and so run last, alone).
exec ./mvnw -B -T 2 verify "$@"
