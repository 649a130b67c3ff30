#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of the hot paths (about 1.5 minutes): each translator's request path and
# stream path, and AccountScheduler.Pick, with allocations per operation. Short in-process job.
#   bench/micro.sh                       # all
#   bench/micro.sh --filter '*Stream*'   # any BenchmarkDotNet option passes through
# Reports: bench/results/micro/results/*-report-github.md
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if ! out=$(dotnet build bench/Switchyard.Bench.Micro/Switchyard.Bench.Micro.csproj -c Release -v q -nologo -nodeReuse:false 2>&1); then
  echo "$out" | grep -E "error|warning" >&2; exit 1
fi
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--filter '*')
exec dotnet bench/Switchyard.Bench.Micro/bin/Release/net10.0/Switchyard.Bench.Micro.dll --artifacts bench/results/micro "${args[@]}"
