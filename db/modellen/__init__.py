"""All models, imported so that `Base.metadata` is complete (Alembic, tests)."""

from db.modellen import (
    bestuursopdracht,  # noqa: F401
    fundament,  # noqa: F401
    onderhoud,  # noqa: F401
    rapportage,  # noqa: F401
)
