"""Search: one entry per searchable record or source, with a full-text index on each database.

SQLite gets an FTS5 table over the entries (external content: the text is stored once, in
search_entries); PostgreSQL a GIN index on the entries' tsvector ('simple' configuration: names
and places are not words to stem). Neither is a model: `migrations.UNMODELLED` names them so
that comparing the schema with the models leaves them out.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The expression PostgreSQL indexes; `search.query` must use exactly the same one.
PG_DOCUMENT = "to_tsvector('simple', title || ' ' || body)"


def upgrade() -> None:
    op.create_table(
        "search_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_entries")),
        sa.UniqueConstraint("kind", "ref_id", name="uq_search_entries_kind_ref_id"),
    )
    op.create_index("ix_search_entries_day", "search_entries", ["day"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, body, content='search_entries', content_rowid='id')"
        )
    else:
        op.execute(
            f"CREATE INDEX ix_search_entries_document ON search_entries USING gin ({PG_DOCUMENT})"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    else:
        op.execute("DROP INDEX ix_search_entries_document")
    op.drop_index("ix_search_entries_day", table_name="search_entries")
    op.drop_table("search_entries")
