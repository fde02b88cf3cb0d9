#!/usr/bin/env bash
# CPU and RSS of exporter-adguard while it tails two AdGuard Home instances (simulators) that log
# QPS queries per second each, scraped every SCRAPE_INTERVAL seconds for DURATION seconds.
#
#   ./mvnw -B -pl exporter-adguard,adguard-simulator -am package -DskipTests
#   bench/adguard-bench.sh                       # DURATION=600 QPS=1000 SCRAPE_INTERVAL=15
#   DURATION=120 bench/adguard-bench.sh          # shorter
#   EXPORTER_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/a.jfr' bench/adguard-bench.sh
#
# Prints the exporter's CPU share of one core over the run (from /proc/PID/stat, after a warm-up
# of two scrapes), its RSS at the end, and checks that adguard_queries_total matches what the
# simulators logged. Listens on free ports on 127.0.0.1; stops only the processes it started.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-600}
QPS=${QPS:-1000}
SCRAPE_INTERVAL=${SCRAPE_INTERVAL:-15}
EXPORTER_JAR=${EXPORTER_JAR:-exporter-adguard/target/exporter-adguard.jar}
SIM_JAR=${SIM_JAR:-adguard-simulator/target/adguard-simulator.jar}
for j in "$EXPORTER_JAR" "$SIM_JAR"; do
  [[ -f $j ]] || { echo "missing $j: build first (see the top of this script)" >&2; exit 2; }
done
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

printf 'bench-password\n' > "$work/pw"
chmod 600 "$work/pw"
ports=()
for name in a b; do
  port=$(free_port)
  ports+=("$port")
  java -Xmx256m -jar "$SIM_JAR" --listen-address=127.0.0.1:"$port" --password-file="$work/pw" \
    --query-rate="$QPS" --querylog-capacity=2000000 --name="$name" >"$work/sim-$name.log" 2>&1 &
  pids+=($!)
done
cat > "$work/adguard.yml" <<YAML
instances:
  - {name: pi-a, url: "http://127.0.0.1:${ports[0]}", username: admin, password_file: $work/pw}
  - {name: pi-b, url: "http://127.0.0.1:${ports[1]}", username: admin, password_file: $work/pw}
YAML
eport=$(free_port)
MALLOC_ARENA_MAX=1 java -Xmx32m -Xms4m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:-UsePerfData \
  ${EXPORTER_JAVA_OPTS:-} -jar "$EXPORTER_JAR" --config.file="$work/adguard.yml" --web.listen-address=127.0.0.1:"$eport" \
  --scrape.timeout="${SCRAPE_TIMEOUT:-60s}" \
  >"$work/exporter.log" 2>&1 &
epid=$!
pids+=("$epid")

scrape() { curl -sf --max-time 120 "http://127.0.0.1:$eport/metrics"; }
for _ in $(seq 1 100); do scrape >/dev/null 2>&1 && break; sleep 0.2; done
scrape >/dev/null; sleep "$SCRAPE_INTERVAL"; scrape >/dev/null   # warm-up: baseline + one tail

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$epid/stat"; }
start_cpu=$(cpu); start=$(date +%s.%N); scrapes=0; max_ms=0
end=$(( $(date +%s) + DURATION ))
while (( $(date +%s) < end )); do
  t0=$(date +%s%N); scrape >"$work/last.prom"; t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 )); (( ms > max_ms )) && max_ms=$ms
  scrapes=$((scrapes + 1))
  sleep "$SCRAPE_INTERVAL"
done
stop=$(date +%s.%N); stop_cpu=$(cpu)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$epid/status")
logged=0
for p in "${ports[@]}"; do
  n=$(curl -sf "http://127.0.0.1:$p/simulator/counters" | python3 -c 'import json,sys; print(json.load(sys.stdin)["queries_logged"])')
  logged=$((logged + n))
done
scrape >"$work/last.prom"
counted=$(awk '/^adguard_queries_total/ {s += $2} END {printf "%d", s}' "$work/last.prom")
read_total=$(awk '/^adguard_querylog_entries_read_total/ {s += $2} END {printf "%d", s}' "$work/last.prom")
incomplete=$(awk '/^adguard_querylog_incomplete_polls_total/ {s += $2} END {printf "%d", s}' "$work/last.prom")
python3 - "$start_cpu" "$stop_cpu" "$ticks" "$start" "$stop" "$rss_kb" "$scrapes" "$max_ms" \
  "$QPS" "$DURATION" "$SCRAPE_INTERVAL" "$logged" "$counted" "$read_total" "$incomplete" <<'PY'
import sys
c0, c1, hz, t0, t1, rss, n, maxms, qps, dur, iv, logged, counted, read, inc = sys.argv[1:]
cpu = (float(c1) - float(c0)) / float(hz)
wall = float(t1) - float(t0)
print(f"exporter-adguard, 2 instances x {qps} queries/s, scrape every {iv} s, {wall:.0f} s measured")
print(f"  CPU: {cpu:.1f} s in {wall:.0f} s = {100 * cpu / wall:.2f} % of one core")
print(f"  RSS at the end: {int(rss) / 1024:.1f} MiB")
print(f"  scrapes: {n}, slowest {maxms} ms")
print(f"  queries logged by the simulators: {logged} (history before the exporter started included)")
print(f"  adguard_queries_total summed: {counted}; entries read {read}; incomplete reads {inc}")
PY
