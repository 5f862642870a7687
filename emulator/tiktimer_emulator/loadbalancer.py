"""Application load balancers that forward: each one the emulator creates is active at once
and listens on its own 127.0.0.1 port, which is also its DNSName ("127.0.0.1:PORT"), so the
smoke test reaches the service through it. Requests go round-robin to the healthy tasks of
the target groups its listeners forward to; none healthy is a 503, as on an ALB."""
import http.client
import itertools
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from moto.elbv2 import models as elbv2_models

from . import services

SERVERS = []
_counter = itertools.count()


def _target_groups(balancer):
    arns = []
    for listener in balancer.listeners.values():
        for action in listener.default_actions:
            data = getattr(action, "data", {}) or {}
            if data.get("TargetGroupArn"):
                arns.append(data["TargetGroupArn"])
            for group in (data.get("ForwardConfig") or {}).get("TargetGroups", []):
                arns.append(group.get("TargetGroupArn"))
    return [a for a in arns if a]


def _handler(balancer):
    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _forward(self):
            ports = [p for arn in _target_groups(balancer) for p in services.healthy_targets(arn)]
            if not ports:
                body = b"503 Service Temporarily Unavailable"
                self.send_response(503)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            port = ports[next(_counter) % len(ports)]
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
            headers["X-Forwarded-For"] = self.client_address[0]
            try:
                upstream = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
            except Exception:
                data = b"502 Bad Gateway"
                self.send_response(502)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in ("connection", "transfer-encoding", "content-length", "keep-alive"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _forward

    return Forward


def install():
    original_init = elbv2_models.FakeLoadBalancer.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.state = "active"
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        SERVERS.append(server)
        threading.Thread(target=server.serve_forever, daemon=True, name=f"alb-{self.name}").start()
        self.dns_name = f"127.0.0.1:{server.server_address[1]}"

    elbv2_models.FakeLoadBalancer.__init__ = init
