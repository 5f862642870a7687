from fastapi.testclient import TestClient

from app.main import create_app

# Nothing listens on port 9 of the loopback (discard), so connecting fails at once.
UNREACHABLE = "postgresql://nobody:nothing@127.0.0.1:9/none"


def test_root_reports_the_service_and_the_version_of_the_image(sqlite_url):
    client = TestClient(create_app(database_url=sqlite_url, version="4f2a9c1"))

    response = client.get("/")

    assert response.status_code == 200
    assert response.json() == {"service": "tiktimer-fastapi", "version": "4f2a9c1"}


def test_health_is_200_healthy_when_select_1_answers(sqlite_url):
    client = TestClient(create_app(database_url=sqlite_url, version="v"))

    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "healthy", "database": "connected"}


def test_health_is_503_unhealthy_when_the_database_is_unreachable():
    client = TestClient(create_app(database_url=UNREACHABLE, version="v"))

    response = client.get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy", "database": "unreachable"}


def test_health_is_healthy_against_postgresql(postgres_url):
    client = TestClient(create_app(database_url=postgres_url, version="v"))

    assert client.get("/health").json()["status"] == "healthy"
