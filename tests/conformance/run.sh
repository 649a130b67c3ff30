#!/usr/bin/env bash
# Conformance: real, pinned, unmodified clients driven offline against the gateway and its emulator.
#   - Claude Code (`claude -p`): plain text, and a Bash tool loop. Configured only by the settings.json that
#     `switchyard connect claude-code --write` writes.
#   - opencode (`opencode run`): a bash tool round trip through each of the Anthropic, OpenAI-compatible and
#     Google providers of the opencode.json that `switchyard connect opencode --write` writes.
#   - The Node SDKs openai, @anthropic-ai/sdk and @google/genai (sdk.mjs): text, streaming, tools, models,
#     token counting, the Responses API, web search, images, configured only by the exports of `switchyard connect env --write`.
#   - Codex CLI (`codex exec`, cli/ pins it): a text task and a two-step shell tool loop, each on a Claude thinking model
#     and on a Gemini model, configured only by the config.toml that `switchyard connect codex --write` writes.
#   - Gemini CLI (`gemini -p`, cli/ pins it): text and a shell tool call, configured only by the settings.json and .env
#     that `switchyard connect gemini-cli --write` writes.
# The gateway and emulator come from `switchyard demo` (three accounts signed in through the real OAuth path).
# When it can (root, unshare), the client phase runs in a private network namespace with only loopback, so a
# client that tries to leave the machine fails instead of quietly doing so.
#
# Usage: tests/conformance/run.sh            (CONFORMANCE_CONFIGURATION=Release|Debug, default Release)
# Prints PASS/FAIL per case, then "Passed!  - Failed: F, Passed: P, ..." ("Failed!" when F > 0), the summary
# form of `dotnet test` that scripts/test.sh adds up.
# Exit code: 0 when every case passed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
configuration=${CONFORMANCE_CONFIGURATION:-Release}
dll="$root/src/Switchyard/bin/$configuration/net10.0/switchyard.dll"
passed=0
failed=0

summary() {
  printf '%s  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d, Duration: %d s - conformance (real clients)\n' \
    "$([ "$failed" -eq 0 ] && echo 'Passed!' || echo 'Failed!')" "$failed" "$passed" 0 $((passed + failed)) "$SECONDS"
}

pass() { passed=$((passed + 1)); echo "PASS $1"; }
case_start=0
started() { case_start=$SECONDS; }

# fail NAME REASON [FILE...]: records a failure and shows the end of each file (client output, logs).
fail() {
  failed=$((failed + 1))
  echo "FAIL $1: $2"
  shift 2
  for f in "$@"; do
    [ -s "$f" ] && { echo "  --- $(basename "$f") (last 25 lines)"; tail -n 25 "$f" | sed 's/^/  | /'; }
  done
}

abort() { fail "conformance setup" "$1" "${@:2}"; summary; exit 1; }

# ---------- phase 1: on the host network: install the pinned clients, build the gateway ----------
if [ "${CONFORMANCE_PHASE:-1}" = 1 ]; then
  command -v node >/dev/null && command -v npm >/dev/null || abort "node and npm are required"
  cd "$here"
  # The lock names every platform's opencode binary package; those this registry does not serve (darwin, windows,
  # musl, arm64) carry only version/os/cpu there, which is all npm ci needs to skip them on linux-x64.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "conformance: npm ci (pinned clients from package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error >"${TMPDIR:-/tmp}/switchyard-conformance-npm.log" 2>&1 \
      || abort "npm ci failed" "${TMPDIR:-/tmp}/switchyard-conformance-npm.log"
  fi
  for bin in claude opencode; do
    timeout 30 "node_modules/.bin/$bin" --version >/dev/null 2>&1 || abort "node_modules/.bin/$bin does not run (did its postinstall run?)"
  done
  # Codex CLI and Gemini CLI live in their own npm project (cli/), so their pins never touch the lock above.
  cd "$here/cli"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "conformance: npm ci in cli/ (Codex CLI and Gemini CLI from cli/package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error >"${TMPDIR:-/tmp}/switchyard-conformance-cli-npm.log" 2>&1 \
      || abort "npm ci in cli/ failed" "${TMPDIR:-/tmp}/switchyard-conformance-cli-npm.log"
  fi
  timeout 30 node_modules/.bin/codex --version >/dev/null 2>&1 || abort "cli/node_modules/.bin/codex does not run"
  GEMINI_CLI_NO_RELAUNCH=true timeout 60 node_modules/.bin/gemini --version >/dev/null 2>&1 || abort "cli/node_modules/.bin/gemini does not run"
  cd "$here"
  if [ ! -f "$dll" ]; then
    echo "conformance: building src/Switchyard ($configuration)"
    dotnet build "$root/src/Switchyard" -c "$configuration" >/dev/null 2>&1 || abort "dotnet build src/Switchyard failed"
  fi
  if [ "${CONFORMANCE_NETNS:-auto}" != off ] && command -v ip >/dev/null && unshare -n true 2>/dev/null; then
    echo "conformance: clients run in a private network namespace (loopback only)"
    exec env CONFORMANCE_PHASE=2 CONFORMANCE_ELAPSED="$SECONDS" unshare -n -- bash -c 'ip link set lo up 2>/dev/null || true; exec bash "$0"' "$here/run.sh"
  fi
  echo "conformance: clients run on the host network (no unshare here)"
