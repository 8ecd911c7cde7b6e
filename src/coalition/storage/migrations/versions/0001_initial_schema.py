"""Initial schema: the sourced record, its marker table and the append-only ledger.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

import coalition.storage.base
from coalition.storage.migrations.triggers import append_only, drop_append_only

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("created_at", coalition.storage.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
        sa.UniqueConstraint("key", name=op.f("uq_records_key")),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_records_kind"), ["kind"], unique=False)

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_note", sa.Text(), nullable=True),
        sa.Column("retrieved_at", coalition.storage.base.UTCDateTime(), nullable=True),
        sa.Column("content_hash", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", coalition.storage.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("key", name=op.f("uq_sources_key")),
    )
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sources_content_hash"), ["content_hash"], unique=False)

    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "actor_kind",
            sa.Enum(
                "country",
                "organisation",
                "person",
                "group",
                name="actorkind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_actors_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
        sa.UniqueConstraint("code", name=op.f("uq_actors_code")),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_actor_kind"), ["actor_kind"], unique=False)

    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("candidate_type", sa.String(length=40), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("spans", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "rejected",
                name="candidatestatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("created_at", coalition.storage.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_candidates_record_id_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidates")),
        sa.UniqueConstraint("key", name=op.f("uq_candidates_key")),
    )
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_candidates_candidate_type"), ["candidate_type"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_candidates_record_id"), ["record_id"], unique=False)

    op.create_table(
        "coalitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("founded", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_coalitions_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coalitions")),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("entered_by", sa.String(length=300), nullable=True),
        sa.Column("entered_at", coalition.storage.base.UTCDateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(source_id IS NOT NULL AND span_start IS NOT NULL AND span_end IS NOT NULL AND span_start >= 0 AND span_end >= span_start) OR (source_id IS NULL AND entered_by IS NOT NULL AND entered_at IS NOT NULL)",
            name=op.f("ck_evidence_span_or_manual"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_evidence_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_evidence_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_source_id"), ["source_id"], unique=False)

    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column(
            "alias_kind",
            sa.Enum(
                "name",
                "demonym",
                name="aliaskind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("normalized", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_aliases_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aliases")),
        sa.UniqueConstraint(
            "actor_id", "normalized", "alias_kind", name=op.f("uq_aliases_actor_id")
        ),
    )
    with op.batch_alter_table("aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aliases_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_aliases_normalized"), ["normalized"], unique=False)

    op.create_table(
        "bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coalition_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column(
            "body_kind",
            sa.Enum(
                "small_group",
                "working_group",
                "focus_group",
                "other",
                name="bodykind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("established", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["coalition_id"], ["coalitions.id"], name=op.f("fk_bodies_coalition_id_coalitions")
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_bodies_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bodies")),
    )
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bodies_coalition_id"), ["coalition_id"], unique=False)

    op.create_table(
        "coalition_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coalition_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["coalition_id"],
            ["coalitions.id"],
            name=op.f("fk_coalition_names_coalition_id_coalitions"),
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_coalition_names_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coalition_names")),
    )
    with op.batch_alter_table("coalition_names", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coalition_names_coalition_id"), ["coalition_id"], unique=False
        )

    op.create_table(
        "figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("value", coalition.storage.base.Amount(precision=28, scale=6), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column(
            "qualifier",
            sa.Enum(
                "more than",
                "at least",
                "about",
                "fewer than",
                "at most",
                name="qualifier",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_figures_id_records")),
        sa.ForeignKeyConstraint(
            ["place_id"], ["actors.id"], name=op.f("fk_figures_place_id_actors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figures")),
    )
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figures_as_of"), ["as_of"], unique=False)
        batch_op.create_index(batch_op.f("ix_figures_place_id"), ["place_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_figures_subject"), ["subject"], unique=False)

    op.create_table(
        "lines_of_effort",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coalition_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["coalition_id"],
            ["coalitions.id"],
            name=op.f("fk_lines_of_effort_coalition_id_coalitions"),
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_lines_of_effort_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lines_of_effort")),
    )
    with op.batch_alter_table("lines_of_effort", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lines_of_effort_coalition_id"), ["coalition_id"], unique=False
        )

    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coalition_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "ministerial",
                "small_group",
                "defence_ministerial",
                "political_directors",
                "working_group",
                "pledging_conference",
                "leaders",
                "other",
                name="meetinglevel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "format",
            sa.Enum(
                "in_person",
                "virtual",
                "hybrid",
                name="meetingformat",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "announced",
                "held",
                "cancelled",
                name="meetingstatus",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("venue", sa.Text(), nullable=True),
        sa.Column("country_id", sa.Integer(), nullable=True),
        sa.Column("track", sa.Text(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("invited_count", sa.Integer(), nullable=True),
        sa.Column(
            "invited_qualifier",
            sa.Enum(
                "more than",
                "at least",
                "about",
                "fewer than",
                "at most",
                name="invited_qualifier",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("attending_count", sa.Integer(), nullable=True),
        sa.Column(
            "attending_qualifier",
            sa.Enum(
                "more than",
                "at least",
                "about",
                "fewer than",
                "at most",
                name="attending_qualifier",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("outcomes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_meetings_dates"),
        ),
        sa.ForeignKeyConstraint(
            ["coalition_id"], ["coalitions.id"], name=op.f("fk_meetings_coalition_id_coalitions")
        ),
        sa.ForeignKeyConstraint(
            ["country_id"], ["actors.id"], name=op.f("fk_meetings_country_id_actors")
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_meetings_id_records")),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["meetings.id"], name=op.f("fk_meetings_parent_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meetings_coalition_id"), ["coalition_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meetings_country_id"), ["country_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_start_date"), ["start_date"], unique=False)

    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coalition_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "member",
                "observer",
                name="membershiprole",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("joined", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("observed_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "joined IS NOT NULL OR observed_on IS NOT NULL", name=op.f("ck_memberships_dated")
        ),
        sa.CheckConstraint(
            "left_on IS NULL OR joined IS NULL OR left_on >= joined",
            name=op.f("ck_memberships_dates"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_memberships_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["coalition_id"], ["coalitions.id"], name=op.f("fk_memberships_coalition_id_coalitions")
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_memberships_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
    )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_memberships_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_memberships_coalition_id"), ["coalition_id"], unique=False
        )

    op.create_table(
        "offices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "head_of_state",
                "head_of_government",
                "foreign_minister",
                "deputy_foreign_minister",
                "defence_minister",
                "special_envoy",
                "military_commander",
                "un_official",
                "other",
                name="officecategory",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("acting", sa.Boolean(), nullable=False),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_id"], ["actors.id"], name=op.f("fk_offices_holder_id_actors")
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_offices_id_records")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["actors.id"], name=op.f("fk_offices_organisation_id_actors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offices")),
    )
    with op.batch_alter_table("offices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offices_holder_id"), ["holder_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_offices_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "reported_sizes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coalition_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column(
            "qualifier",
            sa.Enum(
                "more than",
                "at least",
                "about",
                "fewer than",
                "at most",
                name="qualifier",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("counts", sa.Text(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coalition_id"],
            ["coalitions.id"],
            name=op.f("fk_reported_sizes_coalition_id_coalitions"),
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_reported_sizes_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reported_sizes")),
    )
    with op.batch_alter_table("reported_sizes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reported_sizes_as_of"), ["as_of"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reported_sizes_coalition_id"), ["coalition_id"], unique=False
        )

    op.create_table(
        "body_leads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "lead",
                "co-lead",
                name="leadrole",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_body_leads_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_body_leads_body_id_bodies")
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_body_leads_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body_leads")),
    )
    with op.batch_alter_table("body_leads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_body_leads_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_body_leads_body_id"), ["body_id"], unique=False)

    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("paragraph", sa.Text(), nullable=True),
        sa.Column("coalition_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("line_id", sa.Integer(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["coalition_id"], ["coalitions.id"], name=op.f("fk_commitments_coalition_id_coalitions")
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_commitments_id_records")),
        sa.ForeignKeyConstraint(
            ["line_id"], ["lines_of_effort.id"], name=op.f("fk_commitments_line_id_lines_of_effort")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_commitments_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitments_coalition_id"), ["coalition_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_commitments_line_id"), ["line_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "meeting_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "host",
                "co_host",
                "chair",
                "invited",
                "attended",
                name="participantrole",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("head_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_meeting_participants_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["head_id"], ["actors.id"], name=op.f("fk_meeting_participants_head_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["id"], ["records.id"], name=op.f("fk_meeting_participants_id_records")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_participants_meeting_id_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_participants")),
    )
    with op.batch_alter_table("meeting_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_participants_actor_id"), ["actor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_participants_head_id"), ["head_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_participants_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "pledges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("donor_id", sa.Integer(), nullable=True),
        sa.Column("amount", coalition.storage.base.Amount(precision=28, scale=6), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "qualifier",
            sa.Enum(
                "more than",
                "at least",
                "about",
                "fewer than",
                "at most",
                name="qualifier",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("purpose", sa.Text(), nullable=True),
        sa.Column("channel", sa.Text(), nullable=True),
        sa.Column("line_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("coalition_id", sa.Integer(), nullable=True),
        sa.Column("pledged_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["coalition_id"], ["coalitions.id"], name=op.f("fk_pledges_coalition_id_coalitions")
        ),
        sa.ForeignKeyConstraint(
            ["donor_id"], ["actors.id"], name=op.f("fk_pledges_donor_id_actors")
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_pledges_id_records")),
        sa.ForeignKeyConstraint(
            ["line_id"], ["lines_of_effort.id"], name=op.f("fk_pledges_line_id_lines_of_effort")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_pledges_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledges")),
    )
    with op.batch_alter_table("pledges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pledges_coalition_id"), ["coalition_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pledges_donor_id"), ["donor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pledges_line_id"), ["line_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pledges_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("speaker_title", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Text(), nullable=True),
        sa.Column("affiliation_id", sa.Integer(), nullable=True),
        sa.Column("said_on", sa.Date(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("context", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "quote IS NOT NULL OR summary IS NOT NULL", name=op.f("ck_statements_content")
        ),
        sa.CheckConstraint(
            "speaker_id IS NOT NULL OR anonymous IS NOT NULL", name=op.f("ck_statements_speaker")
        ),
        sa.ForeignKeyConstraint(
            ["affiliation_id"], ["actors.id"], name=op.f("fk_statements_affiliation_id_actors")
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_statements_id_records")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_statements_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["actors.id"], name=op.f("fk_statements_speaker_id_actors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statements_affiliation_id"), ["affiliation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_statements_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_statements_said_on"), ["said_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_statements_speaker_id"), ["speaker_id"], unique=False)

    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("amount", coalition.storage.base.Amount(precision=28, scale=6), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "qualifier",
            sa.Enum(
                "more than",
                "at least",
                "about",
                "fewer than",
                "at most",
                name="qualifier",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("purpose", sa.Text(), nullable=True),
        sa.Column("coalition_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("set_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["coalition_id"], ["coalitions.id"], name=op.f("fk_targets_coalition_id_coalitions")
        ),
        sa.ForeignKeyConstraint(["id"], ["records.id"], name=op.f("fk_targets_id_records")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_targets_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targets")),
    )
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_targets_coalition_id"), ["coalition_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_targets_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "compliance_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.CheckConstraint("score IN (-1, 0, 1)", name=op.f("ck_compliance_scores_score")),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_compliance_scores_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_compliance_scores_commitment_id_commitments"),
        ),
        sa.ForeignKeyConstraint(
            ["id"], ["records.id"], name=op.f("fk_compliance_scores_id_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_scores")),
    )
    with op.batch_alter_table("compliance_scores", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_compliance_scores_actor_id"), ["actor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_compliance_scores_commitment_id"), ["commitment_id"], unique=False
        )

    op.create_table(
        "funding_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "pledged",
                "committed",
                "allocated",
                "disbursed",
                "revised",
                "cancelled",
                name="transactiontype",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", coalition.storage.base.Amount(precision=28, scale=6), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("transaction_date", sa.Date(), nullable=True),
        sa.Column("fx_rate", coalition.storage.base.Amount(precision=28, scale=6), nullable=True),
        sa.Column("fx_source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["id"], ["records.id"], name=op.f("fk_funding_transactions_id_records")
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name=op.f("fk_funding_transactions_pledge_id_pledges")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_transactions")),
    )
    with op.batch_alter_table("funding_transactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_funding_transactions_pledge_id"), ["pledge_id"], unique=False
        )

    # The marker that tells `open_database` this database is ours.
    meta = op.create_table(
        "coalition_meta",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_coalition_meta")),
    )
    op.bulk_insert(meta, [{"name": "application", "value": "coalition"}])
    append_only("funding_transactions")


def downgrade() -> None:
    drop_append_only("funding_transactions")
    op.drop_table("coalition_meta")
    with op.batch_alter_table("funding_transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_transactions_pledge_id"))

    op.drop_table("funding_transactions")
    with op.batch_alter_table("compliance_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_compliance_scores_commitment_id"))
        batch_op.drop_index(batch_op.f("ix_compliance_scores_actor_id"))

    op.drop_table("compliance_scores")
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_targets_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_targets_coalition_id"))

    op.drop_table("targets")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_statements_said_on"))
        batch_op.drop_index(batch_op.f("ix_statements_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_statements_affiliation_id"))

    op.drop_table("statements")
    with op.batch_alter_table("pledges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pledges_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_pledges_line_id"))
        batch_op.drop_index(batch_op.f("ix_pledges_donor_id"))
        batch_op.drop_index(batch_op.f("ix_pledges_coalition_id"))

    op.drop_table("pledges")
    with op.batch_alter_table("meeting_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_participants_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_participants_head_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_participants_actor_id"))

    op.drop_table("meeting_participants")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_line_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_coalition_id"))

    op.drop_table("commitments")
    with op.batch_alter_table("body_leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_body_leads_body_id"))
        batch_op.drop_index(batch_op.f("ix_body_leads_actor_id"))

    op.drop_table("body_leads")
    with op.batch_alter_table("reported_sizes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reported_sizes_coalition_id"))
        batch_op.drop_index(batch_op.f("ix_reported_sizes_as_of"))

    op.drop_table("reported_sizes")
    with op.batch_alter_table("offices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offices_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_offices_holder_id"))

    op.drop_table("offices")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memberships_coalition_id"))
        batch_op.drop_index(batch_op.f("ix_memberships_actor_id"))

    op.drop_table("memberships")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_start_date"))
        batch_op.drop_index(batch_op.f("ix_meetings_parent_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_country_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_coalition_id"))

    op.drop_table("meetings")
    with op.batch_alter_table("lines_of_effort", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lines_of_effort_coalition_id"))

    op.drop_table("lines_of_effort")
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_figures_subject"))
        batch_op.drop_index(batch_op.f("ix_figures_place_id"))
        batch_op.drop_index(batch_op.f("ix_figures_as_of"))

    op.drop_table("figures")
    with op.batch_alter_table("coalition_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coalition_names_coalition_id"))

    op.drop_table("coalition_names")
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bodies_coalition_id"))

    op.drop_table("bodies")
    with op.batch_alter_table("aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aliases_normalized"))
        batch_op.drop_index(batch_op.f("ix_aliases_actor_id"))

    op.drop_table("aliases")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_source_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_record_id"))

    op.drop_table("evidence")
    op.drop_table("coalitions")
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidates_record_id"))
        batch_op.drop_index(batch_op.f("ix_candidates_candidate_type"))

    op.drop_table("candidates")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_actor_kind"))

    op.drop_table("actors")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sources_content_hash"))

    op.drop_table("sources")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_kind"))

    op.drop_table("records")
