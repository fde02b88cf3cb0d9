#!/usr/bin/env bash
# Memory and start-up of the all-in-one ha-exporters against one JVM per exporter, in one run.
#
# Usage: bench/ha-exporters-bench.sh [SECONDS]    (from the repository root; default 600)
#
# For each way of running (all exporters in one ha-exporters JVM; each exporter's own jar in its
# own JVM) with the Pi flags of the README:
#   first scrape  wall-clock time from starting the JVM(s) until every exporter answered /metrics,
#                 and the CPU time the JVM(s) used until then, without and with an AppCDS
#                 archive (recorded by a run before);
#   RSS           VmRSS (and the peak, VmHWM) of each JVM after SECONDS of one scrape per second
#                 of every exporter, all JVMs running at the same time on the same machine.
# Everything listens on 127.0.0.1 on free ports; every process it starts is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
exporters=(keepalived sync)

./mvnw -q -B -DskipTests -pl ha-exporters -am package

FLAGS=(-Xmx32m -Xms4m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1
  -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:-UsePerfData -Xlog:cds=off
  -Xlog:cds+dynamic=off)
export MALLOC_ARENA_MAX=1

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Some work for the sync exporter: a pair with a few hundred files to scan and a canary to write.
mkdir -p "$work/data"
for i in $(seq 1 300); do echo "$i" >"$work/data/file-$i"; done
section_keepalived='{}'
section_sync="{pairs: [{name: data, role: source, path: $work/data}]}"
printf 'keepalived: %s\nsync: %s\n' "$section_keepalived" "$section_sync" >"$work/all.yml"
printf '%s\n' "$section_sync" >"$work/sync.yml"
echo '{}' >"$work/keepalived.yml"
cp ha-exporters/target/ha-exporters.jar exporter-keepalived/target/exporter-keepalived.jar \
  exporter-sync/target/exporter-sync.jar "$work/"

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }
  done
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
wait_metrics() { # port deadline_ms
  until curl -sf -o /dev/null "http://127.0.0.1:$1/metrics"; do
    [ "$(now_ms)" -lt "$2" ] || { echo "no answer on port $1" >&2; return 1; }
    sleep 0.01
  done
}

declare -A port
for e in "${exporters[@]}"; do port[all-$e]=$(free_port); port[own-$e]=$(free_port); done

# start MODE CDS_FLAG: starts the JVM(s) of MODE (all or own), sets started_pids
start() {
  local mode=$1 cds=$2 e args
  started_pids=()
  if [ "$mode" = all ]; then
    args=(--config.file="$work/all.yml")
    for e in "${exporters[@]}"; do args+=("$e" --web.listen-address=127.0.0.1:${port[all-$e]}); done
    # shellcheck disable=SC2086
    java "${FLAGS[@]}" ${cds//@/$work/all.jsa} -jar "$work/ha-exporters.jar" "${args[@]}" \
      >>"$work/all.log" 2>&1 &
    started_pids+=($!)
  else
    for e in "${exporters[@]}"; do
      # shellcheck disable=SC2086
      java "${FLAGS[@]}" ${cds//@/$work/$e.jsa} -jar "$work/exporter-$e.jar" \
        --config.file="$work/$e.yml" --web.listen-address=127.0.0.1:${port[own-$e]} \
        >>"$work/$e.log" 2>&1 &
      started_pids+=($!)
    done
  fi
  pids+=("${started_pids[@]}")
}

# CPU time (user + system, ms) the JVMs of the last start used so far
cpu_ms() {
  local p ticks=0
  for p in "${started_pids[@]}"; do
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# first_scrape MODE CDS_FLAG: "WALL_MS / CPU_MS" from start until every exporter answered (CPU
# summed over the JVMs; on a busy machine the CPU time is the figure that repeats), then stops
first_scrape() {
  local t0 e wall
  t0=$(now_ms)
  start "$1" "$2"
  for e in "${exporters[@]}"; do wait_metrics "${port[$1-$e]}" $((t0 + 120000)); done
  wall=$(($(now_ms) - t0))
  echo "$wall / $(cpu_ms)"
  kill "${started_pids[@]}"
  wait "${started_pids[@]}" 2>/dev/null || true
}

rss() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
hwm() { awk '/^VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
threads() { awk '/^Threads/ {print $2}' "/proc/$1/status"; }

echo "== first scrape without a class-data archive (wall ms / CPU ms)"
cold_all=$(first_scrape all "")
cold_own=$(first_scrape own "")
echo "ha-exporters ($(IFS=+; echo "${exporters[*]}")): $cold_all   own JVMs: $cold_own"

echo "== recording AppCDS archives"
first_scrape all "-XX:ArchiveClassesAtExit=@" >/dev/null
first_scrape own "-XX:ArchiveClassesAtExit=@" >/dev/null

echo "== first scrape with the archive (wall ms / CPU ms)"
cds_all=$(first_scrape all "-XX:SharedArchiveFile=@")
cds_own=$(first_scrape own "-XX:SharedArchiveFile=@")
echo "ha-exporters: $cds_all   own JVMs: $cds_own"

echo "== $seconds s of one scrape per second per exporter, all JVMs at once (with archives)"
start all "-XX:SharedArchiveFile=@"
all_pid=${started_pids[0]}
start own "-XX:SharedArchiveFile=@"
own_pids=("${started_pids[@]}")
deadline=$(($(now_ms) + 60000))
for key in "${!port[@]}"; do wait_metrics "${port[$key]}" "$deadline"; done
end=$((SECONDS + seconds))
while [ $SECONDS -lt $end ]; do
  for key in "${!port[@]}"; do
    curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:${port[$key]}/metrics" &
  done
  sleep 1
  wait_curls=$(jobs -pr | wc -l)
  [ "$wait_curls" -lt 50 ] || { echo "scrapes pile up" >&2; exit 1; }
done
wait_for_curls() { for j in $(jobs -pr); do case " ${pids[*]} " in *" $j "*) ;; *) wait "$j" || true ;; esac; done; }
wait_for_curls

echo
echo "| JVM | RSS (MiB) | peak RSS (MiB) | threads |"
echo "|---|---|---|---|"
echo "| ha-exporters ($(IFS=+; echo "${exporters[*]}")) | $(rss "$all_pid") | $(hwm "$all_pid") | $(threads "$all_pid") |"
total=0
for i in "${!exporters[@]}"; do
  p=${own_pids[$i]}
  echo "| exporter-${exporters[$i]} | $(rss "$p") | $(hwm "$p") | $(threads "$p") |"
  total=$(awk -v a="$total" -v b="$(rss "$p")" 'BEGIN {printf "%.1f", a + b}')
done
echo "| own JVMs together | $total | | |"
echo
echo "| first scrape (wall ms / CPU ms) | ha-exporters | own JVMs |"
echo "|---|---|---|"
echo "| no archive | $cold_all | $cold_own |"
echo "| AppCDS archive | $cds_all | $cds_own |"
