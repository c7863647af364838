#!/usr/bin/env bash
# bench/dynamics (issue 15): the feed (动态) of a reader following 1 000 uploaders, built three ways side by side in
# one run: push (every dynamic into every follower's inbox), pull (every followed author's timeline read at read
# time) and the hybrid (authors above DYNAMICS_PUSH_THRESHOLD, 5 000, pulled; the rest pushed). Prints, for each way,
# GET /api/v1/dynamics reads/s and p50/p99 of the reader's first page, and the write cost of one post by an uploader
# with 100 000 followers (the request, the fan-out the message node timed, the inboxes written, the Redis memory it
# took); writes bench/results/dynamics.txt.
#
# The services run as JVMs of their own from their runnable jars: one user service (the follow graph, its rows written
# straight into its MariaDB database) and, for each way, a fresh message node with its own database, Redis and Kafka
# broker. MariaDB: DB_URL (default 127.0.0.1:3306; databases ob_bench_dynamics_* are dropped and made afresh).
#
# Tuning (optional): BENCH_UPLOADERS (1000), BENCH_SMALL_FOLLOWERS (50), BENCH_BIG_FOLLOWERS (6000, for 1 % of the
# uploaders), BENCH_STAR_FOLLOWERS (100000), BENCH_POSTS_PER_UPLOADER (5), BENCH_SECONDS (20 of reads per way),
# BENCH_CLIENTS (8).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
# Built in one reactor (nothing is installed into ~/.m2); message-app comes last, so the classpath is its test one.
./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true -pl services/user/user-app,services/message/message-app -am \
  package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null

java -Xmx1g -XX:+UseParallelGC -cp "$(cat "$classpath")" bench/dynamics/DynamicsBench.java "$root" \
  "$root/services/message/message-app/target/message-app-0.1.0-SNAPSHOT-exec.jar" \
  "$root/services/user/user-app/target/user-app-0.1.0-SNAPSHOT-exec.jar"
