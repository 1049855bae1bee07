#!/usr/bin/env bash
# Kafka for CI, called by .ci/run around `npm test`:
#   .ci/kafka.sh start   fetches Apache Kafka 3.9's jars from Maven Central (test/kafka/pom.xml),
#                        starts a fresh single KRaft broker on 127.0.0.1:9092, and prints the
#                        `export` line that turns the Kafka tests on (for `eval`)
#   .ci/kafka.sh stop    stops every broker the scripts and tests started (under .kafka/)
# With STREAMSQL_KAFKA_REQUIRED=1 a broker that does not answer fails the Kafka tests instead of
# skipping them; STREAMSQL_KAFKA_CLUSTER=1 turns on the three-broker test (it runs its own cluster).
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  start)
    started=$(date +%s)
    test/kafka/install.sh >&2
    test/kafka/start.sh --fresh >&2
    echo "kafka: broker up on 127.0.0.1:9092 in $(($(date +%s) - started)) s" >&2
    echo "export STREAMSQL_KAFKA=127.0.0.1:9092 STREAMSQL_KAFKA_REQUIRED=1 STREAMSQL_KAFKA_CLUSTER=1"
    ;;
  stop)
    test/kafka/stop.sh --all
    ;;
  *)
    echo "usage: .ci/kafka.sh start|stop" >&2
    exit 2
    ;;
esac
