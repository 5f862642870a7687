#!/usr/bin/env bash
# Mutation score of the verdicts: Stryker.NET mutates the judges, the runners and
# their waits, the redactor, the polling schedule and settings precedence, one
# mutant at a time, and runs the unit tests of those areas (no Docker, moto or
# PostgreSQL needed) against each. Prints the score and every surviving mutant.
# Not part of CI: it takes minutes, not seconds. The tests are bench/mutation/VerdictTests,
# which links those of tests/TikTimer.Delivery.Tests.
# Not mutated (stryker-config.json ignore-methods): ConfigureAwait(false) -> (true), which no test can
# tell apart since the library never runs under a synchronization context, and ArgumentNullException.ThrowIfNull.
#
#   bash bench/mutation.sh              # concurrency 1 (a shared machine)
#   STRYKER_CONCURRENCY=2 bash bench/mutation.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$PATH:$HOME/.dotnet/tools"

if ! command -v dotnet-stryker >/dev/null 2>&1; then
  echo "dotnet-stryker is not installed. Install it with:" >&2
  echo "  dotnet tool install --global dotnet-stryker --version 5.1.0" >&2
  exit 1
fi

output="${STRYKER_OUTPUT:-$root/bench/mutation/out}"
rm -rf "$output"
mkdir -p "$output"
cd "$root/src/TikTimer.Delivery"
start=$(date +%s)
dotnet-stryker \
  --config-file "$root/bench/mutation/stryker-config.json" \
  --concurrency "${STRYKER_CONCURRENCY:-1}" \
  --output "$output" \
  "$@" \
  | tee "$output/stryker.log"
echo "Mutation run took $(( $(date +%s) - start )) s."

report="$(find "$output" -name mutation-report.json | head -1)"
if [[ -z "$report" ]]; then
  echo "No mutation report was written; see $output/stryker.log." >&2
  exit 1
fi

python3 "$root/bench/mutation/summary.py" "$report"
