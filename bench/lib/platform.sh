# Shared by the benchmarks that run the whole platform (source it from the project root, after `set -euo pipefail`):
# free ports for it, a build when its jars are missing, starting ./start.sh in the background and waiting until it is
# ready, stopping it with SIGTERM.

# a port nothing listens on now
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# the port variables of the platform, from its roster (the fifth column of platform/common/.../openbili/roster.tsv)
port_variables() { awk '!/^#/ && NF == 5 { print $5 }' platform/common/src/main/resources/openbili/roster.tsv; }

# the services with a database of their own (the roster's application services)
application_services() { awk '!/^#/ && NF == 5 && $2 == "application" { print $1 }' platform/common/src/main/resources/openbili/roster.tsv; }

# exports a free port for every port variable of the platform, so a benchmark never meets a running one
use_free_ports() {
  local name
  for name in $(port_variables); do
    export "$name=$(free_port)"
  done
}

# installs Debian packages for the commands that are missing: install_missing cmd:package …
install_missing() {
  local pair packages=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || packages+=("${pair##*:}")
  done
  [ ${#packages[@]} -eq 0 ] && return 0
  echo "bench: installing ${packages[*]}…"
  apt-get install -y -q "${packages[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q "${packages[@]}" >/dev/null; }
}

# builds the standalone launcher and the service jars when they are missing
build_platform_if_missing() {
  if [ ! -f standalone/target/standalone.jar ] || [ ! -f standalone/target/services/gateway-app.jar ]; then
    echo "bench: building the platform first…"
    ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl standalone -am package
  fi
}

# the gateway's health UP, the seven services UP (the optional helper may still be starting), the partition tree
# answering (needs jq and curl)
platform_ready() {
  local body
  body=$(curl -fs -m 2 "http://localhost:$PORT/actuator/health" 2>/dev/null) && [ -n "$body" ] || return 1
  jq -e '.status == "UP"' <<<"$body" >/dev/null 2>&1 || return 1
  body=$(curl -fs -m 5 "http://localhost:$PORT/api/v1/system/services" 2>/dev/null) && [ -n "$body" ] || return 1
  jq -e '.status == "UP" and (.services | length) == 8 and all(.services[]; .status == "UP" or .name == "helper")' \
    <<<"$body" >/dev/null 2>&1 \
    || return 1
  [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://localhost:$PORT/api/v1/partitions" 2>/dev/null)" = 200 ]
}

# start_platform_in_background DATA_DIR LOG: ./start.sh with RATE_LIMITS=off, its pid in platform_pid
start_platform_in_background() {
  DATA_DIR="$1" RATE_LIMITS=off OPENBILI_NO_BUILD=${OPENBILI_NO_BUILD:-1} ./start.sh >"$2" 2>&1 &
  platform_pid=$!
}

# await_platform LOG SECONDS: until platform_ready; fails with the log's tail when it exits or takes too long
await_platform() {
  local deadline=$((SECONDS + $2))
  until platform_ready; do
    if ! kill -0 "$platform_pid" 2>/dev/null; then
      echo "bench: the platform exited before it was ready:" >&2; tail -50 "$1" >&2; return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "bench: the platform was not ready after $2 s:" >&2; tail -50 "$1" >&2; return 1
    fi
    sleep 0.25
  done
}

# SIGTERM to the platform started above, and wait for it
stop_platform_in_background() {
  if [ -n "${platform_pid:-}" ]; then
    kill -TERM "$platform_pid" 2>/dev/null || true
    wait "$platform_pid" 2>/dev/null || true
    platform_pid=""
  fi
}
