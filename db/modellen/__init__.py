"""All models, imported so that `Base.metadata` is complete (Alembic, tests)."""

from db.modellen import fundament  # noqa: F401
