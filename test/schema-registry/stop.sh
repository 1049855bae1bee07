#!/usr/bin/env bash
# Stops the Apicurio Registry that start.sh started, by the pid it wrote; after 30 s, kills it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=./lib.sh
. "$here/lib.sh"
if ! registry_running; then
  rm -f "$registry_home/pid"
  exit 0
fi
pid="$(cat "$registry_home/pid")"
kill -TERM "$pid" 2>/dev/null || true
waited=0
while kill -0 "$pid" 2>/dev/null; do
  sleep 0.2
  waited=$((waited + 1))
  if [ "$waited" -eq 150 ]; then
    echo "schema-registry: pid $pid did not stop in 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
done
rm -f "$registry_home/pid"
