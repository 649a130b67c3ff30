#!/usr/bin/env bash
# Runs every test: restores, builds (warnings are errors), runs the suites, prints the counts line.
# Usage: scripts/test.sh            (same as CI)
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash scripts/install-deps.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }

log=$(mktemp)
dotnet build Switchyard.slnx -c Release 2>&1 | tee "$log" | grep -E "error|warning|Build succeeded|Time Elapsed"
build_rc=${PIPESTATUS[0]}
if [ "$build_rc" -ne 0 ]; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

dotnet test Switchyard.slnx -c Release --no-build 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# The browser tests leave each dashboard view at desktop and phone width here (gitignored, kept after the run).
echo "dashboard screenshots: $(ls artifacts/screenshots/*.png 2>/dev/null | wc -l) in artifacts/screenshots/"
# The native (AOT) executable: one file, trimmed, warnings are errors.
native="$PWD/artifacts/native/linux-x64/switchyard"
publish_start=$SECONDS
if bash scripts/publish.sh linux-x64 artifacts/native/linux-x64 >"$log.publish" 2>&1; then
  echo "native publish: $((SECONDS - publish_start)) s, $(du -h "$native" | cut -f1)"
  # Real clients (Claude Code, opencode, Node SDKs) against the native gateway + emulator; adds its own "Passed!/Failed!" line.
  CONFORMANCE_BINARY="$native" bash tests/conformance/run.sh 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -ne 0 ] && [ "$rc" -eq 0 ] && rc=1
  # The native executable's own checks and the dotnet tool package; adds its own line.
  bash tests/packaging/run.sh "$native" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -ne 0 ] && [ "$rc" -eq 0 ] && rc=1
else
  tail -n 40 "$log.publish"
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1, Duration: 0 s - native publish" | tee -a "$log"
  [ "$rc" -eq 0 ] && rc=1
fi
rm -f "$log.publish"
awk '/^(Passed|Failed)! +- /{gsub(/,/,""); for(i=1;i<=NF;i++){if($i=="Failed:")f+=$(i+1);
  if($i=="Passed:")p+=$(i+1)}}
  END{ if (p+f==0) { print "tests: 0 passed, 1 failed"; exit 1 } printf "tests: %d passed, %d failed\n",p,f }' "$log"
awk_rc=$?
rm -f "$log"
[ "$rc" -ne 0 ] && exit "$rc"
exit "$awk_rc"
