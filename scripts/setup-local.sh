#!/usr/bin/env bash
# Installs and starts what the local environment and the tests need, on a
# fresh Debian 12 machine with the .NET SDK. Idempotent: re-running it starts
# only what is not running. Needs root (or sudo) for packages and daemons.
#
#   Docker engine   dockerd, host networking only (no bridge, no iptables)
#   base image      debian:bookworm-slim, made locally with debootstrap (no pulls)
#   registry        CNCF distribution registry on 127.0.0.1:5000, htpasswd auth,
#                   state in ~/.local/share/tiktimer/registry (password file included)
#   PostgreSQL 15   on 127.0.0.1:5432, role tiktimer with CREATEDB
#   moto_server     expected on PATH (ships with the machine image) for the AWS tests
set -euo pipefail

# The registry is one per user and machine, shared by every clone: its
# password, data and pid live outside the repository.
STATE="$HOME/.local/share/tiktimer"
SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then SUDO="sudo"; fi

log() { echo "[setup] $*"; }
as_postgres() { if [[ -z "$SUDO" ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

install_packages() {
  local missing=()
  for pkg in docker.io docker-registry apache2-utils debootstrap busybox-static postgresql curl; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# On a machine booted with systemd, installing docker-registry also starts the
# package's own registry (no auth, all interfaces, port 5000), and start_registry
# would then refuse the port. Ours replaces it.
stop_packaged_registry() {
  [[ -d /run/systemd/system ]] || return 0
  if systemctl is-active --quiet docker-registry 2>/dev/null || systemctl is-enabled --quiet docker-registry 2>/dev/null; then
    log "disabling the docker-registry package's own service (it holds port 5000)"
    $SUDO systemctl disable --now docker-registry >/dev/null 2>&1 || true
  fi
}

start_docker() {
  if docker info >/dev/null 2>&1; then log "Docker engine is running"; return; fi
  # A daemon that was killed leaves its pid file behind and the next one refuses to start.
  if [[ -f /var/run/docker.pid ]] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    $SUDO rm -f /var/run/docker.pid
  fi
  log "starting dockerd (host networking only)"
  $SUDO bash -c 'nohup dockerd --iptables=false --ip6tables=false --bridge=none >/var/log/tiktimer-dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return; sleep 1; done
  echo "dockerd did not start; see /var/log/tiktimer-dockerd.log" >&2
  exit 1
}

# The machine's own Debian mirror (apt may only reach that one), from the
# one-line sources.list format or Debian 12's deb822 *.sources files; the
# default when none is found. $1 is apt's directory (tests pass another).
# Never fails: under set -e -o pipefail a grep that finds nothing (or a
# missing /etc/apt/sources.list, as on Debian 12 images) would end the script.
debian_mirror() {
  local apt="${1:-/etc/apt}" files=() mirror=""
  [[ -f "$apt/sources.list" ]] && files+=("$apt/sources.list")
  [[ -d "$apt/sources.list.d" ]] && files+=("$apt/sources.list.d")
  if ((${#files[@]})); then
    mirror="$( { grep -rhoE 'https?://[^ ]+/debian/?([ ]|$)' "${files[@]}" 2>/dev/null || true; } \
      | tr -d ' ' | grep -v security | head -1 || true)"
  fi
  echo "${mirror:-http://deb.debian.org/debian}"
}

make_base_image() {
  if docker image inspect debian:bookworm-slim >/dev/null 2>&1; then log "base image debian:bookworm-slim present"; return; fi
  local mirror rootfs
  mirror="$(debian_mirror)"
  rootfs="$(mktemp -d)"
  log "building debian:bookworm-slim from $mirror (no registry pulls here)"
  $SUDO debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
  $SUDO tar -C "$rootfs" -c . | docker import - debian:bookworm-slim >/dev/null
  $SUDO rm -rf "$rootfs"
}

start_postgres() {
  local version
  version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  if ! $SUDO pg_ctlcluster "$version" main status >/dev/null 2>&1; then
    log "starting PostgreSQL $version"
    $SUDO pg_ctlcluster "$version" main start
  fi
  for _ in $(seq 1 30); do as_postgres psql -qtAc 'select 1' >/dev/null 2>&1 && break; sleep 1; done
  as_postgres psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='tiktimer'" | grep -q 1 \
    || as_postgres psql -qc "CREATE ROLE tiktimer LOGIN CREATEDB PASSWORD 'tiktimer-pw-local'"
  # Set on every run: the password was 'tiktimer-local' before, which the output's redaction then
  # masked inside names such as tiktimer-local-migration.
  as_postgres psql -qc "ALTER ROLE tiktimer WITH LOGIN CREATEDB PASSWORD 'tiktimer-pw-local'" >/dev/null
  # One database per sample service (deploy/local.json, deploy/local-fastapi.json): both create a users table.
  local database
  for database in tiktimer tiktimer_fastapi; do
    as_postgres psql -qtAc "SELECT 1 FROM pg_database WHERE datname='$database'" | grep -q 1 \
      || as_postgres psql -qc "CREATE DATABASE $database OWNER tiktimer"
  done
  log "PostgreSQL on 127.0.0.1:5432 (role tiktimer)"
}

start_registry() {
  local dir="$STATE/registry"
  mkdir -p "$dir/data"
  if [[ ! -s "$dir/password" ]]; then
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/password"
    chmod 600 "$dir/password"
  fi
  # htpasswd reads the password from stdin (-i) so it never shows in a process list.
  htpasswd -iBc "$dir/htpasswd" tiktimer < "$dir/password" 2>/dev/null
  cat > "$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
auth:
  htpasswd:
    realm: tiktimer-local
    path: $dir/htpasswd
YAML
  if [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    log "local registry is running (pid $(cat "$dir/pid"))"
    return
  fi
  if curl -s -o /dev/null http://127.0.0.1:5000/v2/; then
    echo "something else already listens on 127.0.0.1:5000 (a registry started from another place?); stop it, then re-run this script" >&2
    exit 1
  fi
  log "starting the local registry on 127.0.0.1:5000"
  nohup /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  echo $! > "$dir/pid"
  for _ in $(seq 1 30); do
    if curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:5000/v2/ | grep -q 401; then
      kill -0 "$(cat "$dir/pid")" 2>/dev/null && return
      break
    fi
    sleep 0.5
  done
  echo "the registry did not start; see $dir/registry.log" >&2
  exit 1
}

check_moto() {
  if command -v moto_server >/dev/null; then log "moto_server found"; else
    echo "moto_server is not on PATH: the AWS integration tests need it (pip install 'moto[server]')" >&2
    exit 1
  fi
}

# Sourced (tests), only the functions are defined.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  install_packages
  stop_packaged_registry
  start_docker
  make_base_image
  start_postgres
  start_registry
  check_moto
  log "ready"
fi
