"""Verwerkte activiteit as a claim with a lease: status (bezig/klaar), eigenaar, verloopt_op (issue 10).

Existing rows were written before their turn ran; they count as `klaar`.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("verwerkte_activiteit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=10), server_default="klaar", nullable=False))
        batch_op.add_column(sa.Column("eigenaar", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("verloopt_op", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("verwerkte_activiteit", schema=None) as batch_op:
        batch_op.drop_column("verloopt_op")
        batch_op.drop_column("eigenaar")
        batch_op.drop_column("status")
