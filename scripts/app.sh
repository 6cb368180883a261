#!/usr/bin/env bash
# Sets up the toolchain, builds the web app and serves it on localhost.
#   scripts/app.sh [--port 8080]
set -euo pipefail
cd "$(dirname "$0")/.."
./emsdk-setup.sh --no-browser
source build/env.sh
cmake --preset web >/dev/null
cmake --build --preset web
exec node scripts/serve.mjs --dir build/web/dist "$@"
