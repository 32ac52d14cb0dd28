"""Statusupdates en herinneringen (issue 5).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statusupdate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.String(length=100), nullable=False),
        sa.Column("onderwerp_id", sa.String(length=200), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("financieel_soort", sa.String(length=20), nullable=True),
        sa.Column("financieel_bedrag", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("maatregel", sa.Text(), nullable=True),
        sa.Column("ingediend_door", sa.String(length=200), nullable=False),
        sa.Column("ingediend_door_aad", sa.String(length=100), nullable=True),
        sa.Column("ingediend_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sleutel", sa.String(length=100), nullable=False),
        sa.CheckConstraint("versie >= 1", name=op.f("ck_statusupdate_versie_positief")),
        sa.CheckConstraint(
            "(financieel_soort IS NULL AND financieel_bedrag IS NULL) OR "
            "(financieel_soort IN ('meevaller', 'tegenvaller') AND financieel_bedrag IS NOT NULL AND financieel_bedrag > 0)",
            name=op.f("ck_statusupdate_financieel_compleet"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statusupdate")),
        sa.UniqueConstraint("periode_id", "onderwerp_id", "versie", name=op.f("uq_statusupdate_periode_id_onderwerp_id_versie")),
        sa.UniqueConstraint("sleutel", name=op.f("uq_statusupdate_sleutel")),
    )
    op.create_index("ix_statusupdate_periode_onderwerp", "statusupdate", ["periode_id", "onderwerp_id"], unique=False)
    op.create_table(
        "herinnering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periode_id", sa.String(length=100), nullable=False),
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
        sa.Column("persoon_id", sa.String(length=200), nullable=False),
        sa.Column("geclaimd_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verstuurd_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resultaat", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_herinnering")),
        sa.UniqueConstraint("periode_id", "moment", "persoon_id", name=op.f("uq_herinnering_periode_id_moment_persoon_id")),
    )


def downgrade() -> None:
    op.drop_table("herinnering")
    op.drop_index("ix_statusupdate_periode_onderwerp", table_name="statusupdate")
    op.drop_table("statusupdate")
