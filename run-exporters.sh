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
JAVA_OPTS=${JAVA_OPTS:-"-Xmx32m -Xms4m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:-UsePerfData"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1}

# Application class-data archive (AppCDS) per exporter, about a third less CPU time to the first
# scrape (bench/RESULTS.md): a run without an archive records one, written when it stops; later
# runs map it. An archive is tied to the jar file's size and modification time and every build
# rewrites the jars, so the exporters run from copies in target/run/ that are only replaced (and
# their archive dropped) when a jar's content changed.
stable_copy() {
  local jar=$1 copy
  copy="$(dirname "$jar")/run/$(basename "$jar")"
  mkdir -p "$(dirname "$copy")"
  if ! cmp -s "$jar" "$copy"; then
    cp "$jar" "$copy"
    rm -f "${copy%.jar}.jsa"
  fi
  echo "$copy"
}
class_data() {
  local jsa=${1%.jar}.jsa
  if [ -f "$jsa" ]; then
    echo "-XX:SharedArchiveFile=$jsa"
  else
    echo "-XX:ArchiveClassesAtExit=$jsa"
  fi
}

pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait
}
trap stop INT TERM EXIT

jar=$(stable_copy exporter-keepalived/target/exporter-keepalived.jar)
# shellcheck disable=SC2086
java $JAVA_OPTS "$(class_data "$jar")" -jar "$jar" &
pids+=($!)
jar=$(stable_copy exporter-sync/target/exporter-sync.jar)
# shellcheck disable=SC2086
java $JAVA_OPTS "$(class_data "$jar")" -jar "$jar" &
pids+=($!)

echo "keepalived exporter: http://localhost:9165/   sync exporter: http://localhost:9166/"
wait -n "${pids[@]}"
