#!/usr/bin/env bash
# bench/scaleout (issue 18): the same mixed read/write load through the gateway with one and with two instances of
# the interaction service, in one run on one machine, and what a SIGKILL of one instance costs in the middle of a run.
#
# The load (mixed.lua, wrk --latency): many signed-in users on a few videos; of each 20 requests 5 video-page reads
# (video service), 7 hot-comment reads, 6 likes or unlikes and 2 comments posted (interaction), the writes each by
# the next of BENCH_USERS users. Phases, one after the other on the same platform:
#   one         the standalone platform alone (its interaction inside the platform's JVM)
#   two         with a second interaction instance in a JVM of its own, from its runnable jar, registered in the
#               platform's Eureka: req/s, p50, p99, failures, and each instance's share of the interaction requests
#               (the growth of its http_server_requests_seconds_count on its own /actuator/prometheus)
#   kill        the second instance gets SIGKILL BENCH_KILL_AFTER seconds in: the failures, when they stop, and
#               wrk's socket errors
#   one again   after the kill, one instance again: the "one" measurement repeated, so drift on a shared machine
#               shows
# Then the counts: likes and comments in the API (the videos' stats) against the rows and video_stats in the
# database, and the comment rows against the 201s the clients got (never fewer: more by the posts still in flight when
# a wrk run ended, whose answers wrk drops, and when the instance died); and the counter flush's cluster jobs
# (ShedLock) on each instance.
#
# Engines: the platform runs on the MariaDB at DB_URL's server (default 127.0.0.1:3306; databases
# ob_bench_scaleout_<service>, dropped first), since two JVMs cannot share H2 files; Redis and Kafka are the
# platform's embedded ones (or REDIS_URL / KAFKA_BOOTSTRAP_SERVERS when set), which the second instance joins.
#
# Tuning (all optional): BENCH_SECONDS (30 per phase), BENCH_WARMUP_SECONDS (30, before "one" and again before
# "two", so each JVM's JIT has seen the load), BENCH_KILL_SECONDS (240: long enough to see the registry drop the dead
# instance), BENCH_KILL_AFTER (15), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_USERS (64), BENCH_VIDEOS (4),
# BENCH_COMMENTS (200 seeded on each video), BENCH_PORT_BASE (13 odd ports from there instead of free ones the
# system picks), BENCH_SECOND_ARGS (more arguments for the second instance, e.g.
# --eureka.instance.lease-expiration-duration-in-seconds=15 to see a shorter lease). OPENBILI_NO_BUILD=0 lets
# ./start.sh rebuild first.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
results="$root/bench/results/scaleout"
seconds=${BENCH_SECONDS:-30}
warmup=${BENCH_WARMUP_SECONDS:-30}
kill_seconds=${BENCH_KILL_SECONDS:-240}
kill_after=${BENCH_KILL_AFTER:-15}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
users=${BENCH_USERS:-64}
videos=${BENCH_VIDEOS:-4}
comments_each=${BENCH_COMMENTS:-200}

. bench/lib/platform.sh
. bench/lib/wrk.sh
. bench/reads/seed.sh
install_missing wrk:wrk jq:jq unzip:unzip mariadb:mariadb-client
build_platform_if_missing
jar=standalone/target/services/interaction-app.jar
[ -f "$jar" ] || jar=services/interaction/interaction-app/target/interaction-app-0.1.0-SNAPSHOT-exec.jar
[ -f "$jar" ] || { echo "bench/scaleout: no runnable interaction jar (build the platform first)" >&2; exit 1; }

rm -rf "$results/run" && mkdir -p "$results/run"
work="$results/run"
if [ -n "${BENCH_PORT_BASE:-}" ]; then
  # odd ports from a range given to this run that no socket uses now (TIME-WAIT too): Linux takes even ports first
  # for outgoing connections, so on a busy machine an even port inside ip_local_port_range is soon some client's
  # while the platform is still starting
  port=$((BENCH_PORT_BASE | 1))
  next_port() {
    while ss -Htan | awk '{ print $4 }' | grep -q ":$port\$"; do port=$((port + 2)); done
    echo "$port"
  }
  for name in $(port_variables); do
    next=$(next_port); port=$((next + 2)); export "$name=$next"
  done
  second_port=$(next_port)
else
  use_free_ports
  second_port=$(free_port)
fi
export REVIEW_MODE=auto SNOWFLAKE_WORKER_ID=1

