"""The registry behind ECR when none is given: a distribution registry (Debian's
docker-registry) on a free 127.0.0.1 port, htpasswd holding AWS and a random token, its
storage in a temporary directory; stopped, emptied and untagged locally when the emulator stops."""
import os
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

from . import docker_cli
from .settings import SETTINGS
from .tasks import free_port

_state = {}


def start():
    directory = tempfile.mkdtemp(prefix="tiktimer-emulator-registry-")
    password = secrets.token_urlsafe(24)
    port = free_port()
    htpasswd = os.path.join(directory, "htpasswd")
    made = subprocess.run(["htpasswd", "-iBc", htpasswd, "AWS"], input=password, text=True, capture_output=True)
    if made.returncode != 0:
        raise SystemExit(f"tiktimer-emulator: htpasswd failed (apt-get install apache2-utils): {made.stderr.strip()}")
    config = os.path.join(directory, "config.yml")
    with open(config, "w", encoding="utf-8") as file:
        file.write(f"""version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: {directory}/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:{port}
auth:
  htpasswd:
    realm: tiktimer-emulator-ecr
    path: {htpasswd}
""")
    log = open(os.path.join(directory, "registry.log"), "w", encoding="utf-8")
    process = subprocess.Popen(["docker-registry", "serve", config], stdout=log, stderr=subprocess.STDOUT)
    _state.update(directory=directory, process=process)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=1)
        except urllib.error.HTTPError:
            break  # 401: it answers
        except Exception:
            time.sleep(0.1)
    SETTINGS.registry = f"127.0.0.1:{port}"
    SETTINGS.registry_user = "AWS"
    SETTINGS.registry_password = password


def stop():
    if not _state:
        return
    listed = docker_cli.run(["images", "--format", "{{.Repository}}:{{.Tag}}"], timeout=60)
    ours = [line for line in listed.stdout.split() if line.startswith(SETTINGS.registry + "/")]
    if ours:
        docker_cli.run(["rmi", "-f", *ours], timeout=300)
    _state["process"].terminate()
    try:
        _state["process"].wait(timeout=10)
    except subprocess.TimeoutExpired:
        _state["process"].kill()
    shutil.rmtree(_state["directory"], ignore_errors=True)
