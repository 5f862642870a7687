#!/usr/bin/env bash
# Bootstraps the build host and passes every argument through, e.g.
#   ./build.sh --target=Deploy --environment=dev
# The host is rebuilt only when its sources changed, so a warm run costs
# about as much as starting the built host directly (see bench/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$ROOT/.artifacts/build-host"
HOST="$OUT/Build.dll"
cd "$ROOT"

needs_build() {
  [[ ! -f "$HOST" ]] && return 0
  # Any source, project or props file newer than the built host means a rebuild;
  # directories count too, since deleting a file only changes its directory.
  [[ -n "$(find build src/TikTimer.Delivery Directory.Build.props Directory.Packages.props Cake.Engine.props global.json \
      \( -name bin -o -name obj \) -prune -o -newer "$HOST" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  mkdir -p "$OUT"
  # Concurrent runs (CI matrix, tests) wait for one build instead of colliding.
  exec 9>"$ROOT/.artifacts/build-host.lock"
  flock 9
  if needs_build; then
    echo "Building the build host (sources changed)..." >&2
    dotnet build "$ROOT/build/Build.csproj" -c Release -o "$OUT" --nologo -v quiet -clp:ErrorsOnly >&2
    touch "$HOST"
  fi
  flock -u 9
fi

exec dotnet "$HOST" "$@"
