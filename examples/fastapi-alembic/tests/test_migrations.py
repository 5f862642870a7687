import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from conftest import APP_ROOT

TABLES = {"users", "social_accounts", "posts"}


def alembic_config(url):
    config = Config(str(APP_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(APP_ROOT / "migrations"))
    config.attributes["database_url"] = url
    return config


def test_the_revisions_form_one_line_ending_at_0003():
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))

    assert script.get_heads() == ["0003"]
    assert [r.revision for r in script.walk_revisions()] == ["0003", "0002", "0001"]


def test_upgrade_head_creates_the_tables_and_records_head(any_database_url):
    command.upgrade(alembic_config(any_database_url), "head")

    engine = create_engine(any_database_url, future=True)
    try:
        assert TABLES <= set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0003"
    finally:
        engine.dispose()


def test_upgrade_head_twice_changes_nothing_the_second_time(any_database_url):
    config = alembic_config(any_database_url)
    command.upgrade(config, "head")

    command.upgrade(config, "head")

    engine = create_engine(any_database_url, future=True)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    finally:
        engine.dispose()


def test_emails_are_unique_regardless_of_case(any_database_url):
    command.upgrade(alembic_config(any_database_url), "head")
    engine = create_engine(any_database_url, future=True)
    insert = text("INSERT INTO users (email, display_name) VALUES (:email, 'Ada')")
    try:
        with engine.begin() as connection:
            connection.execute(insert, {"email": "ada@example.com"})
        with pytest.raises(IntegrityError):
            with engine.begin() as connection:
                connection.execute(insert, {"email": "ADA@example.com"})
    finally:
        engine.dispose()


def test_a_scheduled_post_needs_a_time(any_database_url):
    command.upgrade(alembic_config(any_database_url), "head")
    engine = create_engine(any_database_url, future=True)
    try:
        with engine.begin() as connection:
            user = connection.execute(text("INSERT INTO users (email, display_name) VALUES ('b@example.com', 'B') RETURNING id")).scalar_one()
            account = connection.execute(
                text("INSERT INTO social_accounts (user_id, platform, external_account_id, handle) VALUES (:u, 'tiktok', 'x1', '@b') RETURNING id"),
                {"u": user}).scalar_one()
        with pytest.raises(IntegrityError):
            with engine.begin() as connection:
                connection.execute(
                    text("INSERT INTO posts (user_id, social_account_id, status) VALUES (:u, :a, 'scheduled')"),
                    {"u": user, "a": account})
    finally:
        engine.dispose()
