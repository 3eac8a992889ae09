#!/usr/bin/env bash
# Installs the system packages newsstream needs when they are missing: Java 17+ (the Kafka broker) and
# Maven (fetches the broker's jars from Maven Central). Debian/Ubuntu via apt-get; needs root or sudo.
set -euo pipefail
# shellcheck source=deploy/scripts/sudo.sh
. "$(dirname "$0")/sudo.sh"

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-venv)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing system packages: ${missing[*]}"
root_or_sudo "${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
