#!/usr/bin/env bash
# Publishes switchyard as one native (AOT) executable: trimmed, self-contained, SQLite linked in; warnings are errors.
# Usage: scripts/publish.sh [RID] [OUTDIR]     RID: linux-x64 (default), linux-arm64, osx-arm64, win-x64
#        (a native build runs on the platform it targets: linux-x64 here; the others on their own machines or CI)
# Output: OUTDIR/switchyard (default artifacts/native/RID); prints the size and the time it took.
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${1:-linux-x64}
out=${2:-artifacts/native/$rid}
start=$SECONDS
dotnet publish src/Switchyard -c Release -r "$rid" -o "$out" -p:TreatWarningsAsErrors=true -nologo -clp:NoSummary
rm -f "$out"/*.dbg "$out"/*.pdb "$out"/*.xml "$out"/Switchyard.Emulator* "$out"/*.staticwebassets.endpoints.json
exe="$out/switchyard"; [ -f "$exe" ] || exe="$out/switchyard.exe"
echo "published $exe: $(du -h "$exe" | cut -f1), $((SECONDS - start)) s"
