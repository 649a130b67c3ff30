#!/usr/bin/env bash
# Conformance: real, pinned, unmodified clients driven offline against the gateway and its emulator.
#   - Claude Code (`claude -p`): plain text, a Bash tool loop, and on its default Opus (a thinking model) a
#     two-step Bash loop then `--continue`. Configured only by the settings.json that
#     `switchyard connect claude-code --write` writes.
#   - opencode (`opencode run`): a bash tool round trip through each of the Anthropic, OpenAI-compatible and
#     Google providers of the opencode.json that `switchyard connect opencode --write` writes, and two sequential
#     bash steps on claude-opus-4-6-thinking through each of the three.
#   - The Node SDKs openai, @anthropic-ai/sdk and @google/genai (sdk.mjs): text, streaming, tools, models,
#     token counting, a pydantic-style schema, a Claude thinking tool call streamed through the Gemini SDK and
#     sent back as its parts, the Responses API, web search, images, configured only by the exports of
#     `switchyard connect env --write`.
#   - Codex CLI (`codex exec`, cli/ pins it): a text task and a two-step shell tool loop, each on a Claude thinking model
#     and on a Gemini model, configured only by the config.toml that `switchyard connect codex --write` writes.
#   - Gemini CLI (`gemini -p`, cli/ pins it): text and a shell tool call, configured only by the settings.json and .env
#     that `switchyard connect gemini-cli --write` writes.
#   - restart.mjs: an OpenAI-protocol tool loop on a Claude thinking model whose second step goes to a second
#     gateway (`switchyard serve` on the same data directory, started after the first step): the signed thinking
#     only the gateway holds must survive the restart.
# Multi-step loops chain through the emulator: a tool whose output is an [[emu:call …]] directive makes the next
# step call it.
# The gateway and emulator come from `switchyard demo` (three accounts signed in through the real OAuth path).
# When it can (root, unshare), the client phase runs in a private network namespace with only loopback, so a
# client that tries to leave the machine fails instead of quietly doing so.
#
# Usage: tests/conformance/run.sh            (CONFORMANCE_CONFIGURATION=Release|Debug, default Release)
#        CONFORMANCE_BINARY=path/to/switchyard tests/conformance/run.sh   (a given executable, e.g. the native one
#        from scripts/publish.sh, instead of the JIT build's switchyard.dll)
#        CONFORMANCE_ONLY="claude-code codex gemini-cli sdk opencode restart" runs only the named groups (default: all), to iterate.
# Prints PASS/FAIL per case, then "Passed!  - Failed: F, Passed: P, ..." ("Failed!" when F > 0), the summary
# form of `dotnet test` that scripts/test.sh adds up.
# Exit code: 0 when every case passed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
configuration=${CONFORMANCE_CONFIGURATION:-Release}
dll="$root/src/Switchyard/bin/$configuration/net10.0/switchyard.dll"
binary=${CONFORMANCE_BINARY:-}
if [ -n "$binary" ]; then switchyard=("$binary"); else switchyard=(dotnet "$dll"); fi
passed=0
failed=0

summary() {
  printf '%s  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d, Duration: %d s - conformance (real clients)\n' \
    "$([ "$failed" -eq 0 ] && echo 'Passed!' || echo 'Failed!')" "$failed" "$passed" 0 $((passed + failed)) "$SECONDS"
}

