#!/usr/bin/env bash
# bench/auth: logins/s, and what JWT validation at the gateway adds to a request's p50/p99, measured side by
# side with the same request unauthenticated, in one run. Starts the whole platform (standalone mode) on
# ports and a data directory of its own with RATE_LIMITS=off, measures, prints the comparison, stops it.
#
# Tuning (all optional): BENCH_USERS (16), BENCH_LOGIN_THREADS (8), BENCH_LOGIN_SECONDS (20), BENCH_SAMPLES (5000).
# Set OPENBILI_NO_BUILD=0 to let start.sh rebuild what is out of date first.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

if [ ! -f standalone/target/standalone.jar ] || [ ! -f standalone/target/services/auth-app.jar ]; then
  echo "bench/auth: building the platform first…"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl standalone -am package
fi

# BCrypt alone is the ceiling of any password login; measured with the same library the auth service uses.
crypto=$(find "${HOME}/.m2/repository/org/springframework/security/spring-security-crypto" -name 'spring-security-crypto-*.jar' \
  -not -name '*sources*' 2>/dev/null | sort -V | tail -1 || true)
logging=$(find "${HOME}/.m2/repository/commons-logging/commons-logging" -name 'commons-logging-*.jar' 2>/dev/null | sort -V | tail -1 || true)

exec java -Xmx512m -cp "${crypto:-}:${logging:-}" bench/auth/AuthBench.java "$root"
