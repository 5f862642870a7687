# The service's Dockerfile (src/TikTimer.Api/Dockerfile) with one change: the entrypoint
# migrates like the real image but refuses to serve, so the end-to-end test can deploy an
# image that passes MigrateViaEcs and then fails its rollout. Keep the layers above the
# wrapper identical to the real Dockerfile: they come from the build cache, so this build
# needs no network.
FROM debian:bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends libssl3 ca-certificates \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 tiktimer \
 && useradd --system --uid 10001 --gid tiktimer --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin tiktimer

COPY . /app

# The build context is the publish output, so the wrapper is written here rather than copied.
RUN printf '%s\n' \
      '#!/bin/sh' \
      'if [ "$1" = "migrate" ]; then shift; exec /app/TikTimer.Api migrate "$@"; fi' \
      'echo "e2e-unhealthy: this image refuses to serve (end-to-end rollback test)" >&2' \
      'exit 1' \
      > /usr/local/bin/e2e-entrypoint \
 && chmod 0755 /usr/local/bin/e2e-entrypoint

ARG APP_VERSION=dev
ENV APP_VERSION=$APP_VERSION \
    ASPNETCORE_URLS=http://+:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true

WORKDIR /app
USER 10001:10001
EXPOSE 8080

ENTRYPOINT ["/usr/local/bin/e2e-entrypoint"]
