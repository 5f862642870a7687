"""The emulator's settings, given once at start-up (main.py)."""
from dataclasses import dataclass, field


@dataclass
class Settings:
    # Every container the emulator starts carries this label; all are removed when it stops.
    instance: str = "tiktimer-emulator"
    # host:port of the registry ECR repositories live on, and the credentials its token decodes to.
    registry: str = "127.0.0.1:5000"
    registry_user: str = "AWS"
    registry_password: str = ""
    docker_config: str = ""
    # Seconds a stopped container gets between SIGTERM and SIGKILL when the task
    # definition sets no stopTimeout (Fargate: 30).
    stop_timeout: int = 30
    # Load balancer health checks, scaled down from the target group's seconds.
    health_interval: float = 1.0
    # Set when the emulator stops: no container may start after the clean-up began.
    stopping: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"tiktimer.emulator={self.instance}"


SETTINGS = Settings()
