#!/usr/bin/env bash
# Start-up time, memory and throughput of a minimal exporter under several JVM flag sets.
# Usage: bench/core-bench.sh   (from the repository root; builds exporter-core first)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl exporter-core test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/exporter-core/target/bench.classpath"
cp="exporter-core/target/test-classes:exporter-core/target/classes:$(cat exporter-core/target/bench.classpath)"
exec java -cp "$cp" io.github.homelabha.core.bench.CoreBenchmark "$@"
