"""Intake: how each source was read, cleaned and dated; which source a candidate came from.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_candidates_source_id"), ["source_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_candidates_source_id_sources"), "sources", ["source_id"], ["id"]
        )

    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("raw_format", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("encoding", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("published_earliest", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("published_latest", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("published_confidence", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("date_reasons", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("cleaning", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("fingerprint", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("duplicate_of_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_sources_duplicate_of_id"), ["duplicate_of_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sources_fingerprint"), ["fingerprint"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_sources_duplicate_of_id_sources"), "sources", ["duplicate_of_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_sources_duplicate_of_id_sources"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_sources_fingerprint"))
        batch_op.drop_index(batch_op.f("ix_sources_duplicate_of_id"))
        batch_op.drop_column("duplicate_of_id")
        batch_op.drop_column("fingerprint")
        batch_op.drop_column("cleaning")
        batch_op.drop_column("date_reasons")
        batch_op.drop_column("published_confidence")
        batch_op.drop_column("published_latest")
        batch_op.drop_column("published_earliest")
        batch_op.drop_column("encoding")
        batch_op.drop_column("raw_format")
        batch_op.drop_column("origin")

    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_candidates_source_id_sources"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_candidates_source_id"))
        batch_op.drop_column("source_id")
