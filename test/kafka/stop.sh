#!/usr/bin/env bash
# Stops brokers started by start.sh, by the pids it wrote: all nodes of a cluster, or one
# (`--node I`). `--kill` stops them at once (SIGKILL) instead of a clean shutdown.
# Takes the same --nodes/--name/--port options as start.sh; `--all` stops every cluster.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=./lib.sh
. "$here/lib.sh"

if [ "${1:-}" = "--all" ]; then
  stop_pid_files TERM "$kafka_home"/*/node-*/pid
  exit 0
fi

parse_cluster_args "$@"
signal=TERM
[ "$kill_now" = 1 ] && signal=KILL
if [ -n "$only_node" ]; then
  stop_pid_files "$signal" "$(node_dir "$only_node")/pid"
  exit 0
fi
pid_files=()
for i in $(seq 1 "$nodes"); do pid_files+=("$(node_dir "$i")/pid"); done
stop_pid_files "$signal" "${pid_files[@]}"
