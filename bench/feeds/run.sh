#!/usr/bin/env bash
# bench/feeds: the discovery feeds through the gateway next to the cheapest read there is, in one run, with wrk
# --latency (32 connections): requests/s, p50 and p99 of
#   partitions  GET /api/v1/partitions                 (the cached partition tree, video service: the yardstick)
#   hot         GET /api/v1/feed/hot                   (Redis only: a page of a sorted set and its cards)
#   recommend   GET /api/v1/feed/recommend, signed in  (a user with a history, every request a first page: the
#                                                       copy of their feed computed from their signals and the
#                                                       recommender at most every 10 s, and reused in between while
#                                                       nothing it came from changed; OPENBILI_RECOMMEND_FEED_REUSE=0s
#                                                       makes every request compute it)
#   guest       GET /api/v1/feed/recommend, signed out (the fresh-and-hot blend, paged from a shared copy)
# and each one's ratio to the partitions read (target: hot and recommend at least 0.5).
# Starts the platform (standalone, REVIEW_MODE=auto, RATE_LIMITS=off) on ports and a data directory of its own, seeds
# it through the public API (BENCH_VIDEOS published videos of 8 uploaders in six partitions; BENCH_VIEWERS users who
# watch and like some of them, so the hot lists and the recommender have something to work with), warms every route
# up, measures, stops it. Any non-2xx/3xx answer during a measurement fails the run.
#
# Tuning (all optional): BENCH_SECONDS (15 per route and round), BENCH_ROUNDS (2, best round reported),
# BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_WARMUP_SECONDS (30 per route), BENCH_VIDEOS (40),
# BENCH_VIEWERS (20). OPENBILI_NO_BUILD=0 lets ./start.sh rebuild first.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
results="$root/bench/results/feeds"
seconds=${BENCH_SECONDS:-15}
rounds=${BENCH_ROUNDS:-2}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
warmup=${BENCH_WARMUP_SECONDS:-30}
viewers=${BENCH_VIEWERS:-20}

. bench/lib/platform.sh
. bench/lib/wrk.sh
. bench/reads/seed.sh
install_missing wrk:wrk jq:jq unzip:unzip
build_platform_if_missing

rm -rf "$results/run" && mkdir -p "$results/run"
work="$results/run"
use_free_ports
export REVIEW_MODE=auto

platform_pid=""
trap stop_platform_in_background EXIT

echo "bench/feeds: starting the platform (gateway on $PORT)…"
start_platform_in_background "$work/data" "$work/platform.log"
await_platform "$work/platform.log" 600

