#!/bin/sh
# Scrape cost of the UniFi exporter on a site of 200 devices and 2,000 clients (the simulator):
# scrape time, the exporter's overhead over the raw client fetch as a ratio (one run, alternating),
# logins per hour at steady state, and the RSS of the exporter jar as its own process.
# Usage: exporter-unifi/bench/bench.sh [ROUNDS (default 30)]
# Builds the test classes offline, then runs io.github.homelabha.unifi.exporter.bench.UnifiBench.
# The RSS is measured when exporter-unifi/target/exporter-unifi.jar exists
# (./mvnw -o -pl exporter-unifi -am package -DskipTests).
set -eu
cd "$(dirname "$0")/../.."
cp_file="$PWD/exporter-unifi/target/bench-classpath.txt"
./mvnw -o -B -q -pl exporter-unifi -am test-compile dependency:build-classpath -Dexec.skip \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
jar="$PWD/exporter-unifi/target/exporter-unifi.jar"
exec java -Dunifi.bench.jar="$jar" \
  -cp "exporter-unifi/target/test-classes:exporter-unifi/target/classes:$(cat "$cp_file")" \
  io.github.homelabha.unifi.exporter.bench.UnifiBench "$@"
