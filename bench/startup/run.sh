#!/usr/bin/env bash
# bench/startup: how long standalone mode takes to be usable, and what it costs in memory once idle, next to the
# foundation issue's targets (cold start under 45 s, resident memory under 2 GiB), in one run.
#
# Each round:
#   cold start   from launching ./start.sh (OPENBILI_NO_BUILD=1, a fresh empty DATA_DIR, ports of its own) until
#                the gateway's /actuator/health is UP, /api/v1/system/services lists all seven services
#                (registry, auth, user, video, interaction, recommend, message) each UP (the optional helper,
#                eighth, may still be starting), and GET /api/v1/partitions
#                answers 200; the platform's own "OpenBili is up (N s)" is shown next to it;
#   idle RSS     after BENCH_IDLE_SECONDS of idling: VmRSS summed over the whole process tree (the JVM and its
#                children, such as the embedded redis-server), from /proc;
#   idle CPU     right after that, the CPU time (user + system, from /proc/<pid>/stat) the whole tree uses over
#                BENCH_IDLE_CPU_SECONDS while nobody uses the platform, as a share of one core (issue 13: < 5 %);
#   stop         SIGTERM to the JVM until it has exited (its log must say "OpenBili stopped" and no child of it
#                may survive);
#   warm restart a second ./start.sh on the same DATA_DIR (and ports), to ready as above, then stopped the same way;
#   baseline     a cold start and idle RSS as above with OPENBILI_SHARE_LIBRARIES=false (each service loading every
#                library itself, as before the shared class loader), so the ratio is measured under the same load.
# Every round is reported, and the medians, which the targets are judged on (the worst RSS is shown too).
#
# Tuning (all optional): BENCH_ROUNDS (2), BENCH_IDLE_SECONDS (20), BENCH_IDLE_CPU_SECONDS (60), BENCH_START_TIMEOUT (300 s before a start
# counts as failed), BENCH_STOP_TIMEOUT (90 s before a stop counts as failed and the tree is killed),
# BENCH_BASELINE (1; 0 skips the unshared baseline).
# OPENBILI_NO_BUILD=0 lets ./start.sh rebuild what is stale first (then the build is timed too: keep it 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
results="$root/bench/results/startup"
rounds=${BENCH_ROUNDS:-2}
idle=${BENCH_IDLE_SECONDS:-20}
idle_cpu_seconds=${BENCH_IDLE_CPU_SECONDS:-60}
baseline=${BENCH_BASELINE:-1}
start_timeout=${BENCH_START_TIMEOUT:-300}
stop_timeout=${BENCH_STOP_TIMEOUT:-90}
target_start=45                 # seconds
target_rss_kb=$((2 * 1024 * 1024)) # 2 GiB in KiB
target_idle_cpu=5               # % of one core

. bench/lib/platform.sh
install_missing jq:jq curl:curl
build_platform_if_missing
java_cmd=java
if [ -n "${JAVA_HOME:-}" ]; then java_cmd="$JAVA_HOME/bin/java"; fi
jvm=$("$java_cmd" -version 2>&1 | head -1)

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# pid → that pid and every descendant of it, one per line
tree_pids() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      keep[root] = 1; changed = 1
      while (changed) { changed = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } }
      for (p in keep) if (p in parent) print p
    }'
}
# pids → "total_kib name=kib name=kib…" from VmRSS in /proc
tree_rss() {
  local total=0 parts="" p kb name
  for p in "$@"; do
    kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || true)
    [ -n "$kb" ] || continue
    name=$(tr '\0' '\n' <"/proc/$p/cmdline" 2>/dev/null | head -1 || true); name=${name%% *}; name=${name##*/}; name=${name:-?}
    total=$((total + kb)); parts="$parts $name=$((kb / 1024))MiB"
  done
  echo "$total$parts"
}

# pids → clock ticks of CPU (user + system) they used so far; the fields after the ")" that ends the command name
tree_ticks() {
  local total=0 p t
  for p in "$@"; do
    t=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }' || true)
    [ -n "$t" ] && total=$((total + t))
  done
  echo "$total"
}
# pid seconds → % of one core the pid's tree used over that many seconds from now
idle_cpu() {
  local pids a b
  pids=$(tree_pids "$1")
  a=$(tree_ticks $pids)
  sleep "$2"
  b=$(tree_ticks $pids)
  awk -v t=$((b - a)) -v hz="$(getconf CLK_TCK)" -v s="$2" 'BEGIN { printf "%.1f", 100 * t / hz / s }'
}

platform_pid=""; platform_tree=""; ready_seconds=""; stop_seconds=""; stop_rc=""
all_pids=""   # every pid of ours seen in any round, for the leftover check
redis_ports=""

