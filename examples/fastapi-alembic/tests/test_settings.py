import pytest

from app.settings import ConfigurationError, app_version, database_url


def test_a_postgres_scheme_url_is_given_to_sqlalchemy_as_postgresql():
    url = database_url({"DATABASE_URL": "postgres://app:secret@db.internal:5432/tiktimer?sslmode=require"})

    assert url == "postgresql://app:secret@db.internal:5432/tiktimer?sslmode=require"


def test_a_postgresql_scheme_url_is_kept_as_it_is():
    assert database_url({"DATABASE_URL": "postgresql://app@db/tiktimer"}) == "postgresql://app@db/tiktimer"


@pytest.mark.parametrize("value", ["", "   "])
def test_a_missing_database_url_names_the_variable_and_its_form(value):
    with pytest.raises(ConfigurationError, match=r"DATABASE_URL is not set.*postgres://"):
        database_url({"DATABASE_URL": value})


def test_a_database_url_that_is_not_a_url_is_refused():
    with pytest.raises(ConfigurationError, match="not a URL"):
        database_url({"DATABASE_URL": "host=db user=app"})


def test_the_version_is_app_version_or_dev():
    assert app_version({"APP_VERSION": "4f2a9c1"}) == "4f2a9c1"
    assert app_version({}) == "dev"
