#!/usr/bin/env bash
# Builds the OCI image of ha-exporters from Debian's packages, without a Docker daemon or a
# container registry: mmdebstrap makes a minimal Debian root with the headless Java 17 runtime
# (no apt, no documentation), the jar and an AppCDS archive recorded in it are added, and buildah
# turns that root into a one-layer image in the local container storage, optionally saved as an
# archive for `k3s ctr images import` or `docker load`.
#
#   deploy/image/build-image.sh [--jar PATH] [--tag NAME:TAG] [--output FILE] [--suite SUITE]
#
# Run it as root on Debian 12 or newer (apt-get install mmdebstrap buildah), from anywhere, after
# `./mvnw -pl ha-exporters -am package`. Defaults: the jar ha-exporters/target/ha-exporters.jar,
# the tag ha-exporters:<version of the project>, no archive, suite bookworm. Packages already in
# /var/cache/apt/archives are used instead of downloading them again (DEB_CACHE=DIR for another
# directory; the packages it downloads are added there).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
jar=$repo/ha-exporters/target/ha-exporters.jar
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$repo/pom.xml" | head -n 1)
tag=ha-exporters:$version
output=
suite=bookworm
deb_cache=${DEB_CACHE:-/var/cache/apt/archives}

while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;;
    --tag) tag=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --suite) suite=$2; shift 2 ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-image.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

[ "$(id -u)" -eq 0 ] || { echo "build-image.sh: run it as root (mmdebstrap --mode=root, buildah)" >&2; exit 1; }
[ -f "$jar" ] || { echo "build-image.sh: no jar at $jar (./mvnw -pl ha-exporters -am package)" >&2; exit 1; }
for tool in mmdebstrap buildah; do
  command -v "$tool" >/dev/null || { echo "build-image.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

# The same flags as on a Pi without containers (README, "Memory and start-up").
jvm_flags=(-Xmx32m -Xms4m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1
  -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:-UsePerfData)
app=/usr/share/ha-exporters
uid=65532

work=$(mktemp -d /tmp/ha-exporters-image.XXXXXX)
container=
cleanup() {
  if [ -n "$container" ]; then buildah rm "$container" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/in" "$deb_cache"
cp "$jar" "$work/in/ha-exporters.jar"
cp "$here/keepalived-signals" "$here/record-cds.sh" "$work/in/"

# Hooks run outside the new root with its path as $1. Packages are hard links into and out of the
# cache (same file system; skipped otherwise); the finished root holds none of them.
# Every file's time is clamped to this one (the project's reproducible build time); the jar gets it
# before the AppCDS archive is recorded, which checks the jar's time when it is mapped.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
hooks=(--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr)
jvm_dir=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)
# Documentation is deleted afterwards rather than excluded with dpkg's path-exclude, which would
# make mmdebstrap filter every package through a slow tar filter. Also left out: javac's symbol
# table (ct.sym) and the JDK's class archive for heaps over 32 GiB, never used with -Xmx32m.
mmdebstrap --mode=root --variant=essential --include=openjdk-17-jre-headless "${hooks[@]}" \
  --aptopt='Acquire::Languages "none"' \
  --skip=download/empty \
  --setup-hook="mkdir -p \"\$1/var/cache/apt/archives\"; cp -l '$deb_cache'/*.deb \"\$1/var/cache/apt/archives/\" 2>/dev/null; true" \
  --customize-hook="cp -n -l \"\$1\"/var/cache/apt/archives/*.deb '$deb_cache'/ 2>/dev/null; rm -f \"\$1\"/var/cache/apt/archives/*.deb" \
  --customize-hook="install -d -m 0755 \"\$1$app\" \"\$1/usr/lib/ha-exporters\" \"\$1/etc/ha-exporters\"" \
  --customize-hook="install -m 0644 '$work/in/ha-exporters.jar' \"\$1$app/ha-exporters.jar\"; touch -d @$SOURCE_DATE_EPOCH \"\$1$app/ha-exporters.jar\"" \
  --customize-hook="install -m 0755 '$work/in/keepalived-signals' \"\$1/usr/lib/ha-exporters/keepalived-signals\"" \
  --customize-hook="echo 'ha-exporters:x:$uid:$uid:ha-exporters:/nonexistent:/usr/sbin/nologin' >> \"\$1/etc/passwd\"; echo 'ha-exporters:x:$uid:' >> \"\$1/etc/group\"" \
  --customize-hook="'$work/in/record-cds.sh' \"\$1\" $app ${jvm_flags[*]}" \
  --customize-hook="rm -rf \"\$1\"/var/lib/apt/lists/* \"\$1\"/var/cache/* \"\$1\"/var/log/* \"\$1\"/tmp/* \"\$1\"/usr/share/man \"\$1\"/usr/share/info \"\$1\"/usr/share/locale; find \"\$1/usr/share/doc\" -type f ! -name copyright -delete" \
  --customize-hook="rm -f \"\$1$jvm_dir/lib/ct.sym\" \"\$1$jvm_dir/lib/server/classes_nocoops.jsa\"" \
  "$suite" "$work/rootfs.tar"

entrypoint=(java "${jvm_flags[@]}" "-XX:SharedArchiveFile=$app/ha-exporters.jsa" -jar "$app/ha-exporters.jar")
entrypoint_json=$(printf '"%s",' "${entrypoint[@]}")

container=$(buildah from scratch)
buildah add "$container" "$work/rootfs.tar" / >/dev/null
buildah config \
  --entrypoint "[${entrypoint_json%,}]" \
  --cmd '["--config.file=/etc/ha-exporters/ha-exporters.yml"]' \
  --env MALLOC_ARENA_MAX=1 \
  --user "$uid:$uid" \
  --workingdir / \
  --port 9165/tcp --port 9166/tcp --port 9617/tcp --port 9130/tcp \
  --label org.opencontainers.image.title=ha-exporters \
  --label org.opencontainers.image.version="$version" \
  --label org.opencontainers.image.licenses=Apache-2.0 \
  "$container"
buildah commit --quiet --rm "$container" "$tag" >/dev/null
container=

if [ -n "$output" ]; then
  rm -f "$output"
  # docker-archive keeps the plain name (ha-exporters:TAG) that the manifests and the stack use.
  buildah push --quiet "$tag" "docker-archive:$output:${tag#localhost/}" >/dev/null
fi
echo "built $tag${output:+, saved to $output}"
