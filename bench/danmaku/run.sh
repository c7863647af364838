#!/usr/bin/env bash
# bench/danmaku (issues 5 and 13): danmaku fan-out per CPU. One video room of 1 000, then 5 000, then 10 000 viewers
# whose sockets are spread over two message-service nodes, plus a few viewers that never read (BENCH_SLOW_VIEWERS);
# posters send danmaku over the WebSocket at a steady rate, through the whole path (interaction stores it, its outbox,
# Kafka, one message node, Redis pub/sub, both nodes, every viewer). For each size it prints deliveries/s, deliveries
# per message-node CPU-second, the share delivered to the viewers that keep up, delivery p50/p99/max, and the danmaku
# the nodes dropped for the slow viewers; writes bench/results/danmaku.txt.
#
# CPU attribution: the two message nodes run as JVMs of their own, from message-app's runnable jar in distributed mode
# (own Tomcat, Redis pub/sub between them, one Kafka consumer group), not inside a standalone JVM. Their utime + stime
# from /proc/<pid>/stat over a phase (first post to last delivery, idle work included) is what "per msg CPU-s"
# divides by. The viewers' sockets (one JVM, a small NIO WebSocket client on BENCH_CLIENT_THREADS threads), the
# posters, Kafka (in that JVM), Redis (REDIS_URL, else embedded), MariaDB (DB_URL, default 127.0.0.1:3306) and
# interaction (its own JVM) share the same cores but are not counted against the message nodes.
#
# Before and after: BENCH_BASELINE=<git revision> also builds message-app as it was at that revision (from a
# `git archive` in a temporary directory, against the platform libraries of this checkout in ~/.m2; the jar is kept
# in bench/results/) and measures it first, on fresh nodes, with the same phases against the same interaction, in the
# same run. The rows of one run are comparable; on a shared machine runs are not.
#
# Tuning (optional): BENCH_VIEWERS ("1000,5000,10000"), BENCH_POSTS_PER_SECOND (20), BENCH_SECONDS (15 per size),
# BENCH_SLOW_VIEWERS (10 per size), BENCH_CLIENT_THREADS (2), BENCH_BASELINE (none).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

# Every viewer is a file descriptor here and one in a message node.
largest=$(tr ',' '\n' <<<"${BENCH_VIEWERS:-1000,5000,10000}" | sort -n | tail -1)
needed=$((largest + ${BENCH_SLOW_VIEWERS:-10} + 2000))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
    echo "bench/danmaku: $needed open files are needed, ulimit -n allows $(ulimit -n)" >&2
    exit 1
  fi
fi

./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true \
  -pl services/interaction/interaction-api,services/interaction/interaction-app,services/message/message-api,services/message/message-app install
builds=("after=$root/services/message/message-app/target/message-app-0.1.0-SNAPSHOT-exec.jar")
if [ -n "${BENCH_BASELINE:-}" ]; then
  revision=$(git rev-parse --verify "${BENCH_BASELINE}^{commit}")
  baseline="$root/bench/results/danmaku-message-app-${revision:0:12}.jar"
  if [ ! -f "$baseline" ]; then
    echo "bench/danmaku: building message-app at ${revision:0:12} for the baseline…"
    source_tree=$(mktemp -d)
    git archive "$revision" | tar -x -C "$source_tree"
    (cd "$source_tree" && ./mvnw -q -B -ntp -Dmaven.test.skip=true -Dspotless.check.skip=true -pl services/message/message-app package)
    mkdir -p bench/results
    cp "$source_tree/services/message/message-app/target/message-app-0.1.0-SNAPSHOT-exec.jar" "$baseline"
    rm -rf "$source_tree"
  fi
  builds=("before=$baseline" "${builds[@]}")
fi

classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
./mvnw -q -B -ntp -pl services/interaction/interaction-app dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null

java -Xmx1g -XX:+UseParallelGC -cp "$(cat "$classpath")" bench/danmaku/DanmakuBench.java "$root" "${builds[@]}"
