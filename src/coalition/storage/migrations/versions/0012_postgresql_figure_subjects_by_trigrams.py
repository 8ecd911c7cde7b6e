"""PostgreSQL finds figures by words of their subject through a trigram index.

Figures are searched by any part of their subject (`ILIKE '%words%'`), which no ordinary index
can answer: PostgreSQL read all 50,000 subjects of the bench database twice, once for the page
and once for the count, 27 ms each, even when none matched. A GIN index of the subjects'
trigrams (the `pg_trgm` extension) answers the same `ILIKE` from the index.

`pg_trgm` ships with PostgreSQL and is trusted, so a database owner may create it. Where it is
not installed or may not be created, the migration goes on without the index: searches stay
correct, only slower, and the reason is logged. SQLite is unchanged (its `LIKE` reads the
subjects from their own index, which is small enough).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-22
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    available = "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'"
    if not bind.execute(sa.text(available)).scalar():
        log.warning("pg_trgm is not available: figures are searched by words without an index")
        return
    try:
        # A savepoint: a refusal must not end the transaction the other migrations run in.
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as error:
        log.warning(
            "pg_trgm could not be created (%s): figures are searched without an index", error.orig
        )
        return
    op.execute(
        "CREATE INDEX ix_figures_subject_trigrams ON figures USING gin (subject gin_trgm_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # The extension stays: other tables or other software may use it.
    op.execute("DROP INDEX IF EXISTS ix_figures_subject_trigrams")
