"""SQLite's full-text index keeps no document lengths, so ranking reads nothing but the index.

bm25 divides each match's term frequency by the entry's length against the average, and FTS5
reads that length from its `search_fts_docsize` table, one lookup per match. For a word that
35,000 entries hold, those lookups were most of a search: 40 ms of ranking on the bench database
against 7 ms without them. With `columnsize=0` the lengths are not stored and bm25 ranks by how
often the words occur (a title counting four times the body, each further occurrence counting
less than the one before) and by how rare they are, but no longer favours short entries over
long ones. PostgreSQL's `ts_rank`, as used here, never did either.

The table is rebuilt from `search_entries` with the same numbers as 0010 gave its rows.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-22
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# The numbers of migration 0010 (`search.index.KIND_CODES`): stored data, never changed.
CODES = {"actor": 1, "meeting": 2, "statement": 3, "figure": 4, "pledge": 5, "source": 6}
NUMBER = "CASE kind " + " ".join(f"WHEN '{k}' THEN {c}" for k, c in CODES.items()) + " END"


def _recreate(options: str) -> None:
    op.execute("DROP TABLE search_fts")
    op.execute(f"CREATE VIRTUAL TABLE search_fts USING fts5(title, body, {options})")
    op.execute(
        f"INSERT INTO search_fts (rowid, title, body) SELECT ({NUMBER}) * {2**40} + ref_id,"
        " title, body FROM search_entries"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate("content='', columnsize=0")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate("content=''")
