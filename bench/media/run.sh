#!/usr/bin/env bash
# bench/media: HLS segment throughput (MB/s) from /media through the gateway, next to nginx sendfile serving
# the very same files, in one run (and the video service directly, to show what the gateway hop costs).
# Starts the platform (standalone mode) on ports and a data directory of its own, writes the segments into its
# media store, starts nginx (installs nginx-light and wrk when missing), measures with wrk, stops everything.
#
# Tuning (all optional): BENCH_SECONDS (15 per target and round), BENCH_ROUNDS (2: the targets take turns, the
# best round of each is reported, so a burst of load from elsewhere does not decide the comparison),
# BENCH_CONNECTIONS (16), BENCH_THREADS (2), BENCH_SEGMENTS (40), BENCH_SEGMENT_KB (1500, about a 4 s 720p
# segment). OPENBILI_NO_BUILD=0 rebuilds first.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
results="$root/bench/results/media"
seconds=${BENCH_SECONDS:-15}
rounds=${BENCH_ROUNDS:-2}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
export BENCH_SEGMENTS=${BENCH_SEGMENTS:-40}
segment_kb=${BENCH_SEGMENT_KB:-1500}

. bench/lib/platform.sh
install_missing nginx:nginx-light wrk:wrk jq:jq
build_platform_if_missing

rm -rf "$results/run" && mkdir -p "$results/run"
data="$results/run/data"
use_free_ports
nginx_port=$(free_port)

platform_pid=""; nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  stop_platform_in_background
}
trap cleanup EXIT

echo "bench/media: starting the platform (gateway on $PORT)…"
start_platform_in_background "$data" "$results/run/platform.log"
await_platform "$results/run/platform.log" 600

# the same files for both servers: segments in the platform's media store, which nginx serves too
segments="$data/media/videos/0/bench"
mkdir -p "$segments"
for i in $(seq 0 $((BENCH_SEGMENTS - 1))); do
  head -c $((segment_kb * 1024)) /dev/urandom >"$segments/$(printf 'seg_%05d.ts' "$i")"
done

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
  types { video/mp2t ts; }
  server {
    listen 127.0.0.1:$nginx_port;
    location /media/ {
      root $data;
      add_header Cache-Control "public, max-age=31536000, immutable";
    }
  }
}
CONF
nginx -c "$results/run/nginx.conf" -p "$results/run" &
nginx_pid=$!
sleep 1

first="/media/videos/0/bench/seg_00000.ts"
for target in "http://localhost:$PORT" "http://localhost:$VIDEO_PORT" "http://127.0.0.1:$nginx_port"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$target$first")
  [ "$code" = 200 ] || { echo "bench/media: $target$first answered $code"; exit 1; }
done

measure() { # name url → MB/s of this round; the round's wrk output is kept
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/media/segments.lua "$2")
  echo "$out" >"$results/run/wrk-$1-$3.txt"
  echo "$out" | awk '/Transfer\/sec/ { v=$2; if (v ~ /GB/) { sub(/GB/,"",v); v*=1024 } else if (v ~ /MB/) { sub(/MB/,"",v) } else if (v ~ /KB/) { sub(/KB/,"",v); v/=1024 }; printf "%.1f", v }'
}
declare -A best best_round
echo "bench/media: measuring $rounds round(s) of ${seconds}s per target, $connections connections, $BENCH_SEGMENTS segments of ${segment_kb} KB…"
for round in $(seq 1 "$rounds"); do
  for target in gateway nginx service; do
    case $target in
      gateway) url="http://localhost:$PORT" ;;
      nginx) url="http://127.0.0.1:$nginx_port" ;;
      service) url="http://localhost:$VIDEO_PORT" ;;
    esac
    value=$(measure "$target" "$url" "$round")
    echo "  round $round: $target $value MB/s"
    if [ -z "${best[$target]:-}" ] || awk -v a="$value" -v b="${best[$target]}" 'BEGIN { exit !(a > b) }'; then
      best[$target]=$value; best_round[$target]=$round
    fi
  done
done
gateway=${best[gateway]}; nginx=${best[nginx]}; service=${best[service]}
latency() { awk '/ 99%/ { print $2 }' "$results/run/wrk-$1-${best_round[$1]}.txt"; }

report=$(cat <<REPORT
bench/media — GET of ${segment_kb} KB HLS segments (random among $BENCH_SEGMENTS), wrk -t$threads -c$connections, best of $rounds round(s) of ${seconds} s, $(nproc) core(s), one run
target                                   MB/s    p99
/media through the gateway          $(printf '%10s %6s' "$gateway" "$(latency gateway)")
/media at the video service         $(printf '%10s %6s' "$service" "$(latency service)")
nginx sendfile, same files          $(printf '%10s %6s' "$nginx" "$(latency nginx)")
gateway / nginx: $(awk -v a="$gateway" -v b="$nginx" 'BEGIN { printf "%.2f", a / b }')
REPORT
)
echo "$report"
echo "$report" >"$results/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
