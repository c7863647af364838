# Shared by the benchmarks that load HTTP routes with wrk (source it after platform.sh): latencies in ms, and one
# measurement that fails on any answer but 2xx/3xx, saying which statuses came back.

# wrk prints latencies as 812.00us, 1.25ms, 1.02s, 2.00m: in ms
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000;
    else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# wrk_measure NAME SECONDS URL [wrk options…] → wrk's output (-t$threads -c$connections --latency); fails on any
# non-2xx/3xx answer, printing how many of each status a short run then gets and the first error body
wrk_measure() {
  local name=$1 seconds=$2 url=$3 out
  shift 3
  out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" "$url")
  if echo "$out" | grep -q 'Non-2xx or 3xx responses'; then
    echo "$out" >&2
    echo "bench: $name ($url) answered non-2xx/3xx responses under wrk -t$threads -c$connections; what it answers now:" >&2
    sleep 11   # past the gateway's circuit breaker's open state (10 s), so a breaker that opened shows how it opens
    wrk -t"$threads" -c"$connections" -d3s -s "$root/bench/gateway/statuses.lua" "$@" "$url" \
      | grep -E '^(status|first error)' >&2 || true
    return 1
  fi
  echo "$out"
}

# wrk_value OUTPUT → requests/s as an integer; wrk_latency OUTPUT PERCENTILE (50%, 99%) → ms
wrk_value() { echo "$1" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }'; }
wrk_latency() { to_ms "$(echo "$1" | awk -v p="$2" '$1 == p { print $2 }')"; }
