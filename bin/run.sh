#!/usr/bin/env bash
# Serve the app on 127.0.0.1:$1 with the background worker; Ctrl-C stops both.
set -euo pipefail
port="${1:-8000}"
bin=.venv/bin
standins=""
# The BRP stand-in (invented 9999xxxxx persons, docs/brp.md) unless a BRP is configured.
if [ -z "${REGIE_BRP_URL:-}" ]; then
  brp_port="${REGIE_BRP_STANDIN_PORT:-$((port + 81))}"
  "$bin/regie" exchange standin brp --port "$brp_port" >/dev/null 2>&1 &
  standins="$standins $!"
  export REGIE_BRP_URL="http://127.0.0.1:${brp_port}/haalcentraal/api/brp"
  echo "BRP-stand-in op ${REGIE_BRP_URL}"
fi
# The stand-in DigiD broker for the newcomer's portal (demo persons, docs/portal.md) unless a
# broker is configured.
if [ -z "${REGIE_PORTAL_OIDC_ISSUER:-}" ]; then
  oidc_port="${REGIE_PORTAL_STANDIN_PORT:-$((port + 82))}"
  "$bin/regie" portal standin-oidc --port "$oidc_port" >/dev/null 2>&1 &
  standins="$standins $!"
  export REGIE_PORTAL_OIDC_ISSUER="http://127.0.0.1:${oidc_port}"
  export REGIE_PORTAL_OIDC_CLIENT_ID=regie-portaal REGIE_PORTAL_OIDC_CLIENT_SECRET=demo-geheim
  echo "Nagebootste DigiD (demo) voor het portaal op ${REGIE_PORTAL_OIDC_ISSUER}; portaal: http://127.0.0.1:${port}/mijn/"
fi
"$bin/regie" worker --queue-name '*' --no-reload &
worker=$!
trap 'kill $worker $standins 2>/dev/null; wait $worker $standins 2>/dev/null; exit 0' INT TERM EXIT
echo "Regie Inburgering draait op http://127.0.0.1:${port}/  (stoppen: Ctrl-C)"
"$bin/gunicorn" regie.wsgi:application --bind "127.0.0.1:${port}" --workers 2 --threads 4 \
  --access-logfile - --graceful-timeout 5