# one MariaDB database per service, fresh
db_server=$(sed -E 's#^(jdbc:(mariadb|mysql)://[^/?]+).*#\1#' <<<"${DB_URL:-jdbc:mariadb://127.0.0.1:3306}")
db_host=$(sed -E 's#^jdbc:(mariadb|mysql)://([^:/?]+).*#\2#' <<<"$db_server")
db_port=$(sed -nE 's#^jdbc:(mariadb|mysql)://[^:/?]+:([0-9]+).*#\2#p' <<<"$db_server")
sql() { # DATABASE STATEMENT → its rows, columns separated by tabs
  mariadb -N -B -h "$db_host" -P "${db_port:-3306}" -u "${DB_USERNAME:-root}" ${DB_PASSWORD:+-p"$DB_PASSWORD"} \
    ${1:+"$1"} -e "$2"
}
for service in $(application_services); do sql "" "DROP DATABASE IF EXISTS ob_bench_scaleout_$service"; done
export DB_URL="$db_server/ob_bench_scaleout"
interaction_db="$db_server/ob_bench_scaleout_interaction?createDatabaseIfNotExist=true"

platform_pid="" second_pid=""
stop_all() {
  if [ -n "$second_pid" ]; then kill -TERM "$second_pid" 2>/dev/null || true; wait "$second_pid" 2>/dev/null || true; fi
  stop_platform_in_background
}
trap stop_all EXIT

echo "bench/scaleout: starting the platform (gateway on $PORT, interaction on $INTERACTION_PORT, MariaDB ${DB_URL#jdbc:})…"
start_platform_in_background "$work/data" "$work/platform.log"
await_platform "$work/platform.log" 600
redis_url=${REDIS_URL:-redis://127.0.0.1:$EMBEDDED_REDIS_PORT}
kafka_servers=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$EMBEDDED_KAFKA_PORT}
registry_auth="${INTERNAL_CLIENT_ID:-openbili-internal}:$(cat "$work/data/internal-client-secret")"

echo "bench/scaleout: seeding $videos videos, $((videos * comments_each)) comments and $users users through the gateway…"
started=$SECONDS
mkdir -p "$work/clips"
stamp=$(date +%s | tail -c 6)
uploader=$(seed_user "up${stamp}")
bvids=()
for i in $(seq 1 "$videos"); do bvids+=("$(seed_video "$uploader" "$i" music)"); done
for bvid in "${bvids[@]}"; do seed_wait_published "$uploader" "$bvid"; done
for bvid in "${bvids[@]}"; do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORT/api/v1/videos/$bvid/comments")" = 200 ]; do sleep 0.5; done
  seed_comments "$bvid" "$uploader" "$comments_each"
done
printf '%s\n' "${bvids[@]}" >"$work/bvids.txt"
: >"$work/tokens.txt"
for i in $(seq 1 "$users"); do seed_user "fan${stamp}_$i" >>"$work/tokens.txt"; done
grep -c . "$work/tokens.txt" | grep -qx "$users" || { echo "bench/scaleout: not every user signed up" >&2; exit 1; }
echo "bench/scaleout: seeded in $((SECONDS - started)) s"

# mixed NAME SECONDS: one wrk run of the mixed load, its output in $work/wrk-NAME.txt
mixed() {
  wrk -t"$threads" -c"$connections" -d"${2}s" --timeout 10s --latency -s bench/scaleout/mixed.lua \
    "http://localhost:$PORT" -- "$work/tokens.txt" "$work/bvids.txt" "$threads" >"$work/wrk-$1.txt"
}
# served PORT → requests an interaction instance answered so far (its http_server_requests_seconds_count, not
# counting /actuator)
served() {
  curl -fs -m 5 "http://127.0.0.1:$1/actuator/prometheus" \
    | awk '/^http_server_requests_seconds_count\{/ && !/uri="\/actuator/ { n += $NF } END { printf "%d", n }'
}
# flushes PORT OUTCOME → the counter flush's cluster_jobs_total for that outcome (ran, skipped) on that instance
flushes() {
  curl -fs -m 5 "http://127.0.0.1:$1/actuator/prometheus" \
    | awk -v o="outcome=\"$2\"" '/^cluster_jobs_total\{/ && /job="interaction.counter-flush"/ && index($0, o) { n += $NF }
        END { printf "%d", n }'
}
# interaction instances the registry has UP
registered() {
  curl -fs -m 5 -u "$registry_auth" -H 'Accept: application/json' "http://localhost:$REGISTRY_PORT/eureka/apps/INTERACTION" \
    | jq '[.application.instance | if type == "array" then .[] else . end | select(.status == "UP")] | length' 2>/dev/null \
    || echo 0
}
failures() { # NAME → answers ≥ 400 plus socket errors
  awk '/^status [0-9]+:/ { split($2, s, ":"); if (s[1] + 0 >= 400) n += $3 } /^socket errors:/ { n += $3 } END { print n + 0 }' \
    "$work/wrk-$1.txt"
}

