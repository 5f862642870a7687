#!/usr/bin/env bash
# Measures, in one run, the cost of starting the build through build.sh when
# nothing changed, against running the built host directly (the floor) and
# against `dotnet run --project build` (what the Frosting template does).
# Prints medians and ratios to the floor. Target: build.sh <= 1.3x the floor.
# With PowerShell 7 (pwsh on PATH or in ~/.dotnet/tools), also warm
# `pwsh ./build.ps1 --tree` against its own floor: PowerShell's start-up
# (`pwsh -NoProfile -Command exit`) plus the host directly.
#
#   bench/bootstrap.sh [runs]     (default 10)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${1:-10}"

./build.sh --tree >/dev/null    # warm: host built, caches hot
HOST=".artifacts/build-host/$(cut -d' ' -f2 .artifacts/build-host/current.sh)/Build.dll"
PWSH="$(command -v pwsh || { [[ -x ~/.dotnet/tools/pwsh ]] && echo ~/.dotnet/tools/pwsh; } || true)"
if [[ -n "$PWSH" ]]; then "$PWSH" -NoProfile ./build.ps1 --tree >/dev/null; fi
dotnet build build/Build.csproj -v quiet --nologo >/dev/null   # so dotnet run has nothing to compile either

measure() { # name, command...
  local name="$1"; shift
  local samples=()
  for _ in $(seq 1 "$RUNS"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    samples+=($(( (end - start) / 1000000 )))
  done
  local median
  median=$(printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')
  echo "$name $median"
}

floor=$(measure floor dotnet "$HOST" --tree | awk '{print $2}')
script=$(measure build.sh ./build.sh --tree | awk '{print $2}')
run=$(measure dotnet-run dotnet run --project build/Build.csproj --no-launch-profile -- --tree | awk '{print $2}')

printf '%-34s %8s %8s\n' "warm start, median of $RUNS" "ms" "ratio"
printf '%-34s %8d %8s\n' "host directly (floor)" "$floor" "1.00x"
printf '%-34s %8d %7.2fx\n' "./build.sh --tree" "$script" "$(awk -v a="$script" -v b="$floor" 'BEGIN{print a/b}')"
printf '%-34s %8d %7.2fx\n' "dotnet run --project build" "$run" "$(awk -v a="$run" -v b="$floor" 'BEGIN{print a/b}')"
if [[ -n "$PWSH" ]]; then
  pwsh_start=$(measure pwsh "$PWSH" -NoProfile -Command exit | awk '{print $2}')
  ps1=$(measure build.ps1 "$PWSH" -NoProfile ./build.ps1 --tree | awk '{print $2}')
  ps1_floor=$((pwsh_start + floor))
  printf '%-34s %8d %8s\n' "pwsh start-up + host (ps1 floor)" "$ps1_floor" "1.00x"
  printf '%-34s %8d %7.2fx\n' "pwsh ./build.ps1 --tree" "$ps1" "$(awk -v a="$ps1" -v b="$ps1_floor" 'BEGIN{print a/b}')"
else
  echo "pwsh not found: build.ps1 not measured (dotnet tool install --global PowerShell --version 7.6.9)"
fi
if (( script * 10 > floor * 13 )); then
  echo "build.sh overhead is above the 1.3x target" >&2
  exit 1
fi
