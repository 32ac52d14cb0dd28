"""Bestuursopdracht checks (issue 3).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABEL = "bestuursopdracht_check"


def upgrade() -> None:
    op.create_table(
        TABEL,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sleutel", sa.String(length=64), nullable=False),
        sa.Column("gebruiker_id", sa.String(length=400), nullable=False),
        sa.Column("aad_object_id", sa.String(length=100), nullable=True),
        sa.Column("persoon_id", sa.String(length=200), nullable=True),
        sa.Column("gebruiker_naam", sa.String(length=200), nullable=True),
        sa.Column("kanaal", sa.String(length=50), nullable=True),
        sa.Column("opdracht", sa.Text(), nullable=False),
        sa.Column("onderwerp_id", sa.String(length=200), nullable=True),
        sa.Column("antwoorden", sa.JSON(), nullable=False),
        sa.Column("aantal_geldend", sa.Integer(), nullable=False),
        sa.Column("advies", sa.String(length=20), nullable=False),
        sa.Column("notitie", sa.Text(), nullable=True),
        sa.Column("criteria_versie", sa.String(length=100), nullable=False),
        sa.Column("criteria_kenmerk", sa.String(length=64), nullable=False),
        sa.Column("uitgevoerd_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bestuursopdracht_check")),
        sa.UniqueConstraint("sleutel", name=op.f("uq_bestuursopdracht_check_sleutel")),
    )
    with op.batch_alter_table(TABEL, schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bestuursopdracht_check_gebruiker_id"), ["gebruiker_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bestuursopdracht_check_persoon_id"), ["persoon_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bestuursopdracht_check_uitgevoerd_op"), ["uitgevoerd_op"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table(TABEL, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bestuursopdracht_check_uitgevoerd_op"))
        batch_op.drop_index(batch_op.f("ix_bestuursopdracht_check_persoon_id"))
        batch_op.drop_index(batch_op.f("ix_bestuursopdracht_check_gebruiker_id"))
    op.drop_table(TABEL)
