#!/usr/bin/env bash
# bench/helper: what the Node helper costs next to what it replaces, in one run, with wrk --latency (per second,
# p99, bytes per answer):
#   images  GET /img/320x180/<cover> (1280x720 JPEG covers, WebP out) cold — a second helper on the same media
#           store with IMAGE_CACHE_SIZE=0, so every request is a resize — and warm (cached) at the platform's
#           helper and through the gateway, against the original file from /media through the gateway and at the
#           video service
#   pages   GET /video/{bvid} (the share page with its head, rendered by the helper) through the gateway and at the
#           helper, against the plain web client's index.html (GET /) through the gateway
# Starts the platform (standalone mode, REVIEW_MODE=auto, RATE_LIMITS=off) on ports and a data directory of its
# own, publishes one video through the API (seed.sh), writes BENCH_COVERS covers into its media store, measures,
# stops everything. Any non-2xx/3xx answer during a measurement fails the run.
#
# Tuning (all optional): BENCH_SECONDS (10 per target and round), BENCH_ROUNDS (2: targets take turns, the best
# round of each is reported), BENCH_CONNECTIONS (16), BENCH_THREADS (2), BENCH_WARMUP_SECONDS (20 per target),
# BENCH_COVERS (40).
# OPENBILI_NO_BUILD=0 lets ./start.sh rebuild first.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
results="$root/bench/results/helper"
seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-2}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
warmup=${BENCH_WARMUP_SECONDS:-20}
export BENCH_COVERS=${BENCH_COVERS:-40}

. bench/lib/platform.sh
. bench/lib/wrk.sh
. bench/reads/seed.sh
install_missing wrk:wrk jq:jq unzip:unzip
build_platform_if_missing
[ -d helper/node_modules ] || (cd helper && npm ci --no-audit --no-fund)

rm -rf "$results/run" && mkdir -p "$results/run/clips"
work="$results/run"
data="$work/data"
use_free_ports
export REVIEW_MODE=auto
cold_port=$(free_port)

platform_pid=""; cold_pid=""
cleanup() {
  [ -n "$cold_pid" ] && kill "$cold_pid" 2>/dev/null || true
  stop_platform_in_background
}
trap cleanup EXIT

echo "bench/helper: starting the platform (gateway on $PORT, helper on $HELPER_PORT)…"
start_platform_in_background "$data" "$work/platform.log"
await_platform "$work/platform.log" 600
deadline=$((SECONDS + 120))
until curl -fs "http://localhost:$PORT/api/v1/system/services" | jq -e '.services[] | select(.name == "helper") | .status == "UP"' >/dev/null; do
  [ $SECONDS -lt $deadline ] || { echo "bench/helper: the helper is not UP (is node on the PATH?)" >&2; exit 1; }
  sleep 1
done

echo "bench/helper: publishing a video and writing $BENCH_COVERS covers of 1280x720 into the media store…"
token=$(seed_user "helperbench$RANDOM")
bvid=$(seed_video "$token" 1 anime)
seed_wait_published "$token" "$bvid"
ffmpeg=$(seed_ffmpeg)
mkdir -p "$data/media/bench"
for i in $(seq 0 $((BENCH_COVERS - 1))); do
  LD_LIBRARY_PATH="$(dirname "$ffmpeg")" "$ffmpeg" -hide_banner -loglevel error -f lavfi \
    -i "testsrc2=size=1280x720:rate=1:duration=1" -vf "hue=h=$((i * 9))" -frames:v 1 -q:v 3 -y "$data/media/bench/cover-$i.jpg"
done
cover_bytes=$(du -cb "$data"/media/bench/cover-*.jpg | awk 'END { printf "%.0f", $1 / '"$BENCH_COVERS"' }')

# the same helper code on the same store, keeping no renderings: every request is a resize
(cd helper && HELPER_PORT=$cold_port HELPER_ADDRESS=127.0.0.1 DATA_DIR="$data" WEB_DIST="$root/web/dist" \
  EUREKA_URL="http://127.0.0.1:1/eureka/" IMAGE_CACHE_SIZE=0 exec node src/server.js >"$work/cold-helper.log" 2>&1) &
cold_pid=$!
until curl -fs "http://127.0.0.1:$cold_port/health" >/dev/null; do sleep 0.2; done

