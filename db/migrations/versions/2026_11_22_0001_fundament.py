"""Fundament: bot state, processed activities, conversation references, unanswered questions.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 06:39:16.418342
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bot_status",
        sa.Column("sleutel", sa.String(length=400), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("etag", sa.String(length=64), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_bot_status")),
    )
    op.create_table(
        "gespreksreferentie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruiker_id", sa.String(length=400), nullable=False),
        sa.Column("aad_object_id", sa.String(length=100), nullable=True),
        sa.Column("persoon_id", sa.String(length=200), nullable=True),
        sa.Column("referentie", sa.JSON(), nullable=False),
        sa.Column("bijgewerkt_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gespreksreferentie")),
        sa.UniqueConstraint("gebruiker_id", name=op.f("uq_gespreksreferentie_gebruiker_id")),
    )
    with op.batch_alter_table("gespreksreferentie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gespreksreferentie_aad_object_id"), ["aad_object_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_gespreksreferentie_persoon_id"), ["persoon_id"], unique=False)

    op.create_table(
        "onbeantwoorde_vraag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vraag", sa.Text(), nullable=False),
        sa.Column("kern", sa.Text(), nullable=False),
        sa.Column("uitkomst", sa.String(length=40), nullable=False),
        sa.Column("kandidaten", sa.JSON(), nullable=False),
        sa.Column("gesteld_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onbeantwoorde_vraag")),
    )
    with op.batch_alter_table("onbeantwoorde_vraag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_onbeantwoorde_vraag_gesteld_op"), ["gesteld_op"], unique=False)

    op.create_table(
        "verwerkte_activiteit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversatie_id", sa.String(length=400), nullable=False),
        sa.Column("activiteit_id", sa.String(length=400), nullable=False),
        sa.Column("ontvangen_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verwerkte_activiteit")),
        sa.UniqueConstraint("conversatie_id", "activiteit_id", name=op.f("uq_verwerkte_activiteit_conversatie_id_activiteit_id")),
    )
    with op.batch_alter_table("verwerkte_activiteit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verwerkte_activiteit_ontvangen_op"), ["ontvangen_op"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("verwerkte_activiteit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verwerkte_activiteit_ontvangen_op"))

    op.drop_table("verwerkte_activiteit")
    with op.batch_alter_table("onbeantwoorde_vraag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_onbeantwoorde_vraag_gesteld_op"))

    op.drop_table("onbeantwoorde_vraag")
    with op.batch_alter_table("gespreksreferentie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gespreksreferentie_persoon_id"))
        batch_op.drop_index(batch_op.f("ix_gespreksreferentie_aad_object_id"))

    op.drop_table("gespreksreferentie")
    op.drop_table("bot_status")