pass() { passed=$((passed + 1)); echo "PASS $1"; }
only=" ${CONFORMANCE_ONLY:-claude-code codex gemini-cli sdk opencode restart} "
group() { [[ "$only" == *" $1 "* ]]; }
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
  if [ -n "$binary" ]; then
    [ -x "$binary" ] || abort "CONFORMANCE_BINARY=$binary is not an executable file"
    echo "conformance: using $binary"
  elif [ ! -f "$dll" ]; then
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
  if [ -n "${serve_pid:-}" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -KILL -- "-$serve_pid" 2>/dev/null || kill -KILL "$serve_pid" 2>/dev/null
  fi
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
setsid "${switchyard[@]}" demo --port 0 --emulator-port 0 --data-dir "$tmp/data" >"$tmp/demo.log" 2>&1 &
demo_pid=$!
url=""
for _ in $(seq 1 240); do
  url=$(sed -n 's/^Demo ready: gateway \(http[^,]*\),.*/\1/p' "$tmp/demo.log")
  [ -n "$url" ] && break
  kill -0 "$demo_pid" 2>/dev/null || break
  sleep 0.5
done
[ -n "$url" ] || abort "switchyard demo did not become ready in 120 s" "$tmp/demo.log"
emulator=$(sed -n 's/^Demo ready: gateway [^,]*, emulator \(http[^ ,]*[^ ,.]\).*/\1/p' "$tmp/demo.log")
emulator=${emulator%/}
echo "conformance: gateway $url, emulator $emulator (ready after ${SECONDS} s)"

sy() { timeout 60 "${switchyard[@]}" "$@" --data-dir "$tmp/data" --gateway-url "$url"; }
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
if group claude-code; then
started
claude -p "Say hello [[emu:text claude-code-text-ok]]" >"$tmp/c1.out" 2>"$tmp/c1.err"
expect "claude-code: claude -p text" "$tmp/c1.out" "$tmp/c1.err" $? "claude-code-text-ok"
started
claude -p 'Run the command. [[emu:call Bash {"command":"echo conf-tool-ok-42","description":"Print a marker"}]]' \
  --allowedTools 'Bash(echo:*)' >"$tmp/c2.out" 2>"$tmp/c2.err"
expect "claude-code: claude -p Bash tool loop" "$tmp/c2.out" "$tmp/c2.err" $? "reply after tool results: Bash (conf-tool-ok-42)"

# Its default model is Opus (a thinking model at the gateway): the first command prints the directive of the second,
# so the loop takes two Bash steps; then --continue sends the whole history, thinking of both tool turns included.
started
step_two='[[emu:call Bash {\"command\":\"echo cc-step-two-5\",\"description\":\"Print the second marker\"}]]'
claude -p "Run the commands. [[emu:call Bash {\"command\":\"echo '$step_two'\",\"description\":\"Print the next step\"}]]" \
  --allowedTools 'Bash(echo:*)' >"$tmp/c3.out" 2>"$tmp/c3.err"
expect "claude-code: Opus two-step Bash loop" "$tmp/c3.out" "$tmp/c3.err" $? "reply after tool results: Bash (cc-step-two-5)"
started
claude -p --continue "Now say it is done. [[emu:text cc-continue-ok]]" >"$tmp/c4.out" 2>"$tmp/c4.err"
expect "claude-code: Opus --continue after the loop" "$tmp/c4.out" "$tmp/c4.err" $? "cc-continue-ok"
fi

# The Codex, Gemini CLI and SDK runs go before opencode, whose Google provider asks for a gemini-cli-pool model
# (gemini-2.5-flash): a failure there may cool accounts for the runs after it.
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
if group codex; then
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
fi

# ---- Gemini CLI: only ~/.gemini/settings.json and ~/.gemini/.env (written by connect gemini-cli) point it at the gateway ----
gemini() {
  (cd "$tmp/work-gemini" && timeout -k 5 120 env -i "${base_env[@]}" HOME="$tmp/home-gemini" \
    "$here/cli/node_modules/.bin/gemini" --skip-trust "$@" </dev/null)
}
if group gemini-cli; then
started
gemini -p "Say hello [[emu:text gemini-cli-text-ok]]" >"$tmp/gemini-1.out" 2>"$tmp/gemini-1.err"
expect "gemini-cli: gemini -p text" "$tmp/gemini-1.out" "$tmp/gemini-1.err" $? "gemini-cli-text-ok"
started
gemini --yolo -o stream-json -p 'Run it [[emu:call run_shell_command {"command":"echo gemini-tool-ok-7"}]]' \
  >"$tmp/gemini-2.out" 2>"$tmp/gemini-2.err"
expect "gemini-cli: gemini -p shell tool call" "$tmp/gemini-2.out" "$tmp/gemini-2.err" $? \
  '"tool_name":"run_shell_command"' '"output":"gemini-tool-ok-7"' '"type":"result"' '"status":"success"'
fi

# ---- Node SDKs: only the exports written by connect env point them at the gateway ----
# record_lines FILE: the PASS/FAIL lines a node script printed, counted.
record_lines() {
  while IFS= read -r line; do
    case "$line" in
      "PASS "*) pass "${line#PASS }" ;;
      "FAIL "*) rest=${line#FAIL }; fail "${rest%%: *}" "${rest#*: }" ;;
    esac
  done <"$1"
}

