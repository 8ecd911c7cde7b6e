"""Web: indexes the pages' and API lists' queries need at the benchmark's scale.

Figures are read per subject in date order (charts, the subject list), so one index on both
columns replaces the one on the subject alone; pledges are sorted and windowed by their date;
totals look up the few revised or cancelled pledges by the type of their ledger entries.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_figures_subject_as_of", "figures", ["subject", "as_of"], unique=False)
    op.drop_index("ix_figures_subject", table_name="figures")
    op.create_index("ix_pledges_pledged_on", "pledges", ["pledged_on"], unique=False)
    op.create_index(
        "ix_funding_transactions_type_pledge_id",
        "funding_transactions",
        ["type", "pledge_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_funding_transactions_type_pledge_id", table_name="funding_transactions")
    op.drop_index("ix_pledges_pledged_on", table_name="pledges")
    op.create_index("ix_figures_subject", "figures", ["subject"], unique=False)
    op.drop_index("ix_figures_subject_as_of", table_name="figures")