echo "bench/scaleout: warming up the platform for ${warmup}s…"
mixed warmup-one "$warmup"
echo "bench/scaleout: one instance, ${seconds}s…"
mixed one "$seconds"

echo "bench/scaleout: starting a second interaction instance on $second_port ($jar)…"
mkdir -p "$work/data-2"
SPRING_PROFILES_ACTIVE=standalone INTERACTION_PORT=$second_port SNOWFLAKE_WORKER_ID=2 DATA_DIR="$work/data-2" \
  EUREKA_URL="http://localhost:$REGISTRY_PORT/eureka/" AUTH_ISSUER="http://localhost:$PORT" \
  INTERNAL_CLIENT_SECRET="$(cat "$work/data/internal-client-secret")" REDIS_URL="$redis_url" \
  KAFKA_BOOTSTRAP_SERVERS="$kafka_servers" RATE_LIMITS=off \
  java -Xms256m -Xmx768m -XX:+UseG1GC -jar "$jar" --spring.datasource.url="$interaction_db" ${BENCH_SECOND_ARGS:-} \
  >"$work/interaction-2.log" 2>&1 &
second_pid=$!
deadline=$((SECONDS + 300))
until [ "$(registered)" = 2 ]; do
  kill -0 "$second_pid" 2>/dev/null || { echo "bench/scaleout: the second instance exited:" >&2; tail -40 "$work/interaction-2.log" >&2; exit 1; }
  [ $SECONDS -lt $deadline ] || { echo "bench/scaleout: the second instance never registered" >&2; tail -40 "$work/interaction-2.log" >&2; exit 1; }
  sleep 1
done
# the gateway's load balancer learns of it from its next registry fetch (5 s) and its cache (5 s)
before2=$(served "$second_port")
until [ "$(served "$second_port")" -gt "$((before2 + 5))" ]; do
  for bvid in "${bvids[@]}"; do curl -s -o /dev/null "http://localhost:$PORT/api/v1/videos/$bvid/comments"; done
  [ $SECONDS -lt $deadline ] || { echo "bench/scaleout: the gateway never sent the second instance a request" >&2; exit 1; }
done
echo "bench/scaleout: the gateway routes to both; warming up with two for ${warmup}s…"
mixed warmup-two "$warmup"

a1=$(served "$INTERACTION_PORT") a2=$(served "$second_port")
r1=$(flushes "$INTERACTION_PORT" ran) s1=$(flushes "$INTERACTION_PORT" skipped)
r2=$(flushes "$second_port" ran) s2=$(flushes "$second_port" skipped)
echo "bench/scaleout: two instances, ${seconds}s…"
mixed two "$seconds"
b1=$(served "$INTERACTION_PORT") b2=$(served "$second_port")
share1=$((b1 - a1)) share2=$((b2 - a2))
ran1=$(($(flushes "$INTERACTION_PORT" ran) - r1)) skipped1=$(($(flushes "$INTERACTION_PORT" skipped) - s1))
ran2=$(($(flushes "$second_port" ran) - r2)) skipped2=$(($(flushes "$second_port" skipped) - s2))

echo "bench/scaleout: kill phase, ${kill_seconds}s; SIGKILL to the second instance after ${kill_after}s…"
mixed kill "$kill_seconds" &
wrk_pid=$!
sleep "$kill_after"
killed_at=$(date +%s)
kill -KILL "$second_pid"
wait "$second_pid" 2>/dev/null || true
second_pid=""
gone_at=""
while kill -0 "$wrk_pid" 2>/dev/null; do
  if [ -z "$gone_at" ] && [ "$(registered)" = 1 ]; then gone_at=$(date +%s); fi
  sleep 1
done
wait "$wrk_pid"
echo "bench/scaleout: one instance again, ${seconds}s…"
f1=$(flushes "$INTERACTION_PORT" ran)
mixed one-again "$seconds"
ran_after=$(($(flushes "$INTERACTION_PORT" ran) - f1))