stop_platform() { # sets stop_seconds (SIGTERM to exit) and stop_rc; fails when the JVM outlives stop_timeout
  local pid=$platform_pid t0 t1 rc=0 p alive=""
  platform_tree=$(tree_pids "$pid" | tr '\n' ' ')
  all_pids="$all_pids $platform_tree"
  t0=$(now)
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + stop_timeout))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "bench/startup: the platform did not stop within ${stop_timeout}s of SIGTERM; killing it" >&2
    for p in $platform_tree; do kill -KILL "$p" 2>/dev/null || true; done
    wait "$pid" 2>/dev/null || true
    platform_pid=""
    return 1
  fi
  wait "$pid" 2>/dev/null || rc=$?
  t1=$(now)
  platform_pid=""
  # its children must be gone with it
  for _ in $(seq 1 50); do
    alive=""
    for p in $platform_tree; do [ "$p" != "$pid" ] && kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  if [ -n "$alive" ]; then echo "bench/startup: children outlived the JVM:$alive" >&2; return 1; fi
  stop_seconds=$(elapsed "$t0" "$t1"); stop_rc=$rc
}

start_platform() { # data log [share] → sets platform_pid and ready_seconds (launch to ready)
  local data=$1 log=$2 share=${3:-true} t0
  t0=$(now)
  DATA_DIR="$data" RATE_LIMITS=off OPENBILI_SHARE_LIBRARIES="$share" OPENBILI_NO_BUILD=${OPENBILI_NO_BUILD:-1} \
    ./start.sh >"$log" 2>&1 &
  platform_pid=$!
  local deadline=$((SECONDS + start_timeout))
  until platform_ready; do
    if ! kill -0 "$platform_pid" 2>/dev/null; then
      echo "bench/startup: the platform exited before it was ready:" >&2; tail -50 "$log" >&2
      wait "$platform_pid" 2>/dev/null || true; platform_pid=""; return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "bench/startup: not ready after ${start_timeout}s:" >&2; tail -50 "$log" >&2; return 1
    fi
    sleep 0.25
  done
  ready_seconds=$(elapsed "$t0" "$(now)")
}

cleanup() {
  if [ -n "$platform_pid" ] && kill -0 "$platform_pid" 2>/dev/null; then
    stop_platform || true
  fi
}
trap cleanup EXIT

platform_says() { sed -n 's/.*OpenBili is up on .* (\([0-9]*\) s).*/\1/p' "$1" | tail -1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
gib() { awk -v k="$1" 'BEGIN { printf "%.2f", k / 1024 / 1024 }'; }

rm -rf "$results/run" && mkdir -p "$results/run"
declare -a cold warm rss cpu stop1 stop2 says_cold says_warm detail base_cold base_rss
echo "bench/startup: $rounds round(s): cold start, ${idle}s idle, RSS, SIGTERM stop, warm restart, stop ($jvm, $(nproc) core(s))"
for round in $(seq 1 "$rounds"); do
  dir="$results/run/round-$round"
  mkdir -p "$dir"
  data="$dir/data"   # does not exist yet: a cold start on an empty data directory
  use_free_ports
  redis_ports="$redis_ports $EMBEDDED_REDIS_PORT"

  start_platform "$data" "$dir/cold.log"; c=$ready_seconds
  [ "$(cat "/proc/$platform_pid/comm" 2>/dev/null)" = java ] || echo "bench/startup: note: pid $platform_pid is $(cat "/proc/$platform_pid/comm" 2>/dev/null), not java" >&2
  echo "  round $round: cold start ready in $c s (gateway on $PORT); idling ${idle}s…"
  sleep "$idle"
  pids=$(tree_pids "$platform_pid")
  all_pids="$all_pids $(echo "$pids" | tr '\n' ' ')"
  read -r r parts <<<"$(tree_rss $pids)"
  echo "  round $round: idle RSS $(gib "$r") GiB ($parts ); idle CPU over ${idle_cpu_seconds}s…"
  u=$(idle_cpu "$platform_pid" "$idle_cpu_seconds")
  echo "  round $round: idle CPU $u % of a core"
  curl -s "http://localhost:$PORT/api/v1/system/services" >"$dir/services.json"
  stop_platform; s1=$stop_seconds; rc1=$stop_rc
  grep -q "OpenBili stopped" "$dir/cold.log" || { echo "bench/startup: no 'OpenBili stopped' in the log after SIGTERM" >&2; exit 1; }
  echo "  round $round: stopped in $s1 s after SIGTERM (exit $rc1); warm restart…"

  start_platform "$data" "$dir/warm.log"; w=$ready_seconds
  echo "  round $round: warm restart ready in $w s"
  stop_platform; s2=$stop_seconds; rc2=$stop_rc
  grep -q "OpenBili stopped" "$dir/warm.log" || { echo "bench/startup: no 'OpenBili stopped' in the log after SIGTERM" >&2; exit 1; }
  echo "  round $round: stopped in $s2 s after SIGTERM (exit $rc2)"

  if [ "$baseline" = 1 ]; then # the same cold start with every service loading all its libraries itself
    use_free_ports
    redis_ports="$redis_ports $EMBEDDED_REDIS_PORT"
    start_platform "$dir/data-unshared" "$dir/unshared.log" false; bc=$ready_seconds
    sleep "$idle"
    pids=$(tree_pids "$platform_pid")
    all_pids="$all_pids $(echo "$pids" | tr '\n' ' ')"
    read -r br _ <<<"$(tree_rss $pids)"
    stop_platform
    echo "  round $round: baseline (OPENBILI_SHARE_LIBRARIES=false) cold start ready in $bc s, idle RSS $(gib "$br") GiB"
    base_cold+=("$bc"); base_rss+=("$br")
  fi

  cold+=("$c"); warm+=("$w"); rss+=("$r"); cpu+=("$u"); stop1+=("$s1"); stop2+=("$s2")
  says_cold+=("$(platform_says "$dir/cold.log")"); says_warm+=("$(platform_says "$dir/warm.log")")
  detail+=("$parts")
  for log in cold warm; do
    errors=$({ grep -c -E '^[0-9:.]+ +(ERROR|FATAL) ' "$dir/$log.log" || true; })
    [ "$errors" = 0 ] || echo "  round $round: note: $errors ERROR line(s) in the platform's log ($dir/$log.log)"
  done
done

# nothing of ours may be left: no pid of any tree, no redis-server on one of our ports
leftover=""
for p in $all_pids; do kill -0 "$p" 2>/dev/null && leftover="$leftover $p($(cat "/proc/$p/comm" 2>/dev/null))"; done
for port in $redis_ports; do
  for p in $(pgrep -f "redis-server.*:$port( |$)" || true); do leftover="$leftover $p(redis-server:$port)"; done
done

rss_kb_median=$(median "${rss[@]}")
rss_max=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
cold_median=$(median "${cold[@]}")
cpu_median=$(median "${cpu[@]}")
met() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b) ? "yes" : "NO" }'; }

