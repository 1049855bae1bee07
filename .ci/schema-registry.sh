#!/usr/bin/env bash
# An independent schema registry for CI, called by .ci/run around `npm test`:
#   .ci/schema-registry.sh start   fetches Apicurio Registry from Maven Central
#                                  (test/schema-registry/pom.xml), starts it on 127.0.0.1:28081
#                                  and prints the `export` line that turns its tests on (for `eval`)
#   .ci/schema-registry.sh stop    stops it
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  start)
    started=$(date +%s)
    url=$(test/schema-registry/start.sh)
    echo "schema-registry: Apicurio up at $url in $(($(date +%s) - started)) s" >&2
    echo "export STREAMSQL_SCHEMA_REGISTRY_URL=$url STREAMSQL_SCHEMA_REGISTRY_REQUIRED=1"
    ;;
  stop)
    test/schema-registry/stop.sh
    ;;
  *)
    echo "usage: .ci/schema-registry.sh start|stop" >&2
    exit 2
    ;;
esac