echo "bench/feeds: seeding ${BENCH_VIDEOS:-40} videos and $viewers viewers through the gateway…"
started=$SECONDS
videos=${BENCH_VIDEOS:-40}
partitions=(anime music game tech life food)
stamp=$(date +%s | tail -c 6)
uploader_tokens=()
for i in $(seq 1 8); do uploader_tokens+=("$(seed_user "fup${stamp}_$i")"); done
bvids=()
mkdir -p "$work/clips"
for i in $(seq 1 "$videos"); do
  bvids+=("$(seed_video "${uploader_tokens[$(((i - 1) % 8))]}" "$i" "${partitions[$((i % ${#partitions[@]}))]}")")
done
for i in $(seq 1 "$videos"); do seed_wait_published "${uploader_tokens[$(((i - 1) % 8))]}" "${bvids[$((i - 1))]}"; done
until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://localhost:$PORT/api/v1/videos/${bvids[0]}/heartbeat" \
  -H 'Content-Type: application/json' --data '{"progressMs":0}')" = 204 ]; do sleep 0.5; done
# each viewer watches and likes a run of videos of two partitions: tastes the recommender can learn
for v in $(seq 1 "$viewers"); do
  token=$(seed_user "fview${stamp}_$v")
  [ "$v" = 1 ] && reader_token=$token
  for k in $(seq 0 11); do
    bvid=${bvids[$(((v * 6 + k * 3) % videos))]}
    seed_api POST "/api/v1/videos/$bvid/heartbeat" "$token" '{"progressMs":1000}' >/dev/null
    [ $((k % 2)) = 0 ] && seed_api PUT "/api/v1/videos/$bvid/like" "$token" >/dev/null
  done
done
# the hot lists and the recommender catch up (the recommender is trained every 10 s standalone)
deadline=$((SECONDS + 120))
until [ "$(curl -s "http://localhost:$PORT/api/v1/feed/hot?size=50" | jq '.items | length')" -ge 10 ] \
  && [ "$(curl -s -H "Authorization: Bearer $reader_token" "http://localhost:$PORT/api/v1/feed/recommend" | jq '.items | length')" -ge 5 ]; do
  [ $SECONDS -lt $deadline ] || { echo "bench/feeds: the feeds did not fill within 2 minutes"; exit 1; }
  sleep 2
done
echo "bench/feeds: seeded in $((SECONDS - started)) s"

routes=(partitions hot recommend guest)
declare -A url=(
  [partitions]="http://localhost:$PORT/api/v1/partitions"
  [hot]="http://localhost:$PORT/api/v1/feed/hot"
  [recommend]="http://localhost:$PORT/api/v1/feed/recommend"
  [guest]="http://localhost:$PORT/api/v1/feed/recommend"
)
measure() { # route seconds
  if [ "$1" = recommend ]; then
    wrk_measure "$1" "$2" "${url[$1]}" -H "Authorization: Bearer $reader_token"
  else
    wrk_measure "$1" "$2" "${url[$1]}"
  fi
}
for route in hot guest; do
  [ "$(curl -s "${url[$route]}" | jq '.items | length')" -ge 10 ] || { echo "bench/feeds: $route lists fewer than 10 videos"; exit 1; }
done

echo "bench/feeds: warming up each of ${#routes[@]} routes for ${warmup}s…"
for route in "${routes[@]}"; do measure "$route" "$warmup" >"$work/wrk-$route-warmup.txt"; done

echo "bench/feeds: measuring $rounds round(s) of ${seconds}s per route, wrk -t$threads -c$connections…"
declare -A best best_out
for round in $(seq 1 "$rounds"); do
  for route in "${routes[@]}"; do
    out=$(measure "$route" "$seconds")
    echo "$out" >"$work/wrk-$route-$round.txt"
    value=$(wrk_value "$out")
    echo "  round $round: $route $value req/s, p50 $(wrk_latency "$out" 50%) ms, p99 $(wrk_latency "$out" 99%) ms"
    if [ -z "${best[$route]:-}" ] || [ "$value" -gt "${best[$route]}" ]; then
      best[$route]=$value; best_out[$route]=$out
    fi
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "ok" : "BELOW") }'; }
row() { # route label target
  local r
  r=$(ratio "${best[$1]}" "${best[partitions]}")
  printf '%-44s %8s %7s %7s %12s %-5s\n' "$2" "${best[$1]}" "$(wrk_latency "${best_out[$1]}" 50%)" \
    "$(wrk_latency "${best_out[$1]}" 99%)" "$r" "$([ -n "${3:-}" ] && verdict "$r" "$3")"
}
report=$(
  echo "bench/feeds — through the gateway, wrk -t$threads -c$connections --latency, best of $rounds round(s) of ${seconds} s,"
  echo "$(nproc) core(s), one run; $videos published videos, $viewers viewers; req/s and ms"
  printf '%-44s %8s %7s %7s %12s\n' "route" "req/s" "p50" "p99" "/partitions"
  row partitions "partitions (the yardstick)"
  row hot "/feed/hot (Redis only)" 0.5
  row recommend "/feed/recommend signed in (first page)" 0.5
  row guest "/feed/recommend guest (shared copy)"
  echo "target: the feeds at least 0.5 of the partitions read's throughput"
)
echo "$report"
echo "$report" >"$results/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
