#!/usr/bin/env bash
# Measures, in one run, the cost of starting the build through build.sh when
# nothing changed, against running the built host directly (the floor) and
# against `dotnet run --project build` (what the Frosting template does).
# Prints medians and ratios to the floor. Target: build.sh <= 1.3x the floor.
#
#   bench/bootstrap.sh [runs]     (default 10)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${1:-10}"

./build.sh --tree >/dev/null    # warm: host built, caches hot
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

floor=$(measure floor dotnet .artifacts/build-host/Build.dll --tree | awk '{print $2}')
script=$(measure build.sh ./build.sh --tree | awk '{print $2}')
run=$(measure dotnet-run dotnet run --project build/Build.csproj --no-launch-profile -- --tree | awk '{print $2}')

printf '%-34s %8s %8s\n' "warm start, median of $RUNS" "ms" "ratio"
printf '%-34s %8d %8s\n' "host directly (floor)" "$floor" "1.00x"
printf '%-34s %8d %7.2fx\n' "./build.sh --tree" "$script" "$(awk -v a="$script" -v b="$floor" 'BEGIN{print a/b}')"
printf '%-34s %8d %7.2fx\n' "dotnet run --project build" "$run" "$(awk -v a="$run" -v b="$floor" 'BEGIN{print a/b}')"
if (( script * 10 > floor * 13 )); then
  echo "build.sh overhead is above the 1.3x target" >&2
  exit 1
fi
