"""Alembic's environment: online migrations against DATABASE_URL, each revision in its own transaction."""

from logging.config import fileConfig

from alembic import context

from app.database import make_engine
from app.settings import ConfigurationError, database_url

config = context.config
if config.config_file_name is not None:
    # What makes alembic print its "Running upgrade ..." lines, which the suite streams.
    fileConfig(config.config_file_name)


def run_migrations_online() -> None:
    try:
        url = config.attributes.get("database_url") or database_url()
    except ConfigurationError as error:
        raise SystemExit(f"migrate failed: {error}") from None
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported: run `alembic upgrade head` against DATABASE_URL")
run_migrations_online()
