"""Persistence: async SQLAlchemy engine, typed models, repositories and Alembic migrations."""
