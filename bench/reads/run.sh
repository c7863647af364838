#!/usr/bin/env bash
# bench/reads: what the most-read pages cost, next to the cheapest read there is, in one run. Through the gateway
# and at the owning service's own port, with wrk --latency (requests/s, p50, p99):
#   partitions  GET /api/v1/partitions                              (the partition tree, video service: the yardstick)
#   detail      GET /api/v1/videos/{bvid}                           (the video page, video service)
#   list        GET /api/v1/videos?sort=new&size=11                 (the newest videos, video service)
#   comments    GET /api/v1/videos/{bvid}/comments?sort=hot&size=10 (the video page's comments, interaction service)
# and the detail read repeated with its ETag (If-None-Match → 304). Prints each route's ratio to the partitions read
# (targets: detail ≥ 0.7, list ≥ 0.5, comments ≥ 0.7) and its gateway/direct ratio (target ≥ 0.5).
# Starts the platform (standalone mode, REVIEW_MODE=auto, RATE_LIMITS=off) on ports and a data directory of its
# own, seeds it through the public API (seed.sh: 40 published videos of 8 uploaders, 3200 comments on the first),
# warms every route up, measures, stops it. Any non-2xx/3xx answer during a measurement fails the run.
#
# Tuning (all optional): BENCH_SECONDS (15 per route and round), BENCH_ROUNDS (2: the routes take turns, the best
# round of each is reported, so a burst of load from elsewhere does not decide the comparison), BENCH_CONNECTIONS
# (32), BENCH_THREADS (2), BENCH_WARMUP_SECONDS (30 per route and path before the first round), BENCH_VIDEOS (40),
# BENCH_COMMENTS (3200). OPENBILI_NO_BUILD=0 lets ./start.sh rebuild first.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
results="$root/bench/results/reads"
seconds=${BENCH_SECONDS:-15}
rounds=${BENCH_ROUNDS:-2}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
warmup=${BENCH_WARMUP_SECONDS:-30}

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

echo "bench/reads: starting the platform (gateway on $PORT, video on $VIDEO_PORT, interaction on $INTERACTION_PORT)…"
start_platform_in_background "$work/data" "$work/platform.log"
await_platform "$work/platform.log" 600

echo "bench/reads: seeding ${BENCH_VIDEOS:-40} videos and ${BENCH_COMMENTS:-3200} comments through the gateway…"
started=$SECONDS
seed_data
bvid=$commented_bvid
echo "bench/reads: seeded in $((SECONDS - started)) s; the detail and comments reads are of $bvid"

routes=(partitions detail list comments)
declare -A route_path=(
  [partitions]="/api/v1/partitions"
  [detail]="/api/v1/videos/$bvid"
  [list]="/api/v1/videos?sort=new&size=11"
  [comments]="/api/v1/videos/$bvid/comments?sort=hot&size=10"
)
declare -A route_port=([partitions]=$VIDEO_PORT [detail]=$VIDEO_PORT [list]=$VIDEO_PORT [comments]=$INTERACTION_PORT)
declare -A url
targets=()
for route in "${routes[@]}"; do
  url[$route/gateway]="http://localhost:$PORT${route_path[$route]}"
  url[$route/direct]="http://127.0.0.1:${route_port[$route]}${route_path[$route]}"
  targets+=("$route/gateway" "$route/direct")
done

# every target answers 200 with the same JSON as its service; the pages are full
for target in "${targets[@]}"; do
  file="$work/body-${target//\//-}.json"
  code=$(curl -s -o "$file" -w '%{http_code}' "${url[$target]}")
  [ "$code" = 200 ] || { echo "bench/reads: ${url[$target]} answered $code: $(head -c 300 "$file")"; exit 1; }
done
for route in "${routes[@]}"; do
  cmp -s "$work/body-$route-gateway.json" "$work/body-$route-direct.json" \
    || { echo "bench/reads: $route answers differently through the gateway and directly"; exit 1; }
