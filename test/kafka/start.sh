#!/usr/bin/env bash
# Starts Apache Kafka in KRaft mode on loopback, for tests and for users.
#
#   test/kafka/start.sh                    one broker+controller on 127.0.0.1:9092
#   test/kafka/start.sh --nodes 3          three nodes on 127.0.0.1:29092, :29094, :29096
#   test/kafka/start.sh --node 2 --nodes 3 (re)starts node 2 of the three-node cluster
#
# Options: --nodes N (1 or 3), --port P (first client port; controllers listen on P+1, P+3, …),
# --name NAME (state under .kafka/NAME; default `single` or `cluster`), --fresh (wipe it first),
# --node I (start only node I of an existing cluster).
# State lives under .kafka/ at the repository root (git-ignored). Prints the bootstrap servers.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=./lib.sh
. "$here/lib.sh"
parse_cluster_args "$@"

"$here/install.sh"
mkdir -p "$cluster_dir"

if [ "$fresh" = 1 ] && [ -z "$only_node" ]; then
  "$here/stop.sh" --name "$name" --nodes "$nodes" >/dev/null 2>&1 || true
  rm -rf "$cluster_dir"
  mkdir -p "$cluster_dir"
fi

if [ ! -f "$cluster_dir/cluster-id" ]; then
  kafka_java kafka.tools.StorageTool random-uuid >"$cluster_dir/cluster-id.tmp"
  tr -d '[:space:]' <"$cluster_dir/cluster-id.tmp" >"$cluster_dir/cluster-id"
  rm -f "$cluster_dir/cluster-id.tmp"
fi
cluster_id="$(cat "$cluster_dir/cluster-id")"

# Formats a node's log directory once (in the background when several nodes are formatted).
format_node() {
  local i="$1" dir
  dir="$(node_dir "$i")"
  mkdir -p "$dir"
  write_server_properties "$i" >"$dir/server.properties"
  [ -f "$dir/data/meta.properties" ] && return 0
  kafka_java kafka.tools.StorageTool format --ignore-formatted \
    -t "$cluster_id" -c "$dir/server.properties" >"$dir/format.log" 2>&1 ||
    { cat "$dir/format.log" >&2; return 1; }
}

start_node() {
  local i="$1" dir
  dir="$(node_dir "$i")"
  if node_running "$i"; then
    echo "kafka: node $i of $name already runs (pid $(cat "$dir/pid"))" >&2
    return
  fi
  KAFKA_LOG_DIR="$dir/logs" nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$here/log4j.properties" -Dkafka.logs.dir="$dir/logs" \
    -cp "$libs/*" kafka.Kafka "$dir/server.properties" >"$dir/stdout.log" 2>&1 &
  echo $! >"$dir/pid"
}

if [ -n "$only_node" ]; then
  format_node "$only_node"
  start_node "$only_node"
  wait_for_port "$(client_port "$only_node")" "$(node_dir "$only_node")"
  exit 0
fi

formats=()
for i in $(seq 1 "$nodes"); do
  format_node "$i" &
  formats+=($!)
done
for pid in "${formats[@]}"; do wait "$pid"; done
for i in $(seq 1 "$nodes"); do start_node "$i"; done
for i in $(seq 1 "$nodes"); do wait_for_port "$(client_port "$i")" "$(node_dir "$i")"; done
bootstrap_servers
