#!/usr/bin/env bash
# bench/likes: like throughput and p99 with 200 concurrent users on one video, the Redis write-behind counters
# against a plain "UPDATE … SET likes = likes + 1" per like, in one run. Starts the interaction service from its
# runnable jar (once per mode, each with a fresh database on the MariaDB at DB_URL, default 127.0.0.1:3306),
# with Redis (REDIS_URL, else an embedded one) and an in-process Kafka; prints the comparison and writes it to
# bench/results/likes.txt.
#
# Tuning (optional): BENCH_USERS (200), BENCH_SECONDS (20 per mode), BENCH_WARMUP_SECONDS (5).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

./mvnw -q -B -DskipTests -Dspotless.check.skip=true \
  -pl services/interaction/interaction-api,services/interaction/interaction-app install
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
./mvnw -q -B -pl services/interaction/interaction-app dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null

java -Xmx1g -cp "$(cat "$classpath"):services/interaction/interaction-app/target/classes" \
  bench/likes/LikesBench.java "$root"
