"""The docker CLI, as the emulator uses it: host networking, the emulator's label, its own
DOCKER_CONFIG (logged in to the registry), secrets through the environment only."""
import os
import subprocess
import time

from .settings import SETTINGS


def environment(extra=None):
    env = dict(os.environ)
    env["DOCKER_CONFIG"] = SETTINGS.docker_config
    env.update(extra or {})
    return env


def run(args, input_text=None, extra_env=None, timeout=600):
    return subprocess.run(
        ["docker", *args],
        input=input_text,
        capture_output=True,
        text=True,
        env=environment(extra_env),
        timeout=timeout,
    )


def login():
    result = run(
        ["login", "--username", SETTINGS.registry_user, "--password-stdin", SETTINGS.registry],
        input_text=SETTINGS.registry_password,
        timeout=60,
    )
    if result.returncode != 0:
        raise SystemExit(f"tiktimer-emulator: docker login to {SETTINGS.registry} failed: {result.stderr.strip()}")


def remove_all():
    """Every container this emulator started, running or not: until two listings in a row
    are empty, because a `docker run` already under way shows up only when it returns."""
    removed = set()
    quiet = 0
    for _ in range(30):
        listed = run(["ps", "-aq", "--filter", f"label={SETTINGS.label}"], timeout=60)
        ids = listed.stdout.split()
        if ids:
            run(["rm", "-f", *ids], timeout=120)
            removed.update(ids)
            quiet = 0
        else:
            quiet += 1
            if quiet == 2:
                break
        time.sleep(0.5)
    return len(removed)
