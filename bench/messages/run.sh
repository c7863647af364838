#!/usr/bin/env bash
# bench/messages (issue 15): notifications and private messages on two message nodes with 2 000 connected users.
# Prints the event-to-socket latency (p50/p99/max) of notifications (comments put on Kafka as interaction's outbox
# relays them, at a steady rate, each a notification to a random connected user, split by the node holding the
# socket), and of private messages between pairs of users who answer each other at once: POST to the receiver's
# socket, and the round trip (a message, its answer, back on the sender's socket), with both sockets on one node
# and on different nodes; writes bench/results/messages.txt.
#
# The services run as JVMs of their own from their runnable jars: the user service (cards, follow graph) and two
# message nodes sharing one database, Redis (REDIS_URL, else an embedded one) and Kafka (in this JVM). MariaDB:
# DB_URL (default 127.0.0.1:3306; databases ob_bench_messages_* are dropped and made afresh).
#
# Tuning (optional): BENCH_USERS (2000), BENCH_EVENTS_PER_SECOND (20; 100 saturated the notification consumers of two
# message nodes on two shared cores, and the latency then measures the queue), BENCH_SECONDS (20), BENCH_PAIRS (10; at 50 pairs answering each other at once the nodes run at their limit and
# the latencies measure the queue).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
# Built in one reactor (nothing is installed into ~/.m2); message-app comes last, so the classpath is its test one.
./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true -pl services/user/user-app,services/message/message-app -am \
  package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null

java -Xmx1g -XX:+UseParallelGC -cp "$(cat "$classpath")" bench/messages/MessagesBench.java "$root" \
  "$root/services/message/message-app/target/message-app-0.1.0-SNAPSHOT-exec.jar" \
  "$root/services/user/user-app/target/user-app-0.1.0-SNAPSHOT-exec.jar"
