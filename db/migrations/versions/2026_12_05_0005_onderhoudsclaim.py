"""Onderhoudsclaim: a lease per maintenance job, so one instance at a time prunes (issue 10).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "onderhoudsclaim",
        sa.Column("taak", sa.String(length=100), nullable=False),
        sa.Column("eigenaar", sa.String(length=32), nullable=False),
        sa.Column("verloopt_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("taak", name=op.f("pk_onderhoudsclaim")),
    )


def downgrade() -> None:
    op.drop_table("onderhoudsclaim")
