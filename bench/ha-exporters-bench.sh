#!/usr/bin/env bash
# Memory and start-up of the all-in-one ha-exporters against one JVM per exporter, in one run.
#
# Usage: bench/ha-exporters-bench.sh [SECONDS]    (from the repository root; default 600)
#   MEASURE_START=0    skip the first-scrape measurements (and the archives): memory only
#   ONLY_ALL=1         memory phase with the all-in-one JVM alone (quick A/B runs of flags)
#   BUILD=0            use the jars as they are; HA_JAR=path runs another all-in-one jar
#   NMT=1              native memory tracking in the all-in-one JVM; prints its summary and
#                      threads at the end
#   SMAPS=1            prints where the all-in-one's RSS lies at the end: anonymous memory and
#                      each mapped file (libjvm, the JDK's modules image, the class-data archives)
#   KEEP_WORK=1        keeps the work directory (logs, configuration, archives) and prints it
#   JVM_OPTIONS=file   the JVM flags to run the exporters with (default ha-exporters/src/main/dist/
#                      jvm.options, the recommended ones); EXTRA_FLAGS='...' adds to them.
#
# The four exporters work against what the demo gives them: keepalived with its defaults (no
# keepalived running: keepalived_up 0), sync with a source pair of 300 files, adguard with two
# AdGuard Home simulators (5 queries/s each, as in the demo), unifi with a UniFi OS simulator (its
# default site) over HTTPS with the pinned certificate. The simulators run from the ha-exporters
# jar in their own JVMs and are not measured.
#
# For each way of running (all exporters in one ha-exporters JVM; each exporter's own jar in its
# own JVM; and, as the floor, one JVM with four bare Javalin + client_java servers that do nothing
# but count their scrapes, see BareServers.java) with the Pi flags of the README:
#   first scrape  wall-clock time from starting the JVM(s) until every exporter answered /metrics,
#                 and the CPU time the JVM(s) used until then, without and with an AppCDS
#                 archive (recorded by a run before);
#   RSS           VmRSS (and the peak, VmHWM) of each JVM after SECONDS of one scrape per second
#                 of every exporter, all JVMs running at the same time on the same machine.
# Everything listens on 127.0.0.1 on free ports; every process it starts is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
exporters=(keepalived sync adguard unifi)

if [ "${BUILD:-1}" = 1 ]; then
  ./mvnw -q -B -o -DskipTests -Dspotless.check.skip=true -pl ha-exporters -am package
fi

jvm_options=${JVM_OPTIONS:-ha-exporters/src/main/dist/jvm.options}
# one flag per line; lines starting with # are comments
mapfile -t FLAGS < <(grep -v '^[[:space:]]*\(#\|$\)' "$jvm_options")
# shellcheck disable=SC2206
FLAGS+=(-Xlog:cds=off -Xlog:cds+dynamic=off ${EXTRA_FLAGS:-})
measure_start=${MEASURE_START:-1}
echo "JVM flags: ${FLAGS[*]}"
export MALLOC_ARENA_MAX=1

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Some work for the sync exporter: a pair with a few hundred files to scan and a canary to write.
mkdir -p "$work/data"
for i in $(seq 1 300); do echo "$i" >"$work/data/file-$i"; done
jar cf "$work/bare.jar" -C ha-exporters/target/test-classes \
  io/github/homelabha/launcher/bench/BareServers.class
cp ha-exporters/target/ha-exporters.jar exporter-keepalived/target/exporter-keepalived.jar \
  exporter-sync/target/exporter-sync.jar exporter-adguard/target/exporter-adguard.jar \
  exporter-unifi/target/exporter-unifi.jar "$work/"
if [ -n "${HA_JAR:-}" ]; then cp "$HA_JAR" "$work/ha-exporters.jar"; fi

# The upstreams: two AdGuard Home simulators and a UniFi OS simulator, as the demo starts them.
head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/password"
chmod 600 "$work/password"
simulator() { # LOG MAIN_CLASS ARGS...
  local log=$1 main=$2
  shift 2
  java -Xmx96m -cp "$work/ha-exporters.jar" "$main" "$@" >"$work/$log" 2>&1 &
  pids+=($!)
}
adguard_instances=""
for node in pi-a pi-b; do
  p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  simulator "$node.log" io.github.homelabha.adguard.simulator.AdGuardSimulator \
    --listen-address=127.0.0.1:"$p" --username=prometheus --password-file="$work/password" \
    --query-rate=5 --querylog-capacity=20000 --name="$node"
  adguard_instances+="{name: $node, url: \"http://127.0.0.1:$p\", username: prometheus, password_file: $work/password}, "
