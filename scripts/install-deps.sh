#!/usr/bin/env bash
# Installs what a fresh machine of this kind lacks. Idempotent; quiet when all is present.
set -euo pipefail
if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK 10 is required (see global.json)" >&2
  exit 1
fi

# Browser tests (tests/Switchyard.BrowserTests) drive Debian's Chromium at /usr/bin/chromium.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then as_root=""; elif command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
    echo "chromium is missing and neither root nor sudo is available to install it" >&2; exit 1; fi
  echo "Installing chromium (browser tests)..."
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null
fi

# Native AOT publish (scripts/publish.sh, CI): clang links the executable; SQLite is linked in from libsqlite3-dev.
missing=""
command -v clang >/dev/null 2>&1 || missing="$missing clang"
[ -f /usr/lib/x86_64-linux-gnu/libsqlite3.a ] || [ "$(uname -m)" != x86_64 ] || missing="$missing libsqlite3-dev"
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then as_root=""; elif command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
    echo "missing:$missing, and neither root nor sudo is available to install them" >&2; exit 1; fi
  echo "Installing$missing (native build)..."
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $missing >/dev/null
fi
