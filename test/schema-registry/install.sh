#!/usr/bin/env bash
# Unpacks Apicurio Registry from Maven Central into test/schema-registry/target/apicurio: the
# distribution Apicurio publishes there (apicurio-registry-app, classifier `all`: a Quarkus runner
# jar and its lib/). Does nothing when it is already there; Maven keeps the downloaded archive in
# ~/.m2, so a reinstall does not download it again. Not a project with a pom: the release's parent
# POM is not served, so the archive is fetched alone (-Dtransitive=false), as a file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=./lib.sh
. "$here/lib.sh"
[ -f "$runner" ] && exit 0
command -v mvn >/dev/null || { echo "schema-registry: Maven (mvn) is needed to fetch Apicurio" >&2; exit 1; }
command -v java >/dev/null || { echo "schema-registry: Java 17 or later is needed to run Apicurio" >&2; exit 1; }
echo "schema-registry: fetching Apicurio Registry $version from Maven Central into $dist" >&2
rm -rf "$dist"
rm -rf "$here/target/download"
mkdir -p "$here/target/download" "$dist"
(cd "$here/target/download" >&2 &&
  mvn -q -B dependency:get -Dartifact="$artifact" -Dtransitive=false &&
  mvn -q -B dependency:copy -Dartifact="$artifact" -DoutputDirectory=.)
tar -xzf "$here/target/download/apicurio-registry-app-$version-all.tar.gz" -C "$dist"
rm -rf "$here/target/download"
[ -f "$runner" ] || { echo "schema-registry: $runner is missing after the install" >&2; exit 1; }
