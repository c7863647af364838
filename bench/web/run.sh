#!/usr/bin/env bash
# bench/web: what a visitor's browser pays for the web client, against a baseline measured in the same run.
#   bench/web/run.sh         starts its own platform (./start.sh, own ports and data), measures, stops it
#   BASE_URL=http://… bench/web/run.sh   measures a platform that is already running
# Needs: web/dist built (npm run build in web/), the platform built (./mvnw -pl standalone -am package
# -DskipTests), /usr/bin/chromium. Results: bench/results/web-<time>.json
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund
exec node bench.mjs "$@"
