"""ECS services that roll out: each UpdateService that changes the task definition starts a
new PRIMARY deployment whose tasks really run; it becomes COMPLETED when its tasks pass the
load balancer's health check and the old deployment has drained. A deployment whose tasks
keep failing trips the circuit breaker (FAILED), and ECS rolls back when it is configured to."""
import math
import threading
import time
import urllib.request
import uuid

from moto.core.utils import utcnow
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ecs.models import ecs_backends
from moto.moto_api._internal import mock_random

from . import service_deployments, tasks
from .settings import SETTINGS

LOCK = threading.RLock()
SERVICES = []  # (backend, service)
# Seconds a new task may fail its health check before it counts (the service's grace period).
HEALTH_GRACE = 3.0


def _deployment(service, task_definition_arn, desired):
    now = utcnow()
    deployment_id = f"ecs-svc/{mock_random.randint(10**18, 10**19 - 1)}"
    return {
        "id": deployment_id,
        "status": "PRIMARY",
        "taskDefinition": task_definition_arn,
        "desiredCount": desired,
        "pendingCount": 0,
        "runningCount": 0,
        "failedTasks": 0,
        "createdAt": now,
        "updatedAt": now,
        "launchType": service.launch_type,
        "platformVersion": service.platform_version or "1.4.0",
        "platformFamily": "Linux",
        "networkConfiguration": service.network_configuration or None,
        "rolloutState": "IN_PROGRESS",
        "rolloutStateReason": "ECS deployment in progress.",
        "_runs": [],
        "_completed": False,
    }


def _event(service, message):
    service.events.insert(0, {"id": str(uuid.uuid4()), "createdAt": utcnow(), "message": f"(service {service.name}) {message}"})
    del service.events[100:]


def _public(deployment):
    return {k: v for k, v in deployment.items() if not k.startswith("_")}


def _breaker(service):
    configuration = getattr(service, "deployment_configuration", None) or {}
    return configuration.get("deploymentCircuitBreaker") or {"enable": False, "rollback": False}


def _threshold(desired):
    return min(200, max(3, math.ceil(desired * 0.5)))


def _target_group(backend, service):
    from moto.elbv2.models import elbv2_backends
    for balancer in service.load_balancers or []:
        arn = balancer.get("targetGroupArn")
        if arn:
            groups = elbv2_backends[backend.account_id][backend.region_name].target_groups
            if arn in groups:
                return groups[arn], balancer
    return None, None


def healthy_targets(target_group_arn):
    """Ports of the running, healthy tasks registered in a target group (the load balancer's pool)."""
    with LOCK:
        ports = []
        for backend, service in SERVICES:
            for balancer in service.load_balancers or []:
                if balancer.get("targetGroupArn") != target_group_arn:
                    continue
                for deployment in service._emulated:
                    ports += [r.port for r in deployment["_runs"] if r.healthy and r.task.last_status == "RUNNING" and r.stop_requested is None]
        return ports


def _check(run, path, matcher):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{run.port}{path}", timeout=2) as response:
            return str(response.status) in matcher.replace(" ", "").split(",")
    except Exception:
        return False


def _launch(backend, service, deployment):
    cluster = backend._get_cluster(service.cluster_name)
    definition = backend.describe_task_definition(deployment["taskDefinition"])
    task = ecs_models.Task(
        cluster=cluster, task_definition=definition, container_instance_arn=None,
        resource_requirements=None, backend=backend, group=f"service:{service.name}",
        launch_type=service.launch_type or "FARGATE", started_by=deployment["id"],
        networking_configuration=service.network_configuration or None,
        platform_version=service.platform_version)
    backend.tasks.setdefault(cluster.name, {})[task.task_arn] = task
    run = tasks.start(task, backend, {}, port=tasks.free_port())
    run.started_monotonic = time.monotonic()
    run.passes = 0
    run.failures = 0
    run.counted = False
    deployment["_runs"].append(run)
    _event(service, f"has started 1 tasks: (task {task.id}).")


def _live(deployment):
    return [r for r in deployment["_runs"] if r.task.last_status != "STOPPED" and r.stop_requested is None]


