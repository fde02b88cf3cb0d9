#!/usr/bin/env bash
# Runs every test: unit tests, real-HTTP tests and the system tests that drive real keepalived,
# lsyncd, rclone, Prometheus and Alertmanager processes in network namespaces.
# Run it as root (or with sudo): system tests need root for network namespaces. As another user
# they are skipped with a message; with CI=true a skipped system test fails the build.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
for pkg in $(grep -v '^#' .ci/packages.txt); do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Not installed: ${missing[*]} (run as root to install them); their system tests will be skipped."
  fi
fi

exec ./mvnw -B verify "$@"