done
[ "$(jq '.items | length' "$work/body-list-gateway.json")" = 11 ] || { echo "bench/reads: the list is not full"; exit 1; }
[ "$(jq '.items | length' "$work/body-comments-gateway.json")" = 10 ] || { echo "bench/reads: the comments page is not full"; exit 1; }

# the repeat read: the detail with its ETag must be a 304 without a body
etag=$(curl -s -D - -o /dev/null "${url[detail/gateway]}" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: *//p')
[ -n "$etag" ] || { echo "bench/reads: the detail read has no ETag"; exit 1; }
for path in gateway direct; do
  answer=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "If-None-Match: $etag" "${url[detail/$path]}")
  [ "$answer" = "304 0" ] || { echo "bench/reads: the repeat detail read ($path) answered '$answer', not a bodiless 304"; exit 1; }
done
url[etag/gateway]=${url[detail/gateway]}
url[etag/direct]=${url[detail/direct]}
targets+=(etag/gateway etag/direct)
measure() { # target seconds
  if [ "${1%%/*}" = etag ]; then
    wrk_measure "$1" "$2" "${url[$1]}" -H "If-None-Match: $etag"
  else
    wrk_measure "$1" "$2" "${url[$1]}"
  fi
}

echo "bench/reads: warming up each of ${#targets[@]} targets for ${warmup}s…"
for target in "${targets[@]}"; do measure "$target" "$warmup" >"$work/wrk-${target//\//-}-warmup.txt"; done

echo "bench/reads: measuring $rounds round(s) of ${seconds}s per target, wrk -t$threads -c$connections…"
declare -A best best_out
for round in $(seq 1 "$rounds"); do
  for target in "${targets[@]}"; do
    out=$(measure "$target" "$seconds")
    echo "$out" >"$work/wrk-${target//\//-}-$round.txt"
    value=$(wrk_value "$out")
    echo "  round $round: $target $value req/s, p50 $(wrk_latency "$out" 50%) ms, p99 $(wrk_latency "$out" 99%) ms"
    if [ -z "${best[$target]:-}" ] || [ "$value" -gt "${best[$target]}" ]; then
      best[$target]=$value; best_out[$target]=$out
    fi
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "ok" : "BELOW") }'; }
declare -A target_ratio=([detail]=0.7 [list]=0.5 [comments]=0.7)
row() { # route label
  local g=$1/gateway d=$1/direct vs gd
  vs=$(ratio "${best[$g]}" "${best[partitions/gateway]}")
  gd=$(ratio "${best[$g]}" "${best[$d]}")
  printf '%-30s %8s %7s %7s %8s %7s %7s %6s %-5s %6s %-5s\n' "$2" \
    "${best[$g]}" "$(wrk_latency "${best_out[$g]}" 50%)" "$(wrk_latency "${best_out[$g]}" 99%)" \
    "${best[$d]}" "$(wrk_latency "${best_out[$d]}" 50%)" "$(wrk_latency "${best_out[$d]}" 99%)" \
    "$vs" "$([ -n "${target_ratio[$1]:-}" ] && verdict "$vs" "${target_ratio[$1]}")" \
    "$gd" "$(verdict "$gd" 0.5)"
}
report=$(
  echo "bench/reads — wrk -t$threads -c$connections --latency, best of $rounds round(s) of ${seconds} s, $(nproc) core(s), one run;"
  echo "${BENCH_VIDEOS:-40} published videos, ${BENCH_COMMENTS:-3200} comments on $bvid; req/s and ms"
  printf '%-30s %8s %7s %7s %8s %7s %7s %12s %12s\n' "route" "gateway" "p50" "p99" "direct" "p50" "p99" "/partitions" "gw/direct"
  row partitions "partitions (the yardstick)"
  row detail "detail /videos/{bvid}"
  row list "list ?sort=new&size=11"
  row comments "comments ?sort=hot&size=10"
  row etag "detail repeated, 304"
  echo "targets: detail ≥ 0.7, list ≥ 0.5, comments ≥ 0.7 of partitions (through the gateway); gateway/direct ≥ 0.5"
)
echo "$report"
echo "$report" >"$results/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
