#!/bin/sh
# Scrape latency (p50/p99) and freshness of exporter-keepalived against a real keepalived with
# 50 VRRP instances in network namespaces, beside the naive read-right-after-signal approach.
# Needs root, keepalived and iproute2. Prints the figures and writes them to
# exporter-keepalived/target/keepalived-bench.txt. To compare with another build in the same run
# (scraped in turn, so both see the same load), pass
# -Dkeepalived.bench.baseline=/path/to/that/exporter-keepalived/target/classes.
set -eu
cd "$(dirname "$0")/../.."
./mvnw -o -B -q -pl exporter-keepalived -am test \
  -Dtest=KeepalivedBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkeepalived.bench=true -DtrimStackTrace=true "$@"
cat exporter-keepalived/target/keepalived-bench.txt