# counts: the API against the database, once the write-behind has folded the journal (within seconds)
created=$(cat "$work"/wrk-*.txt | awk '/^created:/ { n += $2 } END { print n + 0 }')
api_counts() {
  local bvid likes=0 comments=0 body
  for bvid in "${bvids[@]}"; do
    body=$(curl -fs "http://localhost:$PORT/api/v1/videos/$bvid")
    likes=$((likes + $(jq .stats.likes <<<"$body"))) comments=$((comments + $(jq .stats.comments <<<"$body")))
  done
  echo "$likes $comments"
}
db=ob_bench_scaleout_interaction
deadline=$((SECONDS + 60))
while :; do
  read -r api_likes api_comments < <(api_counts)
  like_rows=$(sql "$db" "SELECT COUNT(*) FROM video_like")
  comment_rows=$(sql "$db" "SELECT COUNT(*) FROM video_comment")
  read -r stats_likes stats_comments < <(sql "$db" "SELECT COALESCE(SUM(likes), 0), COALESCE(SUM(comments), 0) FROM video_stats")
  [ "$api_likes" = "$like_rows" ] && [ "$stats_likes" = "$like_rows" ] && [ "$api_comments" = "$comment_rows" ] \
    && [ "$stats_comments" = "$comment_rows" ] && break
  [ $SECONDS -lt $deadline ] || break
  sleep 1
done
seeded_comments=$((videos * comments_each))

kill_failures=$(failures kill)
timeline=$(awk -v k="$killed_at" '/^failures at/ { s = $3 + 0 - k; if (first == "" || s < first) first = s;
    if (last == "" || s > last) last = s } END { if (first == "") print "none"; else printf "from %+d s to %+d s of the kill", first, last }' \
  "$work/wrk-kill.txt")
row() { # NAME LABEL
  printf '%-34s %8s %8s %8s %10s %9s\n' "$2" "$(wrk_value "$(cat "$work/wrk-$1.txt")")" \
    "$(wrk_latency "$(cat "$work/wrk-$1.txt")" 50%)" "$(wrk_latency "$(cat "$work/wrk-$1.txt")" 99%)" \
    "$(awk '/requests in/ { print $1 }' "$work/wrk-$1.txt")" "$(failures "$1")"
}
exact() { [ "$1" = "$2" ] && echo exact || echo "DIFFERENT"; }
report=$(
  echo "bench/scaleout — wrk -t$threads -c$connections --latency, mixed load (of 20: 5 video reads, 7 comment reads, 6 likes/unlikes,"
  echo "2 comments posted) by $users users on $videos videos, through the gateway; $(nproc) core(s), one run, ${seconds} s per phase"
  printf '%-34s %8s %8s %8s %10s %9s\n' "phase" "req/s" "p50 ms" "p99 ms" "requests" "failures"
  row one "one interaction instance"
  row two "two instances"
  row kill "two, one SIGKILLed at +${kill_after} s (${kill_seconds} s)"
  row one-again "one again, after the kill"
  echo "two/one: $(awk -v a="$(wrk_value "$(cat "$work/wrk-two.txt")")" -v b="$(wrk_value "$(cat "$work/wrk-one.txt")")" 'BEGIN { printf "%.2f", a / b }')x the req/s"
  echo "interaction requests answered during \"two\": instance 1 (in the platform's JVM) $share1, instance 2 (own JVM) $share2"
  echo "counter flush (ShedLock) during \"two\": instance 1 ran $ran1, skipped $skipped1; instance 2 ran $ran2, skipped $skipped2;"
  echo "  instance 1 alone after the kill: ran $ran_after in ${seconds} s"
  echo "kill: $kill_failures failures ($(grep '^socket errors' "$work/wrk-kill.txt")); answers ≥ 400 $timeline;"
  echo "  the registry listed one instance $([ -n "$gone_at" ] && echo "$((gone_at - killed_at)) s after the kill" || echo "not before the phase ended")"
  grep -E '^status (4|5)[0-9]{2}:' "$work/wrk-kill.txt" | sed 's/^/  kill: /' || true
  echo "likes: API $api_likes, like rows $like_rows, video_stats $stats_likes ($(exact "$api_likes" "$like_rows"))"
  echo "comments: rows $comment_rows, API $api_comments, video_stats $stats_comments ($(exact "$api_comments" "$comment_rows"));" \
    "acknowledged (201) $created + seeded $seeded_comments = $((created + seeded_comments)):" \
    "$([ "$comment_rows" -ge "$((created + seeded_comments))" ] && echo "none lost" || echo "$((created + seeded_comments - comment_rows)) LOST");"
  echo "  rows beyond the acknowledged: $((comment_rows - created - seeded_comments)) (posts in flight when a wrk run ended or the instance died)"
)
echo "$report"
echo "$report" >"$results/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
