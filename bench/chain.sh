#!/usr/bin/env bash
# Measures, in one run and alternating, a warm no-change delivery on the local platform:
# the suite's `./build.sh --skip-tests` and `./build.sh` (unit tests included) against
# bench/chain-script.sh, a hand-written script of the same docker steps (publish, build,
# push, migrate, run, curl). Prints medians and ratios to the script. Target: both <= 1.0x
# (the suite skips what the script cannot know it may skip: an image its registry already
# holds, tests whose inputs did not change).
#
# Isolated from the default local environment (its own ports, service, repositories,
# migration family and scratch database), so it needs no /tmp/tiktimer-e2e.lock.
#
#   bench/chain.sh [runs]     (default 5)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${1:-5}"
logs=.artifacts/bench-chain
mkdir -p "$logs"

database="tiktimer_bench_$$"
export TIKTIMER_DATABASE_URL="postgres://tiktimer:tiktimer-pw-local@127.0.0.1:5432/$database"
export PGPASSWORD=tiktimer-pw-local
psql -h 127.0.0.1 -U tiktimer -d postgres -qc "CREATE DATABASE $database" >/dev/null

suite_args=(--local-ports=38280,38281 --services=benchapi --repository=tiktimer-bench --migration-task-family=tiktimer-bench-migration)
export REPOSITORY=tiktimer-bench-script PORTS="38282 38283" NAME=tiktimer-bench-script DATABASE_URL="$TIKTIMER_DATABASE_URL"

cleanup() {
  # Two --filter label= flags must both match: the suite's containers carry only the first.
  docker ps --all --quiet --filter label=tiktimer.service=benchapi | xargs -r docker rm --force >/dev/null 2>&1 || true
  docker ps --all --quiet --filter label=bench.script=tiktimer-bench-script | xargs -r docker rm --force >/dev/null 2>&1 || true
  docker ps --all --quiet --filter label=tiktimer.family=tiktimer-bench-migration | xargs -r docker rm --force >/dev/null 2>&1 || true
  docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E '^127\.0\.0\.1:5000/tiktimer-bench(-script)?:' | xargs -r docker rmi >/dev/null 2>&1 || true
  rm -rf .artifacts/bench-script-publish
  psql -h 127.0.0.1 -U tiktimer -d postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# One delivery, timed in ms; its output goes to a log, shown when it fails.
timed() { # name, run, command...
  local name="$1" run="$2"; shift 2
  local log="$logs/$name-$run.log" start end
  start=$(date +%s%N)
  if ! "$@" >"$log" 2>&1; then
    echo "$name (run $run) failed; the end of $log:" >&2
    tail -30 "$log" >&2
    exit 1
  fi
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# Warm: host built, image in both repositories, first deployments done, the tests' green run recorded.
timed script warm bench/chain-script.sh >/dev/null
timed suite warm ./build.sh "${suite_args[@]}" >/dev/null

script=() skip=() full=()
for run in $(seq 1 "$RUNS"); do
  script+=("$(timed script "$run" bench/chain-script.sh)")
  skip+=("$(timed suite-skip-tests "$run" ./build.sh --skip-tests "${suite_args[@]}")")
  full+=("$(timed suite "$run" ./build.sh "${suite_args[@]}")")
done

s=$(median "${script[@]}") k=$(median "${skip[@]}") f=$(median "${full[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a/b}'; }
printf '%-44s %8s %8s   %s\n' "warm no-change delivery, median of $RUNS" "ms" "ratio" "runs (ms)"
printf '%-44s %8d %8s   %s\n' "bench/chain-script.sh (hand-written)" "$s" "1.00x" "${script[*]}"
printf '%-44s %8d %8s   %s\n' "./build.sh --skip-tests" "$k" "$(ratio "$k" "$s")" "${skip[*]}"
printf '%-44s %8d %8s   %s\n' "./build.sh (unit tests included)" "$f" "$(ratio "$f" "$s")" "${full[*]}"
echo "the suite's last run, per task:"
grep -E '^\s*(Validate|BuildImage|PushToEcr|MigrateViaEcs|Deploy|SmokeTest|Default)\b.*[0-9]' "$logs/suite-$RUNS.log" | sed 's/^/  /' || true
if (( k > s || f > s )); then
  echo "above the 1.0x target" >&2
  exit 1
fi