done
simulator unifi-sim.log io.github.homelabha.unifi.simulator.UnifiSimulator --mode=unifi-os \
  --listen-address=127.0.0.1 --port=0 --username=prometheus --password-file="$work/password" \
  --fingerprint-file="$work/fingerprint" --port-file="$work/unifi-port"
for _ in $(seq 1 600); do [ -s "$work/fingerprint" ] && [ -s "$work/unifi-port" ] && break; sleep 0.1; done
unifi_port=$(cat "$work/unifi-port")
fingerprint=$(cat "$work/fingerprint")

section_keepalived='{}'
section_sync="{pairs: [{name: data, role: source, path: $work/data}]}"
section_adguard="{instances: [${adguard_instances%, }]}"
section_unifi="{controllers: [{name: console, url: \"https://127.0.0.1:$unifi_port\", username: prometheus, password_file: $work/password, tls_config: {pinned_sha256: \"$fingerprint\"}}]}"
for e in "${exporters[@]}"; do
  var=section_$e
  printf '%s: %s\n' "$e" "${!var}" >>"$work/all.yml"
  printf '%s\n' "${!var}" >"$work/$e.yml"
done

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
for e in "${exporters[@]}"; do
  port[all-$e]=$(free_port)
  port[own-$e]=$(free_port)
  port[bare-$e]=$(free_port)
done

# start MODE CDS_FLAG: starts the JVM(s) of MODE (all, own or bare), sets started_pids
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
  elif [ "$mode" = bare ]; then
    args=()
    for e in "${exporters[@]}"; do args+=("${port[bare-$e]}"); done
    # shellcheck disable=SC2086
    java "${FLAGS[@]}" ${cds//@/$work/bare.jsa} -cp "$work/ha-exporters.jar:$work/bare.jar" \
      io.github.homelabha.launcher.bench.BareServers "${args[@]}" >>"$work/bare.log" 2>&1 &
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

# CPU time (user + system) of process PID so far, in clock ticks
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# CPU time (user + system, ms) the JVMs of the last start used so far
cpu_ms() {
  local p sum=0
  for p in "${started_pids[@]}"; do sum=$((sum + $(ticks "$p"))); done
  echo $((sum * 1000 / $(getconf CLK_TCK)))
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

cds_run=""
if [ "$measure_start" = 1 ]; then
  echo "== first scrape without a class-data archive (wall ms / CPU ms)"
  cold_all=$(first_scrape all "")
  cold_own=$(first_scrape own "")
  cold_bare=$(first_scrape bare "")
  echo "ha-exporters ($(IFS=+; echo "${exporters[*]}")): $cold_all   own JVMs: $cold_own   bare: $cold_bare"

  echo "== recording AppCDS archives"
  first_scrape all "-XX:ArchiveClassesAtExit=@" >/dev/null
  first_scrape own "-XX:ArchiveClassesAtExit=@" >/dev/null
  first_scrape bare "-XX:ArchiveClassesAtExit=@" >/dev/null

  echo "== first scrape with the archive (wall ms / CPU ms)"
  cds_all=$(first_scrape all "-XX:SharedArchiveFile=@")
  cds_own=$(first_scrape own "-XX:SharedArchiveFile=@")
  cds_bare=$(first_scrape bare "-XX:SharedArchiveFile=@")
  echo "ha-exporters: $cds_all   own JVMs: $cds_own   bare: $cds_bare"
  cds_run="-XX:SharedArchiveFile=@"
fi

if [ -n "$cds_run" ]; then archives="with archives"; else archives="no archives"; fi
echo "== $seconds s of one scrape per second per exporter, all JVMs at once ($archives)"
start all "$cds_run${NMT:+ -XX:NativeMemoryTracking=summary}"
all_pid=${started_pids[0]}
own_pids=()
bare_pid=""
if [ -z "${ONLY_ALL:-}" ]; then
  start own "$cds_run"
  own_pids=("${started_pids[@]}")
  start bare "$cds_run"
  bare_pid=${started_pids[0]}
fi
deadline=$(($(now_ms) + 60000))
keys=()
for key in "${!port[@]}"; do
  [ -n "${ONLY_ALL:-}" ] && [ "${key%%-*}" != all ] && continue
  keys+=("$key")
done
for key in "${keys[@]}"; do wait_metrics "${port[$key]}" "$deadline"; done
all_ticks_start=$(ticks "$all_pid")
end=$((SECONDS + seconds))
while [ $SECONDS -lt $end ]; do
  for key in "${keys[@]}"; do
    # one line per scrape: HTTP status (000 = failed or over 1 s) and seconds taken
    curl -s -o /dev/null --max-time 1 -w '%{http_code} %{time_total}\n' \
      "http://127.0.0.1:${port[$key]}/metrics" >>"$work/scrapes-$key" 2>/dev/null &
  done
  sleep 1
  wait_curls=$(jobs -pr | wc -l)
  [ "$wait_curls" -lt 50 ] || { echo "scrapes pile up" >&2; exit 1; }
done
wait_for_curls() { for j in $(jobs -pr); do case " ${pids[*]} " in *" $j "*) ;; *) wait "$j" || true ;; esac; done; }
wait_for_curls
all_cpu_ms=$((($(ticks "$all_pid") - all_ticks_start) * 1000 / $(getconf CLK_TCK)))

