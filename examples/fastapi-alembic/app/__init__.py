"""TikTimer's kind of backend in miniature: FastAPI, SQLAlchemy, Alembic, PostgreSQL."""
