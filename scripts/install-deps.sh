#!/usr/bin/env bash
# Installs what a fresh machine of this kind lacks. Idempotent; quiet when all is present.
set -euo pipefail
if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK 10 is required (see global.json)" >&2
  exit 1
fi
