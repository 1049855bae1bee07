#!/usr/bin/env bash
# Starts Apicurio Registry on 127.0.0.1 (port 28081, or STREAMSQL_SCHEMA_REGISTRY_PORT) with its
# in-memory storage (H2 in memory: every start is empty), waits until its Confluent-compatible
# API answers, and prints that API's URL (for --schema-registry-url).
# State (pid, log) lives under .schema-registry/ at the repository root (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=./lib.sh
. "$here/lib.sh"

"$here/install.sh" >&2
mkdir -p "$registry_home"
if registry_running; then
  echo "schema-registry: already runs (pid $(cat "$registry_home/pid"))" >&2
  echo "$registry_url"
  exit 0
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$registry_port") 2>/dev/null; then
  echo "schema-registry: 127.0.0.1:$registry_port is taken; set STREAMSQL_SCHEMA_REGISTRY_PORT" >&2
  exit 1
fi

# Loopback only, no management port (Quarkus would open 0.0.0.0:9000), no tracing exporter.
# shellcheck disable=SC2086
nohup java $REGISTRY_HEAP_OPTS -XX:+UseSerialGC \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$registry_port" \
  -Dquarkus.management.enabled=false -Dquarkus.otel.enabled=false \
  -Dquarkus.http.access-log.enabled=false \
  -jar "$runner" >"$registry_home/stdout.log" 2>&1 &
echo $! >"$registry_home/pid"

tries=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$registry_url/subjects" 2>/dev/null)" = 200 ]; do
  if ! registry_running; then
    echo "schema-registry: Apicurio exited; the end of its log:" >&2
    tail -n 40 "$registry_home/stdout.log" >&2 || true
    exit 1
  fi
  tries=$((tries + 1))
  if [ "$tries" -gt 600 ]; then
    echo "schema-registry: $registry_url did not answer in 120 s (log: $registry_home/stdout.log)" >&2
    exit 1
  fi
  sleep 0.2
done
echo "$registry_url"