if group sdk; then
echo "conformance: node sdk.mjs"
(cd "$here" && timeout -k 5 120 env -i "${base_env[@]}" HOME="$tmp/home-sdk" \
  bash -c '. "$1" && exec node sdk.mjs' _ "$tmp/switchyard.env") >"$tmp/sdk.out" 2>"$tmp/sdk.err"
sdk_rc=$?
record_lines "$tmp/sdk.out"
if [ "$sdk_rc" -ne 0 ] && ! grep -q '^FAIL ' "$tmp/sdk.out"; then
  fail "sdk: node sdk.mjs" "exit code $sdk_rc" "$tmp/sdk.out" "$tmp/sdk.err"
fi
fi

# ---- opencode: the three providers of the opencode.json written by connect, each with a bash round trip ----
# The three runs go in parallel, each with its own HOME and working directory (opencode is slow to start).
# opencode quotes (and escapes) any argument holding a space, so the directive is split into space-free words.
# opencode_runs NAME PROMPT-WORDS... : one `opencode run` per model in $models, in parallel, outputs in $tmp/NAME-PROVIDER.*
opencode_runs() {
  local name=$1 model provider dir
  shift
  local runs=()
  for model in "${models[@]}"; do
    provider=${model%%/*}
    dir="$tmp/$name-$provider"
    mkdir -p "$dir/home/.config/opencode/node_modules" "$dir/work"
    cp "$tmp/home-oc/.config/opencode/package-lock.json" "$dir/home/.config/opencode/"
    cp "$tmp/oc/opencode.json" "$dir/work/"
    (cd "$dir/work" && timeout -k 5 240 env -i "${base_env[@]}" HOME="$dir/home" \
      OPENCODE_DISABLE_MODELS_FETCH=1 OPENCODE_DISABLE_AUTOUPDATE=1 OPENCODE_DISABLE_DEFAULT_PLUGINS=1 \
      OPENCODE_DISABLE_LSP_DOWNLOAD=1 OPENCODE_DISABLE_SHARE=1 \
      "$here/node_modules/.bin/opencode" run -m "$model" "$@" </dev/null \
      >"$dir.out" 2>"$dir.err"; echo $? >"$dir.rc") &
    runs+=($!)
  done
  wait "${runs[@]}"
}

if group opencode; then
models=(switchyard-anthropic/claude-sonnet-4-5 switchyard-openai/gemini-3-flash switchyard-google/gemini-3-flash)
started
opencode_runs tool '[[emu:call' 'bash' '{"command":"echo\u0020oc-tool-ok-7","description":"Print\u0020a\u0020marker"}]]'
for model in "${models[@]}"; do
  provider=${model%%/*}
  expect "opencode: $provider bash tool round trip" "$tmp/tool-$provider.out" "$tmp/tool-$provider.err" "$(cat "$tmp/tool-$provider.rc")" \
    "oc-tool-ok-7" "reply after tool results: bash (oc-tool-ok-7)"
done

# Opus thinking through each provider, two bash steps: the first command prints the directive of the second.
models=(switchyard-anthropic/claude-opus-4-6-thinking switchyard-openai/claude-opus-4-6-thinking switchyard-google/claude-opus-4-6-thinking)
started
opencode_runs opus '[[emu:call' 'bash' \
  '{"command":"echo\u0020'"'"'[[emu:call\u0020bash\u0020{\"command\":\"echo\u0020oc-step-two-8\",\"description\":\"Step\u0020two\"}]]'"'"'","description":"Step\u0020one"}]]'
for model in "${models[@]}"; do
  provider=${model%%/*}
  expect "opencode: $provider claude-opus-4-6-thinking two bash steps" "$tmp/opus-$provider.out" "$tmp/opus-$provider.err" "$(cat "$tmp/opus-$provider.rc")" \
    "oc-step-two-8" "reply after tool results: bash (oc-step-two-8)"
done
fi

# ---- A tool loop across a gateway restart: step one through the demo's gateway, step two through a second gateway
# (`serve` on the same data directory and emulator) started only after step one, so it knows only what is on disk ----
if group restart; then
echo "conformance: node restart.mjs across a gateway restart"
serve_pid=""
restart_node() {
  (cd "$here" && timeout -k 5 60 env -i "${base_env[@]}" HOME="$tmp/home-sdk" OPENAI_API_KEY="$key" \
    node restart.mjs "$@")
}
restart_node step1 "$url/v1" "$tmp/restart-state.json" >"$tmp/restart1.out" 2>"$tmp/restart1.err"
rc=$?
record_lines "$tmp/restart1.out"
if [ "$rc" -ne 0 ]; then
  grep -q '^FAIL ' "$tmp/restart1.out" || fail "restart: step one" "exit code $rc" "$tmp/restart1.out" "$tmp/restart1.err"
else
  serve_args=(--data-dir "$tmp/data" --set Server:Host=127.0.0.1 --set Server:Port=0
    --set "OAuth:ClientId=switchyard-emulator-client.apps.local" --set "OAuth:ClientSecret=emulator-local-secret"
    --set "OAuth:AuthorizeUrl=$emulator/o/oauth2/v2/auth" --set "OAuth:TokenUrl=$emulator/token"
    --set "OAuth:UserInfoUrl=$emulator/oauth2/v2/userinfo")
  i=0
  for label in daily-sandbox daily prod; do
    serve_args+=(--set "Upstream:Hosts:$i:Label=$label" --set "Upstream:Hosts:$i:BaseUrl=$emulator/$label")
    i=$((i + 1))
  done
  setsid "${switchyard[@]}" serve "${serve_args[@]}" >"$tmp/serve.log" 2>&1 &
  serve_pid=$!
  second=""
  for _ in $(seq 1 120); do
    second=$(sed -n 's/^Switchyard listening on \(http[^ ,]*\).*/\1/p' "$tmp/serve.log")
    [ -n "$second" ] && break
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$second" ]; then
    fail "restart: second gateway" "switchyard serve did not become ready" "$tmp/serve.log"
  else
    restart_node step2 "${second%/}/v1" "$tmp/restart-state.json" >"$tmp/restart2.out" 2>"$tmp/restart2.err"
    rc=$?
    record_lines "$tmp/restart2.out"
    [ "$rc" -eq 0 ] || grep -q '^FAIL ' "$tmp/restart2.out" || fail "restart: step two" "exit code $rc" "$tmp/restart2.out" "$tmp/restart2.err" "$tmp/serve.log"
  fi
  kill -TERM -- "-$serve_pid" 2>/dev/null || kill -TERM "$serve_pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$serve_pid" 2>/dev/null || true
  serve_pid=""
fi
fi

if [ "$failed" -ne 0 ]; then
  echo "  --- gateway and emulator log (last 40 lines)"
  tail -n 40 "$tmp/demo.log" | sed 's/^/  | /'
fi
summary
[ "$failed" -eq 0 ]
