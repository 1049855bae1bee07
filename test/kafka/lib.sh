# Shared by start.sh and stop.sh: where a cluster's state lives, its ports, its configuration.
# shellcheck shell=bash

repo_root="$(cd "$here/../.." && pwd)"
libs="$here/target/kafka-libs"
kafka_home="${STREAMSQL_KAFKA_HOME:-$repo_root/.kafka}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"

parse_cluster_args() {
  nodes=1 name="" port="" fresh=0 only_node="" kill_now=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --nodes) nodes="$2"; shift 2 ;;
      --name) name="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --node) only_node="$2"; shift 2 ;;
      --fresh) fresh=1; shift ;;
      --kill) kill_now=1; shift ;;
      *) echo "kafka: unknown option $1" >&2; exit 2 ;;
    esac
  done
  if [ "$nodes" = 1 ]; then
    name="${name:-single}" port="${port:-9092}"
  else
    name="${name:-cluster}" port="${port:-29092}"
  fi
  cluster_dir="$kafka_home/$name"
}

node_dir() { echo "$cluster_dir/node-$1"; }
client_port() { echo $((port + 2 * ($1 - 1))); }
controller_port() { echo $((port + 2 * ($1 - 1) + 1)); }

bootstrap_servers() {
  local out="" i
  for i in $(seq 1 "$nodes"); do out="$out${out:+,}127.0.0.1:$(client_port "$i")"; done
  echo "$out"
}

quorum_voters() {
  local out="" i
  for i in $(seq 1 "$nodes"); do out="$out${out:+,}$i@127.0.0.1:$(controller_port "$i")"; done
  echo "$out"
}

kafka_java() {
  java -Dlog4j.configuration="file:$here/log4j-tools.properties" -cp "$libs/*" "$@"
}

write_server_properties() {
  local i="$1" rf=1 isr=1
  if [ "$nodes" -ge 3 ]; then rf=3 isr=2; fi
  cat <<PROPS
# Written by test/kafka/start.sh: node $i of the $nodes-node KRaft cluster '$name', on loopback.
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$(quorum_voters)
listeners=PLAINTEXT://127.0.0.1:$(client_port "$i"),CONTROLLER://127.0.0.1:$(controller_port "$i")
advertised.listeners=PLAINTEXT://127.0.0.1:$(client_port "$i")
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$(node_dir "$i")/data
num.partitions=1
default.replication.factor=$rf
min.insync.replicas=$isr
offsets.topic.replication.factor=$rf
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
transaction.state.log.num.partitions=10
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
log.segment.bytes=67108864
# Keep records whatever their timestamps: tests (and ksqlDB's test cases) use timestamps near
# 1970, which time-based retention would delete within minutes.
log.retention.ms=-1
log.retention.check.interval.ms=60000
unclean.leader.election.enable=false
PROPS
}

# True when the pid file names a live Kafka process started from this cluster's directory.
node_running() {
  local pid_file
  pid_file="$(node_dir "$1")/pid"
  [ -f "$pid_file" ] || return 1
  pid_is_ours "$(cat "$pid_file")" "$(node_dir "$1")"
}

pid_is_ours() {
  local pid="$1" dir="$2"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$dir/server.properties"
  else
    ps -o command= -p "$pid" | grep -q -- "$dir/server.properties"
  fi
}

# Signals every node named by the pid files at once (a KRaft controller quorum cannot shut down
# one node at a time), then waits for them; after 30 s, kills those still running.
stop_pid_files() {
  local signal="$1" pid_file dir pid waited=0 pids=()
  shift
  for pid_file in "$@"; do
    [ -f "$pid_file" ] || continue
    dir="$(dirname "$pid_file")"
    pid="$(cat "$pid_file")"
    if pid_is_ours "$pid" "$dir"; then
      kill "-$signal" "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$pid_file"
  done
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do
      sleep 0.2
      waited=$((waited + 1))
      if [ "$waited" -eq 150 ]; then
        echo "kafka: pid $pid did not stop in 30 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done
  done
}

# Waits until a node accepts connections and says it started (a KRaft broker says so once it is
# registered and unfenced); shows the end of its log if it died.
wait_for_port() {
  local p="$1" dir="$2" tries=0
  until grep -q "Kafka Server started" "$dir/stdout.log" 2>/dev/null &&
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do
    # Alive is enough: until java is exec'd, the child's command line is still the shell's, so
    # pid_is_ours would call a node that is starting (slowly, on a loaded machine) exited.
    if ! kill -0 "$(cat "$dir/pid" 2>/dev/null)" 2>/dev/null; then
      echo "kafka: the node in $dir exited; the end of its log:" >&2
      tail -n 40 "$dir/stdout.log" >&2 || true
      exit 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ]; then
      echo "kafka: 127.0.0.1:$p did not come up in 120 s (log: $dir/stdout.log)" >&2
      exit 1
    fi
    sleep 0.2
  done
}
