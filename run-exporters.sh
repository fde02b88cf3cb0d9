#!/usr/bin/env bash
# Builds the exporters and runs them in the foreground with their defaults:
#   keepalived exporter on :9165 (reads /run/keepalived.pid, dumps in /tmp)
#   sync exporter       on :9166 (no pairs configured: add --sync.pair=NAME:ROLE:PATH)
# Extra arguments go to both exporters' JVMs through JAVA_OPTS; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v javac >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless
  else
    echo "Java 17 is needed: sudo apt-get install openjdk-17-jdk-headless" >&2
    exit 1
  fi
fi

./mvnw -q -B -DskipTests package

# The flags recommended for a Raspberry Pi (see README, "Memory and start-up").
JAVA_OPTS=${JAVA_OPTS:-"-Xmx32m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:-UsePerfData"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1}

pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait
}
trap stop INT TERM EXIT

# shellcheck disable=SC2086
java $JAVA_OPTS -jar exporter-keepalived/target/exporter-keepalived.jar &
pids+=($!)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar exporter-sync/target/exporter-sync.jar &
pids+=($!)

echo "keepalived exporter: http://localhost:9165/   sync exporter: http://localhost:9166/"
wait -n "${pids[@]}"
