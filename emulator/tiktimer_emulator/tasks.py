"""ECS tasks that really run: RunTask (and the service scheduler) start each container of the
task on the Docker engine with host networking. Status, exit codes, stop codes, timestamps
and the awslogs stream are what happened to the containers, as on Fargate."""
import socket
import subprocess
import threading
import time

from moto.core.utils import utcnow
from moto.ecs import models as ecs_models
from moto.secretsmanager.models import secretsmanager_backends

from . import docker_cli, logs
from .settings import SETTINGS

RUNS = {}  # task arn -> TaskRun
RUNS_LOCK = threading.Lock()
STEP = 0.3  # seconds between the lifecycle states a task passes through without work


class EmulatedContainer:
    """What DescribeTasks reports of one container (attribute names as moto's serializer reads them)."""

    def __init__(self, task, definition):
        self.container_arn = f"{task.task_arn.replace(':task/', ':container/')}/{definition['name']}"
        self.task_arn = task.task_arn
        self.name = definition["name"]
        self.image = definition.get("image")
        self.last_status = "PENDING"
        self.exit_code = None
        self.reason = None
        self.health_status = "UNKNOWN"
        self.cpu = str(definition.get("cpu", 0))
        self.memory = str(definition["memory"]) if definition.get("memory") else None
        self.network_interfaces = []
        self.runtime_id = None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TaskRun(threading.Thread):
    """One task's life: provision, pull, start, stream logs, wait, stop."""

    def __init__(self, task, backend, task_definition, overrides, port=None, on_stopped=None):
        super().__init__(daemon=True, name=f"task-{task.id}")
        self.task = task
        self.backend = backend
        self.definition = task_definition
        self.overrides = overrides or {}
        self.port = port
        self.on_stopped = on_stopped
        self.stop_requested = None  # (stop code, reason)
        self.docker_names = []
        self.healthy = False
        definitions = task_definition.container_definitions
        task.containers = [EmulatedContainer(task, d) for d in definitions]
        # moto's own state machine would advance on every describe; this thread owns the status.
        task._transitions = [("PROVISIONING", "PROVISIONING")]
        task.last_status = "PROVISIONING"
        task.desired_status = "RUNNING"
        task.created_at = utcnow()
        task.cpu = str(task_definition.cpu) if task_definition.cpu else None
        task.memory = str(task_definition.memory) if task_definition.memory else None
        task.stop_code = None
        task.stopped_reason = None
        task.started_at = None
        with RUNS_LOCK:
            RUNS[task.task_arn] = self

    # --- requests from the API -------------------------------------------------------

    def request_stop(self, stop_code, reason):
        if self.stop_requested is not None or self.task.last_status == "STOPPED":
            return
        self.stop_requested = (stop_code, reason)
        # ECS shows the reason and code at once, while the containers are still stopping.
        self.task.stop_code = stop_code
        self.task.stopped_reason = reason
        self.task.desired_status = "STOPPED"
        self.task.stopping_at = utcnow()
        threading.Thread(target=self._stop_containers, daemon=True).start()

    def _stop_containers(self):
        timeout = self._stop_timeout()
        for name in list(self.docker_names):
            docker_cli.run(["stop", "-t", str(timeout), name], timeout=timeout + 60)

    def _stop_timeout(self):
        values = [d.get("stopTimeout") for d in self.definition.container_definitions if d.get("stopTimeout")]
        return int(max(values)) if values else SETTINGS.stop_timeout

    # --- the task's life ---------------------------------------------------------------

    def run(self):
        try:
            self._live()
        except Exception as error:  # the emulator must never leave a task hanging
            self._fail_to_start(f"EmulatorError: {error}")

    def _live(self):
        time.sleep(STEP)
        if self._stopped_before_start():
            return
        self.task.last_status = "PENDING"
        environments = []
        for container, definition in zip(self.task.containers, self.definition.container_definitions):
            problem, environment = self._prepare(definition)
            if problem:
                self._fail_to_start(problem, container)
                return
            environments.append(environment)
        self.task.pull_started_at = utcnow()
        for container in self.task.containers:
            pulled = docker_cli.run(["pull", "-q", container.image], timeout=600)
            if pulled.returncode != 0:
                reason = (f"CannotPullContainerError: pull image manifest has been retried 1 time(s): "
                          f"failed to resolve ref {container.image}: {pulled.stderr.strip()}")
                self._fail_to_start(reason, container)
                return
        self.task.pull_stopped_at = utcnow()
        if self._stopped_before_start():
            return
        for container, definition, environment in zip(self.task.containers, self.definition.container_definitions, environments):
            problem = self._start(container, definition, environment)
            if problem:
                self._fail_to_start(problem, container)
                return
        self.task.last_status = "RUNNING"
        self.task.started_at = utcnow()
        self._wait_for_essential_exit()

    def _stopped_before_start(self):
        if self.stop_requested is None:
            return False
        code, reason = self.stop_requested
        self._finish(code, reason)
        return True

    def _prepare(self, definition):
        """The container's environment, or why ECS could not start it (log group, secrets)."""
        options = (definition.get("logConfiguration") or {}).get("options") or {}
        group = options.get("awslogs-group")
        region = options.get("awslogs-region", self.task.region_name)
        if group and not logs.group_exists(self.backend.account_id, region, group):
            if str(options.get("awslogs-create-group", "false")).lower() == "true":
                logs.backend(self.backend.account_id, region).create_log_group(group, {})
            else:
                return (f"ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
                        f"failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. "
                        f": exit status 1"), None
        environment = {e["name"]: e["value"] for e in definition.get("environment") or []}
        override = self._override(definition["name"])
        environment.update({e["name"]: e["value"] for e in override.get("environment") or []})
        for secret in definition.get("secrets") or []:
            value = self._secret(secret["valueFrom"])
            if value is None:
                return (f"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                        f"unable to retrieve secret from asm: service call has been retried 1 time(s): "
                        f"retrieved secret from Secrets Manager did not contain json key or value ({secret['valueFrom']})"), None
            environment[secret["name"]] = value
        if self.port is not None:
            # awsvpc gives each task its own address; on one host each gets its own port.
            environment["PORT"] = str(self.port)
            environment["ASPNETCORE_URLS"] = f"http://127.0.0.1:{self.port}"
        return None, environment

    def _secret(self, value_from):
        region = value_from.split(":")[3] if value_from.startswith("arn:") else self.task.region_name
        try:
            found = secretsmanager_backends[self.backend.account_id][region].get_secret_value(value_from, None, "AWSCURRENT")
        except Exception:
            return None
        return found.get("SecretString")

    def _override(self, name):
        for override in self.overrides.get("containerOverrides") or []:
            if override.get("name") == name:
                return override
        return {}

    def _start(self, container, definition, environment):
        if SETTINGS.stopping:
            return "CannotStartContainerError: the emulator is stopping"
        docker_name = f"{SETTINGS.instance}-{self.task.id}-{container.name}"[:120]
        command = self._override(container.name).get("command") or definition.get("command") or []
        entry_point = definition.get("entryPoint") or []
        args = ["run", "-d", "--network", "host", "--name", docker_name,
                "--label", SETTINGS.label, "--label", f"tiktimer.emulator.task={self.task.id}"]
        for name in environment:
            args += ["-e", name]  # values through the client's environment, never the arguments
        if entry_point:
            args += ["--entrypoint", entry_point[0]]
        args += [container.image, *entry_point[1:], *command]
        started = docker_cli.run(args, extra_env=environment, timeout=120)
        if started.returncode != 0:
            return f"CannotStartContainerError: {started.stderr.strip()}"
        self.docker_names.append(docker_name)
        container.runtime_id = started.stdout.strip()
        container.last_status = "RUNNING"
        self._stream_logs(container, definition, docker_name)
        return None

    def _stream_logs(self, container, definition, docker_name):
        configuration = definition.get("logConfiguration") or {}
        options = configuration.get("options") or {}
        if configuration.get("logDriver") != "awslogs" or not options.get("awslogs-group"):
            return
        group = options["awslogs-group"]
        region = options.get("awslogs-region", self.task.region_name)
        stream = f"{options.get('awslogs-stream-prefix')}/{container.name}/{self.task.id}" if options.get("awslogs-stream-prefix") else self.task.id
        logs.create_stream(self.backend.account_id, region, group, stream)
        follower = subprocess.Popen(
            ["docker", "logs", "-f", docker_name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=docker_cli.environment(), text=True, errors="replace")

        def pump():
            for line in follower.stdout:
                logs.write(self.backend.account_id, region, group, stream, line.rstrip("\n"))
            follower.wait()

        pumper = threading.Thread(target=pump, daemon=True)
        pumper.start()
        container.log_pump = pumper

    def _wait_for_essential_exit(self):
        essential = [c for c, d in zip(self.task.containers, self.definition.container_definitions) if d.get("essential", True)]
        first = essential[0] if essential else self.task.containers[0]
        name = self.docker_names[self.task.containers.index(first)]
        waited = docker_cli.run(["wait", name], timeout=None)
        exit_code = int(waited.stdout.strip()) if waited.stdout.strip().lstrip("-").isdigit() else None
        first.exit_code = exit_code
        first.last_status = "STOPPED"
        self.task.last_status = "DEACTIVATING"
        self.task.stopping_at = getattr(self.task, "stopping_at", None) or utcnow()
        self.task.execution_stopped_at = utcnow()
        self.task.desired_status = "STOPPED"
        # The other containers stop with the task.
        for container, docker_name in zip(self.task.containers, self.docker_names):
            if container is not first:
                docker_cli.run(["stop", "-t", str(self._stop_timeout()), docker_name])
                container.exit_code = self._exit_code(docker_name)
                container.last_status = "STOPPED"
        for container in self.task.containers:
            pump = getattr(container, "log_pump", None)
            if pump is not None:
                pump.join(timeout=10)
        if self.stop_requested is not None:
            code, reason = self.stop_requested
        else:
            code, reason = "EssentialContainerExited", "Essential container in task exited"
        self._finish(code, reason)

    @staticmethod
    def _exit_code(docker_name):
        inspected = docker_cli.run(["inspect", "-f", "{{.State.ExitCode}}", docker_name])
        text = inspected.stdout.strip()
        return int(text) if text.lstrip("-").isdigit() else None

    def _fail_to_start(self, reason, container=None):
        if container is not None:
            container.reason = reason
            container.last_status = "STOPPED"
        for other in self.task.containers:
            other.last_status = "STOPPED"
        self._finish("TaskFailedToStart", reason)

    def _finish(self, stop_code, reason):
        self.task.desired_status = "STOPPED"
        self.task.stop_code = stop_code
        self.task.stopped_reason = reason
        for status in ("STOPPING", "DEPROVISIONING"):
            self.task.last_status = status
            time.sleep(STEP)
        for docker_name in self.docker_names:
            docker_cli.run(["rm", "-f", docker_name])
        self.task.stopped_at = utcnow()
        self.task.last_status = "STOPPED"
        if self.on_stopped is not None:
            self.on_stopped(self)


def start(task, backend, overrides, port=None, on_stopped=None):
    definition = backend.describe_task_definition(task.task_definition_arn)
    run = TaskRun(task, backend, definition, overrides, port, on_stopped)
    run.start()
    return run


def install():
    run_task = ecs_models.EC2ContainerServiceBackend.run_task

    def run_and_start(self, cluster_str, task_definition_str, count, overrides, started_by, tags, launch_type,
                      networking_configuration=None, group=None, platform_version=None):
        created = run_task(self, cluster_str, task_definition_str, count, overrides, started_by, tags, launch_type,
                           networking_configuration, group, platform_version)
        for task in created:
            start(task, self, overrides)
        return created

    ecs_models.EC2ContainerServiceBackend.run_task = run_and_start

    describe_tasks = ecs_models.EC2ContainerServiceBackend.describe_tasks

    def describe(self, cluster_str, tasks):
        # moto matches ids as substrings of any task's ARN; ECS matches whole ids or ARNs.
        found = describe_tasks(self, cluster_str, tasks)
        wanted = set(tasks)
        return [t for t in found if t.task_arn in wanted or t.id in wanted]

    ecs_models.EC2ContainerServiceBackend.describe_tasks = describe

    def stop_task(self, cluster_str, task_str, reason):
        cluster = self._get_cluster(cluster_str)
        task_id = task_str.split("/")[-1]
        for arn, task in self.tasks.get(cluster.name, {}).items():
            if task.id == task_id:
                run = RUNS.get(arn)
                if run is not None:
                    run.request_stop("UserInitiated", reason or "Task stopped by the user")
                return task
        raise ecs_models.InvalidParameterException("The referenced task was not found.")

    ecs_models.EC2ContainerServiceBackend.stop_task = stop_task
