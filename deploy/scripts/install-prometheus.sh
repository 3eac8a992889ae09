#!/usr/bin/env bash
# Installs Debian's `prometheus` package (it ships /usr/bin/prometheus and /usr/bin/promtool) when either
# binary is missing. The tests start their own Prometheus process with their own config, so the package's
# service must not start: a policy-rc.d that forbids service starts is put in place for the install when the
# machine has none, and removed afterwards. Idempotent; Debian/Ubuntu; needs root or sudo.
set -euo pipefail
# shellcheck source=deploy/scripts/sudo.sh
. "$(dirname "$0")/sudo.sh"

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  exit 0
fi

root_or_sudo "prometheus"

policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# added by newsstream install-prometheus.sh for the duration of the install\nexit 101\n' \
    | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  added_policy=1
fi
cleanup() {
  if [ "$added_policy" -eq 1 ]; then
    $sudo rm -f "$policy"
  fi
}
trap cleanup EXIT

echo "installing system package: prometheus (prometheus, promtool)"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends prometheus </dev/null >/dev/null

# On a machine that runs systemd the unit is enabled by the package; newsstream never uses it.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $sudo systemctl disable --now prometheus >/dev/null 2>&1 || true
fi

command -v promtool >/dev/null 2>&1 || { echo "promtool is still missing after installing prometheus" >&2; exit 1; }
