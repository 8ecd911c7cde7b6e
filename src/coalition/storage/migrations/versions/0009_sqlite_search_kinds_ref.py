"""SQLite's narrow table of search entries also holds the record each entry stands for.

A list searched by words (statements, for one) asks which of its records' entries hold the words.
Through `search_entries` that meant one read of a wide entry row per match to learn its kind and
record: for a word 20,000 statements hold, about 20 ms of the 80 the whole list took. With the
record's id beside the kind in `search_kinds` (0008), the same question is answered from the
narrow table alone.

The insert trigger now copies the record's id too; entries are only ever inserted and deleted,
never updated, so the two triggers still keep the table exact.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ALTER TABLE search_kinds ADD COLUMN ref_id INTEGER")
    op.execute(
        "UPDATE search_kinds SET ref_id ="
        " (SELECT ref_id FROM search_entries WHERE search_entries.id = search_kinds.id)"
    )
    op.execute("DROP TRIGGER search_kinds_added")
    op.execute(
        "CREATE TRIGGER search_kinds_added AFTER INSERT ON search_entries BEGIN"
        " INSERT INTO search_kinds (id, kind, ref_id) VALUES (new.id, new.kind, new.ref_id); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER search_kinds_added")
    op.execute(
        "CREATE TRIGGER search_kinds_added AFTER INSERT ON search_entries BEGIN"
        " INSERT INTO search_kinds (id, kind) VALUES (new.id, new.kind); END"
    )
    op.execute("ALTER TABLE search_kinds DROP COLUMN ref_id")
