#!/usr/bin/env bash
# The baseline of bench/chain.sh: what a team writes by hand to deliver TikTimer on the local
# environment, the same docker steps as the suite's chain and nothing more: publish, build,
# push, migrate, start the new container beside the old one, wait for its health, stop the
# old one, curl. No checks beyond `set -e` and curl's -f, no rollback, no skipping.
#
#   REPOSITORY=... PORTS="38282 38283" NAME=... DATABASE_URL=... bench/chain-script.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${REPOSITORY:?}" "${NAME:?}" "${DATABASE_URL:?}"
read -r port_a port_b <<<"${PORTS:?}"
registry=127.0.0.1:5000
tag=$(git rev-parse HEAD)
image="$registry/$REPOSITORY:$tag"
out=.artifacts/bench-script-publish

rm -rf "$out"
dotnet publish src/TikTimer.Api/TikTimer.Api.csproj --configuration Release --runtime linux-x64 --self-contained \
  -p:InvariantGlobalization=true --output "$out" >/dev/null
docker build --quiet --network host --platform linux/amd64 -f src/TikTimer.Api/Dockerfile \
  --build-arg "APP_VERSION=$tag" -t "$image" "$out" >/dev/null

DOCKER_CONFIG=$(mktemp -d)
export DOCKER_CONFIG
trap 'rm -rf "$DOCKER_CONFIG"' EXIT
docker login "$registry" --username tiktimer --password-stdin <~/.local/share/tiktimer/registry/password >/dev/null 2>&1
docker push --quiet "$image" >/dev/null

export DATABASE_URL
docker run --rm --network host --env DATABASE_URL "$image" migrate >/dev/null

old=$(docker ps --quiet --filter "label=bench.script=$NAME")
port=$port_a
if [[ -n "$old" && "$(docker inspect --format '{{index .Config.Labels "bench.port"}}' "$old")" == "$port_a" ]]; then
  port=$port_b
fi
docker rm --force "$NAME-$port" >/dev/null 2>&1 || true
docker run --detach --name "$NAME-$port" --network host --label "bench.script=$NAME" --label "bench.port=$port" \
  --env DATABASE_URL --env "ASPNETCORE_URLS=http://127.0.0.1:$port" --env "PORT=$port" "$image" >/dev/null
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.1
done
if [[ -n "$old" ]]; then
  docker stop "$old" >/dev/null
  docker rm "$old" >/dev/null
fi
curl -fsS "http://127.0.0.1:$port/health" >/dev/null
curl -fsS "http://127.0.0.1:$port/" >/dev/null
