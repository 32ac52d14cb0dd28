"""All models, imported so that `Base.metadata` is complete (Alembic, tests)."""

from db.modellen import fundament  # noqa: F401
from db.modellen import bestuursopdracht  # noqa: F401
from db.modellen import rapportage  # noqa: F401
from db.modellen import onderhoud  # noqa: F401