def _tick_health(backend, service):
    group, _ = _target_group(backend, service)
    for deployment in service._emulated:
        for run in _live(deployment):
            if run.task.last_status != "RUNNING":
                continue
            if group is None:
                run.healthy = True
                continue
            ok = _check(run, group.health_check_path or "/", (getattr(group, "matcher", None) or {}).get("HttpCode", "200"))
            if ok:
                run.passes += 1
                run.failures = 0
                if run.passes >= int(group.healthy_threshold_count or 2) and not run.healthy:
                    run.healthy = True
                    _event(service, f"registered 1 targets in (target-group {group.arn})")
            else:
                run.passes = 0
                if time.monotonic() - run.started_monotonic < HEALTH_GRACE:
                    continue
                run.failures += 1
                if run.failures >= int(group.unhealthy_threshold_count or 3):
                    run.healthy = False
                    _event(service, f"has stopped 1 running tasks: (task {run.task.id}).")
                    _event(service, f"(task {run.task.id}) failed ELB health checks in (target-group {group.arn})")
                    run.request_stop("ServiceSchedulerInitiated", f"Task failed ELB health checks in (target-group {group.arn})")


def _count_failures(service, deployment):
    for run in deployment["_runs"]:
        if run.counted or run.task.last_status != "STOPPED":
            continue
        run.counted = True
        drained = run.stop_requested is not None and run.stop_requested[1].startswith("Scaling activity")
        if not drained:
            deployment["failedTasks"] += 1


def _tick(backend, service):
    deployments = service._emulated
    primary = deployments[0]
    for deployment in deployments:
        _count_failures(service, deployment)

    breaker = _breaker(service)
    if (primary["rolloutState"] == "IN_PROGRESS" and breaker.get("enable")
            and primary["failedTasks"] >= _threshold(primary["desiredCount"])):
        primary["rolloutState"] = "FAILED"
        primary["rolloutStateReason"] = "ECS deployment circuit breaker: tasks failed to start."
        _event(service, f"(deployment {primary['id']}) deployment failed: tasks failed to start.")
        previous = next((d for d in deployments[1:] if d["_completed"]), None)
        if breaker.get("rollback") and previous is not None:
            rollback = _deployment(service, previous["taskDefinition"], service.desired_count)
            rollback["rolloutStateReason"] = f"ECS deployment circuit breaker: rolling back to deploymentId {previous['id']}."
            primary["status"] = "ACTIVE"
            deployments.insert(0, rollback)
            service.task_definition = previous["taskDefinition"]
            _event(service, f"(deployment {primary['id']}) deployment failed: rolling back to deployment {previous['id']}.")
            service_deployments.tripped(service, primary, rollback, previous)
            primary = rollback
        else:
            service_deployments.tripped(service, primary, None, None)

    # The PRIMARY deployment scales up, unless the breaker stopped it.
    if primary["rolloutState"] != "FAILED":
        missing = primary["desiredCount"] - len(_live(primary))
        for _ in range(max(0, missing)):
            _launch(backend, service, primary)

    _tick_health(backend, service)

    healthy_new = len([r for r in _live(primary) if r.healthy])
    # Old deployments drain as the new one's tasks become healthy (minimum healthy 100 %).
    for old in deployments[1:]:
        allowed = max(0, primary["desiredCount"] - healthy_new) if primary["rolloutState"] != "FAILED" else len(_live(old))
        for run in _live(old)[allowed:]:
            run.request_stop("ServiceSchedulerInitiated", f"Scaling activity initiated by (deployment {primary['id']})")
            _event(service, f"has stopped 1 running tasks: (task {run.task.id}).")

    for deployment in deployments:
        live = _live(deployment)
        deployment["runningCount"] = len([r for r in live if r.task.last_status == "RUNNING"])
        deployment["pendingCount"] = len(live) - deployment["runningCount"]
        deployment["updatedAt"] = utcnow()

    # Drained deployments stay listed (a FAILED one with its reason) until the PRIMARY is
    # at full healthy count; then they go, and the rollout is complete.
    if primary["rolloutState"] == "IN_PROGRESS" and healthy_new >= primary["desiredCount"]:
        for old in list(deployments[1:]):
            if not [r for r in old["_runs"] if r.task.last_status != "STOPPED"]:
                deployments.remove(old)

    if (primary["rolloutState"] == "IN_PROGRESS" and len(deployments) == 1
            and healthy_new >= primary["desiredCount"]):
        primary["rolloutState"] = "COMPLETED"
        primary["rolloutStateReason"] = f"ECS deployment {primary['id']} completed."
        primary["_completed"] = True
        _event(service, f"(deployment {primary['id']}) deployment completed.")
        _event(service, "has reached a steady state.")

    service.deployments = [_public(d) for d in deployments]
    service.running_count = sum(d["runningCount"] for d in deployments)
    service.pending_count = sum(d["pendingCount"] for d in deployments)
    service_deployments.tick(service, _threshold)


