#!/usr/bin/env bash
# Browser tests need Debian's chromium at /usr/bin/chromium. They are never skipped.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "chromium ontbreekt; installeren met apt-get..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "De browsertests hebben Chromium nodig in /usr/bin/chromium." >&2
echo "Installeer het met: sudo apt-get install chromium" >&2
exit 1
