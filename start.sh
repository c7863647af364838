#!/usr/bin/env bash
# Runs the whole OpenBili platform in one JVM on http://localhost:${PORT:-8080} (standalone mode).
# Builds what is missing or out of date first. Ctrl-C (or SIGTERM) stops everything.
#
# Environment (all optional): PORT, DATA_DIR, DB_URL, REDIS_URL, KAFKA_BOOTSTRAP_SERVERS, ES_URIS, S3_ENDPOINT,
# REVIEW_MODE, ADMIN_USERNAME, ADMIN_PASSWORD, RATE_LIMITS, JAVA_OPTS. See README.md.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

java_cmd="java"
if [ -n "${JAVA_HOME:-}" ]; then java_cmd="$JAVA_HOME/bin/java"; fi
if ! command -v "$java_cmd" >/dev/null 2>&1; then
  echo "start.sh: a JDK 17 or newer is needed (java was not found; set JAVA_HOME or put java on the PATH)." >&2
  exit 1
fi

launcher=standalone/target/standalone.jar
stale() {
  [ ! -f "$launcher" ] && return 0
  [ ! -f standalone/target/services/gateway-app.jar ] && return 0
  [ -n "$(find pom.xml platform services standalone/src standalone/pom.xml -newer "$launcher" \
      \( -name '*.java' -o -name '*.yml' -o -name '*.xml' -o -name '*.sql' -o -name '*.properties' \) \
      -not -path '*/target/*' -print -quit)" ]
}
# OPENBILI_NO_BUILD=1 runs what is built as it is (the standalone tests use it after the build made it).
if [ "${OPENBILI_NO_BUILD:-0}" != 1 ] && stale; then
  echo "start.sh: building the platform (first run takes a few minutes)…"
  ./mvnw -q -B -DskipTests -Djib.skip -Dspotless.check.skip=true -pl standalone -am package
  touch "$launcher"
fi

if [ "${OPENBILI_NO_BUILD:-0}" != 1 ] && [ -f web/package.json ] && command -v node >/dev/null 2>&1; then
  if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/package.json -newer web/dist/index.html -print -quit 2>/dev/null)" ]; then
    echo "start.sh: building the web client…"
    (cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
  fi
fi

# The mobile client's H5 build, served at /m/ (a phone on the same network opens http://<this machine>:8080/m/).
if [ "${OPENBILI_NO_BUILD:-0}" != 1 ] && [ -f mobile/package.json ] && command -v node >/dev/null 2>&1; then
  if [ ! -f mobile/dist/build/h5/index.html ] || [ -n "$(find mobile/src mobile/index.html mobile/package.json -newer mobile/dist/build/h5/index.html -print -quit 2>/dev/null)" ]; then
    echo "start.sh: building the mobile client (H5)…"
    (cd mobile && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build:h5)
  fi
fi

# The Node helper (link previews, oEmbed, the embeddable player, sitemaps, /img, /qr) runs when node is on the PATH;
# its packages are installed here once, and again when its lock file changes. Without node the platform runs without it.
if [ "${OPENBILI_NO_BUILD:-0}" != 1 ] && [ -f helper/package.json ] && command -v node >/dev/null 2>&1; then
  if [ ! -f helper/node_modules/.package-lock.json ] || [ helper/package-lock.json -nt helper/node_modules/.package-lock.json ]; then
    echo "start.sh: installing the helper's packages…"
    (cd helper && npm ci --no-audit --no-fund)
  fi
fi

# Without an ffmpeg on the PATH the video service runs the one bundled in org.bytedeco:ffmpeg, whose libavdevice
# needs PulseAudio's client library (libpulse0 on Debian). Install it once when we can; else say what is missing.
if ! command -v ffmpeg >/dev/null 2>&1 && ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libpulse\.so\.0'; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "start.sh: installing libpulse0, which the bundled ffmpeg needs…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpulse0 >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpulse0 >/dev/null 2>&1; } \
      || echo "start.sh: could not install libpulse0; transcoding will fail until ffmpeg or libpulse0 is installed." >&2
  else
    echo "start.sh: warning: no ffmpeg on the PATH and no libpulse.so.0; install ffmpeg or libpulse0 for transcoding." >&2
  fi
fi

# One JVM runs eight Spring applications; give it room. JAVA_OPTS adds to or overrides these.
# The Tier4 thresholds are three times HotSpot's: eight applications run a lot of code a few thousand times while
# they start and then seldom (or every few seconds, as schedulers and clients do), and C2 compiling all of it
# kept a core busy for minutes after the start; a request path under load still reaches them within a second.
exec "$java_cmd" -Xms512m -Xmx3g -XX:ReservedCodeCacheSize=512m -XX:+UseG1GC \
  -XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=2000 -XX:Tier4CompileThreshold=45000 \
  -XX:Tier4BackEdgeThreshold=120000 ${JAVA_OPTS:-} \
  -Dopenbili.home="$root" \
  -cp "$launcher:standalone/target/lib/*" \
  org.openbili.standalone.StandaloneLauncher
