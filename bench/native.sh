#!/usr/bin/env bash
# The native (AOT) build against the JIT build: start-up to a served /healthz, resident memory at idle with 3 accounts,
# after 100,000 requests and after 100,000 more (flat?), and throughput on the same workload.
# Usage: bench/native.sh [NATIVE_EXE] [REQUESTS]   (default artifacts/native/linux-x64/switchyard, 100000)
#        JIT_EXE=path runs that JIT executable (e.g. the self-contained apphost in bin/Release/net10.0/linux-x64/)
#        instead of `dotnet src/Switchyard/bin/Release/net10.0/switchyard.dll`
#        STARTUP_ONLY=1 measures only the start-ups (about 20 s), e.g. to repeat them on a quiet machine
# Needs: a native publish (scripts/publish.sh), a Release build (dotnet build src/Switchyard -c Release), curl, hey.
# Both gateways run `serve` against the same emulator (`switchyard emulator`, the native binary) with 3 ULTRA accounts
# imported through the real token path, request log on (as shipped). Load: hey, 16 connections, Anthropic
# POST /v1/messages, non-streaming. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
native=$(realpath "${1:-artifacts/native/linux-x64/switchyard}")
requests=${2:-100000}
dll=${JIT_DLL:-$PWD/src/Switchyard/bin/Release/net10.0/switchyard.dll}
[ -x "$native" ] || { echo "no native executable at $native (scripts/publish.sh)" >&2; exit 2; }
if [ -n "${JIT_EXE:-}" ]; then jit=("$JIT_EXE"); else
  [ -f "$dll" ] || { echo "no Release build at $dll (dotnet build src/Switchyard -c Release)" >&2; exit 2; }
  jit=(dotnet "$dll"); fi
command -v hey >/dev/null || { echo "hey is needed (apt-get install hey)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/switchyard-native-bench.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_mb() { awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }

emu_port=$(free_port)
emu="http://127.0.0.1:$emu_port/"
printf '[{"email":"a1@example.com","tier":"ULTRA","deniedModels":[]},{"email":"a2@example.com","tier":"ULTRA","deniedModels":[]},{"email":"a3@example.com","tier":"ULTRA","deniedModels":[]}]' >"$work/accounts.json"
Logging__LogLevel__Default=Warning "$native" emulator --port "$emu_port" --accounts "$work/accounts.json" >"$work/emulator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "${emu}__emulator/config" >/dev/null && break; sleep 0.1; done

# data directory: the emulator's settings in switchyard.json, 3 accounts imported with minted refresh tokens
setup_data() {
  local dir=$1; mkdir -p "$dir"
  cat >"$dir/switchyard.json" <<JSON
{"OAuth":{"ClientId":"switchyard-emulator-client.apps.local","ClientSecret":"emulator-local-secret",
  "AuthorizeUrl":"${emu}o/oauth2/v2/auth","TokenUrl":"${emu}token","UserInfoUrl":"${emu}oauth2/v2/userinfo"},
 "Accounts":{"OnboardPollDelaySeconds":0},
 "Upstream":{"Hosts":[{"Label":"prod","BaseUrl":"${emu}prod"}]},
 "Auth":{"ApiKeys":[{"Name":"bench","Key":"sk-bench-0123456789"}]},
 "Logging":{"LogLevel":{"Default":"Warning"}}}
JSON
  for n in 1 2 3; do
    refresh=$(curl -fs -X POST "${emu}__emulator/accounts/a$n@example.com/tokens" | sed -n 's/.*"refresh_token":"\([^"]*\)".*/\1/p')
    "$native" accounts import --refresh-token "$refresh" --data-dir "$dir" >/dev/null
  done
}

# start_gateway NAME CMD...: starts serve, prints start-up ms (process start to the first 200 from /healthz)
start_gateway() {
  local name=$1; shift
  local port; port=$(free_port)
  local t0; t0=$(now_ms)
  "$@" serve --data-dir "$work/data-$name" --port "$port" >"$work/$name.log" 2>&1 &
  gw_pid=$!; pids+=("$gw_pid")
  until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "$gw_pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
    sleep 0.002
  done
  startup_ms=$(( $(now_ms) - t0 ))
  # CPU time the process used until then (utime + stime, 10 ms ticks): what start-up costs on a free core
  startup_cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$gw_pid/stat")
  gw_url="http://127.0.0.1:$port"
}

stop_gateway() { kill "$gw_pid"; wait "$gw_pid" 2>/dev/null || true; }

body='{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"[[emu:text ok]]"}]}'
load() { hey -n "$1" -c 16 -m POST -T application/json -H "x-api-key: sk-bench-0123456789" -d "$body" "$gw_url/v1/messages" >"$work/hey.txt"; \
  awk '/Requests\/sec/{printf "%.0f", $2}' "$work/hey.txt"; }

declare -A result
for name in native jit; do
  setup_data "$work/data-$name"
  if [ "$name" = native ]; then cmd=("$native"); else cmd=("${jit[@]}"); fi
  # start-up: five starts, the median
  starts=(); cpus=()
  for i in 1 2 3 4 5; do start_gateway "$name" "${cmd[@]}"; starts+=("$startup_ms"); cpus+=("$startup_cpu"); stop_gateway; done
  result[$name.startup]=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)
  result[$name.cpu]=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 3p)
  [ -n "${STARTUP_ONLY:-}" ] && continue
  start_gateway "$name" "${cmd[@]}"
  curl -fs -X POST -H "x-api-key: sk-bench-0123456789" -H 'content-type: application/json' -d "$body" "$gw_url/v1/messages" >/dev/null
  sleep 5
  result[$name.idle]=$(rss_mb "$gw_pid")
  hey -n 2000 -c 16 -m POST -T application/json -H "x-api-key: sk-bench-0123456789" -d "$body" "$gw_url/v1/messages" >/dev/null
  result[$name.rps1]=$(load "$requests")
  result[$name.after1]=$(rss_mb "$gw_pid")
  result[$name.rps2]=$(load "$requests")
  result[$name.after2]=$(rss_mb "$gw_pid")
  result[$name.errors]=$(grep -c '\[[45][0-9][0-9]\]' "$work/hey.txt" || true)
  stop_gateway
done

echo "| build | start-up to /healthz, wall (median of 5) | CPU time used by then | RSS idle, 3 accounts | RSS after $requests | RSS after $((2 * requests)) | req/s (1st, 2nd $requests) |"
echo "|---|---|---|---|---|---|---|"
for name in native jit; do
  echo "| $name | ${result[$name.startup]} ms | ${result[$name.cpu]} ms | ${result[$name.idle]:--} MB | ${result[$name.after1]:--} MB | ${result[$name.after2]:--} MB | ${result[$name.rps1]:--}, ${result[$name.rps2]:--} |"
done
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg); native $(du -h "$native" | cut -f1)"
