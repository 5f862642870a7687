#!/usr/bin/env bash
# What Deploy's look for ECS's service-deployment record costs against plain moto_server (which
# lacks the operations), as a ratio to one ordinary ECS call measured in the same run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet run --project ServiceDeploymentProbeBench/ServiceDeploymentProbeBench.csproj -c Release
