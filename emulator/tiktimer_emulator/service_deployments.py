"""ECS service deployments (ListServiceDeployments, DescribeServiceDeployments,
DescribeServiceRevisions): each rollout that services.py starts gets a record of its own whose
status follows the rollout, as ECS keeps it since October 2024.

- CreateService, and each UpdateService that starts a new deployment, creates a record (and a
  service revision holding its task definition): PENDING, IN_PROGRESS on the scheduler's next
  tick, SUCCESSFUL when the rollout is COMPLETED.
- A rollout the circuit breaker fails: ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS while the
  rollback deployment runs, ROLLBACK_SUCCESSFUL when it is COMPLETED (without rollback: STOPPED);
  deploymentCircuitBreaker {status TRIGGERED, failureCount, threshold} and rollback {reason,
  startedAt, serviceRevisionArn}. ECS makes no new record for its own rollback.
- A record still in progress when a newer UpdateService starts another deployment:
  STOP_REQUESTED, then STOPPED with a statusReason naming the newer record.

`MODE` switches the operations off at run time (POST /tiktimer-emulator/service-deployments
{"mode": ...}, or TIKTIMER_EMULATOR_SERVICE_DEPLOYMENTS at start), so one emulator serves both
the record and the fallback: "moto" answers as plain moto 5.2.1 does (HTTP 500, an HTML page),
an error code such as "AccessDeniedException" or "UnknownOperationException" answers HTTP 400
with that code. The records are kept either way; only the answers change.
"""
import json
import os

from moto.core.utils import utcnow
from moto.ecs import responses as ecs_responses
from moto.moto_api._internal import mock_random

OPERATIONS = ("list_service_deployments", "describe_service_deployments", "describe_service_revisions")
MODE = {"value": os.environ.get("TIKTIMER_EMULATOR_SERVICE_DEPLOYMENTS", "on")}
REVISIONS = {}  # service revision ARN -> revision
RECORDS = {}  # service deployment ARN -> record

_IN_FLIGHT = ("PENDING", "IN_PROGRESS")


def _epoch(moment):
    return moment.timestamp() if moment is not None else None


def _seconds(value):
    # moto parses timestamps of the request by the service model: a datetime, or a number when it does not.
    if value is None:
        return None
    return value.timestamp() if hasattr(value, "timestamp") else float(value)


def _id():
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
    return "".join(alphabet[mock_random.randint(0, len(alphabet) - 1)] for _ in range(21))


def _prefix(backend, kind, service):
    return f"arn:aws:ecs:{backend.region_name}:{backend.account_id}:{kind}/{service.cluster_name}/{service.name}"


def _revision(backend, service, task_definition):
    arn = f"{_prefix(backend, 'service-revision', service)}/{mock_random.randint(10**18, 10**19 - 1)}"
    definition = backend.describe_task_definition(task_definition)
    REVISIONS[arn] = {
        "serviceRevisionArn": arn,
        "serviceArn": service.arn,
        "clusterArn": _cluster_arn(backend, service),
        "taskDefinition": definition.arn,
        "launchType": service.launch_type or "FARGATE",
        "platformVersion": service.platform_version or "1.4.0",
        "platformFamily": "Linux",
        "loadBalancers": service.load_balancers or [],
        "networkConfiguration": service.network_configuration or None,
        "containerImages": [{"containerName": c.get("name"), "image": c.get("image")} for c in definition.container_definitions],
        "createdAt": utcnow(),
    }
    return arn


def _cluster_arn(backend, service):
    return backend._get_cluster(service.cluster_name).arn


def _summary(deployment):
    if deployment is None:
        return None
    return {
        "arn": deployment["_revision"],
        "requestedTaskCount": deployment["desiredCount"],
        "runningTaskCount": deployment["runningCount"],
        "pendingTaskCount": deployment["pendingCount"],
    }


