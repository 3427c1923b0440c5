#!/usr/bin/env bash
# The Playground test drives Debian's Chromium (no browser download: the machines reach only
# the npm registry and Debian's packages). Installs it when missing and we are root with apt.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$path" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installerer Chromium (Debian-pakken) til browsertesten ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium mangler: installér den (fx 'sudo apt-get install chromium') eller sæt CHROMIUM_PATH." >&2
exit 1