def _loop():
    while True:
        time.sleep(SETTINGS.health_interval)
        with LOCK:
            if SETTINGS.stopping:
                return
            for backend, service in list(SERVICES):
                if service.status != "ACTIVE":
                    continue
                try:
                    _tick(backend, service)
                except Exception as error:  # one broken service must not stop the others
                    _event(service, f"emulator error: {error}")


def _arn(backend, task_definition):
    return backend.describe_task_definition(task_definition).arn if task_definition else None


def install():
    create_service = ecs_models.EC2ContainerServiceBackend.create_service

    def create(self, cluster_str, service_name, desired_count, task_definition_str=None, *args, **kwargs):
        service = create_service(self, cluster_str, service_name, desired_count, task_definition_str, *args, **kwargs)
        with LOCK:
            service.events = []
            service._emulated = [_deployment(service, service.task_definition, service.desired_count)] if service.task_definition else []
            for deployment in service._emulated:
                service_deployments.started(self, service, deployment, [])
            service.deployments = [_public(d) for d in service._emulated]
            service.running_count = 0
            service.pending_count = 0
            SERVICES.append((self, service))
        return service

    ecs_models.EC2ContainerServiceBackend.create_service = create

    def create_response(self):
        result = original_create_response(self)
        configuration = self._get_param("deploymentConfiguration")
        if configuration:
            backend = self.ecs_backend
            service = backend._get_service(self._get_param("cluster", "default"), self._get_param("serviceName"))
            service.deployment_configuration = configuration
        return result

    original_create_response = ecs_responses.EC2ContainerServiceResponse.create_service
    ecs_responses.EC2ContainerServiceResponse.create_service = create_response

    update_service = ecs_models.EC2ContainerServiceBackend.update_service

    def update(self, properties):
        task_definition = properties.get("task_definition")
        force = properties.get("force_new_deployment", False)
        desired = properties.get("desired_count")
        with LOCK:
            service = update_service(self, dict(properties))
            if task_definition:
                service.task_definition = _arn(self, task_definition)
            if desired is not None:
                service.desired_count = desired
            deployments = getattr(service, "_emulated", [])
            current = deployments[0] if deployments else None
            if current is None or (task_definition and service.task_definition != current["taskDefinition"]) or force:
                for deployment in deployments:
                    deployment["status"] = "ACTIVE"
                deployments.insert(0, _deployment(service, service.task_definition, service.desired_count))
                service_deployments.started(self, service, deployments[0], deployments[1:])
                service._emulated = deployments
            elif desired is not None:
                current["desiredCount"] = desired
            service.deployments = [_public(d) for d in service._emulated]
            service.running_count = sum(d["runningCount"] for d in service._emulated)
            service.pending_count = sum(d["pendingCount"] for d in service._emulated)
        return service

    ecs_models.EC2ContainerServiceBackend.update_service = update

    delete_service = ecs_models.EC2ContainerServiceBackend.delete_service

    def delete(self, cluster_name, service_name, force):
        service = delete_service(self, cluster_name, service_name, force)
        with LOCK:
            for deployment in getattr(service, "_emulated", []):
                for run in _live(deployment):
                    run.request_stop("ServiceSchedulerInitiated", "Service deleted")
            SERVICES[:] = [(b, s) for b, s in SERVICES if s is not service]
        return service

    ecs_models.EC2ContainerServiceBackend.delete_service = delete

    threading.Thread(target=_loop, daemon=True, name="service-scheduler").start()
