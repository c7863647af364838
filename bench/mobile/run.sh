#!/usr/bin/env bash
# bench/mobile: what a phone pays for the mobile client's H5 build (/m/) next to the web client's home page, and
# the mini-program's main package next to WeChat's 2 MB limit.
#   bench/mobile/run.sh                        starts its own platform (./start.sh, own ports and data), measures, stops it
#   BASE_URL=http://… bench/mobile/run.sh      measures a platform that is already running
# Needs: mobile/ and web/ built (./mvnw -pl web,mobile package), the platform built, e2e/'s packages (npm ci in e2e/,
# for playwright-core), /usr/bin/chromium. Results: bench/results/mobile-<time>.json
set -euo pipefail
cd "$(dirname "$0")"
[ -d ../../e2e/node_modules ] || (cd ../../e2e && npm ci --no-audit --no-fund)
exec node bench.mjs "$@"
