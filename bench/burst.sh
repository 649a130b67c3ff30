#!/usr/bin/env bash
# The burst memory benchmark (about 2 minutes): resident memory of `switchyard serve` at idle, during 300 requests
# of 2 MB each (all at once), and every 5 s for 60 s after; target under 200 MB at the end. Writes
# bench/results/burst.md. Any option passes through (--burst N, --burst-mb, --burst-concurrency, --burst-settle,
# --gateway-set Key=Value, --out FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

for project in src/Switchyard/Switchyard.csproj bench/Switchyard.Bench.Load/Switchyard.Bench.Load.csproj; do
  if ! out=$(dotnet build "$project" -c Release -v q -nologo -nodeReuse:false 2>&1); then
    echo "$out" | grep -E "error|warning" >&2; echo "build of $project failed" >&2; exit 1
  fi
done

exec dotnet bench/Switchyard.Bench.Load/bin/Release/net10.0/Switchyard.Bench.Load.dll \
  --gateway src/Switchyard/bin/Release/net10.0/switchyard.dll \
  --emulator src/Switchyard.Emulator/bin/Release/net10.0/Switchyard.Emulator.dll \
  --burst 300 --out bench/results/burst.md "$@"
