import os
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import create_engine, text

from app.settings import database_url as normalise

APP_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'tiktimer.db'}"


@pytest.fixture
def postgres_url():
    """A scratch database on TEST_DATABASE_URL's server, dropped afterwards."""
    server = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not server:
        pytest.skip("TEST_DATABASE_URL is not set (a postgres:// URL of a role that may CREATE DATABASE)")
    server = normalise({"DATABASE_URL": server})
    name = f"fastapi_test_{uuid.uuid4().hex}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    parts = urlsplit(server)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_database_url(request):
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return request.getfixturevalue(fixture)
