#!/usr/bin/env bash
# Publishes the TikTimer service self-contained for linux-x64 into OUTDIR, the build
# context of src/TikTimer.Api/Dockerfile. Usage: scripts/publish-api.sh OUTDIR [APP_VERSION]
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 OUTDIR [APP_VERSION]" >&2
  exit 2
fi

out="$1"
version="${2:-dev}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

dotnet publish "$root/src/TikTimer.Api" -c Release -r linux-x64 --self-contained \
  -p:InvariantGlobalization=true -o "$out"
echo "Published to $out. Build the image with:"
echo "  docker build --network host -f $root/src/TikTimer.Api/Dockerfile --build-arg APP_VERSION=$version -t tiktimer-api:$version $out"
