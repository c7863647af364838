#!/usr/bin/env bash
# Checks every deployment file without Docker or a cluster (the deploy module's `verify` runs this):
# Prometheus's configuration, rules and rule tests with promtool; the Grafana dashboards' PromQL with promtool;
# the Kubernetes manifests against the Kubernetes schemas; compose.yaml against .env.example.
# Needs Node 20+ with this folder's packages (npm ci) and promtool, which comes with Debian's prometheus package:
# installed here when missing and when we are root, the way .ci/run installs the packages it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deploy: installing Debian's prometheus package (for promtool)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }
    # The package enables and starts a Prometheus server; only its tools are wanted here.
    if [ -d /run/systemd/system ]; then
      systemctl disable --now prometheus >/dev/null 2>&1 || true
    elif [ -x /etc/init.d/prometheus ]; then
      /etc/init.d/prometheus stop >/dev/null 2>&1 || true
    fi
  else
    echo "deploy: promtool is missing: install Debian's prometheus package (apt-get install prometheus)" >&2
    exit 1
  fi
fi

mkdir -p target
promtool check config prometheus/prometheus.yml
promtool check rules prometheus/rules/*.yml
(cd prometheus && promtool test rules tests/*.test.yml)
node checks/grafana-promql.js target/grafana-promql.rules.yml
promtool check rules target/grafana-promql.rules.yml
node checks/k8s.js
node checks/compose.js
node checks/images.js