targets=(img_cold img_warm img_gateway media_gateway media_service page_helper page_gateway index_gateway)
declare -A target_url=(
  [img_cold]="http://127.0.0.1:$cold_port"
  [img_warm]="http://127.0.0.1:$HELPER_PORT"
  [img_gateway]="http://localhost:$PORT"
  [media_gateway]="http://localhost:$PORT"
  [media_service]="http://localhost:$VIDEO_PORT"
  [page_helper]="http://127.0.0.1:$HELPER_PORT/video/$bvid"
  [page_gateway]="http://localhost:$PORT/video/$bvid"
  [index_gateway]="http://localhost:$PORT/"
)
declare -A target_prefix=(
  [img_cold]="/img/320x180/bench/cover-" [img_warm]="/img/320x180/bench/cover-" [img_gateway]="/img/320x180/bench/cover-"
  [media_gateway]="/media/bench/cover-" [media_service]="/media/bench/cover-"
)
declare -A target_label=(
  [img_cold]="/img 320x180 WebP, cold (every request resized), at the helper"
  [img_warm]="/img 320x180 WebP, warm (cached), at the helper"
  [img_gateway]="/img 320x180 WebP, warm, through the gateway"
  [media_gateway]="/media original 1280x720 JPEG, through the gateway"
  [media_service]="/media original 1280x720 JPEG, at the video service"
  [page_helper]="share page /video/{bvid}, at the helper"
  [page_gateway]="share page /video/{bvid}, through the gateway"
  [index_gateway]="plain web client index.html (/), through the gateway"
)

measure() { # target round → wrk's output, kept
  local target=$1 out
  if [ -n "${target_prefix[$target]:-}" ]; then
    out=$(BENCH_PREFIX="${target_prefix[$target]}" wrk_measure "$target" "$seconds" "${target_url[$target]}" -s bench/helper/covers.lua)
  else
    out=$(wrk_measure "$target" "$seconds" "${target_url[$target]}" -H 'Accept: text/html' -H 'User-Agent: Twitterbot/1.0')
  fi
  echo "$out" >"$work/wrk-$target-$2.txt"
  echo "$out"
}

# wrk's Transfer/sec in bytes
transfer_bytes() {
  echo "$1" | awk '/^Transfer\/sec:/ { v=$2; m=1; if (v ~ /GB/) m=1073741824; else if (v ~ /MB/) m=1048576; else if (v ~ /KB/) m=1024;
    gsub(/[A-Za-z]/, "", v); printf "%.0f", v * m }'
}

# The gateway's throughput keeps rising for minutes of load as its JIT warms up (bench/gateway): warm each up first.
echo "bench/helper: warming every target up ($warmup s each)…"
for target in "${targets[@]}"; do
  if [ -n "${target_prefix[$target]:-}" ]; then
    BENCH_PREFIX="${target_prefix[$target]}" wrk_measure "$target" "$warmup" "${target_url[$target]}" -s bench/helper/covers.lua >/dev/null
  else
    wrk_measure "$target" "$warmup" "${target_url[$target]}" >/dev/null
  fi
done

declare -A best best_out
echo "bench/helper: measuring $rounds round(s) of ${seconds}s per target, $connections connections…"
for round in $(seq 1 "$rounds"); do
  for target in "${targets[@]}"; do
    out=$(measure "$target" "$round")
    value=$(wrk_value "$out")
    echo "  round $round: $target $value/s"
    if [ -z "${best[$target]:-}" ] || [ "$value" -gt "${best[$target]}" ]; then
      best[$target]=$value; best_out[$target]=$out
    fi
  done
done

row() { # target → one line of the table
  local out=${best_out[$1]}
  printf '%-60s %9s %9s %10s\n' "${target_label[$1]}" "${best[$1]}" "$(wrk_latency "$out" 99%)" \
    "$(awk -v t="$(transfer_bytes "$out")" -v r="${best[$1]}" 'BEGIN { printf "%.0f", t / r }')"
}
ratio() { awk -v a="${best[$1]}" -v b="${best[$2]}" 'BEGIN { printf "%.2f", a / b }'; }

report=$(cat <<REPORT
bench/helper — wrk -t$threads -c$connections, best of $rounds round(s) of ${seconds} s, $(nproc) core(s), one run; covers: $BENCH_COVERS JPEGs of 1280x720 (${cover_bytes} bytes on average)
target                                                         per s   p99 ms   bytes/answer
$(for t in img_cold img_warm img_gateway media_gateway media_service; do row "$t"; done)
$(for t in page_helper page_gateway index_gateway; do row "$t"; done)
/img warm / cold (what the cache buys):                          $(ratio img_warm img_cold)
/img cold at the helper / original through the gateway:          $(ratio img_cold media_gateway)
/img warm through the gateway / original through the gateway:    $(ratio img_gateway media_gateway)
share page / plain index.html, both through the gateway:         $(ratio page_gateway index_gateway)
share page through the gateway / at the helper:                  $(ratio page_gateway page_helper)
REPORT
)
echo "$report"
echo "$report" >"$results/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
