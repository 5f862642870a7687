"""Entry point: parse the options, install the fidelity layer into moto, serve, clean up."""
import argparse
import atexit
import os
import signal
import sys
import tempfile

from .settings import SETTINGS


def parse(argv):
    parser = argparse.ArgumentParser(prog="tiktimer-emulator", description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, required=True)
    parser.add_argument("--instance", required=True, help="unique name; the label and prefix of every container started")
    parser.add_argument("--registry", help="host:port of an existing registry ECR repositories live on; default: start one")
    parser.add_argument("--registry-user", default="AWS")
    parser.add_argument("--registry-password-file", help="file holding that registry's password (never an argument)")
    parser.add_argument("--stop-timeout", type=int, default=30, help="seconds between SIGTERM and SIGKILL when a task definition sets none")
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="stop (and clean up) when standard input closes: a test host that dies takes the emulator with it")
    return parser.parse_args(argv)


def main(argv):
    args = parse(argv)
    if args.host != "127.0.0.1":
        raise SystemExit("tiktimer-emulator: listens on 127.0.0.1 only")
    SETTINGS.instance = args.instance
    SETTINGS.stop_timeout = args.stop_timeout
    SETTINGS.docker_config = tempfile.mkdtemp(prefix="tiktimer-emulator-docker-")

    from . import docker_cli, loadbalancer, own_registry, registry, service_deployments, services, tasks

    if args.registry:
        if not args.registry_password_file:
            raise SystemExit("tiktimer-emulator: --registry needs --registry-password-file")
        SETTINGS.registry = args.registry
        SETTINGS.registry_user = args.registry_user
        with open(args.registry_password_file, encoding="utf-8") as file:
            SETTINGS.registry_password = file.read().strip()
    else:
        own_registry.start()
    docker_cli.login()
    registry.install()
    tasks.install()
    services.install()
    service_deployments.install()
    loadbalancer.install()

    def clean_up():
        SETTINGS.stopping = True
        with services.LOCK:  # the scheduler finishes its tick and starts no task after it
            pass
        removed = docker_cli.remove_all()
        own_registry.stop()
        import shutil
        shutil.rmtree(SETTINGS.docker_config, ignore_errors=True)
        print(f"tiktimer-emulator: removed {removed} container(s)", file=sys.stderr, flush=True)

    atexit.register(clean_up)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))

    if args.exit_on_stdin_eof:
        import threading

        def watch_stdin():
            sys.stdin.read()
            os.kill(os.getpid(), signal.SIGTERM)

        threading.Thread(target=watch_stdin, daemon=True).start()

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import run_simple

    os.environ.setdefault("MOTO_PORT", str(args.port))
    moto_application = DomainDispatcherApplication(create_backend_app)

    def application(environ, start_response):
        # The emulator's own switches live beside moto's /moto-api/.
        if environ.get("PATH_INFO") == "/tiktimer-emulator/service-deployments" and environ.get("REQUEST_METHOD") == "POST":
            return service_deployments.control(environ, start_response)
        return moto_application(environ, start_response)
    print(f"tiktimer-emulator: listening on http://127.0.0.1:{args.port} (ECR on registry {SETTINGS.registry})", file=sys.stderr, flush=True)
    run_simple("127.0.0.1", args.port, application, threaded=True)
