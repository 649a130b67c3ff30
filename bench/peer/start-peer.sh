#!/usr/bin/env bash
# Starts antigravity-claude-proxy 2.0.4 (npm) against the Switchyard emulator, in the foreground, for the load
# harness (bench/run.sh with BENCH_PEER=1). Environment, set by the harness:
#   EMULATOR_URL, PEER_PORT, PEER_TOKEN (an emulator access token), PEER_PROJECT (that account's project),
#   PEER_HOME (scratch directory). The package is installed once into bench/peer/node_modules
#   (--ignore-scripts: the optional native sqlite module is not needed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$here/node_modules/antigravity-claude-proxy/bin/cli.js" ]; then
  npm install --prefix "$here" antigravity-claude-proxy@2.0.4 --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
config="$PEER_HOME/.config/antigravity-proxy"
mkdir -p "$config"
cat > "$config/accounts.json" <<JSON
{"activeIndex":0,"settings":{},"accounts":[{"email":"bench1@example.com","source":"manual","apiKey":"$PEER_TOKEN","projectId":"$PEER_PROJECT"}]}
JSON
echo '{"maxRetries":3,"defaultCooldownMs":5000}' > "$config/config.json"
cd "$PEER_HOME"
HOME="$PEER_HOME" PORT="$PEER_PORT" EMULATOR_URL="$EMULATOR_URL" exec node --import "$here/redirect-preload.mjs" "$here/node_modules/antigravity-claude-proxy/bin/cli.js" start
