"""PostgreSQL search reads less: statements carry their own words, and entries keep their
tsvector inline.

- The statements list searched by words found its statements through the search index and then
  checked the text in each one's row: two reads per match, over a hundred milliseconds for a word
  that 20,000 statements hold. With a tsvector of each statement's quote and summary in the
  statements table itself (GIN-indexed), the index points at the very rows that are then checked.
- A search entry of a long source outgrew a page's share of room, so PostgreSQL compressed its
  tsvector, and ranking 35,000 matches decompressed every one. The body (read only for the
  snippets of one page) now goes out of line first, which leaves the tsvector inline and plain.
  Rows already stored keep their layout until rewritten: the index is marked for a rebuild.

Neither column has a model (`migrations.UNMODELLED_COLUMNS`). SQLite is unchanged (FTS5).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE statements ADD COLUMN words tsvector GENERATED ALWAYS AS "
        "(to_tsvector('simple', coalesce(quote, '') || ' ' || coalesce(summary, ''))) STORED"
    )
    op.execute("CREATE INDEX ix_statements_words ON statements USING gin (words)")
    op.execute(
        "ALTER TABLE search_entries ALTER COLUMN body SET STORAGE EXTERNAL, "
        "ALTER COLUMN document SET STORAGE MAIN"
    )
    # The next search rebuilds the index (`search.index.refresh`), writing rows the new way.
    op.execute("DELETE FROM coalition_meta WHERE name = 'search_stale'")
    op.execute("INSERT INTO coalition_meta (name, value) VALUES ('search_stale', '1')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE search_entries ALTER COLUMN body SET STORAGE EXTENDED, "
        "ALTER COLUMN document SET STORAGE EXTENDED"
    )
    op.execute("DROP INDEX ix_statements_words")
    op.execute("ALTER TABLE statements DROP COLUMN words")