if [ -n "${NMT:-}" ]; then
  jcmd "$all_pid" VM.native_memory summary | grep -E '^(Total|-| +\(mmap|.*committed)' | head -40
  echo "threads of the all-in-one JVM by name:"
  jcmd "$all_pid" Thread.print | sed -n 's/^"\([^"]*\)".*/\1/p' | sed 's/[0-9]\+/N/g' | sort | uniq -c | sort -rn
fi
if [ -n "${SMAPS:-}" ]; then
  echo "RSS of the all-in-one JVM by mapping (MiB):"
  awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6 ? $6 : "[anonymous]") }
       /^Rss:/ { rss[name] += $2 }
       END { for (n in rss) if (rss[n] >= 256) printf "%8.1f  %s\n", rss[n] / 1024, n }' \
    "/proc/$all_pid/smaps" | sort -rn
fi
echo
echo "| JVM | RSS (MiB) | peak RSS (MiB) | threads |"
echo "|---|---|---|---|"
echo "| ha-exporters ($(IFS=+; echo "${exporters[*]}")) | $(rss "$all_pid") | $(hwm "$all_pid") | $(threads "$all_pid") |"
total=0
for i in "${!own_pids[@]}"; do
  p=${own_pids[$i]}
  echo "| exporter-${exporters[$i]} | $(rss "$p") | $(hwm "$p") | $(threads "$p") |"
  total=$(awk -v a="$total" -v b="$(rss "$p")" 'BEGIN {printf "%.1f", a + b}')
done
echo "| own JVMs together | $total | | |"
if [ -n "$bare_pid" ]; then
  echo "| floor: four bare Javalin + client_java servers | $(rss "$bare_pid") | $(hwm "$bare_pid") | $(threads "$bare_pid") |"
fi
echo
echo "CPU time of the all-in-one JVM during the $seconds s: $all_cpu_ms ms"
echo
echo "| exporter | JVM | scrapes | not 200 within 1 s | median (ms) | max (ms) |"
echo "|---|---|---|---|---|---|"
for key in $(printf '%s\n' "${keys[@]}" | sort); do
  sort -k2 -n "$work/scrapes-$key" | awk -v k="$key" '
    { t[NR] = $2; if ($1 != "200") bad++ }
    END { split(k, m, "-")
          printf "| %s | %s | %d | %d | %.0f | %.0f |\n", m[2], m[1], NR, bad,
          1000 * t[int((NR + 1) / 2)], 1000 * t[NR] }'
done
echo
if [ "$measure_start" = 1 ]; then
  echo "| first scrape (wall ms / CPU ms) | ha-exporters | own JVMs | floor (bare servers) |"
  echo "|---|---|---|---|"
  echo "| no archive | $cold_all | $cold_own | $cold_bare |"
  echo "| AppCDS archive | $cds_all | $cds_own | $cds_bare |"
fi
