#!/usr/bin/env bash
# bench/gateway: what the gateway hop costs on a small cached GET, in one run. GET /api/v1/partitions (the
# partition tree, a few KB of JSON with an ETag) is measured with wrk --latency (requests/s, p50, p99) through the
# gateway, at the video service directly (same path on VIDEO_PORT), and from nginx serving the very same bytes as
# a static file (application/json), under the same load.
# Starts the platform (standalone mode, RATE_LIMITS=off so the gateway's rate limiter never answers 429) on ports
# and a data directory of its own, starts nginx (installs nginx-light and wrk when missing), checks that the three
# answer 200 with the same body, warms each up, measures, stops everything. Any non-2xx/3xx answer during a
# measurement fails the run.
#
# Tuning (all optional): BENCH_SECONDS (15 per target and round), BENCH_ROUNDS (2: the targets take turns, the
# best round of each is reported, so a burst of load from elsewhere does not decide the comparison),
# BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_WARMUP_SECONDS (90 per target before the first round: the JIT
# of one JVM running eight applications needs minutes of load on two cores before the numbers settle; under
# steady wrk load the gateway went 160 → 750 → 1300 → 1760 → 2300 req/s over its first three minutes).
# OPENBILI_NO_BUILD=0 lets ./start.sh rebuild first.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
results="$root/bench/results/gateway"
seconds=${BENCH_SECONDS:-15}
rounds=${BENCH_ROUNDS:-2}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
warmup=${BENCH_WARMUP_SECONDS:-90}
path=/api/v1/partitions

. bench/lib/platform.sh
. bench/lib/wrk.sh
install_missing nginx:nginx-light wrk:wrk jq:jq
build_platform_if_missing

rm -rf "$results/run" && mkdir -p "$results/run"
data="$results/run/data"
use_free_ports
nginx_port=$(free_port)

platform_pid=""; nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  stop_platform_in_background
}
trap cleanup EXIT

echo "bench/gateway: starting the platform (gateway on $PORT, video service on $VIDEO_PORT)…"
start_platform_in_background "$data" "$results/run/platform.log"
await_platform "$results/run/platform.log" 600

# the same bytes for nginx: the body as the video service itself answers it
static="$results/run/static"
mkdir -p "$static$(dirname "$path")"
curl -fs -D "$results/run/headers-service.txt" -o "$static$path" "http://localhost:$VIDEO_PORT$path"

cat >"$results/run/nginx.conf" <<CONF
worker_processes auto;
daemon off;
user root;
pid $results/run/nginx.pid;
error_log $results/run/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    location = $path {
      root $static;
      types { }
      default_type application/json;
      add_header Cache-Control "no-cache";
    }
  }
}
CONF
nginx -c "$results/run/nginx.conf" -p "$results/run" &
nginx_pid=$!
sleep 1

declare -A url=(
  [gateway]="http://localhost:$PORT$path"
  [service]="http://localhost:$VIDEO_PORT$path"
  [nginx]="http://127.0.0.1:$nginx_port$path"
)
targets=(gateway service nginx)
for target in "${targets[@]}"; do
  code=$(curl -s -D "$results/run/headers-$target.txt" -o "$results/run/body-$target.json" -w '%{http_code}' "${url[$target]}")
  [ "$code" = 200 ] || { echo "bench/gateway: ${url[$target]} answered $code"; exit 1; }
  cmp -s "$results/run/body-$target.json" "$static$path" \
    || { echo "bench/gateway: $target answers a different body than the video service"; exit 1; }
  grep -qi '^content-type: application/json' "$results/run/headers-$target.txt" \
    || echo "bench/gateway: note: $target answers $(grep -i '^content-type' "$results/run/headers-$target.txt" | tr -d '\r')"
done
bytes=$(wc -c <"$static$path")
etag=$(grep -i '^etag:' "$results/run/headers-gateway.txt" | tr -d '\r' | cut -d' ' -f2- || true)

declare -A best best_round
run_wrk() { wrk_measure "$1" "$2" "${url[$1]}"; } # target seconds → wrk's output (bench/lib/wrk.sh)

echo "bench/gateway: warming up each target for ${warmup}s…"
for target in "${targets[@]}"; do run_wrk "$target" "$warmup" >"$results/run/wrk-$target-warmup.txt"; done

echo "bench/gateway: measuring $rounds round(s) of ${seconds}s per target, wrk -t$threads -c$connections…"
for round in $(seq 1 "$rounds"); do
  for target in "${targets[@]}"; do
    out=$(run_wrk "$target" "$seconds")
    echo "$out" >"$results/run/wrk-$target-$round.txt"
    value=$(wrk_value "$out")
    errors=$(echo "$out" | sed -n 's/^ *Socket errors: *//p')
    echo "  round $round: $target $value req/s, p99 $(wrk_latency "$out" 99%) ms${errors:+ (socket errors: $errors)}"
    if [ -z "${best[$target]:-}" ] || [ "$value" -gt "${best[$target]}" ]; then
      best[$target]=$value; best_round[$target]=$round
    fi
  done
done
pct() { wrk_latency "$(cat "$results/run/wrk-$1-${best_round[$1]}.txt")" "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3g", a / b }'; }
declare -A p50 p99
for target in "${targets[@]}"; do p50[$target]=$(pct "$target" 50%); p99[$target]=$(pct "$target" 99%); done

report=$(cat <<REPORT
bench/gateway — GET $path ($bytes bytes, ETag ${etag:-none}), wrk -t$threads -c$connections --latency, best of $rounds round(s) of ${seconds} s, $(nproc) core(s), one run
target                                 req/s   p50 ms   p99 ms
through the gateway (:PORT)       $(printf '%10s %8s %8s' "${best[gateway]}" "${p50[gateway]}" "${p99[gateway]}")
video service directly            $(printf '%10s %8s %8s' "${best[service]}" "${p50[service]}" "${p99[service]}")
nginx, same bytes as a file       $(printf '%10s %8s %8s' "${best[nginx]}" "${p50[nginx]}" "${p99[nginx]}")
gateway / direct: req/s $(ratio "${best[gateway]}" "${best[service]}"), p50 $(ratio "${p50[gateway]}" "${p50[service]}")x, p99 $(ratio "${p99[gateway]}" "${p99[service]}")x
gateway / nginx:  req/s $(ratio "${best[gateway]}" "${best[nginx]}"), p50 $(ratio "${p50[gateway]}" "${p50[nginx]}")x, p99 $(ratio "${p99[gateway]}" "${p99[nginx]}")x
REPORT
)
echo "$report"
echo "$report" >"$results/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
