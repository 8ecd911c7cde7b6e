"""PostgreSQL search: the entries' tsvector stored in a generated column, indexed with GIN.

Ranking the matches of a common word read every matching entry's text and built its tsvector
again (over a second for 35,000 matches); a stored column is built once, when the entry is
written, and both the match and the rank read it. The expression index of 0003 is dropped. Like
that index, the column has no model (`migrations.UNMODELLED`). SQLite is unchanged (FTS5).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE search_entries ADD COLUMN document tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED"
    )
    op.execute("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (document)")
    op.execute("DROP INDEX IF EXISTS ix_search_entries_document")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE INDEX ix_search_entries_document ON search_entries "
        "USING gin (to_tsvector('simple', title || ' ' || body))"
    )
    op.execute("DROP INDEX ix_search_entries_tsv")
    op.execute("ALTER TABLE search_entries DROP COLUMN document")
