#!/bin/sh
# Scan and scrape cost of the sync exporter on a large tree, and the resolution of its lag reading.
# Usage: exporter-sync/bench/sync-bench.sh [FILES (default 100000)] [WORK_DIR (default: a temp dir)]
# Builds the test classes offline, then runs io.github.homelabha.sync.bench.SyncBench, which
# deletes the tree it created when it is done. If exporter-sync/target/exporter-sync.jar exists
# (./mvnw -o -pl exporter-sync -am package -DskipTests) its RSS as a separate process is measured too.
set -eu
cd "$(dirname "$0")/../.."
cp_file="$PWD/exporter-sync/target/bench-classpath.txt"
./mvnw -o -B -q -pl exporter-sync -am test-compile dependency:build-classpath -Dexec.skip \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
jar="$PWD/exporter-sync/target/exporter-sync.jar"
exec java -Dsync.bench.jar="$jar" -cp "exporter-sync/target/test-classes:exporter-sync/target/classes:$(cat "$cp_file")" \
  io.github.homelabha.sync.bench.SyncBench "$@"
