#!/usr/bin/env bash
# Serve the app on 127.0.0.1:$1 with the background worker; Ctrl-C stops both.
set -euo pipefail
port="${1:-8000}"
bin=.venv/bin
"$bin/regie" worker --queue-name '*' --no-reload &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null; exit 0' INT TERM EXIT
echo "Regie Inburgering draait op http://127.0.0.1:${port}/  (stoppen: Ctrl-C)"
"$bin/gunicorn" regie.wsgi:application --bind "127.0.0.1:${port}" --workers 2 --threads 4 \
  --access-logfile - --graceful-timeout 5
