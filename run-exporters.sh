#!/usr/bin/env bash
# Builds ha-exporters when a source changed, then runs the exporters in one JVM in the foreground
# with their defaults:
#   keepalived exporter on :9165 (reads /run/keepalived.pid, dumps in /tmp)
#   sync exporter       on :9166 (no pairs configured: add sync --sync.pair=NAME:ROLE:PATH)
# Arguments go to ha-exporters, e.g. ./run-exporters.sh --config.file=/etc/ha-exporters.yml;
# JVM flags through JAVA_OPTS. Ctrl-C stops it. To see them at work first: ./demo.sh
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

jar=ha-exporters/target/ha-exporters.jar
# Build only when the jar is missing or a source or pom is newer than it: a start with nothing
# changed takes about a second instead of a Maven run.
if [ ! -f "$jar" ] || [ -n "$(find . -path '*/target' -prune -o -path ./.git -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit)" ]; then
  echo "Building ha-exporters (about a minute the first time)..."
  ./mvnw -q -B -DskipTests -pl ha-exporters -am package
fi

# The flags recommended for a Raspberry Pi, one per line in ha-exporters/src/main/dist/jvm.options
# (README, "Memory and start-up"); JAVA_OPTS replaces them.
JAVA_OPTS=${JAVA_OPTS:-$(grep -v '^[[:space:]]*\(#\|$\)' ha-exporters/src/main/dist/jvm.options | tr '\n' ' ')}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1}

# Application class-data archive (AppCDS), about a third less CPU time to the first scrape
# (bench/RESULTS.md): a run without an archive records one, written when it stops; later runs map
# it. An archive is tied to the jar file's size and modification time and every build rewrites the
# jar, so it runs from a copy in target/run/ that is only replaced (and its archive dropped) when
# the jar's content changed.
copy=ha-exporters/target/run/ha-exporters.jar
mkdir -p "$(dirname "$copy")"
if ! cmp -s "$jar" "$copy"; then
  cp "$jar" "$copy"
  rm -f "${copy%.jar}.jsa"
fi
if [ -f "${copy%.jar}.jsa" ]; then
  cds="-XX:SharedArchiveFile=${copy%.jar}.jsa"
else
  cds="-XX:ArchiveClassesAtExit=${copy%.jar}.jsa"
fi

if [ $# -eq 0 ]; then
  set -- keepalived sync
  echo "keepalived exporter: http://localhost:9165/   sync exporter: http://localhost:9166/"
fi
# -Xlog:cds=off: recording the archive would print a warning for each of the ~150 Java 5 classes
# of picocli, which an archive cannot hold (they load from the jar as without one).
# shellcheck disable=SC2086
exec java $JAVA_OPTS "$cds" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$copy" "$@"
