#!/usr/bin/env bash
# Builds the app (release) and serves it with the demo town on http://127.0.0.1:8080
# (PORT=... to change). Installs what is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh serve
echo "Sozialatlas: http://127.0.0.1:${PORT:-8080}/" >&2
exec trunk serve --release --port "${PORT:-8080}"
