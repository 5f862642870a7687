"""The HTTP service. Run with: uvicorn --factory app.main:create_app --port $PORT"""

from typing import Optional

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from . import settings
from .database import database_answers, make_engine

SERVICE = "tiktimer-fastapi"


def create_app(database_url: Optional[str] = None, version: Optional[str] = None) -> FastAPI:
    """The application; reads DATABASE_URL and APP_VERSION unless given (tests give them)."""
    engine = make_engine(database_url or settings.database_url())
    app_version = version or settings.app_version()
    app = FastAPI(title="TikTimer FastAPI example", version=app_version)

    @app.get("/")
    def root() -> dict:
        # The delivery suite's smoke test compares this with the version it just deployed.
        return {"service": SERVICE, "version": app_version}

    @app.get("/health")
    def health():
        if database_answers(engine):
            return {"status": "healthy", "database": "connected"}
        return JSONResponse(status_code=503, content={"status": "unhealthy", "database": "unreachable"})

    @app.on_event("shutdown")
    def close_pool() -> None:
        engine.dispose()

    return app
