#!/usr/bin/env bash
# The whole bundle working on this machine: builds ha-exporters when a source changed, then runs
# `ha-exporters demo` in the foreground: every exporter on its default port watching a real
# keepalived cluster in network namespaces (as root), two replicated directories and, when
# installed, a Prometheus with the shipped alert rules. Ctrl-C stops it and cleans up.
# Arguments go to the demo: ./demo.sh --help
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the demo uses: Java to build and run, keepalived and ip for the cluster, lsyncd
# and rsync for the replication (without them the demo copies by itself).
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for pkg in openjdk-17-jdk-headless keepalived iproute2 lsyncd rsync; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
elif ! command -v javac >/dev/null; then
  echo "Java 17 is needed: sudo apt-get install openjdk-17-jdk-headless" >&2
  exit 1
fi

jar=ha-exporters/target/ha-exporters.jar
# Build only when the jar is missing or a source or pom is newer than it.
if [ ! -f "$jar" ] || [ -n "$(find . -path '*/target' -prune -o -path ./.git -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit)" ]; then
  echo "Building ha-exporters (about a minute the first time)..."
  ./mvnw -q -B -DskipTests -pl ha-exporters -am package
fi

# The flags recommended for a Raspberry Pi, one per line in ha-exporters/src/main/dist/jvm.options
# (README, "Memory and start-up"); JAVA_OPTS replaces them.
JAVA_OPTS=${JAVA_OPTS:-$(grep -v '^[[:space:]]*\(#\|$\)' ha-exporters/src/main/dist/jvm.options | tr '\n' ' ')}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1}

# An application class-data archive (AppCDS) for a faster start: recorded when the first run
# stops, used by later ones. It is tied to the jar file, so the demo runs from a copy that is only
# replaced (dropping the archive) when the jar's content changed.
copy=ha-exporters/target/run/ha-exporters.jar
mkdir -p "$(dirname "$copy")"
if ! cmp -s "$jar" "$copy"; then
  cp "$jar" "$copy"
  rm -f "${copy%.jar}.jsa"
fi
if [ -f "${copy%.jar}.jsa" ]; then
  cds="-XX:SharedArchiveFile=${copy%.jar}.jsa"
elif [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
  cds="-Xshare:auto" # printing the usage would record an archive of almost nothing
else
  cds="-XX:ArchiveClassesAtExit=${copy%.jar}.jsa"
fi

# shellcheck disable=SC2086
exec java $JAVA_OPTS "$cds" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$copy" demo "$@"
