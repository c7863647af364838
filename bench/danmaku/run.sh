#!/usr/bin/env bash
# bench/danmaku: one room with 1000, then 5000 viewers whose sockets are spread over two message-service nodes;
# posters send danmaku over the WebSocket at a steady rate. Prints posts/s in, deliveries/s out, delivery
# p50/p99/max and deliveries per core beside Bilibili goim's 35.9 M msg/s on 32 cores; writes
# bench/results/danmaku.txt. Runs interaction and two message nodes from their runnable jars (distributed mode),
# MariaDB at DB_URL (default 127.0.0.1:3306), Redis at REDIS_URL (else embedded), Kafka in-process.
#
# Tuning (optional): BENCH_VIEWERS ("1000,5000"), BENCH_POSTS_PER_SECOND (20), BENCH_SECONDS (15 per size).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

./mvnw -q -B -DskipTests -Dspotless.check.skip=true \
  -pl services/interaction/interaction-api,services/interaction/interaction-app,services/message/message-api,services/message/message-app install
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
./mvnw -q -B -pl services/interaction/interaction-app dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null

java -Xmx1g -cp "$(cat "$classpath")" bench/danmaku/DanmakuBench.java "$root"
