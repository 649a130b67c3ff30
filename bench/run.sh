#!/usr/bin/env bash
# The whole load benchmark in one command (about 5 minutes on 2 cores):
#   bench/run.sh                      # full run, writes bench/results/latest.md
#   bench/run.sh --seconds 1 --soak 5000 --out /tmp/quick.md   # a quick look (any harness option passes through)
# Builds Release, starts the emulator (zero model delay) and `switchyard serve` as two processes, signs five
# accounts in (emulator control API + `switchyard accounts import --refresh-token`), then drives the gateway and
# the emulator directly side by side. Options: see the top of bench/Switchyard.Bench.Load/Program.cs.
# BENCH_PEER=1 bench/run.sh also runs antigravity-claude-proxy 2.0.4 (npm) against the same emulator
# (bench/peer/start-peer.sh; needs node and npm) and reports the throughput ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

for project in src/Switchyard/Switchyard.csproj bench/Switchyard.Bench.Load/Switchyard.Bench.Load.csproj; do
  if ! out=$(dotnet build "$project" -c Release -v q -nologo -nodeReuse:false 2>&1); then
    echo "$out" | grep -E "error|warning" >&2; echo "build of $project failed" >&2; exit 1
  fi
done

args=(
  --gateway src/Switchyard/bin/Release/net10.0/switchyard.dll
  --emulator src/Switchyard.Emulator/bin/Release/net10.0/Switchyard.Emulator.dll
  --out bench/results/latest.md
)
if [ "${BENCH_PEER:-0}" = 1 ]; then
  args+=(--peer-script bench/peer/start-peer.sh)
fi
exec dotnet bench/Switchyard.Bench.Load/bin/Release/net10.0/Switchyard.Bench.Load.dll "${args[@]}" "$@"
