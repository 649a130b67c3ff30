#!/usr/bin/env bash
# Packaging checks, run by scripts/test.sh after the native publish:
#   - the native executable (scripts/publish.sh) answers --version, is one file (SQLite linked in, no
#     libe_sqlite3.so beside it), and the systemd unit it writes passes `systemd-analyze verify` (where available);
#   - the dotnet tool package (dotnet pack) installs with `dotnet tool install --tool-path … --add-source …` and the
#     installed `switchyard --version` prints the project's version.
# Usage: tests/packaging/run.sh NATIVE_EXECUTABLE
# Prints PASS/FAIL per case, then the "Passed!  - Failed: …" summary line that scripts/test.sh adds up.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
native=${1:?usage: tests/packaging/run.sh NATIVE_EXECUTABLE}
native="$(cd "$(dirname "$native")" && pwd)/$(basename "$native")"   # the unit names it by absolute path
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/src/Switchyard/Switchyard.csproj")
passed=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/switchyard-packaging.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; [ -n "${3:-}" ] && [ -s "$3" ] && tail -n 20 "$3" | sed 's/^/  | /'; }

# native: --version
if out=$("$native" --version 2>&1) && [ "${out%%+*}" = "$version" ]; then pass "native --version prints $version"
else fail "native --version" "expected $version, got '$out'"; fi

# native: one file
dir=$(dirname "$native")
if [ -z "$(find "$dir" -maxdepth 1 -name 'libe_sqlite3*')" ] && ! ldd "$native" 2>/dev/null | grep -q sqlite; then
  pass "native is one file (SQLite linked in)"
else fail "native is one file" "found $(ls "$dir" | tr '\n' ' '); ldd: $(ldd "$native" 2>&1 | grep sqlite)"; fi

# native: the systemd unit it writes
mkdir -p "$tmp/units" "$tmp/data"
if "$native" service install --no-start --unit-dir "$tmp/units" --data-dir "$tmp/data" >"$tmp/unit.log" 2>&1 \
   && grep -q "^ExecStart=\"$native\" \"serve\"" "$tmp/units/switchyard.service"; then
  if command -v systemd-analyze >/dev/null; then
    if systemd-analyze verify "$tmp/units/switchyard.service" >"$tmp/verify.log" 2>&1 && [ ! -s "$tmp/verify.log" ]; then
      pass "systemd unit passes systemd-analyze verify"
    else fail "systemd-analyze verify" "unit rejected" "$tmp/verify.log"; fi
  else pass "systemd unit written (systemd-analyze not installed: structure only)"; fi
else fail "service install --no-start" "no unit with the native ExecStart" "$tmp/unit.log"; fi

# dotnet tool: pack, install from the folder, run
if dotnet pack "$root/src/Switchyard" -c Release -o "$tmp/nupkg" -p:PublishAot=false -nologo >"$tmp/pack.log" 2>&1; then
  if dotnet tool install switchyard --tool-path "$tmp/tools" --add-source "$tmp/nupkg" --version "$version" >"$tmp/install.log" 2>&1; then
    if out=$("$tmp/tools/switchyard" --version 2>&1) && [ "${out%%+*}" = "$version" ]; then pass "dotnet tool installs and prints $version"
    else fail "installed tool --version" "expected $version, got '$out'"; fi
  else fail "dotnet tool install" "failed" "$tmp/install.log"; fi
else fail "dotnet pack" "failed" "$tmp/pack.log"; fi

printf '%s  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d, Duration: %d s - packaging\n' \
  "$([ "$failed" -eq 0 ] && echo 'Passed!' || echo 'Failed!')" "$failed" "$passed" 0 $((passed + failed)) "$SECONDS"
[ "$failed" -eq 0 ]
