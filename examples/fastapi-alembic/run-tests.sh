#!/usr/bin/env bash
# The example's own tests: pytest in a container of the image's `test` stage, so they
# run on the same Debian packages as the service and need nothing on the host but docker.
# Extra arguments go to pytest, e.g. `run-tests.sh -k health`. With TEST_DATABASE_URL
# (postgres://user:password@host:port/postgres of a role that may CREATE DATABASE) the
# migration tests also run against PostgreSQL; the URL reaches the container through the
# environment, never a process argument. TEST_IMAGE names the test image (it stays, as a
# build cache; the end-to-end test gives its own name and removes it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="${TEST_IMAGE:-tiktimer-fastapi-tests:local}"

if ! build_output="$(docker build --network host --quiet --target test --tag "$image" --file "$here/Dockerfile" "$here" 2>&1)"; then
  echo "$build_output" >&2
  echo "run-tests.sh: could not build the test image (docker build --target test of $here/Dockerfile)" >&2
  exit 1
fi

env_args=()
[[ -n "${TEST_DATABASE_URL:-}" ]] && env_args+=(--env TEST_DATABASE_URL)
exec docker run --rm --network host "${env_args[@]}" "$image" "$@"
