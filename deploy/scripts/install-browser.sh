#!/usr/bin/env bash
# Installs Debian's `chromium` (the headless browser of the web page's end-to-end test, driven by Playwright's
# Python package with executable_path: no browser download) when it is missing. Idempotent; Debian/Ubuntu;
# needs root or sudo.
set -euo pipefail
# shellcheck source=deploy/scripts/sudo.sh
. "$(dirname "$0")/sudo.sh"

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
root_or_sudo "chromium"
echo "installing system package: chromium"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core </dev/null >/dev/null
