#!/usr/bin/env bash
# Profiles the gateway under load (about 1 minute): runs the load harness on one workload for a long cell and
# attaches dotnet-trace (local tool, bench/dotnet-tools.json) to the gateway for 8 seconds, then prints the
# methods longest on the stack. Usage: bench/profile.sh [protocol (gemini)] [concurrency (16)]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
protocol=${1:-gemini}; concurrency=${2:-16}
out=bench/results/profile; mkdir -p "$out"
(cd bench && dotnet tool restore >/dev/null)
for project in src/Switchyard/Switchyard.csproj bench/Switchyard.Bench.Load/Switchyard.Bench.Load.csproj; do
  dotnet build "$project" -c Release -v q -nologo -nodeReuse:false >/dev/null
done
dotnet bench/Switchyard.Bench.Load/bin/Release/net10.0/Switchyard.Bench.Load.dll \
  --gateway src/Switchyard/bin/Release/net10.0/switchyard.dll \
  --emulator src/Switchyard.Emulator/bin/Release/net10.0/Switchyard.Emulator.dll \
  --protocols "$protocol" --concurrency "$concurrency" --seconds 20 --warmup 1 --jit-warmup 24 --soak 0 --pool-seconds 0 \
  --out "$out/load.md" > "$out/load.log" 2>&1 &
harness=$!
pid=""
for _ in $(seq 1 60); do
  pid=$(sed -n 's/^Gateway PID \([0-9]*\).*/\1/p' "$out/load.log")
  [ -n "$pid" ] && break
  sleep 1
done
[ -n "$pid" ] || { echo "the harness did not start the gateway; see $out/load.log" >&2; kill "$harness"; exit 1; }
for _ in $(seq 1 90); do   # the JIT warm-up over every workload, then the first (non-streaming) cell begins
  grep -q '^JIT warm-up' "$out/load.log" && break
  sleep 1
done
sleep 2
(cd bench && dotnet dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time --duration 00:00:00:08 -o "../$out/gateway.nettrace" >/dev/null)
wait "$harness" || true
(cd bench && dotnet dotnet-trace report "../$out/gateway.nettrace" topN -n 25) | tee "$out/topN-exclusive.txt"
(cd bench && dotnet dotnet-trace report "../$out/gateway.nettrace" topN -n 40 --inclusive) | tee "$out/topN-inclusive.txt"
