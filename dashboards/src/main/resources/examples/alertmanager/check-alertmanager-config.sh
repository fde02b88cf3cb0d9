#!/bin/sh
# Checks an Alertmanager configuration for the homelab-ha Telegram setup, beyond what amtool
# checks: Alertmanager accepts a template path that matches no file, and then sends Telegram
# messages with an empty text. Exits non-zero, saying why, when
#   1. amtool check-config rejects the file or finds no template in it,
#   2. a template path in it matches no readable file (relative paths count from the file's
#      directory, as Alertmanager reads them), or
#   3. those files do not define the message template the Telegram receivers use.
# Usage: check-alertmanager-config.sh [/etc/prometheus/alertmanager.yml]
set -eu
config=${1:-/etc/prometheus/alertmanager.yml}
message_template=homelabha.telegram.message

fail() {
  echo "FAILED: $*" >&2
  exit 1
}

if ! out=$(amtool check-config "$config" 2>&1); then
  echo "$out"
  fail "amtool check-config rejects $config"
fi
echo "$out"
count=$(echo "$out" | sed -n 's/^ *- \([0-9][0-9]*\) templates$/\1/p')
if [ -z "$count" ] || [ "$count" -eq 0 ]; then
  fail "$config names no template: Telegram messages would be empty. Add
  templates: [alertmanager_templates/homelab-ha-telegram.tmpl]"
fi

dir=$(dirname "$config")
globs=$(sed -n '/^templates:/,/^[^[:space:]#-]/s/^[[:space:]]*-[[:space:]]*["'\'']\{0,1\}\([^"'\''[:space:]#]*\).*/\1/p' "$config")
args=""
for glob in $globs; do
  case $glob in
    /*) ;;
    *) glob="$dir/$glob" ;;
  esac
  # the pattern is meant to expand; an unmatched one stays as it is and is not readable
  # shellcheck disable=SC2086
  set -- $glob
  if [ ! -r "$1" ]; then
    fail "no readable file matches the template path $glob: copy homelab-ha-telegram.tmpl there.
  Without it Alertmanager starts, but every Telegram message has an empty text."
  fi
  args="$args --template.glob=$glob"
done
# shellcheck disable=SC2086
if ! amtool template render $args --template.text="{{ template \"$message_template\" . }}" >/dev/null 2>&1; then
  fail "the template files of $config do not define $message_template (an old or foreign template?)"
fi
echo "OK: $count template path(s), every one found, $message_template defined"
