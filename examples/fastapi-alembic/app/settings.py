"""What the container reads from its environment (the delivery suite's container contract)."""

import os
from typing import Mapping


class ConfigurationError(Exception):
    """A setting the service cannot start without is missing or malformed."""


def database_url(environ: Mapping[str, str] = os.environ) -> str:
    """DATABASE_URL as SQLAlchemy wants it.

    The suite, RDS and Heroku write postgres://, which SQLAlchemy 1.4 no longer
    accepts as a dialect name, so it is rewritten to postgresql://.
    """
    url = environ.get("DATABASE_URL", "").strip()
    if not url:
        raise ConfigurationError(
            "DATABASE_URL is not set; set it to postgres://user:password@host:port/database")
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if "://" not in url:
        raise ConfigurationError("DATABASE_URL is not a URL; use postgres://user:password@host:port/database")
    return url


def app_version(environ: Mapping[str, str] = os.environ) -> str:
    """The image's version, baked in at build time (--build-arg APP_VERSION=...)."""
    return environ.get("APP_VERSION", "").strip() or "dev"