report=$(
  echo "bench/startup — ./start.sh (standalone, one JVM, OPENBILI_NO_BUILD=1), $rounds round(s), ${idle} s idle before RSS"
  echo "JVM: $jvm; nproc: $(nproc); start.sh heap: -Xms512m -Xmx3g${JAVA_OPTS:+ + JAVA_OPTS=$JAVA_OPTS}"
  printf '%-7s %10s %10s %12s %10s %9s %13s %10s %9s\n' round "cold (s)" "says (s)" "idle RSS" "idle CPU" "stop (s)" "warm (s)" "says (s)" "stop (s)"
  for i in "${!cold[@]}"; do
    printf '%-7s %10s %10s %8s GiB %8s %% %9s %13s %10s %9s\n' "$((i + 1))" "${cold[$i]}" "${says_cold[$i]:-?}" \
      "$(gib "${rss[$i]}")" "${cpu[$i]}" "${stop1[$i]}" "${warm[$i]}" "${says_warm[$i]:-?}" "${stop2[$i]}"
  done
  printf '%-7s %10s %10s %8s GiB %8s %% %9s %13s %10s %9s\n' median "$cold_median" "" "$(gib "$rss_kb_median")" \
    "$cpu_median" "$(median "${stop1[@]}")" "$(median "${warm[@]}")" "" "$(median "${stop2[@]}")"
  echo "(cold/warm: launch to gateway health UP + 7/7 services UP + partitions 200; says: the platform's own log line;"
  echo " idle RSS per process in round 1:${detail[0]}; idle CPU: the tree's user + system time over ${idle_cpu_seconds} s"
  echo " after the RSS reading, as a share of one core)"
  echo
  printf '%-30s %12s %10s %5s\n' "target (issue)" measured target met
  printf '%-30s %10s s %8s s %5s\n' "cold start to ready, median" "$cold_median" "< $target_start" "$(met "$cold_median" "$target_start")"
  printf '%-30s %8s GiB %6s GiB %5s\n' "idle RSS of the tree, median" "$(gib "$rss_kb_median")" "< 2" "$(met "$rss_kb_median" "$target_rss_kb")"
  printf '%-30s %8s GiB %6s GiB %5s\n' "idle RSS of the tree, worst" "$(gib "$rss_max")" "< 2" "$(met "$rss_max" "$target_rss_kb")"
  printf '%-30s %10s %% %8s %% %5s\n' "idle CPU of the tree, median" "$cpu_median" "< $target_idle_cpu" "$(met "$cpu_median" "$target_idle_cpu")"
  if [ "$baseline" = 1 ]; then
    echo
    base_cold_median=$(median "${base_cold[@]}"); base_rss_median=$(median "${base_rss[@]}")
    echo "same run, baseline: every service loads all its libraries itself (OPENBILI_SHARE_LIBRARIES=false)"
    printf '%-30s %10s s %8s GiB\n' "cold start / idle RSS, median" "$base_cold_median" "$(gib "$base_rss_median")"
    awk -v a="$cold_median" -v b="$base_cold_median" -v c="$rss_kb_median" -v d="$base_rss_median" \
      'BEGIN { printf "shared / baseline: cold start %.2f, idle RSS %.2f\n", a / b, c / d }'
  fi
  echo "leftover processes of ours: ${leftover:-none}"
)
echo
echo "$report"
echo "$report" >"$results/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
[ -z "$leftover" ] || exit 1