def started(backend, service, deployment, sources):
    """A new deployment of the service: its record, PENDING, replacing any still in flight."""
    deployment["_revision"] = _revision(backend, service, deployment["taskDefinition"])
    now = utcnow()
    arn = f"{_prefix(backend, 'service-deployment', service)}/{_id()}"
    record = {
        "serviceDeploymentArn": arn,
        "serviceArn": service.arn,
        "clusterArn": _cluster_arn(backend, service),
        "createdAt": now,
        "updatedAt": now,
        "status": "PENDING",
        "statusReason": "Service deployment created.",
        "_deployment": deployment,
        "_sources": [s for s in sources if s.get("_revision")],
        "_rollback": None,
        "_service": service,
        "deploymentCircuitBreaker": {"status": "DISABLED", "failureCount": 0, "threshold": 0},
    }
    for older in getattr(service, "_records", []):
        if older["status"] in _IN_FLIGHT:
            older["status"] = "STOP_REQUESTED"
            older["statusReason"] = f"Service deployment stop requested: a newer service deployment ({arn}) started."
            older["updatedAt"] = now
    service._records = [record] + getattr(service, "_records", [])
    deployment["_record"] = record
    RECORDS[arn] = record


def tripped(service, failed, rollback, previous):
    """The circuit breaker failed `failed`; ECS rolls back by `rollback` (None: no rollback)."""
    record = failed.get("_record")
    if record is None:
        return
    now = utcnow()
    record["deploymentCircuitBreaker"]["status"] = "TRIGGERED"
    record["deploymentCircuitBreaker"]["failureCount"] = failed["failedTasks"]
    record["updatedAt"] = now
    if rollback is None:
        record["status"] = "STOPPED"
        record["statusReason"] = "Service deployment stopped: the circuit breaker threshold was exceeded and rollback is not enabled."
        record["stoppedAt"] = now
        record["finishedAt"] = now
        return
    # The rollback deployment runs the last completed revision again, under the failed record.
    rollback["_revision"] = previous["_revision"]
    rollback["_record"] = record
    record["_rollback"] = rollback
    record["status"] = "ROLLBACK_REQUESTED"
    record["statusReason"] = "Service deployment rollback requested: the circuit breaker threshold was exceeded."
    record["rollback"] = {
        "reason": "Circuit breaker: tasks failed to start and reach a steady state.",
        "startedAt": now,
        "serviceRevisionArn": previous["_revision"],
    }


def tick(service, threshold):
    """After the scheduler's tick: move each record on as its deployment did."""
    now = utcnow()
    for record in getattr(service, "_records", []):
        deployment = record["_deployment"]
        status = record["status"]
        if status in _IN_FLIGHT:
            # CreateService stores the deployment configuration after the first record exists.
            configuration = getattr(service, "deployment_configuration", None) or {}
            enabled = (configuration.get("deploymentCircuitBreaker") or {}).get("enable", False)
            record["deploymentConfiguration"] = configuration
            record["deploymentCircuitBreaker"] = {
                "status": "MONITORING" if enabled else "DISABLED",
                "failureCount": deployment["failedTasks"],
                "threshold": threshold(deployment["desiredCount"]),
            }
        if status == "PENDING":
            record["status"] = "IN_PROGRESS"
            record["statusReason"] = "Service deployment in progress."
            record["startedAt"] = now
        elif status == "IN_PROGRESS" and deployment["rolloutState"] == "COMPLETED":
            record["status"] = "SUCCESSFUL"
            record["statusReason"] = "Service deployment completed."
            record["finishedAt"] = now
            if record["deploymentCircuitBreaker"]["status"] == "MONITORING":
                record["deploymentCircuitBreaker"]["status"] = "MONITORING_COMPLETE"
        elif status == "STOP_REQUESTED":
            record["status"] = "STOPPED"
            record["statusReason"] = record["statusReason"].replace("stop requested", "stopped")
            record["stoppedAt"] = now
            record["finishedAt"] = now
        elif status == "ROLLBACK_REQUESTED":
            record["status"] = "ROLLBACK_IN_PROGRESS"
            record["statusReason"] = "Service deployment rollback in progress: the circuit breaker threshold was exceeded."
        elif status == "ROLLBACK_IN_PROGRESS" and record["_rollback"]["rolloutState"] == "COMPLETED":
            record["status"] = "ROLLBACK_SUCCESSFUL"
            record["statusReason"] = "Service deployment rolled back: the circuit breaker threshold was exceeded."
            record["finishedAt"] = now
        else:
            continue
        record["updatedAt"] = now


