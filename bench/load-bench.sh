#!/usr/bin/env bash
# The minimal exporter under load, in a child JVM with the README's Pi flags, on 127.0.0.1 only:
#   bench/load-bench.sh flood [seconds]    wrong-password flood vs. a valid cached scrape (30 s)
#   bench/load-bench.sh clients [seconds]  20 clients scraping: RSS and threads over time (60 s)
# From the repository root; builds the exporter-core jars first. Every loop stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl exporter-core package dependency:build-classpath -DskipTests \
  -DincludeScope=test -Dmdep.outputFile="$PWD/exporter-core/target/load-bench.classpath"
t=exporter-core/target
cp="$PWD/$t/exporter-core-tests.jar:$PWD/$t/exporter-core.jar:$(cat $t/load-bench.classpath)"
exec java -cp "$cp" ${BENCH_JAVA_OPTS:-} io.github.homelabha.core.bench.LoadBenchmark "$@"
