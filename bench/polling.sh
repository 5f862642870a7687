#!/usr/bin/env bash
# The migration wait's polling economy against the AWS CLI waiter's, measured
# in one run on the same simulated migrations; prints ratios.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet run --project PollingBench/PollingBench.csproj -c Release
