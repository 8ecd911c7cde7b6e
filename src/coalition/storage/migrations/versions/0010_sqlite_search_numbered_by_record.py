"""SQLite's full-text index numbers each entry by the record it stands for.

Until now a match in `search_fts` was only an entry's id, and its kind and record were looked up in
the narrow `search_kinds` table (0008, 0009): for a word that 35,000 entries hold, 35,000 lookups,
a quarter of a statements search by words. Now each row of the FTS5 table is numbered

    code of the entry's kind * 2**40 + the record's (or source's) id

so a match says its kind and record by itself, the matches of one kind are one range of numbers
(which FTS5 reads alone, skipping the rest of each word's list), and counting the matches per
kind is a division. `search_kinds` and its triggers go.

The FTS5 table becomes contentless: with other numbers than the entries' ids it cannot read its
text from `search_entries` any more, and it never needed to (snippets are written in Python from
the entries; bm25 needs only the index). Entries are taken out of it with the very text they went
in with, as before (`search.index`). The codes are part of the stored data and never change;
`search.index.KIND_CODES` holds the same ones.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CODES = {"actor": 1, "meeting": 2, "statement": 3, "figure": 4, "pledge": 5, "source": 6}
SPAN = 2**40
NUMBER = (
    "CASE kind "
    + " ".join(f"WHEN '{kind}' THEN {code}" for kind, code in CODES.items())
    + f" END * {SPAN} + ref_id"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER search_kinds_added")
    op.execute("DROP TRIGGER search_kinds_removed")
    op.execute("DROP TABLE search_kinds")
    op.execute("DROP TABLE search_fts")
    op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='')")
    op.execute(
        f"INSERT INTO search_fts (rowid, title, body) SELECT {NUMBER}, title, body"
        " FROM search_entries"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE search_fts")
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "title, body, content='search_entries', content_rowid='id')"
    )
    op.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
    op.execute(
        "CREATE TABLE search_kinds"
        " (id INTEGER PRIMARY KEY, kind VARCHAR(20) NOT NULL, ref_id INTEGER)"
    )
    op.execute(
        "CREATE TRIGGER search_kinds_added AFTER INSERT ON search_entries BEGIN"
        " INSERT INTO search_kinds (id, kind, ref_id) VALUES (new.id, new.kind, new.ref_id); END"
    )
    op.execute(
        "CREATE TRIGGER search_kinds_removed AFTER DELETE ON search_entries BEGIN"
        " DELETE FROM search_kinds WHERE id = old.id; END"
    )
    op.execute(
        "INSERT INTO search_kinds (id, kind, ref_id) SELECT id, kind, ref_id FROM search_entries"
    )