fi

# ---------- phase 2: gateway + emulator, then the clients ----------
SECONDS=${CONFORMANCE_ELAPSED:-$SECONDS}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/switchyard-conformance.XXXXXX")
demo_pid=""
cleanup() {
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill -TERM -- "-$demo_pid" 2>/dev/null || kill -TERM "$demo_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$demo_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$demo_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

key="sk-conformance-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
mkdir -p "$tmp/data" "$tmp/work" "$tmp/oc" "$tmp/home-claude" "$tmp/home-oc/.config/opencode" "$tmp/home-sdk" \
  "$tmp/home-codex" "$tmp/work-codex" "$tmp/home-gemini/.gemini" "$tmp/work-gemini"
printf '{"Auth":{"ApiKeys":[{"Name":"conformance","Key":"%s"}]}}\n' "$key" >"$tmp/data/switchyard.json"
# opencode installs @opencode-ai/plugin into its config dir in the background unless the lock already names it.
echo '{"lockfileVersion":3,"requires":true,"packages":{"":{"dependencies":{"@opencode-ai/plugin":"*"}}}}' \
  >"$tmp/home-oc/.config/opencode/package-lock.json"

base_env=(PATH=/usr/local/bin:/usr/bin:/bin TERM=dumb LANG=C.UTF-8)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
setsid dotnet "$dll" demo --port 0 --emulator-port 0 --data-dir "$tmp/data" >"$tmp/demo.log" 2>&1 &
demo_pid=$!
url=""
for _ in $(seq 1 240); do
  url=$(sed -n 's/^Demo ready: gateway \(http[^,]*\),.*/\1/p' "$tmp/demo.log")
  [ -n "$url" ] && break
  kill -0 "$demo_pid" 2>/dev/null || break
  sleep 0.5
done
[ -n "$url" ] || abort "switchyard demo did not become ready in 120 s" "$tmp/demo.log"
emulator=$(sed -n 's/^Demo ready: gateway [^,]*, emulator \(http:\/\/[0-9.:]*\).*/\1/p' "$tmp/demo.log")
echo "conformance: gateway $url, emulator $emulator (ready after ${SECONDS} s)"

sy() { timeout 60 dotnet "$dll" "$@" --data-dir "$tmp/data" --gateway-url "$url"; }
HOME="$tmp/home-claude" sy connect claude-code --write >"$tmp/connect.log" 2>&1 \
  && sy connect opencode --write --path "$tmp/oc/opencode.json" >>"$tmp/connect.log" 2>&1 \
  && sy connect env --write --path "$tmp/switchyard.env" >>"$tmp/connect.log" 2>&1 \
  && sy connect codex --write --path "$tmp/home-codex/config.toml" >>"$tmp/connect.log" 2>&1 \
  && sy connect gemini-cli --write --path "$tmp/home-gemini/.gemini/settings.json" >>"$tmp/connect.log" 2>&1 \
  || abort "switchyard connect --write failed" "$tmp/connect.log"
grep -q "$key" "$tmp/connect.log" && abort "switchyard connect printed the API key"

# expect NAME OUT ERR EXPECTED...: passes when the client exited 0 and its stdout contains every EXPECTED text.
expect() {
  local name=$1 out=$2 err=$3 rc=$4
  shift 4
  if [ "$rc" -ne 0 ]; then
    fail "$name" "exit code $rc$([ "$rc" -eq 124 ] && echo ' (timed out)')" "$out" "$err"
    return
  fi
  for text in "$@"; do
    if ! grep -qF -- "$text" "$out"; then
      fail "$name" "stdout lacks '$text'" "$out" "$err"
      return
    fi
  done
  pass "$name ($((SECONDS - case_start)) s)"
}

# ---- Claude Code: only ~/.claude/settings.json (written by connect) points it at the gateway ----
claude() {
  (cd "$tmp/work" && timeout -k 5 120 env -i "${base_env[@]}" HOME="$tmp/home-claude" \
    "$here/node_modules/.bin/claude" "$@" </dev/null)
}
started
claude -p "Say hello [[emu:text claude-code-text-ok]]" >"$tmp/c1.out" 2>"$tmp/c1.err"
expect "claude-code: claude -p text" "$tmp/c1.out" "$tmp/c1.err" $? "claude-code-text-ok"
started
claude -p 'Run the command. [[emu:call Bash {"command":"echo conf-tool-ok-42","description":"Print a marker"}]]' \
  --allowedTools 'Bash(echo:*)' >"$tmp/c2.out" 2>"$tmp/c2.err"
expect "claude-code: claude -p Bash tool loop" "$tmp/c2.out" "$tmp/c2.err" $? "reply after tool results: Bash (conf-tool-ok-42)"

# The order matters while the gateway cools accounts after failures: the Codex, Gemini CLI and SDK runs go before
# opencode, whose Google provider asks for a gemini-cli-pool model (gemini-2.5-flash).
# ---- Codex CLI: only $CODEX_HOME/config.toml (written by connect codex) points it at the gateway ----
# The model comes from that file (a Claude thinking model); the Gemini runs add -m. A shell loop is scripted in the
# emulator (two exec_command calls, then the reply after the tool results), since only the model's reply decides it.
codex() {
  (cd "$tmp/work-codex" && timeout -k 5 120 env -i "${base_env[@]}" HOME="$tmp/home-codex" CODEX_HOME="$tmp/home-codex" \
    "$here/cli/node_modules/.bin/codex" exec --skip-git-repo-check --ephemeral "$@" </dev/null)
}
script_shell_loop() {
  curl -sf -X POST "$emulator/__emulator/scripts" -H 'content-type: application/json' -d '{"match":{"model":"'"$1"'"},"responses":[
    {"thinking":"First the one.","functionCalls":[{"name":"exec_command","args":{"cmd":"echo '"$2"'-one"}}]},
    {"thinking":"Then the two.","functionCalls":[{"name":"exec_command","args":{"cmd":"echo '"$2"'-two"}}]}]}' >/dev/null
}
codex_model=$(sed -n 's/^model = "\(.*\)"$/\1/p' "$tmp/home-codex/config.toml" | head -n 1)
for run in "claude:" "gemini:-m gemini-3-flash"; do
  label=${run%%:*}
  flags=${run#*:}
  model=${flags#-m }
  [ -z "$flags" ] && model=$codex_model
  started
  # shellcheck disable=SC2086
  codex $flags "Say hello [[emu:text codex-$label-text-ok]]" >"$tmp/codex-$label-1.out" 2>"$tmp/codex-$label-1.err"
  expect "codex: exec text on $model" "$tmp/codex-$label-1.out" "$tmp/codex-$label-1.err" $? "codex-$label-text-ok"
  started
  if script_shell_loop "$model" "codex-$label-step"; then
    # shellcheck disable=SC2086
    codex $flags --json "Run the two commands" >"$tmp/codex-$label-2.out" 2>"$tmp/codex-$label-2.err"
    expect "codex: exec two-step shell tool loop on $model" "$tmp/codex-$label-2.out" "$tmp/codex-$label-2.err" $? \
      '"aggregated_output":"codex-'"$label"'-step-one\n"' '"aggregated_output":"codex-'"$label"'-step-two\n"' \
      "reply after tool results: exec_command" '"type":"turn.completed"'
  else
    fail "codex: exec two-step shell tool loop on $model" "could not script the emulator at $emulator"
  fi
done

# ---- Gemini CLI: only ~/.gemini/settings.json and ~/.gemini/.env (written by connect gemini-cli) point it at the gateway ----
gemini() {
  (cd "$tmp/work-gemini" && timeout -k 5 120 env -i "${base_env[@]}" HOME="$tmp/home-gemini" \
    "$here/cli/node_modules/.bin/gemini" --skip-trust "$@" </dev/null)
}
started
gemini -p "Say hello [[emu:text gemini-cli-text-ok]]" >"$tmp/gemini-1.out" 2>"$tmp/gemini-1.err"
expect "gemini-cli: gemini -p text" "$tmp/gemini-1.out" "$tmp/gemini-1.err" $? "gemini-cli-text-ok"
started
gemini --yolo -o stream-json -p 'Run it [[emu:call run_shell_command {"command":"echo gemini-tool-ok-7"}]]' \
  >"$tmp/gemini-2.out" 2>"$tmp/gemini-2.err"
expect "gemini-cli: gemini -p shell tool call" "$tmp/gemini-2.out" "$tmp/gemini-2.err" $? \
  '"tool_name":"run_shell_command"' '"output":"gemini-tool-ok-7"' '"type":"result"' '"status":"success"'

# ---- Node SDKs: only the exports written by connect env point them at the gateway ----
echo "conformance: node sdk.mjs"
(cd "$here" && timeout -k 5 120 env -i "${base_env[@]}" HOME="$tmp/home-sdk" \
  bash -c '. "$1" && exec node sdk.mjs' _ "$tmp/switchyard.env") >"$tmp/sdk.out" 2>"$tmp/sdk.err"
sdk_rc=$?
while IFS= read -r line; do
  case "$line" in
    "PASS "*) pass "${line#PASS }" ;;
    "FAIL "*) rest=${line#FAIL }; fail "${rest%%: *}" "${rest#*: }" ;;
  esac
done <"$tmp/sdk.out"
if [ "$sdk_rc" -ne 0 ] && ! grep -q '^FAIL ' "$tmp/sdk.out"; then
  fail "sdk: node sdk.mjs" "exit code $sdk_rc" "$tmp/sdk.out" "$tmp/sdk.err"
fi

# ---- opencode: the three providers of the opencode.json written by connect, each with a bash round trip ----
# The three runs go in parallel, each with its own HOME and working directory (opencode is slow to start).
# opencode quotes (and escapes) any argument holding a space, so the directive is split into space-free words.
models=(switchyard-anthropic/claude-sonnet-4-5 switchyard-openai/gemini-3-flash switchyard-google/gemini-2.5-flash)
runs=()
started
for model in "${models[@]}"; do
  provider=${model%%/*}
  mkdir -p "$tmp/$provider/home/.config/opencode/node_modules" "$tmp/$provider/work"
  cp "$tmp/home-oc/.config/opencode/package-lock.json" "$tmp/$provider/home/.config/opencode/"
  cp "$tmp/oc/opencode.json" "$tmp/$provider/work/"
  (cd "$tmp/$provider/work" && timeout -k 5 240 env -i "${base_env[@]}" HOME="$tmp/$provider/home" \
    OPENCODE_DISABLE_MODELS_FETCH=1 OPENCODE_DISABLE_AUTOUPDATE=1 OPENCODE_DISABLE_DEFAULT_PLUGINS=1 \
    OPENCODE_DISABLE_LSP_DOWNLOAD=1 OPENCODE_DISABLE_SHARE=1 \
    "$here/node_modules/.bin/opencode" run -m "$model" \
    '[[emu:call' 'bash' '{"command":"echo\u0020oc-tool-ok-7","description":"Print\u0020a\u0020marker"}]]' </dev/null \
    >"$tmp/$provider.out" 2>"$tmp/$provider.err"; echo $? >"$tmp/$provider.rc") &
  runs+=($!)
done
wait "${runs[@]}"
for model in "${models[@]}"; do
  provider=${model%%/*}
  expect "opencode: $provider bash tool round trip" "$tmp/$provider.out" "$tmp/$provider.err" "$(cat "$tmp/$provider.rc")" \
    "oc-tool-ok-7" "reply after tool results: bash (oc-tool-ok-7)"
done

if [ "$failed" -ne 0 ]; then
  echo "  --- gateway and emulator log (last 40 lines)"
  tail -n 40 "$tmp/demo.log" | sed 's/^/  | /'
fi
summary
[ "$failed" -eq 0 ]
