"""The engine and the one query /health needs."""

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

# /health must answer quickly even when the database does not: a load balancer
# (or the suite's blue/green switch) waits on it.
CONNECT_TIMEOUT_SECONDS = 2


def make_engine(url: str) -> Engine:
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_SECONDS} if url.startswith("postgresql") else {}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, future=True)


def database_answers(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT 1")).scalar() == 1
    except SQLAlchemyError:
        return False
