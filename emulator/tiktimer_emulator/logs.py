"""CloudWatch Logs as the awslogs driver writes them: one stream per container,
<prefix>/<container>/<task id>, in the group and region of the container's options."""
import time

from moto.logs.models import logs_backends


def backend(account_id, region):
    return logs_backends[account_id][region]


def group_exists(account_id, region, group):
    return group in backend(account_id, region).groups


def create_stream(account_id, region, group, stream):
    logs = backend(account_id, region)
    if stream not in logs.groups[group].streams:
        logs.create_log_stream(group, stream)


def write(account_id, region, group, stream, line):
    event = {"timestamp": int(time.time() * 1000), "message": line}
    backend(account_id, region).put_log_events(group, stream, [event])
