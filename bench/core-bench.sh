#!/usr/bin/env bash
# Start-up time, memory and throughput of a minimal exporter under several JVM flag sets,
# then where the memory goes (native memory tracking) for the recommended one.
# Usage: bench/core-bench.sh   (from the repository root; builds the exporter-core jars first)
# Takes about a minute; the exporters it starts listen on 127.0.0.1 only and stop by themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
# Jars, not class directories: a class-data archive (AppCDS) can only hold classes from jars.
./mvnw -q -B -pl exporter-core package dependency:build-classpath -DskipTests \
  -DincludeScope=runtime -Dmdep.outputFile="$PWD/exporter-core/target/bench.classpath"
t=exporter-core/target
cp="$PWD/$t/exporter-core-tests.jar:$PWD/$t/exporter-core.jar:$(cat $t/bench.classpath)"
exec java -cp "$cp" io.github.homelabha.core.bench.CoreBenchmark "$@"
