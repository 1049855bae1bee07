#!/usr/bin/env bash
# Copies Apache Kafka's jars (the version in pom.xml) from Maven Central into
# test/kafka/target/kafka-libs. Does nothing when they are already there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
libs="$here/target/kafka-libs"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
if [ -f "$libs/kafka_2.13-$version.jar" ] && [ -f "$libs/kafka-tools-$version.jar" ]; then
  exit 0
fi
command -v mvn >/dev/null || { echo "kafka: Maven (mvn) is needed to fetch Kafka's jars" >&2; exit 1; }
command -v java >/dev/null || { echo "kafka: Java 17 or later is needed to run Kafka" >&2; exit 1; }
echo "kafka: fetching Apache Kafka $version from Maven Central into $libs" >&2
rm -rf "$libs"
(cd "$here" && mvn -q -B dependency:copy-dependencies)
