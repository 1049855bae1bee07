# Shared by install.sh, start.sh and stop.sh: where Apicurio Registry lives and runs.
# shellcheck shell=bash

repo_root="$(cd "$here/../.." && pwd)"
# Apicurio Registry, an independently written registry with a Confluent-compatible API
# (/apis/ccompat/v7). 3.0.9 is the newest version served that runs on Java 17 (3.3.x needs 21).
version="${STREAMSQL_APICURIO_VERSION:-3.0.9}"
artifact="io.apicurio:apicurio-registry-app:$version:tar.gz:all"
dist="$here/target/apicurio"
runner="$dist/apicurio-registry-app-$version-runner.jar"
registry_home="${STREAMSQL_SCHEMA_REGISTRY_HOME:-$repo_root/.schema-registry}"
# Not 8081 (Confluent's default, which something else may hold) nor 8080 (Apicurio's).
registry_port="${STREAMSQL_SCHEMA_REGISTRY_PORT:-28081}"
registry_url="http://127.0.0.1:$registry_port/apis/ccompat/v7"
REGISTRY_HEAP_OPTS="${REGISTRY_HEAP_OPTS:--Xms64m -Xmx384m}"

# True when the pid file names a live java process running this checkout's Apicurio runner.
registry_running() {
  local pid
  [ -f "$registry_home/pid" ] || return 1
  pid="$(cat "$registry_home/pid")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$runner"
}
