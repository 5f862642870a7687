#!/usr/bin/env bash
# Bootstraps the build host and passes every argument through, e.g.
#   ./build.sh --target=Deploy --environment=dev
# build.ps1 does the same for PowerShell; both share .artifacts/build-host.
#
# The host is rebuilt only when its sources changed: a fingerprint of every
# source's path, size and time (so an added, edited or deleted file counts)
# is compared with the one the current build was made from. A warm run costs
# about as much as starting the built host directly (see bench/bootstrap.sh).
#
# Each build goes to a directory of its own and is switched to only when
# complete, so a run never starts on a half-written host and a rebuild never
# overwrites the files of a host that is still running.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$ROOT/.artifacts/build-host"
STAMP="$OUT/current.sh"
cd "$ROOT"

fingerprint() {
  { find build src/TikTimer.Delivery Directory.Build.props Directory.Packages.props Cake.Engine.props global.json \
      \( -name bin -o -name obj \) -prune -o -type f -printf '%p %s %T@\n' 2>/dev/null || true; } \
    | LC_ALL=C sort | md5sum | cut -d' ' -f1
}

# Sets HOST to the current build's Build.dll when it was made from these sources.
current_host() {
  local stamped="" id=""
  [[ -f "$STAMP" ]] && read -r stamped id <"$STAMP"
  HOST="$OUT/$id/Build.dll"
  [[ -n "$id" && "$stamped" == "$FINGERPRINT" && -f "$HOST" ]]
}

# Removes builds no stamp points at, keeping the newest few for hosts that may still run from them.
prune_old_builds() {
  local keep=() dir
  for stamp in "$OUT"/current.*; do [[ -f "$stamp" ]] && keep+=("$(cut -d' ' -f2 "$stamp")"); done
  ls -1dt "$OUT"/*/ 2>/dev/null | tail -n +4 | while read -r dir; do
    [[ " ${keep[*]} " == *" $(basename "$dir") "* ]] || rm -rf "$dir"
  done
}

FINGERPRINT="$(fingerprint)"
if ! current_host; then
  mkdir -p "$OUT"
  # Concurrent runs (CI matrix, tests, build.ps1) wait for one build instead of colliding.
  exec 9>"$ROOT/.artifacts/build-host.lock"
  flock 9
  if ! current_host; then
    echo "Building the build host (sources changed)..." >&2
    id="$(date -u +%Y%m%d%H%M%S)-$$"
    # Quiet on success, errors only. `dotnet build` always adds its own
    # "Build succeeded" summary; `dotnet msbuild` does not.
    if ! dotnet msbuild "$ROOT/build/Build.csproj" -restore -p:Configuration=Release "-p:OutDir=$OUT/$id/" \
        -nologo -v:quiet -tl:off "-clp:ErrorsOnly;NoSummary" >&2; then
      rm -rf "${OUT:?}/$id"
      exit 1
    fi
    # The fingerprint is the one taken before the build: a file edited meanwhile rebuilds next time.
    echo "$FINGERPRINT $id" >"$STAMP.$$"
    mv -f "$STAMP.$$" "$STAMP"
    prune_old_builds
    HOST="$OUT/$id/Build.dll"
  fi
  flock -u 9
fi

exec dotnet "$HOST" "$@"
