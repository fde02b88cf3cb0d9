#!/usr/bin/env bash
# Records the application class-data archive (AppCDS) of ha-exporters inside a new image root:
# runs the keepalived and sync exporters there (chroot, loopback ports), scrapes each once so the
# web, metrics and configuration classes are loaded, and stops them; the JVM writes the archive
# as it exits. Called by build-image.sh as a mmdebstrap hook:
#   record-cds.sh ROOT APP_DIR JVM_FLAGS...
set -euo pipefail
root=$1
app=$2
shift 2

# Two free loopback ports: nothing answers a connection there.
ports=()
for port in $(seq 39165 39365); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    ports+=("$port")
    [ ${#ports[@]} -eq 2 ] && break
  fi
done
[ ${#ports[@]} -eq 2 ] || { echo "record-cds.sh: no free port between 39165 and 39365" >&2; exit 1; }

log=$root/tmp/record-cds.log
chroot "$root" java "$@" -Xlog:cds=error "-XX:ArchiveClassesAtExit=$app/ha-exporters.jsa" \
  -jar "$app/ha-exporters.jar" \
  keepalived "--web.listen-address=127.0.0.1:${ports[0]}" \
  sync "--web.listen-address=127.0.0.1:${ports[1]}" --sync.pair=cds:source:/tmp \
  >"$log" 2>&1 &
java_pid=$!

scrape() {
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  head -n 1 <&3 | grep -q ' 200 '
}
scraped=0
for _ in $(seq 1 300); do
  kill -0 "$java_pid" 2>/dev/null || break
  if scrape "${ports[0]}" 2>/dev/null && scrape "${ports[1]}" 2>/dev/null; then
    scraped=1
    break
  fi
  sleep 0.2
done
kill -TERM "$java_pid" 2>/dev/null || true
wait "$java_pid" || true
if [ "$scraped" -ne 1 ] || [ ! -s "$root$app/ha-exporters.jsa" ]; then
  echo "record-cds.sh: the exporters did not start; their output:" >&2
  cat "$log" >&2
  exit 1
fi
chmod 0644 "$root$app/ha-exporters.jsa"
rm -f "$log"