def _public(record):
    result = {k: v for k, v in record.items() if not k.startswith("_")}
    for key in ("createdAt", "updatedAt", "startedAt", "finishedAt", "stoppedAt"):
        if key in result:
            result[key] = _epoch(result[key])
    if "rollback" in result:
        result["rollback"] = dict(result["rollback"], startedAt=_epoch(result["rollback"]["startedAt"]))
    result["targetServiceRevision"] = _summary(record["_deployment"])
    result["sourceServiceRevisions"] = [_summary(s) for s in record["_sources"]]
    return result


def _brief(record):
    public = _public(record)
    brief = {k: public[k] for k in ("serviceDeploymentArn", "serviceArn", "clusterArn", "createdAt", "startedAt", "finishedAt", "status", "statusReason") if k in public}
    brief["targetServiceRevisionArn"] = record["_deployment"]["_revision"]
    return brief


def _answer(body):
    return json.dumps(body), {"status": 200, "Content-Type": "application/x-amz-json-1.1"}


def _switched_off(self, operation):
    mode = MODE["value"]
    if mode == "on":
        return None
    if mode == "moto":
        raise NotImplementedError(f"The {operation} action has not been implemented")
    message = (f"User: arn:aws:sts::{self.ecs_backend.account_id}:assumed-role/deploy/session is not authorized to perform: "
               f"ecs:{operation}" if mode == "AccessDeniedException" else f"Operation {operation} is not supported.")
    return json.dumps({"__type": mode, "message": message}), {"status": 400, "X-Amzn-Errortype": mode, "Content-Type": "application/x-amz-json-1.1"}


def install():
    from . import services

    def list_service_deployments(self):
        off = _switched_off(self, "ListServiceDeployments")
        if off:
            return off
        backend = self.ecs_backend
        service = backend._get_service(self._get_param("cluster", "default"), self._get_param("service"))
        statuses = self._get_param("status") or []
        created = self._get_param("createdAt") or {}
        with services.LOCK:
            records = [_brief(r) for r in getattr(service, "_records", [])]
        after, before = _seconds(created.get("after")), _seconds(created.get("before"))
        records = [r for r in records
                   if (not statuses or r["status"] in statuses)
                   and (after is None or r["createdAt"] >= after)
                   and (before is None or r["createdAt"] <= before)]
        start = int(self._get_param("nextToken") or 0)
        size = int(self._get_param("maxResults") or 20)
        page = records[start:start + size]
        body = {"serviceDeployments": page}
        if start + size < len(records):
            body["nextToken"] = str(start + size)
        return _answer(body)

    def describe_service_deployments(self):
        off = _switched_off(self, "DescribeServiceDeployments")
        if off:
            return off
        found, failures = [], []
        with services.LOCK:
            for arn in self._get_param("serviceDeploymentArns") or []:
                if arn in RECORDS:
                    found.append(_public(RECORDS[arn]))
                else:
                    failures.append({"arn": arn, "reason": "MISSING", "detail": "The service deployment does not exist."})
        return _answer({"serviceDeployments": found, "failures": failures})

    def describe_service_revisions(self):
        off = _switched_off(self, "DescribeServiceRevisions")
        if off:
            return off
        found, failures = [], []
        for arn in self._get_param("serviceRevisionArns") or []:
            if arn in REVISIONS:
                found.append(dict(REVISIONS[arn], createdAt=_epoch(REVISIONS[arn]["createdAt"])))
            else:
                failures.append({"arn": arn, "reason": "MISSING", "detail": "The service revision does not exist."})
        return _answer({"serviceRevisions": found, "failures": failures})

    ecs_responses.EC2ContainerServiceResponse.list_service_deployments = list_service_deployments
    ecs_responses.EC2ContainerServiceResponse.describe_service_deployments = describe_service_deployments
    ecs_responses.EC2ContainerServiceResponse.describe_service_revisions = describe_service_revisions


def control(environ, start_response):
    """POST /tiktimer-emulator/service-deployments {"mode": "on" | "moto" | ERROR_CODE}."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    try:
        mode = json.loads(environ["wsgi.input"].read(length) or b"{}").get("mode", "on")
    except ValueError:
        mode = None
    if not isinstance(mode, str) or not (mode in ("on", "moto") or mode.endswith("Exception")):
        start_response("400 Bad Request", [("Content-Type", "text/plain")])
        return [b'mode must be "on", "moto" or an AWS error code ending in Exception\n']
    MODE["value"] = mode
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps({"mode": mode}).encode()]
